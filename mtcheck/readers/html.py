"""HTML through the standard library's HTMLParser, which reports where each piece of text starts.

Text in script, style, code, pre and similar elements is not prose; block elements end segments; entities and
runs of white space are derived text (they read differently from the file), everything else is literal."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mtcheck.document import Document, DocumentBuilder, LineIndex

SKIP = {"script", "style", "code", "pre", "kbd", "samp", "var", "template", "noscript", "svg", "math", "head",
        "textarea", "iframe", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK = {
    "p": "paragraph", "div": "paragraph", "li": "item", "dt": "item", "dd": "item", "td": "cell", "th": "cell",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "blockquote": "paragraph", "section": "paragraph", "article": "paragraph", "header": "paragraph",
    "footer": "paragraph", "ul": "paragraph", "ol": "paragraph", "table": "paragraph", "tr": "paragraph",
    "figcaption": "paragraph", "caption": "paragraph", "title": "heading", "body": "paragraph",
    "main": "paragraph", "nav": "paragraph", "aside": "paragraph", "figure": "paragraph", "dl": "paragraph",
    "br": "paragraph", "hr": "paragraph", "address": "paragraph", "details": "paragraph", "summary": "heading",
}
_SPACE = re.compile(r"\s+")


class _Reader(HTMLParser):
    def __init__(self, builder: DocumentBuilder):
        super().__init__(convert_charrefs=False)
        self.b = builder
        self.lines = LineIndex(builder.source)
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.kind = "paragraph"

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines.line_start(line) + col

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            lang = dict(attrs).get("lang")
            if lang:
                self.b.language_hint = lang
        if tag in SKIP and tag not in VOID:
            self.skip_stack.append(tag)
            return
        if tag in BLOCK and not self.skip_stack:
            self.b.end_segment(self.kind)
            self.kind = BLOCK[tag]

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK and not self.skip_stack:
            self.b.end_segment(self.kind)

    def handle_endtag(self, tag):
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in BLOCK:
            self.b.end_segment(self.kind)
            self.kind = "paragraph"

    def handle_data(self, data):
        if self.skip_stack or not data:
            return
        base = self._offset()
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

    def _reference(self, raw_prefix: str, name: str):
        if self.skip_stack:
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


def read_html(builder: DocumentBuilder) -> Document:
    reader = _Reader(builder)
    reader.feed(builder.source)
    reader.close()
    builder.end_segment(reader.kind)
    return builder.build()
