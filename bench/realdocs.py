#!/usr/bin/env python3
"""Noise on real documentation pages (../shared/realdocs), before and after a change, in one run.

For each corpus: findings per 1,000 words (whitespace words of the files, the same denominator for every
version), the share of findings whose span touches markup (inline code, a template macro, a link target, an
HTML/JSX tag or an MDX expression, found by an independent scan of the source, not by mtcheck's readers), the
rules that fire most, and for the machine-translated corpus a random sample of findings in context to judge.

    python bench/realdocs.py                         # the working tree
    python bench/realdocs.py --before b14f43e        # also that commit, side by side (a git worktree)
    python bench/realdocs.py --no-lt --sample 50 --seed 1

The installed LanguageTool and the shared local server are used; the rule engine's result cache is off.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
CORPORA = {  # folder → aim in findings per 1,000 words (issue: editorial markup)
    "rust-book-en": 1.0,
    "react-reference/en": 1.0,
    "react-reference/es": 2.0,
    "react-reference/es ← en": 2.0,  # the same pages paired with their English originals (--source-dir)
    "mdn-de-glossary": None,
}
#: corpus → (folder checked, source folder) for the bilingual entries
PAIRED = {"react-reference/es ← en": ("react-reference/es", "react-reference/en")}
#: Markup in the source, scanned independently of mtcheck's readers (approximate on purpose: a second opinion).
MARKUP = re.compile(
    r"`[^`\n]+`"                      # inline code
    r"|\{\{[\s\S]{0,500}?\}\}"        # macros: KumaScript, Liquid, Jinja, Hugo
    r"|\{%[\s\S]{0,500}?%\}"          # Liquid/Jinja tags
    r"|\]\([^)\n]*\)"                 # link targets
    r"|</?[A-Za-z][^<>\n]*>"          # HTML and JSX tags
    r"|\{/?\*[\s\S]{0,200}?\*/?\}"    # MDX comments
    r"|\{[^{}\n]{1,200}\}"            # MDX expressions
    r"|^> \[![A-Z]+\]"                # GFM alert markers
    , re.M)


def run(tree: Path, corpus: Path, lt: bool, source: Path | None = None) -> tuple[list[dict], float]:
    env = dict(os.environ, PYTHONPATH=str(tree), MTCHECK_CACHE_DIR=tempfile.mkdtemp(prefix="mtcheck-bench-"))
    cmd = [sys.executable, "-m", "mtcheck", str(corpus), "--format", "json", "--fail-on", "never", "-q",
           "--no-report", "--isolated"]
    if not lt:
        cmd.append("--no-lt")
    if source is not None:
        cmd += ["--source-dir", str(source)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tree)
    if proc.returncode not in (0, 1):
        sys.exit(f"mtcheck ({tree}) failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout or "[]"), time.perf_counter() - start


def markup_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in MARKUP.finditer(text)]


def touches(f: dict, spans: list[tuple[int, int]]) -> bool:
    s, e = f["start"], max(f["end"], f["start"] + 1)
    return any(a < e and s < b for a, b in spans)


def measure(tree: Path, lt: bool) -> dict:
    out = {}
    for name in CORPORA:
        folder, source = (REALDOCS / PAIRED[name][0], REALDOCS / PAIRED[name][1]) if name in PAIRED else (
            REALDOCS / name, None)
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".md", ".mdx", ".rst"))
        texts = {str(p): p.read_text(encoding="utf-8") for p in files}
        words = sum(len(t.split()) for t in texts.values())
        findings, seconds = run(tree, folder, lt, source)
        spans = {path: markup_spans(t) for path, t in texts.items()}
        touching = [f for f in findings if touches(f, spans.get(str(Path(f["path"]).resolve()), []))]
        out[name] = {"files": len(files), "words": words, "findings": findings, "touching": len(touching),
                     "seconds": seconds, "texts": texts}
    return out


def context(f: dict, texts: dict) -> str:
    text = texts[str(Path(f["path"]).resolve())]
    s, e = f["start"], f["end"]
    lo = text.rfind("\n", 0, max(0, s - 1)) + 1
    lo = max(lo, s - 120)
    hi = text.find("\n", e)
    hi = len(text) if hi == -1 else min(hi, e + 120)
    return (text[lo:s] + "⟦" + text[s:e] + "⟧" + text[e:hi]).replace("\n", "⏎")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", metavar="REV", help="also measure this git revision, side by side")
    ap.add_argument("--no-lt", action="store_true", help="rule engine only")
    ap.add_argument("--sample", type=int, default=50, help="findings to sample on mdn-de-glossary")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--sample-file", default=str(ROOT / "bench" / "results" / "realdocs-sample.txt"))
    args = ap.parse_args()
    if not REALDOCS.is_dir():
        sys.exit(f"{REALDOCS} not found")
    versions = {}
    if args.before:
        wt = Path(tempfile.mkdtemp(prefix="mtcheck-before-")) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(wt), args.before], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            versions[f"before ({args.before})"] = measure(wt, not args.no_lt)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT, capture_output=True)
    versions["after (working tree)"] = measure(ROOT, not args.no_lt)

    print(f"LanguageTool: {'off' if args.no_lt else 'on'}; words = whitespace words of the files\n")
    print("| corpus | words | aim /1kw | " + " | ".join(f"{v}: findings, /1kw, touching markup" for v in versions)
          + " |")
    print("|---|---|---|" + "---|" * len(versions))
    for name, aim in CORPORA.items():
        cells = []
        words = 0
        for label, res in versions.items():
            r = res[name]
            words = r["words"]
            n = len(r["findings"])
            cells.append(f"{n}, {1000 * n / r['words']:.2f}, {100 * r['touching'] / n if n else 0:.1f}%")
        print(f"| {name} | {words:,} | {aim if aim is not None else '-'} | " + " | ".join(cells) + " |")
    for label, res in versions.items():
        print(f"\n{label}: seconds per corpus: " + ", ".join(f"{k} {v['seconds']:.0f}" for k, v in res.items()))
        for name in CORPORA:
            top = Counter(f["rule"] for f in res[name]["findings"]).most_common(8)
            print(f"  {name}: " + ", ".join(f"{r} {n}" for r, n in top))
    last = list(versions.values())[-1]["mdn-de-glossary"]
    rng = random.Random(args.seed)
    sample = rng.sample(last["findings"], min(args.sample, len(last["findings"])))
    sample.sort(key=lambda f: (f["path"], f["start"]))
    Path(args.sample_file).parent.mkdir(parents=True, exist_ok=True)
    with open(args.sample_file, "w", encoding="utf-8") as fh:
        for i, f in enumerate(sample, 1):
            rel = os.path.relpath(f["path"], REALDOCS)
            fh.write(f"{i:2d}. {rel}:{f['line']} {f['rule']} [{f['severity']}] {f['message']}"
                     f" → {f['suggestions'][:2]}\n    {context(f, last['texts'])}\n")
    print(f"\nsample of {len(sample)} mdn-de-glossary findings in context: {args.sample_file}")


if __name__ == "__main__":
    main()
