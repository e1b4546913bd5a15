"""A disk cache of the rule engine's findings per document, as ruff caches lint results: keyed by the file's
text, format, language settings, rule selection, the content of every loaded rule file and the code of mtcheck
itself, so that any change to any of them is a miss. A re-run over an unchanged archive reads findings
instead of identifying the language of every sentence again."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from mtcheck.findings import Finding, FixSafety, Severity
from mtcheck.store import SqliteStore


def cache_dir() -> Path:
    env = os.environ.get("MTCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtcheck"))


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of mtcheck's own source: a changed engine must never be answered from an old cache."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def rules_fingerprint(paths: list[str]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        try:
            h.update(p.encode())
            h.update(Path(p).read_bytes())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


class RuleResultCache:
    def __init__(self, path: Path):
        self._store = SqliteStore(path)

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The findings recorded for ``key``, placed at ``path`` (the same text may sit in another file)."""
        data = self._store.get_many([key]).get(key)
        if data is None:
            return None
        try:
            return [_load(item, path) for item in json.loads(data)]
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # a damaged row: check again (the fresh result replaces it)

    def put(self, key: str, findings: list[Finding]) -> None:
        self._store.put_many({key: json.dumps([_dump(f) for f in findings], ensure_ascii=False)})

    def close(self) -> None:
        self._store.close()


def _dump(f: Finding) -> dict:
    return {"rule": f.rule, "engine": f.engine, "category": f.category, "severity": int(f.severity),
            "message": f.message, "start": f.start, "end": f.end, "line": f.line, "column": f.column,
            "end_line": f.end_line, "end_column": f.end_column, "suggestions": list(f.suggestions),
            "fix_safety": f.fix_safety.value, "matched": f.matched, "context": f.context, "source": f.source,
            "scope": f.scope, "source_span": list(f.source_span) if f.source_span else None}


def _load(d: dict, path: str) -> Finding:
    return Finding(rule=d["rule"], engine=d["engine"], category=d["category"], severity=Severity(d["severity"]),
                   message=d["message"], path=path, start=d["start"], end=d["end"], line=d["line"],
                   column=d["column"], end_line=d["end_line"], end_column=d["end_column"],
                   suggestions=tuple(d["suggestions"]), fix_safety=FixSafety(d["fix_safety"]),
                   matched=d["matched"], context=d["context"], source=d.get("source"),
                   scope=d.get("scope", "span"),
                   source_span=tuple(d["source_span"]) if d.get("source_span") else None)
