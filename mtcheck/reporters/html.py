"""The annotated HTML report: an index and one page per document, self-contained (inline CSS and JS under a
hash-based Content-Security-Policy, no network), every piece of document text, message and file name escaped
by Jinja2's autoescape."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter, defaultdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from mtcheck import __version__
from mtcheck.findings import Finding, Severity
from mtcheck.fixes import text_sha256
from mtcheck.ownership import previous_report_files, write_marker
from mtcheck.result import RunResult
from mtcheck.scoring import Weights, penalty, per_thousand_words

SEVERITIES = ["critical", "major", "minor", "neutral"]


def _asset(name: str) -> str:
    return resources.files("mtcheck.reporters").joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _environment() -> Environment:
    return Environment(loader=PackageLoader("mtcheck.reporters", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       trim_blocks=False, lstrip_blocks=False)


def _cut(lo: int, hi: int, spans: list[tuple[int, int, str, Severity]]):
    """Cut [lo, hi) at every edge of the spans (start, end, id, severity) inside it; yield each stretch with the
    spans covering it, in one sweep."""
    clipped = [(max(lo, s), min(hi, e), fid, sev) for s, e, fid, sev in spans if s < hi and e > lo]
    bounds = sorted({lo, hi} | {c[0] for c in clipped} | {c[1] for c in clipped})
    starts_at = defaultdict(list)
    for c in clipped:
        starts_at[c[0]].append(c)
    active: list[tuple[int, int, str, Severity]] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [c for c in active if c[1] > a] + starts_at.get(a, [])
        yield a, b, active


def pieces(text: str, findings: list[tuple[str, Finding]]) -> list[dict]:
    """Cut the text at every finding boundary; each piece lists the findings covering it (overlaps included)
    and the most severe one's severity. An empty span is shown on the character after it."""
    spans = []
    for fid, f in findings:
        start, end = f.start, f.end
        if end <= start:
            end = min(len(text), start + 1)
            start = max(0, end - 1)
        spans.append((start, end, fid, f.severity))
    out = []
    for a, b, active in _cut(0, len(text), spans):
        if not active:
            out.append({"text": text[a:b], "ids": []})
        else:
            out.append({"text": text[a:b], "ids": [c[2] for c in active],
                        "severity": max(c[3] for c in active).label})
    return out


def _highlighted(text: str, start: int, end: int, spans: list[tuple[int, int, str, Severity]]) -> str:
    """``text`` (the file's characters ``start..end``) as escaped HTML, cut at finding boundaries, each cut
    inside a finding wrapped in a <mark> like the source view's."""
    out = []
    for a, b, on in _cut(start, end, spans):
        piece = escape(text[a - start : b - start])
        out.append(_mark(piece, on) if on else str(piece))
    return "".join(out)


def _mark(inner, on) -> str:
    sev = max(sp[3] for sp in on)
    narrow = len(str(inner)) < 2 or not str(inner).strip()  # a lone space or mark: widened so it can be seen
    cls = f"hl s-{sev.label}" + (" overlap" if len(on) > 1 else "") + (" narrow" if narrow else "")
    return f'<mark class="{cls}" tabindex="0" data-ids="{" ".join(sp[2] for sp in on)}">{inner}</mark>'


_TAGS = {"heading": "h3", "paragraph": "p", "headline": "h3"}


def rendered(blocks: list[dict], findings: list[tuple[str, Finding]], *, source_language: str | None = None,
             language: str | None = None) -> Markup:
    """The document rendered from its outline: headings, paragraphs, list items, table cells and code blocks,
    with inline code shown as code and every finding highlighted where it is. A bilingual document is shown as
    source beside target, one row a segment, with each finding highlighted in both columns (in the source, on
    what it refers to there). All text is escaped here."""
    if any(b.get("source") is not None for b in blocks):
        return _bitext(blocks, findings, source_language, language)
    spans = [(f.start, max(f.end, f.start + 1), fid, f.severity) for fid, f in findings]
    out: list[str] = []
    open_group = None
    for block in blocks:
        kind = block["kind"]
        group = {"item": "ul", "cell": "div"}.get(kind)
        if group != open_group:
            if open_group:
                out.append(f"</{open_group}>")
            if group:
                out.append("<ul>" if group == "ul" else '<div class="cells">')
            open_group = group
        body = _block_html(block, spans)
        if kind == "code":
            out.append(f'<pre class="code">{body}</pre>')
        elif kind == "item":
            out.append(f"<li>{body}</li>")
        elif kind == "cell":
            out.append(f'<span class="cell">{body}</span>')
        else:
            tag = _TAGS.get(kind, "p")
            out.append(f"<{tag}>{body}</{tag}>")
    if open_group:
        out.append(f"</{open_group}>")
    return Markup("".join(out))


