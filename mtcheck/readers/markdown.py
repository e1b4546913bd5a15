"""Markdown and MDX through markdown-it-py: CommonMark with GitHub's extensions (tables, strikethrough,
autolinks, task lists, alerts, footnotes), definition lists and front matter.

markdown-it gives block tokens line maps but inline tokens no offsets, so each inline token's children are
aligned, in order and only forwards, with the source lines of their block. Text is literal prose; escapes and
entities are derived; inline code, images, autolinks and code-like inline HTML (``<code>``, ``<kbd>``) are
placeholders (one word in the sentence, the whole construct in the file); emphasis marks, link targets, other
tags and footnote references are not read (a gap in the offset map that no fix may span). The parser decides what
is prose; the alignment only locates each piece inside its own block, never searching the file for matched text.

MDX and the JSX of MDX-flavoured ``.md`` pages: HTML/JSX blocks are read by the HTML reader (text children are
prose, tags and attributes are not), ESM ``import``/``export`` blocks are skipped, ``{/* comments */}`` are
hidden and, in ``.mdx``, ``{expressions}`` are placeholders. No maintained Python parser for MDX exists; the
JavaScript one (micromark) rejects the ``{{macros}}`` of MDN's ``.md`` pages, so MDX is layered on
markdown-it-py here."""

from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin

from mtcheck.document import Document, DocumentBuilder, LineIndex
from mtcheck.readers.html import read_html_fragment
from mtcheck.readers.syntax import ReaderOptions, mdx_expressions, token_masks

_PARSER = MarkdownIt("commonmark").use(gfm_plugin, front_matter=True).use(deflist_plugin).disable("text_join")
#: markdown-it stops at 20 levels and silently drops what lies deeper; nothing may be dropped here. Pages nested
#: deeper than Python's stack allows are read as plain text instead, with a warning (readers/__init__.py).
_PARSER.options["maxNesting"] = 100_000

_KINDS = {"heading_open": "heading", "th_open": "cell", "td_open": "cell", "list_item_open": "item",
          "dt_open": "item", "dd_open": "item"}
#: Inline HTML elements whose content is code, not prose: the whole element is one placeholder.
CODE_TAGS = frozenset({"code", "kbd", "samp", "var", "tt", "math", "svg", "script", "style"})
#: Void elements that stand in a sentence as a word.
WORD_TAGS = frozenset({"img", "input", "embed"})
#: Braces in an .md page that hold JavaScript, not prose: a string, a member access or call, a comment.
_JS_EXPRESSION = re.compile(r"""\s*(?:'[^'\n]*'|"[^"\n]*"|`[^`]*`|[A-Za-z_$][\w$]*(?:\.[\w$]+)+(?:\(.*\))?|"""
                            r"""[A-Za-z_$][\w$]*\(.*\)|/\*[\s\S]*\*/)\s*$""")
_TAG = re.compile(r"<\s*(/)?\s*([A-Za-z][\w.:-]*)")
_ESM = re.compile(r"^(?:import\s(?:[\s\S]*\sfrom\s+)?['\"]|export\s+(?:default\b|const\b|let\b|var\b|function\b|"
                  r"async\b|class\b|\{|\*))")


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


def _find_closing(src: str, markup: str, start: int, limit: int) -> int:
    """The backtick run that closes a code span opened by ``markup`` (same length, not part of a longer run)."""
    pos = start
    while True:
        idx = src.find(markup, pos, limit)
        if idx == -1:
            return -1
        end = idx + len(markup)
        if src[end : end + 1] != "`" and (idx == 0 or src[idx - 1] != "`" or idx == start):
            return idx
        while end < limit and src[end] == "`":
            end += 1
        pos = end


