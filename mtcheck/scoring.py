"""MQM penalty: severity weights summed per document, per 1,000 words (WMT / Google MQM practice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mtcheck.errors import UsageError
from mtcheck.findings import Finding, Severity

NON_TRANSLATION = "Accuracy/Untranslated text"


@dataclass(frozen=True)
class Weights:
    """Freitag et al. (2021), as used for WMT MQM: minor 1, major 5, critical and non-translation 25,
    minor punctuation 0.1; neutral 0."""

    minor: float = 1.0
    major: float = 5.0
    critical: float = 25.0
    minor_punctuation: float = 0.1
    non_translation: float = 25.0

    @classmethod
    def parse(cls, text: str | None) -> "Weights":
        """``minor=1,major=5,critical=25,minor_punctuation=0.1,non_translation=25`` (any subset)."""
        if not text:
            return cls()
        values = {}
        for item in text.split(","):
            key, _, value = item.partition("=")
            key = key.strip().replace("-", "_")
            if key not in cls.__dataclass_fields__:
                raise UsageError(f"unknown MQM weight {key!r} (known: {', '.join(cls.__dataclass_fields__)})")
            try:
                values[key] = float(value)
            except ValueError:
                raise UsageError(f"MQM weight {key} needs a number, not {value!r}") from None
        return cls(**values)

    def of(self, finding: Finding) -> float:
        if finding.category == NON_TRANSLATION and finding.severity >= Severity.MAJOR:
            return self.non_translation
        if finding.severity == Severity.MINOR:
            return self.minor_punctuation if finding.category == "Fluency/Punctuation" else self.minor
        return {Severity.NEUTRAL: 0.0, Severity.MAJOR: self.major, Severity.CRITICAL: self.critical}[finding.severity]

    def describe(self) -> str:
        return (f"minor {self.minor:g}, major {self.major:g}, critical {self.critical:g}, "
                f"minor punctuation {self.minor_punctuation:g}, non-translation {self.non_translation:g}")


def penalty(findings: Iterable[Finding], weights: Weights) -> float:
    return sum(weights.of(f) for f in findings)


def per_thousand_words(points: float, words: int) -> float:
    return 1000.0 * points / words if words else 0.0
