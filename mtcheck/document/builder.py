"""Build a Document from a reader's calls, after LanguageTool's AnnotatedTextBuilder.

Readers never compute file positions of findings; they say which stretches of the source are prose
(``add_text``), which are prose written differently in the file (``add_derived``: an entity, collapsed white
space), which are inline non-prose that stands in a sentence as a word (``add_placeholder``: inline code, a
macro, an image) and where a segment ends. Markup that is not read at all (emphasis marks, link targets, tags)
is simply not added: it leaves a gap in the offset map, so no fix can span it. The builder produces text,
segments and the offset map together.

*Masks* are stretches of the source found before reading (template tags, MDX expressions, the user's
``token_ignores`` and ``block_ignores``): whatever a reader adds inside a mask is replaced by one placeholder
(or by nothing, for a hidden mask), so every reader honours them the same way."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from mtcheck.document.model import Document, Run, Segment

SEGMENT_SEPARATOR = "\n\n"
#: The word a placeholder reads as, numbered within its segment ("`a` and `b`" must not read as "X and X").
#: As in LTeX: a word with a digit, which LanguageTool's spellers skip and which no rule takes for a real word.
PLACEHOLDER_WORD = "Dummy"

LITERAL, DERIVED, PLACEHOLDER = "literal", "derived", "placeholder"


@dataclass(frozen=True)
class Mask:
    start: int  # offsets into ``builder.source``
    end: int
    placeholder: bool  # False: hidden (not read, no word in its place)


def _join_spaces(pieces: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Markup that is not read and stood between two spaces ("a <!-- x --> b", "a {/* x */} b") would leave
    two spaces in the checked text, which every spacing rule would flag: the second space is dropped (it stays in
    the file; the gap keeps fixes away from it)."""
    out: list[tuple[str, int, int, str]] = []
    for piece in pieces:
        text, s, e, k = piece
        if out and k != PLACEHOLDER and text[:1].isspace():
            ptext, _, pe, pk = out[-1]
            if pk != PLACEHOLDER and ptext[-1:].isspace() and pe != s:
                stripped = text.lstrip()
                if k == LITERAL:
                    s += len(text) - len(stripped)
                text = stripped
                if not text:
                    continue
        out.append((text, s, e, k))
    return out


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
        self._pieces: list[tuple[str, int, int, str]] = []
        self._text_parts: list[str] = []
        self._runs: list[Run] = []
        self._segments: list[Segment] = []
        self._length = 0
        self._blocks: list[tuple[int, int]] = []  # file spans of code blocks (shown in the report, not checked)
        self._comments: list[tuple[int, int, str]] = []  # (file start, file end, body) of comments in the markup
        self._hidden: list[tuple[int, int]] = []  # file offsets of markup that is not read (link targets, tags)
        self._link_texts: list[tuple[int, int]] = []  # file spans of link texts (the words a link shows)
        self._masks: list[Mask] = []
        self._mask_starts: list[int] = []
        self._emitted: set[int] = set()
        self.language_hint: str | None = None
        self.language_hint_source: str = ""
        self.source_language: str | None = None  # where the file says it (XLIFF srcLang, TMX srclang)
        self.warnings: list[str] = []

    # -- masks ------------------------------------------------------------------------------------------------
    def set_masks(self, masks: list[Mask]) -> None:
        """Stretches of the source read as one placeholder each (or not at all). Overlapping masks merge; a
        merged mask is a placeholder when any part of it is."""
        merged: list[Mask] = []
        for m in sorted(masks, key=lambda m: (m.start, -m.end)):
            if m.end <= m.start:
                continue
            if merged and m.start < merged[-1].end:
                last = merged[-1]
                merged[-1] = Mask(last.start, max(last.end, m.end), last.placeholder or m.placeholder)
            else:
                merged.append(m)
        self._masks = merged
        self._mask_starts = [m.start for m in merged]
        self._emitted = set()

    def _masks_over(self, start: int, end: int) -> range:
        """Indices of the masks overlapping [start, end)."""
        if not self._masks:
            return range(0)
        lo = max(bisect_right(self._mask_starts, start) - 1, 0)
        if self._masks[lo].end <= start:
            lo += 1
        hi = bisect_left(self._mask_starts, end)
        return range(lo, max(lo, hi))

    def _emit_mask(self, i: int) -> None:
        if i in self._emitted:
            return
        self._emitted.add(i)
        m = self._masks[i]
        if m.placeholder:
            self._pieces.append(("", m.start, m.end, PLACEHOLDER))
        else:
            self.add_hidden(m.start, m.end)

    # -- what readers call -------------------------------------------------------------------------------------
    def _file_offset(self, source_offset: int) -> int:
        if not self._removed:
            return source_offset
        return source_offset + bisect_right(self._removed, source_offset - 1)

    def add_text(self, text: str, source_start: int) -> None:
        """Prose that stands in the source exactly as given, starting at ``source_start``."""
        if not text:
            return
        end = source_start + len(text)
        if self.source[source_start:end] != text:
            # A reader bug must never produce wrong positions: degrade to a derived run.
            self.add_derived(text, source_start, end)
            return
        pos = source_start
        for i in self._masks_over(source_start, end):
            m = self._masks[i]
            if m.start > pos:
                self._pieces.append((text[pos - source_start : m.start - source_start], pos, m.start, LITERAL))
            self._emit_mask(i)
            pos = max(pos, m.end)
        if pos < end:
            self._pieces.append((text[pos - source_start :], pos, end, LITERAL))

    def add_derived(self, text: str, source_start: int, source_end: int) -> None:
        """Prose that the file spells differently (``&amp;`` → ``&``, a line break → a space)."""
        if not text:
            return
        masks = self._masks_over(source_start, max(source_end, source_start + 1))
        if masks:
            for i in masks:
                self._emit_mask(i)
            return
        self._pieces.append((text, source_start, source_end, DERIVED))

    def add_placeholder(self, source_start: int, source_end: int) -> None:
        """Inline non-prose that reads as one word in its sentence: inline code, an image, a macro."""
        if source_end <= source_start:
            return
        for i in self._masks_over(source_start, source_end):
            m = self._masks[i]
            source_start, source_end = min(source_start, m.start), max(source_end, m.end)
            self._emitted.add(i)
        if self._pieces and self._pieces[-1][3] == PLACEHOLDER and self._pieces[-1][2] >= source_start:
            _, s, e, _ = self._pieces.pop()  # one construct reached twice (a macro inside code): one word
            source_start, source_end = min(s, source_start), max(e, source_end)
        self._pieces.append(("", source_start, source_end, PLACEHOLDER))

    def add_code_block(self, source_start: int, source_end: int) -> None:
        """A code block: not checked, but the report shows it as code among the prose."""
        if source_end > source_start:
            self._blocks.append((self._file_offset(source_start), self._file_offset(source_end)))

    def add_comment(self, source_start: int, source_end: int, body: str) -> None:
        """A comment the parser found (HTML ``<!-- -->``, reStructuredText ``..``): where inline suppressions
        live. Comments shown inside code are never reported here, so they suppress nothing."""
        self._comments.append((self._file_offset(source_start), self._file_offset(source_end), body))

    def add_link_text(self, source_start: int, source_end: int) -> None:
        """The text of a link: prose, but often the title of what it links to, in that page's language."""
        if source_end > source_start:
            self._link_texts.append((self._file_offset(source_start), self._file_offset(source_end)))

    def add_hidden(self, source_start: int, source_end: int) -> None:
        """Markup inside a sentence that is not read (a link target, a tag, a comment, a footnote reference):
        nothing in the checked text, and no finding may span it."""
        if source_end > source_start:
            self._hidden.append((self._file_offset(source_start), self._file_offset(source_end)))

    def end_segment(self, kind: str = "paragraph", source: str | None = None,
                    source_codes: tuple[str, ...] | None = None) -> None:
        """Close the current segment; leading and trailing white space is dropped, and so is a segment with no
        prose in it (only placeholders and punctuation: a macro on a line of its own, a code-only list item)."""
        pieces = self._pieces
        self._pieces = []
        while pieces and pieces[0][3] != PLACEHOLDER and not pieces[0][0].strip():
            pieces.pop(0)
        while pieces and pieces[-1][3] != PLACEHOLDER and not pieces[-1][0].strip():
            pieces.pop()
        if not any(kind_ != PLACEHOLDER and any(map(str.isalpha, text)) for text, _, _, kind_ in pieces):
            return
        pieces = _join_spaces(pieces)
        for index in (0, -1):
            text, s, e, k = pieces[index]
            if k == PLACEHOLDER:
                continue
            stripped = text.lstrip() if index == 0 else text.rstrip()
            if k == LITERAL:
                if index == 0:
                    s += len(text) - len(stripped)
                else:
                    e = s + len(stripped)
            pieces[index] = (stripped, s, e, k)

        if self._segments:
            last = self._runs[-1]
            self._append(SEGMENT_SEPARATOR, last.file_end, last.file_end, DERIVED)
        seg_start = self._length
        number = 0
        for text, s, e, k in pieces:
            if k == PLACEHOLDER:
                text = f"{PLACEHOLDER_WORD}{number}"
                number += 1
            self._append(text, self._file_offset(s), self._file_offset(e), k)
        self._segments.append(Segment(seg_start, self._length, kind, source, source_codes))

    def _append(self, text: str, fstart: int, fend: int, kind: str) -> None:
        if not text:
            return
        start = self._length
        self._length += len(text)
        self._text_parts.append(text)
        prev = self._runs[-1] if self._runs else None
        literal = kind == LITERAL
        if (
            literal
            and prev is not None
            and prev.literal
            and prev.text_end == start
            and prev.file_end == fstart
        ):
            self._runs[-1] = Run(prev.text_start, self._length, prev.file_start, fend, True)
        else:
            self._runs.append(Run(start, self._length, fstart, fend, literal, kind == PLACEHOLDER))

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
            language_hint_source=self.language_hint_source,
            source_language=self.source_language,
            warnings=list(self.warnings),
            hidden=sorted(self._hidden),
            link_texts=sorted(self._link_texts),
            code_blocks=sorted(self._blocks),
            comments=sorted(self._comments),
        )
