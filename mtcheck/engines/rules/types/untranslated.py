"""``type: untranslated``: a sentence left in another language (MT passes through what it cannot translate).

Each sentence of at least ``min_words`` words goes through the language identifier; it is flagged when another
language is near certain and the document's own language near impossible. Quotations legitimately left in the
original language are rare in MT output but exist, so this rule is for review (display-only)."""

from __future__ import annotations

from typing import Any, Iterable

from mtcheck import langid
from mtcheck.document import Document
from mtcheck.engines.rules.rule import WORD, Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need


class UntranslatedRule(Rule):
    TYPE = "untranslated"
    KEYS = frozenset({"min_words", "min_confidence", "max_own_confidence"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.min_words = need(self, spec, "min_words", int, 6)
        self.min_confidence = float(need(self, spec, "min_confidence", (int, float), 0.97))
        self.max_own = float(need(self, spec, "max_own_confidence", (int, float), 0.01))

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        own = (ctx.language or "").split("-")[0]
        if not own or own not in langid.LANGUAGES:
            return
        text = doc.text
        candidates = [(s, e) for s, e in ctx.sentences()
                      if sum(1 for m in WORD.finditer(text, s, e) if m.end() - m.start() > 1) >= self.min_words]
        # Cheap pass first: only sentences whose most likely language is not the document's get full confidences.
        top = langid.detect_many([text[s:e] for s, e in candidates])
        candidates = [span for span, lang in zip(candidates, top) if lang is not None and lang != own]
        results = langid.confidences_many([text[s:e] for s, e in candidates])
        for (start, end), conf in zip(candidates, results):
            if conf.get(own, 0.0) > self.max_own:
                continue
            best = max(conf.items(), key=lambda kv: kv[1], default=None)
            if best is None or best[0] == own or best[1] < self.min_confidence:
                continue
            yield RuleMatch(start, end, (), {"match": text[start:end], "language": best[0]})
