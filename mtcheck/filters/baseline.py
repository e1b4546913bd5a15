"""Baselines: record today's findings, report only new ones later.

A finding is recorded by rule, file and a context fingerprint (the normalised match with some text either side,
never its line number), so an unrelated edit above it does not make it new again. The file is JSON:
``{"version": 1, "findings": [{"path", "rule", "fingerprint", "line", "message"}]}`` with paths relative to the
baseline file's folder."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from mtcheck.errors import ConfigError
from mtcheck.findings import Finding

VERSION = 1


def _key_path(path: str, base: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()


def write_baseline(findings: list[Finding], target: str) -> int:
    """Record the findings; in a git work tree, also the commit they were found at, so that a later run can
    follow files renamed since."""
    from mtcheck.filters.changed import head_commit

    base = Path(target).resolve().parent
    items = [{"path": _key_path(f.path, base), "rule": f.rule, "fingerprint": f.fingerprint, "line": f.line,
              "message": f.message} for f in findings]
    data = {"version": VERSION, "findings": items}
    commit = head_commit(base)
    if commit:
        data["commit"] = commit
    Path(target).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(items)


def load_baseline(source: str) -> tuple[Counter, Path, str | None]:
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
        keys = Counter((i["path"], i["rule"], i["fingerprint"]) for i in data["findings"])
        commit = data.get("commit")
    except FileNotFoundError:
        raise ConfigError("baseline file not found (create it with 'mtcheck baseline create')", path=source) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"not a valid baseline: {exc}", path=source) from None
    return keys, Path(source).resolve().parent, commit if isinstance(commit, str) else None


def filter_baseline(findings: list[Finding], source: str) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many were dropped (each recorded finding absorbs one)."""
    from mtcheck.filters.changed import renames_since

    keys, base, commit = load_baseline(source)
    renamed = renames_since(commit, base) if commit else {}  # a renamed file keeps its recorded findings
    kept, dropped = [], 0
    for f in findings:
        k = (_key_path(f.path, base), f.rule, f.fingerprint)
        old = renamed.get(Path(f.path).resolve())
        if keys[k] <= 0 and old is not None:
            k = (_key_path(str(old), base), f.rule, f.fingerprint)
        if keys[k] > 0:
            keys[k] -= 1
            dropped += 1
        else:
            kept.append(f)
    return kept, dropped
