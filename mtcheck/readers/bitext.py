"""Bilingual text: the source goes with each target segment, positions stay in the target file.

- ``.tsv`` bitext, LanguageTool's format: ``source<TAB>target`` on each line (no header, no quoting).
- ``.csv`` bitext: two columns, ``source,target``, quoted as the csv module writes them (a header row
  ``source,target`` is skipped).
- A line-aligned pair: a target text file and its source file (``--source-dir``), one segment a line.

XLIFF, PO and TMX are read through translate-toolkit (``readers.translation``)."""

from __future__ import annotations

import csv

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


def read_csv(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    """Each ``source,target`` record is a segment of the target text; a record of another width is an error
    (InputError: the file is reported and not checked)."""
    src = builder.source
    builder.set_masks(token_masks(src, options or ReaderOptions()))
    lines = src.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    reader = csv.reader(lines)
    consumed = 0
    try:
        for number, record in enumerate(reader, 1):
            begin = starts[consumed]
            consumed = reader.line_num
            end = starts[min(consumed, len(starts) - 1)]
            raw = src[begin:end].rstrip("\r\n")
            if not record or not any(field.strip() for field in record):
                continue
            if len(record) != 2:
                raise InputError(f"record {number} has {len(record)} fields: a .csv file is read as a bitext of "
                                 f"two columns (source,target), so this file is not checked", path=builder.path)
            source, target = record
            if number == 1 and source.strip().lower() == "source" and target.strip().lower() == "target":
                continue
            if not target.strip():
                continue
            _add_field(builder, raw, begin, target)
            builder.end_segment("paragraph", source=source.strip())
    except csv.Error as exc:
        raise InputError(f"not a valid CSV file: {exc}", path=builder.path) from None
    return builder.build()


def _add_field(builder: DocumentBuilder, raw: str, begin: int, value: str) -> None:
    """The last field of a record, at its place in the file: as written, or quoted with doubled quotes."""
    if raw.endswith(value) and not raw.endswith('"'):
        builder.add_text(value, begin + len(raw) - len(value))
        return
    quoted = '"' + value.replace('"', '""') + '"'
    if not raw.endswith(quoted):
        builder.add_derived(value, begin, begin + len(raw))
        return
    pos = begin + len(raw) - len(quoted) + 1
    for i, part in enumerate(value.split('"')):
        if i:
            builder.add_derived('"', pos, pos + 2)
            pos += 2
        builder.add_text(part, pos)
        pos += len(part)
