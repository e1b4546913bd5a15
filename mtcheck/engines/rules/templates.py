"""Message and suggestion templates: ``str.format`` fields named after regex groups, with conversions of our
own (``!l`` lower, ``!u`` upper, ``!c`` capitalise, ``!h`` HTML-unescape, ``!k`` swap the number separators
"." and "," as between locales: 2.500 ↔ 2,500; ``!g`` group the digits of a whole number in threes with commas:
250000 → 250,000), and case preservation for substitutions."""

from __future__ import annotations

import html
import string


_SWAP_SEPARATORS = str.maketrans({".": ",", ",": "."})


class _Formatter(string.Formatter):
    def convert_field(self, value, conversion):
        if conversion == "l":
            return str(value).lower()
        if conversion == "u":
            return str(value).upper()
        if conversion == "h":
            return html.unescape(str(value))
        if conversion == "c":
            text = str(value)
            return text[:1].upper() + text[1:]
        if conversion == "k":
            return str(value).translate(_SWAP_SEPARATORS)
        if conversion == "g":
            text = str(value)
            return f"{int(text):,}" if text.isascii() and text.isdigit() else text
        return super().convert_field(value, conversion)

    def get_value(self, key, args, kwargs):
        value = kwargs.get(key) if isinstance(key, str) else None
        return "" if value is None else value


FORMATTER = _Formatter()


def render(template: str, values: dict[str, str]) -> str:
    return FORMATTER.vformat(template, (), values)


def template_fields(template: str) -> set[str]:
    """Names used by a template; raises ValueError on a malformed one."""
    names = set()
    for _, field, _, conversion in FORMATTER.parse(template):
        if field is not None:
            if conversion not in (None, "l", "u", "c", "h", "k", "g", "r", "s"):
                raise ValueError(f"unknown conversion !{conversion}")
            names.add(field)
    return names


def preserve_case(matched: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``matched``: ALL CAPS, Capitalised or as written."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and matched.lstrip()[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def describe_template(template: str) -> str:
    """A message template as a description of the rule: each {field} becomes "…"."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append("…")
    return "".join(out).strip()
