"""HTML (and the HTML/JSX blocks of Markdown and MDX) through the standard library's HTMLParser, which reports
where each piece of text starts.

Text in script, style, pre and similar elements is not read; code-like inline elements (``<code>``, ``<kbd>``,
``<var>``) and images are placeholders, one word in their sentence; block elements, and JSX components
(capitalised tags), end segments; entities and runs of white space are derived text (they read differently from
the file), everything else is literal. Attributes are never prose."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mtcheck.document import Document, DocumentBuilder, LineIndex
from mtcheck.readers.syntax import ReaderOptions, token_masks

#: Not read at all.
SKIP = {"script", "style", "pre", "template", "noscript", "svg", "head", "textarea", "iframe", "object", "select"}
#: Read as one placeholder word: inline code and the like.
INLINE_CODE = {"code", "kbd", "samp", "var", "tt", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD_VOID = {"img", "input", "embed"}
BLOCK = {
    "p": "paragraph", "div": "paragraph", "li": "item", "dt": "item", "dd": "item", "td": "cell", "th": "cell",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "blockquote": "paragraph", "section": "paragraph", "article": "paragraph", "header": "paragraph",
    "footer": "paragraph", "ul": "paragraph", "ol": "paragraph", "table": "paragraph", "tr": "paragraph",
    "figcaption": "paragraph", "caption": "paragraph", "title": "heading", "body": "paragraph",
    "main": "paragraph", "nav": "paragraph", "aside": "paragraph", "figure": "paragraph", "dl": "paragraph",
    "br": "paragraph", "hr": "paragraph", "address": "paragraph", "details": "paragraph", "summary": "heading",
    "pre": "paragraph",
}
_SPACE = re.compile(r"\s+")
_JSX_NAME = re.compile(r"<\s*/?\s*([A-Z][\w.]*)")


class _Reader(HTMLParser):
    def __init__(self, builder: DocumentBuilder, base: int = 0, fragment: str | None = None, inline=None):
        super().__init__(convert_charrefs=False)
        #: for JSX/HTML blocks inside Markdown: text between tags is Markdown (MDX reads it so), read by this
        self.inline = inline
        self.b = builder
        self.base = base
        self.lines = LineIndex(builder.source if fragment is None else fragment)
        self.skip_stack: list[str] = []
        self.code: tuple[str, int, int] | None = None  # (tag, start, depth) of an inline code element
        self.kind = "paragraph"

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.base + self.lines.line_start(line) + col

    def _is_component(self) -> bool:
        raw = self.get_starttag_text() or ""
        return bool(_JSX_NAME.match(raw))

    def handle_starttag(self, tag, attrs):
        if tag == "html" and not self.base:
            lang = dict(attrs).get("lang")
            if lang:
                self.b.language_hint = lang
                self.b.language_hint_source = "<html lang>"
        if self.code is not None:
            if tag == self.code[0]:
                self.code = (self.code[0], self.code[1], self.code[2] + 1)
            return
        if self.skip_stack:
            if tag in SKIP:
                self.skip_stack.append(tag)
            return
        if tag in INLINE_CODE:
            self.code = (tag, self._offset(), 1)
            return
        if tag in WORD_VOID:
            start = self._offset()
            self.b.add_placeholder(start, start + len(self.get_starttag_text() or ""))
            return
        if tag in BLOCK or self._is_component():
            self.b.end_segment(self.kind)
            self.kind = BLOCK.get(tag, "paragraph")
        else:
            start = self._offset()
            self.b.add_hidden(start, start + len(self.get_starttag_text() or ""))
        if tag in SKIP and tag not in VOID:
            self.skip_stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if self.code is not None or self.skip_stack:
            return
        if tag in WORD_VOID:
            start = self._offset()
            self.b.add_placeholder(start, start + len(self.get_starttag_text() or ""))
        elif tag in BLOCK or self._is_component():
            self.b.end_segment(self.kind)

    def handle_endtag(self, tag):
        if self.code is not None:
            name, start, depth = self.code
            if tag == name:
                if depth > 1:
                    self.code = (name, start, depth - 1)
                    return
                pos = self._offset()
                end = self.b.source.find(">", pos)
                self.b.add_placeholder(start, end + 1 if end != -1 else pos)
                self.code = None
            return
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        pos = self._offset()
        if tag in BLOCK or _JSX_NAME.match(self.b.source, pos):
            self.b.end_segment(self.kind)
            self.kind = "paragraph"
        else:
            end = self.b.source.find(">", pos)
            self.b.add_hidden(pos, end + 1 if end != -1 else pos + 1)

    def handle_data(self, data):
        if self.skip_stack or self.code is not None or not data:
            return
        base = self._offset()
        if self.inline is not None:
            self.inline(base, base + len(data))
            return
        pos = 0
        for m in _SPACE.finditer(data):
            if m.start() > pos:
                self.b.add_text(data[pos : m.start()], base + pos)
            ws = m.group()
            if ws == " ":
                self.b.add_text(" ", base + m.start())
            else:
                self.b.add_derived(" ", base + m.start(), base + m.end())
            pos = m.end()
        if pos < len(data):
            self.b.add_text(data[pos:], base + pos)

    def handle_comment(self, data):
        start = self._offset()
        end = start + len("<!--") + len(data) + len("-->")
        if not self.skip_stack:
            self.b.add_comment(start, end, data)
        self.b.add_hidden(start, end)

    def _reference(self, raw_prefix: str, name: str):
        if self.skip_stack or self.code is not None:
            return
        start = self._offset()
        end = start + len(raw_prefix) + len(name)
        if self.b.source.startswith(";", end):
            end += 1
        raw = self.b.source[start:end]
        self.b.add_derived(html.unescape(raw), start, end)

    def handle_entityref(self, name):
        self._reference("&", name)

    def handle_charref(self, name):
        self._reference("&#", name)


def read_html(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    builder.set_masks(token_masks(builder.source, options or ReaderOptions()))
    reader = _Reader(builder)
    reader.feed(builder.source)
    reader.close()
    if reader.code is not None:  # an inline code element never closed: the rest is its content
        builder.add_placeholder(reader.code[1], len(builder.source))
    builder.end_segment(reader.kind)
    return builder.build()


def read_html_fragment(builder: DocumentBuilder, start: int, end: int, inline=None,
                       fragment: str | None = None) -> None:
    """Read ``builder.source[start:end]`` (an HTML or JSX block inside Markdown) into the builder; ``inline``
    reads the text between tags (as Markdown). ``fragment``, of the same length, is what the HTML parser sees
    (Markdown code spans blanked out, so that `<script>` in backticks is not taken for a tag)."""
    fragment = builder.source[start:end] if fragment is None else fragment
    reader = _Reader(builder, base=start, fragment=fragment, inline=inline)
    reader.feed(fragment)
    reader.close()
    if reader.code is not None:  # an inline code element left open at the end of the block
        builder.add_placeholder(reader.code[1], end)
    builder.end_segment(reader.kind)
