"""BLEU, chrF and TER of MT output against references or post-edits, with sacrebleu (its metrics, its
tokenisers, its signatures: nothing recomputed here). ``mtcheck score`` reports them per document and for the
corpus, and before and after mtcheck's fixes."""

from __future__ import annotations

from dataclasses import dataclass

from sacrebleu.metrics import BLEU, CHRF, TER

from mtcheck.errors import InputError
from mtcheck.readers.decode import BinaryFileError, decode

METRICS = ("BLEU", "chrF", "TER")


@dataclass(frozen=True)
class Scores:
    bleu: float
    chrf: float
    ter: float

    def as_dict(self) -> dict[str, float]:
        return {"BLEU": round(self.bleu, 2), "chrF": round(self.chrf, 2), "TER": round(self.ter, 2)}


def _metrics(tokenize: str | None = None):
    return (BLEU(tokenize=tokenize) if tokenize else BLEU()), CHRF(), TER()


def corpus_scores(hypotheses: list[str], references: list[str], *, tokenize: str | None = None) -> Scores:
    return corpus_scores_signed(hypotheses, references, tokenize=tokenize)[0]


def corpus_scores_signed(hypotheses: list[str], references: list[str], *, tokenize: str | None = None
                         ) -> tuple[Scores, dict[str, str]]:
    """Corpus scores and sacrebleu's signature of each metric (what a reader needs to compare numbers)."""
    bleu, chrf, ter = _metrics(tokenize)
    refs = [references]
    scores = Scores(bleu.corpus_score(hypotheses, refs).score, chrf.corpus_score(hypotheses, refs).score,
                    ter.corpus_score(hypotheses, refs).score)
    return scores, {"BLEU": str(bleu.get_signature()), "chrF": str(chrf.get_signature()),
                    "TER": str(ter.get_signature())}


def read_lines(path: str, text: str | None = None) -> list[str]:
    """A line-aligned file's lines (decoded like any document; a final newline ends the last line)."""
    if text is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            text = decode(data).text
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
        except BinaryFileError as exc:
            raise InputError(f"not text: {exc}", path=path) from None
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]
