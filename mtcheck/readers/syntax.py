"""Syntax that editorial repositories put inside prose, recognised by every reader before it reads: template
tags (KumaScript, Liquid, Jinja, Hugo shortcodes), bare URLs, MDX comments and expressions, and the user's own
``token_ignores`` (read as one placeholder word each, like Vale's TokenIgnores) and ``block_ignores`` (not read at
all, like Vale's BlockIgnores). Each becomes a :class:`~mtcheck.document.builder.Mask` on the builder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    """What the configuration says about reading: extra tokens and blocks to ignore."""

    token_ignores: tuple[str, ...] = ()
    block_ignores: tuple[str, ...] = ()
    templates: bool = True  # recognise template tags ({{ }}, {% %}, Hugo shortcodes)
    _compiled: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def patterns(self, markdown: bool) -> list[tuple[re.Pattern, bool]]:
        key = ("md" if markdown else "other")
        if key not in self._compiled:
            pats: list[tuple[str, bool]] = [(p, True) for p in self.token_ignores]
            pats += [(p, False) for p in self.block_ignores]
            if self.templates:
                pats += list(TEMPLATE_TOKENS)
            pats.append(URL)
            if markdown:
                pats += list(MARKDOWN_HIDDEN)
            self._compiled[key] = [(re.compile(p, re.M), ph) for p, ph in pats]
        return self._compiled[key]

    def signature(self) -> str:
        return repr((self.token_ignores, self.block_ignores, self.templates))


def validate_patterns(patterns, what: str) -> list[str]:
    """Problems with user patterns (bad regexes), one message each."""
    problems = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            problems.append(f"{what}: {p!r} is not a valid regular expression: {exc}")
    return problems


def token_masks(source: str, options: ReaderOptions, *, markdown: bool = False,
                code: list[tuple[int, int]] = ()) -> list[Mask]:
    """Masks for the patterns, except those that start inside ``code`` (code spans and blocks, where template
    syntax is an example, not markup)."""
    masks = []
    code = sorted(code)
    starts = [a for a, _ in code]
    from bisect import bisect_right

    def in_code(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and code[i][0] <= pos < code[i][1]

    for pattern, placeholder in options.patterns(markdown):
        for m in pattern.finditer(source):
            if m.end() > m.start() and not in_code(m.start()):
                masks.append(Mask(m.start(), m.end(), placeholder))
    return masks


def mdx_expressions(source: str, code: list[tuple[int, int]]) -> list[Mask]:
    """``{expression}`` in MDX prose: balanced braces, aware of strings and template literals, outside code;
    ``{/* comment */}`` is hidden, any other expression is a placeholder."""
    masks = []
    code = sorted(code)
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
