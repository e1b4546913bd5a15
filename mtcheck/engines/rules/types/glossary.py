"""``type: glossary``: the project's terms (``mtcheck.glossary``: CSV or TBX).

``kind``:
- ``required`` (bilingual segments): where the source has a glossary term, the target has one of its target
  terms. The finding covers the segment, whose source names the term.
- ``forbidden``: a forbidden target term (deprecated in the termbase, or listed as forbidden) is flagged where
  it stands, with the approved terms as suggestions; this also runs on target-only documents.

Terms come from ``file`` (relative to the rule file) and from the ``glossaries`` setting (mtcheck's
configuration; the registry adds those files to every glossary rule). Matching ignores case; a source term also
matches its plural ("server" → "servers"), and a target term matches inflected forms (its last letter may change
and up to four follow; diacritics aside, so "Warenkörbe" has "Warenkorb") and, in languages that write compounds
as one word (German, Dutch, the Scandinavian languages), inside one."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from mtcheck import glossary
from mtcheck.document import Document
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.errors import RuleError

KINDS = ("required", "forbidden")
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb", "nn", "fi", "is"})


@functools.lru_cache(maxsize=4096)
def _source_pattern(term: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<!\w){body}(?:s|es)?(?!\w)", re.I)


def fold(text: str) -> str:
    """Without diacritics, for finding inflected target terms: "Warenkörbe" holds "Warenkorb" minus its last letter."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=4096)
def _target_pattern(term: str, compounding: bool) -> re.Pattern:
    words = fold(term).split()
    last = words[-1]
    stem = last[:-1] if len(last) > 5 else last  # "Datei" → "Dateien", "Speicherung" → "Speicherungen"
    body = r"\s+".join([re.escape(w) for w in words[:-1]] + [re.escape(stem)])
    left = "" if compounding else r"(?<!\w)"
    return re.compile(rf"{left}{body}\w{{0,4}}(?!\w)" if not compounding else rf"{body}", re.I)


class GlossaryRule(Rule):
    TYPE = "glossary"
    SEGMENT_LEVEL = True
    KEYS = frozenset({"kind", "file", "example_file"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.kind = need(self, spec, "kind", str)
        if self.kind not in KINDS:
            raise RuleError(f"kind must be one of {', '.join(KINDS)}", path=self.path, rule=self.id)
        self.files: list[str] = []
        file = spec.get("file")
        if file is not None:
            if not isinstance(file, str) or not file:
                raise RuleError("'file' is the path of a CSV or TBX glossary", path=self.path, rule=self.id)
            path = Path(file) if Path(file).is_absolute() else Path(self.path).parent / file
            self.add_file(str(path))
        example = spec.get("example_file")
        self.example_file = str(Path(self.path).parent / example) if isinstance(example, str) and example else None

    def for_examples(self) -> "GlossaryRule":
        """A copy that reads only ``example_file``: the glossary the rule's examples are written against (it is
        never used on documents)."""
        import copy

        rule = copy.copy(self)
        rule.files = []
        if self.example_file:
            rule.add_file(self.example_file)
        return rule

    def add_file(self, path: str) -> None:
        glossary.load(path)  # errors now, naming the file, not in the middle of a run
        self.files.append(path)

    @property
    def entries(self) -> list[glossary.Entry]:
        return [e for f in self.files for e in glossary.load(f)]

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        if not self.files:
            return
        target_lang = (ctx.language or "").lower()
        compounding = target_lang.split("-")[0] in COMPOUNDING
        if self.kind == "forbidden":
            yield from self._forbidden(doc, target_lang, compounding)
            return
        source_lang = (doc.source_language or "").lower()
        for seg in doc.segments:
            if not seg.source:
                continue
            target = doc.text[seg.start : seg.end]
            for entry in self.entries:
                wanted = entry.target_terms(target_lang)
                if not wanted:
                    continue
                hit = next((t for t in entry.source_terms(source_lang) if _source_pattern(t).search(seg.source)), None)
                if hit is None:
                    continue
                folded = fold(target)
                if any(_target_pattern(t, compounding).search(folded) for t in wanted):
                    continue
                yield RuleMatch(seg.start, seg.end, (), {"match": target, "source": seg.source, "term": hit,
                                                         "focus": hit, "target": " / ".join(wanted)})

    def _forbidden(self, doc: Document, target_lang: str, compounding: bool) -> Iterable[RuleMatch]:
        for entry in self.entries:
            bad = entry.forbidden_terms(target_lang)
            if not bad:
                continue
            approved = tuple(entry.target_terms(target_lang))
            for term in bad:
                body = r"\s+".join(re.escape(w) for w in term.split())
                pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.I)
                for m in pattern.finditer(doc.text):
                    if doc.touches_placeholder(m.start(), m.end()):
                        continue
                    yield RuleMatch(m.start(), m.end(), approved, {"match": m.group(), "term": term,
                                                                   "target": " / ".join(approved) or "another word"})
