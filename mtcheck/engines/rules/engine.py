"""The rule engine: runs the rules that apply to a document's languages and turns their matches into Findings."""

from __future__ import annotations

from typing import Iterable, Sequence

from mtcheck.document import Document
from mtcheck.engines.base import BaseEngine, CheckContext, make_finding
from mtcheck.engines.rules.cache import RuleResultCache, code_fingerprint, rules_fingerprint
from mtcheck.engines.rules.examples import strip_markers
from mtcheck.engines.rules.regex import PatternSet, RegexTimeout
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.templates import describe_template, render
from mtcheck.engines.rules.types.pattern import PatternRule
from mtcheck.findings import Finding
from mtcheck.result import RuleInfo
from mtcheck.selection import Selector


def select_rules(rules: Iterable[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    selector = Selector.of(select, ignore)
    return [rule for rule in rules if rule.status != "deprecated" and selector.allows(rule.id)]


#: SARIF's rule precision (GitHub ranks alerts by it), from the rule's status.
PRECISION = {"stable": "high", "preview": "medium", "deprecated": "low"}


class RulesEngine(BaseEngine):
    name = "rules"
    waits_on_server = False

    def __init__(self, rules: Sequence[Rule], cache: "RuleResultCache | None" = None, *, reading: str = "",
                 select: Sequence[str] = (), ignore: Sequence[str] = ()):
        self.rules = list(rules)
        self.cache = cache
        self.reading = reading  # the reader options: they change the checked text of the same file
        self.select, self.ignore = tuple(select), tuple(ignore)  # the run's selection (for the signature)
        # a rule's data files (glossaries) change its results as much as its YAML does
        self._rules_key = rules_fingerprint([r.path for r in self.rules] + [
            f for r in self.rules for f in getattr(r, "files", ())]) if cache is not None else ""
        self._stats = {"documents": 0, "from cache": 0}
        self._sets: dict[tuple[int, ...], PatternSet] = {}

    def signature(self) -> str:
        return f"rules:{len(select_rules(self.rules, self.select, self.ignore))}"

    def stats(self) -> dict[str, int]:
        return dict(self._stats)

    def rule_info(self) -> dict[str, RuleInfo]:
        out = {}
        for rule in self.rules:
            short = describe_template(rule.message)
            out[rule.id] = RuleInfo(short=short, full=rule.description or short,
                                    precision=PRECISION.get(rule.status, "medium"))
        return out

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def rules_for(self, language: str | None, source_language: str | None) -> list[Rule]:
        return [r for r in self.rules if r.applies_to(language, source_language)]

    def check(self, document: Document, context: CheckContext) -> Iterable[Finding]:
        self._stats["documents"] += 1
        if self.cache is None:
            return list(self._check(document, context, []))
        key = self.cache.key(code_fingerprint(), self._rules_key, document.format, document.file_text,
                             document.language or "", context.source_language or "", ",".join(context.select),
                             ",".join(context.ignore), str(document.lossy), self.reading,
                             "\x1f".join(seg.source or "" for seg in document.segments) if document.bilingual else "")
        found = self.cache.get(key, document.path)
        if found is not None:
            self._stats["from cache"] += 1
        else:
            timed_out: list[str] = []
            found = list(self._check(document, context, timed_out))
            if not timed_out:  # an incomplete result is never cached
                self.cache.put(key, found)
        return found

    def _pattern_set(self, rules: list[Rule]) -> PatternSet:
        """One RE2 set of the whole-text patterns among ``rules`` (built once per selection of rules), so that a
        document is searched for all of them in one pass and a rule whose pattern is not in it is not run."""
        key = tuple(map(id, rules))
        if key not in self._sets:
            chosen = [r for r in rules if isinstance(r, PatternRule) and r.whole_text is not None]
            self._sets[key] = PatternSet([r.pattern for r in chosen],
                                         [[strip_markers(e.text)[0] for e in r.examples] for r in chosen])
        return self._sets[key]

    def _check(self, document: Document, context: CheckContext, timed_out: list[str]) -> Iterable[Finding]:
        language = document.language
        rules = select_rules(self.rules_for(language, context.source_language), context.select, context.ignore)
        rctx = RuleContext(document, language, self._pattern_set(rules))
        for rule in rules:
            try:
                matches = list(rule.find(document, rctx))
            except RegexTimeout:
                timed_out.append(rule.id)
                context.gap(f"rule {rule.id} ({rule.path}) ran past its regex time limit; this file is not "
                            f"fully checked by it", 0, "rules")
                continue
            for m in matches:
                if not document.within_one_segment(m.start, max(m.start, m.end - 1)):
                    continue
                whole = rule.SEGMENT_LEVEL and _whole_segment(document, m.start, m.end)
                if whole and not rule.spans_placeholders and document.touches_markup(m.start, m.end):
                    # about the segment, not its markup: shown on its longest stretch of prose
                    from mtcheck.engines.rules.types.untranslated import _longest_prose

                    m = RuleMatch(*_longest_prose(document, m.start, m.end), m.suggestions, m.values, m.severity)
                    if m.end <= m.start or document.touches_markup(m.start, m.end):
                        continue
                elif not rule.spans_placeholders and document.touches_markup(m.start, m.end):
                    continue  # the match is about inline code or a macro read as a word, not about prose
                yield make_finding(
                    document,
                    rule=rule.id,
                    engine=self.name,
                    category=rule.category,
                    severity=m.severity if m.severity is not None else rule.severity,
                    message=render(rule.message, m.values),
                    start=m.start,
                    end=m.end,
                    suggestions=m.suggestions,
                    safety=rule.fix_safety,
                    scope="segment" if whole else "span",
                    source_focus=_focus(m.values) if document.bilingual else None,
                )


def _focus(values: dict) -> str | tuple[int, int] | None:
    """What a bilingual match refers to in its source: a place ("source_at": "start:end", when the same text
    stands there more than once, as a second dash does) or a text to find (a number, a name, a term)."""
    at = values.get("source_at")
    if at:
        start, end = map(int, at.split(":"))
        return start, end
    return values.get("focus") or values.get("source")


def _whole_segment(doc: Document, start: int, end: int) -> bool:
    seg = doc.segment_at(start)
    return seg is not None and start <= seg.start and end >= seg.end
