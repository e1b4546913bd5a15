"""``mtcheck check PATH...`` (the default command), and the option handling ``mtcheck config`` and
``mtcheck baseline create`` share with it."""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from mtcheck.cli import cli
from mtcheck.cli.lt import build_languagetool
from mtcheck.config import Config, load_config
from mtcheck.config.defaults import BY_NAME
from mtcheck.errors import UsageError
from mtcheck.findings import Severity
from mtcheck.ownership import check_output_file, check_report_folder
from mtcheck.pipeline import RunOptions, run
from mtcheck.readers.syntax import ReaderOptions
from mtcheck.reporters import REPORTERS, render_summary
from mtcheck.reporters.html import write_html_report
from mtcheck.scoring import Weights, evaluate_gate

FAIL_ON = ("minor", "major", "critical", "never")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
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
        click.option("--rules", "rules", multiple=True, type=click.Path(), metavar="PATH",
                     help="Extra rule packs (a YAML file, a pack folder or a folder of packs). Repeatable."),
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
        click.option("--lt-server", "lt_server", metavar="URL", help="Use this LanguageTool server instead of the local one."),
        click.option("--lt-level", "lt_level", type=click.Choice(["default", "picky"]),
                     help="picky turns on LanguageTool's style hints."),
        click.option("--baseline", "baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Report only findings not recorded in this baseline."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def effective_config(ctx: click.Context, paths, params: dict) -> Config:
    """Defaults < configuration file < command line, with the source of every value."""
    config = load_config(paths, params.get("config_file"), isolated=bool(params.get("isolated")))
    for name, value in params.items():
        if name not in BY_NAME:
            continue
        if ctx.get_parameter_source(name) not in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            continue
        if BY_NAME[name].kind == "float" and value is not None and (not math.isfinite(value) or value < 0):
            raise UsageError(f"--{name.replace('_', '-')} must be a finite number of 0 or more, not {value!r}")
        if BY_NAME[name].kind == "list":
            value = _split(value)
            if name == "rules":
                value = [os.path.abspath(v) for v in value]
        config.set(name, value, "command line")
    if params.get("lt_optional"):
        config.set("lt_required", False, "command line (--lt-optional)")
    for key in ("lang", "source_lang"):
        value = config[key]
        if value and not LANGUAGE_CODE.match(value):
            raise UsageError(f"{key} {value!r} is not a language code such as 'en', 'es' or 'pt-BR' "
                             f"(set by {config.sources[key]})")
    return config


def run_options(config: Config, paths, *, keep_text: bool, report_dir: str | None, quiet: bool,
                diff: str | None = None, diff_scope: str = "lines", warn_unused: bool = False,
                cache: bool = True) -> RunOptions:
    engines = []
    if config["lt"]:
        say = (lambda message: None) if quiet else (lambda message: click.echo(f"mtcheck: {message}", err=True))
        engines.append(build_languagetool(paths, server=config["lt_server"], level=config["lt_level"], say=say,
                                          enable=config["lt_enable"], disable=config["lt_disable"],
                                          word_files=config["words"], lt_path=config["lt_path"], cache=cache))
    fail_on = config["fail_on"]
    return RunOptions(
        paths=list(paths),
        language=config["lang"],
        source_language=config["source_lang"].lower() if config["source_lang"] else None,
        rule_paths=list(config["rules"]),
        select=list(config["select"]),
        ignore=list(config["ignore"]),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        engines=engines,
        keep_text=keep_text,
        exclude_dirs=[report_dir] if report_dir else [],
        exclude=list(config["exclude"]),
        root=str(config.root),
        per_path=config["per_path"],
        baseline=config["baseline"],
        diff=diff,
        diff_scope=diff_scope,
        warn_unused_suppressions=warn_unused,
        reader_options=ReaderOptions(token_ignores=tuple(config["token_ignores"]),
                                     block_ignores=tuple(config["block_ignores"]),
                                     templates=bool(config["templates"])),
    )


def execute(options: RunOptions, *, quiet: bool):
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

    try:
        return run(options, progress=progress if err.isatty() and not quiet else None)
    finally:
        for engine in options.engines or ():
            engine.close()


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
    config = effective_config(ctx, paths, params)
    if report is not None:
        config.set("report", report, "command line")
    report_dir = None if no_report or not config["report"] else config["report"]
    options = run_options(config, paths, keep_text=report_dir is not None, report_dir=report_dir, quiet=quiet,
                          diff=diff, diff_scope=diff_scope, warn_unused=warn_unused_suppressions, cache=not no_cache)
    options.cache = not no_cache
    weights = Weights.parse(config["mqm_weights"])
    if report_dir:
        check_report_folder(report_dir, paths)
    if output:
        check_output_file(output, _explicit_files(paths), "--output")
    result = execute(options, quiet=quiet)
    if output:
        check_output_file(output, [d.path for d in result.documents], "--output")
    if not result.documents and not (options.diff and result.unchanged):
        raise UsageError(nothing_checked(result, verbose=verbose))
    report_path = write_html_report(result, report_dir, weights=weights, source_language=options.source_language) \
        if report_dir else None
    rendered = REPORTERS[fmt](result, color=sys.stdout.isatty() and fmt == "text" and not output,
                              fail_on=options.fail_on, rules_info=result.rules)
    if output:
        try:
            Path(output).write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write: {exc.strerror}", path=output) from None
    else:
        click.echo(rendered, nl=False)
    failed, why = evaluate_gate(result, fail_on=options.fail_on, max_penalty=config["max_penalty"],
                                scope=config["penalty_scope"], weights=weights)
    incomplete = incomplete_message(result, lt_required=config["lt_required"])
    err = click.get_text_stream("stderr")
    if output and fmt != "text" and not quiet:
        click.echo(REPORTERS["text"](result, color=err.isatty()), nl=False, err=True)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if verbose:
            if config.file:
                click.echo(f"config: {config.file}", err=True)
            for path, reason in result.skipped:
                click.echo(f"skipped: {path} ({reason})", err=True)
            for d in result.documents:
                click.echo(f"checked: {d.path} [{d.format}, {d.language or 'language unknown'}, {d.words} words]",
                           err=True)
            for engine in options.engines or ():
                stats = getattr(engine, "stats", None)
                if stats:
                    click.echo(f"languagetool: {stats['paragraphs']} paragraphs, {stats['sent']} sent, "
                               f"{stats['cached']} from cache", err=True)
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
    config = effective_config(ctx, paths or (".",), params)
    click.echo(f"# configuration file: {config.file or 'none found'}")
    for key, spec in BY_NAME.items():
        value = config[key]
        if value is None:
            shown = "(unset)"
        elif isinstance(value, list):
            shown = ", ".join(value) or "(none)"
        elif isinstance(value, bool):
            shown = str(value).lower()
        else:
            shown = str(value) or '""'
        click.echo(f"{key:<14} = {shown:<32} # {config.sources[key]}")


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

    params["baseline"] = None
    config = effective_config(ctx, paths, params)
    config.set("baseline", None, "baseline create")
    options = run_options(config, paths, keep_text=False, report_dir=None, quiet=quiet)
    check_output_file(output, _explicit_files(paths), "--output")
    result = execute(options, quiet=quiet)
    check_output_file(output, [d.path for d in result.documents], "--output")
    incomplete = incomplete_message(result, lt_required=config["lt_required"])
    if incomplete:
        raise UsageError(f"no baseline written: {incomplete}")
    n = write_baseline(result.findings, output)
    click.echo(f"baseline: {n} finding{'s' if n != 1 else ''} from {len(result.documents)} files recorded in {output}",
               err=True)
