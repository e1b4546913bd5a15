"""``type: consistency``: one document, one spelling. For each set of variants (US / U.S., email / e-mail),
the variant used most in the document wins (ties go to the first listed) and every other one is flagged with
the winner as suggestion."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.regex import Pattern
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch, at_word_boundaries
from mtcheck.engines.rules.templates import preserve_case
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError


class ConsistencyRule(Rule):
    TYPE = "consistency"
    KEYS = frozenset({"variants", "case_sensitive"})

    def configure(self, spec: dict[str, Any]) -> None:
        sets = need(self, spec, "variants", list)
        self.case_sensitive = need(self, spec, "case_sensitive", bool, True)
        self.sets: list[list[str]] = []
        for entry in sets:
            if not isinstance(entry, list) or len(entry) < 2 or not all(isinstance(v, str) and v for v in entry):
                raise RuleError("each entry of 'variants' is a list of two or more spellings", path=self.path,
                                rule=self.id)
            self.sets.append(entry)
        self.lookup: dict[str, tuple[int, int]] = {}
        for si, entry in enumerate(self.sets):
            for vi, variant in enumerate(entry):
                self.lookup[self._key(variant)] = (si, vi)
        alternation = "|".join(re.escape(v) for v in sorted(self.lookup, key=len, reverse=True))
        self.pattern = Pattern(f"(?:{alternation})", case_sensitive=self.case_sensitive, path=self.path,
                               rule=self.id)

    def _key(self, variant: str) -> str:
        return variant if self.case_sensitive else variant.lower()

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        text = doc.text
        hits: list[tuple[int, int, int, int]] = []
        for m in self.pattern.finditer(text):
            start, end = m.start(), m.end()
            if not at_word_boundaries(text, start, end):
                continue
            # "U.S." must not be the start of "U.S.A." either
            if end < len(text) and text[end - 1] == "." and text[end : end + 1].isalpha():
                continue
            si, vi = self.lookup[self._key(m.group())]
            hits.append((start, end, si, vi))
        counts: dict[int, Counter] = {}
        for _, _, si, vi in hits:
            counts.setdefault(si, Counter())[vi] += 1
        for start, end, si, vi in hits:
            c = counts[si]
            if len(c) < 2:
                continue
            winner = max(c, key=lambda v: (c[v], -v))
            if vi == winner:
                continue
            matched = text[start:end]
            best = self.sets[si][winner]
            suggestion = best if self.case_sensitive else preserve_case(matched, best)
            yield RuleMatch(start, end, (suggestion,), {
                "match": matched, "suggestion": suggestion, "count": str(c[winner]), "variant_count": str(c[vi]),
            })
