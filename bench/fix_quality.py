#!/usr/bin/env python3
"""Do mtcheck's fixes move MT output towards what a human post-editor wrote? (../shared/postedit-dev)

Each MT segment is checked as a document of its own, in its target language with its source language set, by
the rule engine (LanguageTool's suggestions are display-only, so they are never applied). Safe fixes, then safe
and unsafe fixes, are applied to a fixed point in memory, exactly as ``mtcheck fix`` does, and the text is scored
against the post-edit with sacrebleu: TER and chrF for the corpus and per changed segment.

    python bench/fix_quality.py                # figures for the closing note
    python bench/fix_quality.py --show 20      # also the segments a fix moved away from the post-edit

Aim (issue: fixes): fixes never raise corpus TER, and raise segment TER on at most 10% of the segments they change.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from sacrebleu.metrics import CHRF, TER

from mtcheck.fixes import SAFE, SAFE_AND_UNSAFE, fix_in_memory
from mtcheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "postedit-dev"


def load():
    lines = {name: (DATA / f"{name}.txt").read_text(encoding="utf-8").split("\n")[:-1]
             for name in ("src", "mt", "pe", "lang_pair")}
    return list(zip(lines["lang_pair"], lines["src"], lines["mt"], lines["pe"]))


def fixed_texts(rows, allowed, folder: Path) -> tuple[list[str], Counter]:
    """Each MT line fixed as a document of its own; returns the fixed lines and the rules whose fixes applied."""
    out = [mt for _, _, mt, _ in rows]
    rules: Counter = Counter()
    for pair in sorted({r[0] for r in rows}):
        src_lang, tgt_lang = pair.split("-")
        sub = folder / pair
        sub.mkdir(parents=True, exist_ok=True)
        index = {}
        for i, (p, _, mt, _) in enumerate(rows):
            if p == pair:
                name = sub / f"{i:05d}.txt"
                name.write_text(mt + "\n", encoding="utf-8")
                index[str(name)] = i
        settings = Settings(paths=(str(sub),), lang=tgt_lang, source_lang=src_lang, lt=False, cache=False,
                            fail_on=None, keep_texts=True)
        outcome = fix_in_memory(settings, allowed)
        for entry in outcome.files.values():
            i = index[str(Path(entry.file))]
            out[i] = entry.text.rstrip("\n")
            rules.update(entry.rules)
    return out, rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=10, help="segments moved away from the post-edit to print")
    args = ap.parse_args()
    rows = load()
    mt = [r[2] for r in rows]
    pe = [r[3] for r in rows]
    ter, chrf = TER(), CHRF()
    base_ter = ter.corpus_score(mt, [pe]).score
    base_chrf = chrf.corpus_score(mt, [pe]).score
    print(f"{len(rows)} segments ({', '.join(f'{k} {v}' for k, v in sorted(Counter(r[0] for r in rows).items()))})")
    print(f"MT vs post-edit: TER {base_ter:.2f}, chrF {base_chrf:.2f}")
    print(f"TER signature: {ter.get_signature()}  chrF signature: {chrf.get_signature()}\n")
    print("| fixes | segments changed | corpus TER before → after | corpus chrF before → after | changed segments: "
          "TER better / same / worse | mean TER of changed, before → after |")
    print("|---|---|---|---|---|---|")
    worse_examples = {}
    for label, allowed in (("safe", SAFE), ("safe + unsafe", SAFE_AND_UNSAFE)):
        with tempfile.TemporaryDirectory() as tmp:
            fixed, rules = fixed_texts(rows, allowed, Path(tmp))
        changed = [i for i in range(len(rows)) if fixed[i] != mt[i]]
        after_ter = ter.corpus_score(fixed, [pe]).score
        after_chrf = chrf.corpus_score(fixed, [pe]).score
        better = same = worse = 0
        before_sum = after_sum = 0.0
        worse_list = []
        for i in changed:
            b = ter.sentence_score(mt[i], [pe[i]]).score
            a = ter.sentence_score(fixed[i], [pe[i]]).score
            before_sum += b
            after_sum += a
            if a < b - 1e-9:
                better += 1
            elif a > b + 1e-9:
                worse += 1
                worse_list.append((i, b, a))
            else:
                same += 1
        n = len(changed)
        mean = f"{before_sum / n:.2f} → {after_sum / n:.2f}" if n else "-"
        print(f"| {label} | {n} | {base_ter:.2f} → {after_ter:.2f} | {base_chrf:.2f} → {after_chrf:.2f} | "
              f"{better} / {same} / {worse}" + (f" ({100 * worse / n:.1f}% worse)" if n else "") + f" | {mean} |")
        print(f"|  rules applied: {', '.join(f'{r} {c}' for r, c in rules.most_common())} | | | | | |")
        worse_examples[label] = (worse_list, fixed)
    for label, (worse_list, fixed) in worse_examples.items():
        if not worse_list:
            continue
        print(f"\nsegments a {label} fix moved away from the post-edit ({len(worse_list)}):")
        for i, b, a in worse_list[: args.show]:
            print(f"- line {i + 1} [{rows[i][0]}] TER {b:.1f} → {a:.1f}\n  MT:    {mt[i]}\n  fixed: {fixed[i]}\n"
                  f"  PE:    {pe[i]}")


if __name__ == "__main__":
    main()
