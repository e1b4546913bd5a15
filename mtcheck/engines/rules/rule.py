"""What every rule type shares: identity, selection by language, category, severity, message, examples."""

from __future__ import annotations

import re
import unicodedata
import functools
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator

from mtcheck.document import Document
from mtcheck.findings import FixSafety, Severity

if TYPE_CHECKING:
    from mtcheck.engines.rules.regex import Pattern, PatternSet


@dataclass(frozen=True)
class RuleMatch:
    """A span of checked text a rule objects to, with its suggestions and the values for its message."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)
    severity: Severity | None = None  # when the rule grades its own matches (default: the rule's severity)


@dataclass
class Example:
    text: str
    bad: bool
    fixed: str | None = None
    language: str | None = None
    source_language: str | None = None
    source: str | None = None  # the source segment, for rules that compare source and target
    format: str = "text"  # "xliff": XLIFF inline content (tags are codes); "markdown": two aligned pages


@dataclass
class Rule:
    """Base of all rule types. Subclasses set TYPE and KEYS and implement ``configure`` and ``find``."""

    TYPE: ClassVar[str] = ""
    #: a rule that judges a segment against its source: its matches over a whole segment are about the segment
    #: (Finding.scope "segment") and never hide the findings inside it
    SEGMENT_LEVEL: ClassVar[bool] = False
    #: type-specific keys accepted in the YAML, beyond COMMON_KEYS
    KEYS: ClassVar[frozenset[str]] = frozenset()

    id: str
    path: str
    languages: tuple[str, ...] | None  # None: every language; order matters only for examples
    source_languages: tuple[str, ...] | None
    category: str
    severity: Severity
    message: str
    fix_safety: FixSafety
    status: str = "preview"
    description: str = ""
    skip_kinds: frozenset[str] = frozenset()
    #: a rule about inline markup itself may flag a span over a placeholder; no other rule's finding may
    spans_placeholders: bool = False
    examples: list[Example] = field(default_factory=list)

    def configure(self, spec: dict[str, Any]) -> None:
        """Read and compile the type-specific keys; raise RuleError on bad values."""

    def for_examples(self) -> "Rule":
        """The rule as its examples run it (a glossary rule loads its example glossary); usually itself."""
        return self

    def find(self, doc: Document, ctx: "RuleContext") -> Iterable[RuleMatch]:
        raise NotImplementedError

    def applies_to(self, language: str | None, source_language: str | None) -> bool:
        if self.languages is not None and (language or "").split("-")[0] not in self.languages:
            return False
        if self.source_languages is not None and (source_language or "").split("-")[0] not in self.source_languages:
            return False
        return True


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) == "Mn"


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when the span neither starts nor ends inside a word (Unicode-aware, unlike RE2's ``\\b``)."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    if end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
        return False
    return True


#: Words for the repetition rules: internal, fixed and linear (no nested quantifiers), so the standard library's
#: engine is safe here, and it is several times faster per match than the RE2 binding.
WORD = re.compile(r"[^\W_][\w'’-]*")


#: Token numbers are packed as unsigned C ints, ``_SLOT`` bytes each.
_SLOT_TYPE = "I"
_SLOT = array(_SLOT_TYPE).itemsize

#: Objects equal to no token (nor to each other), laid between the segments of a ``Rows``.
_PAD = tuple(object() for _ in range(8))


class Rows:
    """The tokens of a document's segments in one list, each segment followed by padding, so that a test over
    all of them runs in C once per document: which segments hold ``run`` tokens in a row each equal to the token
    ``distance`` after it (a word said twice, a phrase repeated, a loop)? Only those are looked at closely."""

    def __init__(self, flat: list, ends: list[int]):
        self.flat = flat
        self.ends = ends  # row r is flat[ends[r - 1] : ends[r]] (its padding included)
        self._equal: dict[int, bytes] = {}

    @classmethod
    def of(cls, rows: Iterable[list[str]]) -> "Rows":
        """Rows of token lists, each followed by objects equal to no token."""
        flat: list = []
        ends: list[int] = []
        for row in rows:
            flat += row
            flat += _PAD
            ends.append(len(flat))
        return cls(flat, ends)

    @classmethod
    def of_document(cls, doc: Document, tokens: "re.Pattern[str]", lower: bool) -> "Rows | None":
        """Rows of every segment's tokens from one regex pass over the whole text (the blank line between two
        segments is the padding), when the text is exactly the segments parted by blank lines, as the builder
        makes it; None otherwise."""
        text, segments = doc.text, doc.segments
        if not segments or segments[0].start != 0 or segments[-1].end != len(text) or \
                text.count(_SEPARATOR) != len(segments) - 1 or \
                sum(seg.end - seg.start for seg in segments) + len(_SEPARATOR) * (len(segments) - 1) != len(text):
            return None
        lowered = _lowered(text) if lower else text
        flat = re.findall(f"{tokens.pattern}|{_SEPARATOR}", lowered if lowered is not None else text, tokens.flags)
        if lowered is None:
            flat = list(map(str.lower, flat))
        ends = []
        i = -1
        for _ in range(len(segments) - 1):
            i = flat.index(_SEPARATOR, i + 1)
            ends.append(i + 1)
        ends.append(len(flat))
        return cls(flat, ends)

    def row_of(self, index: int) -> int:
        return bisect_right(self.ends, index)

    @functools.cached_property
    def _packed(self) -> int:
        """The tokens as one integer, ``_SLOT`` bytes a token, each slot the token's number (from 1; equal tokens,
        equal numbers): the numbering and packing run in C."""
        numbers = dict(zip(dict.fromkeys(self.flat), range(1, len(self.flat) + 1)))
        return int.from_bytes(array(_SLOT_TYPE, map(numbers.__getitem__, self.flat)).tobytes(), "little")

    def equal(self, distance: int) -> bytes:
        """Slot i (``_SLOT`` bytes) is all zero where ``flat[i] == flat[i + distance]``: the packed tokens XOR the
        same shifted by ``distance`` slots, a few big-integer operations over the whole document."""
        found = self._equal.get(distance)
        if found is None:
            packed = self._packed
            found = (packed ^ (packed >> (8 * _SLOT * distance))).to_bytes(_SLOT * len(self.flat), "little")
            self._equal[distance] = found
        return found

    def with_run(self, distance: int, run: int) -> set[int]:
        """The rows with ``run`` tokens in a row each equal to the one ``distance`` after it (a superset: a run
        may cross the padding when ``distance`` exceeds it, never the other way round)."""
        pattern = bytes(_SLOT * run)
        equal = self.equal(distance)
        found: set[int] = set()
        i = equal.find(pattern)
        while i != -1:
            if i % _SLOT:  # zero bytes of two neighbouring slots: try from the next slot
                i = equal.find(pattern, i + _SLOT - i % _SLOT)
                continue
            row = self.row_of(i // _SLOT)
            if row >= len(self.ends):
                break
            found.add(row)
            i = equal.find(pattern, _SLOT * self.ends[row])
        return found


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it lower-cases character by character (so its tokens are the lower-cased tokens of
    ``text``: no lower-casing changes whether a character is a word character or white space), else None: a
    character that becomes two ("İ") or a capital sigma (final or not by its neighbours)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and "Σ" not in text else None


#: The builder's text: the segments, one after another, with a blank line between each and the next.
_SEPARATOR = "\n\n"


class RuleContext:
    """Per-document state shared by the rules of one run: sentence spans and word tokens are computed once,
    when first asked."""

    def __init__(self, doc: Document, language: str | None, patterns: "PatternSet | None" = None):
        self.doc = doc
        self.language = language
        self.patterns = patterns  # the whole-text patterns of the run's rules, tested at once (``may_match``)
        self._present: frozenset[int] | None = None
        self._sentences: list[tuple[int, int]] | None = None
        self._words: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._tokens: dict[tuple[int, int, bool, str], list[str]] = {}
        self._rows: dict[tuple, Rows] = {}

    def may_match(self, pattern: "Pattern") -> bool:
        """False when ``pattern`` is one of ``patterns`` and matches nowhere in the document's text (all of them
        are tested in one pass over the text, the first time one is asked about)."""
        if self.patterns is None or id(pattern) not in self.patterns.index:
            return True
        if self._present is None:
            self._present = self.patterns.matching(self.doc.text)
        return self.patterns.index[id(pattern)] in self._present

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each word in ``doc.text[start:end]``."""
        key = (start, end)
        if key not in self._words:
            self._words[key] = [(m.start(), m.end()) for m in WORD.finditer(self.doc.text, start, end)]
        return self._words[key]

    def tokens(self, start: int, end: int, *, lower: bool = True, pattern: "re.Pattern[str]" = WORD) -> list[str]:
        """The tokens (``pattern``: words by default) of ``doc.text[start:end]`` as strings, each lower-cased unless
        asked not to, computed once; found in C without positions, so a rule can test a cheap condition before
        it asks for ``words``."""
        key = (start, end, lower, pattern.pattern)
        if key not in self._tokens:
            found = pattern.findall(self.doc.text, start, end)
            self._tokens[key] = list(map(str.lower, found)) if lower else found
        return self._tokens[key]

    def rows(self, skip_kinds: frozenset[str] = frozenset(), *, lower: bool = True,
             pattern: "re.Pattern[str]" = WORD) -> Rows:
        """``tokens`` of every segment not of ``skip_kinds``, in the order of ``segments(skip_kinds)``: from one
        pass over the document when no segment is skipped."""
        key = (skip_kinds, lower, pattern.pattern)
        if key not in self._rows:
            rows = None
            if not any(seg.kind in skip_kinds for seg in self.doc.segments):
                rows = Rows.of_document(self.doc, pattern, lower)
            if rows is None:
                rows = Rows.of(self.tokens(lo, hi, lower=lower, pattern=pattern)
                               for lo, hi, _ in self.segments(skip_kinds))
            self._rows[key] = rows
        return self._rows[key]

    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            from mtcheck.document.sentences import sentence_spans

            spans = []
            for seg in self.doc.segments:
                text = self.doc.text[seg.start : seg.end]
                spans.extend((seg.start + s, seg.start + e) for s, e in sentence_spans(text, self.language))
            self._sentences = spans
        return self._sentences

    def segments(self, skip_kinds: frozenset[str] = frozenset()) -> Iterator[tuple[int, int, str]]:
        for seg in self.doc.segments:
            if seg.kind not in skip_kinds:
                yield seg.start, seg.end, seg.kind
