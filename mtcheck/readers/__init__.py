"""Format readers: bytes on disk → Document. One module per format; this module picks one by file name."""

from __future__ import annotations

import os
from typing import Callable

from mtcheck.document import Document, DocumentBuilder
from mtcheck.errors import InputError
from mtcheck.readers.decode import BinaryFileError, decode
from mtcheck.readers.html import read_html
from mtcheck.readers.markdown import read_markdown, read_mdx
from mtcheck.readers.rst import read_rst
from mtcheck.readers.syntax import ReaderOptions
from mtcheck.readers.text import read_text

Reader = Callable[[DocumentBuilder, ReaderOptions], Document]

#: extension → (format name, reader); the README's table of formats lists the same.
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", read_text),
    ".text": ("text", read_text),
    ".md": ("markdown", read_markdown),
    ".markdown": ("markdown", read_markdown),
    ".mdx": ("mdx", read_mdx),
    ".rst": ("rst", read_rst),
    ".rest": ("rst", read_rst),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".xhtml": ("html", read_html),
}
#: Formats with comments, where inline suppressions can be written.
COMMENTED_FORMATS = frozenset({"markdown", "mdx", "html", "rst"})


def reader_for(path: str) -> tuple[str, Reader] | None:
    return READERS.get(os.path.splitext(path)[1].lower())


def read_document(path: str, display_path: str | None = None, *, fallback_text: bool = False,
                  options: ReaderOptions | None = None, text: str | None = None) -> Document:
    """Read and parse one file (or ``text`` given for it: the state of a file that ``mtcheck fix`` has edited in
    memory). Raises InputError (unreadable, binary) naming the file."""
    display = display_path or path
    entry = reader_for(path)
    if entry is None:
        if not fallback_text:
            raise InputError("unsupported file type", path=display)
        entry = READERS[".txt"]
    fmt, reader = entry
    if text is not None:
        return read_text_as(display, text, fmt, reader, options)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=display) from None
    try:
        decoded = decode(data)
    except BinaryFileError as exc:
        raise InputError(f"skipped: {exc}", path=display) from None
    return read_text_as(display, decoded.text, fmt, reader, options, lossy=decoded.lossy,
                        warnings=decoded.warnings)


def read_text_as(display: str, text: str, fmt: str, reader: Reader, options: ReaderOptions | None = None, *,
                 lossy: bool = False, warnings: list[str] = ()) -> Document:
    builder = DocumentBuilder(display, text, format=fmt)
    try:
        doc = reader(builder, options or ReaderOptions())
    except RecursionError:
        if reader is read_text:
            raise InputError("too deeply nested to parse", path=display) from None
        doc = read_text(DocumentBuilder(display, text, format=fmt), options or ReaderOptions())
        doc.warnings.append(f"nested too deeply for the {fmt} parser; checked as plain text (markup included)")
    doc.lossy = lossy
    doc.warnings.extend(warnings)
    return doc
