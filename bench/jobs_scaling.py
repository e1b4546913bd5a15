#!/usr/bin/env python3
"""``--jobs 1`` against ``--jobs 2``, side by side in one run, with identical findings checked.

    python bench/jobs_scaling.py                    # rule engine on the 1M-word corpus of rules_throughput.py
    python bench/jobs_scaling.py --lt --corpus ../shared/realdocs/rust-book-en   # with LanguageTool, no cache

Every run uses --no-cache (LanguageTool's result cache too), so each one does all the work."""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(corpus: str, jobs: int, lt: bool) -> tuple[float, str, int]:
    cmd = [sys.executable, "-m", "mtcheck", corpus, "--jobs", str(jobs), "--no-cache", "--no-report", "--isolated",
           "--format", "json", "--fail-on", "never", "-q"] + ([] if lt else ["--no-lt"])
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    took = time.perf_counter() - start
    return took, hashlib.sha1(out.encode()).hexdigest()[:12], out.count('"rule":')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / "data" / "rules-corpus"))
    ap.add_argument("--lt", action="store_true", help="with the LanguageTool pass (the shared local server)")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        sys.exit(f"no corpus at {args.corpus} (python bench/rules_throughput.py builds it)")
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split())
                for p in Path(args.corpus).rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".mdx"))
    print(f"corpus: {args.corpus}, {words:,} words; LanguageTool {'on' if args.lt else 'off'}; "
          f"best of {args.repeat}, jobs alternating")
    best: dict[int, float] = {}
    digests: dict[int, str] = {}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            took, digest, n = run(args.corpus, jobs, args.lt)
            best[jobs] = min(best.get(jobs, took), took)
            digests[jobs] = digest
            print(f"  --jobs {jobs}: {took:7.2f} s  {n} findings  output {digest}")
    for jobs in (1, 2):
        print(f"--jobs {jobs}: {best[jobs]:.2f} s, {words / best[jobs]:,.0f} words/s")
    print(f"speed-up {best[1] / best[2]:.2f}x; outputs identical: {digests[1] == digests[2]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
