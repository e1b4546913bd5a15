"""``mtcheck check PATH...`` (the default command)."""

from __future__ import annotations

import sys

import click

from mtcheck.cli import cli
from mtcheck.cli.lt import build_languagetool
from mtcheck.findings import Severity
from mtcheck.pipeline import RunOptions, run
from mtcheck.reporters import REPORTERS, render_summary
from mtcheck.reporters.html import write_html_report
from mtcheck.scoring import Weights

FAIL_ON = ("minor", "major", "critical", "never")
#: Below this many files a progress bar is more noise than help.
PROGRESS_MIN_FILES = 10


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--lang", "language", metavar="CODE", help="Target language (default: detected per document).")
@click.option("--source-lang", "source_language", metavar="CODE",
              help="Source language of the translation; turns on language-pair packs such as es-en.")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="major", show_default=True,
              help="Exit 1 when a finding at or above this severity exists.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="PATH",
              help="Extra rule packs (a YAML file, a pack folder or a folder of packs). Repeatable.")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Not these rule ids or prefixes (comma-separated).")
@click.option("--no-lt", is_flag=True, help="Skip the LanguageTool pass (rule engine only).")
@click.option("--lt-server", metavar="URL", help="Use this LanguageTool server instead of the local one.")
@click.option("--lt-level", type=click.Choice(["default", "picky"]), default="default", show_default=True,
              help="picky turns on LanguageTool's style hints.")
@click.option("--report", "report_dir", default="reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the annotated HTML report.")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
@click.option("--mqm-weights", metavar="SPEC",
              help="MQM weights, e.g. 'minor=1,major=5,critical=25,minor_punctuation=0.1,non_translation=25'.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Also list skipped files and detected languages.")
def check_command(paths, language, source_language, fmt, fail_on, rule_paths, select, ignore, no_lt, lt_server,
                  lt_level, report_dir, no_report, mqm_weights, quiet, verbose):
    """Check PATHS (files or folders) and print the findings."""
    err = click.get_text_stream("stderr")
    say = (lambda message: None) if quiet else (lambda message: click.echo(f"mtcheck: {message}", err=True))
    engines = [] if no_lt else [build_languagetool(paths, server=lt_server, level=lt_level, say=say)]
    options = RunOptions(
        paths=list(paths),
        language=language,
        source_language=source_language.lower() if source_language else None,
        rule_paths=list(rule_paths),
        select=_split(select),
        ignore=_split(ignore),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        engines=engines,
        keep_text=not no_report,
        exclude_dirs=[] if no_report else [report_dir],
    )
    weights = Weights.parse(mqm_weights)
    show_progress = err.isatty() and not quiet
    bar = None

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar
        if total < PROGRESS_MIN_FILES:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="checking", file=err, show_pos=True)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    try:
        result = run(options, progress=progress if show_progress else None)
    finally:
        for engine in engines:
            engine.close()
    report_path = None
    if not no_report:
        report_path = write_html_report(result, report_dir, weights=weights,
                                        source_language=options.source_language)
    out_color = sys.stdout.isatty() and fmt == "text"
    text = REPORTERS[fmt](result, color=out_color, fail_on=options.fail_on)
    click.echo(text, nl=False)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if verbose:
            for path, reason in result.skipped:
                click.echo(f"skipped: {path} ({reason})", err=True)
            for d in result.documents:
                click.echo(f"checked: {d.path} [{d.format}, {d.language or 'language unknown'}, {d.words} words]",
                           err=True)
        summary = render_summary(result, fail_on=options.fail_on, color=err.isatty())
        click.echo(summary, err=True)
        if report_path is not None:
            click.echo(f"report: {report_path}", err=True)
    failing = options.fail_on is not None and result.count(options.fail_on) > 0
    sys.exit(1 if failing else 0)
