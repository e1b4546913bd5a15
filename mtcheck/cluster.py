"""``--scheduler ADDRESS``: documents spread over a Dask cluster (dask.distributed), on one machine or many.

``ADDRESS`` is a running scheduler (``tcp://host:8786``: ``dask scheduler`` there, ``dask worker tcp://host:8786``
on each machine), or ``local`` / ``local:N`` for a LocalCluster of N worker processes on this machine (N:
``--jobs``). Each document is one task. A worker builds its engines once from the run's Settings (the registry,
as a one-process run does; rebuilt when a later run's settings differ) and checks the document with exactly the
code of a one-process run (``pipeline._check_files``), so the findings and every output are those of a local run.
The parts come back and are merged in file order (``parallel.Merger``).

Workers read the checked files (and ``--source-dir``) at the same absolute paths, as any Dask job reads its data:
a shared or synced checkout. Each uses the LanguageTool servers of its own machine (``lt_servers`` of them,
shared by the workers there) or the shared pool named by ``lt_server``. Caches are merged: the rows a worker
writes to its result caches (rule engine, LanguageTool) come back with its part and go into this machine's
caches too, so the next run here, local or distributed, starts warm."""

from __future__ import annotations

import hashlib
import os
import pickle
import socket
from pathlib import Path
from typing import Mapping

from mtcheck.errors import UsageError
from mtcheck.parallel import Merger
from mtcheck.result import RunResult
from mtcheck.settings import Settings

#: Per worker process: the engines built for the settings of the run being served.
_WORKER: dict = {}


def _engines_for(settings: Settings):
    key = hashlib.sha256(pickle.dumps(settings)).hexdigest()
    if _WORKER.get("key") != key:
        from concurrent.futures import ThreadPoolExecutor

        from mtcheck.engines.registry import build_engines
        from mtcheck.pipeline import IN_FLIGHT

        for engine in _WORKER.get("engines", []):
            engine.close()
        engines = build_engines(settings)
        remote = sum(1 for e in engines if e.waits_on_server)
        _WORKER.update(key=key, engines=engines, pool=ThreadPoolExecutor(max_workers=max(1, remote * IN_FLIGHT)))
        for engine in engines:  # record what this worker writes to its caches, to send it back
            store = getattr(getattr(engine, "cache", None), "_store", None)
            if store is not None:
                store.journal = []
    return _WORKER["engines"], _WORKER["pool"]


def check_document(item, settings: Settings, root: str, changed, text: str | None):
    """A Dask task: one document, as a one-process run checks it. Returns (part of the result, the worker's id,
    cache rows written: {engine name: [(key, value)]})."""
    from mtcheck.pipeline import _check_files, signature

    engines, pool = _engines_for(settings)
    part = RunResult()
    texts = {item[1]: text} if text is not None else {}
    _check_files([tuple(item)], settings, engines, Path(root), changed, part, pool, None, texts)
    rows = {}
    for engine in engines:
        part.stats[engine.name] = engine.stats()
        part.rule_info.update(engine.rule_info())
        store = getattr(getattr(engine, "cache", None), "_store", None)
        if store is not None and store.journal:
            rows[engine.name], store.journal = store.journal, []
    part.signature = signature(settings, engines)
    return part, f"{socket.gethostname()}:{os.getpid()}", rows


def connect(address: str, workers: int):
    """A distributed Client for ``address`` (and the LocalCluster it owns, or None). UsageError when there is
    no scheduler there."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
    if address == "local" or address.startswith("local:"):
        n = int(address.split(":", 1)[1]) if ":" in address and address.split(":", 1)[1].isdigit() else workers
        cluster = LocalCluster(n_workers=max(1, n), threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=40)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"no Dask scheduler at {address} ({exc})") from None


def check_on_dask(files, settings: Settings, root: Path, changed, result: RunResult, progress,
                  texts: Mapping[str, str], engines, say) -> None:
    """Every document a task on the cluster; the parts merged in file order, the workers' cache rows written to
    this machine's caches (``engines``: this process's, for their caches)."""
    from distributed import as_completed

    client, cluster = connect(settings.scheduler, settings.jobs)
    try:
        n = len(client.scheduler_info().get("workers", {}))
        say(f"checking {len(files)} documents on the Dask cluster at {client.scheduler.address} ({n} workers)")
        remote_settings = client.scatter(settings, broadcast=True)
        futures = [client.submit(check_document, list(item), remote_settings, str(root), changed,
                                 texts.get(item[1]), key=f"mtcheck-{index}-{item[1]}", pure=False)
                   for index, item in enumerate(files)]
        order = {f.key: i for i, f in enumerate(futures)}
        parts: dict[int, tuple] = {}
        done = 0
        for future in as_completed(futures):
            parts[order[future.key]] = future.result()
            done += 1
            if progress:
                progress(done - 1, len(files), files[order[future.key]][1])
        if progress:
            progress(len(files), len(files), "")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    merger = Merger(result)
    local = {e.name: getattr(getattr(e, "cache", None), "_store", None) for e in engines}
    for index in range(len(files)):
        part, worker, rows = parts[index]
        merger.add(part, worker)
        for name, written in rows.items():
            if local.get(name) is not None:
                local[name].put_many(dict(written))
    merger.finish()
