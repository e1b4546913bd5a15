"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers (valid against the OASIS schema)."""

from __future__ import annotations

import json
from pathlib import Path

from mtcheck import __version__
from mtcheck.findings import Finding, Severity
from mtcheck.pipeline import RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.NEUTRAL: "note"}


def _uri(path: str) -> str:
    return Path(path).as_posix()


def _region(f: Finding) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
            "charOffset": f.start, "charLength": f.end - f.start}


def _rule_descriptor(rule_id: str, example: Finding, info) -> dict:
    text = (info.description if info is not None and info.description else "") or example.message
    d = {
        "id": rule_id,
        "name": rule_id.replace(".", "_").replace(":", "_").replace("-", "_"),
        "shortDescription": {"text": (info.message if info is not None else example.message)[:300]},
        "fullDescription": {"text": text[:2000]},
        "help": {"text": f"{text}\nMQM category: {example.category}. Engine: {example.engine}."},
        "defaultConfiguration": {"level": LEVELS[example.severity]},
        "properties": {"category": example.category, "mqm-category": example.category,
                       "severity": example.severity.label, "engine": example.engine, "tags": [example.category]},
    }
    return d


def render_sarif(result: RunResult, *, color: bool = False, fail_on=None, rules_info=None) -> str:
    rules_info = rules_info or {}
    rule_ids: dict[str, int] = {}
    descriptors = []
    results = []
    for f in result.findings:
        if f.rule not in rule_ids:
            rule_ids[f.rule] = len(descriptors)
            descriptors.append(_rule_descriptor(f.rule, f, rules_info.get(f.rule)))
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": _region(f)}}
        r = {
            "ruleId": f.rule,
            "ruleIndex": rule_ids[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f.message + (f" Suggestion: {f.suggestions[0]!r}." if f.suggestions else "")},
            "locations": [location],
            "partialFingerprints": {"mtcheck/v1": f.fingerprint},
            "properties": {"category": f.category, "severity": f.severity.label, "engine": f.engine,
                           "fixSafety": f.fix_safety.value},
        }
        if f.suggestions:
            r["fixes"] = [{
                "description": {"text": f"Replace with {s!r}" if s else "Remove"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)},
                                     "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": s}}]}],
            } for s in f.suggestions[:3]]
        results.append(r)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtcheck", "version": __version__, "informationUri": "https://pypi.org/project/mtcheck/",
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": result.complete,
                "toolExecutionNotifications": [{
                    "level": "error",
                    "descriptor": {"id": "mtcheck.incomplete"},
                    "message": {"text": f"Not fully checked: {g.message}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(g.path)}}}],
                } for g in result.gaps],
            }],
            "results": results,
            "properties": {"signature": result.signature, "words": result.words,
                           "documents": len(result.documents)},
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
