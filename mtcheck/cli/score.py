"""``mtcheck score HYP --ref REF``: BLEU, chrF and TER against references or post-edits (sacrebleu), per document
and for the corpus; ``--fixes safe|unsafe`` scores the text before and after mtcheck's fixes (applied in memory,
nothing written), which measures whether the fixes move MT output towards what an editor wrote."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from click.core import ParameterSource

from mtcheck.cli import cli
from mtcheck.cli.check import check_options, resolve_settings
from mtcheck.discover import discover
from mtcheck.errors import UsageError
from mtcheck.fixes import SAFE, SAFE_AND_UNSAFE, fix_in_memory


def _pairs(hyp: str, ref: str) -> list[tuple[str, str, str]]:
    """(display name, hypothesis file, reference file): two files, or two folders with the same relative paths."""
    if os.path.isfile(hyp):
        if not os.path.isfile(ref):
            raise UsageError("--ref must be a file when the hypothesis is a file", path=ref)
        return [(hyp, hyp, ref)]
    if not os.path.isdir(hyp):
        raise UsageError("no such file or folder", path=hyp)
    if not os.path.isdir(ref):
        raise UsageError("--ref must be a folder when the hypothesis is a folder", path=ref)
    found = discover([hyp])
    pairs = []
    for path, display, _ in found.files:
        other = Path(ref) / Path(path).resolve().relative_to(Path(hyp).resolve())
        if not other.is_file():
            raise UsageError(f"no reference for {display} (expected {other})", path=str(other))
        pairs.append((display, path, str(other)))
    if not pairs:
        raise UsageError("no file to score", path=hyp)
    return pairs


@cli.command("score")
@click.argument("hypothesis", type=click.Path())
@click.option("--ref", "reference", required=True, type=click.Path(),
              help="Reference or post-edited file (folder, for a folder of hypotheses), line-aligned.")
@click.option("--fixes", type=click.Choice(["none", "safe", "unsafe"]), default="none", show_default=True,
              help="Also score the text after mtcheck's safe (or safe and unsafe) fixes, applied in memory.")
@click.option("--tokenize", metavar="NAME", help="sacrebleu's BLEU tokeniser (default 13a; zh, ja-mecab, ...).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@check_options
@click.pass_context
def score_command(ctx, hypothesis, reference, fixes, tokenize, fmt, **params):
    """Score HYPOTHESIS against --ref with BLEU, chrF and TER (sacrebleu)."""
    from mtcheck.metrics import METRICS, corpus_scores, corpus_scores_signed, read_lines  # sacrebleu, when asked

    pairs = _pairs(hypothesis, reference)
    before: dict[str, list[str]] = {}
    refs: dict[str, list[str]] = {}
    for display, hyp_file, ref_file in pairs:
        before[display] = read_lines(hyp_file)
        refs[display] = read_lines(ref_file)
        if len(before[display]) != len(refs[display]):
            raise UsageError(f"{len(before[display])} lines, but the reference {ref_file} has "
                             f"{len(refs[display])}: the files must be line-aligned", path=display)
    after: dict[str, list[str]] | None = None
    changed_lines = 0
    if fixes != "none":
        params["report"], params["lt"] = "", False  # LanguageTool's suggestions are display-only: no fixes
        for key in ("report", "lt"):
            ctx.set_parameter_source(key, ParameterSource.COMMANDLINE)
        settings = resolve_settings(ctx, [p[1] for p in pairs], params, keep_texts=True)
        outcome = fix_in_memory(settings, SAFE_AND_UNSAFE if fixes == "unsafe" else SAFE)
        by_file = {os.path.realpath(f.file): f for f in outcome.files.values()}
        after = {}
        for display, hyp_file, _ in pairs:
            entry = by_file.get(os.path.realpath(hyp_file))
            after[display] = read_lines(hyp_file, entry.text) if entry else before[display]
            if len(after[display]) != len(before[display]):  # a fix never adds or removes a line; guard anyway
                raise UsageError("a fix changed the number of lines; scores would be misaligned", path=display)
            changed_lines += sum(a != b for a, b in zip(after[display], before[display]))
    rows = []
    for display, _, _ in pairs:
        row = {"document": display, "lines": len(refs[display]),
               "before": corpus_scores(before[display], refs[display], tokenize=tokenize).as_dict()}
        if after is not None:
            row["after"] = corpus_scores(after[display], refs[display], tokenize=tokenize).as_dict()
        rows.append(row)
    all_refs = [line for d, _, _ in pairs for line in refs[d]]
    corpus_before, sigs = corpus_scores_signed([x for d, _, _ in pairs for x in before[d]], all_refs,
                                               tokenize=tokenize)
    corpus = {"document": "corpus", "lines": len(all_refs), "before": corpus_before.as_dict()}
    if after is not None:
        corpus["after"] = corpus_scores([x for d, _, _ in pairs for x in after[d]], all_refs,
                                        tokenize=tokenize).as_dict()
        corpus["changed_lines"] = changed_lines
    if fmt == "json":
        click.echo(json.dumps({"documents": rows, "corpus": corpus, "fixes": fixes, "signatures": sigs},
                              indent=2, ensure_ascii=False))
        return
    width = max(len("document"), *(len(r["document"]) for r in rows))
    head = f"{'document':<{width}}  {'lines':>6}  " + "  ".join(
        f"{m:>6}" if after is None else f"{m + ' before→after':>19}" for m in METRICS)
    click.echo(head)
    for row in rows + [corpus]:
        cells = []
        for m in METRICS:
            if after is None:
                cells.append(f"{row['before'][m]:>6.2f}")
            else:
                cells.append(f"{row['before'][m]:>8.2f} → {row['after'][m]:<8.2f}")
        click.echo(f"{row['document']:<{width}}  {row['lines']:>6}  " + "  ".join(cells))
    if after is not None:
        click.echo(f"{fixes} fixes changed {changed_lines} of {corpus['lines']} lines (nothing written)")
    for m in METRICS:
        click.echo(f"{m} signature: {sigs[m]}")