def _align_inline(b: DocumentBuilder, children, cursor: int, limit: int) -> int:
    src = b.source
    autolink = False
    link_start = None  # where the text of the link being read starts
    element: tuple[str, int] | None = None  # a code-like inline HTML element being skipped: (tag, start)
    for tok in children:
        kind = tok.type
        if element is not None:
            if kind == "html_inline":
                idx = src.find(tok.content, cursor, limit)
                if idx != -1:
                    cursor = idx + len(tok.content)
                    m = _TAG.match(tok.content)
                    if m and m.group(1) and m.group(2).lower() == element[0]:
                        b.add_placeholder(element[1], cursor)
                        element = None
            elif kind in ("text", "code_inline") and tok.content:
                idx = src.find(tok.content, cursor, limit)
                if idx != -1:
                    cursor = idx + len(tok.content)
            continue
        if kind == "text":
            content = tok.content
            if not content:
                continue
            idx = src.find(content, cursor, limit)
            if idx == -1:
                continue
            end = idx + len(content)
            if autolink:
                start = idx - 1 if idx > 0 and src[idx - 1] == "<" else idx
                if src.startswith(">", end) and start < idx:
                    end += 1
                b.add_placeholder(start, end)
            else:
                b.add_text(content, idx)
            cursor = end
        elif kind == "text_special":
            idx = src.find(tok.markup, cursor, limit)
            if idx != -1:
                b.add_derived(tok.content, idx, idx + len(tok.markup))
                cursor = idx + len(tok.markup)
        elif kind in ("softbreak", "hardbreak"):
            idx = src.find("\n", cursor, limit)
            if idx != -1:
                b.add_derived(" ", idx, idx + 1)
                cursor = idx + 1
        elif kind == "code_inline":
            idx = src.find(tok.markup, cursor, limit)
            if idx != -1:
                close = _find_closing(src, tok.markup, idx + len(tok.markup) + len(tok.content.strip()), limit)
                end = close + len(tok.markup) if close != -1 else idx + len(tok.markup)
                b.add_placeholder(idx, end)
                cursor = end
        elif kind == "html_inline":
            idx = src.find(tok.content, cursor, limit)
            if idx == -1:
                continue
            end = idx + len(tok.content)
            m = _TAG.match(tok.content)
            name = m.group(2).lower() if m else ""
            if m and not m.group(1) and name in CODE_TAGS and not tok.content.rstrip().endswith("/>"):
                element = (name, idx)
            elif name in WORD_TAGS:
                b.add_placeholder(idx, end)
            elif name == "br":
                b.add_derived(" ", idx, end)
            else:  # any other tag, or a comment: markup, not read
                if tok.content.startswith("<!--"):
                    b.add_comment(idx, end, tok.content[4:-3] if tok.content.endswith("-->") else tok.content[4:])
                b.add_hidden(idx, end)
            cursor = end
        elif kind == "image":
            idx = src.find("![", cursor, limit)
            if idx != -1:
                close = src.find("]", idx + 2 + len(tok.content), limit)
                end = _skip_brackets(src, close, limit) if close != -1 else idx + 2
                b.add_placeholder(idx, end)
                cursor = end
        elif kind == "footnote_ref":
            idx = src.find("[^", cursor, limit)
            if idx != -1:
                close = src.find("]", idx, limit)
                cursor = close + 1 if close != -1 else idx + 2
                b.add_hidden(idx, cursor)
        elif kind == "link_open":
            autolink = tok.markup in ("autolink", "linkify")
            link_start = cursor
        elif kind == "link_close":
            if not autolink and link_start is not None:
                b.add_link_text(link_start, cursor)
            if not autolink:
                pos = cursor
                while pos < limit and src[pos] in "*_~":  # emphasis closed just before "]("
                    pos += 1
                end = _skip_brackets(src, pos, limit)
                if end > pos:
                    b.add_hidden(cursor, end)
                    cursor = end
            autolink = False
    return cursor  # an element never closed: its opening tag alone was markup


