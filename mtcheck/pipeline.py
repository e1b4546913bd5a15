"""discover → read → engines → normalise → filter → RunResult. No printing here: reporters and the CLI do that."""

from __future__ import annotations

import fnmatch
import os
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from mtcheck import __version__, langid
from mtcheck.discover import discover
from mtcheck.document import Document
from mtcheck.document.outline import outline
from mtcheck.engines.base import CheckContext, Engine
from mtcheck.engines.rules import RulesEngine, load_rules
from mtcheck.engines.rules.cache import RuleResultCache, cache_dir
from mtcheck.engines.rules.engine import select_rules
from mtcheck.filters.baseline import filter_baseline
from mtcheck.filters.changed import changed_lines, is_changed
from mtcheck.filters.suppressions import apply_suppressions
from mtcheck.errors import InputError
from mtcheck.findings import Finding, Severity
from mtcheck.readers import COMMENTED_FORMATS, read_document
from mtcheck.readers.syntax import ReaderOptions
from mtcheck.selection import Selector


@dataclass
class RunOptions:
    paths: Sequence[str]
    language: str | None = None
    source_language: str | None = None
    rule_paths: Sequence[str] = ()
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_on: Severity | None = Severity.MAJOR
    exclude_dirs: Sequence[str] = ()
    engines: Sequence[Engine] | None = None  # extra engines (LanguageTool) built by the caller
    keep_text: bool = False  # keep each document's text in the result (the HTML report shows it)
    exclude: Sequence[str] = ()  # globs, relative to ``root``
    root: str | None = None  # the configuration file's folder (globs are relative to it)
    per_path: dict | None = None  # glob -> {lang, source_lang, select, ignore}
    baseline: str | None = None
    diff: str | None = None  # git revision
    diff_scope: str = "lines"  # or "files"
    warn_unused_suppressions: bool = False
    cache: bool = True  # the rule engine's per-document result cache
    reader_options: ReaderOptions = field(default_factory=ReaderOptions)  # token and block ignores


@dataclass
class DocumentStats:
    path: str
    format: str
    language: str | None
    words: int
    findings: int
    file_text: str = field(default="", repr=False)  # for reports that show the document
    lossy: bool = False
    outline: list | None = field(default=None, repr=False)  # blocks for a rendered view (Markdown, MDX, rST)


@dataclass(frozen=True)
class Gap:
    """Something an engine could not check: the run is incomplete."""

    path: str
    engine: str
    message: str
    paragraphs: int = 0


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentStats] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    signature: str = ""
    baselined: int = 0  # findings hidden by the baseline
    suppressed: int = 0  # findings hidden by inline suppressions
    unchanged: int = 0  # files left out by --diff
    rules: dict = field(default_factory=dict)  # id -> Rule of the rules loaded (SARIF describes them)
    gaps: list[Gap] = field(default_factory=list)  # what was not checked: a run with gaps is incomplete
    rule_descriptions: dict = field(default_factory=dict)  # rule id -> description, from engines (LanguageTool)
    unidentified: list[str] = field(default_factory=list)  # documents whose language could not be told

    @property
    def complete(self) -> bool:
        return not self.gaps

    def count(self, at_least: Severity) -> int:
        return sum(1 for f in self.findings if f.severity >= at_least)

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)


_HINT = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def resolve_language(doc: Document, forced: str | None, warn: Callable[[str], None] = lambda m: None) -> str | None:
    """The configured language, else the document's own hint (``<html lang>``, front matter ``lang:``),
    normalised like --lang ("en_US" → "en"), else detection. A hint that is no language code is reported and
    detection used instead."""
    if forced:
        return forced.lower()
    if doc.language_hint:
        m = _HINT.match(doc.language_hint.strip())
        if m:
            return m.group(1).lower()
        warn(f"{doc.path}: {doc.language_hint!r} ({doc.language_hint_source or 'language hint'}) is not a "
             f"language code such as 'en' or 'pt-BR'; the language is detected instead")
    return langid.detect(doc.prose())


def _contains(a: Finding, b: Finding) -> bool:
    return a.start <= b.start and b.end <= a.end


