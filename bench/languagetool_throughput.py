#!/usr/bin/env python3
"""Throughput of mtcheck with the LanguageTool pass, beside the same server fed directly, in one run.

Corpus: the English MT output of ../shared/devdata copied to at least --words words (bench/data/lt-corpus).
Timed, in this order, each on a freshly started server so LanguageTool's own sentence cache never helps:
  1. cold   : `mtcheck` with no server running and an empty result cache (includes the JVM start)
  then --repeat rounds (default 3) of, interleaved so that a slow spell of the machine hits all alike (each round
  in another order), each on a fresh server first warmed by mtcheck's LanguageTool pass over 30,000 words of other
  English (../shared/realdocs/rust-book-en), so that every pipeline the pass uses is built before the clock runs:
  2. raw    : the same paragraphs posted straight to /v2/check, in mtcheck's batches, two request threads
  3. pass   : `mtcheck --select LT` (the LanguageTool pass alone, default --jobs), empty result cache
  4. pass/1 : the same with --jobs 1
  5. warm   : `mtcheck` (rules and LanguageTool), empty result caches
  and once more:
  6. raw/p  : (--per-paragraph) the paragraphs posted one request per paragraph, for reference
  7. cached : `mtcheck` again, everything in the result caches (LanguageTool's and the rule engine's)
Each is reported as its best and median time; the pass's overhead is pass vs raw (on two cores the rule engine
competes with the server for CPU, which warm vs raw shows); a cached re-run should take a small fraction of the
cold one. On a shared virtual machine two runs of the same thing differ by up to 40%: compare the median of the
rounds' ratios (each run against the raw run of its own round).
Uses a home of its own (MTCHECK_LT_HOME under bench/data) and the installed LanguageTool via LTP_JAR_DIR_PATH.

    python bench/languagetool_throughput.py --words 200000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from rules_throughput import build_corpus  # noqa: E402

from mtcheck.document import DocumentBuilder  # noqa: E402
from mtcheck.engines.languagetool.engine import (  # noqa: E402
    PARAGRAPH_BREAK, QUIET_RULES, LanguageToolEngine, LanguageToolSettings, _batches)
from mtcheck.engines.languagetool.provision import find_installation  # noqa: E402
from mtcheck.engines.languagetool.server import ServerManager  # noqa: E402
from mtcheck.readers.text import read_text  # noqa: E402


def run_mtcheck(corpus: Path, *extra: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(["mtcheck", str(corpus), "--lang", "en", "--fail-on", "never", "-q", "--format", "json",
                           "--no-report", *extra],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"mtcheck failed: {proc.stderr[-2000:]}")
    return time.perf_counter() - start


def paragraphs(corpus: Path) -> list[str]:
    out = []
    for f in sorted(corpus.iterdir()):
        doc = read_text(DocumentBuilder(str(f), f.read_text(encoding="utf-8"), format="text"))
        out += [doc.text[s.start : s.end] for s in doc.segments]
    return out


def raw(url: str, texts: list[str], threads: int) -> float:
    params = LanguageToolEngine(LanguageToolSettings(server_urls=(url,)))._params
    local = {}

    def post(text: str) -> None:
        session = local.setdefault(os.getpid(), requests.Session())
        r = session.post(f"{url}/v2/check", data=params(text, "en-US", None), timeout=300)
        r.raise_for_status()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(post, texts))
    return time.perf_counter() - start


#: English text other than the corpus, to warm a fresh server's JVM before a timed run (its just-in-time compiler
#: makes the first minute of a server about twice as slow as the rest, which would swamp what is measured).
WARM_UP = HERE.parent.parent / "shared" / "realdocs" / "rust-book-en"
WARM_UP_WORDS = 30_000


def warm_up_files() -> list[str]:
    """Pages of other English (../shared/realdocs/rust-book-en), up to WARM_UP_WORDS words."""
    out: list[str] = []
    words = 0
    for f in sorted(WARM_UP.rglob("*.md")):
        out.append(str(f))
        words += len(f.read_text(encoding="utf-8").split())
        if words >= WARM_UP_WORDS:
            break
    return out


def fresh_server(manager: ServerManager, warm: list[str] | None = None) -> str:
    """A freshly started server (LanguageTool's sentence cache empty), warmed when ``warm`` by mtcheck's own
    LanguageTool pass over those pages: the JVM's just-in-time compiler and every pipeline the pass uses (the
    en-US checker, and the spellers of the other English variants that it asks about rejected words) are ready,
    as on a server that has been running for a while. The raw runs get the same warm-up."""
    manager.stop()
    state = manager.ensure_running()
    requests.post(f"{state.url}/v2/check", data={"language": "en-US", "text": "Warm up the English pipeline."})
    if warm:
        proc = subprocess.run(["mtcheck", *warm, "--lang", "en", "--select", "LT", "--lt-server", state.url,
                               "--no-cache", "--no-report", "-q", "--fail-on", "never"], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"warm-up failed: {proc.stderr[-2000:]}")
    return state.url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--per-paragraph", action="store_true", help="also time one request per paragraph (slow)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the interleaved runs (default 3)")
    args = ap.parse_args()
    inst = find_installation()
    if inst is None:
        sys.exit("LanguageTool is not installed: run 'mtcheck lt install'")
    home = HERE / "data" / "lt-home"
    shutil.rmtree(home, ignore_errors=True)
    os.environ["MTCHECK_LT_HOME"] = str(home)
    os.environ["MTCHECK_CACHE_DIR"] = str(home / "rules-cache")  # the rule engine's cache: empty when cold
    os.environ["LTP_JAR_DIR_PATH"] = str(inst.root)
    corpus = HERE / "data" / "lt-corpus"
    words = build_corpus(corpus, args.words, unique=True)
    texts = paragraphs(corpus)
    threads = max(2, os.cpu_count() or 2)
    print(f"corpus: {words:,} words, {len(texts):,} paragraphs, {threads} request threads, LanguageTool {inst.version}")
    manager = ServerManager()
    manager.stop()

    def show(label: str, seconds: float) -> None:
        print(f"{label:8} {seconds:8.2f} s  {words / seconds:9,.0f} words/s")

    t_cold = run_mtcheck(corpus)
    show("cold", t_cold)
    batches = [PARAGRAPH_BREAK.join(t for _, t in b) for b in _batches([(str(i), t) for i, t in enumerate(texts)])]
    runs = {"raw": lambda url: raw(url, batches, threads),
            "pass": lambda url: run_mtcheck(corpus, "--select", "LT"),
            "pass/1": lambda url: run_mtcheck(corpus, "--select", "LT", "--jobs", "1"),
            "warm": lambda url: run_mtcheck(corpus)}
    times: dict[str, list[float]] = {label: [] for label in runs}
    warm = warm_up_files() if WARM_UP.is_dir() else None
    if warm is None:
        print(f"no warm-up text at {WARM_UP}: servers are timed cold, which adds noise")
    order = list(runs)
    for round_ in range(args.repeat):
        # each round in another order (raw first, then last, ...): a drift of the machine's speed within a
        # round favours no one
        for label in order[round_ % len(order):] + order[: round_ % len(order)]:
            url = fresh_server(manager, warm)
            shutil.rmtree(home / "cache", ignore_errors=True)
            shutil.rmtree(home / "rules-cache", ignore_errors=True)
            times[label].append(runs[label](url))
    best = {label: min(ts) for label, ts in times.items()}
    median = {label: statistics.median(ts) for label, ts in times.items()}
    for label, ts in times.items():
        print(f"{label:8} best {best[label]:7.2f} s  median {median[label]:7.2f} s  {words / median[label]:9,.0f} "
              f"words/s  (all: {' '.join(f'{t:.2f}' for t in ts)})")
    if args.per_paragraph:
        url = fresh_server(manager)
        show("raw/p", raw(url, texts, threads))
    t_cached = run_mtcheck(corpus)
    show("cached", t_cached)
    for label, what in (("pass", "LanguageTool pass"), ("pass/1", "LanguageTool pass, --jobs 1"),
                        ("warm", "whole run (rules + LanguageTool)")):
        paired = statistics.median(t / r for t, r in zip(times[label], times["raw"]))
        print(f"{what} over the raw server: {100 * (paired - 1):+.1f}% by the median of the rounds' ratios, "
              f"{100 * (median[label] / median['raw'] - 1):+.1f}% by median, "
              f"{100 * (best[label] / best['raw'] - 1):+.1f}% by best")
    print(f"cached re-run: {100 * t_cached / t_cold:.1f}% of the cold run")
    print(f"quiet rules disabled by default: {len(QUIET_RULES)}")
    manager.stop()



if __name__ == "__main__":
    main()
