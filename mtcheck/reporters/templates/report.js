"use strict";
(function () {
  var data = JSON.parse(document.getElementById("mtcheck-data").textContent);
  var findings = data.findings;
  var byId = {};
  findings.forEach(function (f) { byId[f.id] = f; });
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var firstMark = {};
  // Markdown, MDX and reStructuredText pages have two views, rendered and source: each finding goes to its
  // highlight in the view on screen.
  function indexMarks() {
    firstMark = {};
    marks.forEach(function (m) {
      if (m.closest(".view[hidden]")) { return; }
      m.getAttribute("data-ids").split(" ").forEach(function (id) {
        if (!(id in firstMark)) { firstMark[id] = m; }
      });
    });
  }
  indexMarks();
  var views = { rendered: document.getElementById("rendered"), source: document.getElementById("source") };
  ["rendered", "source"].forEach(function (name) {
    var button = document.getElementById("view-" + name);
    if (!button) { return; }
    button.addEventListener("click", function () {
      ["rendered", "source"].forEach(function (other) {
        views[other].hidden = other !== name;
        document.getElementById("view-" + other).setAttribute("aria-pressed", other === name ? "true" : "false");
      });
      indexMarks();
    });
  });
  var decisions = {};   // id -> {decision: "accepted"|"rejected", replacement: string}
  var PAGE = 200;
  var shown = PAGE;
  var list = document.getElementById("list");
  var tip = document.getElementById("tip");
  var countEl = document.getElementById("count");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // ---- filters -------------------------------------------------------------------------------------------
  var filterKeys = ["category", "severity", "engine", "rule"];
  var selects = {};
  filterKeys.forEach(function (key) {
    var sel = document.getElementById("filter-" + key);
    selects[key] = sel;
    var values = {};
    findings.forEach(function (f) { values[f[key]] = (values[f[key]] || 0) + 1; });
    Object.keys(values).sort().forEach(function (v) {
      var o = el("option", null, v + " (" + values[v] + ")");
      o.value = v;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () { shown = PAGE; render(); });
  });

  function visible(f) {
    return filterKeys.every(function (key) { return !selects[key].value || f[key] === selects[key].value; });
  }

  // ---- side list (paginated: large documents stay responsive) ----------------------------------------------
  function render() {
    var vis = findings.filter(visible);
    var visSet = {};
    vis.forEach(function (f) { visSet[f.id] = true; });
    marks.forEach(function (m) {
      var on = m.getAttribute("data-ids").split(" ").some(function (id) { return visSet[id]; });
      m.classList.toggle("off", !on);
      m.tabIndex = on ? 0 : -1;
    });
    list.textContent = "";
    vis.slice(0, shown).forEach(function (f) { list.appendChild(item(f)); });
    if (vis.length > shown) {
      var li = el("li", "more");
      var b = el("button", null, "Show " + Math.min(PAGE, vis.length - shown) + " more of " + (vis.length - shown));
      b.type = "button";
      b.addEventListener("click", function () { shown += PAGE; render(); });
      li.appendChild(b);
      list.appendChild(li);
    }
    countEl.textContent = vis.length + " of " + findings.length + " findings";
  }

  function item(f) {
    var li = el("li");
    li.id = "item-" + f.id;
    li.tabIndex = 0;
    li.setAttribute("data-id", f.id);
    var where = el("span", "where");
    where.appendChild(el("span", "sevtag sev sev-" + f.severity, f.severity));
    where.appendChild(document.createTextNode("line " + f.line + ", col " + f.column + " · " + f.category));
    li.appendChild(where);
    li.appendChild(el("span", "msg", f.message));
    li.appendChild(el("span", "rule", f.rule + " · " + f.engine));
    if (f.suggestions.length) {
      var actions = el("div", "actions");
      var choice = el("select");
      choice.setAttribute("aria-label", "replacement");
      f.suggestions.forEach(function (s) {
        var o = el("option", null, s === "" ? "(remove)" : s);
        o.value = s;
        choice.appendChild(o);
      });
      var d = decisions[f.id];
      if (d) { choice.value = d.replacement; }
      var acc = el("button", "accept", "Accept");
      var rej = el("button", "reject", "Reject");
      acc.type = rej.type = "button";
      acc.setAttribute("aria-pressed", d && d.decision === "accepted" ? "true" : "false");
      rej.setAttribute("aria-pressed", d && d.decision === "rejected" ? "true" : "false");
      var note = el("span", "note");
      acc.addEventListener("click", function (ev) { ev.stopPropagation(); decide(f, "accepted", choice.value, note); });
      rej.addEventListener("click", function (ev) { ev.stopPropagation(); decide(f, "rejected", choice.value, note); });
      choice.addEventListener("click", function (ev) { ev.stopPropagation(); });
      choice.addEventListener("change", function () {
        if (decisions[f.id] && decisions[f.id].decision === "accepted") { decide(f, "accepted", choice.value, note); }
      });
      actions.appendChild(choice);
      actions.appendChild(acc);
      actions.appendChild(rej);
      actions.appendChild(note);
      li.appendChild(actions);
    }
    li.addEventListener("click", function () { goTo(f.id); });
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { goTo(f.id); } });
    return li;
  }

  function goTo(id) {
    var m = firstMark[id];
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    var li = document.getElementById("item-" + id);
    if (li) { li.classList.add("current"); }
    if (m) {
      m.classList.add("current");
      m.scrollIntoView({ block: "center" });
      m.focus({ preventScroll: true });
    }
  }

  // ---- decisions and preview -----------------------------------------------------------------------------
  function overlapping(f) {
    return Object.keys(decisions).map(function (id) { return byId[id]; }).filter(function (g) {
      return g.id !== f.id && decisions[g.id].decision === "accepted" && g.start < f.end && f.start < g.end;
    });
  }

  function decide(f, decision, replacement, note) {
    note.textContent = "";
    var current = decisions[f.id];
    if (current && current.decision === decision && current.replacement === replacement && decision === "rejected") {
      delete decisions[f.id];
    } else if (decision === "accepted") {
      var clash = overlapping(f);
      if (clash.length) {
        note.textContent = "Overlaps the accepted fix of " + clash[0].rule + " (line " + clash[0].line + ")";
        return;
      }
      decisions[f.id] = { decision: "accepted", replacement: replacement };
    } else {
      decisions[f.id] = { decision: "rejected", replacement: replacement };
    }
    var li = document.getElementById("item-" + f.id);
    if (li) { li.replaceWith(item(f)); }
    preview();
  }

  function corrected() {
    var accepted = Object.keys(decisions).filter(function (id) { return decisions[id].decision === "accepted"; })
      .map(function (id) { return byId[id]; }).sort(function (a, b) { return b.start - a.start; });
    var chars = Array.from(data.text);  // offsets are code points, as in the findings
    accepted.forEach(function (f) {
      chars.splice(f.start, f.end - f.start, decisions[f.id].replacement);
    });
    return chars.join("");
  }

  function preview() {
    var n = Object.keys(decisions).filter(function (id) { return decisions[id].decision === "accepted"; }).length;
    document.getElementById("preview-text").textContent = corrected();
    document.getElementById("accepted-count").textContent = n + " accepted";
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  var base = data.path.split(/[\\/]/).pop();
  document.getElementById("download-text").addEventListener("click", function () {
    download(base, corrected(), "text/plain;charset=utf-8");
  });
  document.getElementById("download-decisions").addEventListener("click", function () {
    var out = Object.keys(decisions).map(function (id) {
      var f = byId[id];
      return { path: data.path, rule: f.rule, start: f.start, end: f.end, line: f.line, column: f.column,
               decision: decisions[id].decision, replacement: decisions[id].replacement };
    });
    download(base + ".decisions.json", JSON.stringify(out, null, 2), "application/json");
  });

  // ---- tooltip on hover and keyboard focus ---------------------------------------------------------------
  function showTip(m) {
    tip.textContent = "";
    m.getAttribute("data-ids").split(" ").forEach(function (id) {
      var f = byId[id];
      if (!f || !visible(f)) { return; }
      var p = el("div");
      p.appendChild(el("span", "sevtag", f.severity));
      p.appendChild(document.createTextNode(f.message));
      if (f.suggestions.length) {
        p.appendChild(el("div", null, "→ " + f.suggestions.slice(0, 3).map(function (s) { return s === "" ? "(remove)" : s; }).join(" | ")));
      }
      p.appendChild(el("div", "rule", f.rule + " · " + f.category));
      tip.appendChild(p);
    });
    if (!tip.childNodes.length) { return; }
    var r = m.getBoundingClientRect();
    tip.style.display = "block";
    tip.style.left = Math.max(4, Math.min(r.left, window.innerWidth - 430)) + "px";
    tip.style.top = (r.bottom + 6 > window.innerHeight - 120 ? r.top - tip.offsetHeight - 6 : r.bottom + 6) + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  marks.forEach(function (m) {
    m.addEventListener("mouseenter", function () { showTip(m); });
    m.addEventListener("mouseleave", hideTip);
    m.addEventListener("focus", function () { showTip(m); });
    m.addEventListener("blur", hideTip);
    m.addEventListener("click", function () {
      var id = m.getAttribute("data-ids").split(" ")[0];
      var pos = findings.filter(visible).findIndex(function (f) { return f.id === id; });
      if (pos >= shown) { shown = pos + 1; render(); }
      var li = document.getElementById("item-" + id);
      if (li) { li.scrollIntoView({ block: "nearest" }); li.classList.add("current"); }
    });
  });

  render();
  preview();
  document.body.setAttribute("data-ready", "true");
})();
