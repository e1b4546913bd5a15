"""Document, Segment and the offset map from checked text back to the file."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from mtcheck.document.lines import LineIndex


class Run(NamedTuple):
    """A stretch of checked text and the stretch of the file it came from.

    A *literal* run is identical, character for character, to the file; a *derived* run is not (an entity, a
    collapsed run of white space, a segment separator), so only its ends map back and fixes may not touch it.
    A *placeholder* run is a derived run that stands for inline non-prose (code, a template macro, an image, an
    MDX expression): one neutral word in the checked text, the whole construct in the file. Markup that is not
    read at all (emphasis marks, link targets, tags, comments) leaves a gap between the file ends of two runs.

    Runs and segments are named tuples: a long document has hundreds of thousands of them, and a tuple is built
    three times faster than a frozen dataclass."""

    text_start: int
    text_end: int
    file_start: int
    file_end: int
    literal: bool
    placeholder: bool = False


#: a word-like token of markup, as ``words.vocabulary`` reads it
_TOKEN = re.compile(r"[A-Za-z_][\w-]*")


class Segment(NamedTuple):
    """A unit of prose: paragraph, heading, headline, list item, table cell. In a bilingual document (a bitext
    line, a line of a line-aligned pair) ``source`` is the source text the segment translates."""

    start: int
    end: int
    kind: str = "paragraph"
    source: str | None = None
    #: inline codes of the source (tags by name and id, inline code, macro names), where the reader knows them:
    #: what a kept-markup check compares with the target's (``readers.translation.code_key``)
    source_codes: tuple[str, ...] | None = None


@dataclass
class Document:
    """Decoded file text, the prose to check, its segments and the map between the two."""

    path: str
    file_text: str
    text: str
    segments: list[Segment]
    runs: list[Run]
    format: str = "text"
    language: str | None = None
    language_hint: str | None = None
    language_hint_source: str = ""  # where the hint was written: "<html lang>", "front matter"
    source_language: str | None = None
    lossy: bool = False
    warnings: list[str] = field(default_factory=list)
    hidden: list[tuple[int, int]] = field(default_factory=list)  # file spans of unread inline markup
    link_texts: list[tuple[int, int]] = field(default_factory=list)  # file spans of link texts (Markdown)
    code_blocks: list[tuple[int, int]] = field(default_factory=list)  # file spans of code blocks (not checked)
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # (file start, end, body) of comments

    @property
    def bilingual(self) -> bool:
        return any(seg.source is not None for seg in self.segments)

    @property
    def segments_are_units(self) -> bool:
        """Is each segment a translation unit of its own (XLIFF, PO, TMX, bitext and line-aligned text), as
        opposed to a block of a page? Rules that group neighbouring segments into passages never group units."""
        return self.format in ("xliff", "po", "tmx", "bitext") or (self.format == "text" and self.bilingual)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.file_text)

    @cached_property
    def _run_starts(self) -> list[int]:
        return [r.text_start for r in self.runs]

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start for s in self.segments]

    def _run_at(self, offset: int, *, end: bool) -> Run | None:
        if not self.runs:
            return None
        # For an end offset on a boundary, the run that ends there is the right one.
        i = bisect_right(self._run_starts, offset - 1 if end and offset > 0 else offset) - 1
        return self.runs[max(i, 0)]

    @cached_property
    def _run_file_starts(self) -> list[int]:
        return [r.file_start for r in self.runs]

    def from_file(self, offset: int, *, end: bool = False) -> int:
        """Map a file offset to a checked-text offset: exact inside literal text; inside a placeholder or derived
        run, that run's start (or its end, for an ``end`` offset), so the span covers the whole construct."""
        if not self.runs:
            return 0
        i = max(bisect_right(self._run_file_starts, offset - 1 if end and offset > 0 else offset) - 1, 0)
        r = self.runs[i]
        if r.literal:
            return r.text_start + min(max(offset - r.file_start, 0), r.text_end - r.text_start)
        return r.text_end if end else r.text_start

    def to_file(self, offset: int, *, end: bool = False) -> int:
        """Map a checked-text offset to a file offset."""
        run = self._run_at(offset, end=end)
        if run is None:
            return 0
        if run.literal:
            return run.file_start + min(max(offset - run.text_start, 0), run.text_end - run.text_start)
        if offset <= run.text_start:
            return run.file_start
        return run.file_end if end or offset >= run.text_end else run.file_start

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        fstart = self.to_file(start)
        fend = self.to_file(end, end=True) if end > start else fstart
        return fstart, max(fstart, fend)

    def _runs_over(self, start: int, end: int) -> list[Run]:
        """The runs a span overlaps; for an empty span (an insertion point), every run touching the point."""
        i = max(bisect_right(self._run_starts, start) - 1, 0)
        if end == start and i > 0 and self.runs[i].text_start == start:
            i -= 1
        out = []
        while i < len(self.runs):
            run = self.runs[i]
            if run.text_start > end or (end > start and run.text_start == end):
                break
            if run.text_end > start or (end == start and run.text_end == start):
                out.append(run)
            i += 1
        return out

    def is_literal(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one literal run, so an edit there maps exactly onto the file and
        touches no markup. Literal runs that are not merged are separated in the file by something that is not
        prose (an emphasis mark, a link target, a tag), so a span over two of them is never literal."""
        runs = self._runs_over(start, end)
        return len(runs) == 1 and runs[0].literal

    @cached_property
    def _placeholder_runs(self) -> list[Run]:
        return [r for r in self.runs if r.placeholder]

    @cached_property
    def _placeholder_starts(self) -> list[int]:
        return [r.text_start for r in self._placeholder_runs]

    def touches_placeholder(self, start: int, end: int) -> bool:
        """True when [start, end) (an empty span: the character at ``start``) overlaps a placeholder."""
        runs = self._placeholder_runs
        if not runs:
            return False
        hi = max(end, start + 1)
        i = bisect_right(self._placeholder_starts, hi - 1) - 1
        return i >= 0 and runs[i].text_end > start

    @cached_property
    def _hidden_starts(self) -> list[int]:
        return [a for a, _ in self.hidden]

    def touches_markup(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a placeholder or spans unread markup (a link target, a tag): a finding
        there is about markup, not prose."""
        if self.touches_placeholder(start, end):
            return True
        if not self.hidden:
            return False
        fstart, fend = self.file_span(start, end)
        i = bisect_right(self._hidden_starts, max(fend, fstart + 1) - 1) - 1
        while i >= 0 and self.hidden[i][0] >= fstart - 4000:
            a, b = self.hidden[i]
            if a < max(fend, fstart + 1) and b > fstart:
                return True
            i -= 1
        return False

    def raw_segment(self, segment: Segment) -> tuple[int, str]:
        """(file offset, file text) of a segment with unread markup (tags, link targets) blanked to spaces, so
        positions stay those of the file and a tag's attributes are not read as numbers."""
        fstart, fend = self.file_span(segment.start, segment.end)
        chars = list(self.file_text[fstart:fend])
        spans = [(a, b) for a, b in self.hidden if a < fend and b > fstart]
        spans += [(r.file_start, r.file_end) for r in self.placeholders_in(segment.start, segment.end)
                  if self.file_text.startswith("<", r.file_start)]
        for a, b in spans:
            for i in range(max(a, fstart), min(b, fend)):
                chars[i - fstart] = " "
        return fstart, "".join(chars)

    def segment_view(self, segment: Segment) -> str:
        """The segment as a reader sees it on the page: its prose, with each placeholder written as in the file
        (inline code, a macro) instead of its placeholder word; unread markup (link targets, tags) left out."""
        out = []
        for r in self._runs_over(segment.start, segment.end):
            lo, hi = max(r.text_start, segment.start), min(r.text_end, segment.end)
            if r.placeholder:
                out.append(self.file_text[r.file_start : r.file_end])
            else:
                out.append(self.text[lo:hi])
        return " ".join("".join(out).split())

    def segment_codes(self, segment: Segment) -> list[tuple[int, int, str]]:
        """(file start, file end, key) of the inline codes of a segment: placeholders and unread tags, keyed like
        the source's codes (``readers.translation.code_key``); markup with no key (link targets) is left out."""
        from mtcheck.readers.translation import code_key

        fstart, fend = self.file_span(segment.start, segment.end)
        spans = [(a, b) for a, b in self.hidden if a < fend and b > fstart]
        spans += [(r.file_start, r.file_end) for r in self.placeholders_in(segment.start, segment.end)]
        out = []
        for a, b in sorted(set(spans)):
            key = code_key(self.file_text[a:b])
            if key is not None:
                out.append((a, b, key))
        return out

    def placeholders_in(self, start: int, end: int) -> list[Run]:
        """The placeholder runs overlapping [start, end), found by bisection (called for every sentence)."""
        runs = self._placeholder_runs
        i = max(bisect_right(self._placeholder_starts, start) - 1, 0)
        out = []
        while i < len(runs) and runs[i].text_start < end:
            if runs[i].text_end > start:
                out.append(runs[i])
            i += 1
        return out

    @cached_property
    def markup_vocabulary(self) -> frozenset[str]:
        """Words of everything in the file that is not prose: inline code and macros, link targets and URLs, tags,
        comments (a ``cSpell:ignore`` list), front matter (the page's title and slug) and code blocks. A word the
        page also uses in its markup is a name or a term of the page, not a misspelling."""
        from mtcheck.document.words import vocabulary

        pieces = []
        pos = 0
        for r in self.runs:
            if r.literal and not r.placeholder and r.file_end > r.file_start:
                if r.file_start > pos:
                    pieces.append(self.file_text[pos : r.file_start])
                pos = max(pos, r.file_end)
        pieces.append(self.file_text[pos:])
        if self.format in ("xliff", "po", "tmx", "bitext"):
            # a translation file holds its sources too: they are another language's prose, not the page's names,
            # so a word the target copies from its source is judged by the speller (and by the source's, which
            # tells a kept name from an untranslated word), not waved through as markup
            in_file = Counter(t for piece in pieces for t in _TOKEN.findall(piece))
            in_sources = Counter(t for seg in self.segments if seg.source for t in _TOKEN.findall(seg.source))
            return vocabulary([t for t, n in in_file.items() if n > in_sources.get(t, 0)])
        return vocabulary(pieces)

    def prose(self, start: int = 0, end: int | None = None) -> str:
        """The checked text of [start, end) without its placeholders (for language identification)."""
        end = len(self.text) if end is None else end
        parts = []
        pos = start
        for r in self.placeholders_in(start, end):
            parts.append(self.text[pos : max(pos, r.text_start)])
            pos = max(pos, r.text_end)
        parts.append(self.text[pos:end])
        return "".join(parts)

    def segment_at(self, offset: int) -> Segment | None:
        i = bisect_right(self._segment_starts, offset) - 1
        if i >= 0 and self.segments[i].start <= offset < max(self.segments[i].end, self.segments[i].start + 1):
            return self.segments[i]
        return None

    def within_one_segment(self, start: int, end: int) -> bool:
        seg = self.segment_at(start)
        return seg is not None and end <= seg.end

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    @property
    def word_count(self) -> int:
        """Words of prose; each placeholder counts as one word, as the construct reads in the sentence."""
        return len(self.text.split())
