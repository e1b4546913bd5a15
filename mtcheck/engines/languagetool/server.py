"""One local LanguageTool HTTP server, bound to 127.0.0.1, shared by every mtcheck run until it idles out.

State lives in ``<lt home>/run/``: ``server.json`` (pid, port, version), ``last-used`` (touched by every run)
and a lock file, so that two runs starting at once start one server. A small watchdog process stops the server
after ``idle_timeout`` seconds without a run. A stale state file (dead pid, a port that answers as something
else) is cleared and the server started again; nothing waits on a server that is not there."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import requests

from mtcheck.engines.languagetool.provision import SERVER_CLASS, Installation, install, lt_home, verify
from mtcheck.errors import ServerError

#: Server settings chosen for speed (LanguageTool's HTTPServerConfig keys, written to server.properties):
SERVER_PROPERTIES = {
    # Keep each language's pipeline (rules, tagger, speller) once built, so requests after the first one of a
    # language do not rebuild it. Prewarming stays off: it builds pipelines for every installed variant (some
    # forty), which took over a minute and ran a 1.5 GB heap out of memory here; a language is built on its
    # first request instead, in about a second.
    "pipelineCaching": "true",
    "pipelinePrewarming": "false",
    "maxPipelinePoolSize": "100",
    "pipelineExpireTimeInSeconds": "3600",
    # Sentence-level result cache inside the server: re-checked paragraphs with unchanged sentences are free.
    "cacheSize": "5000",
    "cacheTTLSeconds": "3600",
    # One check thread per core (the pass sends as many requests at once); more would only contend.
    "maxCheckThreads": str(max(2, os.cpu_count() or 2)),
    # A pathological paragraph must not hold a thread for ever; mtcheck reports it and goes on.
    "maxCheckTimeMillis": "60000",
    "maxTextLength": "200000",
    "maxWorkQueueSize": "200",
}
PROPERTIES_HEADER = """# Written by mtcheck at each server start; edit SERVER_PROPERTIES in mtcheck/engines/languagetool/server.py.
# pipelineCaching: keep each language's rules, tagger and speller once built (requests after the first are fast).
# pipelinePrewarming=false: prewarming builds every installed variant (~40): a minute and >1.5 GB of heap.
# cacheSize/cacheTTLSeconds: LanguageTool's own sentence cache, for repeated sentences within an hour.
# maxCheckThreads: one per core; mtcheck sends that many requests at once.
# maxCheckTimeMillis: a pathological paragraph gives up after a minute instead of holding a thread.
"""
#: JVM heap: LanguageTool with several languages' pipelines cached needs about 1 GB; more helps nothing here.
JVM_HEAP = "-Xmx1500m"
#: LanguageTool logs three INFO lines per request; on a corpus that is disk I/O for nothing. Warnings only.
LOGBACK = """<configuration>
  <appender name="LOG" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %level %logger{30} %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="LOG"/></root>
</configuration>
"""
IDLE_TIMEOUT = 1800
START_TIMEOUT = 180


#: How long a server that is alive (its process verified) may take to answer a health check before it counts as
#: hung: a server busy with another run's batches answers slowly, and must not be taken for dead.
BUSY_TIMEOUT = 30.0
#: What the command line of each process mtcheck starts contains (checked before any signal is sent).
SERVER_MARK = SERVER_CLASS
WATCHDOG_MARK = "mtcheck.engines.languagetool.watchdog"


@dataclass
class ServerState:
    pid: int
    port: int
    version: str
    watchdog: int | None = None
    started: int | None = None  # the process's start time (clock ticks since boot, /proc/PID/stat)
    watchdog_started: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def run_dir() -> Path:
    d = lt_home() / "run"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child counts as dead
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return True


def _start_ticks(pid: int) -> int | None:
    """When the process started (clock ticks since boot), or None when it is gone: with the pid, an identity
    that a recycled pid does not share."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def is_ours(pid: int | None, started: int | None, mark: str) -> bool:
    """True only for the very process mtcheck started: alive, same start time, our command line. A stale pid
    that now belongs to something else is never signalled."""
    if not pid or started is None or not _alive(pid):
        return False
    return _start_ticks(pid) == started and mark in _cmdline(pid)


def _signal(pid: int | None, started: int | None, mark: str, sig: int) -> bool:
    if not is_ours(pid, started, mark):
        return False
    with contextlib.suppress(OSError):
        os.kill(pid, sig)
    return True


def server_version(url: str, timeout: float = 3.0) -> str | None:
    """The LanguageTool version answering at ``url``, or None when nothing (or something else) answers."""
    try:
        r = requests.post(f"{url}/v2/check", data={"language": "en-US", "text": "ok"}, timeout=timeout)
        if r.status_code == 200:
            return r.json().get("software", {}).get("version")
    except (requests.RequestException, ValueError):
        return None
    return None


def server_languages(url: str, timeout: float = 10.0) -> frozenset[str] | None:
    """The language codes a LanguageTool server checks ("de", "de-DE", "en-US", ...), or None when it does not
    say."""
    try:
        r = requests.get(f"{url}/v2/languages", timeout=timeout)
        if r.status_code == 200:
            return frozenset(c for lang in r.json() for c in (lang.get("code"), lang.get("longCode")) if c)
    except (requests.RequestException, ValueError, AttributeError, TypeError):
        return None
    return None


