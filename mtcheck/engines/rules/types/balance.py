"""``type: balance``: brackets and quotation marks that open and never close, or close and never opened.

Checked per segment with a stack. Two habits of real prose are not errors: a quotation that runs over several
paragraphs (news style leaves the closing mark off until its last paragraph, and opens each one again; likewise a
parenthesis that opens a paragraph and closes in a later one), and a list marker such as "a)" or "2)"."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError


class BalanceRule(Rule):
    TYPE = "balance"
    KEYS = frozenset({"pairs"})

    def configure(self, spec: dict[str, Any]) -> None:
        pairs = need(self, spec, "pairs", list)
        self.openers: dict[str, str] = {}
        self.closers: dict[str, str] = {}
        self.symmetric: set[str] = set()
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and len(p) == 1 for p in pair)):
                raise RuleError("each entry of 'pairs' is [opening, closing], one character each", path=self.path,
                                rule=self.id)
            o, c = pair
            if o == c:
                self.symmetric.add(o)
            else:
                self.openers[o] = c
                self.closers[c] = o
        #: the marks themselves: the scan visits only them (a regex over the segment, in C), not every character
        marks = sorted({*self.symmetric, *self.openers, *self.closers})
        self._marks = re.compile("[" + "".join(map(re.escape, marks)) + "]" if marks else "(?!)")

    def _is_list_marker(self, text: str, i: int, lo: int) -> bool:
        j = i
        while j > lo and text[j - 1].isalnum() and i - j < 3:
            j -= 1
        return j < i and (j == lo or text[j - 1].isspace() or text[j - 1] in "([")

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        text = doc.text
        segs = list(ctx.segments(self.skip_kinds))
        for n, (lo, hi, _) in enumerate(segs):
            stack: list[tuple[str, int]] = []
            sym: dict[str, list[int]] = {}
            for mark in self._marks.finditer(text, lo, hi):
                i = mark.start()
                ch = mark.group()
                if ch in self.symmetric:
                    sym.setdefault(ch, []).append(i)
                elif ch in self.openers:
                    stack.append((ch, i))
                elif ch in self.closers:
                    want = self.closers[ch]
                    if stack and stack[-1][0] == want:
                        stack.pop()
                    elif any(o == want for o, _ in stack):
                        while stack and stack[-1][0] != want:
                            yield self._match(text, stack.pop()[1], "opens")
                        stack.pop()
                    elif ch == ")" and (self._is_list_marker(text, i, lo) or text[i - 1 : i] in (":", ";")):
                        continue
                    else:
                        yield self._match(text, i, "closes")
            next_start = text[segs[n + 1][0]] if n + 1 < len(segs) else ""
            for o, i in stack:
                if i == lo:
                    continue  # a quotation or aside that opens the paragraph and runs into the next one
                yield self._match(text, i, "opens")
            for ch, positions in sym.items():
                if len(positions) % 2:
                    i = positions[-1]
                    if i == lo and next_start == ch:
                        continue
                    yield self._match(text, i, "opens or closes")

    @staticmethod
    def _match(text: str, i: int, verb: str) -> RuleMatch:
        return RuleMatch(i, i + 1, (), {"match": text[i], "role": verb})
