#!/usr/bin/env python3
"""Length-ratio priors per language pair for the ``length`` rules (rules/common/source-length-*.yml ``pairs``):
the median log ratio of target to source sentencepiece units and a robust spread (1.4826 × MAD), measured on
human translations (../shared/postedit-dev: sources and post-edits, CC0). Files with enough segments are
calibrated on themselves; these priors serve small files.

    python bench/length_priors.py
"""

from __future__ import annotations

import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PE = ROOT.parent / "shared" / "postedit-dev"


def main() -> None:
    from mtcheck import lengths

    pairs = (PE / "lang_pair.txt").read_text().split("\n")
    src = (PE / "src.txt").read_text().split("\n")
    pe = (PE / "pe.txt").read_text().split("\n")
    ratios = defaultdict(list)
    for pair, s, t in zip(pairs, src, pe):
        if not pair or not s.strip() or not t.strip():
            continue
        su, tu = lengths.units(s), lengths.units(t)
        if su >= 10:
            ratios[pair].append(math.log((tu + 1) / (su + 1)))
    for pair, rs in sorted(ratios.items()):
        med = statistics.median(rs)
        mad = statistics.median(abs(r - med) for r in rs)
        print(f"  {pair}: [{med:.3f}, {1.4826 * mad:.3f}]   # {len(rs)} segments")


if __name__ == "__main__":
    main()
