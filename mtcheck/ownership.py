"""mtcheck writes only what it created: its own report folder (marked, with a manifest of the files it wrote)
and the output files the user named, never a document it checks. Each check runs before anything is written,
so a refused run leaves the disk as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from mtcheck.errors import UsageError

#: The file that marks a folder as an mtcheck report folder and lists what mtcheck wrote there.
REPORT_MARKER = ".mtcheck-report.json"


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_report_folder(report_dir: str, checked: Iterable[str]) -> None:
    """Refuse a report folder that holds or is a checked path, a file, or a non-empty folder mtcheck did not make
    (a folder inside a checked path is fine when it is new or mtcheck's own: the run does not read it)."""
    target = _real(report_dir)
    for given in checked:
        path = _real(given)
        if _inside(path, target):
            raise UsageError(f"the report folder would hold the checked path {given!r}: mtcheck would write among "
                             f"your documents; choose another with --report DIR, or --no-report", path=report_dir)
    if target.exists() and not target.is_dir():
        raise UsageError("the report folder is a file; choose another with --report DIR", path=report_dir)
    # a folder of dotfiles only (a .gitkeep) counts as empty: mtcheck writes no dotfile but its marker
    if target.is_dir() and not (target / REPORT_MARKER).is_file() and not _legacy_report(target) and any(
            not p.name.startswith(".") for p in target.iterdir()):
        raise UsageError(f"the report folder exists, is not empty and was not made by mtcheck (no {REPORT_MARKER}); "
                         f"mtcheck will not write into it: choose another with --report DIR, or empty it",
                         path=report_dir)


GENERATOR = '<meta name="generator" content="mtcheck'


def _made_by_mtcheck(page: Path) -> bool:
    try:
        with page.open(encoding="utf-8", errors="replace") as fh:
            return GENERATOR in fh.read(2000)
    except OSError:
        return False


def _legacy_report(folder: Path) -> bool:
    """A report folder of an mtcheck from before the marker: its index.html says mtcheck generated it."""
    return _made_by_mtcheck(folder / "index.html")


def previous_report_files(report_dir: Path) -> list[Path]:
    """Files an earlier run wrote into this report folder (from its manifest, or for a folder from before the
    manifest, the pages whose header says mtcheck generated them), for removal when stale."""
    if not (report_dir / REPORT_MARKER).is_file():
        if not _legacy_report(report_dir):
            return []
        return [p for p in (report_dir / "docs").glob("*.html") if _made_by_mtcheck(p)]
    try:
        data = json.loads((report_dir / REPORT_MARKER).read_text(encoding="utf-8"))
        files = data.get("files", []) if isinstance(data, dict) else []
    except (OSError, ValueError):
        return []
    out = []
    for rel in files:
        if not isinstance(rel, str) or rel.startswith(("/", "..")) or "/../" in rel:
            continue
        p = (report_dir / rel).resolve()
        if _inside(p, report_dir.resolve()) and p.is_file():
            out.append(p)
    return out


def write_marker(report_dir: Path, files: list[str], version: str) -> None:
    (report_dir / REPORT_MARKER).write_text(
        json.dumps({"tool": "mtcheck", "version": version, "files": sorted(files)}, indent=1), encoding="utf-8")


def check_output_file(output: str, checked_files: Iterable[str], option: str) -> None:
    """Refuse to write an output (``--output``, ``baseline create -o``) over a checked document."""
    target = _real(output)
    for path in checked_files:
        if _real(path) == target:
            raise UsageError(f"{option} names a file that this run checks; mtcheck never overwrites a checked "
                             f"document: choose another file", path=output)
    if target.is_dir():
        raise UsageError(f"{option} names a folder, not a file", path=output)
