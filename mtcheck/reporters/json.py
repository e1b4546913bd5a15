"""``--format json``: a JSON array of findings, one object each, with the keys documented in the README."""

from __future__ import annotations

import json

from mtcheck.result import RunResult


#: The rule id of an entry that records what a run could not check (the run is incomplete).
INCOMPLETE = "mtcheck.incomplete"


def gap_entry(gap) -> dict:
    """A gap in the shape of a finding (the same keys), neutral so that it never changes the MQM score."""
    return {"path": gap.path, "line": 1, "column": 1, "end_line": 1, "end_column": 1, "start": 0, "end": 0,
            "rule": INCOMPLETE, "category": "Other", "severity": "neutral", "message": gap.message,
            "suggestions": [], "engine": gap.engine, "fix": "display", "fingerprint": "", "source": None}


def render_json(result: RunResult, *, color: bool = False, fail_on=None, **_) -> str:
    entries = [f.to_json() for f in result.findings] + [gap_entry(g) for g in result.gaps]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
