"""``mtcheck apply DECISIONS.json...``: apply the fixes an editor accepted in the HTML report, with the safety of
``mtcheck fix``, and record the findings they rejected as false alarms (see mtcheck/decisions.py).

Exit codes: 0 everything applied; 1 some accepted fixes could not be applied (the notes say why); 2 a file that
changed since it was reviewed, or could not be written, or a bad decisions file."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import click
from click.core import ParameterSource

from mtcheck.cli import cli
from mtcheck.cli.check import check_options, resolve_settings
from mtcheck.decisions import applicable_edits, load_decisions, record_false_alarms
from mtcheck.errors import UsageError
from mtcheck.fixes import FileFixes, StaleFileError, apply_edits, text_sha256, write_fixed
from mtcheck.pipeline import run
from mtcheck.readers.decode import BinaryFileError, decode


@cli.command("apply")
@click.argument("decision_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@check_options
@click.option("--false-alarms", "false_alarms_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Where rejected findings are recorded [default: the false_alarms setting, "
                   "mtcheck-false-alarms.json].")
@click.option("--dry-run", is_flag=True, help="Say what would be applied and recorded; write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.pass_context
def apply_command(ctx, decision_files, false_alarms_file, dry_run, quiet, **params):
    """Apply the fixes accepted in the report and record the rejected findings as false alarms."""
    reviewed = [doc for source in decision_files for doc in load_decisions(source)]
    if not reviewed:
        raise UsageError("the decisions files hold no document")
    say = (lambda m: None) if quiet else (lambda m: click.echo(m, err=True))
    errors: list[str] = []
    current: dict[str, str] = {}
    for doc in reviewed:
        try:
            with open(doc.path, "rb") as fh:
                text = decode(fh.read()).text
        except (OSError, BinaryFileError) as exc:
            errors.append(f"{doc.path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        if text_sha256(text) != doc.sha256:
            errors.append(f"{doc.path}: changed since it was reviewed; its decisions were not applied "
                          f"(check it again and review the new report)")
            continue
        current[doc.path] = text
    params["report"], params["lt"] = "", False  # LanguageTool's suggestions are display-only
    for key in ("report", "lt"):
        ctx.set_parameter_source(key, ParameterSource.COMMANDLINE)
    settings = resolve_settings(ctx, [d.path for d in reviewed], params, keep_texts=True)
    todo = [d for d in reviewed if d.path in current and any(x.decision == "accepted" for x in d.decisions)]
    results: dict[str, list] = {}
    files: dict[str, str] = {}
    if todo:
        # the same findings the report showed, to confirm each accepted fix is one mtcheck fix would apply
        result = run(replace(settings, paths=tuple(d.path for d in todo)))
        for f in result.findings:
            results.setdefault(os.path.normpath(f.path), []).append(f)
        files = {os.path.normpath(d.path): d.file for d in result.documents}
    skipped = 0
    applied = 0
    fixed_texts: dict[str, tuple[str, list]] = {}  # display path -> (text after the accepted fixes, edits)
    for doc in todo:
        key = os.path.normpath(doc.path)
        edits, notes = applicable_edits(doc, results.get(key, []))
        skipped += len(notes)
        for note in notes:
            say(f"{doc.path}: {note}")
        if not edits:
            continue
        entry = FileFixes(doc.path, files.get(key, doc.path), current[doc.path],
                          apply_edits(current[doc.path], edits))
        fixed_texts[doc.path] = (entry.text, edits)
        if dry_run:
            say(f"would fix: {doc.path} ({len(edits)} accepted fix{'es' if len(edits) != 1 else ''})")
            applied += len(edits)
            continue
        try:
            write_fixed(entry)
        except (StaleFileError, OSError) as exc:
            errors.append(f"{doc.path}: not written: {getattr(exc, 'strerror', None) or exc}")
            continue
        applied += len(edits)
        say(f"fixed: {doc.path} ({len(edits)} accepted fix{'es' if len(edits) != 1 else ''})")
    rejected = [(d.path, x.rule, x.fingerprint, x.line) for d in reviewed if d.path in current
                and d.path not in fixed_texts for x in d.decisions if x.decision == "rejected"]
    shifted = [d for d in reviewed if d.path in fixed_texts and any(x.decision == "rejected" for x in d.decisions)]
    if shifted:
        # a fix nearby changes a finding's fingerprint (its context): record the false alarm as the fixed text
        # shows it, found again at its shifted position
        again = run(replace(settings, paths=tuple(d.path for d in shifted)),
                    texts={d.path: fixed_texts[d.path][0] for d in shifted})
        now = {(os.path.normpath(f.path), f.rule, f.start, f.end): f for f in again.findings}
        for d in shifted:
            edits = fixed_texts[d.path][1]
            for x in d.decisions:
                if x.decision != "rejected":
                    continue
                delta = sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= x.start)
                f = now.get((os.path.normpath(d.path), x.rule, x.start + delta, x.end + delta))
                if f is not None:
                    rejected.append((d.path, f.rule, f.fingerprint, f.line))
    recorded = 0
    if rejected:
        target = false_alarms_file or settings.false_alarms or "mtcheck-false-alarms.json"
        if dry_run:
            say(f"would record {len(rejected)} false alarm{'s' if len(rejected) != 1 else ''} in {target}")
        else:
            recorded = record_false_alarms(target, rejected)
            say(f"false alarms: {recorded} new in {target} (later runs do not report them)")
    say(f"{applied} accepted fix{'es' if applied != 1 else ''} applied"
        + (f", {skipped} not applicable" if skipped else "") + (" (dry run: nothing written)" if dry_run else ""))
    for message in errors:
        click.echo(f"mtcheck: error: {message}", err=True)
    sys.exit(2 if errors else 1 if skipped else 0)
