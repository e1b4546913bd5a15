"""The engine interface and the one place where a match in checked text becomes a Finding in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from mtcheck.document import Document
from mtcheck.document.builder import PLACEHOLDER_WORD
from mtcheck.findings import Finding, FixSafety, Severity
from mtcheck.result import RuleInfo


@dataclass
class CheckContext:
    """What every engine may know about the run besides the document."""

    source_language: str | None = None
    warn: Callable[[str], None] = field(default=lambda message: None)
    select: tuple[str, ...] = ()  # rule ids/prefixes/globs for this document (engines may pre-filter)
    ignore: tuple[str, ...] = ()
    #: what an engine could not check in this document (message, paragraphs): the run is then incomplete
    gap: Callable[[str, int], None] = field(default=lambda message, paragraphs: None)


class Engine(Protocol):
    """What the pipeline needs of an engine. Engines are built in one place (``mtcheck.engines.registry``) from the
    run's Settings; the pipeline calls ``check`` per document, reads ``signature``, ``stats`` and ``rule_info``
    after the run (a server's version is known only once it has answered), and ``close`` at the end."""

    name: str
    #: True when checks wait on a server: the pipeline runs them in threads while local engines work
    waits_on_server: bool

    def check(self, document: Document, context: CheckContext) -> Iterable[Finding]: ...

    def signature(self) -> str: ...

    def stats(self) -> dict[str, int]: ...

    def rule_info(self) -> dict[str, RuleInfo]: ...

    def close(self) -> None: ...


class BaseEngine:
    """Defaults for the optional parts of the interface."""

    name = "engine"
    waits_on_server = False

    def signature(self) -> str:
        return self.name

    def stats(self) -> dict[str, int]:
        return {}

    def rule_info(self) -> dict[str, RuleInfo]:
        return {}

    def close(self) -> None:
        pass


CONTEXT_CHARS = 24


#: Characters a file format would need escaped: a fix that writes one is shown, never applied (the replacement
#: goes into the file as written, and "&" in XLIFF or '"' in a PO string would break it).
ESCAPED = {"xliff": "&<>", "tmx": "&<>", "po": '"\\\n', "bitext": '\t\n"', "html": "&<>"}


def _needs_escaping(fmt: str, replacement: str) -> bool:
    return any(ch in replacement for ch in ESCAPED.get(fmt, ""))


def _source_span(source: str | None, focus: str | tuple[int, int] | None) -> tuple[int, int] | None:
    """Where in the source segment a bilingual finding's focus (a number, a name, a term; or a place in it)
    stands."""
    if isinstance(focus, tuple):
        return focus if source and 0 <= focus[0] < focus[1] <= len(source) else None
    if not source or not focus or focus == source:
        return None
    i = source.rfind(focus) if len(focus) == 1 else source.find(focus)
    if i < 0:
        i = source.lower().find(focus.lower())
    return (i, i + len(focus)) if i >= 0 else None


def make_finding(
    doc: Document,
    *,
    rule: str,
    engine: str,
    category: str,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    suggestions: Iterable[str] = (),
    safety: FixSafety = FixSafety.DISPLAY,
    scope: str = "span",
    source_focus: str | tuple[int, int] | None = None,
) -> Finding:
    """Map a checked-text span to the file and build the Finding. A fix is downgraded to display-only when the
    span touches derived text (an entity, collapsed white space) or the file did not decode cleanly."""
    fstart, fend = doc.file_span(start, end)
    line, col = doc.lines.position(fstart)
    end_line, end_col = doc.lines.position(fend)
    matched = doc.text[start:end]
    # a suggestion must never write a placeholder's stand-in word into the file
    suggestions = tuple(dict.fromkeys(s for s in suggestions if s is not None
                                      and (PLACEHOLDER_WORD not in s or s.count(PLACEHOLDER_WORD)
                                           <= matched.count(PLACEHOLDER_WORD))))
    if safety is not FixSafety.DISPLAY and (doc.lossy or not doc.is_literal(start, end) or not suggestions
                                            or _needs_escaping(doc.format, suggestions[0])):
        safety = FixSafety.DISPLAY
    # context for the fingerprint, never beyond the segment: an edit in another paragraph must not change it
    seg = doc.segment_at(start)
    lo, hi = (seg.start, seg.end) if seg is not None else (0, len(doc.text))
    context = doc.text[max(lo, start - CONTEXT_CHARS) : start] + "\x00" + doc.text[end : min(hi, end + CONTEXT_CHARS)]
    return Finding(
        rule=rule,
        engine=engine,
        category=category,
        severity=severity,
        message=message,
        path=doc.path,
        start=fstart,
        end=fend,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        suggestions=suggestions,
        fix_safety=safety,
        matched=doc.text[start:end],
        context=context,
        source=seg.source if seg is not None else None,
        scope=scope,
        source_span=_source_span(seg.source if seg is not None else None, source_focus),
    )


def make_finding_at_file(doc: Document, *, rule: str, engine: str, category: str, severity: Severity, message: str,
                         start: int, end: int) -> Finding:
    """A finding about the file itself (a suppression comment), positioned by file offsets."""
    line, col = doc.lines.position(start)
    end_line, end_col = doc.lines.position(end)
    return Finding(rule=rule, engine=engine, category=category, severity=severity, message=message, path=doc.path,
                   start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col,
                   matched=doc.file_text[start:end])
