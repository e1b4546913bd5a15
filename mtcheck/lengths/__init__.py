"""Segment lengths in sentencepiece units, for the length-ratio check (rule type ``length``).

Characters and words make a poor yardstick across languages: a German compound is one word for three English
ones, a Chinese sentence has a third of the characters of its English translation. sentencepiece units (subword
pieces of a unigram model) come closer to "the same amount of meaning". The model ships with mtcheck
(``mtcheck/data/length/spm.model``) and is trained by ``python -m mtcheck.lengths.train`` from text that ships
with it (``corpus.txt.xz``: see bench/build_length_corpus.py for where it comes from); nothing is downloaded.
Scripts it has not seen still get units: byte fallback splits their characters into bytes, and the ratio is
calibrated per language pair (per file, when it has enough segments) anyway."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

MODEL_NAME = "spm.model"


def model_path() -> Path:
    return Path(str(resources.files("mtcheck") / "data" / "length" / MODEL_NAME))


@functools.lru_cache(maxsize=1)
def _processor():
    import sentencepiece as spm

    path = model_path()
    if not path.is_file():
        raise FileNotFoundError(f"the sentencepiece model is missing ({path}); run python -m mtcheck.lengths.train")
    return spm.SentencePieceProcessor(model_file=str(path))


@functools.lru_cache(maxsize=65536)
def units(text: str) -> int:
    """Number of sentencepiece units of a text. A character the model has no piece for (byte fallback: one
    piece per UTF-8 byte) counts as one unit, not three."""
    sp = _processor()
    count = 0
    for pid in sp.encode(text):
        if sp.is_byte(pid):
            byte = int(sp.id_to_piece(pid)[1:-1], 16)
            count += 0 if 0x80 <= byte <= 0xBF else 1  # continuation bytes belong to the character before
        else:
            count += 1
    return count


def pieces(text: str) -> list[str]:
    return _processor().encode(text, out_type=str)
