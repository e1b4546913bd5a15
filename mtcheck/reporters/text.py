"""``--format text``: ``path:line:col: severity rule-id message [→ suggestion]``, sorted, then a summary."""

from __future__ import annotations

import click

from mtcheck.findings import Severity
from mtcheck.result import RunResult

_COLORS = {Severity.CRITICAL: "magenta", Severity.MAJOR: "red", Severity.MINOR: "yellow", Severity.NEUTRAL: "blue"}


def _visible(s: str) -> str:
    """Show invisible replacements (a removal, a no-break space) so the suggestion can be read."""
    if s == "":
        return "(remove)"
    return s.replace("\u00a0", "⍽").replace("\u202f", "⍽").replace("\n", "⏎")


def render_finding(f, *, color: bool) -> str:
    sev = f.severity.label
    if color:
        sev = click.style(sev, fg=_COLORS[f.severity], bold=f.severity >= Severity.MAJOR)
    line = f"{f.path}:{f.line}:{f.column}: {sev} {f.rule} {f.message}"
    if f.suggestions:
        line += " → " + " | ".join(_visible(s) for s in f.suggestions[:3])
    return line


def render_text(result: RunResult, *, color: bool = False, fail_on: Severity | None = None, **_) -> str:
    lines = [render_finding(f, color=color) for f in result.findings]
    return "\n".join(lines) + ("\n" if lines else "")


def render_summary(result: RunResult, *, verdict: str = "", failed: bool = False, color: bool = False) -> str:
    by_sev = {s: sum(1 for f in result.findings if f.severity == s) for s in Severity}
    parts = [f"{by_sev[s]} {s.label}" for s in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR) if by_sev[s]]
    n = len(result.findings)
    docs = len(result.documents)
    head = f"{n} finding{'s' if n != 1 else ''}" + (f" ({', '.join(parts)})" if parts else "")
    summary = f"{head} in {docs} file{'s' if docs != 1 else ''} ({result.words:,} words)"
    if result.skipped:
        summary += f"; {len(result.skipped)} file{'s' if len(result.skipped) != 1 else ''} skipped"
        reasons: dict[str, int] = {}
        for _, reason in result.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        summary += " (" + ", ".join(f"{v} {k}" for k, v in sorted(reasons.items())) + ")"
    hidden = [(result.baselined, "in the baseline"), (result.false_alarms, "marked false alarms in review"),
              (result.suppressed, "suppressed inline"),
              (result.unchanged, "unchanged files not checked")]
    summary += "".join(f"; {n} {what}" for n, what in hidden if n)
    if result.unidentified:
        n = len(result.unidentified)
        summary += f"; language unknown in {n} file{'s' if n != 1 else ''} (checked by language-neutral rules only)"
    if result.gaps:
        files = len({g.path for g in result.gaps})
        lost = sum(g.paragraphs for g in result.gaps)
        what = f"INCOMPLETE: {files} file{'s' if files != 1 else ''} not fully checked" + (
            f" ({lost} paragraph{'s' if lost != 1 else ''})" if lost else "")
        summary += f"; {click.style(what, fg='red') if color else what}"
    if verdict:
        summary += f"; {click.style(verdict, fg='red' if failed else 'green') if color else verdict}"
    return summary + "."
