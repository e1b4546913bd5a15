"""A small key → text store on SQLite (standard library, safe against two runs writing at once), shared by the
result caches of the engines. Any failure only costs speed: reads miss, writes are dropped."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

CHUNK = 500  # SQLite's limit on bound parameters is higher; this keeps statements small


class SqliteStore:
    def __init__(self, path: Path | None):
        self._lock = threading.Lock()
        self._db = None
        #: when a list: every row written is also appended here (a Dask worker sends its new rows back, so the
        #: machine that started the run gets them in its own cache)
        self.journal: list[tuple[str, str]] | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # one connection used from the pipeline's threads; every call is serialised by the lock
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS store (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        if self._db is None:
            return out
        for i in range(0, len(keys), CHUNK):
            chunk = keys[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                with self._lock:
                    rows = self._db.execute(f"SELECT key, value FROM store WHERE key IN ({marks})", chunk).fetchall()
            except sqlite3.Error:
                return out
            out.update(rows)
        return out

    def put_many(self, items: dict[str, str]) -> None:
        if self.journal is not None:
            with self._lock:
                self.journal.extend(items.items())
        if self._db is None or not items:
            return
        try:
            with self._lock, self._db:
                self._db.executemany("INSERT OR REPLACE INTO store VALUES (?, ?)", list(items.items()))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
