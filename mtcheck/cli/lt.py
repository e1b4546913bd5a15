"""``mtcheck lt install|start|stop|status``: the LanguageTool server mtcheck manages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

import click

from mtcheck.cli import cli
from mtcheck.engines.languagetool import LanguageToolEngine, LanguageToolSettings
from mtcheck.engines.languagetool.engine import load_word_list
from mtcheck.engines.languagetool.provision import install, lt_home
from mtcheck.engines.languagetool.server import ServerManager

WORD_LIST = "mtcheck.words"


def find_word_lists(paths: Sequence[str]) -> list[Path]:
    """``mtcheck.words`` in the current folder, the checked paths' folders and all their parents."""
    found: dict[Path, None] = {}
    starts = [Path.cwd()] + [Path(p).resolve() for p in paths]
    for start in starts:
        folder = start if start.is_dir() else start.parent
        for d in (folder, *folder.parents):
            candidate = d / WORD_LIST
            if candidate.is_file():
                found[candidate] = None
    return list(found)


def build_languagetool(paths: Sequence[str], *, server: str | None, level: str, say: Callable[[str], None],
                       enable: Sequence[str] = (), disable: Sequence[str] = (),
                       word_files: Sequence[str] = (), lt_path: str | None = None,
                       cache: bool = True) -> LanguageToolEngine:
    settings = LanguageToolSettings(
        server_url=server or os.environ.get("MTCHECK_LT_SERVER") or None,
        level=level,
        enabled_rules=tuple(enable),
        disabled_rules=tuple(disable),
        words=load_word_list(find_word_lists(paths) + [Path(w) for w in word_files]),
        cache_path=lt_home() / "cache" / "results.sqlite3" if cache else None,
        threads=max(2, os.cpu_count() or 2),
        idle_timeout=int(os.environ.get("MTCHECK_LT_IDLE", "1800")),
        lt_path=lt_path,
        timeout=float(os.environ.get("MTCHECK_LT_TIMEOUT", "60")),
    )
    return LanguageToolEngine(settings, say=say)


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
