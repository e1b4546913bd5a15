"""``type: copied``: source text passed through into the target untranslated. Bilingual segments only.

``kind``:
- ``segment``: the target is the source (letters compared, case and white space aside), and the segment has
  at least ``min_words`` words that are not names, code, numbers or terms: "Cancel" → "Cancel" is left alone,
  a copied sentence is not.
- ``fragment``: a run of at least ``min_run`` consecutive source words stands in the target in the same order
  (a clause MT could not translate and passed through). A run of only names, code, acronyms, numbers, words in
  quotation marks or ``keep`` terms is not counted; neither is a run in a target that is the whole source (the
  ``segment`` kind reports that).

Both kinds skip pairs whose source and target languages are the same, and scripts without spaces between words
(a Chinese clause copied into English is the ``untranslated-script`` rule's)."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.document.words import looks_technical
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError

TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”|„[^“”\n]{1,300}[“”]|«[^»\n]{1,300}»|‘[^’\n]{1,300}’')
#: Scripts written without spaces between words: runs of their letters are not words.
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
KINDS = ("segment", "fragment")


def _content(word: str, first: bool) -> bool:
    """A word that carries translation: not code, not an acronym, not a capitalised name mid-sentence."""
    if looks_technical(word) or len(word) < 2:
        return False
    return first or not word[:1].isupper()


class CopiedRule(Rule):
    TYPE = "copied"
    KEYS = frozenset({"kind", "min_words", "min_run", "min_content", "keep"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.kind = need(self, spec, "kind", str)
        if self.kind not in KINDS:
            raise RuleError(f"kind must be one of {', '.join(KINDS)}", path=self.path, rule=self.id)
        self.min_words = need(self, spec, "min_words", int, 3)
        self.min_run = need(self, spec, "min_run", int, 4)
        self.min_content = need(self, spec, "min_content", int, 3)
        keep = need(self, spec, "keep", list, [])
        self.keep = frozenset(str(k).lower() for k in keep)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        src_lang = (doc.source_language or "").split("-")[0]
        own = (ctx.language or "").split("-")[0]
        if src_lang and own and src_lang == own:
            return
        for seg in doc.segments:
            if seg.source is None or not seg.source.strip() or _NO_SPACES.search(seg.source):
                continue
            target = doc.text[seg.start : seg.end]
            if self.kind == "segment":
                if _letters(target) and _letters(target) == _letters(seg.source) and \
                        self._content_words(seg.source) >= self.min_words:
                    yield RuleMatch(seg.start, seg.end, (), {"match": target, "source": seg.source})
            else:
                if _letters(target) == _letters(seg.source):
                    continue
                yield from self._fragments(doc, seg, target)

    def _content_words(self, text: str) -> int:
        text = QUOTED.sub(" ", text)
        return sum(1 for i, m in enumerate(TOKEN.finditer(text))
                   if _content(m.group(), i == 0) and m.group().lower() not in self.keep)

    def _fragments(self, doc: Document, seg, target: str) -> Iterable[RuleMatch]:
        src = [m.group().lower() for m in TOKEN.finditer(QUOTED.sub(" ", seg.source))]
        if len(src) < self.min_run:
            return
        grams = {tuple(src[i : i + self.min_run]) for i in range(len(src) - self.min_run + 1)}
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(target)]
        words = [m for m in TOKEN.finditer(target) if not any(a <= m.start() < b for a, b in quoted)]
        low = [m.group().lower() for m in words]
        i = 0
        while i + self.min_run <= len(words):
            if tuple(low[i : i + self.min_run]) not in grams:
                i += 1
                continue
            j = i + self.min_run
            while j < len(words) and tuple(low[j - self.min_run + 1 : j + 1]) in grams:
                j += 1
            run = words[i:j]
            content = [m.group() for k, m in enumerate(run)
                       if _content(m.group(), False) and m.group().lower() not in self.keep]
            start, end = seg.start + run[0].start(), seg.start + run[-1].end()
            if len(content) >= self.min_content and not doc.touches_placeholder(start, end):
                text = doc.text[start:end]
                yield RuleMatch(start, end, (), {"match": text, "source": seg.source, "words": str(j - i)})
            i = j


def _letters(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalpha())
