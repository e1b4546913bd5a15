"""``--diff REV``: only files changed since a git revision, and only findings on changed lines."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from mtcheck.errors import UsageError

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise UsageError("--diff needs git on PATH") from None
    if proc.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {proc.stderr.strip() or 'failed'}")
    return proc.stdout


def changed_lines(rev: str, start: Path) -> dict[Path, set[int] | None]:
    """Changed files (resolved paths) since ``rev``, each with its added or changed line numbers in the working
    tree; untracked files count as wholly changed (None)."""
    folder = start if start.is_dir() else start.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    _git(["rev-parse", "--verify", "--quiet", rev + "^{commit}"], top)
    out: dict[Path, set[int] | None] = {}
    diff = _git(["diff", "--no-color", "--no-ext-diff", "-U0", "--diff-filter=AMRC", rev, "--"], top)
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (top / name[2:] if name.startswith("b/") else top / name).resolve()
            if current is not None:
                out.setdefault(current, set())
        elif line.startswith("@@") and current is not None:
            m = HUNK.match(line)
            if m:
                first, count = int(m.group(1)), int(m.group(2) or "1")
                lines = out[current]
                if lines is not None:
                    lines.update(range(first, first + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], top).splitlines():
        out[(top / name).resolve()] = None
    return out


def is_changed(path: str, changed: dict[Path, set[int] | None]) -> bool:
    return Path(os.path.abspath(path)).resolve() in changed
