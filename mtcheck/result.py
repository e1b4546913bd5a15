"""What a run found and what it could not check: the one thing reporters read. Independent of the pipeline that
fills it, so reporters and tools that build results import only this."""

from __future__ import annotations

from dataclasses import dataclass, field

from mtcheck.findings import Finding, Severity


@dataclass(frozen=True)
class RuleInfo:
    """How an engine describes one of its rules (SARIF's reportingDescriptor)."""

    short: str
    full: str = ""
    precision: str = "medium"  # SARIF/GitHub: very-high, high, medium, low
    help_uri: str | None = None


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
    file: str = ""  # the file's path on disk (``path`` is for display, with undecodable bytes escaped)
    source_language: str | None = None  # of a bilingual document's sources


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
    false_alarms: int = 0  # findings hidden because an editor rejected them in review
    suppressed: int = 0  # findings hidden by inline suppressions
    unchanged: int = 0  # files left out by --diff
    gaps: list[Gap] = field(default_factory=list)  # what was not checked: a run with gaps is incomplete
    rule_info: dict = field(default_factory=dict)  # rule id -> RuleInfo, from the engines (SARIF describes rules)
    unidentified: list[str] = field(default_factory=list)  # documents whose language could not be told
    stats: dict = field(default_factory=dict)  # engine name -> its counters (``Engine.stats()``)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def count(self, at_least: Severity) -> int:
        return sum(1 for f in self.findings if f.severity >= at_least)

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)
