"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers (valid against the OASIS schema)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from mtcheck import __version__
from mtcheck.findings import Finding, Severity
from mtcheck.result import RuleInfo, RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.NEUTRAL: "note"}


#: GitHub code scanning accepts at most this many results a run; the rest are counted in a notification.
MAX_RESULTS = 25_000
def repository_root(start: Path | None = None) -> Path:
    """The folder SARIF URIs are relative to: the enclosing git work tree, else the current folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _uri(path: str, root: Path) -> dict:
    """An artifactLocation: percent-encoded, relative to %SRCROOT% when the file lies under it."""
    real = Path(os.path.abspath(path))
    try:
        rel = real.relative_to(root).as_posix()
        return {"uri": quote(rel, safe="/"), "uriBaseId": "SRCROOT"}
    except ValueError:
        return {"uri": real.as_uri()}


def _region(f: Finding) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
            "charOffset": f.start, "charLength": f.end - f.start}


def _rule_descriptor(rule_id: str, example: Finding, info: RuleInfo | None) -> dict:
    """A rule as its engine describes it; mtcheck's own checks (the unused-suppression check) by their id."""
    short = info.short if info else rule_id
    full = (info.full if info else "") or short
    precision = info.precision if info else "medium"
    help_uri = info.help_uri if info else None
    d = {
        "id": rule_id,
        "name": rule_id.replace(".", "_").replace(":", "_").replace("-", "_"),
        "shortDescription": {"text": short[:300]},
        "fullDescription": {"text": full[:2000]},
        "help": {"text": f"{full}\nMQM category: {example.category}. Engine: {example.engine}."},
        "defaultConfiguration": {"level": LEVELS[example.severity]},
        "properties": {"category": example.category, "mqm-category": example.category, "precision": precision,
                       "problem.severity": "error" if example.severity >= Severity.MAJOR else "warning",
                       "severity": example.severity.label, "engine": example.engine, "tags": [example.category]},
    }
    if help_uri:
        d["helpUri"] = help_uri
    return d


def render_sarif(result: RunResult, *, color: bool = False, fail_on=None, root: Path | None = None) -> str:
    root = root or repository_root()
    rule_ids: dict[str, int] = {}
    descriptors = []
    results = []
    shown = result.findings[:MAX_RESULTS]
    for f in shown:
        if f.rule not in rule_ids:
            rule_ids[f.rule] = len(descriptors)
            descriptors.append(_rule_descriptor(f.rule, f, result.rule_info.get(f.rule)))
        location = {"physicalLocation": {"artifactLocation": _uri(f.path, root), "region": _region(f)}}
        r = {
            "ruleId": f.rule,
            "ruleIndex": rule_ids[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f.message + (f" Suggestion: {f.suggestions[0]!r}." if f.suggestions else "")},
            "locations": [location],
            "partialFingerprints": {"mtcheck/v1": f.fingerprint},
            "properties": {"category": f.category, "severity": f.severity.label, "engine": f.engine,
                           "fixSafety": f.fix_safety.value, **({"source": f.source} if f.source is not None else {}),
                           **({"sourceSpan": list(f.source_span)} if f.source_span else {})},
        }
        if f.suggestions:
            r["fixes"] = [{
                "description": {"text": f"Replace with {s!r}" if s else "Remove"},
                "artifactChanges": [{"artifactLocation": _uri(f.path, root),
                                     "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": s}}]}],
            } for s in f.suggestions[:3]]
        results.append(r)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtcheck", "version": __version__, "informationUri": "https://pypi.org/project/mtcheck/",
                                "rules": descriptors}},
            "originalUriBaseIds": {"SRCROOT": {"uri": root.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": result.complete,
                "toolExecutionNotifications": [{
                    "level": "error",
                    "descriptor": {"id": "mtcheck.incomplete"},
                    "message": {"text": f"Not fully checked: {g.message}"},
                    "locations": [{"physicalLocation": {"artifactLocation": _uri(g.path, root)}}],
                } for g in result.gaps] + ([{
                    "level": "warning",
                    "descriptor": {"id": "mtcheck.truncated"},
                    "message": {"text": f"{len(result.findings) - MAX_RESULTS} more findings are not in this file: "
                                        f"a SARIF run shows at most {MAX_RESULTS:,} (GitHub's limit); see the "
                                        f"JSON output or the HTML report for all {len(result.findings):,}"},
                }] if len(result.findings) > MAX_RESULTS else []),
            }],
            "results": results,
            "properties": {"signature": result.signature, "words": result.words,
                           "documents": len(result.documents)},
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
