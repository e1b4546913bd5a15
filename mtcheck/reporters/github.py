"""``--format github``: GitHub Actions workflow commands, so findings appear on the pull request's lines."""

from __future__ import annotations

from mtcheck.findings import Severity
from mtcheck.result import RunResult


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(result: RunResult, *, color: bool = False, fail_on: Severity | None = Severity.MAJOR, **_) -> str:
    lines = []
    for f in result.findings:
        if fail_on is not None and f.severity >= fail_on:
            level = "error"
        elif f.severity >= Severity.MINOR:
            level = "warning"
        else:
            level = "notice"
        message = f.message + (f" → {f.suggestions[0]}" if f.suggestions else "")
        lines.append(f"::{level} file={_prop(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                     f"endColumn={f.end_column},title={_prop(f.rule)}::{_data(message)}")
    for g in result.gaps:
        lines.append(f"::error file={_prop(g.path)},title=mtcheck.incomplete::{_data('Not fully checked: ' + g.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