class ServerManager:
    def __init__(self, *, idle_timeout: int = IDLE_TIMEOUT, lt_path: str | None = None,
                 say: Callable[[str], None] = lambda m: None, slot: int = 0):
        """``slot`` 0 is the shared server; slots 1, 2, ... are the further servers of a pool (``lt_servers``),
        each with its own folder (``run/pool-N``), state, lock, log and watchdog."""
        self.idle_timeout = idle_timeout
        self.lt_path = lt_path
        self.say = say
        self.slot = slot
        self.dir = run_dir() if slot == 0 else run_dir() / f"pool-{slot}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.state_file = self.dir / "server.json"

    @contextlib.contextmanager
    def _lock(self):
        with open(self.dir / "lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def read_state(self) -> ServerState | None:
        try:
            data = json.loads(self.state_file.read_text())
            return ServerState(int(data["pid"]), int(data["port"]), str(data["version"]), data.get("watchdog"),
                               data.get("started"), data.get("watchdog_started"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def touch(self) -> None:
        (self.dir / "last-used").touch()

    def status(self, timeout: float = 3.0) -> tuple[ServerState | None, str]:
        state = self.read_state()
        if state is None:
            return None, "not running"
        if not is_ours(state.pid, state.started, SERVER_MARK):
            return None, f"not running (stale state: pid {state.pid} is not the server mtcheck started)"
        version = server_version(state.url, timeout=timeout)
        if version is None:
            return None, f"not answering (pid {state.pid}, port {state.port})"
        return state, f"running: LanguageTool {version} at {state.url} (pid {state.pid})"

    def ensure_running(self) -> ServerState:
        """Reuse the running server, or start one (under the lock, so concurrent runs start one). A server that
        is alive but slow (busy with another run) is waited for, up to BUSY_TIMEOUT; only a server that is gone,
        or alive and silent that long (hung), is replaced."""
        with self._lock():
            state, _ = self.status(timeout=BUSY_TIMEOUT)
            if state is None:
                self._retire(self.read_state())
                state = self._start()
            self.touch()
            return state

    def restart(self, failed: ServerState | None) -> ServerState:
        """Replace the server a run found failing (once per run): when another run has replaced it already, or it
        answers again, use it; otherwise stop it (it must be the process mtcheck started) and start another."""
        with self._lock():
            current = self.read_state()
            if current is not None and (failed is None or current.pid != failed.pid or
                                        server_version(current.url, timeout=5) is not None):
                state, _ = self.status(timeout=BUSY_TIMEOUT)
                if state is not None:
                    return state
            self._retire(current)
            state = self._start()
            self.touch()
            return state

    def _retire(self, state: ServerState | None) -> None:
        """Stop the server of ``state`` and its watchdog if (and only if) they are the processes mtcheck started;
        forget the state either way."""
        if state is not None:
            _signal(state.watchdog, state.watchdog_started, WATCHDOG_MARK, signal.SIGTERM)
            if _signal(state.pid, state.started, SERVER_MARK, signal.SIGTERM):
                for _ in range(50):
                    if not _alive(state.pid):
                        break
                    time.sleep(0.1)
                else:
                    _signal(state.pid, state.started, SERVER_MARK, signal.SIGKILL)
        with contextlib.suppress(FileNotFoundError):
            self.state_file.unlink()

    def _start(self) -> ServerState:
        inst: Installation = install(explicit=self.lt_path, say=self.say)
        verify(inst)
        port = _free_port()
        props = self.dir / "server.properties"
        props.write_text(PROPERTIES_HEADER + "".join(f"{k}={v}\n" for k, v in SERVER_PROPERTIES.items()))
        log = open(self.dir / "server.log", "ab")
        logback = self.dir / "logback.xml"
        logback.write_text(LOGBACK)
        cmd = ["java", JVM_HEAP, f"-Dlogback.configurationFile={logback}", "-cp", inst.classpath, SERVER_CLASS, "--config", str(props), "--port", str(port)]
        self.say(f"starting LanguageTool {inst.version} on 127.0.0.1:{port}...")
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, cwd=str(self.dir))
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise ServerError(f"LanguageTool exited at start (code {proc.returncode}); see {self.dir / 'server.log'}")
            if server_version(url, timeout=2) is not None:
                break
            time.sleep(0.5)
        else:
            proc.terminate()
            raise ServerError(f"LanguageTool did not answer within {START_TIMEOUT}s; see {self.dir / 'server.log'}")
        watchdog = subprocess.Popen(
            [sys.executable, "-m", "mtcheck.engines.languagetool.watchdog", str(proc.pid), str(self.dir),
             str(self.idle_timeout)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        state = ServerState(proc.pid, port, inst.version, watchdog.pid, _start_ticks(proc.pid),
                            _start_ticks(watchdog.pid))
        self.state_file.write_text(json.dumps(state.__dict__))
        return state

    def stop(self) -> str:
        with self._lock():
            state = self.read_state()
            if state is None:
                return "not running"
            if not is_ours(state.pid, state.started, SERVER_MARK):
                self._retire(state)  # signals nothing: the pid is gone or belongs to another process now
                return f"not running (stale state for pid {state.pid} removed; no process was signalled)"
            self._retire(state)
            return f"stopped (pid {state.pid})"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def all_slots() -> list[int]:
    """The slots that have a folder: 0 and each pool-N under the run folder."""
    slots = [0]
    for child in sorted(run_dir().glob("pool-*")):
        suffix = child.name.split("-", 1)[1]
        if child.is_dir() and suffix.isdigit():
            slots.append(int(suffix))
    return sorted(set(slots))