def _block_html(block: dict, spans) -> str:
    """A block's pieces as escaped HTML: prose with its findings marked, placeholders and code as code."""
    parts = []
    for fs, fe, typ, text in block["pieces"]:
        if typ == "text":
            parts.append(_highlighted(text, fs, fe, spans))
        else:
            on = [sp for sp in spans if sp[0] < max(fe, fs + 1) and sp[1] > fs]
            inner = str(escape(text))
            if typ in ("code", "block"):
                inner = f"<code>{inner}</code>"
            parts.append(_mark(inner, on) if on else inner)
    return "".join(parts)


def _bitext(blocks: list[dict], findings: list[tuple[str, Finding]], source_language: str | None,
            language: str | None) -> Markup:
    """Source beside target, a row per segment: the target with its findings as in the rendered view, the
    source with each bilingual finding's source span marked with the same ids (so selecting one selects both)."""
    spans = [(f.start, max(f.end, f.start + 1), fid, f.severity) for fid, f in findings]
    src_lang = f' lang="{escape(source_language)}"' if source_language else ""
    tgt_lang = f' lang="{escape(language)}"' if language else ""
    out = ['<table class="bitext"><thead><tr><th scope="col">Source</th><th scope="col">Translation</th></tr>'
           '</thead><tbody>']
    for block in blocks:
        target = _block_html(block, spans)
        if block["kind"] == "code":
            target = f'<pre class="code">{target}</pre>'
        source = block.get("source")
        if source is None:
            src_html = '<span class="meta">no source</span>' if block["kind"] != "code" else ""
        else:
            here = [(f.source_span[0], f.source_span[1], fid, f.severity) for fid, f in findings
                    if f.source_span and block["start"] <= f.start <= max(block["end"], block["start"] + 1)]
            src_html = _highlighted(source, 0, len(source), here)
        out.append(f'<tr class="k-{escape(block["kind"])}"><td class="src"{src_lang}>{src_html}</td>'
                   f'<td class="tgt"{tgt_lang}>{target}</td></tr>')
    out.append("</tbody></table>")
    return Markup("".join(out))


#: Bars in the index's penalty chart (the worst documents; the table lists them all).
CHART_ROWS = 15


def bar_chart(items: list[tuple[str, float]], title: str, fmt: str) -> Markup:
    """A horizontal bar chart as inline SVG (no script, no network), every label escaped; empty when no data."""
    if not items:
        return Markup("")
    row, label_w, bar_w = 22, 260, 300
    top = max(v for _, v in items) or 1.0
    height = row * len(items) + 8
    out = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 70} {height}" '
           f'width="{label_w + bar_w + 70}" height="{height}" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        width = max(1.0, bar_w * value / top)
        name = label if len(label) <= 38 else "…" + label[-37:]
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(name)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" fill="#c62828" '
                   f'fill-opacity="0.75"><title>{escape(label)}: {escape(fmt.format(value))}</title></rect>'
                   f'<text x="{label_w + width + 6:.1f}" y="{y + 15}" font-size="12">{escape(fmt.format(value))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _page_name(index: int, path: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("./"))[-80:] or "document"
    return f"{index:04d}-{stem}.html"


