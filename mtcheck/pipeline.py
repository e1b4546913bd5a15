"""discover → read → engines → normalise → filter → RunResult, driven by one Settings object. No printing here:
reporters and the CLI do that."""

from __future__ import annotations

import fnmatch
import os
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from mtcheck import __version__, langid
from mtcheck.discover import discover
from mtcheck.document import Document
from mtcheck.document.outline import outline
from mtcheck.engines.base import CheckContext, Engine
from mtcheck.engines.registry import build_engines
from mtcheck.filters.baseline import filter_baseline
from mtcheck.filters.changed import changed_lines, is_changed
from mtcheck.filters.suppressions import apply_suppressions
from mtcheck.errors import InputError
from mtcheck.findings import Finding, Severity
from mtcheck.readers import COMMENTED_FORMATS, read_document
from mtcheck.result import DocumentStats, Gap, RunResult
from mtcheck.selection import Selector
from mtcheck.settings import Settings


_HINT = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


#: A folder or file-name part that names a language, as translation repositories lay pages out
#: ("content/es/...", "files/de/...", "i18n/pt-br/...", "guide.fr.md").
_PATH_LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][a-z]{2,4})?$", re.I)
#: The share of a document's text that must be in the language its path names for the path to decide: a partial
#: translation (much text still in the source language) keeps the language of its folder.
PATH_LANGUAGE_SHARE = 0.2


def path_language(path: str) -> str | None:
    """The language a document's path names, nearest first: a file-name part ("guide.fr.md") or a folder
    ("es/react/useTransition.md"), when it is a language the identifier knows."""
    parts = [p for p in re.split(r"[\\/]", path) if p not in ("", ".", "..")]
    if not parts:
        return None
    name_parts = parts[-1].split(".")[1:-1]
    for candidate in [*reversed(name_parts), *reversed(parts[:-1])]:
        m = _PATH_LANGUAGE.match(candidate)
        if m and m.group(1).lower() in langid.LANGUAGES:
            return m.group(1).lower()
    return None


def resolve_language(doc: Document, forced: str | None, warn: Callable[[str], None] = lambda m: None,
                     path: str | None = None) -> str | None:
    """The configured language, else the document's own hint (``<html lang>``, front matter ``lang:``),
    normalised like --lang ("en_US" → "en"), else detection; where the path names a language ("es/...") and at
    least a fifth of the text is in it, that language (a partly translated page is still a page of its folder).
    A hint that is no language code is reported and detection used instead."""
    if forced:
        return forced.lower()
    if doc.language_hint:
        m = _HINT.match(doc.language_hint.strip())
        if m:
            return m.group(1).lower()
        warn(f"{doc.path}: {doc.language_hint!r} ({doc.language_hint_source or 'language hint'}) is not a "
             f"language code such as 'en' or 'pt-BR'; the language is detected instead")
    votes = langid.shares(doc.prose())
    if not votes:
        return None
    by_path = path_language(os.path.abspath(path or doc.path))  # the same whatever the current folder
    if by_path is not None and votes.get(by_path, 0.0) >= PATH_LANGUAGE_SHARE:
        return by_path
    return max(votes, key=votes.get)


def _source_language(doc: Document) -> str | None:
    """The language of a bilingual document's sources, detected when neither the settings nor the file say."""
    if not doc.bilingual:
        return None
    votes = langid.shares(" ".join(seg.source for seg in doc.segments if seg.source)[:20000])
    return max(votes, key=votes.get) if votes else None


def _contains(a: Finding, b: Finding) -> bool:
    return a.start <= b.start and b.end <= a.end


def merge_engines(findings: list[Finding]) -> list[Finding]:
    """Where the rule engine and another engine flag the same span (or one span inside the other), keep the rule
    engine's finding (it knows the MT artifact) and, if it has none, give it the other's suggestions when they
    were written for exactly the same span (a narrower finding's fix would replace the whole span)."""
    rules = [f for f in findings if f.engine == "rules" and f.scope != "segment"]
    others = [f for f in findings if f.engine != "rules"]
    whole = [f for f in findings if f.engine == "rules" and f.scope == "segment"]
    if not rules or not others:
        return findings
    kept_rules = {id(f): f for f in rules}
    out_others = []
    for o in others:
        twin = next((r for r in rules if r.path == o.path and (_contains(r, o) or _contains(o, r))), None)
        if twin is None:
            out_others.append(o)
            continue
        current = kept_rules[id(twin)]
        # a suggestion replaces the finding's whole span: only one written for the very same span fits
        if not current.suggestions and o.suggestions and (o.start, o.end) == (current.start, current.end):
            kept_rules[id(twin)] = replace(current, suggestions=o.suggestions)
    return list(kept_rules.values()) + out_others + whole


