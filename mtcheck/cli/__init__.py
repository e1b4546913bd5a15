"""Command line (click only): ``mtcheck PATH...`` is ``mtcheck check PATH...``; other commands are subcommands."""

from __future__ import annotations

import os
import sys
import traceback

import click
from click_default_group import DefaultGroup

from mtcheck import __version__
from mtcheck.errors import MtcheckError


@click.group(cls=DefaultGroup, default="check", default_if_no_args=False,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtcheck")
def cli() -> None:
    """Find what machine translation leaves behind.

    \b
    mtcheck PATH...            check files and folders (same as `mtcheck check`)
    mtcheck fix PATH...        apply the safe fixes (--unsafe-fixes, --diff)
    mtcheck apply DECISIONS    apply the fixes accepted in the HTML report; record rejections
    mtcheck score MT --ref PE  BLEU, chrF, TER (sacrebleu), before and after fixes (--fixes)
    mtcheck rules              list the rules
    mtcheck lt status          the LanguageTool server (install, start, stop, status)
    """


from mtcheck.cli import check as _check  # noqa: E402,F401  (registers the command)
from mtcheck.cli import apply as _apply  # noqa: E402,F401
from mtcheck.cli import fix as _fix  # noqa: E402,F401
from mtcheck.cli import score as _score  # noqa: E402,F401
from mtcheck.cli import lt as _lt  # noqa: E402,F401
from mtcheck.cli import rules as _rules  # noqa: E402,F401


def main(argv: list[str] | None = None) -> None:
    """Entry point: every MtcheckError becomes a one-line message and exit 2; nothing else leaks a traceback."""
    try:
        cli.main(args=argv, prog_name="mtcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("mtcheck: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except MtcheckError as exc:
        click.echo(f"mtcheck: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("mtcheck: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # a bug of ours: say so plainly, traceback only on request
        if os.environ.get("MTCHECK_DEBUG"):
            traceback.print_exc()
        click.echo(f"mtcheck: internal error: {type(exc).__name__}: {exc} "
                   f"(set MTCHECK_DEBUG=1 for details; please report it)", err=True)
        sys.exit(2)
