"""Document, Segment and the offset map from checked text back to the file."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from mtcheck.document.lines import LineIndex


@dataclass(frozen=True)
class Run:
    """A stretch of checked text and the stretch of the file it came from.

    A *literal* run is identical, character for character, to the file; a *derived* run is not (an entity, a
    collapsed run of white space, a segment separator), so only its ends map back and fixes may not touch it."""

    text_start: int
    text_end: int
    file_start: int
    file_end: int
    literal: bool


@dataclass(frozen=True)
class Segment:
    """A unit of prose: paragraph, heading, headline, list item, table cell."""

    start: int
    end: int
    kind: str = "paragraph"


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
    source_language: str | None = None
    lossy: bool = False
    warnings: list[str] = field(default_factory=list)

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

    def is_literal(self, start: int, end: int) -> bool:
        """True when [start, end) lies in literal runs only, so an edit there maps exactly onto the file."""
        if not self.runs:
            return False
        i = bisect_right(self._run_starts, start) - 1
        while i < len(self.runs):
            run = self.runs[i]
            if run.text_start >= end and end > start:
                return True
            if not run.literal and run.text_end > start and run.text_start < max(end, start + 1):
                return False
            if run.text_end >= end:
                return True
            i += 1
        return True

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
        return len(self.text.split())