def normalise(findings: list[Finding]) -> list[Finding]:
    """Merge engines, sort, drop exact duplicates, and drop a finding whose span lies inside another finding of
    the same engine that is at least as severe (the wider one already says it: " Expression. ," contains ". ,").
    A finding about a whole segment against its source (scope "segment": a lost tag, an omission) hides
    nothing: what is wrong inside the segment is another problem."""
    findings = merge_engines(findings)
    ordered = sorted(set(findings), key=lambda f: (f.path, f.start, -f.end, -int(f.severity), f.rule))
    kept: list[Finding] = []
    open_spans: list[Finding] = []
    for f in ordered:
        open_spans = [k for k in open_spans if k.path == f.path and k.end > f.start]
        # same engine, same or wider span, at least as severe: the same problem already reported
        if any(k.engine == f.engine and k.scope != "segment" and _contains(k, f) and k.severity >= f.severity
               for k in open_spans):
            continue
        kept.append(f)
        open_spans.append(f)
    return sorted(kept, key=Finding.sort_key)


def signature(settings: Settings, engines: Sequence[Engine]) -> str:
    """A sacrebleu-style string recording every setting that changes the numbers; read after the run, when a
    server's version is known."""
    parts = [
        f"mtcheck:{__version__}",
        f"lang:{settings.lang or 'auto'}",
        f"src:{settings.source_lang or 'none'}",
        f"select:{','.join(settings.select) or 'all'}",
        f"ignore:{','.join(settings.ignore) or 'none'}",
    ]
    return "|".join(parts + [engine.signature() for engine in engines])


def _source_for(path: str, settings: Settings) -> str | None:
    """The source file of a checked file under ``source_dir``: the same path relative to the checked argument
    (folder) it was found in, or the same name for a file named on the command line."""
    if not settings.source_dir:
        return None
    real = Path(os.path.abspath(path))
    for arg in settings.paths:
        base = Path(os.path.abspath(arg))
        if base.is_dir():
            try:
                rel = real.relative_to(base)
            except ValueError:
                continue
        elif base == real:
            rel = Path(real.name)
        else:
            continue
        return str(Path(settings.source_dir) / rel)
    return None


def _relative_posix(path: str, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _matches_any(rel: str, globs: Sequence[str]) -> bool:
    parts = rel.split("/")
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(parts[-1], g)
               or any(fnmatch.fnmatchcase("/".join(parts[:i]), g.rstrip("/")) for i in range(1, len(parts)))
               for g in globs)


UNUSED_SUPPRESSION = "mtcheck.unused-suppression"
#: Formats the HTML report shows rendered (headings, lists, code as code), with the source one click away.
RENDERED_FORMATS = frozenset({"markdown", "mdx", "rst"})


def run(settings: Settings, *, engines: Sequence[Engine] | None = None, say: Callable[[str], None] = lambda m: None,
        progress: Callable[[int, int, str], None] | None = None, texts: Mapping[str, str] | None = None
        ) -> RunResult:
    """Check every file under ``settings.paths``. Engines come from the registry unless given (``mtcheck fix``
    reuses its engines across passes); the ones built here are closed here. ``texts`` maps a file's display path
    to the text to check instead of the file's (a file that ``mtcheck fix`` has edited in memory)."""
    own_engines = engines is None
    engines = list(build_engines(settings, say=say) if engines is None else engines)
    try:
        return _run(settings, engines, progress, texts or {}, say)
    finally:
        if own_engines:
            for engine in engines:
                engine.close()


def _run(settings: Settings, engines: list[Engine], progress, texts: Mapping[str, str],
         say: Callable[[str], None] = lambda m: None) -> RunResult:
    root = Path(settings.root).resolve()
    found = discover(list(settings.paths), exclude_dirs=(settings.report,) if settings.report else ())
    result = RunResult(skipped=list(found.skipped), warnings=list(found.warnings))
    files = found.files
    if settings.exclude:
        kept, excluded = [], []
        for f in files:
            (excluded if _matches_any(_relative_posix(f[0], root), settings.exclude) else kept).append(f)
        result.skipped += [(f[1], "excluded") for f in excluded]
        files = kept
    changed = None
    if settings.diff:
        start = Path(settings.paths[0]).resolve() if settings.paths else Path.cwd()
        changed = changed_lines(settings.diff, start)
        before = len(files)
        files = [f for f in files if is_changed(f[0], changed)]
        result.unchanged = before - len(files)
    known = [rule_id for engine in engines for rule_id in engine.rule_info()]
    for kind, patterns in (("select", settings.select), ("ignore", settings.ignore)):
        for pattern in Selector.of(patterns).unknown(known):
            result.warnings.append(f"--{kind} {pattern!r} matches no rule (see 'mtcheck rules')")
    workers = min(settings.jobs, len(files) // MIN_FILES_PER_WORKER)
    if settings.scheduler and files:
        from mtcheck.cluster import check_on_dask

        check_on_dask(files, settings, root, changed, result, progress, texts, engines, say)
    elif workers >= 2:
        from mtcheck.parallel import check_in_processes

        check_in_processes(files, settings, root, changed, result, progress, texts, workers, say)
    else:
        remote = sum(1 for e in engines if e.waits_on_server)
        pool = ThreadPoolExecutor(max_workers=max(1, remote * IN_FLIGHT))
        try:
            _check_files(files, settings, engines, root, changed, result, pool, progress, texts)
        finally:
            pool.shutdown(wait=True)
        # read after the run: an engine's version (LanguageTool's) is known only once it has been used
        result.signature = signature(settings, engines)
        for engine in engines:
            result.rule_info.update(engine.rule_info())
            result.stats[engine.name] = engine.stats()
    if settings.baseline:
        result.findings, result.baselined = filter_baseline(result.findings, settings.baseline)
    if settings.false_alarms and os.path.isfile(settings.false_alarms):
        result.findings, result.false_alarms = filter_baseline(result.findings, settings.false_alarms)
    if settings.baseline or result.false_alarms:
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.path] = counts.get(f.path, 0) + 1
        for d in result.documents:
            d.findings = counts.get(d.path, 0)
    result.findings.sort(key=Finding.sort_key)
    return result


