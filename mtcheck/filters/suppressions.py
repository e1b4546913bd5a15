"""Inline suppressions, read from the comments the document's parser found (never from code that shows one):

    <!-- mtcheck: disable=RULE[,RULE...] -->   ...   <!-- mtcheck: enable=RULE[,RULE...] -->
    <!-- mtcheck: disable-next-line RULE[,RULE...] -->
    .. mtcheck: disable=RULE                    (reStructuredText)

RULE is an id, a prefix ("en", "LT", "common.repeated") or a glob, as everywhere (mtcheck.selection); no RULE
(``disable`` alone) means every rule. A suppression that suppresses nothing can be reported
(``--warn-unused-suppressions``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mtcheck.findings import Finding
from mtcheck.selection import matches_any

DIRECTIVE = re.compile(r"^\s*mtcheck:\s*(?P<verb>disable-next-line|disable|enable)\b\s*=?\s*(?P<rules>.*?)\s*$", re.S)


@dataclass
class Suppression:
    rules: tuple[str, ...]  # empty: all rules
    start: int  # file offsets of the suppressed stretch
    end: int
    comment_start: int
    comment_end: int
    used: bool = field(default=False)

    def covers(self, f: Finding) -> bool:
        return self.start <= f.start < self.end and (not self.rules or matches_any(f.rule, self.rules))


def parse_suppressions(comments: list[tuple[int, int, str]], text: str) -> list[Suppression]:
    out: list[Suppression] = []
    open_: dict[str, Suppression] = {}
    for c_start, c_end, body in comments:
        m = DIRECTIVE.match(body)
        if m is None:
            continue
        rules = tuple(r.strip() for r in re.split(r"[,\s]+", m.group("rules")) if r.strip())
        verb = m.group("verb")
        if verb == "disable-next-line":
            line_end = text.find("\n", c_end)
            line_end = len(text) if line_end == -1 else line_end + 1
            nxt = line_end
            while nxt < len(text) and text[nxt] in " \t\r\n":
                nxt += 1  # skip blank lines
            stop = text.find("\n", nxt)
            out.append(Suppression(rules, nxt, len(text) if stop == -1 else stop, c_start, c_end))
        elif verb == "disable":
            s = Suppression(rules, c_end, len(text), c_start, c_end)
            out.append(s)
            for r in rules or ("*",):
                open_[r] = s
        else:  # enable
            for r in rules or tuple(open_):
                s = open_.pop(r, None)
                if s is not None:
                    s.end = c_start
    return out


def apply_suppressions(findings: list[Finding], comments: list[tuple[int, int, str]],
                       text: str) -> tuple[list[Finding], list[Suppression]]:
    """(findings kept, suppressions parsed) for one document."""
    sups = parse_suppressions(comments, text)
    if not sups:
        return findings, []
    kept = []
    for f in findings:
        hit = next((s for s in sups if s.covers(f)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
    return kept, sups
