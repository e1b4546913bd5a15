"""Markdown through markdown-it-py (CommonMark + tables + strikethrough + front matter).

markdown-it gives block tokens line maps but inline tokens no offsets, so each inline token's children are
aligned, in order and only forwards, with the source lines of their block: text is literal prose, escapes and
entities are derived, code spans, HTML, link targets and images are skipped. The parser decides what is prose;
the alignment only locates each piece inside its own block, never searching the file for matched text."""

from __future__ import annotations

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from mtcheck.document import Document, DocumentBuilder, LineIndex

_PARSER = (
    MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join").use(front_matter_plugin)
)

_KINDS = {"heading_open": "heading", "th_open": "cell", "td_open": "cell", "list_item_open": "item"}


def _skip_brackets(src: str, pos: int, limit: int) -> int:
    """From a ``](`` or ``][`` after link text, return the offset just past the link destination or label."""
    if src.startswith("](", pos):
        depth = 0
        i = pos + 2
        while i < limit:
            ch = src[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
            i += 1
        return pos
    if src.startswith("][", pos):
        end = src.find("]", pos + 2, limit)
        return end + 1 if end != -1 else pos
    if src.startswith("]", pos):
        return pos + 1
    return pos


def _align_inline(builder: DocumentBuilder, children, cursor: int, limit: int) -> int:
    src = builder.source
    in_autolink = False
    for tok in children:
        kind = tok.type
        if kind == "text":
            content = tok.content
            if not content:
                continue
            idx = src.find(content, cursor, limit)
            if idx == -1:
                continue
            if not in_autolink:
                builder.add_text(content, idx)
            cursor = idx + len(content)
        elif kind == "text_special":
            idx = src.find(tok.markup, cursor, limit)
            if idx != -1:
                builder.add_derived(tok.content, idx, idx + len(tok.markup))
                cursor = idx + len(tok.markup)
        elif kind in ("softbreak", "hardbreak"):
            idx = src.find("\n", cursor, limit)
            if idx != -1:
                builder.add_derived(" ", idx, idx + 1)
                cursor = idx + 1
        elif kind == "code_inline":
            idx = src.find(tok.markup, cursor, limit)
            if idx != -1:
                close = src.find(tok.markup, idx + len(tok.markup) + len(tok.content.strip()), limit)
                cursor = close + len(tok.markup) if close != -1 else idx + len(tok.markup)
        elif kind == "html_inline":
            idx = src.find(tok.content, cursor, limit)
            if idx != -1:
                cursor = idx + len(tok.content)
        elif kind == "image":
            idx = src.find("![", cursor, limit)
            if idx != -1:
                close = src.find("]", idx + 2 + len(tok.content), limit)
                cursor = _skip_brackets(src, close, limit) if close != -1 else idx + 2
        elif kind == "link_open":
            in_autolink = tok.markup == "autolink"
        elif kind == "link_close":
            if in_autolink:
                end = src.find(">", cursor, limit)
                cursor = end + 1 if end != -1 else cursor
                in_autolink = False
            else:
                cursor = _skip_brackets(src, cursor, limit)
    return cursor


def read_markdown(builder: DocumentBuilder) -> Document:
    src = builder.source
    lines = LineIndex(src)
    tokens = _PARSER.parse(src)
    kinds: list[str] = []
    region = None
    cursor = 0
    for tok in tokens:
        if tok.type == "front_matter":
            try:
                meta = yaml.safe_load(tok.content)
            except yaml.YAMLError:
                meta = None
            if isinstance(meta, dict):
                lang = meta.get("lang") or meta.get("language")
                if isinstance(lang, str):
                    builder.language_hint = lang
            continue
        if tok.nesting == 1:
            kinds.append(_KINDS.get(tok.type, kinds[-1] if kinds else "paragraph"))
        elif tok.nesting == -1 and kinds:
            kinds.pop()
        if tok.type != "inline" or tok.map is None:
            continue
        start, stop = lines.line_start(tok.map[0] + 1), lines.line_start(tok.map[1] + 1)
        if region != (start, stop):
            region = (start, stop)
            cursor = start
        cursor = _align_inline(builder, tok.children or [], cursor, stop)
        builder.end_segment(kinds[-1] if kinds else "paragraph")
    return builder.build()
