"""``--jobs N``: documents spread over N worker processes (the standard library's ProcessPoolExecutor).

Each worker builds its own engines from the run's Settings (the registry, as a one-process run does) and checks a
few consecutive documents a task with exactly the code of a one-process run (``pipeline._check_files``), so
findings do not depend on N. Within a task a worker overlaps documents as a one-process run does (the next one is
read and checked by the rules while LanguageTool answers for the last), so a server is not left waiting between
documents. The parent merges the parts of the result in file order. LanguageTool's server is shared: each worker
sends its own requests, so the server is kept busy by all of them at once."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Mapping

from mtcheck.result import RunResult
from mtcheck.settings import Settings

_STATE: dict = {}


def _stderr_say(message: str) -> None:
    import sys

    print(f"mtcheck: {message}", file=sys.stderr, flush=True)


def _start(settings: Settings, root: Path, changed, texts: Mapping[str, str], say) -> None:
    from mtcheck.engines.registry import build_engines

    from mtcheck.pipeline import IN_FLIGHT

    engines = build_engines(settings, say=say)
    remote = sum(1 for e in engines if e.waits_on_server)
    _STATE.update(settings=settings, root=root, changed=changed, texts=texts, engines=engines,
                  pool=ThreadPoolExecutor(max_workers=max(1, remote * IN_FLIGHT)))


def _check(items) -> tuple[RunResult, int]:
    """A few documents, checked as a one-process run checks them; their part of the result, and this worker's pid
    (the parent adds up each worker's latest counters)."""
    from mtcheck.pipeline import _check_files, signature

    s = _STATE
    part = RunResult()
    _check_files(list(items), s["settings"], s["engines"], s["root"], s["changed"], part, s["pool"], None, s["texts"])
    for engine in s["engines"]:
        part.stats[engine.name] = engine.stats()
        part.rule_info.update(engine.rule_info())
    part.signature = signature(s["settings"], s["engines"])
    return part, os.getpid()


def check_in_processes(files, settings: Settings, root: Path, changed, result: RunResult, progress, texts,
                       workers: int, say=None) -> None:
    # fork where there is one: workers start at once and share the parent's loaded modules; elsewhere spawn,
    # whose arguments must pickle (a worker then says what it has to say on standard error itself)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if say is None or method == "spawn":
        say = _stderr_say
    merger = Merger(result)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                             initargs=(settings, root, changed, dict(texts), say)) as pool:
        total = len(files)
        tasks = _tasks(files, workers)
        done = 0
        try:
            for task, (part, pid) in zip(tasks, pool.map(_check, tasks, chunksize=1)):
                if progress:
                    progress(done, total, task[0][1])
                done += len(task)
                merger.add(part, pid)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        if progress:
            progress(total, total, "")
    merger.finish()


def _tasks(files: list, workers: int) -> list[list]:
    """Consecutive documents, a few a task: enough for a worker to overlap them (the pipeline's IN_FLIGHT and one
    more), and at least four tasks a worker so that the work evens out."""
    from mtcheck.pipeline import IN_FLIGHT

    size = max(1, min(IN_FLIGHT + 1, len(files) // (4 * max(1, workers))))
    return [files[i : i + size] for i in range(0, len(files), size)]


class Merger:
    """Adds the parts of a run checked elsewhere (worker processes, Dask workers) into one RunResult, in the
    order given: findings, documents, warnings, gaps; each worker's latest engine counters summed; the
    signature of a worker whose LanguageTool was used."""

    def __init__(self, result: RunResult):
        self.result = result
        self.latest: dict = {}
        self.signatures: list[str] = []

    def add(self, part: RunResult, worker) -> None:
        result = self.result
        result.findings.extend(part.findings)
        result.documents.extend(part.documents)
        result.warnings.extend(w for w in part.warnings if w not in result.warnings)  # said once, not per worker
        result.skipped.extend(part.skipped)
        result.gaps.extend(part.gaps)
        result.unidentified.extend(part.unidentified)
        result.suppressed += part.suppressed
        result.rule_info.update(part.rule_info)
        self.latest[worker] = part.stats
        self.signatures.append(part.signature)

    def finish(self) -> None:
        sigs = self.signatures
        # a worker that never needed the server reports "unused": the version comes from one that did
        self.result.signature = next((sig for sig in sigs if "lt:unused" not in sig), sigs[-1] if sigs else "")
        totals: dict[str, dict] = {}
        for stats in self.latest.values():
            for name, counters in stats.items():
                into = totals.setdefault(name, {})
                for key, value in counters.items():
                    into[key] = into.get(key, 0) + value
        self.result.stats.update(totals)
