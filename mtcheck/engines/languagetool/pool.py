"""A pool of LanguageTool servers: the local ones mtcheck manages (``lt_servers = N`` starts N), or servers named
by URL (``lt_server = "http://a:8081, http://b:8081"``).

Each request goes to the live server with the fewest requests in flight, so a slow server gets less work. A
server that stops answering (refused connection, a time-out, or BREAKER_FAILURES failed requests in a row)
leaves the pool for the rest of the run, with a message, and the request is sent to another; only when no server
is left does a request fail, and the engine then restarts its local servers once and sends what was lost again
(what still fails is a gap: the run is incomplete, never silently partial). Every server of a pool must run the
same LanguageTool version, since results are cached under it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from mtcheck.errors import ServerError

#: Failed requests in a row (server errors, malformed answers) after which a server leaves the pool.
BREAKER_FAILURES = 2


@dataclass
class Endpoint:
    url: str
    slot: int | None = None  # the local slot mtcheck manages; None for a server named by URL
    state: object = None  # ServerState of a local server
    in_flight: int = 0
    failures: int = 0
    dead: str | None = None  # why it left the pool
    sent: int = 0
    restarted: bool = False


@dataclass
class ServerPool:
    urls: tuple[str, ...] = ()
    local: int = 1
    idle_timeout: int = 1800
    lt_path: str | None = None
    say: Callable[[str], None] = lambda m: None
    endpoints: list[Endpoint] = field(default_factory=list)
    version: str | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._managers: dict[int, object] = {}
        self._next = 0

    # -- start ------------------------------------------------------------------------------------------------
    def start(self) -> str:
        """Make sure the servers run (local) or answer (by URL); returns their LanguageTool version."""
        from mtcheck.engines.languagetool.server import ServerManager, server_version

        with self._lock:
            if self.endpoints:
                return self.version or ""
            versions: dict[str, str] = {}
            if self.urls:
                for url in self.urls:
                    ep = Endpoint(url.rstrip("/"))
                    version = server_version(ep.url, timeout=30)
                    if version is None:
                        ep.dead = "no answer"
                        self.say(f"LanguageTool at {ep.url} does not answer; it is left out of the pool")
                    else:
                        versions[ep.url] = version
                    self.endpoints.append(ep)
            else:
                for slot in range(max(1, self.local)):
                    manager = ServerManager(idle_timeout=self.idle_timeout, lt_path=self.lt_path, say=self.say,
                                            slot=slot)
                    state = manager.ensure_running()
                    self._managers[slot] = manager
                    self.endpoints.append(Endpoint(state.url, slot, state))
                    versions[state.url] = state.version
            if not versions:
                raise ServerError(f"no LanguageTool server answers at {', '.join(self.urls)}")
            if len(set(versions.values())) > 1:
                listed = ", ".join(f"{u} ({v})" for u, v in versions.items())
                raise ServerError(f"the LanguageTool servers of the pool run different versions: {listed}")
            self.version = next(iter(versions.values()))
            return self.version

    def touch(self) -> None:
        for manager in self._managers.values():
            manager.touch()

    @property
    def managed(self) -> bool:
        return bool(self._managers)

    # -- requests ---------------------------------------------------------------------------------------------
    def acquire(self) -> Endpoint:
        """The live server with the fewest requests in flight (ties in turn); ServerError when none is left."""
        with self._lock:
            live = [ep for ep in self.endpoints if ep.dead is None]
            if not live:
                reasons = "; ".join(f"{ep.url}: {ep.dead}" for ep in self.endpoints)
                raise ServerError(f"LanguageTool stopped answering ({reasons})")
            self._next += 1
            ep = min(live, key=lambda e: (e.in_flight, (self.endpoints.index(e) - self._next) % len(self.endpoints)))
            ep.in_flight += 1
            ep.sent += 1
            return ep

    def succeeded(self, ep: Endpoint) -> None:
        with self._lock:
            ep.in_flight -= 1
            ep.failures = 0

    def failed(self, ep: Endpoint, reason: str, *, fatal: bool) -> None:
        """A request to ``ep`` failed; a fatal failure (no connection, no answer in time) or BREAKER_FAILURES in a
        row take it out of the pool."""
        with self._lock:
            ep.in_flight -= 1
            ep.failures += 1
            if ep.dead is None and (fatal or ep.failures >= BREAKER_FAILURES):
                ep.dead = reason
                left = sum(1 for e in self.endpoints if e.dead is None)
                if len(self.endpoints) > 1:
                    self.say(f"LanguageTool at {ep.url} failed ({reason}); it leaves the pool"
                             + (f", {left} server{'s' if left != 1 else ''} left" if left else ""))

    def restart_dead(self) -> bool:
        """Restart each failed local server once per run; True when one is back."""
        revived = False
        for ep in self.endpoints:
            if ep.dead is None or ep.slot is None or ep.restarted:
                continue
            ep.restarted = True
            try:
                state = self._managers[ep.slot].restart(ep.state)
            except ServerError as exc:
                ep.dead = f"could not be restarted: {exc}"
                continue
            with self._lock:
                ep.url, ep.state, ep.dead, ep.failures, ep.in_flight = state.url, state, None, 0, 0
            revived = True
        return revived

    def stats(self) -> dict[str, int]:
        if len(self.endpoints) < 2:
            return {}
        return {f"requests to {ep.url}": ep.sent for ep in self.endpoints}
