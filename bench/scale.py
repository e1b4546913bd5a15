#!/usr/bin/env python3
"""Scale, measured side by side in one run (the performance issue):

  1. `--jobs 1` against `--jobs 2`, rule engine only, on --words words (default 1M);
  2. a local run (`--jobs 2`) against a 2-worker Dask LocalCluster (`--scheduler local:2`), same corpus;
  3. one LanguageTool server against two (`--lt-servers 2`): the LanguageTool pass alone (`--select LT`), empty
     result cache, on --lt-words words of unique paragraphs, both pools started and warmed first;
  4. peak memory: of the mtcheck process (and, with --jobs, its largest worker) and of a LanguageTool server;
  5. the scaling curve expected on N machines, from the measured costs (see `curve`).

Every run prints the same findings count; runs that must agree (1 vs 2 jobs, local vs cluster, 1 vs 2 servers)
are checked for identical JSON. Uses a LanguageTool home of its own under bench/data (the installation is
shared through LTP_JAR_DIR_PATH). The LanguageTool pass against the raw server is bench/languagetool_throughput.py.

    python bench/scale.py [--words 1000000] [--lt-words 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from rules_throughput import build_corpus  # noqa: E402


def run(args: list[str], env: dict) -> tuple[float, list, float]:
    """Wall time, findings, peak RSS (MiB) of the largest child process so far."""
    start = time.perf_counter()
    proc = subprocess.run(["mtcheck", *args, "--fail-on", "never", "-q", "--format", "json", "--no-report"],
                          capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"mtcheck {' '.join(args)} failed: {proc.stderr[-2000:]}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return took, json.loads(proc.stdout or "[]"), rss


def server_rss(home: Path) -> list[float]:
    out = []
    for state in sorted(home.glob("run/**/server.json")):
        pid = json.loads(state.read_text())["pid"]
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    out.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return out


def curve(per_word_rules: float, per_word_lt_server: float, task_overhead: float, words: int, docs: int,
          cores: int = 2, servers_per_machine: int = 2) -> list[tuple[int, float]]:
    """Expected seconds on N machines of ``cores`` cores, each running ``servers_per_machine`` LanguageTool
    servers. Documents are independent tasks, so the words divide by N. On one machine the rule engine and the
    LanguageTool servers share the cores, so their costs add (a conservative model: measured here, the pass
    and the engine overlap a little); the scheduler hands out tasks one after another, so its per-task cost
    does not divide."""
    out = []
    for n in (1, 2, 4, 8, 16, 32):
        share = words / n
        machine = share * per_word_rules / cores + share * per_word_lt_server / servers_per_machine
        out.append((n, machine + task_overhead * docs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--lt-words", type=int, default=100_000)
    args = ap.parse_args()
    from mtcheck.engines.languagetool.provision import find_installation

    inst = find_installation()
    data = HERE / "data"
    home = data / "scale-lt-home"
    shutil.rmtree(home, ignore_errors=True)
    env = dict(os.environ, MTCHECK_LT_HOME=str(home), MTCHECK_CACHE_DIR=str(data / "scale-cache"))
    if inst is not None:
        env["LTP_JAR_DIR_PATH"] = str(inst.root)

    corpus = data / "scale-corpus"
    words = build_corpus(corpus, args.words)
    docs = len(list(corpus.iterdir()))
    print(f"corpus: {words:,} words in {docs} files; machine: {os.cpu_count()} cores")

    t1, f1, rss1 = run([str(corpus), "--lang", "en", "--no-lt", "--no-cache", "--jobs", "1"], env)
    t2, f2, rss2 = run([str(corpus), "--lang", "en", "--no-lt", "--no-cache", "--jobs", "2"], env)
    tc, fc, rssc = run([str(corpus), "--lang", "en", "--no-lt", "--no-cache", "--scheduler", "local:2"], env)
    print("\n| rule engine, no cache | seconds | words/s | findings | same as --jobs 1 |")
    print("|---|---|---|---|---|")
    print(f"| --jobs 1 | {t1:.2f} | {words / t1:,.0f} | {len(f1)} | - |")
    print(f"| --jobs 2 | {t2:.2f} | {words / t2:,.0f} | {len(f2)} | {f2 == f1} |")
    print(f"| --scheduler local:2 (Dask LocalCluster, 2 workers) | {tc:.2f} | {words / tc:,.0f} | {len(fc)} | {fc == f1} |")
    print(f"peak RSS of a process (largest so far): {rss2:.0f} MiB")

    lt_corpus = data / "scale-lt-corpus"
    lt_words = build_corpus(lt_corpus, args.lt_words, unique=True)
    warm = data / "scale-lt-warm"
    build_corpus(warm, 20_000, unique=True)

    def fresh(n: int) -> None:
        """Servers started anew (LanguageTool's own sentence cache must not answer for a repeated corpus) and
        warmed up on other text, so the JIT is not timed."""
        subprocess.run(["mtcheck", "lt", "stop"], env=env, capture_output=True)
        subprocess.run(["mtcheck", "lt", "start", "-n", str(n)], env=env, capture_output=True)
        run([str(warm), "--lang", "en", "--select", "LT", "--no-cache", "--lt-servers", str(n)], env)

    fresh(1)
    s1, l1, _ = run([str(lt_corpus), "--lang", "en", "--select", "LT", "--no-cache", "--lt-servers", "1"], env)
    fresh(2)
    s2, l2, _ = run([str(lt_corpus), "--lang", "en", "--select", "LT", "--no-cache", "--lt-servers", "2"], env)
    fresh(2)
    sl, ll, _ = run([str(lt_corpus), "--lang", "en", "--no-cache", "--lt-servers", "2", "--jobs", "2"], env)
    fresh(2)
    sc, lc, _ = run([str(lt_corpus), "--lang", "en", "--no-cache", "--lt-servers", "2", "--scheduler", "local:2"],
                    env)
    print(f"\nLanguageTool, {lt_words:,} words of unique paragraphs, empty result cache, servers warm:")
    print("| run | seconds | words/s | findings | same |")
    print("|---|---|---|---|---|")
    print(f"| LanguageTool pass, 1 server | {s1:.2f} | {lt_words / s1:,.0f} | {len(l1)} | - |")
    print(f"| LanguageTool pass, 2 servers | {s2:.2f} | {lt_words / s2:,.0f} | {len(l2)} | {l2 == l1} |")
    print(f"| whole run, 2 servers, --jobs 2 | {sl:.2f} | {lt_words / sl:,.0f} | {len(ll)} | - |")
    print(f"| whole run, 2 servers, Dask LocalCluster of 2 | {sc:.2f} | {lt_words / sc:,.0f} | {len(lc)} | {lc == ll} |")
    print(f"LanguageTool server peak RSS: {', '.join(f'{r:.0f} MiB' for r in server_rss(home))}")
    subprocess.run(["mtcheck", "lt", "stop"], env=env, capture_output=True)

    per_word_rules = t1 / words  # one core
    per_word_lt = s1 / lt_words  # one server (which had this machine's cores to itself)
    overhead = max(0.0, (tc - t2) / docs)
    print(f"\nExpected on N machines of {os.cpu_count()} cores, a LanguageTool server per 2 cores, for {words:,} words "
          f"({docs} documents) with LanguageTool: rule engine {per_word_rules * 1e6:.1f} µs/word/core, "
          f"LanguageTool {per_word_lt * 1e6:.1f} µs/word/server, Dask {overhead * 1000:.1f} ms/task")
    print("| machines | seconds | words/s |")
    print("|---|---|---|")
    # measured here: a second server on two cores is slower than one (the JVMs compete for the cores), so a machine
    # runs one LanguageTool server per two cores
    cores = os.cpu_count() or 2
    for n, secs in curve(per_word_rules, per_word_lt, overhead, words, docs, cores=cores,
                         servers_per_machine=max(1, cores // 2)):
        print(f"| {n} | {secs:,.0f} | {words / secs:,.0f} |")


if __name__ == "__main__":
    main()