def merge_engines(findings: list[Finding]) -> list[Finding]:
    """Where the rule engine and another engine flag the same span (or one span inside the other), keep the rule
    engine's finding (it knows the MT artifact) and, if it has none, give it the other's suggestions when they
    were written for exactly the same span (a narrower finding's fix would replace the whole span)."""
    rules = [f for f in findings if f.engine == "rules"]
    others = [f for f in findings if f.engine != "rules"]
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
    return list(kept_rules.values()) + out_others


def normalise(findings: list[Finding]) -> list[Finding]:
    """Merge engines, sort, drop exact duplicates, and drop a finding whose span lies inside another finding of
    the same engine that is at least as severe (the wider one already says it: " Expression. ," contains ". ,")."""
    findings = merge_engines(findings)
    ordered = sorted(set(findings), key=lambda f: (f.path, f.start, -f.end, -int(f.severity), f.rule))
    kept: list[Finding] = []
    open_spans: list[Finding] = []
    for f in ordered:
        open_spans = [k for k in open_spans if k.path == f.path and k.end > f.start]
        # same engine, same or wider span, at least as severe: the same problem already reported
        if any(k.engine == f.engine and _contains(k, f) and k.severity >= f.severity for k in open_spans):
            continue
        kept.append(f)
        open_spans.append(f)
    return sorted(kept, key=Finding.sort_key)


def signature(options: RunOptions, rule_count: int) -> str:
    """A sacrebleu-style string recording every setting that changes the numbers."""
    parts = [
        f"mtcheck:{__version__}",
        f"lang:{options.language or 'auto'}",
        f"src:{options.source_language or 'none'}",
        f"rules:{rule_count}",
        f"select:{','.join(options.select) or 'all'}",
        f"ignore:{','.join(options.ignore) or 'none'}",
    ]
    for engine in options.engines or ():
        parts.append(getattr(engine, "signature", engine.name))
    return "|".join(parts)


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


def _overrides(rel: str, per_path: dict | None) -> dict:
    out: dict = {}
    for glob, settings in (per_path or {}).items():
        if fnmatch.fnmatchcase(rel, glob) or fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], glob):
            out.update(settings)
    return out


UNUSED_SUPPRESSION = "mtcheck.unused-suppression"
#: Formats the HTML report shows rendered (headings, lists, code as code), with the source one click away.
RENDERED_FORMATS = frozenset({"markdown", "mdx", "rst"})


def run(options: RunOptions, *, progress: Callable[[int, int, str], None] | None = None) -> RunResult:
    """Check every file under ``options.paths``."""
    root = Path(options.root or os.getcwd()).resolve()
    found = discover(list(options.paths), exclude_dirs=tuple(options.exclude_dirs))
    result = RunResult(skipped=list(found.skipped), warnings=list(found.warnings))
    files = found.files
    if options.exclude:
        kept, excluded = [], []
        for f in files:
            (excluded if _matches_any(_relative_posix(f[0], root), options.exclude) else kept).append(f)
        result.skipped += [(f[1], "excluded") for f in excluded]
        files = kept
    changed = None
    if options.diff:
        start = Path(options.paths[0]).resolve() if options.paths else Path.cwd()
        changed = changed_lines(options.diff, start)
        before = len(files)
        files = [f for f in files if is_changed(f[0], changed)]
        result.unchanged = before - len(files)
    rules = load_rules(options.rule_paths)
    ids = [r.id for r in rules]
    for kind, patterns in (("select", options.select), ("ignore", options.ignore)):
        for pattern in Selector.of(patterns).unknown(ids):
            result.warnings.append(f"--{kind} {pattern!r} matches no rule (see 'mtcheck rules')")
    cache = RuleResultCache(cache_dir() / "rules.sqlite3") if options.cache else None
    engines: list[Engine] = [RulesEngine(rules, cache, reading=options.reader_options.signature()),
                             *(options.engines or ())]
    result.rules = {r.id: r for r in rules}
    pool = ThreadPoolExecutor(max_workers=max(1, (len(engines) - 1) * IN_FLIGHT))
    try:
        _check_files(files, options, engines, root, changed, result, pool, progress)
    finally:
        pool.shutdown(wait=True)
        if cache is not None:
            cache.close()
    # read after the run: an engine's version (LanguageTool's) is known only once it has been used
    result.signature = signature(options, len(select_rules(rules, options.select, options.ignore)))
    for engine in options.engines or ():
        result.rule_descriptions.update(getattr(engine, "descriptions", {}) or {})
    if options.baseline:
        result.findings, result.baselined = filter_baseline(result.findings, options.baseline)
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.path] = counts.get(f.path, 0) + 1
        for d in result.documents:
            d.findings = counts.get(d.path, 0)
    result.findings.sort(key=Finding.sort_key)
    return result


