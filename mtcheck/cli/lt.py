"""``mtcheck lt install|start|stop|status``: the LanguageTool server mtcheck manages."""

from __future__ import annotations

import click

from mtcheck.cli import cli

# the server modules (requests, the engine) are imported by the commands that use them, not by every mtcheck run


@cli.group("lt")
def lt_group() -> None:
    """Manage the local LanguageTool server."""


def _say(message: str) -> None:
    click.echo(f"mtcheck: {message}", err=True)


@lt_group.command("install")
@click.option("--force", is_flag=True, help="Fetch again even if an installation exists.")
def lt_install(force: bool) -> None:
    """Install LanguageTool (Maven Central first; see the README)."""
    from mtcheck.engines.languagetool.provision import install

    inst = install(force=force, say=_say)
    click.echo(f"LanguageTool {inst.version} ready ({inst.route}): {inst.root}")


@lt_group.command("start")
@click.option("-n", "--servers", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many local servers (a pool, as the lt_servers setting).")
def lt_start(servers: int) -> None:
    """Start the shared local server(s) (or report those running)."""
    from mtcheck.engines.languagetool.server import ServerManager

    for slot in range(servers):
        state = ServerManager(say=_say, slot=slot).ensure_running()
        click.echo(f"LanguageTool {state.version} running at {state.url} (pid {state.pid})")


@lt_group.command("stop")
def lt_stop() -> None:
    """Stop the local servers mtcheck started (the shared one and any of a pool)."""
    from mtcheck.engines.languagetool.server import ServerManager, all_slots

    for slot in all_slots():
        message = ServerManager(slot=slot).stop()
        click.echo(message if slot == 0 else f"pool server {slot}: {message}")


@lt_group.command("status")
def lt_status() -> None:
    """Is the shared local server running? (exit 0 if so, 1 if not); pool servers are listed too."""
    from mtcheck.engines.languagetool.server import ServerManager, all_slots

    state, message = ServerManager().status()
    click.echo(message)
    for slot in all_slots()[1:]:
        click.echo(f"pool server {slot}: {ServerManager(slot=slot).status()[1]}")
    raise SystemExit(0 if state else 1)
