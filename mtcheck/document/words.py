"""Words of technical prose that are not words of the language: identifiers, file names, flags, units, names.

Documentation writes ``useState``, ``max_width``, ``Element.click()``, ``index.md``, ``--force``, ``10px``,
``JavaScript`` and ``HTTP`` in running text; a speller calls each a misspelling and a language identifier
reads a sentence full of them as English. Both engines ask here."""

from __future__ import annotations

import functools
import re
from importlib import resources

_CAMEL = re.compile(r"^[a-z]+[A-Z0-9][A-Za-z0-9]*$|^[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*$")  # useState, JavaScript
_INNER_CAPS = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$")  # iPhone, GitHub, WebAssembly
_SNAKE = re.compile(r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$")  # max_width, __init__
_DOTTED = re.compile(r"^\.?[\w-]+(?:\.[\w-]+)+(?:\(\))?$|^\.[A-Za-z0-9]+$")  # Element.click, index.md, .rs
_FLAG = re.compile(r"^--?[A-Za-z][\w-]*$")  # --force, -v
_UNIT = re.compile(r"^\d+(?:[.,]\d+)?[A-Za-zµ%°]+$")  # 10px, 2.5em, 100ms
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}s?$")  # HTTP, URLs, CSS3
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")  # browser-compat-data, typescript-eslint-plugin
#: letters of scripts other than Latin
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
#: Units that stand on their own in prose ("measured in Gbps").
UNIT_WORDS = frozenset("bps kbps Kbps Mbps Gbps Tbps KiB MiB GiB TiB kB KB MB GB TB ms µs ns fps dpi ppi Hz kHz MHz "
                       "GHz".split())
#: Units written apart from their number ("10 px").
UNITS = frozenset("px em rem vh vw vmin vmax pt pc cm mm in ms s kb kib mb mib gb gib tb hz khz mhz ghz dpi dpr fr "
                  "deg rad turn ch ex".split())


@functools.lru_cache(maxsize=65536)  # called for every word of every sentence; words repeat
def looks_technical(word: str) -> bool:
    """True for identifiers, file names, flags, units, acronyms and internally capitalised product names."""
    w = word.strip("'’")
    if not w:
        return False
    if any(ch.isdigit() for ch in w) and any(ch.isalpha() for ch in w):
        return True
    if w in UNIT_WORDS:
        return True
    if sum(ch.isupper() for ch in w) >= 2 and any(ch.islower() for ch in w) and "-" not in w:
        return True  # mixed case: XInclude, HTMLElement, McAfee
    return bool(_CAMEL.match(w) or _INNER_CAPS.match(w) or _SNAKE.match(w) or _DOTTED.match(w)
                or _FLAG.match(w) or _UNIT.match(w) or _ACRONYM.match(w) or _KEBAB.match(w))


def is_unit_after_number(text: str, start: int, end: int) -> bool:
    """``px`` in "10 px"."""
    if text[start:end].lower() not in UNITS:
        return False
    before = text[max(0, start - 12) : start].rstrip()
    return bool(before) and before[-1].isdigit()


def vocabulary(texts) -> frozenset[str]:
    """Every word-like token of some texts (a page's code spans and macros), in its own case and lower case."""
    out: set[str] = set()
    for text in texts:
        for m in re.finditer(r"[A-Za-z_][\w-]*", text):
            w = m.group()
            out.add(w)
            out.add(w.lower())
            for part in re.split(r"[_-]", w):
                if part:
                    out.add(part)
                    out.add(part.lower())
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def software_terms() -> frozenset[str]:
    """The software-terms word list shipped in mtcheck/data (cspell's, MIT): each word as listed and in lower
    case. A speller that rejects "memoize", "bigint" or "todos" is not reporting a misspelling."""
    text = resources.files("mtcheck").joinpath("data", "software-terms.txt").read_text(encoding="utf-8")
    words = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words | {w.lower() for w in words})


def other_script(text: str) -> bool:
    """Are most letters of ``text`` of a script other than Latin (Chinese, Cyrillic, Arabic...)? Then a
    Latin-script word in it is a name, a brand or code, not a word of the text's language."""
    letters = sum(ch.isalpha() for ch in text)
    return bool(letters) and len(_NON_LATIN.findall(text)) > letters / 2
