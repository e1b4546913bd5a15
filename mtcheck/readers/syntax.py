"""Syntax that editorial repositories put inside prose, recognised by every reader before it reads: template
tags (KumaScript, Liquid, Jinja, Hugo shortcodes), bare URLs, MDX comments and expressions, and the user's own
``token_ignores`` (read as one placeholder word each, like Vale's TokenIgnores) and ``block_ignores`` (not read at
all, like Vale's BlockIgnores). Each becomes a :class:`~mtcheck.document.builder.Mask` on the builder."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass

from mtcheck.document.builder import Mask

#: Never across a blank line, never longer than this: an unclosed ``{{`` must not swallow a page.
_SPAN = r"(?:(?!\n[ \t]*\n)[\s\S]){0,2000}?"
#: (pattern, placeholder?) — a placeholder reads as a word in its sentence; the others are not read at all.
TEMPLATE_TOKENS: tuple[tuple[str, bool], ...] = (
    (r"\{\{<" + _SPAN + r">\}\}", True),      # Hugo shortcode {{< x >}}
    (r"\{\{%" + _SPAN + r"%\}\}", True),      # Hugo shortcode {{% x %}}
    (r"\{%" + _SPAN + r"%\}", True),          # Liquid / Jinja tag {% x %}
    (r"\{#" + _SPAN + r"#\}", False),         # Jinja comment {# x #}
    (r"\{\{" + _SPAN + r"\}\}", True),        # Liquid / Jinja output, MDN KumaScript macro {{x}}
)
#: Bare URLs in prose (Markdown autolinks are placeholders already).
URL = (r"\b(?:https?|ftp)://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]", True)
#: MDX comments and Markdown heading attributes ({#custom-id}, {#id .class}): not rendered, not read.
MARKDOWN_HIDDEN = (
    (r"\{/\*[\s\S]{0,2000}?\*/\}", False),
    (r"[ \t]*\{[ \t]*#[A-Za-z][\w:.-]*(?:[ \t]+[^}\n]*)?\}[ \t]*$", False),
)


@dataclass(frozen=True)
class ReaderOptions:
    """What the configuration says about reading: extra tokens and blocks to ignore. (Regexes are checked when
    the configuration is loaded.)"""

    token_ignores: tuple[str, ...] = ()
    block_ignores: tuple[str, ...] = ()
    templates: bool = True  # recognise template tags ({{ }}, {% %}, Hugo shortcodes)

    def patterns(self, markdown: bool) -> list[tuple[re.Pattern, bool]]:
        return _compiled(self.token_ignores, self.block_ignores, self.templates, markdown)

    def signature(self) -> str:
        return repr((self.token_ignores, self.block_ignores, self.templates))


@functools.lru_cache(maxsize=16)
def _compiled(token_ignores: tuple[str, ...], block_ignores: tuple[str, ...], templates: bool,
              markdown: bool) -> list[tuple[re.Pattern, bool]]:
    """The patterns of a reader configuration, compiled once per run, not once per document."""
    pats: list[tuple[str, bool]] = [(p, True) for p in token_ignores]
    pats += [(p, False) for p in block_ignores]
    if templates:
        pats += list(TEMPLATE_TOKENS)
    pats.append(URL)
    if markdown:
        pats += list(MARKDOWN_HIDDEN)
    return [(re.compile(p, re.M), ph) for p, ph in pats]


#: A string every match of a built-in pattern contains: a text without it is not searched (a URL pattern that
#: starts with ``\b`` is tried at every position of the text).
_NEEDLES = {p: needle for group, needle in ((TEMPLATE_TOKENS, "{"), ((URL,), "://"), (MARKDOWN_HIDDEN, "{"))
            for p, _ in group}


def _merged(ranges) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges (a code span inside a fence is covered by the fence)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def token_masks(source: str, options: ReaderOptions, *, markdown: bool = False,
                code: list[tuple[int, int]] = ()) -> list[Mask]:
    """Masks for the patterns, except those that start inside ``code`` (code spans and blocks, where template
    syntax is an example, not markup)."""
    masks = []
    code = _merged(code)
    starts = [a for a, _ in code]

    def in_code(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < code[i][1]

    for pattern, placeholder in options.patterns(markdown):
        needle = _NEEDLES.get(pattern.pattern)
        if needle is not None and needle not in source:
            continue
        for m in pattern.finditer(source):
            if m.end() > m.start() and not in_code(m.start()):
                masks.append(Mask(m.start(), m.end(), placeholder))
    return masks


def mdx_expressions(source: str, code: list[tuple[int, int]]) -> list[Mask]:
    """``{expression}`` in MDX prose: balanced braces, aware of strings and template literals, outside code;
    ``{/* comment */}`` is hidden, any other expression is a placeholder."""
    masks = []
    code = _merged(code)
    ci = 0
    i = 0
    n = len(source)
    while True:
        i = source.find("{", i)
        if i == -1:
            break
        while ci < len(code) and code[ci][1] <= i:
            ci += 1
        if ci < len(code) and code[ci][0] <= i < code[ci][1]:
            i = code[ci][1]
            continue
        if i > 0 and source[i - 1] == "\\":
            i += 1
            continue
        end = _balanced(source, i, min(n, i + 4000))
        if end == -1:
            i += 1
            continue
        body = source[i + 1 : end - 1].strip()
        masks.append(Mask(i, end, not (body.startswith("/*") and body.endswith("*/"))))
        i = end
    return masks


def _balanced(src: str, start: int, limit: int) -> int:
    depth = 0
    i = start
    quote = None
    while i < limit:
        ch = src[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n" and src.startswith("\n\n", i):
            return -1
        i += 1
    return -1
