"""Review decisions exported from the HTML report, and ``mtcheck apply``'s work on them.

The report exports JSON::

    {"format": "mtcheck-decisions", "version": 1,
     "documents": [{"path": "docs/a.md", "sha256": "<of the text reviewed>",
                    "decisions": [{"rule", "start", "end", "line", "column", "fingerprint",
                                   "decision": "accepted" | "rejected" | "resolved", "replacement"}]}]}

Accepted fixes are applied with the safety of ``mtcheck fix``: only to a file whose text still has the reviewed
hash, only where the same rule still flags the same span with that replacement among its suggestions, and never
a display-only fix. Rejected findings are false alarms: they are recorded in the false-alarms file (baseline
format), which every later run reads like a baseline so they stop coming back."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.filters.baseline import VERSION as BASELINE_VERSION
from mtcheck.filters.baseline import _key_path
from mtcheck.findings import FixSafety

FORMAT = "mtcheck-decisions"
VERSION = 1
DECISIONS = ("accepted", "rejected", "resolved")


@dataclass
class Decision:
    rule: str
    start: int
    end: int
    line: int
    decision: str
    replacement: str = ""
    fingerprint: str = ""


@dataclass
class ReviewedDocument:
    path: str
    sha256: str
    decisions: list[Decision] = field(default_factory=list)


def load_decisions(source: str) -> list[ReviewedDocument]:
    """Read and validate a decisions file; every problem names the file."""
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("decisions file not found", path=source) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a decisions file: {exc}", path=source) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise InputError(f"not a decisions file of version {VERSION} (export it from the mtcheck report)",
                         path=source)
    out = []
    try:
        for doc in data["documents"]:
            reviewed = ReviewedDocument(str(doc["path"]), str(doc["sha256"]))
            for d in doc["decisions"]:
                if d["decision"] not in DECISIONS:
                    raise ValueError(f"unknown decision {d['decision']!r}")
                reviewed.decisions.append(Decision(str(d["rule"]), int(d["start"]), int(d["end"]), int(d["line"]),
                                                   d["decision"], str(d.get("replacement") or ""),
                                                   str(d.get("fingerprint") or "")))
            out.append(reviewed)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed decisions file: {exc}", path=source) from None
    return out


def applicable_edits(reviewed: ReviewedDocument, findings) -> tuple[list, list[str]]:
    """The accepted decisions that ``mtcheck fix`` would also apply: (edits, notes on the ones left out)."""
    from mtcheck.fixes import Edit

    by_span = {(f.rule, f.start, f.end): f for f in findings}
    edits, notes = [], []
    for d in reviewed.decisions:
        if d.decision != "accepted":
            continue
        f = by_span.get((d.rule, d.start, d.end))
        if f is None:
            notes.append(f"line {d.line}: {d.rule} no longer flags this text; its fix was not applied")
        elif f.fix_safety is FixSafety.DISPLAY:
            notes.append(f"line {d.line}: {d.rule}'s suggestion is display-only here (it touches markup or "
                         f"needs a human); not applied")
        elif d.replacement not in f.suggestions:
            notes.append(f"line {d.line}: {d.replacement!r} is not a suggestion of {d.rule}; not applied")
        else:
            edits.append(Edit(f.start, f.end, d.replacement, f))
    edits.sort(key=lambda e: e.start)
    kept, last_end = [], -1
    for e in edits:
        if e.start < last_end:
            notes.append(f"line {e.finding.line}: {e.finding.rule} overlaps another accepted fix; not applied")
            continue
        kept.append(e)
        last_end = e.end
    return kept, notes


def record_false_alarms(target: str, entries: list[tuple[str, str, str, int]]) -> int:
    """Add (path, rule, fingerprint, line) entries to the false-alarms file (baseline format, paths relative to
    its folder), keeping what it holds; returns how many were new. Written atomically."""
    path = Path(target)
    base = path.resolve().parent
    existing: list[dict] = []
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
                raise ValueError("not a false-alarms file written by mtcheck")
            existing = list(data["findings"])
        except (OSError, ValueError, AttributeError) as exc:
            raise InputError(f"cannot add to the false-alarms file ({exc}); nothing written", path=target) from None
    seen = {(e.get("path"), e.get("rule"), e.get("fingerprint")) for e in existing}
    added = 0
    for doc_path, rule, fingerprint, line in entries:
        key = (_key_path(doc_path, base), rule, fingerprint)
        if key in seen or not fingerprint:
            continue
        seen.add(key)
        existing.append({"path": key[0], "rule": rule, "fingerprint": fingerprint, "line": line,
                         "message": "marked a false alarm in review"})
        added += 1
    if added:
        temp = path.with_name(f".{path.name}.mtcheck-tmp")
        temp.write_text(json.dumps({"version": BASELINE_VERSION, "findings": existing}, indent=1,
                                   ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temp, path)
    return added
