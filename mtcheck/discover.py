"""Find the files to check: folders recursively (following links, never in circles), hidden folders skipped,
unsupported files counted, a missing path an error."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from mtcheck.errors import UsageError
from mtcheck.readers import reader_for


@dataclass
class Discovery:
    files: list[tuple[str, str, bool]] = field(default_factory=list)  # (real path, display path, explicit)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (display path, reason)
    warnings: list[str] = field(default_factory=list)


def discover(paths: list[str], *, exclude_dirs: tuple[str, ...] = ()) -> Discovery:
    found = Discovery()
    seen_files: set[tuple[int, int]] = set()
    excluded = {os.path.realpath(d) for d in exclude_dirs}
    for given in paths:
        if not os.path.lexists(given):
            raise UsageError("no such file or directory", path=given)
        if os.path.islink(given) and not os.path.exists(given):
            found.warnings.append(f"{given}: broken symbolic link, skipped")
            found.skipped.append((given, "broken link"))
            continue
        if os.path.isfile(given):
            _add_file(found, seen_files, given, given, explicit=True)
            continue
        visited_dirs: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(given, followlinks=True, onerror=lambda e: found.warnings.append(
                f"{e.filename}: cannot read folder: {e.strerror}")):
            st = os.stat(root)
            key = (st.st_dev, st.st_ino)
            if key in visited_dirs or os.path.realpath(root) in excluded:
                if key in visited_dirs:
                    found.warnings.append(f"{root}: symbolic link loop, not followed again")
                dirs[:] = []
                continue
            visited_dirs.add(key)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                # "./a.txt" reads as "a.txt", as in ruff; other prefixes stay as the user wrote them
                display = path[2:] if path.startswith("./") else path
                _add_file(found, seen_files, path, display, explicit=False)
    return found


def printable(path: str) -> str:
    """A file name as every output can carry it: bytes that are not UTF-8 (a name from another system) shown
    as backslash escapes (``\\xe9``) instead of lone surrogates that no UTF-8 output accepts. Files are still opened by their
    real name."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _add_file(found: Discovery, seen: set, path: str, display: str, *, explicit: bool) -> None:
    display = printable(display)
    try:
        st = os.stat(path)
    except OSError as exc:
        found.warnings.append(f"{display}: cannot read: {exc.strerror}")
        found.skipped.append((display, "unreadable"))
        return
    if not explicit and reader_for(path) is None:
        found.skipped.append((display, "unsupported type"))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return  # the same file reached twice (a link): check it once
    seen.add(key)
    found.files.append((path, display, explicit))
