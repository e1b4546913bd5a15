"""``type: length``: a translation much shorter (omission) or much longer (addition) than its source, in
sentencepiece units (``mtcheck.lengths``). Bilingual segments only.

The ratio of target to source units depends on the language pair, so it is calibrated: on the file itself when
it has at least ``min_segments`` segments long enough to count (the median log ratio, and a spread from the
median absolute deviation, never below ``min_spread``), else from ``pairs`` (``source-target: [mean, spread]``
of the log ratio, measured on parallel text: bench/length_priors.py); with neither, the segment is not judged.
A segment is flagged when its log ratio is ``z`` spreads beyond the expected one *and* the target is below
``max_share`` (omission) or above ``min_share`` (addition) of the expected length. Short sources (under
``min_source_units``) are never judged: one word more or less is not an omission."""

from __future__ import annotations

import math
import statistics
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError

DIRECTIONS = ("omission", "addition")


class LengthRule(Rule):
    TYPE = "length"
    SEGMENT_LEVEL = True
    KEYS = frozenset({"direction", "min_source_units", "min_segments", "min_spread", "z", "max_share",
                      "min_share", "pairs"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.direction = need(self, spec, "direction", str)
        if self.direction not in DIRECTIONS:
            raise RuleError(f"direction must be one of {', '.join(DIRECTIONS)}", path=self.path, rule=self.id)
        self.min_source_units = need(self, spec, "min_source_units", int, 10)
        self.min_segments = need(self, spec, "min_segments", int, 20)
        self.min_spread = float(need(self, spec, "min_spread", (int, float), 0.15))
        self.z = float(need(self, spec, "z", (int, float), 4.0))
        self.max_share = float(need(self, spec, "max_share", (int, float), 0.5))
        self.min_share = float(need(self, spec, "min_share", (int, float), 2.0))
        pairs = need(self, spec, "pairs", dict, {})
        self.pairs: dict[str, tuple[float, float]] = {}
        for key, value in pairs.items():
            if (not isinstance(value, list) or len(value) != 2
                    or not all(isinstance(v, (int, float)) for v in value) or value[1] <= 0):
                raise RuleError(f"pairs: {key!r} must be [mean, spread] with a positive spread", path=self.path,
                                rule=self.id)
            self.pairs[str(key).lower()] = (float(value[0]), float(value[1]))

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        from mtcheck import lengths

        measured = []
        for seg in doc.segments:
            if seg.source is None or not seg.source.strip():
                continue
            s_units = lengths.units(" ".join(seg.source.split()))
            if s_units < self.min_source_units:
                continue
            # the target as the source is given: inline code as written on both sides
            t_units = lengths.units(doc.segment_view(seg))
            measured.append((seg, s_units, t_units, math.log((t_units + 1) / (s_units + 1))))
        if not measured:
            return
        expected = self._calibration(doc, [r for *_, r in measured])
        if expected is None:
            return
        mean, spread = expected
        for seg, s_units, t_units, r in measured:
            share = math.exp(r - mean)
            z = (r - mean) / spread
            if self.direction == "omission" and z <= -self.z and share <= self.max_share:
                yield self._match(doc, seg, share, s_units, t_units)
            elif self.direction == "addition" and z >= self.z and share >= self.min_share:
                yield self._match(doc, seg, share, s_units, t_units)

    def _calibration(self, doc: Document, ratios: list[float]) -> tuple[float, float] | None:
        if len(ratios) >= self.min_segments:
            median = statistics.median(ratios)
            mad = statistics.median(abs(r - median) for r in ratios)
            return median, max(1.4826 * mad, self.min_spread)
        pair = f"{(doc.source_language or '').split('-')[0]}-{(doc.language or '').split('-')[0]}".lower()
        if pair in self.pairs:
            mean, spread = self.pairs[pair]
            return mean, max(spread, self.min_spread)
        return None

    @staticmethod
    def _match(doc: Document, seg, share: float, s_units: int, t_units: int) -> RuleMatch:
        return RuleMatch(seg.start, seg.end, (), {
            "match": doc.text[seg.start : seg.end], "source": seg.source, "percent": f"{share * 100:.0f}",
            "source_units": str(s_units), "target_units": str(t_units)})
