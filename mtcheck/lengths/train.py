"""Train the sentencepiece model of the length-ratio check from the text mtcheck ships.

    python -m mtcheck.lengths.train [--out PATH]

One thread and a fixed corpus order, so the same corpus gives the same model."""

from __future__ import annotations

import argparse
import io
import lzma
from importlib import resources
from pathlib import Path

from mtcheck.lengths import model_path

OPTIONS = dict(model_type="unigram", vocab_size=8000, character_coverage=0.9995, byte_fallback=True,
               num_threads=1, shuffle_input_sentence=False, input_sentence_size=0,
               split_digits=True, normalization_rule_name="nmt_nfkc")


def corpus_lines() -> list[str]:
    data = (resources.files("mtcheck") / "data" / "length" / "corpus.txt.xz").read_bytes()
    return lzma.decompress(data).decode("utf-8").splitlines()


def train(out: Path) -> Path:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(corpus_lines()), model_writer=model,
                                   minloglevel=2, **OPTIONS)
    out.write_bytes(model.getvalue())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=model_path())
    args = parser.parse_args()
    path = train(args.out)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
