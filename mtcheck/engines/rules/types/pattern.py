"""``type: pattern``: a regular expression with named groups and suggestion templates.

The finding's span is the group named ``match`` when the pattern has one, else the whole match, so a pattern can
demand context around the span without look-around. ``unless_before``/``unless_after`` are patterns that, when
they match the text just before/after the span, cancel the match, and ``unless_match`` patterns do the same
for the matched span itself (exceptions without look-around)."""

from __future__ import annotations

from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.engines.rules.examples import strip_markers
from mtcheck.engines.rules.regex import Pattern, check_backtracking
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.templates import render
from mtcheck.engines.rules.types.spec import check_templates, need, string_list
from mtcheck.errors import RuleError

#: How much text either side of a match the ``unless_*`` patterns see.
WINDOW = 80


class PatternRule(Rule):
    TYPE = "pattern"
    KEYS = frozenset({"pattern", "case_sensitive", "regex_engine", "scope", "suggest", "unless_before",
                      "unless_after", "unless_match"})

    def configure(self, spec: dict[str, Any]) -> None:
        case = need(self, spec, "case_sensitive", bool, True)
        engine = need(self, spec, "regex_engine", str, "re2")
        self.pattern = Pattern(need(self, spec, "pattern", str), case_sensitive=case, engine=engine,
                               path=self.path, rule=self.id)
        check_backtracking(self.pattern, path=self.path, rule=self.id,
                           samples=tuple(strip_markers(e.text)[0] for e in self.examples))
        self.scope = need(self, spec, "scope", str, "text")
        if self.scope not in ("text", "segment", "sentence"):
            raise RuleError(f"scope must be text, segment or sentence, not {self.scope!r}", path=self.path,
                            rule=self.id)
        self.suggest = string_list(self, spec, "suggest", [])
        groups = set(self.pattern.groupindex) | {"match", "suggestion"}
        check_templates(self, self.suggest + [self.message], groups)
        self.unless_before = [Pattern(p + r"\z" if not p.endswith("$") else p, case_sensitive=case,
                                      path=self.path, rule=self.id)
                              for p in string_list(self, spec, "unless_before", [])]
        self.unless_after = [Pattern(r"\A" + p if not p.startswith("^") else p, case_sensitive=case,
                                     path=self.path, rule=self.id)
                             for p in string_list(self, spec, "unless_after", [])]
        self.unless_match = [Pattern(p, case_sensitive=case, path=self.path, rule=self.id)
                             for p in string_list(self, spec, "unless_match", [])]
        self._span_group = self.pattern.groupindex.get("match")

    def _ranges(self, doc: Document, ctx: RuleContext) -> Iterable[tuple[int, int]]:
        if self.scope == "sentence":
            for start, end in ctx.sentences():
                seg = doc.segment_at(start)
                if seg is None or seg.kind not in self.skip_kinds:
                    yield start, end
        elif self.scope == "segment" or self.skip_kinds:
            for start, end, _ in ctx.segments(self.skip_kinds):
                yield start, end
        else:
            yield 0, len(doc.text)

    @property
    def whole_text(self) -> Pattern | None:
        """The pattern, when it is searched in the whole text (so one search of all such patterns at once can
        tell that it matches nowhere): scope text, no kinds of segment skipped, RE2."""
        if self.scope == "text" and not self.skip_kinds and self.pattern.engine == "re2":
            return self.pattern
        return None

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        if not ctx.may_match(self.pattern):
            return
        text = doc.text
        for lo, hi in self._ranges(doc, ctx):
            for m in self.pattern.finditer(text, lo, hi):
                if self._span_group is not None:
                    start, end = m.start(self._span_group), m.end(self._span_group)
                    if start < 0:
                        start, end = m.start(), m.end()
                else:
                    start, end = m.start(), m.end()
                if end <= start and not self.suggest:
                    continue
                if self.unless_before and any(p.search(text[max(lo, start - WINDOW):start]) for p in self.unless_before):
                    continue
                if self.unless_after and any(p.search(text[end:min(hi, end + WINDOW)]) for p in self.unless_after):
                    continue
                if self.unless_match and any(p.search(text[start:end]) for p in self.unless_match):
                    continue
                values = {k: v for k, v in m.groupdict().items() if v is not None}
                values["match"] = text[start:end]
                suggestions = tuple(render(t, values) for t in self.suggest)
                if suggestions:
                    values["suggestion"] = suggestions[0]
                yield RuleMatch(start, end, suggestions, values)
