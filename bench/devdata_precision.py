#!/usr/bin/env python3
"""Precision and false alarms of mtcheck on ../shared/devdata (real MT output with human MQM annotations).

Runs the installed ``mtcheck`` over each language pair's MT output (target language forced: en for zh→en,
de for en→de), once with the rule engine alone and once with LanguageTool, scores each with the data's own
``score.py``, and prints the overall figures and a per-rule table (findings, hits, false alarms on lines the
raters judged error-free). A development split: use it to tune, never copy its sentences.

    python bench/devdata_precision.py            # both passes
    python bench/devdata_precision.py --no-lt    # rule engine only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

DEVDATA = Path(__file__).resolve().parents[2] / "shared" / "devdata"
PAIRS = {"zhen": "en", "ende": "de"}


def run_mtcheck(pair: str, lang: str, lt: bool, bilingual: bool = False) -> list[dict]:
    """mtcheck on a pair's MT output; ``bilingual``: each system's folder with the line-aligned TED sources
    (``--source-dir``), so the source-aware rules run."""
    targets = sorted(p.relative_to(DEVDATA).as_posix() for p in (DEVDATA / "mqm" / pair / "ted").iterdir()
                     if p.is_dir()) if bilingual else [f"mqm/{pair}/ted"]
    out: list[dict] = []
    for target in targets:
        cmd = ["mtcheck", target, "--lang", lang, "--format", "json", "--fail-on", "never", "-q", "--no-report"]
        if bilingual:
            cmd += ["--source-dir", f"sources/{pair}/ted", "--source-lang", pair[:2]]
        if not lt:
            cmd.append("--no-lt")
        proc = subprocess.run(cmd, cwd=DEVDATA, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"mtcheck failed: {proc.stderr[-2000:]}")
        out += json.loads(proc.stdout)
    return out


def score(findings: list[dict], pair: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(findings, fh)
    out = Path(fh.name).with_suffix(".score.json")
    subprocess.run([sys.executable, str(DEVDATA / "score.py"), fh.name, "--scope", f"mqm/{pair}/ted/",
                    "--all-categories", "--json", str(out)], cwd=DEVDATA, capture_output=True, text=True, check=True)
    data = json.loads(out.read_text())
    total = next((c for c in data["by_category"] if c["category"] == "ALL"), None)
    if total is None:
        total = {"findings": 0, "hits": 0, "false_alarms_clean": 0}
        for c in data["by_category"]:
            for k in total:
                total[k] += c[k]
    total["clean_words"] = data["clean_words"]
    total["recall"] = {r["category"]: r for r in data["recall"]}
    # what #11 measures: the Accuracy/* and Fluency/* gold spans (style and terminology are not errors a
    # surface check can be asked to see)
    af = [r for r in data["recall"] if r["category"].startswith(("Accuracy/", "Fluency/"))]
    total["af_found"] = sum(r["found_any"] for r in af)
    total["af_spans"] = sum(r["gold_spans"] for r in af)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-lt", action="store_true")
    ap.add_argument("--rules-table", action="store_true", help="per-rule figures")
    ap.add_argument("--bilingual", action="store_true", help="also each pass with the sources (--source-dir)")
    args = ap.parse_args()
    passes = [("rules", False, False)] + ([] if args.no_lt else [("rules+LT", True, False)])
    if args.bilingual:
        passes += [(label + "+src", lt, True) for label, lt, _ in passes]
    pooled: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pair, lang in PAIRS.items():
        for label, lt, bilingual in passes:
            findings = run_mtcheck(pair, lang, lt, bilingual)
            s = score(findings, pair)
            for k in ("findings", "hits", "false_alarms_clean", "clean_words", "af_found", "af_spans"):
                pooled[label][k] += s[k]
            prec = s["hits"] / s["findings"] if s["findings"] else float("nan")
            fa = 1000 * s["false_alarms_clean"] / s["clean_words"]
            rec = {k: s["recall"].get(k, {}).get("recall_any", 0.0)
                   for k in ("Fluency/Grammar", "Fluency/Spelling", "ALL")}
            af = s["af_found"] / s["af_spans"] if s["af_spans"] else 0.0
            print(f"{pair} {label:13} findings {s['findings']:5}  precision {prec:6.1%}  FA/1kw {fa:5.2f}  "
                  f"recall(any) grammar {rec['Fluency/Grammar']:.1%} spelling {rec['Fluency/Spelling']:.1%} "
                  f"all {rec['ALL']:.1%}  Accuracy+Fluency {s['af_found']}/{s['af_spans']} {af:.1%}")
            if args.rules_table:
                by_rule = defaultdict(list)
                for f in findings:
                    by_rule[f["rule"]].append(f)
                for rule, items in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
                    r = score(items, pair)
                    print(f"    {rule:45} {r['findings']:4} found {r['hits']:4} hits {r['false_alarms_clean']:4} FA")
    for label, t in pooled.items():  # both pairs together: the dev data as one set
        print(f"both {label:13} findings {t['findings']:5}  precision {t['hits'] / max(1, t['findings']):6.1%}  "
              f"FA/1kw {1000 * t['false_alarms_clean'] / t['clean_words']:5.2f}  "
              f"Accuracy+Fluency {t['af_found']}/{t['af_spans']} {t['af_found'] / t['af_spans']:.1%}")


if __name__ == "__main__":
    main()
