"""Bilingual text: the source goes with each target segment, positions stay in the target file.

- ``.tsv`` bitext, LanguageTool's format: ``source<TAB>target`` on each line (no header, no quoting).
- A line-aligned pair: a target text file and its source file (``--source-dir``), one segment a line.

XLIFF, PO and TMX are not read yet (the bilingual issue); they will come through translate-toolkit."""

from __future__ import annotations

from mtcheck.document import Document, DocumentBuilder
from mtcheck.errors import InputError
from mtcheck.readers.syntax import ReaderOptions, token_masks


def read_tsv(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    """Each ``source<TAB>target`` line is a segment of the target text. A file whose lines do not have exactly
    two columns is not a bitext: InputError, so it is reported and counted as not checked."""
    src = builder.source
    builder.set_masks(token_masks(src, options or ReaderOptions()))
    pos = 0
    for number, line in enumerate(src.split("\n"), 1):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if line.count("\t") != 1:
            raise InputError(f"line {number} is not 'source<TAB>target': a .tsv file is read as a bitext of two "
                             f"columns, so this file is not checked", path=builder.path)
        source, target = line.split("\t")
        body = target.strip()
        if body:
            builder.add_text(body, start + len(source) + 1 + (len(target) - len(target.lstrip())))
            builder.end_segment("paragraph", source=source.strip())
    return builder.build()


def read_line_pair(builder: DocumentBuilder, source_text: str, options: ReaderOptions | None = None) -> Document:
    """A target text and its line-aligned source: each non-empty target line is a segment with its source line
    (no joining of wrapped lines: the lines are the alignment)."""
    src = builder.source
    builder.set_masks(token_masks(src, options or ReaderOptions()))
    sources = source_text.replace("\r\n", "\n").split("\n")
    pos = 0
    for number, line in enumerate(src.split("\n")):
        start = pos
        pos += len(line) + 1
        body = line.strip()
        if not body:
            continue
        builder.add_text(body, start + len(line) - len(line.lstrip()))
        builder.end_segment("paragraph", source=sources[number].strip() if number < len(sources) else None)
    return builder.build()


def line_count(text: str) -> int:
    lines = text.replace("\r\n", "\n").split("\n")
    return len(lines) - (1 if lines and lines[-1] == "" else 0)
