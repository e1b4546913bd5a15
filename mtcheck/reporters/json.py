"""``--format json``: a JSON array of findings, one object each, with the keys documented in the README."""

from __future__ import annotations

import json

from mtcheck.pipeline import RunResult


def render_json(result: RunResult, *, color: bool = False, fail_on=None, **_) -> str:
    return json.dumps([f.to_json() for f in result.findings], ensure_ascii=False, indent=2) + "\n"
