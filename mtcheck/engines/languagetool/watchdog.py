"""Stops the shared LanguageTool server after a period without mtcheck runs.

Run detached by ServerManager: ``python -m mtcheck.engines.languagetool.watchdog PID RUN_DIR IDLE_SECONDS``.
Every run touches RUN_DIR/last-used; when it is older than IDLE_SECONDS the server is stopped and its state
removed. The watchdog also ends when the server dies on its own."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from pathlib import Path

POLL = 5.0


def main(argv: list[str]) -> int:
    pid, run_dir, idle = int(argv[0]), Path(argv[1]), float(argv[2])
    last_used = run_dir / "last-used"
    state_file = run_dir / "server.json"
    while True:
        time.sleep(min(POLL, max(idle / 4, 0.5)))
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        try:
            idle_for = time.time() - last_used.stat().st_mtime
        except FileNotFoundError:
            idle_for = idle + 1
        if idle_for > idle:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(OSError, ValueError):
                if json.loads(state_file.read_text()).get("pid") == pid:
                    state_file.unlink()
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
