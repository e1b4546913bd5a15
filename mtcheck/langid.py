"""Language identification with lingua (a real statistical identifier, never a hand-written guess).

Only a set of common languages is loaded, in low-accuracy mode: whole documents are long enough for it, and it
starts in a tenth of a second with a small memory footprint instead of seconds and a gigabyte."""

from __future__ import annotations

import functools
import os
from collections import Counter
from itertools import repeat

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

LANGUAGES = (
    "en es fr de pt it nl ca ro pl sv da nb fi cs sk hu tr ru uk el bg ar he zh ja ko hi id vi"
).split()
#: How much of a document is enough to tell its language.
SAMPLE_CHARS = 4000


@functools.lru_cache(maxsize=1)
def _detector():
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


#: The cheap signal: words that are function words (stopwords-iso) of exactly one of LANGUAGES. A text with at
#: least QUICK_MIN of one language's and QUICK_RATIO times more than of any other is in that language beyond
#: doubt; lingua is asked only about the rest (mixed, short, unusual or unlisted-script text).
QUICK_MIN = 3
QUICK_RATIO = 3
#: What may stand around a word in running text ("(the", "it,", "“dass").
_EDGES = ".,;:!?()[]{}\"'“”„‘’«»¿¡*_`-–—/…"


@functools.lru_cache(maxsize=1)
def _marker_words() -> dict[str, str]:
    """word → the one language among LANGUAGES whose function word it is (stopwords-iso; "nb" is its "no")."""
    import stopwordsiso

    sets = {}
    for code in LANGUAGES:
        iso = "no" if code == "nb" else code
        if stopwordsiso.has_lang(iso):
            sets[code] = {w.lower() for w in stopwordsiso.stopwords(iso) if len(w) > 1 and w.replace("'", "").isalpha()}
    owner: dict[str, str | None] = {}
    for code, words in sets.items():
        for w in words:
            owner[w] = code if w not in owner else None  # a function word of two languages tells nothing
    return {w: code for w, code in owner.items() if code is not None}


def _markers_in(text: str) -> list[str]:
    """The language of each function word of the text, in order (map/filter run in C: a few microseconds a
    sentence)."""
    return list(filter(None, map(_marker_words().get, map(str.strip, text.lower().split(), repeat(_EDGES)))))


def marker_counts(text: str) -> dict[str, int]:
    """How many function words of each language (those of one language only) the text has."""
    found = _markers_in(text)
    return Counter(found) if found else {}


def quick(text: str) -> str | None:
    """The language of ``text`` when its function words leave no doubt, else None (ask lingua)."""
    counts = marker_counts(text)
    if not counts:
        return None
    best = max(counts, key=counts.get)
    second = max((n for code, n in counts.items() if code != best), default=0)
    return best if counts[best] >= QUICK_MIN and counts[best] >= QUICK_RATIO * second else None


#: A sentence with this many function words of a language and none of another's is in that language: lingua is
#: not asked whether it is another (on the development data no sentence so marked is found foreign, and of the
#: sentences with a single such word, the ten found foreign were all in the document's language).
SURE_MIN = 2


def surely(text: str, language: str) -> bool:
    """Is ``text`` beyond doubt in ``language``, by its function words alone? (The cheap signal of rules that
    look for text in another language: only where it fails is a statistical identifier asked.)"""
    return surely_many([text], language)[0]


#: Parts the texts of one ``surely_many`` call: a token no function word can be (a NUL in a text is made \x01,
#: which no function word holds either, so no text can hold the break).
_TEXT_BREAK = "\x00|\x00"


@functools.lru_cache(maxsize=1)
def _marker_letters() -> tuple[dict[str, str], dict[str, str]]:
    """(word → one letter standing for its language (``_marker_words``), the text break → "|"; language → its
    letter)."""
    letters = {code: chr(0x41 + i) for i, code in enumerate(LANGUAGES)}
    table = {w: letters[code] for w, code in _marker_words().items()}
    table[_TEXT_BREAK] = "|"
    return table, letters


