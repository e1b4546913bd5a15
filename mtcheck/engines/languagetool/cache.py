"""Disk cache of LanguageTool results, keyed by paragraph text, language, mother tongue, LanguageTool version and
the effective rule settings: a re-run on an unchanged corpus sends nothing, a one-line edit re-checks one
paragraph. SQLite, because it is in the standard library and safe against two runs writing at once."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path


class ResultCache:
    def __init__(self, path: Path | None):
        self.path = path
        self._db = None
        self._lock = threading.Lock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                # used from the pipeline's engine thread: one connection, calls serialised by a lock
                self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, matches TEXT NOT NULL)")
            except sqlite3.Error:
                self._db = None  # a broken cache only costs speed

    @staticmethod
    def key(text: str, *, language: str, mother_tongue: str | None, version: str, settings: str) -> str:
        raw = json.dumps([text, language, mother_tongue or "", version, settings], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, list]:
        if self._db is None or not keys:
            return {}
        out: dict[str, list] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                with self._lock:
                    rows = self._db.execute(f"SELECT key, matches FROM results WHERE key IN ({marks})",
                                            chunk).fetchall()
            except sqlite3.Error:
                return out
            out.update((k, json.loads(v)) for k, v in rows)
        return out

    def put_many(self, items: dict[str, list]) -> None:
        if self._db is None or not items:
            return
        try:
            with self._lock, self._db:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                     [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()])
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
