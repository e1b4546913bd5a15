#!/usr/bin/env python3
"""Bilingual checks on MT with human post-edits (../shared/postedit-dev: en-de, et-en, ro-en, 1,000 lines each).

Each pair's MT lines are checked target-only and then with their sources (line-aligned, ``--source-dir``). A
finding is *confirmed* when the post-editor changed something it overlaps (``mt_edits.jsonl``), and a *false
alarm* when it stands on a line the post-editor left exactly as the MT wrote it (MT == PE). Post-edits are not
error annotations (editors also change style, and leave some errors), so both figures are approximate.

    python bench/postedit_bilingual.py [--lt]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

PE = Path(__file__).resolve().parents[2] / "shared" / "postedit-dev"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lt", action="store_true", help="with the LanguageTool pass")
    args = ap.parse_args()
    pairs = (PE / "lang_pair.txt").read_text().split("\n")
    src = (PE / "src.txt").read_text().split("\n")
    mt = (PE / "mt.txt").read_text().split("\n")
    meta = [json.loads(l) for l in (PE / "meta.jsonl").read_text().splitlines()]
    edits = defaultdict(list)  # line (1-based in mt.txt) -> [(start, end)] in the line
    for raw in (PE / "mt_edits.jsonl").read_text().splitlines():
        row = json.loads(raw)
        for e in row.get("edits", []):
            edits[row["line"]].append((e["start"], max(e["end"], e["start"] + 1)))
    unchanged = {m["line"] for m in meta if m.get("mt_equals_pe")}
    for pair in sorted(set(p for p in pairs if p)):
        rows = [i for i, p in enumerate(pairs) if p == pair]
        tmp = Path(tempfile.mkdtemp(prefix="mtcheck-pe-"))
        (tmp / "src").mkdir()
        (tmp / "mt").mkdir()
        (tmp / "src" / "lines.txt").write_text("\n".join(src[i] for i in rows) + "\n", encoding="utf-8")
        (tmp / "mt" / "lines.txt").write_text("\n".join(mt[i] for i in rows) + "\n", encoding="utf-8")
        unchanged_words = sum(len(mt[i].split()) for i in rows if i + 1 in unchanged)
        for label, extra in (("target only", []), ("with sources", ["--source-dir", str(tmp / "src")])):
            cmd = [sys.executable, "-m", "mtcheck", str(tmp / "mt"), "--lang", pair.split("-")[1], "--source-lang",
                   pair.split("-")[0], "--format", "json", "--fail-on", "never", "-q", "--no-report", "--isolated",
                   *extra] + ([] if args.lt else ["--no-lt"])
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode not in (0, 1):
                sys.exit(proc.stderr[-2000:])
            findings = json.loads(proc.stdout or "[]")
            confirmed = fa = 0
            per_rule = Counter()
            per_rule_ok = Counter()
            for f in findings:
                line = rows[f["line"] - 1] + 1
                s, e = f["column"] - 1, (f["end_column"] - 1 if f["end_line"] == f["line"] else 10**9)
                hit = any(a < max(e, s + 1) and s < b for a, b in edits.get(line, []))
                confirmed += hit
                fa += line in unchanged
                per_rule[f["rule"]] += 1
                per_rule_ok[f["rule"]] += hit
            print(f"{pair} {label:13} findings {len(findings):4}  confirmed by an edit {confirmed:4} "
                  f"({confirmed / max(1, len(findings)):.0%})  on unchanged lines {fa:3} "
                  f"({1000 * fa / max(1, unchanged_words):.2f} per 1,000 of their {unchanged_words} words)")
            for rule, n in per_rule.most_common():
                if rule.startswith("common.source") or rule.startswith("common.target") or label == "target only":
                    print(f"      {rule:44} {n:4} found {per_rule_ok[rule]:4} confirmed")


if __name__ == "__main__":
    main()