def surely_many(texts: list[str], language: str) -> list[bool]:
    """``surely`` of each text, from one pass over all of them: the texts are joined, split into words once, and
    each function word becomes the letter of its language, so a text's markers are a short string. Settled: at
    least SURE_MIN of the language's and none of another's, or at least QUICK_MIN and QUICK_RATIO times more
    than of any other language."""
    if not texts:
        return []
    table, letters = _marker_letters()
    joined = f" {_TEXT_BREAK} ".join(text.replace("\x00", "\x01") for text in texts)
    words = map(str.strip, joined.lower().split(), repeat(_EDGES))
    found = "".join(filter(None, map(table.get, words))).split("|")
    own_letter = letters.get(language, "\x01")  # a language with no function words here: never settled
    out = []
    for markers in found:
        own = markers.count(own_letter)
        if own >= SURE_MIN and own == len(markers):
            out.append(True)
        elif own >= QUICK_MIN:
            others = max((markers.count(c) for c in set(markers) if c != own_letter), default=0)
            out.append(own >= QUICK_RATIO * others)
        else:
            out.append(False)
    return out


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


#: A long document is sampled in this many evenly spaced pieces, so that a page whose first screen is left in
#: another language (a partial translation) still gets the language of most of its text.
SAMPLES = 8
#: The smallest piece of a short text that votes on its own (a few sentences: enough for lingua).
PIECE_CHARS = 250


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language (the language of most of its letters), or None when there is too
    little text to tell."""
    votes = shares(text)
    return max(votes, key=votes.get) if votes else None


def shares(text: str) -> dict[str, float]:
    """The share of the text's letters in each language found (a long text is sampled in SAMPLES evenly spaced
    pieces, each voting with its letters); empty when there is too little text to tell."""
    if sum(map(str.isalpha, text[:SAMPLE_CHARS])) < 20 and sum(map(str.isalpha, text)) < 20:
        return {}
    if len(text) <= SAMPLE_CHARS:
        # a short text is cut into pieces of at least PIECE_CHARS at spaces: a page half in each language shows
        n = max(1, min(SAMPLES, len(text) // PIECE_CHARS))
        cuts = [0]
        for i in range(1, n):
            space = text.find(" ", i * len(text) // n)
            cuts.append(space if space > cuts[-1] else cuts[-1])
        cuts.append(len(text))
        pieces = [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    else:
        size = SAMPLE_CHARS // 2
        step = (len(text) - size) / (SAMPLES - 1)
        pieces = [text[int(i * step) : int(i * step) + size] for i in range(SAMPLES)]
    votes: dict[str, int] = {}
    verdicts = [quick(piece) for piece in pieces]  # the cheap signal first; lingua for the pieces it leaves open
    unsure = [piece for piece, v in zip(pieces, verdicts) if v is None]
    asked = iter(detect_many(unsure))
    for piece, verdict in zip(pieces, verdicts):
        if verdict is None:
            verdict = next(asked)
        if verdict is not None:
            votes[verdict] = votes.get(verdict, 0) + sum(map(str.isalpha, piece))
    total = sum(votes.values())
    return {code: n / total for code, n in votes.items()} if total else {}


#: Below this many texts, or with one core to run on, lingua is asked one text at a time: handing a few texts to
#: its thread pool costs more than it saves (the answers are the same).
PARALLEL_MIN = 16


@functools.lru_cache(maxsize=1)
def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _in_parallel(texts: list[str]) -> bool:
    return len(texts) >= PARALLEL_MIN and _cores() > 1


def confidences_many(texts: list[str]) -> list[dict[str, float]]:
    """``confidences`` for many texts at once (lingua spreads a large batch over all cores)."""
    if not texts:
        return []
    detector = _detector()
    results = detector.compute_language_confidence_values_in_parallel(texts) if _in_parallel(texts) else \
        map(detector.compute_language_confidence_values, texts)
    return [{_code(v.language): v.value for v in values} for values in results]


def detect_many(texts: list[str]) -> list[str | None]:
    """The most likely language code of each text (lingua; a large batch in parallel)."""
    if not texts:
        return []
    detector = _detector()
    found = detector.detect_languages_in_parallel_of(texts) if _in_parallel(texts) else \
        map(detector.detect_language_of, texts)
    return [_code(lang) if lang is not None else None for lang in found]
