"""Disk cache of LanguageTool results, keyed by paragraph text, language, mother tongue, LanguageTool version and
the effective rule settings: a re-run on an unchanged corpus sends nothing, a one-line edit re-checks one
paragraph."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mtcheck.store import SqliteStore


class ResultCache:
    def __init__(self, path: Path | None):
        self._store = SqliteStore(path)

    @staticmethod
    def key(text: str, *, language: str, mother_tongue: str | None, version: str, settings: str) -> str:
        raw = json.dumps([text, language, mother_tongue or "", version, settings], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, list]:
        out = {}
        for k, v in self._store.get_many(keys).items():
            try:
                value = json.loads(v)
            except ValueError:
                continue  # a damaged row: the paragraph is sent again and the row replaced
            if isinstance(value, list) and all(_valid_match(m) for m in value):
                out[k] = value
        return out

    def put_many(self, items: dict[str, list]) -> None:
        self._store.put_many({k: json.dumps(v, ensure_ascii=False) for k, v in items.items()})

    def close(self) -> None:
        self._store.close()


def _valid_match(m) -> bool:
    return (isinstance(m, dict) and isinstance(m.get("offset"), int) and isinstance(m.get("length"), int)
            and isinstance(m.get("rule"), dict) and isinstance(m["rule"].get("id"), str))
