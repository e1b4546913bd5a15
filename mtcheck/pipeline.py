"""discover → read → engines → normalise → filter → RunResult. No printing here: reporters and the CLI do that."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from mtcheck import __version__, langid
from mtcheck.discover import discover
from mtcheck.document import Document
from mtcheck.engines.base import CheckContext, Engine
from mtcheck.engines.rules import RulesEngine, load_rules
from mtcheck.engines.rules.engine import select_rules
from mtcheck.errors import InputError
from mtcheck.findings import Finding, Severity
from mtcheck.readers import read_document


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


@dataclass
class DocumentStats:
    path: str
    format: str
    language: str | None
    words: int
    findings: int
    file_text: str = field(default="", repr=False)  # for reports that show the document
    lossy: bool = False


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentStats] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    signature: str = ""

    def count(self, at_least: Severity) -> int:
        return sum(1 for f in self.findings if f.severity >= at_least)

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)


def resolve_language(doc: Document, forced: str | None) -> str | None:
    if forced:
        return forced.lower()
    if doc.language_hint:
        return doc.language_hint.split("-")[0].lower()
    return langid.detect(doc.text)


def _contains(a: Finding, b: Finding) -> bool:
    return a.start <= b.start and b.end <= a.end


def merge_engines(findings: list[Finding]) -> list[Finding]:
    """Where the rule engine and another engine flag the same span (or one span inside the other), keep the rule
    engine's finding (it knows the MT artifact) and give it the other's suggestions if it has none."""
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
        if not current.suggestions and o.suggestions:
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


def run(options: RunOptions, *, progress: Callable[[int, int, str], None] | None = None) -> RunResult:
    """Check every file under ``options.paths``."""
    found = discover(list(options.paths), exclude_dirs=tuple(options.exclude_dirs))
    rules = select_rules(load_rules(options.rule_paths), options.select, options.ignore)
    engines: list[Engine] = [RulesEngine(rules), *(options.engines or ())]
    result = RunResult(skipped=list(found.skipped), warnings=list(found.warnings))
    result.signature = signature(options, len(rules))
    context = CheckContext(source_language=options.source_language, warn=result.warnings.append)
    total = len(found.files)
    for index, (path, display, explicit) in enumerate(found.files):
        if progress:
            progress(index, total, display)
        try:
            doc = read_document(path, display, fallback_text=explicit)
        except InputError as exc:
            result.warnings.append(str(exc))
            result.skipped.append((display, "unreadable"))
            continue
        result.warnings.extend(f"{display}: {w}" for w in doc.warnings)
        doc.language = resolve_language(doc, options.language)
        doc.source_language = options.source_language
        findings: list[Finding] = []
        for engine in engines:
            findings.extend(engine.check(doc, context))
        findings = normalise(findings)
        result.findings.extend(findings)
        result.documents.append(DocumentStats(display, doc.format, doc.language, doc.word_count, len(findings),
                                              doc.file_text if options.keep_text else "", doc.lossy))
    if progress:
        progress(total, total, "")
    result.findings.sort(key=Finding.sort_key)
    return result
