"""Format readers: bytes on disk → Document. One module per format; this module picks one by file name."""

from __future__ import annotations

import os
from importlib import import_module
from typing import Callable

from mtcheck.document import Document, DocumentBuilder
from mtcheck.errors import InputError
from mtcheck.readers.decode import BinaryFileError, decode
from mtcheck.readers.bitext import line_count, read_csv, read_line_pair, read_tsv
from mtcheck.readers.syntax import ReaderOptions
from mtcheck.readers.text import read_text

Reader = Callable[[DocumentBuilder, ReaderOptions], Document]


def _lazy(module: str, name: str) -> Reader:
    """A reader whose module (and parser: markdown-it, docutils, lxml, translate-toolkit) is imported when a file
    of its format is first read, not at every start."""
    def reader(builder: DocumentBuilder, options: ReaderOptions) -> Document:
        return getattr(import_module(module), name)(builder, options)

    reader.__name__ = reader.__qualname__ = name
    return reader


read_html = _lazy("mtcheck.readers.html", "read_html")
read_markdown = _lazy("mtcheck.readers.markdown", "read_markdown")
read_mdx = _lazy("mtcheck.readers.markdown", "read_mdx")
read_rst = _lazy("mtcheck.readers.rst", "read_rst")
read_xliff = _lazy("mtcheck.readers.translation", "read_xliff")
read_po = _lazy("mtcheck.readers.translation", "read_po")
read_tmx = _lazy("mtcheck.readers.translation", "read_tmx")

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
    ".tsv": ("bitext", read_tsv),
    ".csv": ("bitext", read_csv),
    ".xlf": ("xliff", read_xliff),
    ".xliff": ("xliff", read_xliff),
    ".sdlxliff": ("xliff", read_xliff),
    ".po": ("po", read_po),
    ".pot": ("po", read_po),
    ".tmx": ("tmx", read_tmx),
}
#: Formats whose pages are aligned with their source block by block (``readers.align``).
STRUCTURED = frozenset({"markdown", "mdx", "rst", "html"})
#: Formats with comments, where inline suppressions can be written.
COMMENTED_FORMATS = frozenset({"markdown", "mdx", "html", "rst"})


def reader_for(path: str) -> tuple[str, Reader] | None:
    return READERS.get(os.path.splitext(path)[1].lower())


def read_document(path: str, display_path: str | None = None, *, fallback_text: bool = False,
                  options: ReaderOptions | None = None, text: str | None = None,
                  source_path: str | None = None) -> Document:
    """Read and parse one file (or ``text`` given for it: the state of a file that ``mtcheck fix`` has edited in
    memory). With ``source_path`` (``--source-dir``), a text file is read line-aligned with its source, each
    line a segment that carries its source line. Raises InputError (unreadable, binary) naming the file."""
    display = display_path or path
    entry = reader_for(path)
    if entry is None:
        if not fallback_text:
            raise InputError("unsupported file type", path=display)
        entry = READERS[".txt"]
    fmt, reader = entry
    if text is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=display) from None
        try:
            decoded = decode(data)
        except BinaryFileError as exc:
            raise InputError(f"skipped: {exc}", path=display) from None
        text, lossy, warnings = decoded.text, decoded.lossy, decoded.warnings
    else:
        lossy, warnings = False, []
    if source_path is not None and not os.path.isfile(source_path):
        warnings = [*warnings, f"no source at {source_path}; checked without one"]
    elif source_path is not None and fmt == "text":
        source, note = _read_source(source_path, text)
        if source is not None:
            doc = read_line_pair(DocumentBuilder(display, text, format=fmt), source, options)
            doc.lossy = lossy
            doc.warnings.extend(warnings)
            return doc
        warnings = [*warnings, note]
    elif source_path is not None and fmt in STRUCTURED:
        try:
            source_doc = read_document(source_path, source_path, options=options)
        except InputError as exc:
            warnings = [*warnings, f"its source cannot be read ({exc}); checked without it"]
        else:
            from mtcheck.readers.align import align

            doc = read_text_as(display, text, fmt, reader, options, lossy=lossy, warnings=warnings)
            if source_doc.language_hint and not doc.source_language:
                doc.source_language = source_doc.language_hint
            return align(doc, source_doc, source_path)
    elif source_path is not None:
        warnings = [*warnings, f"its source {source_path} is not used: a {fmt} file carries its own source"
                               if fmt in ("bitext", "xliff", "po", "tmx") else
                               f"its source {source_path} is not used: {fmt} files are not paired; checked without it"]
    return read_text_as(display, text, fmt, reader, options, lossy=lossy, warnings=warnings)


def _read_source(source_path: str, target: str) -> tuple[str | None, str]:
    """The source text when it is line-aligned with the target, else (None, why not)."""
    try:
        with open(source_path, "rb") as fh:
            source = decode(fh.read()).text
    except (OSError, BinaryFileError) as exc:
        return None, f"its source {source_path} cannot be read ({exc}); checked without it"
    if line_count(source) != line_count(target):
        return None, (f"its source {source_path} has {line_count(source)} lines and it has {line_count(target)}: "
                      f"not line-aligned, checked without it")
    return source, ""


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
