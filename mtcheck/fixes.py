"""Apply suggested fixes to a file's text: the first suggestion of each finding whose fix safety is allowed,
right to left, never two fixes that overlap or touch. Findings carry file offsets, so edits land exactly; a
finding's safety was already downgraded where its span is not literal prose (markup, placeholders, entities)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mtcheck.findings import Finding, FixSafety


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    finding: Finding


def plan_edits(findings: Iterable[Finding], allowed: frozenset[FixSafety] = frozenset({FixSafety.SAFE})) -> list[Edit]:
    """The edits to make, in file order; a fix that overlaps or touches an earlier one waits for the next pass."""
    edits: list[Edit] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.fix_safety not in allowed or not f.suggestions:
            continue
        if f.start <= last_end and edits:
            continue
        edits.append(Edit(f.start, f.end, f.suggestions[0], f))
        last_end = f.end
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out