#: Documents whose server-side checks may be in flight at once while the rule engine moves on: enough to keep
#: every server thread busy across document boundaries, few enough to bound memory.
IN_FLIGHT = 3


def _check_files(files, options: RunOptions, engines: list[Engine], root: Path, changed, result: RunResult,
                 pool: ThreadPoolExecutor, progress) -> None:
    """Engines that wait on a server run in threads while the rule engine works in this one, for up to
    IN_FLIGHT documents at once: the server and the Python process share the cores instead of taking turns.
    Results are collected in file order, so output does not depend on timing."""
    total = len(files)
    pending: deque = deque()
    for index, (path, display, explicit) in enumerate(files):
        if progress:
            progress(index, total, display)
        try:
            doc = read_document(path, display, fallback_text=explicit, options=options.reader_options)
        except InputError as exc:
            result.warnings.append(str(exc))
            result.skipped.append((display, "unreadable"))
            continue
        result.warnings.extend(f"{display}: {w}" for w in doc.warnings)
        extra = _overrides(_relative_posix(path, root), options.per_path)
        select = tuple(extra.get("select", options.select))
        ignore = tuple(list(options.ignore) + list(extra.get("ignore", [])))
        doc.language = resolve_language(doc, extra.get("lang", options.language), result.warnings.append)
        doc.source_language = extra.get("source_lang", options.source_language)
        if doc.language is None:
            result.unidentified.append(display)
        context = CheckContext(source_language=doc.source_language, warn=result.warnings.append,
                               select=select, ignore=ignore, gap=_gap_recorder(result, display))
        others = [pool.submit(lambda e=e, d=doc, c=context: list(e.check(d, c))) for e in engines[1:]]
        own = list(engines[0].check(doc, context))
        pending.append((path, doc, select, ignore, own, others))
        while len(pending) > (IN_FLIGHT - 1 if others else 0):
            _finish(*pending.popleft(), options=options, changed=changed, result=result)
    while pending:
        _finish(*pending.popleft(), options=options, changed=changed, result=result)
    if progress:
        progress(total, total, "")


#: Engines report gaps from their threads, for several documents at once.
_GAPS_LOCK = threading.Lock()


def _gap_recorder(result: RunResult, path: str):
    def gap(message: str, paragraphs: int = 0, engine: str = "languagetool") -> None:
        with _GAPS_LOCK:
            result.gaps.append(Gap(path, engine, message, paragraphs))
    return gap


def _finish(path, doc: Document, select, ignore, own, others, *, options: RunOptions, changed,
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
        if options.warn_unused_suppressions:
            findings += [_unused(doc, s) for s in sups if not s.used]
    if changed is not None and options.diff_scope == "lines":
        lines = changed.get(Path(os.path.abspath(path)).resolve())
        if lines is not None:
            findings = [f for f in findings if any(n in lines for n in range(f.line, f.end_line + 1))]
    findings.sort(key=Finding.sort_key)
    result.findings.extend(findings)
    result.documents.append(DocumentStats(
        doc.path, doc.format, doc.language, doc.word_count, len(findings),
        doc.file_text if options.keep_text else "", doc.lossy,
        outline(doc) if options.keep_text and doc.format in RENDERED_FORMATS else None))


def _unused(doc: Document, s) -> Finding:
    from mtcheck.engines.base import make_finding_at_file

    what = ",".join(s.rules) or "all rules"
    return make_finding_at_file(doc, rule=UNUSED_SUPPRESSION, engine="mtcheck", category="Other",
                                severity=Severity.MINOR, message=f"This suppression of {what} suppresses nothing.",
                                start=s.comment_start, end=s.comment_end)
