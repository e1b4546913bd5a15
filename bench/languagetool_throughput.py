#!/usr/bin/env python3
"""Throughput of mtcheck with the LanguageTool pass, beside the same server fed directly, in one run.

Corpus: the English MT output of ../shared/devdata copied to at least --words words (bench/data/lt-corpus).
Timed, in this order, each on a freshly started server so LanguageTool's own sentence cache never helps:
  1. cold   : `mtcheck` with no server running and an empty result cache (includes the JVM start)
  2. raw    : the same paragraphs posted straight to /v2/check, in mtcheck's batches, same concurrency
  3. raw/p  : the same paragraphs posted one request per paragraph, same concurrency (for reference)
  4. pass   : `mtcheck --select LT` (the LanguageTool pass alone), server running, empty result cache
  5. warm   : `mtcheck` (rules and LanguageTool), server running, empty result caches
  6. cached : `mtcheck` again, everything in the result caches (LanguageTool's and the rule engine's)
The pass's overhead is pass vs raw (on two cores the rule engine competes with the server for CPU, which
warm vs raw shows); a cached re-run should take a small fraction of the cold one.
Uses a home of its own (MTCHECK_LT_HOME under bench/data) and the installed LanguageTool via LTP_JAR_DIR_PATH.

    python bench/languagetool_throughput.py --words 200000
"""

from __future__ import annotations

import argparse
import os
import shutil
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


def fresh_server(manager: ServerManager) -> str:
    manager.stop()
    state = manager.ensure_running()
    requests.post(f"{state.url}/v2/check", data={"language": "en-US", "text": "Warm up the English pipeline."})
    return state.url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--per-paragraph", action="store_true", help="also time one request per paragraph (slow)")
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

    def show(label: str, seconds: float, base: float | None = None) -> None:
        extra = ""
        print(f"{label:8} {seconds:8.2f} s  {words / seconds:9,.0f} words/s{extra}")

    t_cold = run_mtcheck(corpus)
    show("cold", t_cold)
    url = fresh_server(manager)
    batches = [PARAGRAPH_BREAK.join(t for _, t in b) for b in _batches([(str(i), t) for i, t in enumerate(texts)])]
    t_raw = raw(url, batches, threads)
    show("raw", t_raw)
    if args.per_paragraph:
        url = fresh_server(manager)
        show("raw/p", raw(url, texts, threads))
    fresh_server(manager)
    shutil.rmtree(home / "cache", ignore_errors=True)
    t_pass = run_mtcheck(corpus, "--select", "LT")
    show("pass", t_pass)
    fresh_server(manager)
    shutil.rmtree(home / "cache", ignore_errors=True)
    shutil.rmtree(home / "rules-cache", ignore_errors=True)
    t_warm = run_mtcheck(corpus)
    show("warm", t_warm)
    t_cached = run_mtcheck(corpus)
    show("cached", t_cached)
    print(f"LanguageTool pass over the raw server: {100 * (t_pass / t_raw - 1):+.1f}% (pass vs raw)")
    print(f"whole run (rules + LanguageTool) over the raw server: {100 * (t_warm / t_raw - 1):+.1f}% (warm vs raw)")
    print(f"cached re-run: {100 * t_cached / t_cold:.1f}% of the cold run")
    print(f"quiet rules disabled by default: {len(QUIET_RULES)}")
    manager.stop()



if __name__ == "__main__":
    main()
