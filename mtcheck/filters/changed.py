"""``--diff REV``: only files changed since a git revision, and only findings on changed lines.

Like a pull request's diff: ``REV`` is compared through its merge base with HEAD (``origin/main`` checks what the
branch changed, not what main gained since); ``A...B`` takes the merge base of A and B. File names come from
``git diff -z`` (never quoted or escaped, whatever they contain); renamed files count as changed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from mtcheck.errors import UsageError

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(args: list[str], cwd: Path, *, check: bool = True) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              timeout=300)
    except FileNotFoundError:
        raise UsageError("--diff needs git on PATH") from None
    if proc.returncode != 0:
        if not check:
            return ""
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git {' '.join(args)}: {err or 'failed'}")
    return os.fsdecode(proc.stdout)


def base_revision(rev: str, top: Path) -> str:
    """The commit to compare the working tree with: the merge base of ``rev`` (or of A and B in ``A...B``) and
    HEAD; ``rev`` itself when the histories share nothing."""
    if "..." in rev:
        a, b = rev.split("...", 1)
        a, b = a or "HEAD", b or "HEAD"
    else:
        a, b = rev, "HEAD"
    for r in (a, b):
        _git(["rev-parse", "--verify", "--quiet", r + "^{commit}"], top)
    base = _git(["merge-base", a, b], top, check=False).strip()
    return base or a


def changed_files(base: str, top: Path) -> dict[Path, Path | None]:
    """Changed files since ``base`` (resolved paths), each with the path it was renamed from, if any."""
    out: dict[Path, Path | None] = {}
    fields = _git(["diff", "-z", "--name-status", "-M", "--diff-filter=AMRC", base, "--"], top).split("\0")
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[:1] in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            out[(top / new).resolve()] = (top / old).resolve() if status[:1] == "R" else None
            i += 3
        else:
            out[(top / fields[i + 1]).resolve()] = None
            i += 2
    return out


def changed_lines(rev: str, start: Path) -> dict[Path, set[int] | None]:
    """Changed files (resolved paths) since ``rev``'s merge base, each with its added or changed line numbers in
    the working tree; untracked files count as wholly changed (None)."""
    folder = start if start.is_dir() else start.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    base = base_revision(rev, top)
    out: dict[Path, set[int] | None] = {}
    for path, renamed_from in changed_files(base, top).items():
        rel = os.path.relpath(path, top)
        args = ["diff", "--no-color", "--no-ext-diff", "-U0", base, "--", rel]
        if renamed_from is not None:  # the lines changed relative to the old file, not the whole file
            args = ["diff", "--no-color", "--no-ext-diff", "-U0", "-M", base, "--",
                    os.path.relpath(renamed_from, top), rel]
        lines: set[int] = set()
        for m in HUNK.finditer(_git(args, top)):
            first, count = int(m.group(1)), int(m.group(2) or "1")
            lines.update(range(first, first + count))
        out[path] = lines
    for name in _git(["ls-files", "-z", "--others", "--exclude-standard"], top).split("\0"):
        if name:
            out[(top / name).resolve()] = None
    return out


def renames_since(commit: str, start: Path) -> dict[Path, Path]:
    """new path → old path for files renamed since ``commit`` (for baselines); empty outside a git work tree."""
    folder = start if start.is_dir() else start.parent
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder, check=False).strip() or folder)
        if not _git(["rev-parse", "--verify", "--quiet", commit + "^{commit}"], top, check=False):
            return {}
        return {new: old for new, old in changed_files(commit, top).items() if old is not None}
    except UsageError:
        return {}


def head_commit(start: Path) -> str | None:
    folder = start if start.is_dir() else start.parent
    try:
        return _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder, check=False).strip() or None
    except UsageError:
        return None


def is_changed(path: str, changed: dict[Path, set[int] | None]) -> bool:
    return Path(os.path.abspath(path)).resolve() in changed
