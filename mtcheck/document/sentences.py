"""Sentence boundaries from pysbd (rule-based, knows abbreviations such as "U.S.", "p.m.", "Dr.")."""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.languages import LANGUAGE_CODES

#: pysbd backtracks on very long runs of text; segments longer than this are cut at white space first.
CHUNK = 20_000
_PARA = re.compile(r"\n")


@functools.lru_cache(maxsize=None)
def _segmenter(language: str) -> pysbd.Segmenter:
    lang = language if language in LANGUAGE_CODES else "en"
    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def sentence_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """Half-open (start, end) spans of the sentences in ``text``, trailing white space excluded."""
    if not text.strip():
        return []
    seg = _segmenter((language or "en").split("-")[0])
    spans: list[tuple[int, int]] = []
    # Line breaks inside a segment are soft; same-length replacement keeps offsets.
    flat = _PARA.sub(" ", text)
    base = 0
    while base < len(flat):
        stop = min(len(flat), base + CHUNK)
        if stop < len(flat):
            cut = flat.rfind(" ", base + CHUNK // 2, stop)
            stop = cut + 1 if cut != -1 else stop
        chunk = flat[base:stop]
        for span in seg.segment(chunk):
            s, e = span.start, span.end
            while e > s and chunk[e - 1].isspace():
                e -= 1
            while s < e and chunk[s].isspace():
                s += 1
            if e > s:
                spans.append((base + s, base + e))
        base = stop
    return spans
