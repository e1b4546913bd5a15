"use strict";
// The index: sortable documents table, review progress read from the decisions each document page keeps in this
// browser, and one export of every document's decisions for `mtcheck apply`.
(function () {
  var data = JSON.parse(document.getElementById("mtcheck-index").textContent);
  var table = document.getElementById("documents");
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function value(row, i, type) {
    var cell = row.cells[i];
    if (type === "num") { return parseFloat(cell.getAttribute("data-value")) || 0; }
    return cell.textContent.trim().toLowerCase();
  }
  heads.forEach(function (th, i) {
    th.querySelector("button").addEventListener("click", function () {
      var type = th.getAttribute("data-type");
      var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" :
                th.getAttribute("aria-sort") === "ascending" ? "descending" : (type === "num" ? "descending" : "ascending");
      heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir);
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, i, type), y = value(b, i, type);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return dir === "ascending" ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  function saved(doc) {
    try {
      return JSON.parse(window.localStorage.getItem("mtcheck:decisions:v1:" + doc.sha256 + ":" + doc.path) || "null");
    } catch (e) { return null; }
  }
  var byPath = {};
  data.documents.forEach(function (d) { byPath[d.path] = d; });
  // review progress, from what the document pages keep in this browser; kept current when a page in another tab
  // (or one left a moment ago) writes its decisions
  function refresh() {
    var reviewed = 0;
    var total = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var doc = byPath[row.getAttribute("data-path")];
      var s = doc ? saved(doc) : null;
      var n = s ? s.decisions.length : 0;
      reviewed += n;
      total += doc ? doc.findings : 0;
      var cell = row.querySelector(".reviewed");
      cell.setAttribute("data-value", doc && doc.findings ? n / doc.findings : 0);
      cell.textContent = doc && doc.findings ? n + " / " + doc.findings : "";
    });
    document.getElementById("review-total").textContent = reviewed + " of " + total + " findings reviewed in this browser";
  }
  refresh();
  window.addEventListener("storage", refresh);
  window.addEventListener("pageshow", refresh);
  document.getElementById("export-all").addEventListener("click", function () {
    var docs = data.documents.map(function (d) {
      var s = saved(d);
      return s ? { path: d.path, sha256: d.sha256, decisions: s.decisions } : null;
    }).filter(Boolean);
    var url = URL.createObjectURL(new Blob([JSON.stringify({ format: "mtcheck-decisions", version: 1, documents: docs }, null, 2)],
                                           { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "mtcheck-decisions.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
  document.body.setAttribute("data-ready", "true");
})();
