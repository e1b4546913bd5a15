#!/usr/bin/env python3
"""Build the text that mtcheck's sentencepiece model is trained on (mtcheck/data/length/corpus.txt.xz).

The length-ratio check (rule type ``length``) counts sentencepiece units, so that a German compound and an
English phrase weigh about the same. The model is trained by the project (``python -m mtcheck.lengths.train``)
from this text, which ships with the source; nothing is downloaded. Sources, both openly licensed:

- ../shared/postedit-dev (MLQE-PE, CC0 1.0): English, German, Estonian and Romanian sentences (sources and
  human post-edits, not the MT);
- ../shared/realdocs/react-reference (react.dev, CC BY 4.0): English and Spanish prose of the pages, read by
  mtcheck's own Markdown reader (prose only: no code, no markup).

Lines are shuffled with a fixed seed, so the corpus (and the model) are the same on every build.

    python bench/build_length_corpus.py && python -m mtcheck.lengths.train
"""

from __future__ import annotations

import lzma
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
OUT = ROOT / "mtcheck" / "data" / "length" / "corpus.txt.xz"


def main() -> None:
    from mtcheck.readers import read_document

    lines: list[str] = []
    pe = SHARED / "postedit-dev"
    pairs = (pe / "lang_pair.txt").read_text().split("\n")
    for name in ("src.txt", "pe.txt"):
        lines += [l.strip() for l in (pe / name).read_text().split("\n") if l.strip()]
    for lang in ("en", "es"):
        for path in sorted((SHARED / "realdocs" / "react-reference" / lang).rglob("*.md")):
            doc = read_document(str(path))
            for seg in doc.segments:
                text = " ".join(doc.text[seg.start : seg.end].split())
                if len(text.split()) >= 4 and "Dummy" not in text:
                    lines.append(text)
    random.Random(1).shuffle(lines)
    OUT.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode("utf-8"), preset=9))
    print(f"{OUT}: {len(lines)} lines, {OUT.stat().st_size // 1024} KiB ({len(pairs)} post-edit pairs)")


if __name__ == "__main__":
    main()
