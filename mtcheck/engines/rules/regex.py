"""Regex compilation: RE2 (linear time, no catastrophic backtracking) by default; the backtracking ``regex``
module only for rules that opt in (``regex_engine: backtracking``), and then always under a time limit."""

from __future__ import annotations

import re2

from mtcheck.errors import RuleError

#: Per-call time limit for backtracking patterns, in seconds.
BACKTRACK_TIMEOUT = 0.25


class RegexTimeout(Exception):
    """A backtracking pattern ran past its time limit on some text."""


def _re2_options(case_sensitive: bool) -> "re2.Options":
    opts = re2.Options()
    opts.case_sensitive = case_sensitive
    opts.log_errors = False  # errors are reported to the user by us, naming the rule file
    return opts


class _ShiftedMatch:
    """A match found in a slice of the text, with offsets into the whole text."""

    __slots__ = ("_m", "_base")

    def __init__(self, m, base: int):
        self._m = m
        self._base = base

    def start(self, group: int | str = 0) -> int:
        s = self._m.start(group)
        return s + self._base if s >= 0 else -1

    def end(self, group: int | str = 0) -> int:
        e = self._m.end(group)
        return e + self._base if e >= 0 else -1

    def group(self, *groups):
        return self._m.group(*groups)

    def groupdict(self):
        return self._m.groupdict()


class Pattern:
    """One compiled pattern with the small API the rule types need: ``finditer`` and ``search_at``."""

    def __init__(self, source: str, *, case_sensitive: bool = True, engine: str = "re2",
                 path: str | None = None, rule: str | None = None):
        self.source = source
        self.engine = engine
        self.case_sensitive = case_sensitive
        if engine == "re2":
            try:
                self._re = re2.compile(source, _re2_options(case_sensitive))
            except re2.error as exc:
                detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
                hint = ""
                if any(tok in source for tok in ("(?=", "(?!", "(?<=", "(?<!", "\\1", "\\2", "(?P=")):
                    hint = " (look-around and back-references need 'regex_engine: backtracking')"
                raise RuleError(f"bad regex {source!r}: {detail}{hint}", path=path, rule=rule) from None
        elif engine == "backtracking":
            import regex as backtracking  # only for rules that opt in (none of the bundled ones)

            flags = backtracking.V0 | (0 if case_sensitive else backtracking.IGNORECASE)
            try:
                self._re = backtracking.compile(source, flags)
            except backtracking.error as exc:
                raise RuleError(f"bad regex {source!r}: {exc}", path=path, rule=rule) from None
        else:
            raise RuleError(f"unknown regex_engine {engine!r} (re2 or backtracking)", path=path, rule=rule)
        self.groupindex = dict(self._re.groupindex)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Matches in ``text[pos:endpos]``, searched as a string of its own (so ``^`` and ``$`` anchor at the
        slice's ends) but reported with offsets into ``text``. Slicing matters for speed too: the RE2 binding
        re-encodes the whole string on every call, which made per-sentence calls quadratic on long texts."""
        end = len(text) if endpos is None else endpos
        if pos == 0 and end == len(text):
            sub, base = text, 0
        else:
            sub, base = text[pos:end], pos
        if self.engine == "re2":
            found = self._re.finditer(sub)
        else:
            try:
                found = list(self._re.finditer(sub, timeout=BACKTRACK_TIMEOUT))
            except TimeoutError:
                raise RegexTimeout(self.source) from None
        if base == 0:
            return found
        return (_ShiftedMatch(m, base) for m in found)

    def search(self, text: str) -> bool:
        if self.engine == "re2":
            return self._re.search(text) is not None
        try:
            return self._re.search(text, timeout=BACKTRACK_TIMEOUT) is not None
        except TimeoutError:
            raise RegexTimeout(self.source) from None


def _stress_inputs(source: str, samples: tuple[str, ...]) -> list[str]:
    """Inputs that make a backtracking pattern show exponential behaviour quickly if it has it: long runs of
    each literal character the pattern names (and of a few common ones), bare and space-separated, with a
    tail that makes the match fail at the very end; and the rule's own examples, repeated."""
    chars = {c for c in source if c.isalnum() or c in " .,;:!?-'"} | set("a .1")
    out = []
    for c in sorted(chars)[:40]:
        out += [c * 1500 + "!", (c + " ") * 750 + "!"]
    out += [(sample + " ") * (1 + 1500 // max(1, len(sample))) for sample in samples if sample]
    return out


def check_backtracking(pattern: Pattern, *, path: str, rule: str, samples: tuple[str, ...] = ()) -> None:
    """Refuse a backtracking pattern that runs past its time limit on short adversarial inputs."""
    if pattern.engine != "backtracking":
        return
    for text in _stress_inputs(pattern.source, samples):
        try:
            pattern.finditer(text)
        except RegexTimeout:
            raise RuleError(
                f"regex {pattern.source!r} backtracks catastrophically (over {BACKTRACK_TIMEOUT}s on a "
                f"{len(text)}-character input); rewrite it for RE2",
                path=path, rule=rule,
            ) from None


class PatternSet:
    """Many RE2 patterns tested in one pass over a text (RE2::Set): which of them match anywhere in it. The rule
    engine asks it once per document, so a pattern rule whose pattern is nowhere in the text is not run.

    RE2::Set reports only "no pattern matched" when its DFA runs out of memory, which would hide matches, so the
    set gets a generous memory budget and, before it is used, must find every pattern in a text where that
    pattern matches (``samples``); a set that fails the test holds no pattern (``index`` is empty), so every
    pattern rule runs as without it."""

    MAX_MEM = 256 << 20

    def __init__(self, patterns: list[Pattern], samples: list[list[str]]):
        self.index: dict[int, int] = {}  # id(Pattern) → its index in the set
        self._set = None
        if not patterns or any(p.engine != "re2" for p in patterns):
            return
        opts = _re2_options(True)
        opts.max_mem = self.MAX_MEM
        found = re2.Set.SearchSet(opts)
        try:
            for i, p in enumerate(patterns):
                # one set, one options: a case-insensitive pattern carries its own flag
                if found.Add(p.source if p.case_sensitive else f"(?i:{p.source})") != i:
                    return
            found.Compile()
        except re2.error:
            return
        for i, texts in enumerate(samples):
            for text in texts:
                if patterns[i].search(text) and i not in (found.Match(text) or ()):
                    return  # the set misses what the pattern finds: never used
        self._set = found
        self.index = {id(p): i for i, p in enumerate(patterns)}

    def matching(self, text: str) -> frozenset[int]:
        """Indices of the patterns that match somewhere in ``text`` (asked only of a set that holds patterns)."""
        return frozenset(self._set.Match(text) or ())
