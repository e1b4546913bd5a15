"use strict";
// The review workspace of one document: findings in the text and in a list, decisions (accept a fix, reject a
// false alarm, mark resolved) that persist in the browser per document content, bulk and keyboard work, a live
// MQM score, and export/import of decisions for `mtcheck apply`.
(function () {
  var data = JSON.parse(document.getElementById("mtcheck-data").textContent);
  var findings = data.findings;
  var chars = Array.from(data.text);  // offsets are code points, as in the findings
  var byId = {};
  findings.forEach(function (f) {
    byId[f.id] = f;
    f.fixable = f.safety !== "display" && f.suggestions.length > 0;
    f.words = chars.slice(f.start, Math.max(f.end, f.start)).join("");
  });
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var marksOf = {};  // id -> marks in each view
  marks.forEach(function (m) {
    m.getAttribute("data-ids").split(" ").forEach(function (id) { (marksOf[id] = marksOf[id] || []).push(m); });
  });
  function shownMarks(id) {
    return (marksOf[id] || []).filter(function (m) { return !m.closest(".view[hidden]"); });
  }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function shown(s) { return s === "" ? "(remove)" : s; }

  // ---- views (rendered / source) ---------------------------------------------------------------------------
  var views = { rendered: $("rendered"), source: $("source") };
  ["rendered", "source"].forEach(function (name) {
    var button = $("view-" + name);
    if (!button) { return; }
    button.addEventListener("click", function () {
      ["rendered", "source"].forEach(function (other) {
        views[other].hidden = other !== name;
        $("view-" + other).setAttribute("aria-pressed", other === name ? "true" : "false");
      });
    });
  });

  // ---- decisions: state, persistence, undo -----------------------------------------------------------------
  // id -> {decision: "accepted"|"rejected"|"resolved", replacement}; stored per path and content hash, so a
  // changed document never inherits the decisions of its earlier text.
  var KEY = "mtcheck:decisions:v1:" + data.sha256 + ":" + data.path;
  var decisions = {};
  var history = [];
  var storageOk = true;
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (saved && saved.decisions) {
        saved.decisions.forEach(function (d) {
          var f = findings.find(function (g) { return g.rule === d.rule && g.start === d.start && g.end === d.end; });
          if (f) { decisions[f.id] = { decision: d.decision, replacement: d.replacement || "" }; }
        });
      }
    } catch (e) { storageOk = false; }
  }
  function records() {
    return Object.keys(decisions).map(function (id) {
      var f = byId[id];
      return { rule: f.rule, start: f.start, end: f.end, line: f.line, column: f.column, fingerprint: f.fingerprint,
               decision: decisions[id].decision, replacement: decisions[id].replacement };
    });
  }
  function save() {
    if (!storageOk) { return; }
    try {
      if (Object.keys(decisions).length) {
        window.localStorage.setItem(KEY, JSON.stringify({ path: data.path, sha256: data.sha256,
                                                          saved: new Date().toISOString(), decisions: records() }));
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (e) {
      storageOk = false;
      $("storage-warning").hidden = false;
    }
  }
  function setDecision(f, decision, replacement) {
    var before = decisions[f.id] ? { decision: decisions[f.id].decision, replacement: decisions[f.id].replacement } : null;
    if (decision === null) { delete decisions[f.id]; } else { decisions[f.id] = { decision: decision, replacement: replacement || "" }; }
    return { id: f.id, before: before };
  }

  function clashWith(f) {
    return Object.keys(decisions).map(function (id) { return byId[id]; }).filter(function (g) {
      return g.id !== f.id && decisions[g.id].decision === "accepted" && g.start < Math.max(f.end, f.start + 1) &&
        f.start < Math.max(g.end, g.start + 1);
    })[0];
  }

  // Decide for many findings at once (one undo step). Returns notes for what could not be done.
  function decide(list, decision, replacementOf) {
    var step = [];
    var notes = [];
    list.forEach(function (f) {
      if (decision === "accepted" && !f.fixable) { notes.push(f); return; }
      var current = decisions[f.id];
      var replacement = decision === "accepted" ? (replacementOf ? replacementOf(f) : f.suggestions[0]) : "";
      if (current && current.decision === decision && current.replacement === replacement) {
        if (list.length === 1) { step.push(setDecision(f, null)); }  // pressing it again takes it back
        return;
      }
      if (decision === "accepted") {
        var other = clashWith(f);
        if (other) { notes.push(f); f.clash = other; return; }
      }
      step.push(setDecision(f, decision, replacement));
    });
    if (step.length) { history.push(step); }
    changed(step.map(function (s) { return s.id; }), notes);
    return notes;
  }
  function undo() {
    var step = history.pop();
    if (!step) { return; }
    step.slice().reverse().forEach(function (s) {
      if (s.before) { decisions[s.id] = s.before; } else { delete decisions[s.id]; }
    });
    changed(step.map(function (s) { return s.id; }), []);
    if (step.length === 1) { focusItem(step[0].id); }
  }

  // ---- the live score ----------------------------------------------------------------------------------------
  function weight(f) {
    var w = data.weights;
    if (f.category === "Accuracy/Untranslated text" && (f.severity === "major" || f.severity === "critical")) {
      return w.non_translation;
    }
    if (f.severity === "minor") { return f.category === "Fluency/Punctuation" ? w.minor_punctuation : w.minor; }
    return { neutral: 0, major: w.major, critical: w.critical }[f.severity] || 0;
  }
  function score() {
    var points = 0;
    var alarms = 0;
    findings.forEach(function (f) {
      if (decisions[f.id] && decisions[f.id].decision === "rejected") { alarms += 1; return; }
      points += weight(f);
    });
    var perKw = data.words ? 1000 * points / data.words : 0;
    $("mqm").textContent = "MQM penalty " + perKw.toFixed(2) + " per 1,000 words" +
      (alarms ? " (" + alarms + " false alarm" + (alarms === 1 ? "" : "s") + " left out)" : "");
    var counts = { accepted: 0, rejected: 0, resolved: 0 };
    Object.keys(decisions).forEach(function (id) { counts[decisions[id].decision] += 1; });
    $("progress").textContent = Object.keys(decisions).length + " of " + findings.length + " reviewed · " +
      counts.accepted + " accepted, " + counts.rejected + " rejected, " + counts.resolved + " resolved";
  }

  // ---- the text shows each decision in place -----------------------------------------------------------------
  function paint(id) {
    var d = decisions[id];
    (marksOf[id] || []).forEach(function (m) {
      var ds = m.getAttribute("data-ids").split(" ").map(function (x) { return decisions[x]; });
      m.classList.toggle("accepted", ds.some(function (x) { return x && x.decision === "accepted"; }));
      m.classList.toggle("rejected", ds.every(function (x) { return x && x.decision === "rejected"; }));
      m.classList.toggle("resolved", ds.every(function (x) { return x && x.decision !== "accepted"; }) &&
        ds.some(function (x) { return x && x.decision === "resolved"; }));
    });
    document.querySelectorAll('ins.fix[data-id="' + id + '"]').forEach(function (e) { e.remove(); });
    if (d && d.decision === "accepted") {
      ["rendered", "source"].forEach(function (view) {
        var container = view === "source" ? $("doc") : views.rendered;
        if (!container) { return; }
        var ms = (marksOf[id] || []).filter(function (m) { return container.contains(m); });
        if (!ms.length) { return; }
        var ins = el("ins", "fix", d.replacement === "" ? "" : d.replacement);
        ins.setAttribute("data-id", id);
        ins.title = "accepted: " + shown(d.replacement);
        ms[ms.length - 1].after(ins);
      });
    }
  }

  // ---- filters and the side list -----------------------------------------------------------------------------
  var filterKeys = ["category", "severity", "engine", "rule", "state"];
  var selects = {};
  filterKeys.forEach(function (key) {
    var sel = $("filter-" + key);
    selects[key] = sel;
    if (key !== "state") {
      var values = {};
      findings.forEach(function (f) { values[f[key]] = (values[f[key]] || 0) + 1; });
      Object.keys(values).sort().forEach(function (v) {
        var o = el("option", null, v + " (" + values[v] + ")");
        o.value = v;
        sel.appendChild(o);
      });
    }
    sel.addEventListener("change", function () { limit = PAGE; render(); });
  });
  function stateOf(f) { return decisions[f.id] ? decisions[f.id].decision : "open"; }
  function visible(f) {
    return filterKeys.every(function (key) {
      var want = selects[key].value;
      if (!want) { return true; }
      return key === "state" ? stateOf(f) === want : f[key] === want;
    });
  }

  var PAGE = 200;
  var limit = PAGE;
  var list = $("list");
  var selected = {};
  var current = null;  // id of the finding the keyboard works on

  function render() {
    var vis = findings.filter(visible);
    var on = {};
    vis.forEach(function (f) { on[f.id] = true; });
    marks.forEach(function (m) {
      var any = m.getAttribute("data-ids").split(" ").some(function (id) { return on[id]; });
      m.classList.toggle("off", !any);
      m.tabIndex = any ? 0 : -1;
    });
    list.textContent = "";
    vis.slice(0, limit).forEach(function (f) { list.appendChild(item(f)); });
    if (vis.length > limit) {
      var li = el("li", "more");
      var b = el("button", null, "Show " + Math.min(PAGE, vis.length - limit) + " more of " + (vis.length - limit));
      b.type = "button";
      b.addEventListener("click", function () { limit += PAGE; render(); });
      li.appendChild(b);
      list.appendChild(li);
    }
    $("count").textContent = vis.length + " of " + findings.length + " findings shown";
    bulkLabels();
  }

  function button(cls, label, title, onClick) {
    var b = el("button", cls, label);
    b.type = "button";
    if (title) { b.title = title; }
    b.addEventListener("click", function (ev) { ev.stopPropagation(); onClick(); });
    return b;
  }

  function item(f) {
    var li = el("li");
    li.id = "item-" + f.id;
    li.tabIndex = -1;
    li.setAttribute("data-id", f.id);
    var state = stateOf(f);
    li.classList.add("state-" + state);
    if (f.id === current) { li.classList.add("current"); }
    var head = el("div", "where");
    var box = el("input");
    box.type = "checkbox";
    box.className = "pick";
    box.checked = !!selected[f.id];
    box.setAttribute("aria-label", "select this finding");
    box.addEventListener("click", function (ev) { ev.stopPropagation(); });
    box.addEventListener("change", function () {
      if (box.checked) { selected[f.id] = true; } else { delete selected[f.id]; }
      bulkLabels();
    });
    head.appendChild(box);
    head.appendChild(el("span", "sevtag sev sev-" + f.severity, f.severity));
    head.appendChild(document.createTextNode("line " + f.line + " · " + f.category));
    if (state !== "open") { head.appendChild(el("span", "statetag", state)); }
    li.appendChild(head);
    var words = el("q", "words", !f.words.trim() ? (f.words ? "␣ (space)" : "(here)")
                                 : f.words.length > 80 ? f.words.slice(0, 77) + "…" : f.words);
    li.appendChild(words);
    li.appendChild(el("span", "msg", f.message));
    if (f.source) { li.appendChild(el("span", "source", "Source: " + f.source)); }
    li.appendChild(el("span", "rule", f.rule + " · " + f.engine + (f.fixable ? " · fix: " + f.safety : "")));
    var actions = el("div", "actions");
    var d = decisions[f.id];
    var choice = null;
    if (f.fixable) {
      choice = el("select");
      choice.setAttribute("aria-label", "replacement");
      f.suggestions.forEach(function (s) {
        var o = el("option", null, shown(s));
        o.value = s;
        choice.appendChild(o);
      });
      if (d && d.decision === "accepted") { choice.value = d.replacement; }
      choice.addEventListener("click", function (ev) { ev.stopPropagation(); });
      choice.addEventListener("change", function () {
        if (decisions[f.id] && decisions[f.id].decision === "accepted") {
          decide([f], "accepted", function () { return choice.value; });
        }
      });
      actions.appendChild(choice);
      actions.appendChild(button("accept", "Accept", "Apply this fix (a)", function () {
        act(f, "accepted", choice.value);
      }));
      actions.appendChild(button("reject", "Reject", "A false alarm: leaves the score (r)", function () {
        act(f, "rejected");
      }));
    } else {
      if (f.suggestions.length) {
        actions.appendChild(el("span", "hint", "→ " + f.suggestions.slice(0, 3).map(shown).join(" | ")));
      }
      actions.appendChild(button("resolve", "Resolved", "Fixed by hand or acknowledged (s)", function () {
        act(f, "resolved");
      }));
      actions.appendChild(button("reject", "False alarm", "Not a problem: leaves the score (r)", function () {
        act(f, "rejected");
      }));
    }
    actions.querySelectorAll("button").forEach(function (b) {
      var mine = { accept: "accepted", reject: "rejected", resolve: "resolved" }[b.className];
      b.setAttribute("aria-pressed", d && d.decision === mine ? "true" : "false");
    });
    var note = el("span", "note");
    note.setAttribute("role", "status");
    if (f.clash) {
      note.textContent = "Overlaps the accepted fix of " + f.clash.rule + " (line " + f.clash.line + ")";
      delete f.clash;
    }
    actions.appendChild(note);
    li.appendChild(actions);
    li.addEventListener("click", function () { goTo(f.id, true); });
    li.addEventListener("keydown", function (ev) {
      if (ev.target === li && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); goTo(f.id, true); }
    });
    return li;
  }

  function act(f, decision, replacement) {
    decide([f], decision, function () { return replacement; });
    if (decisions[f.id]) { next(1, true); } else { focusItem(f.id); }
  }

  function changed(ids, notes) {
    ids.forEach(paint);
    notes.forEach(function (f) { ids.push(f.id); });
    var vis = findings.filter(visible);
    ids.forEach(function (id) {
      var li = $("item-" + id);
      if (li) {
        var f = byId[id];
        if (vis.indexOf(f) >= 0) { li.replaceWith(item(f)); } else { li.remove(); }
      }
    });
    save();
    score();
    preview();
    bulkLabels();
  }

  // ---- moving around -----------------------------------------------------------------------------------------
  function ensureListed(id) {
    var vis = findings.filter(visible);
    var pos = vis.findIndex(function (f) { return f.id === id; });
    if (pos >= limit) { limit = pos + 1; render(); }
  }
  function focusItem(id) {
    ensureListed(id);
    document.querySelectorAll("#list li.current").forEach(function (e) { e.classList.remove("current"); });
    current = id;
    var li = $("item-" + id);
    if (li) {
      li.classList.add("current");
      li.focus({ preventScroll: true });
      li.scrollIntoView({ block: "nearest" });
    }
  }
  function goTo(id, fromList) {
    document.querySelectorAll("mark.current").forEach(function (e) { e.classList.remove("current"); });
    var ms = shownMarks(id);
    if (ms.length) {
      ms[0].classList.add("current");
      ms[0].scrollIntoView({ block: "center" });
    }
    focusItem(id);
  }
  function next(step, undecidedFirst) {
    var vis = findings.filter(visible);
    if (!vis.length) { return; }
    var pos = vis.findIndex(function (f) { return f.id === current; });
    var n = vis.length;
    for (var k = 1; k <= n; k++) {
      var f = vis[((pos < 0 ? (step > 0 ? -1 : 0) : pos) + step * k + n * n) % n];
      if (!undecidedFirst || !decisions[f.id]) { goTo(f.id); return; }
    }
    if (undecidedFirst) { next(step, false); }
  }

  // ---- bulk ----------------------------------------------------------------------------------------------------
  function targets() {
    var picked = Object.keys(selected).map(function (id) { return byId[id]; });
    return picked.length ? picked : findings.filter(visible);
  }
  function bulkLabels() {
    var n = Object.keys(selected).length;
    var what = n ? n + " selected" : findings.filter(visible).length + " shown";
    $("bulk-scope").textContent = what;
    $("select-shown").checked = n > 0 && findings.filter(visible).every(function (f) { return selected[f.id]; });
  }
  $("select-shown").addEventListener("change", function (ev) {
    findings.filter(visible).forEach(function (f) {
      if (ev.target.checked) { selected[f.id] = true; } else { delete selected[f.id]; }
    });
    render();
  });
  function bulk(decision) {
    var list = targets();
    var notes = decide(list, decision);
    var skipped = notes.length;
    $("bulk-note").textContent = skipped ? skipped + " not accepted (display-only, or overlapping an accepted fix)" : "";
    selected = {};
    render();
  }
  $("bulk-accept").addEventListener("click", function () { bulk("accepted"); });
  $("bulk-reject").addEventListener("click", function () { bulk("rejected"); });
  $("bulk-resolve").addEventListener("click", function () { bulk("resolved"); });
  $("bulk-undo").addEventListener("click", undo);

  // ---- keyboard --------------------------------------------------------------------------------------------------
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    if (t && (t.tagName === "SELECT" || t.tagName === "INPUT" || t.tagName === "TEXTAREA")) { return; }
    if (ev.key === "Escape") { closePop(); return; }
    var f = current ? byId[current] : null;
    var handled = true;
    switch (ev.key) {
      case "j": case "n": case "ArrowDown": next(1, false); break;
      case "k": case "p": case "ArrowUp": next(-1, false); break;
      case "a": if (f && f.fixable) { act(f, "accepted", (decisions[f.id] || {}).replacement || f.suggestions[0]); } break;
      case "r": if (f) { act(f, "rejected"); } break;
      case "s": if (f && !f.fixable) { act(f, "resolved"); } break;
      case "u": undo(); break;
      case "x": if (f) { if (selected[f.id]) { delete selected[f.id]; } else { selected[f.id] = true; } changed([f.id], []); focusItem(f.id); } break;
      case "?": $("keys").open = !$("keys").open; break;
      default: handled = false;
    }
    if (handled && (ev.key.indexOf("Arrow") === 0 || ev.key.length === 1)) { ev.preventDefault(); }
  });

  // ---- the highlight's popover: decide where the text is ---------------------------------------------------------
  var pop = $("pop");
  var tip = $("tip");
  var popFor = null;
  function closePop() {
    pop.hidden = true;
    if (popFor) { popFor.focus({ preventScroll: true }); }
    popFor = null;
  }
  function place(box, m) {
    var r = m.getBoundingClientRect();
    box.style.left = Math.max(4, Math.min(r.left, window.innerWidth - box.offsetWidth - 8)) + "px";
    var below = r.bottom + 6;
    box.style.top = (below + box.offsetHeight > window.innerHeight - 8 ? Math.max(4, r.top - box.offsetHeight - 6) : below) + "px";
  }
  function openPop(m) {
    hideTip();
    pop.textContent = "";
    m.getAttribute("data-ids").split(" ").forEach(function (id) {
      var f = byId[id];
      if (!f || !visible(f)) { return; }
      var box = el("div", "pop-item");
      box.appendChild(el("span", "sevtag sev sev-" + f.severity, f.severity));
      box.appendChild(document.createTextNode(f.message));
      if (f.source) { box.appendChild(el("div", "source", "Source: " + f.source)); }
      box.appendChild(el("div", "rule", f.rule + " · " + f.category));
      var actions = el("div", "actions");
      if (f.fixable) {
        f.suggestions.slice(0, 4).forEach(function (s) {
          actions.appendChild(button("accept", "Accept → " + shown(s), "Apply this fix", function () {
            decide([f], "accepted", function () { return s; });
            closePop();
          }));
        });
        actions.appendChild(button("reject", "Reject", "A false alarm", function () { decide([f], "rejected"); closePop(); }));
      } else {
        actions.appendChild(button("resolve", "Resolved", "", function () { decide([f], "resolved"); closePop(); }));
        actions.appendChild(button("reject", "False alarm", "", function () { decide([f], "rejected"); closePop(); }));
      }
      if (decisions[f.id]) {
        actions.appendChild(el("span", "statetag", decisions[f.id].decision));
      }
      box.appendChild(actions);
      pop.appendChild(box);
      focusItem(f.id);
    });
    if (!pop.childNodes.length) { return; }
    popFor = m;
    pop.hidden = false;
    place(pop, m);
    var first = pop.querySelector("button");
    if (first) { first.focus({ preventScroll: true }); }
  }
  function showTip(m) {
    if (!pop.hidden) { return; }
    tip.textContent = "";
    m.getAttribute("data-ids").split(" ").forEach(function (id) {
      var f = byId[id];
      if (!f || !visible(f)) { return; }
      var p = el("div");
      p.appendChild(el("span", "sevtag", f.severity));
      p.appendChild(document.createTextNode(f.message));
      if (f.suggestions.length) { p.appendChild(el("div", null, "→ " + f.suggestions.slice(0, 3).map(shown).join(" | "))); }
      p.appendChild(el("div", "rule", f.rule + " · " + f.category));
      tip.appendChild(p);
    });
    if (!tip.childNodes.length) { return; }
    tip.style.display = "block";
    place(tip, m);
  }
  function hideTip() { tip.style.display = "none"; }
  marks.forEach(function (m) {
    m.addEventListener("mouseenter", function () { showTip(m); });
    m.addEventListener("mouseleave", hideTip);
    m.addEventListener("focus", function () { showTip(m); });
    m.addEventListener("blur", hideTip);
    m.addEventListener("click", function (ev) { ev.stopPropagation(); openPop(m); });
    m.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); ev.stopPropagation(); openPop(m); }
    });
  });
  document.addEventListener("click", function (ev) {
    if (!pop.hidden && !pop.contains(ev.target)) { closePop(); }
  });

  // ---- corrected text, export, import ----------------------------------------------------------------------------
  function corrected() {
    var out = chars.slice();
    Object.keys(decisions).filter(function (id) { return decisions[id].decision === "accepted"; })
      .map(function (id) { return byId[id]; }).sort(function (a, b) { return b.start - a.start; })
      .forEach(function (f) { out.splice(f.start, f.end - f.start, decisions[f.id].replacement); });
    return out.join("");
  }
  function preview() {
    var n = Object.keys(decisions).filter(function (id) { return decisions[id].decision === "accepted"; }).length;
    $("accepted-count").textContent = n + " accepted";
    if ($("preview").open) { $("preview-text").textContent = corrected(); }
  }
  $("preview").addEventListener("toggle", preview);
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
  $("download-text").addEventListener("click", function () { download(base, corrected(), "text/plain;charset=utf-8"); });
  $("download-decisions").addEventListener("click", function () {
    var doc = { format: "mtcheck-decisions", version: 1,
                documents: [{ path: data.path, sha256: data.sha256, decisions: records() }] };
    download(base + ".decisions.json", JSON.stringify(doc, null, 2), "application/json");
  });
  $("import-decisions").addEventListener("change", function (ev) {
    var file = ev.target.files[0];
    if (!file) { return; }
    file.text().then(function (text) {
      var msg;
      try {
        var doc = JSON.parse(text);
        var mine = (doc.documents || []).filter(function (d) { return d.path === data.path; });
        var same = mine.filter(function (d) { return d.sha256 === data.sha256; })[0];
        if (!same) {
          msg = mine.length ? "These decisions are for another version of this document: not imported."
                            : "No decisions for this document in " + file.name + ".";
        } else {
          var step = [];
          var missing = 0;
          same.decisions.forEach(function (d) {
            var f = findings.find(function (g) { return g.rule === d.rule && g.start === d.start && g.end === d.end; });
            if (!f || (d.decision === "accepted" && !f.fixable)) { missing += 1; return; }
            step.push(setDecision(f, d.decision, d.replacement));
          });
          if (step.length) { history.push(step); }
          changed(step.map(function (s) { return s.id; }), []);
          render();
          msg = step.length + " decision" + (step.length === 1 ? "" : "s") + " imported" + (missing ? ", " + missing + " did not match" : "") + ".";
        }
      } catch (e) { msg = file.name + " is not a decisions file."; }
      $("import-note").textContent = msg;
      ev.target.value = "";
    });
  });

  load();
  if (!storageOk) { $("storage-warning").hidden = false; }
  Object.keys(decisions).forEach(paint);
  render();
  score();
  preview();
  document.body.setAttribute("data-ready", "true");
})();
