"""``type: substitution``: phrase → replacement(s), case-preserving, whole words only.

All phrases of a rule are joined into one alternation, longest first (Vale's lesson: one pass per rule, not one
per phrase); word boundaries are checked in Python because RE2's ``\\b`` is ASCII-only."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.regex import Pattern
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch, at_word_boundaries
from mtcheck.engines.rules.templates import preserve_case
from mtcheck.engines.rules.types.spec import check_templates, need
from mtcheck.errors import RuleError


def _phrase_regex(phrase: str) -> str:
    # White space inside a phrase matches any run of white space (a line break in wrapped text).
    return r"\s+".join(re.escape(part) for part in phrase.split())


class SubstitutionRule(Rule):
    TYPE = "substitution"
    KEYS = frozenset({"swap", "case_sensitive"})

    def configure(self, spec: dict[str, Any]) -> None:
        swap = need(self, spec, "swap", dict)
        if not swap:
            raise RuleError("'swap' is empty", path=self.path, rule=self.id)
        self.case_sensitive = need(self, spec, "case_sensitive", bool, False)
        self.swap: dict[str, list[str]] = {}
        for phrase, repl in swap.items():
            if not isinstance(phrase, str) or not phrase.strip():
                raise RuleError(f"swap key {phrase!r} must be a non-empty string", path=self.path, rule=self.id)
            repls = [repl] if isinstance(repl, str) else repl
            if not isinstance(repls, list) or not all(isinstance(r, str) for r in repls):
                raise RuleError(f"swap value for {phrase!r} must be a string or list of strings", path=self.path,
                                rule=self.id)
            key = " ".join(phrase.split())
            self.swap[key if self.case_sensitive else key.lower()] = repls
        check_templates(self, [self.message], {"match", "suggestion"})
        alternation = "|".join(_phrase_regex(p) for p in sorted(self.swap, key=len, reverse=True))
        self.pattern = Pattern(f"(?:{alternation})", case_sensitive=self.case_sensitive, path=self.path,
                               rule=self.id)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        text = doc.text
        ranges = [(s, e) for s, e, _ in ctx.segments(self.skip_kinds)] if self.skip_kinds else [(0, len(text))]
        for lo, hi in ranges:
            for m in self.pattern.finditer(text, lo, hi):
                start, end = m.start(), m.end()
                if not at_word_boundaries(text, start, end):
                    continue
                matched = text[start:end]
                key = " ".join(matched.split())
                repls = self.swap.get(key if self.case_sensitive else key.lower())
                if repls is None:
                    continue
                suggestions = tuple(repl if self.case_sensitive else preserve_case(matched, repl) for repl in repls)
                yield RuleMatch(start, end, suggestions, {"match": matched, "suggestion": suggestions[0]})
