"""reStructuredText through docutils: the doctree decides what is prose, the source lines of each block locate it.

docutils gives each block (paragraph, title, term) its line and raw source, and inline nodes their raw source,
but no offsets; as for Markdown, each block's inline nodes are aligned in order and only forwards inside the
block's own lines. Text is literal prose; inline literals, roles (``:func:`x```, Sphinx's ``:ref:`` and the
like, which docutils alone does not know), substitutions, footnote and citation references, images and bare URLs
are placeholders; emphasis marks and link targets are not read. Literal blocks, comments, raw blocks, directives
docutils does not know, and substitution definitions are skipped. docutils' own messages are not shown: a page
written for Sphinx is not an error."""

from __future__ import annotations

import docutils.frontend
import docutils.nodes as nodes
import docutils.utils
from docutils.parsers.rst import Parser

from mtcheck.document import Document, DocumentBuilder, LineIndex
from mtcheck.readers.syntax import ReaderOptions, token_masks

_SETTINGS = None
#: Blocks whose text is prose, and the segment kind they make.
PROSE_BLOCKS = {nodes.paragraph: "paragraph", nodes.title: "heading", nodes.subtitle: "heading",
                nodes.term: "item", nodes.rubric: "heading", nodes.line: "paragraph", nodes.caption: "paragraph",
                nodes.attribution: "paragraph", nodes.field_name: "item"}
SKIP_BLOCKS = (nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.raw, nodes.system_message,
               nodes.substitution_definition, nodes.target, nodes.math_block, nodes.pending)
#: Inline nodes that stand in a sentence as one word.
PLACEHOLDER_INLINE = (nodes.literal, nodes.problematic, nodes.substitution_reference, nodes.footnote_reference,
                      nodes.citation_reference, nodes.title_reference, nodes.math, nodes.image, nodes.inline)


def _settings():
    global _SETTINGS
    if _SETTINGS is None:
        s = docutils.frontend.get_default_settings(Parser)
        s.report_level = 5  # no messages: unknown Sphinx roles and directives are expected here
        s.halt_level = 5
        s.warning_stream = False
        s.file_insertion_enabled = False  # never read other files (include, raw :file:)
        s.raw_enabled = False
        s.input_encoding = "unicode"
        _SETTINGS = s
    return _SETTINGS


class _Aligner:
    def __init__(self, builder: DocumentBuilder):
        self.b = builder
        self.src = builder.source
        self.lines = LineIndex(self.src)
        self.floor = 0  # blocks come in source order: never look before the end of the last one

    def block(self, node: nodes.Element, kind: str) -> None:
        line = node.line or (node.parent.line if node.parent is not None else None)
        if not line:
            return
        raw_lines = (node.rawsource or node.astext()).count("\n") + 1
        first = line - 1 if isinstance(node, (nodes.title, nodes.subtitle)) else line
        start = max(self.floor, self.lines.line_start(max(1, first - 1)))
        limit = self.lines.line_start(line + raw_lines + 1)
        cursor = self._inline(node, start, limit)
        self.floor = max(self.floor, cursor)
        self.b.end_segment(kind)

    def _inline(self, node: nodes.Node, cursor: int, limit: int) -> int:
        src = self.src
        for child in node.children:
            if isinstance(child, nodes.Text):
                cursor = self._text(str(child), cursor, limit)
            elif isinstance(child, nodes.reference) and child.get("refuri") and child.astext() == child["refuri"]:
                cursor = self._placeholder(child.rawsource or child.astext(), cursor, limit)
            elif isinstance(child, PLACEHOLDER_INLINE):
                cursor = self._placeholder(child.rawsource or child.astext(), cursor, limit)
            elif isinstance(child, nodes.target):
                raw = child.rawsource.strip()
                idx = src.find(raw, cursor, limit) if raw else -1
                if idx != -1:
                    self.b.add_hidden(idx, idx + len(raw))
                    cursor = idx + len(raw)
            elif isinstance(child, nodes.Element):
                raw = child.rawsource
                idx = src.find(raw, cursor, limit) if raw else -1
                inner = self._inline(child, cursor if idx == -1 else idx, limit if idx == -1 else idx + len(raw))
                if idx != -1 and inner < idx + len(raw):
                    self.b.add_hidden(inner, idx + len(raw))  # closing marks, a link's target
                cursor = idx + len(raw) if idx != -1 else inner
        return cursor

    def _text(self, text: str, cursor: int, limit: int) -> int:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                nl = self.src.find("\n", cursor, limit)
                if nl == -1:
                    break
                after = nl + 1
                while after < limit and self.src[after] in " \t":
                    after += 1
                self.b.add_derived(" ", nl, after)
                cursor = after
            if part:
                idx = self.src.find(part, cursor, limit)
                if idx == -1:
                    continue
                self.b.add_text(part, idx)
                cursor = idx + len(part)
        return cursor

    def _placeholder(self, raw: str, cursor: int, limit: int) -> int:
        if not raw:
            return cursor
        idx = self.src.find(raw, cursor, limit)
        if idx == -1:
            first = raw.split("\n", 1)[0]
            idx = self.src.find(first, cursor, limit) if first else -1
            if idx == -1:
                return cursor
            end = min(limit, idx + len(raw) + raw.count("\n") * 8)
            end = self.src.find(raw.rsplit("\n", 1)[-1], idx, end)
            end = end + len(raw.rsplit("\n", 1)[-1]) if end != -1 else idx + len(first)
        else:
            end = idx + len(raw)
        self.b.add_placeholder(idx, end)
        return end


def read_rst(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    builder.set_masks(token_masks(builder.source, options or ReaderOptions()))
    document = docutils.utils.new_document(builder.path, _settings())
    Parser().parse(builder.source, document)
    aligner = _Aligner(builder)

    def walk(node: nodes.Node) -> None:
        if isinstance(node, (nodes.literal_block, nodes.doctest_block)) and node.rawsource:
            first = node.rawsource.split("\n", 1)[0]
            idx = builder.source.find(first, aligner.floor) if first else -1
            if idx != -1:
                end = builder.source.find("\n\n", idx)
                builder.add_code_block(idx, len(builder.source) if end == -1 else end)
            return
        if isinstance(node, nodes.comment) and node.rawsource.strip():
            first = node.rawsource.split("\n", 1)[0]
            idx = builder.source.find(first, aligner.floor)
            if idx != -1:
                dots = builder.source.rfind("..", 0, idx)
                builder.add_comment(dots if dots != -1 else idx, idx + len(node.rawsource), node.rawsource)
            return
        if isinstance(node, SKIP_BLOCKS):
            return
        for cls, kind in PROSE_BLOCKS.items():
            if type(node) is cls:
                parent = node.parent
                if isinstance(parent, nodes.list_item) or isinstance(getattr(parent, "parent", None), nodes.list_item):
                    kind = "item"
                elif isinstance(parent, nodes.entry):
                    kind = "cell"
                aligner.block(node, kind)
                return
        for child in getattr(node, "children", ()):
            walk(child)

    walk(document)
    return builder.build()
