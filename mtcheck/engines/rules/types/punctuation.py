"""``type: punctuation``: debris of punctuation marks (". ," ",." ",,"), the trace of a clause MT dropped.

The rule finds every run of two or more marks (white space between them allowed), removes the white space and
looks the run up in ``sequences``; only listed runs are flagged, so an ellipsis or "?!" stays untouched unless a
rule lists it. A run that starts with the period of an abbreviation ("etc.,", "U.S.,") is not debris; the
abbreviation lists are pysbd's, and a short word glued to the marks ("Hrsg.,", "Diss.,") counts as one too. The suggestion replaces the whole run, keeping the white space that followed it."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.document.sentences import is_abbreviation
from mtcheck.engines.rules.regex import Pattern
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError


def _abbreviation_shaped(text: str, period: int) -> bool:
    """A period glued to a short word and to the next mark ("Hrsg.,", "Diss.,", "Regt.,") ends an abbreviation
    that no list knows more often than it is debris: a capitalised word of up to five letters, or any word of up
    to three. Debris of a dropped clause is mostly spaced (". ,") or follows a longer word."""
    start = period
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:period]
    if not word or (start > 0 and not (text[start - 1].isspace() or text[start - 1] in "(\"'„“«")):
        return False
    return len(word) <= 3 or (word[0].isupper() and len(word) <= 5)


class PunctuationRule(Rule):
    TYPE = "punctuation"
    KEYS = frozenset({"sequences", "marks"})

    def configure(self, spec: dict[str, Any]) -> None:
        seqs = need(self, spec, "sequences", dict)
        self.marks = need(self, spec, "marks", str, ".,;:!?")
        self.sequences: dict[str, str] = {}
        for key, value in seqs.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise RuleError("sequences maps a run of marks to its replacement, both strings", path=self.path,
                                rule=self.id)
            run = "".join(key.split())
            if len(run) < 2 or any(ch not in self.marks for ch in run):
                raise RuleError(f"sequence {key!r} must be two or more of the marks {self.marks!r}",
                                path=self.path, rule=self.id)
            self.sequences[run] = value
        cls = "[" + re.escape(self.marks) + "]"
        # A run of marks, with optional horizontal space between them.
        self.pattern = Pattern(f"{cls}(?:[ \\t\\x{{a0}}]*{cls})+", path=self.path, rule=self.id)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        text = doc.text
        for m in self.pattern.finditer(text):
            run = "".join(m.group().split()).replace("\u00a0", "")
            repl = self.sequences.get(run)
            if repl is None:
                continue
            if run[0] == "." and (is_abbreviation(text, m.start(), ctx.language)
                                  or (m.group()[1] not in " \t\u00a0" and _abbreviation_shaped(text, m.start()))):
                continue  # "etc.," "ft.," "U.S.,", "Hrsg.,": the period belongs to the word
            yield RuleMatch(m.start(), m.end(), (repl,), {"match": m.group(), "suggestion": repl})
