"""``type: translation-consistency``: one source, one translation, across a file. Bilingual segments only.

``kind``:
- ``targets``: the same source segment translated differently (after the first translation, each different
  one is flagged, naming the line of the first);
- ``sources``: different source segments given the same translation (two source meanings collapsed into one).

Segments are compared with case, white space and final punctuation aside; segments of fewer than ``min_words``
words are left out (a one-word UI label may well translate differently by context). This is what Xbench and
Verifika call inconsistency checks; it runs per file (an XLIFF, PO or TMX file is usually a whole project), on
translation units (XLIFF, PO, TMX, bitexts, line-aligned text), not on pages, whose prose a translator may word
differently each time."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError

KINDS = ("targets", "sources")
_EDGE = re.compile(r"^[\s\W]+|[\s\W]+$")


def _key(text: str) -> str:
    return _EDGE.sub("", " ".join(text.split()).lower())


class TranslationConsistencyRule(Rule):
    TYPE = "translation-consistency"
    SEGMENT_LEVEL = True
    KEYS = frozenset({"kind", "min_words"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.kind = need(self, spec, "kind", str)
        if self.kind not in KINDS:
            raise RuleError(f"kind must be one of {', '.join(KINDS)}", path=self.path, rule=self.id)
        self.min_words = need(self, spec, "min_words", int, 2)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        if not doc.segments_are_units:
            return  # pages: a translator varies the wording of running prose, and should
        first: dict[str, tuple[str, int, str]] = {}  # key → (other side's key, line, text of the other side)
        for seg in doc.segments:
            if not seg.source:
                continue
            target = doc.segment_view(seg)  # inline code as written: "`a` returns" is not "`b` returns"
            source_key, target_key = _key(seg.source), _key(target)
            if not source_key or not target_key:
                continue
            mine, other, other_text = ((source_key, target_key, target) if self.kind == "targets"
                                       else (target_key, source_key, seg.source))
            if len(mine.split()) < self.min_words:
                continue
            line = doc.lines.position(doc.to_file(seg.start))[0]
            if mine not in first:
                first[mine] = (other, line, other_text)
                continue
            seen, seen_line, seen_text = first[mine]
            if other == seen:
                continue
            yield RuleMatch(seg.start, seg.end, (), {"match": target, "source": seg.source,
                                                     "line": str(seen_line), "other": seen_text})
