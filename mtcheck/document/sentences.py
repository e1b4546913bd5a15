"""Sentence boundaries from sentencex (Wikimedia's rule-based segmenter: abbreviation lists for ~300
languages, "U.S.", "p.m.", "z.B.", "Sr." included, and fast enough for megabyte lines; pysbd was 300 times
slower here and made the rule engine crawl on long documents)."""

from __future__ import annotations

import functools

from sentencex import segment

#: Languages are passed to sentencex as ISO codes; it falls back sensibly for codes it does not know.
DEFAULT_LANGUAGE = "en"


def _lang(language: str | None) -> str:
    return (language or DEFAULT_LANGUAGE).split("-")[0].lower()


def sentence_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """Half-open (start, end) spans of the sentences in ``text``, surrounding white space excluded."""
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in segment(_lang(language), text):
        bare = piece.strip()
        if bare:
            start = pos + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(bare)))
        pos += len(piece)
    if pos != len(text):  # never expected: the pieces always add up to the text; fall back to one span
        return [(0, len(text.rstrip()))]
    return spans


@functools.lru_cache(maxsize=None)
def _abbreviation_list(language: str) -> frozenset[str]:
    """pysbd's abbreviation list for the language (English when it has none), lower case, no final period."""
    from pysbd.languages import LANGUAGE_CODES, Language

    table = Language.get_language_code(language if language in LANGUAGE_CODES else "en")
    return frozenset(w.lower().rstrip(".") for w in table.Abbreviation.ABBREVIATIONS)


@functools.lru_cache(maxsize=4096)
def _ends_abbreviation(word: str, language: str) -> bool:
    if word.lower() in _abbreviation_list(language):
        return True
    return len(list(segment(language, f"{word}. Then it went on."))) == 1


def is_abbreviation(text: str, period: int, language: str | None) -> bool:
    """Does the period at ``text[period]`` end an abbreviation ("etc.", "ft.", "U.S.", "z.B.")? pysbd's
    abbreviation lists first, then the segmenter itself: a word whose period does not end a sentence."""
    start = period
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:period]
    if not word:
        return False
    if "." in word or len(word) == 1:
        return True  # U.S. / a.m. / initials
    return _ends_abbreviation(word, _lang(language))
