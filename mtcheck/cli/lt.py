"""``mtcheck lt install|start|stop|status``: the LanguageTool server mtcheck manages."""

from __future__ import annotations

import click

from mtcheck.cli import cli
from mtcheck.engines.languagetool.provision import install
from mtcheck.engines.languagetool.server import ServerManager

@cli.group("lt")
def lt_group() -> None:
    """Manage the local LanguageTool server."""


def _say(message: str) -> None:
    click.echo(f"mtcheck: {message}", err=True)


@lt_group.command("install")
@click.option("--force", is_flag=True, help="Fetch again even if an installation exists.")
def lt_install(force: bool) -> None:
    """Install LanguageTool (Maven Central first; see the README)."""
    inst = install(force=force, say=_say)
    click.echo(f"LanguageTool {inst.version} ready ({inst.route}): {inst.root}")


@lt_group.command("start")
def lt_start() -> None:
    """Start the shared local server (or report the one running)."""
    state = ServerManager(say=_say).ensure_running()
    click.echo(f"LanguageTool {state.version} running at {state.url} (pid {state.pid})")


@lt_group.command("stop")
def lt_stop() -> None:
    """Stop the shared local server."""
    click.echo(ServerManager().stop())


@lt_group.command("status")
def lt_status() -> None:
    """Is the shared local server running? (exit 0 if so, 1 if not)"""
    state, message = ServerManager().status()
    click.echo(message)
    raise SystemExit(0 if state else 1)
