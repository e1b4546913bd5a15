#!/usr/bin/env python3
"""Throughput of the rule engine alone, beside proselint on the same corpus, in one run.

The rule engine's result cache is off (--no-cache): this measures the engine itself.

Corpus: the English MT output of ../shared/devdata (real MT text), copied until it holds at least --words words,
one file per talk and copy, under bench/data/ (git-ignored): every other copy joins its lines into paragraphs of
6 to 12 sentences, so the corpus has long paragraphs as well as short lines. Both tools run as the user runs
them, as commands on the folder, so start-up is included, pinned to one core (taskset -c 0) and, for mtcheck,
with --jobs 1; each is run once untimed (bytecode compiled and cached, as after ``pip install``), then timed
--repeat times, and the best time is kept.

    python bench/rules_throughput.py            # 1M words
    python bench/rules_throughput.py --words 200000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVDATA = HERE.parent.parent / "shared" / "devdata" / "mqm" / "zhen" / "ted"


def build_corpus(target: Path, words: int, *, unique: bool = False) -> int:
    """Copy the MT output until ``words`` words. With ``unique``, every copy after the first pairs each line
    with another line of the same file, so no paragraph repeats (a result cache cannot skip copies)."""
    sources = sorted(DEVDATA.rglob("*.txt"))
    if not sources:
        sys.exit(f"no corpus source at {DEVDATA}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    total, copy = 0, 0
    while total < words:
        for src in sources:
            lines = src.read_text(encoding="utf-8").splitlines()
            if unique and copy:
                n = len(lines)
                lines = [f"{line} {lines[(i + 7 * copy) % n]}" for i, line in enumerate(lines)]
            if copy % 2:  # long paragraphs: 6 to 12 lines joined
                paras, i = [], 0
                while i < len(lines):
                    size = 6 + (i // 7) % 7
                    paras.append(" ".join(l.strip() for l in lines[i : i + size]))
                    i += size
                text = "\n\n".join(paras) + "\n"
            else:
                text = "\n".join(lines) + "\n"
            (target / f"{copy:03d}-{src.parent.name}-{src.name}").write_text(text, encoding="utf-8")
            total += len(text.split())
            if total >= words:
                break
        copy += 1
    return total


#: Both tools run as on a user's machine, with compiled bytecode cached: one untimed run writes it (to a cache of
#: the benchmark's own, even where PYTHONDONTWRITEBYTECODE is set, as it is on some CI images; an editable
#: install would otherwise compile mtcheck's modules on every run, which ``pip install .`` does once).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPYCACHEPREFIX": str(HERE / "data" / "pycache")}


def timed(cmd: list[str], repeat: int) -> tuple[float, float, int]:
    """Best wall time, peak RSS (MiB) of the child, and the number of output lines (after one untimed run)."""
    subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    best = float("inf")
    lines = 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
        best = min(best, time.perf_counter() - start)
        lines = len(proc.stdout.splitlines())
        if proc.returncode not in (0, 1):
            sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best, rss, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    corpus = HERE / "data" / "rules-corpus"
    words = build_corpus(corpus, args.words)
    files = len(list(corpus.iterdir()))
    mtcheck = shutil.which("mtcheck") or sys.exit("mtcheck is not installed")
    proselint = shutil.which("proselint")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    print(f"corpus: {words:,} words in {files} files ({corpus})")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"{'pinned to one core' if pin else 'not pinned (no taskset)'}")
    t_m, rss_m, n_m = timed(pin + [mtcheck, str(corpus), "--lang", "en", "--no-lt", "--no-report", "--no-cache",
                                   "--fail-on", "never", "-q", "--jobs", "1"], args.repeat)
    print(f"mtcheck rules : {t_m:7.2f} s  {words / t_m:10,.0f} words/s  {n_m:6} findings  peak RSS so far {rss_m:.0f} MiB")
    if proselint:
        t_p, rss_p, n_p = timed(pin + [proselint, "check", "-o", "compact", str(corpus)], args.repeat)
        print(f"proselint     : {t_p:7.2f} s  {words / t_p:10,.0f} words/s  {n_p:6} findings  peak RSS so far {rss_p:.0f} MiB")
        print(f"ratio mtcheck/proselint throughput: {t_p / t_m:.2f}x")
    else:
        print("proselint not installed (pip install proselint): no peer figure")


if __name__ == "__main__":
    main()
