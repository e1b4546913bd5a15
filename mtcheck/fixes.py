"""Fixes: plan the edits of a pass, repeat checking and fixing in memory to a fixed point, and write each changed
file back atomically, in its own encoding, byte-order mark, line endings and permissions, only when it still holds
what was read. ``mtcheck fix`` (mtcheck/cli/fix.py) drives this; the pipeline does the checking.

Edits use a finding's file offsets and its first suggestion, right to left, never two that overlap or touch. A
finding's fix safety was already downgraded to display-only where its span is not literal prose (markup,
placeholders, entities) or the file did not decode cleanly, so only ``safe`` (and, when asked, ``unsafe``) fixes
of plain prose are ever applied."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from mtcheck.findings import Finding, FixSafety
from mtcheck.readers.decode import BinaryFileError, decode, encode_like
from mtcheck.result import RunResult

SAFE = frozenset({FixSafety.SAFE})
SAFE_AND_UNSAFE = frozenset({FixSafety.SAFE, FixSafety.UNSAFE})
#: Passes of check-and-fix before mtcheck stops (a fix that makes a new finding that a fix undoes would loop).
MAX_PASSES = 10


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    finding: Finding


def plan_edits(findings: Iterable[Finding], allowed: frozenset[FixSafety] = SAFE) -> list[Edit]:
    """The edits to make, in file order; a fix that overlaps or touches an earlier one waits for the next pass."""
    edits: list[Edit] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.fix_safety not in allowed or not f.suggestions:
            continue
        if f.start <= last_end and edits:
            continue
        edits.append(Edit(f.start, f.end, f.suggestions[0], f))
        last_end = f.end
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


@dataclass
class FileFixes:
    """One file's fixes over all passes."""

    path: str  # as displayed
    file: str  # on disk
    original: str  # the text the first pass read
    text: str  # after the fixes
    rules: Counter = field(default_factory=Counter)  # rule id -> fixes applied

    @property
    def count(self) -> int:
        return sum(self.rules.values())

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.text.splitlines(keepends=True),
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


@dataclass
class FixRun:
    files: dict[str, FileFixes]  # display path -> fixes, for files that changed
    result: RunResult  # the check of the fixed text (what remains)
    passes: int
    converged: bool  # False when the last pass still had fixes to apply (the cap was reached)


def fix_to_fixed_point(check: Callable[[dict[str, str]], RunResult], allowed: frozenset[FixSafety],
                       max_passes: int = MAX_PASSES) -> FixRun:
    """Check, apply the allowed fixes in memory, check the edited text again, until a pass has nothing to fix or
    ``max_passes`` passes have fixed something. ``check(texts)`` runs the pipeline with ``texts`` (display path →
    edited text) in place of those files."""
    texts: dict[str, str] = {}
    files: dict[str, FileFixes] = {}
    passes = 0
    while True:
        result = check(texts)
        docs = {d.path: d for d in result.documents}
        by_path: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_path.setdefault(f.path, []).append(f)
        planned = {p: plan_edits(fs, allowed) for p, fs in by_path.items()}
        planned = {p: e for p, e in planned.items() if e and p in docs}
        if not planned:
            return FixRun(files, result, passes, True)
        if passes == max_passes:
            return FixRun(files, result, passes, False)
        passes += 1
        for p, edits in planned.items():
            doc = docs[p]
            entry = files.get(p)
            if entry is None:
                entry = files[p] = FileFixes(p, doc.file, doc.file_text, doc.file_text)
            entry.text = apply_edits(doc.file_text, edits)
            entry.rules.update(e.finding.rule for e in edits)
            texts[p] = entry.text


def fix_in_memory(settings, allowed: frozenset[FixSafety], max_passes: int = MAX_PASSES,
                  say: Callable[[str], None] = lambda m: None) -> FixRun:
    """Build the run's engines once and fix to a fixed point with them; nothing is written (``mtcheck fix``,
    ``mtcheck score --fixes``, the fix-quality benchmark)."""
    from mtcheck.engines.registry import build_engines
    from mtcheck.pipeline import run

    engines = build_engines(settings, say=say)
    try:
        return fix_to_fixed_point(lambda texts: run(settings, engines=engines, texts=texts), allowed, max_passes)
    finally:
        for engine in engines:
            engine.close()


class StaleFileError(Exception):
    """The file changed on disk after mtcheck read it: writing would lose someone's edit."""


def write_fixed(fixes: FileFixes) -> None:
    """Write the fixed text over the file, atomically (a temporary file beside it, renamed over it), in the file's
    own encoding and byte-order mark, with its permissions; a symbolic link stays a link and its target is
    written. Refuses (StaleFileError) when the file no longer holds the text that was checked."""
    target = os.path.realpath(fixes.file)
    with open(target, "rb") as fh:
        data = fh.read()
    try:
        current = decode(data)
    except BinaryFileError:
        raise StaleFileError("it is no longer text") from None
    if current.text != fixes.original:
        raise StaleFileError("it changed after mtcheck read it")
    new = encode_like(fixes.text, data)
    folder = os.path.dirname(target) or "."
    fd, temp = tempfile.mkstemp(prefix=".mtcheck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        mode = os.stat(target).st_mode & 0o7777
        os.chmod(temp, mode)
        with open(target, "rb") as fh:  # the last moment: did anyone write meanwhile?
            if fh.read() != data:
                raise StaleFileError("it changed while mtcheck was writing")
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def text_sha256(text: str) -> str:
    """The content key of a reviewed document: SHA-256 of its decoded text (UTF-8). The report records it, and
    ``mtcheck apply`` applies decisions only to a file that still holds that text."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()