def read_markdown(builder: DocumentBuilder, options: ReaderOptions | None = None, *, mdx: bool = False) -> Document:
    options = options or ReaderOptions()
    src = builder.source
    lines = LineIndex(src)
    tokens = _PARSER.parse(src)
    # code blocks and fences: template syntax inside them is an example, not markup
    code = [(lines.line_start(t.map[0] + 1), lines.line_start(t.map[1] + 1))
            for t in tokens if t.type in ("fence", "code_block") and t.map]
    spans = _code_spans(src)
    masks = token_masks(src, options, markdown=True, code=code + spans)
    expressions = mdx_expressions(src, code + spans)
    if mdx:
        masks += expressions
    else:  # in an .md page, {expressions} are JSX inside HTML/JSX blocks, or where they can only be code
        blocks = [(lines.line_start(t.map[0] + 1), lines.line_start(t.map[1] + 1))
                  for t in tokens if t.type == "html_block" and t.map]
        masks += [m for m in expressions
                  if any(a <= m.start < b for a, b in blocks) or _JS_EXPRESSION.match(src, m.start + 1, m.end - 1)]
    builder.set_masks(masks)
    kinds: list[str] = []
    region = None
    cursor = 0
    for tok in tokens:
        if tok.type == "front_matter":
            _front_matter(builder, tok.content)
            continue
        if tok.nesting == 1:
            kinds.append(_KINDS.get(tok.type, kinds[-1] if kinds else "paragraph"))
        elif tok.nesting == -1 and kinds:
            kinds.pop()
        if tok.type in ("fence", "code_block") and tok.map is not None:
            first = tok.map[0] + (tok.type == "fence")  # the content, without the opening fence line
            end = lines.line_start(first + 1) + len(tok.content)
            builder.add_code_block(lines.line_start(first + 1), min(end, lines.line_start(tok.map[1] + 1)))
            continue
        if tok.type == "html_block" and tok.map is not None:
            start, stop = lines.line_start(tok.map[0] + 1), lines.line_start(tok.map[1] + 1)
            builder.end_segment(kinds[-1] if kinds else "paragraph")
            raw = src[start:stop]
            blanked = _CODE_SPAN.sub(lambda m: m.group(1) + "x" * (len(m.group()) - 2 * len(m.group(1)))
                                     + m.group(1), raw)
            read_html_fragment(builder, start, stop, inline=lambda a, b: _inline_markdown(builder, a, b),
                               fragment=blanked)
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        if kinds and kinds[-1] == "paragraph" and _ESM.match(tok.content):
            continue  # an MDX import/export block: code
        start, stop = lines.line_start(tok.map[0] + 1), lines.line_start(max(tok.map[1], tok.map[0] + 1) + 1)
        if region != (start, stop):
            region = (start, stop)
            cursor = start
        cursor = _align_inline(builder, tok.children or [], cursor, stop)
        builder.end_segment(kinds[-1] if kinds else "paragraph")
    return builder.build()


def _inline_markdown(builder: DocumentBuilder, start: int, end: int) -> None:
    """Text between the tags of an HTML/JSX block, read as inline Markdown (MDX does; GitHub renders the same
    after a blank line): code spans, links and emphasis inside a ``<Note>`` are markup, not prose."""
    text = builder.source[start:end]
    if not text.strip():
        if text:
            builder.add_derived(" ", start, end)
        return
    tokens = _PARSER.parseInline(text)
    _align_inline(builder, tokens[0].children or [] if tokens else [], start, end)


def read_mdx(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    return read_markdown(builder, options, mdx=True)


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S]){1,1000}?(?<!`)\1(?!`)")


def _code_spans(src: str) -> list[tuple[int, int]]:
    """Approximate code spans for masking only (the parser still decides what is code)."""
    return [(m.start(), m.end()) for m in _CODE_SPAN.finditer(src)]


def _front_matter(builder: DocumentBuilder, content: str) -> None:
    try:
        meta = yaml.safe_load(content)
    except yaml.YAMLError:
        builder.warnings.append("front matter is not valid YAML; its language setting, if any, is not read")
        return
    if isinstance(meta, dict):
        lang = meta.get("lang") or meta.get("language") or meta.get("locale")
        if isinstance(lang, str):
            builder.language_hint = lang
            builder.language_hint_source = "front matter"
