"""``mtcheck check PATH...`` (the default command), and the option handling ``mtcheck config`` and
``mtcheck baseline create`` share with it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from mtcheck.cli import cli
from mtcheck.config.defaults import BY_NAME
from mtcheck.errors import UsageError
from mtcheck.ownership import check_output_file, check_report_folder
from mtcheck.pipeline import run
from mtcheck.reporters import REPORTERS, render_summary
from mtcheck.scoring import evaluate_gate
from mtcheck.settings import Settings, resolve

FAIL_ON = ("minor", "major", "critical", "never")
#: Below this many files a progress bar is more noise than help.
PROGRESS_MIN_FILES = 10


def _split(values) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def check_options(f):
    """The options shared by check, config and baseline create; each maps onto a configuration key."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file (default: the nearest mtcheck.toml, pyproject.toml or setup.cfg)."),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option("--lang", "lang", metavar="CODE", help="Target language (default: detected per document)."),
        click.option("--source-lang", "source_lang", metavar="CODE",
                     help="Source language; turns on language-pair packs such as es-en."),
        click.option("--source-dir", "source_dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="Source files at the same relative paths: text pairs are checked line by line, "
                          "Markdown pages block by block, with their source."),
        click.option("--rules", "rules", multiple=True, type=click.Path(), metavar="PATH",
                     help="Extra rule packs (a YAML file, a pack folder or a folder of packs). Repeatable."),
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                     help="A glossary or termbase (CSV or TBX): required and forbidden target terms. Repeatable."),
        click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated)."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Not these rule ids or prefixes (comma-separated)."),
        click.option("--exclude", multiple=True, metavar="GLOBS", help="Files or folders not to check (comma-separated globs)."),
        click.option("--fail-on", "fail_on", type=click.Choice(FAIL_ON), help="Exit 1 at or above this severity [default: major]."),
        click.option("--max-penalty", "max_penalty", type=float, metavar="N",
                     help="Exit 1 when the MQM penalty per 1,000 words exceeds N."),
        click.option("--penalty-scope", "penalty_scope", type=click.Choice(["overall", "document"]),
                     help="--max-penalty over the whole run or per document [default: overall]."),
        click.option("--mqm-weights", "mqm_weights", metavar="SPEC",
                     help="MQM weights, e.g. 'minor=1,major=5,critical=25,minor_punctuation=0.1,non_translation=25'."),
        click.option("--lt/--no-lt", "lt", default=None, help="Run the LanguageTool pass [default: on]."),
        click.option("--lt-optional", "lt_optional", is_flag=True, default=None,
                     help="Go on when LanguageTool cannot check everything; outputs record the gap (exit 2 otherwise)."),
        click.option("--lt-server", "lt_server", metavar="URL[,URL...]",
                     help="Use this LanguageTool server (or these, comma-separated: a pool) instead of the local one."),
        click.option("--lt-servers", "lt_servers", type=click.IntRange(min=1), metavar="N",
                     help="Start N local LanguageTool servers and balance requests over them [default: 1]."),
        click.option("--lt-level", "lt_level", type=click.Choice(["default", "picky"]),
                     help="picky turns on LanguageTool's style hints."),
        click.option("--scheduler", "scheduler", metavar="ADDRESS",
                     help="Spread documents over a Dask cluster: tcp://host:8786, or local[:N] for a LocalCluster."),
        click.option("-j", "--jobs", "jobs", type=click.IntRange(min=0), metavar="N",
                     help="Processes checking documents at once [default: one per core; 0: the same]."),
        click.option("--baseline", "baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Report only findings not recorded in this baseline."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def resolve_settings(ctx: click.Context, paths, params: dict, **invocation) -> Settings:
    """The run's settings, resolved once: defaults < configuration file < environment < command line. Only
    options given on the command line override, each recorded with its source."""
    overrides: dict[str, tuple] = {}
    for name, value in params.items():
        if name not in BY_NAME:
            continue
        if ctx.get_parameter_source(name) not in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            continue
        if BY_NAME[name].kind == "list":
            value = _split(value)
        overrides[name] = (value, f"command line (--{name.replace('_', '-')})")
    if params.get("lt_optional"):
        overrides["lt_required"] = (False, "command line (--lt-optional)")
    return resolve(paths, config_file=params.get("config_file"), isolated=bool(params.get("isolated")),
                   overrides=overrides, **invocation)


def execute(settings: Settings, *, quiet: bool):
    err = click.get_text_stream("stderr")
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

    say = (lambda message: None) if quiet else (lambda message: click.echo(f"mtcheck: {message}", err=True))
    return run(settings, say=say, progress=progress if err.isatty() and not quiet else None)


def incomplete_message(result, *, lt_required: bool) -> str:
    """Why the run must count as failed to complete (exit 2), or "" when it may stand: gaps of the LanguageTool
    pass unless it is optional, and any other engine's gaps (a rule that timed out)."""
    gaps = [g for g in result.gaps if lt_required or g.engine != "languagetool"]
    if not gaps:
        return ""
    by_file: dict[str, int] = {}
    for g in gaps:
        by_file[g.path] = by_file.get(g.path, 0) + g.paragraphs
    files = ", ".join(f"{p} ({n} paragraph{'s' if n != 1 else ''})" if n else p
                      for p, n in list(by_file.items())[:10])
    more = f" and {len(by_file) - 10} more" if len(by_file) > 10 else ""
    hint = " (--lt-optional accepts an incomplete LanguageTool pass)" if any(
        g.engine == "languagetool" for g in gaps) else ""
    return f"the run is incomplete: {gaps[0].message}; not fully checked: {files}{more}{hint}"


def _explicit_files(paths) -> list[str]:
    return [p for p in paths if os.path.isfile(p)]


def nothing_checked(result, *, verbose: bool) -> str:
    """Why a run checked no file: the skipped extensions and reasons (and, with -v, the files)."""
    from collections import Counter

    from mtcheck.readers import READERS

    if not result.skipped:
        return "no file to check in the given paths"
    reasons = Counter(reason for _, reason in result.skipped)
    unsupported = Counter(os.path.splitext(path)[1].lower() or "(no extension)"
                          for path, reason in result.skipped if reason == "unsupported type")
    parts = []
    for reason, n in sorted(reasons.items()):
        if reason == "unsupported type":
            exts = ", ".join(f"{ext} ({k})" for ext, k in unsupported.most_common())
            parts.append(f"{n} of an unsupported type: {exts}")
        else:
            parts.append(f"{n} {reason}")
    message = (f"no file checked: {len(result.skipped)} skipped ({'; '.join(parts)}). "
               f"Supported extensions: {' '.join(sorted(READERS))}; a file named explicitly is read as text")
    if verbose:
        message += "".join(f"\n  skipped: {path} ({reason})" for path, reason in result.skipped)
    else:
        message += " (-v lists the files)"
    return message


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@check_options
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("--output", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the chosen format to FILE; the terminal still gets the text summary.")
@click.option("--report", "report", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the HTML report [default: reports].")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
@click.option("--diff", "diff", metavar="REV", help="Only files changed since this git revision, only changed lines.")
@click.option("--diff-scope", type=click.Choice(["lines", "files"]), default="lines", show_default=True,
              help="With --diff: report findings on changed lines only, or anywhere in changed files.")
@click.option("--warn-unused-suppressions", is_flag=True, help="Report suppression comments that suppress nothing.")
@click.option("--no-cache", is_flag=True, help="Do not read or write any result cache (rule engine, LanguageTool).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Also list skipped files and detected languages.")
@click.pass_context
def check_command(ctx, paths, fmt, output, report, no_report, diff, diff_scope, warn_unused_suppressions, no_cache,
                  quiet, verbose, **params):
    """Check PATHS (files or folders) and print the findings."""
    params["report"] = "" if no_report else report
    if no_report:
        ctx.set_parameter_source("report", ParameterSource.COMMANDLINE)
    settings = resolve_settings(ctx, paths, params, diff=diff, diff_scope=diff_scope,
                                warn_unused_suppressions=warn_unused_suppressions, cache=not no_cache)
    report_dir = settings.report
    if report_dir:
        check_report_folder(report_dir, paths)
    if output:
        check_output_file(output, _explicit_files(paths), "--output")
    result = execute(settings, quiet=quiet)
    if output:
        check_output_file(output, [d.path for d in result.documents], "--output")
    if not result.documents and not (settings.diff and result.unchanged):
        if not quiet:  # why each file was skipped ("x.csv: record 1 has 3 fields ...")
            for warning in result.warnings:
                click.echo(f"warning: {warning}", err=True)
        raise UsageError(nothing_checked(result, verbose=verbose))
    report_path = None
    if report_dir:
        from mtcheck.reporters.html import write_html_report  # jinja2: only when a report is written

        report_path = write_html_report(result, report_dir, weights=settings.weights,
                                        source_language=settings.source_lang)
    rendered = REPORTERS[fmt](result, color=sys.stdout.isatty() and fmt == "text" and not output,
                              fail_on=settings.fail_on)
    if output:
        try:
            Path(output).write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write: {exc.strerror}", path=output) from None
    else:
        click.echo(rendered, nl=False)
    failed, why = evaluate_gate(result, fail_on=settings.fail_on, max_penalty=settings.max_penalty,
                                scope=settings.penalty_scope, weights=settings.weights)
    incomplete = incomplete_message(result, lt_required=settings.lt_required)
    err = click.get_text_stream("stderr")
    if output and fmt != "text" and not quiet:
        click.echo(REPORTERS["text"](result, color=err.isatty()), nl=False, err=True)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if verbose:
            if settings.config_file:
                click.echo(f"config: {settings.config_file}", err=True)
            for path, reason in result.skipped:
                click.echo(f"skipped: {path} ({reason})", err=True)
            for d in result.documents:
                click.echo(f"checked: {d.path} [{d.format}, {d.language or 'language unknown'}, {d.words} words]",
                           err=True)
            for name, stats in result.stats.items():
                if stats:
                    click.echo(f"{name}: " + ", ".join(f"{v} {k}" for k, v in stats.items()), err=True)
        click.echo(render_summary(result, verdict=why, failed=failed, color=err.isatty()), err=True)
        if output:
            click.echo(f"{fmt}: {output}", err=True)
        if report_path is not None:
            click.echo(f"report: {report_path}", err=True)
    if incomplete:
        click.echo(f"mtcheck: error: {incomplete}", err=True)
        sys.exit(2)
    sys.exit(1 if failed else 0)


@cli.command("config")
@click.argument("paths", nargs=-1, type=click.Path())
@check_options
@click.pass_context
def config_command(ctx, paths, **params):
    """Print the effective configuration and where each value comes from."""
    settings = resolve_settings(ctx, paths or (".",), params)
    click.echo(f"# configuration file: {settings.config_file or 'none found'}")
    for key in BY_NAME:
        value = settings.shown(key)
        if value is None:
            shown = "(unset)"
        elif isinstance(value, list):
            shown = ", ".join(value) or "(none)"
        elif isinstance(value, bool):
            shown = str(value).lower()
        else:
            shown = str(value) or '""'
        click.echo(f"{key:<14} = {shown:<32} # {settings.source(key)}")


@cli.group("baseline")
def baseline_group() -> None:
    """Record current findings so that later runs report only new ones."""


@baseline_group.command("create")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@check_options
@click.option("--output", "-o", "output", default="mtcheck-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="Baseline file to write.")
@click.option("-q", "--quiet", is_flag=True)
@click.pass_context
def baseline_create(ctx, paths, output, quiet, **params):
    """Check PATHS and record every finding in a baseline file."""
    from mtcheck.filters.baseline import write_baseline

    params["baseline"], params["report"] = None, ""
    for key in ("baseline", "report"):  # a baseline is made of every finding, and writes no report
        ctx.set_parameter_source(key, ParameterSource.COMMANDLINE)
    settings = resolve_settings(ctx, paths, params)
    check_output_file(output, _explicit_files(paths), "--output")
    result = execute(settings, quiet=quiet)
    check_output_file(output, [d.path for d in result.documents], "--output")
    incomplete = incomplete_message(result, lt_required=settings.lt_required)
    if incomplete:
        raise UsageError(f"no baseline written: {incomplete}")
    n = write_baseline(result.findings, output)
    click.echo(f"baseline: {n} finding{'s' if n != 1 else ''} from {len(result.documents)} files recorded in {output}",
               err=True)