def write_html_report(result: RunResult, out_dir: str | os.PathLike, *, weights: Weights | None = None,
                      source_language: str | None = None) -> Path:
    """Write ``index.html`` and ``docs/*.html`` under ``out_dir``; returns the index path."""
    weights = weights or Weights()
    out = Path(out_dir)
    stale = previous_report_files(out) if out.is_dir() else []  # pages of an earlier run: ours, by the manifest
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    env = _environment()
    css, js = _asset("report.css"), _asset("report.js")
    common = {"css": Markup(css), "js": Markup(js), "style_hash": _csp_hash(css), "script_hash": _csp_hash(js),
              "version": __version__}
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    rows = []
    weights_json = {k: getattr(weights, k) for k in weights.__dataclass_fields__}
    doc_template = env.get_template("document.html.j2")
    for i, doc in enumerate(result.documents):
        found = sorted(by_path.get(doc.path, []), key=Finding.sort_key)
        points = penalty(found, weights)
        severities = Counter(f.severity.label for f in found)
        row = {"path": doc.path, "language": doc.language, "words": doc.words, "findings": len(found),
               "penalty": points, "penalty_per_kw": per_thousand_words(points, doc.words),
               "href": f"docs/{_page_name(i, doc.path)}", "source_language": doc.source_language or source_language,
               "severities": {sev: severities.get(sev, 0) for sev in SEVERITIES},
               "sha256": text_sha256(doc.file_text)}
        rows.append(row)
        ids = [(f"f{n}", f) for n, f in enumerate(found)]
        data = {
            "path": doc.path,
            "text": doc.file_text,
            "sha256": text_sha256(doc.file_text),
            "words": doc.words,
            "weights": weights_json,
            "findings": [{
                "id": fid, "rule": f.rule, "engine": f.engine, "category": f.category,
                "severity": f.severity.label, "message": f.message, "suggestions": list(f.suggestions),
                "start": f.start, "end": f.end, "line": f.line, "column": f.column,
                "safety": f.fix_safety.value, "fingerprint": f.fingerprint, "source": f.source,
            } for fid, f in ids],
        }
        view = rendered(doc.outline, ids, source_language=doc.source_language,
                        language=doc.language) if doc.outline is not None else None
        outside = 0
        if view is not None:
            shown = {x for group in re.findall(r'data-ids="([^"]*)"', str(view)) for x in group.split()}
            outside = sum(1 for fid, _ in ids if fid not in shown)
        html = doc_template.render(doc=row, pieces=pieces(doc.file_text, ids), data=data, index_href="../index.html",
                                   source_pieces=None, source_text="", rendered=view, outside=outside,
                                   bilingual=doc.outline is not None and any(
                                       b.get("source") is not None for b in doc.outline),
                                   gaps=[g for g in result.gaps if g.path == doc.path], **common)
        (out / row["href"]).write_text(html, encoding="utf-8")
        written.append(row["href"])
    rows.sort(key=lambda r: (-r["penalty_per_kw"], r["path"]))
    by_cat: dict[str, Counter] = defaultdict(Counter)
    for f in result.findings:
        by_cat[f.category][f.severity.label] += 1
    total_points = penalty(result.findings, weights)
    summary = {"files": len(result.documents), "words": result.words, "findings": len(result.findings),
               "penalty": total_points, "penalty_per_kw": per_thousand_words(total_points, result.words)}
    index_js = _asset("index.js")
    charts = {"penalty": bar_chart([(r["path"], r["penalty_per_kw"]) for r in rows[:CHART_ROWS] if r["penalty_per_kw"]],
                                   "MQM penalty per 1,000 words, worst documents", "{:.1f}"),
              "categories": bar_chart(sorted(((cat, sum(c.values())) for cat, c in by_cat.items()),
                                             key=lambda x: -x[1]), "Findings by category", "{:.0f}")}
    index_data = {"documents": [{"path": r["path"], "sha256": r["sha256"], "findings": r["findings"]} for r in rows]}
    index = env.get_template("index.html.j2").render(
        summary=summary, documents=rows, by_category=sorted(by_cat.items()), severities=SEVERITIES,
        charts=charts, index_data=index_data,
        weights=weights.describe(), skipped=result.skipped, gaps=result.gaps,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        **{**common, "js": Markup(index_js), "script_hash": _csp_hash(index_js)})
    index_path = out / "index.html"
    index_path.write_text(index, encoding="utf-8")
    written.append("index.html")
    keep = {(out / w).resolve() for w in written}
    for path in stale:
        if path not in keep:
            path.unlink(missing_ok=True)
    write_marker(out, written, __version__)
    return index_path
