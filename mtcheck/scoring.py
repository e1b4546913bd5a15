"""MQM penalty: severity weights summed per document, per 1,000 words (WMT / Google MQM practice)."""

from __future__ import annotations

import math
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
            if not math.isfinite(values[key]) or values[key] < 0:
                raise UsageError(f"MQM weight {key} must be a finite number of 0 or more, not {value.strip()!r}")
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


def evaluate_gate(result, *, fail_on: Severity | None, max_penalty: float | None, scope: str,
                  weights: Weights) -> tuple[bool, str]:
    """(failed, why) for the CI gate: severity threshold and MQM penalty per 1,000 words."""
    reasons = []
    if fail_on is not None:
        n = sum(1 for f in result.findings if f.severity >= fail_on)
        if n:
            reasons.append(f"{n} finding{'s' if n != 1 else ''} at or above {fail_on.label}")
    if max_penalty is not None:
        if scope == "document":
            by_path: dict[str, list[Finding]] = {}
            for f in result.findings:
                by_path.setdefault(f.path, []).append(f)
            over = []
            for d in result.documents:
                value = per_thousand_words(penalty(by_path.get(d.path, []), weights), d.words)
                if value > max_penalty:
                    over.append(f"{d.path} {value:.2f}")
            if over:
                reasons.append(f"MQM penalty per 1,000 words above {max_penalty:g} in {len(over)} document"
                               f"{'s' if len(over) != 1 else ''} ({'; '.join(over[:3])}{'; ...' if len(over) > 3 else ''})")
        else:
            value = per_thousand_words(penalty(result.findings, weights), result.words)
            if value > max_penalty:
                reasons.append(f"MQM penalty {value:.2f} per 1,000 words is above {max_penalty:g}")
    if reasons:
        return True, "failed: " + "; ".join(reasons)
    checks = []
    if fail_on is not None:
        checks.append(f"nothing at or above {fail_on.label}")
    if max_penalty is not None:
        checks.append(f"MQM penalty within {max_penalty:g} per 1,000 words ({scope})")
    return False, "passed: " + ("; ".join(checks) if checks else "no gate set")
