"""``type: loop``: degenerate MT output, a token, a punctuation mark or a short n-gram repeated on and on (". . . .
. .", "the the the the", "of the world of the world of the world"), reported as one finding over the whole loop.

A loop is ``min_repeats`` or more back-to-back copies of an n-gram of 1 to ``max_ngram`` tokens (words or single
punctuation marks); single tokens need ``min_repeats_token``. ``allow`` lists, per language, tokens that repeat by
nature (laughter "ha ha ha ha", song "la la la"). In a bilingual segment, a loop that the source has as well is
the source's, not the machine's."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import for_language, need, per_language

TOKEN = re.compile(r"\w+|[^\w\s]")
#: Marks whose runs are degenerate output; others repeat as markup or decoration ("####", "----", "****").
SENTENCE_MARKS = set(".,;:!?…")


class LoopRule(Rule):
    TYPE = "loop"
    KEYS = frozenset({"max_ngram", "min_repeats", "min_repeats_token", "allow"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.max_ngram = need(self, spec, "max_ngram", int, 4)
        self.min_repeats = need(self, spec, "min_repeats", int, 3)
        self.min_repeats_token = need(self, spec, "min_repeats_token", int, 4)
        self.allow = per_language(self, spec, "allow")
        #: a loop of n tokens repeated r times is a run of (r - 1) * n tokens equal to the token n after them
        self._runs = [(n, b"\x01" * ((self.min_repeats_token if n == 1 else self.min_repeats) - 1) * n)
                      for n in range(1, self.max_ngram + 1)]

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        allowed = {w.lower() for w in for_language(self.allow, ctx.language)}
        rows = ctx.rows(pattern=TOKEN)  # every segment's tokens, from one pass over the document
        maybe = set().union(*(rows.with_run(n, len(run)) for n, run in self._runs))
        for index in sorted(maybe):  # a necessary condition, tested in C, fails for the others (most segments)
            seg = doc.segments[index]
            text = doc.text[seg.start : seg.end]
            toks = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text)]
            words = [t[2] for t in toks]
            n_tok = len(toks)
            i = 0
            while i < n_tok:
                best = None  # (covered tokens, n, repeats)
                for n in range(1, self.max_ngram + 1):
                    if i + 2 * n > n_tok:
                        break
                    gram = words[i : i + n]
                    reps = 1
                    while words[i + reps * n : i + (reps + 1) * n] == gram:
                        reps += 1
                    need_reps = self.min_repeats_token if n == 1 else self.min_repeats
                    if reps >= need_reps and (best is None or reps * n > best[0]):
                        best = (reps * n, n, reps)
                if best is None or all(w in allowed for w in words[i : i + best[1]]) or all(
                        not w[0].isalnum() and w not in SENTENCE_MARKS for w in words[i : i + best[1]]):
                    i += 1
                    continue
                covered, n, reps = best
                s, e = toks[i][0], toks[i + covered - 1][1]
                loop = text[s:e]
                once = text[toks[i][0] : toks[i + n - 1][1]]
                if seg.source is not None and " ".join(loop.split()) in " ".join(seg.source.split()):
                    i += covered
                    continue
                yield RuleMatch(seg.start + s, seg.start + e, (once,),
                                {"match": loop if len(loop) <= 60 else loop[:57] + "…", "unit": once,
                                 "count": str(reps)})
                i += covered

