"""The value types every engine produces and every reporter consumes."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """MQM severities; the int value orders them, ``points`` is the MQM penalty weight."""

    NEUTRAL = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def points(self) -> float:
        return {0: 0.0, 1: 1.0, 2: 5.0, 3: 25.0}[int(self)]

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected one of: {', '.join(s.label for s in cls)})") from None


#: MQM categories, spelled exactly as in the annotated dev data (WMT MQM), plus the standard MQM ones it lacks.
CATEGORIES: tuple[str, ...] = (
    "Accuracy/Mistranslation",
    "Accuracy/Omission",
    "Accuracy/Addition",
    "Accuracy/Untranslated text",
    "Fluency/Grammar",
    "Fluency/Spelling",
    "Fluency/Punctuation",
    "Fluency/Inconsistency",
    "Fluency/Register",
    "Fluency/Character encoding",
    "Style/Awkward",
    "Terminology/Inappropriate for context",
    "Terminology/Inconsistent use of terminology",
    "Locale convention/Number format",
    "Locale convention/Date format",
    "Locale convention/Time format",
    "Locale convention/Currency format",
    "Locale convention/Name format",
    "Locale convention/Address format",
    "Other",
)


class FixSafety(enum.Enum):
    """ruff's three levels: safe fixes apply unattended, unsafe ones on request, display ones are only shown."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


@dataclass(frozen=True)
class Finding:
    """One problem at one place. Offsets are code points into the decoded file (half-open)."""

    rule: str
    engine: str
    category: str
    severity: Severity
    message: str
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = ()
    fix_safety: FixSafety = FixSafety.DISPLAY
    matched: str = ""
    context: str = field(default="", compare=False)
    source: str | None = field(default=None, compare=False)  # the source segment, in bilingual documents
    #: "segment" for a finding about a whole segment against its source (a lost tag, an omission): it never
    #: hides the findings inside it, as a wider finding of the same problem does
    scope: str = field(default="span", compare=False)
    #: in a bilingual finding, the part of the source it refers to: (start, end) in ``source``
    source_span: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def fingerprint(self) -> str:
        """Stable across unrelated edits: rule, normalised match and a little context, not the position."""
        key = "\x1f".join((self.rule, " ".join(self.matched.split()).lower(), " ".join(self.context.split()).lower()))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule)

    def to_json(self) -> dict:
        """The public JSON shape (documented in the README); exactly these keys."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "engine": self.engine,
            "fix": self.fix_safety.value,
            "fingerprint": self.fingerprint,
            "source": self.source,
            "source_span": list(self.source_span) if self.source_span else None,
        }
