"""``mtcheck fix PATH...``: apply suggested fixes, like ``ruff check --fix``.

Safe fixes by default, ``--unsafe-fixes`` adds unsafe ones, display-only fixes never apply. Checking and fixing
repeat in memory to a fixed point (at most ``--max-passes``); then each changed file is written once, atomically,
and only if it still holds what was checked. ``--diff`` prints the changes and writes nothing.

Exit codes: 0 nothing at or above ``--fail-on`` remains (with ``--diff``: nothing to change); 1 findings at or
above ``--fail-on`` remain (with ``--diff``: there are changes); 2 an error, an incomplete check, or a file that
could not be written (it changed after it was read, or cannot be written)."""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from mtcheck.cli import cli
from mtcheck.cli.check import check_options, incomplete_message, nothing_checked, resolve_settings
from mtcheck.errors import UsageError
from mtcheck.fixes import MAX_PASSES, SAFE, SAFE_AND_UNSAFE, StaleFileError, fix_in_memory, write_fixed
from mtcheck.findings import FixSafety
from mtcheck.reporters import render_summary
from mtcheck.reporters.text import render_finding


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}{'es' if word.endswith(('x', 's')) else 's'}"


@cli.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@check_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (they may change meaning).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--max-passes", type=click.IntRange(1, 100), default=MAX_PASSES, show_default=True,
              help="Check-and-fix passes at most (a fix can reveal or make another finding).")
@click.option("--no-cache", is_flag=True, help="Do not read or write any result cache.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (and the diff with --diff).")
@click.pass_context
def fix_command(ctx, paths, unsafe_fixes, show_diff, max_passes, no_cache, quiet, **params):
    """Apply the suggested fixes of the findings in PATHS, then report what remains."""
    params["report"] = ""  # fix writes no report
    ctx.set_parameter_source("report", ParameterSource.COMMANDLINE)
    settings = resolve_settings(ctx, paths, params, cache=not no_cache, keep_texts=True)
    say = (lambda m: None) if quiet else (lambda m: click.echo(f"mtcheck: {m}", err=True))
    allowed = SAFE_AND_UNSAFE if unsafe_fixes else SAFE
    outcome = fix_in_memory(settings, allowed, max_passes, say)
    result = outcome.result
    if not result.documents:
        raise UsageError(nothing_checked(result, verbose=False))
    incomplete = incomplete_message(result, lt_required=settings.lt_required)
    if incomplete:
        # findings of an incomplete check may be wrong where the check stopped: write nothing
        raise UsageError(f"nothing fixed: {incomplete}")
    err = click.get_text_stream("stderr")
    changed = [f for f in outcome.files.values() if f.text != f.original]
    if show_diff:
        for entry in changed:
            click.echo(entry.diff(), nl=False)
        if not quiet:
            n = sum(f.count for f in changed)
            click.echo(f"would apply {_plural(n, 'fix')} in {_plural(len(changed), 'file')} (nothing written)",
                       err=True)
        sys.exit(1 if changed else 0)
    refused, written = [], []
    for entry in changed:
        try:
            write_fixed(entry)
        except StaleFileError as exc:
            refused.append(f"{entry.path}: not written: {exc}")
        except OSError as exc:
            refused.append(f"{entry.path}: not written: {exc.strerror or exc}")
        else:
            written.append(entry)
            if not quiet:
                rules = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in entry.rules.most_common())
                click.echo(f"fixed: {entry.path} ({_plural(entry.count, 'fix')}: {rules})", err=True)
    remaining = result.findings
    fail_on = settings.fail_on
    failing = [f for f in remaining if fail_on is not None and f.severity >= fail_on]
    if not quiet:
        for f in remaining:
            click.echo(render_finding(f, color=sys.stdout.isatty()))
        fixable = sum(1 for f in remaining if f.fix_safety is FixSafety.UNSAFE and f.suggestions)
        n = sum(f.count for f in written)
        line = f"{_plural(n, 'fix')} applied in {_plural(len(written), 'file')}" if n else "nothing to fix"
        if outcome.passes > 1:
            line += f" ({outcome.passes} passes)"
        line += f"; {render_summary(result, color=err.isatty())}"
        if fixable and not unsafe_fixes:
            line += f" {_plural(fixable, 'more finding')} can be fixed with --unsafe-fixes."
        click.echo(line, err=True)
        if not outcome.converged:
            click.echo(f"warning: fixes still applied after {outcome.passes} passes; stopped there "
                       f"(--max-passes). A rule's fix may be making the finding of another.", err=True)
    for message in refused:
        click.echo(f"mtcheck: error: {message}", err=True)
    if refused:
        sys.exit(2)
    sys.exit(1 if failing else 0)
