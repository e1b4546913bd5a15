"""``type: copied``: source text passed through into the target untranslated. Bilingual segments only.

``kind``:
- ``segment``: the target is the source, or mostly (``copied_share`` of its words stand in runs copied from
  the source), and the segment has at least ``min_words`` words that are not names, code, numbers or terms:
  "Cancel" → "Cancel" is left alone, a copied sentence is not. Consecutive copied segments (a passage left in
  the source language) give one finding, at the first, unless each segment is a unit of its own (XLIFF, PO,
  TMX, bitext lines: every unit is reported).
- ``fragment``: a run of at least ``min_run`` consecutive source words stands in the target in the same order
  (a clause MT could not translate and passed through), in a segment that is not mostly copied (the
  ``segment`` kind reports those). A run of only names, code, acronyms, numbers, words in quotation marks or
  ``keep`` terms is not counted.

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
    """A word that carries translation: not code, not an acronym, not a capitalised name mid-sentence, not a
    one- or two-letter symbol ("a + bi")."""
    if looks_technical(word) or len(word) < 3:
        return False
    return first or not word[:1].isupper()


def _title_like(words: list[str]) -> bool:
    """Most words capitalised: a title or a name ("The Problem of a Conqueror's Legacy", "El Correo de los
    Ciegos"), which translations keep in the original language."""
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[:1].isupper() for w in long) >= 0.5 * len(long)


class CopiedRule(Rule):
    TYPE = "copied"
    SEGMENT_LEVEL = True
    KEYS = frozenset({"kind", "min_words", "min_run", "min_content", "keep", "copied_share"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.kind = need(self, spec, "kind", str)
        if self.kind not in KINDS:
            raise RuleError(f"kind must be one of {', '.join(KINDS)}", path=self.path, rule=self.id)
        self.min_words = need(self, spec, "min_words", int, 3)
        self.min_run = need(self, spec, "min_run", int, 4)
        self.min_content = need(self, spec, "min_content", int, 3)
        self.copied_share = float(need(self, spec, "copied_share", (int, float), 0.6))
        keep = need(self, spec, "keep", list, [])
        self.keep = frozenset(str(k).lower() for k in keep)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        src_lang = (doc.source_language or "").split("-")[0]
        own = (ctx.language or "").split("-")[0]
        if src_lang and own and src_lang == own:
            return
        passage: list = []  # copied segments in a row (structured pages: one finding for the passage)
        group = not doc.segments_are_units
        last = -2  # index of the passage's last segment
        for index, seg in enumerate(doc.segments):
            if seg.source is None or not seg.source.strip() or _NO_SPACES.search(seg.source):
                continue
            target = doc.text[seg.start : seg.end]
            runs = self._runs(doc, seg, target)
            words = len(TOKEN.findall(target))
            copied = sum(n for _, _, n, _ in runs)
            mostly = (_letters(target) and _letters(target) == _letters(seg.source)) or \
                (words and copied >= self.copied_share * words)
            if mostly and _title_like(TOKEN.findall(target)):
                continue  # a reference or a title, kept as published
            if mostly and self._content_words(target) < self.min_words:
                mostly = False
                runs = []
            if self.kind == "segment":
                if mostly:
                    if passage and group and last == index - 1:
                        passage.append(seg)
                        last = index
                        continue
                    yield from self._passage(doc, passage)
                    passage, last = [seg], index
                elif passage and target.strip():
                    yield from self._passage(doc, passage)
                    passage = []
                continue
            if mostly:
                continue
            runs = [r for r in runs if r[3] >= self.min_content and not doc.touches_placeholder(r[0], r[1])
                    and not _title_like(TOKEN.findall(doc.text[r[0]:r[1]]))]
            if runs:  # one finding a block: at its longest copied run, counting all of them
                start, end, _, _ = max(runs, key=lambda r: r[2])
                total = sum(r[2] for r in runs)
                yield RuleMatch(start, end, (), {"match": doc.text[start:end], "source": seg.source,
                                                 "focus": doc.text[start:end], "words": str(total)})
        if self.kind == "segment":
            yield from self._passage(doc, passage)

    def _passage(self, doc: Document, segments: list) -> Iterable[RuleMatch]:
        if not segments:
            return
        first = segments[0]
        more = len(segments) - 1
        yield RuleMatch(first.start, first.end, (), {
            "match": doc.text[first.start : first.end], "source": first.source,
            "passage": "" if not more else f" It begins a passage of {len(segments)} copied blocks (the next "
                                           f"{more} not flagged separately)."})

    def _content_words(self, text: str) -> int:
        text = QUOTED.sub(" ", text)
        return sum(1 for i, m in enumerate(TOKEN.finditer(text))
                   if _content(m.group(), i == 0) and m.group().lower() not in self.keep)

    def _runs(self, doc: Document, seg, target: str) -> list[tuple[int, int, int, int]]:
        """(start, end, words, content words) of each run of ``min_run`` or more source words copied into the
        target, outside quotations."""
        src = [m.group().lower() for m in TOKEN.finditer(QUOTED.sub(" ", seg.source))]
        if len(src) < self.min_run:
            return []
        grams = {tuple(src[i : i + self.min_run]) for i in range(len(src) - self.min_run + 1)}
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(target)]
        words = [m for m in TOKEN.finditer(target) if not any(a <= m.start() < b for a, b in quoted)]
        low = [m.group().lower() for m in words]
        out = []
        i = 0
        while i + self.min_run <= len(words):
            if tuple(low[i : i + self.min_run]) not in grams:
                i += 1
                continue
            j = i + self.min_run
            while j < len(words) and tuple(low[j - self.min_run + 1 : j + 1]) in grams:
                j += 1
            run = words[i:j]
            content = sum(1 for m in run if _content(m.group(), False) and m.group().lower() not in self.keep)
            out.append((seg.start + run[0].start(), seg.start + run[-1].end(), j - i, content))
            i = j
        return out


def _letters(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalpha())