#: Below this many files per worker process, starting processes costs more than it saves.
MIN_FILES_PER_WORKER = 2

#: Documents whose server-side checks may be in flight at once while the rule engine moves on: enough to keep
#: every server thread busy across document boundaries (a document's last step, asking the spellers of other
#: variants about the words its checker rejected, waits behind other documents' paragraphs; with 3 the server
#: idled at times, bench/languagetool_throughput.py), few enough to bound memory.
IN_FLIGHT = 8


def _check_files(files, settings: Settings, engines: list[Engine], root: Path, changed, result: RunResult,
                 pool: ThreadPoolExecutor, progress, texts: Mapping[str, str]) -> None:
    """Engines that wait on a server run in threads while the rule engine works in this one, for up to
    IN_FLIGHT documents at once: the server and the Python process share the cores instead of taking turns.
    Results are collected in file order, so output does not depend on timing."""
    total = len(files)
    pending: deque = deque()
    for index, (path, display, explicit) in enumerate(files):
        if progress:
            progress(index, total, display)
        try:
            doc = read_document(path, display, fallback_text=explicit, options=settings.reading,
                                text=texts.get(display), source_path=_source_for(path, settings))
        except InputError as exc:
            result.warnings.append(str(exc))
            result.skipped.append((display, "unreadable"))
            continue
        result.warnings.extend(f"{display}: {w}" for w in doc.warnings)
        here = settings.for_document(_relative_posix(path, root))
        doc.language = resolve_language(doc, here.lang, result.warnings.append, path)
        doc.source_language = here.source_lang or doc.source_language or _source_language(doc)
        if doc.language is None:
            result.unidentified.append(display)
        context = CheckContext(source_language=doc.source_language, warn=result.warnings.append,
                               select=here.select, ignore=here.ignore, gap=_gap_recorder(result, display))
        others = [pool.submit(lambda e=e, d=doc, c=context: list(e.check(d, c)))
                  for e in engines if e.waits_on_server]
        own = [f for e in engines if not e.waits_on_server for f in e.check(doc, context)]
        pending.append((path, doc, here.select, here.ignore, own, others))
        while len(pending) > (IN_FLIGHT - 1 if others else 0):
            _finish(*pending.popleft(), settings=settings, changed=changed, result=result)
    while pending:
        _finish(*pending.popleft(), settings=settings, changed=changed, result=result)
    if progress:
        progress(total, total, "")


#: Engines report gaps from their threads, for several documents at once.
_GAPS_LOCK = threading.Lock()


def _gap_recorder(result: RunResult, path: str):
    def gap(message: str, paragraphs: int = 0, engine: str = "languagetool") -> None:
        with _GAPS_LOCK:
            result.gaps.append(Gap(path, engine, message, paragraphs))
    return gap


def _finish(path, doc: Document, select, ignore, own, others, *, settings: Settings, changed,
            result: RunResult) -> None:
    findings: list[Finding] = list(own)
    for future in others:
        findings.extend(future.result())
    findings = normalise(findings)
    selector = Selector.of(select, ignore)
    findings = [f for f in findings if selector.allows(f.rule)]
    if doc.format in COMMENTED_FORMATS:
        kept, sups = apply_suppressions(findings, doc.comments, doc.file_text)
        result.suppressed += len(findings) - len(kept)
        findings = kept
        if settings.warn_unused_suppressions:
            findings += [_unused(doc, s) for s in sups if not s.used]
    if changed is not None and settings.diff_scope == "lines":
        lines = changed.get(Path(os.path.abspath(path)).resolve())
        if lines is not None:
            findings = [f for f in findings if any(n in lines for n in range(f.line, f.end_line + 1))]
    findings.sort(key=Finding.sort_key)
    result.findings.extend(findings)
    result.documents.append(DocumentStats(
        doc.path, doc.format, doc.language, doc.word_count, len(findings),
        doc.file_text if settings.keep_text else "", doc.lossy,
        outline(doc) if settings.report is not None and (doc.format in RENDERED_FORMATS or doc.bilingual) else None,
        file=path, source_language=doc.source_language))


def _unused(doc: Document, s) -> Finding:
    from mtcheck.engines.base import make_finding_at_file

    what = ",".join(s.rules) or "all rules"
    return make_finding_at_file(doc, rule=UNUSED_SUPPRESSION, engine="mtcheck", category="Other",
                                severity=Severity.MINOR, message=f"This suppression of {what} suppresses nothing.",
                                start=s.comment_start, end=s.comment_end)
