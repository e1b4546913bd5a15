"""``type: repetition``: a word or phrase said twice where once was meant.

Modes:
- ``word``: the same word twice in a row ("the the"); the fix drops one. Both capitalised ("Tian Tian") is
  taken for a name.
- ``coordination``: one word or phrase joined to itself by a conjunction ("missiles and missiles") — the usual
  trace of two source synonyms translated alike; nothing can guess the lost word, so the suggestion is the
  word once.
- ``phrase``: a run of ``min_words`` to ``max_words`` words repeated at once ("in the city in the city").
Back-references are what a regex would use here; RE2 has none, so the comparison is done in Python over a
linear tokenisation, after a test in C (equal words at the right distance) has set aside the segments that
cannot repeat.

In a bilingual segment, ``coordination`` reads the source: "misiles y cohetes" there confirms the lost word
(the message says so), and "X and X" in the source itself means the translation only follows it (not flagged)."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.regex import Pattern
from mtcheck.engines.rules.rule import WORD, Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import for_language, need, per_language
from mtcheck.errors import RuleError



#: Two short runs of Chinese or Japanese characters joined by a conjunction: 导弹和火箭.
_CJK_COORDINATION = re.compile(r"([\u4e00-\u9fff]{1,4})(?:和|与|及|或|以及|跟)([\u4e00-\u9fff]{1,4})")


class RepetitionRule(Rule):
    TYPE = "repetition"
    KEYS = frozenset({"mode", "conjunctions", "allow", "allow_pattern", "min_words", "max_words",
                      "case_sensitive", "unless_followed_by"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.mode = need(self, spec, "mode", str)
        if self.mode not in ("word", "coordination", "phrase"):
            raise RuleError(f"mode must be word, coordination or phrase, not {self.mode!r}", path=self.path,
                            rule=self.id)
        self.conjunctions = per_language(self, spec, "conjunctions")
        if self.mode == "coordination" and not self.conjunctions:
            raise RuleError("mode coordination needs 'conjunctions'", path=self.path, rule=self.id)
        self.allow = per_language(self, spec, "allow")
        #: words after the match that make it an idiom ("may or may not", "puede o puede no")
        self.unless_followed_by = per_language(self, spec, "unless_followed_by")
        raw = need(self, spec, "allow_pattern", (str, dict), None)
        if isinstance(raw, str):
            raw = {"*": raw}
        self.allow_pattern = {
            lang: Pattern(p, case_sensitive=False, path=self.path, rule=self.id) for lang, p in (raw or {}).items()
        }
        self.max_words = need(self, spec, "max_words", int, 3)
        self.min_words = need(self, spec, "min_words", int, 2)
        self.case_sensitive = need(self, spec, "case_sensitive", bool, False)

    def _allowed(self, phrase: str, allow: set[str], patterns: list[Pattern]) -> bool:
        low = phrase.lower()
        if low in allow:
            return True
        return any(p.search(low) for p in patterns) and " " not in low

    @staticmethod
    def _whole_tokens(text: str, s: int, e: int) -> bool:
        """The span starts and ends at token edges: not inside "C++", "C#", "main.exe" or ".rs"."""
        after = text[e : e + 2]
        if after[:1] in ("+", "#") or (after[:1] in (".", "_") and after[1:2].isalnum()):
            return False
        before = text[max(0, s - 2) : s]
        return not (before[-1:] in (".", "_") and before[:1].isalnum())

    @staticmethod
    def _reduplicated_name(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """"Tian Tian", "Bora Bora": both capitalised is a name, not a stutter ("The the" still is one)."""
        return text[a[0]].isupper() and text[b[0]].isupper()

    def _source_coordination(self, source: str, language: str | None) -> str | bool | None:
        """In a bilingual segment, what the source coordinates: "X and Y" with two different words (the evidence
        that the target's "X and X" lost one), False when the source itself says "X and X", None otherwise."""
        lang = (language or "").split("-")[0]
        if lang in ("zh", "ja"):
            m = _CJK_COORDINATION.search(source)
            return m.group() if m and m.group(1) != m.group(2) else None
        conj = {c.lower() for c in for_language(self.conjunctions, lang)}
        if not conj:
            return None
        words = [m for m in WORD.finditer(source)]
        toks = [m.group().lower() for m in words]
        different = None
        for j in range(1, len(toks) - 1):
            if toks[j] not in conj:
                continue
            if toks[j - 1] == toks[j + 1]:
                return False
            if different is None:
                different = source[words[j - 1].start() : words[j + 1].end()]
        return different

    def _may_repeat(self, ctx: RuleContext, conj: set[str]) -> set[int]:
        """The segments (indices into ``ctx.segments(skip_kinds)``) that pass a necessary condition for a match of
        this mode: equal words at the right distance, found in C over the whole document at once
        (``RuleContext.rows``). Most segments fail it and are never tokenised with positions."""
        rows = ctx.rows(self.skip_kinds, lower=not self.case_sensitive)
        if self.mode == "word":
            return rows.with_run(1, 1)
        if self.mode == "phrase":
            return set().union(*(rows.with_run(k, k) for k in range(max(self.min_words, 2), self.max_words + 1)))
        # coordination: k words, a conjunction, the same k words (only the conjunctions are tried)
        flat = rows.flat
        is_conj = bytes(map(conj.__contains__, flat))
        found: set[int] = set()
        j = is_conj.find(1, 1)
        while j != -1:
            for k in range(1, self.max_words + 1):
                if flat[j - k : j] == flat[j + 1 : j + 1 + k]:
                    found.add(rows.row_of(j))
                    break
            j = is_conj.find(1, j + 1)
        return found

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        lang = (ctx.language or "").split("-")[0]
        allow = {w.lower() for w in for_language(self.allow, lang)}
        patterns = [p for key, p in self.allow_pattern.items() if key in ("*", lang)]
        conj = {c.lower() for c in for_language(self.conjunctions, lang)}
        idiom_next = {w.lower() for w in for_language(self.unless_followed_by, lang)}
        if self.mode == "coordination" and not conj:
            return
        text = doc.text
        segments = list(ctx.segments(self.skip_kinds))
        for index in sorted(self._may_repeat(ctx, conj)):
            lo, hi, _ = segments[index]
            toks = ctx.tokens(lo, hi, lower=not self.case_sensitive)
            words = ctx.words(lo, hi)
            n = len(words)

            def gap_is_space(i: int) -> bool:
                return text[words[i][1] : words[i + 1][0]].isspace()

            i = 0
            while i < n:
                found = None
                if self.mode == "word":
                    if i + 1 < n and toks[i] == toks[i + 1] and gap_is_space(i) and toks[i] not in allow \
                            and not toks[i].isdigit() and not self._reduplicated_name(text, words[i], words[i + 1]) \
                            and self._whole_tokens(text, words[i][0], words[i + 1][1]):
                        s, e = words[i][0], words[i + 1][1]
                        found = RuleMatch(s, e, (text[words[i][0]:words[i][1]],), {"word": text[s:words[i][1]]})
                elif self.mode == "coordination":
                    for k in range(1, self.max_words + 1):
                        j = i + k  # index of the conjunction; the repeat is words j+1 .. j+k
                        if j + k > n - 1:
                            break
                        if toks[j] not in conj:
                            continue
                        left, right = toks[i:j], toks[j + 1 : j + 1 + k]
                        if left != right:
                            continue
                        if not all(gap_is_space(x) for x in range(i, j + k)):
                            continue
                        phrase = text[words[i][0] : words[j - 1][1]]
                        if self._allowed(phrase, allow, patterns):
                            continue
                        s, e = words[i][0], words[j + k][1]
                        if not self._whole_tokens(text, s, e):
                            continue
                        a, b = text[words[i][0]:words[j - 1][1]], text[words[j + 1][0]:words[j + k][1]]
                        if a[1:] != b[1:]:
                            continue  # "Ajax or AJAX": two spellings shown on purpose, not one word twice
                        if j + k + 1 < n and toks[j + k + 1] in idiom_next and gap_is_space(j + k):
                            continue
                        values = {"word": phrase, "conjunction": text[words[j][0]:words[j][1]], "match": text[s:e]}
                        seg = doc.segment_at(s)
                        if seg is not None and seg.source:
                            evidence = self._source_coordination(seg.source, doc.source_language)
                            if evidence is False:
                                continue  # the source repeats the word itself: the translation follows it
                            if evidence:
                                values["evidence"] = (f" The source has '{evidence}': two different words, "
                                                      f"one lost.")
                                values["focus"] = evidence
                        found = RuleMatch(s, e, (phrase,), values)
                        break
                else:  # phrase
                    for k in range(self.max_words, max(self.min_words, 2) - 1, -1):
                        if i + 2 * k <= n and toks[i : i + k] == toks[i + k : i + 2 * k] and \
                                all(gap_is_space(x) for x in range(i, i + 2 * k - 1)):
                            phrase = text[words[i][0] : words[i + k - 1][1]]
                            if self._allowed(phrase, allow, patterns):
                                continue
                            s, e = words[i][0], words[i + 2 * k - 1][1]
                            found = RuleMatch(s, e, (phrase,), {"word": phrase})
                            break
                if found is not None:
                    yield found
                    while i < n and words[i][0] < found.end:
                        i += 1
                else:
                    i += 1
