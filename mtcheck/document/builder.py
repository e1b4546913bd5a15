"""Build a Document from a reader's calls, after LanguageTool's AnnotatedTextBuilder.

Readers never compute file positions of findings; they say which stretches of the source are prose
(``add_text``), which are prose written differently in the file (``add_derived``: an entity, collapsed white
space) and where a segment ends. The builder produces text, segments and the offset map together."""

from __future__ import annotations

from bisect import bisect_right

from mtcheck.document.model import Document, Run, Segment

SEGMENT_SEPARATOR = "\n\n"


class DocumentBuilder:
    """Readers work on ``builder.source``: the file text with CRLF turned into LF; offsets they pass are
    offsets into that source, and the builder maps them back to the file."""

    def __init__(self, path: str, file_text: str, *, format: str):
        self.path = path
        self.file_text = file_text
        self.format = format
        if "\r" in file_text:
            removed = []
            out = []
            last = 0
            pos = file_text.find("\r\n")
            while pos != -1:
                out.append(file_text[last:pos])
                removed.append(pos - len(removed))  # position in the normalised text
                last = pos + 1
                pos = file_text.find("\r\n", last)
            out.append(file_text[last:])
            self.source = "".join(out).replace("\r", "\n")
            self._removed = removed
        else:
            self.source = file_text
            self._removed = []
        self._pieces: list[tuple[str, int, int, bool]] = []
        self._text_parts: list[str] = []
        self._runs: list[Run] = []
        self._segments: list[Segment] = []
        self._length = 0
        self.language_hint: str | None = None
        self.warnings: list[str] = []

    def _file_offset(self, source_offset: int) -> int:
        if not self._removed:
            return source_offset
        return source_offset + bisect_right(self._removed, source_offset - 1)

    def add_text(self, text: str, source_start: int) -> None:
        """Prose that stands in the source exactly as given, starting at ``source_start``."""
        if not text:
            return
        if self.source[source_start : source_start + len(text)] != text:
            # A reader bug must never produce wrong positions: degrade to a derived run.
            self.add_derived(text, source_start, source_start + len(text))
            return
        self._pieces.append((text, source_start, source_start + len(text), True))

    def add_derived(self, text: str, source_start: int, source_end: int) -> None:
        """Prose that the file spells differently (``&amp;`` → ``&``, a line break → a space)."""
        if text:
            self._pieces.append((text, source_start, source_end, False))

    def end_segment(self, kind: str = "paragraph") -> None:
        """Close the current segment; leading and trailing white space is dropped."""
        pieces = self._pieces
        self._pieces = []
        while pieces and not pieces[0][0].strip():
            pieces.pop(0)
        while pieces and not pieces[-1][0].strip():
            pieces.pop()
        if not pieces:
            return
        text, s, e, lit = pieces[0]
        stripped = text.lstrip()
        if lit:
            s += len(text) - len(stripped)
        pieces[0] = (stripped, s, e, lit)
        text, s, e, lit = pieces[-1]
        stripped = text.rstrip()
        if lit:
            e = s + len(stripped)
        pieces[-1] = (stripped, s, e, lit)

        if self._segments:
            last = self._runs[-1]
            self._append(SEGMENT_SEPARATOR, last.file_end, last.file_end, False)
        seg_start = self._length
        for text, s, e, lit in pieces:
            self._append(text, self._file_offset(s), self._file_offset(e), lit)
        self._segments.append(Segment(seg_start, self._length, kind))

    def _append(self, text: str, fstart: int, fend: int, literal: bool) -> None:
        if not text:
            return
        start = self._length
        self._length += len(text)
        self._text_parts.append(text)
        prev = self._runs[-1] if self._runs else None
        if (
            literal
            and prev is not None
            and prev.literal
            and prev.text_end == start
            and prev.file_end == fstart
        ):
            self._runs[-1] = Run(prev.text_start, self._length, prev.file_start, fend, True)
        else:
            self._runs.append(Run(start, self._length, fstart, fend, literal))

    def build(self) -> Document:
        if self._pieces:
            self.end_segment()
        return Document(
            path=self.path,
            file_text=self.file_text,
            text="".join(self._text_parts),
            segments=self._segments,
            runs=self._runs,
            format=self.format,
            language_hint=self.language_hint,
            warnings=list(self.warnings),
        )
