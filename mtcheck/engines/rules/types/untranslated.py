"""``type: untranslated``: a sentence left in another language (MT passes through what it cannot translate).

Each sentence goes through the language identifier with its placeholders (inline code, macros) and technical
words (identifiers, file names, acronyms, product names) taken out; it is flagged when another language is near
certain and the document's own language near impossible. A sentence whose letters are mostly code, macros or
names says nothing about its language, and neither does a short heading: neither is checked. Below
``major_words`` words of prose the identifier errs too often for a gate (bench/untranslated_length.py measures
where), so shorter sentences are flagged at ``short_severity``. Quotations legitimately left in the original
language exist, so this rule is for review (display-only). The span never covers a placeholder: it is the
longest stretch of prose between them.

A passage left untranslated is one problem, not one per sentence: flagged sentences that follow each other,
with no checked sentence in the document's language between them, give one finding at the first sentence
(``{passage}`` in the message says how many sentences follow). Translation units (XLIFF, PO, TMX, bitext
lines) are never grouped: each is reported. In a bilingual segment, a sentence whose words mostly stand in its
source is left to the copied-source rules, which can say what it copies. A sentence that is mostly the text of
links (a "See also" list) names other pages, often in their own language: it is not checked."""

from __future__ import annotations

import re
from typing import Any, Iterable

from mtcheck import langid
from mtcheck.document import Document
from mtcheck.document.words import looks_technical
from mtcheck.engines.rules.rule import WORD, Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import need
from mtcheck.findings import Severity


#: Text in quotation marks of any of the usual styles.
QUOTED = re.compile(r'"[^"\n]{1,400}"|“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|«[^»\n]{1,400}»|»[^«\n]{1,400}«'
                    r"|‘[^’\n]{1,400}’|(?<!\w)'[^'\n]{1,400}'(?!\w)")


class UntranslatedRule(Rule):
    TYPE = "untranslated"
    KEYS = frozenset({"min_words", "min_confidence", "max_own_confidence", "major_words", "short_severity",
                      "min_heading_words", "max_markup_share", "short_min_confidence",
                      "short_max_own_confidence", "group_passages"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.min_words = need(self, spec, "min_words", int, 6)
        self.min_confidence = float(need(self, spec, "min_confidence", (int, float), 0.97))
        self.max_own = float(need(self, spec, "max_own_confidence", (int, float), 0.01))
        self.major_words = need(self, spec, "major_words", int, 10)
        self.short_severity = Severity.parse(need(self, spec, "short_severity", str, "minor"))
        # sentences shorter than major_words need a surer verdict (bench/untranslated_length.py)
        self.short_min_confidence = float(need(self, spec, "short_min_confidence", (int, float), 0.99))
        self.short_max_own = float(need(self, spec, "short_max_own_confidence", (int, float), 0.001))
        self.min_heading_words = need(self, spec, "min_heading_words", int, 10)
        self.max_markup_share = float(need(self, spec, "max_markup_share", (int, float), 0.5))
        self.group_passages = need(self, spec, "group_passages", bool, True)

    def _prose(self, doc: Document, start: int, end: int, heading: bool) -> tuple[str, int] | None:
        """(text for the identifier, its word count), or None when the sentence is not worth identifying."""
        markup_letters = 0
        for run in doc.placeholders_in(start, end):
            markup_letters += sum(map(str.isalpha, doc.file_text[run.file_start : run.file_end]))
        words = []
        prose_letters = name_letters = 0
        prose = doc.prose(start, end)
        # a quotation (an error message, a title) may stand in its own language: it says nothing here
        quoted = sum(sum(map(str.isalpha, q.group())) for q in QUOTED.finditer(prose))
        markup_letters += quoted
        prose = QUOTED.sub(" ", prose)
        for m in WORD.finditer(prose):
            w = m.group()
            letters = sum(map(str.isalpha, w))
            if looks_technical(w):  # identifiers, file names, acronyms carry no language
                markup_letters += letters
                continue
            if words and w[:1].isupper():  # capitalised after the first word: a name, or a German noun
                name_letters += letters
            else:
                prose_letters += letters
            if len(w) > 1:
                words.append(w)
        other = markup_letters + name_letters
        if prose_letters == 0 or other > self.max_markup_share * (other + prose_letters):
            return None
        if len(words) < (max(self.min_words, self.min_heading_words) if heading else self.min_words):
            return None
        return " ".join(words), len(words)

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        own = (ctx.language or "").split("-")[0]
        if not own or own not in langid.LANGUAGES:
            return
        sentences = []
        for s, e in ctx.sentences():
            if e - s < 20:
                continue
            seg = doc.segment_at(s)
            if seg is not None and seg.source and _copied(doc.text[s:e], seg.source):
                continue  # the copied-source rules report a sentence copied from its source, with the source
            sentences.append((s, e, seg))
        # the cheap signal first: a sentence whose function words are the document's beyond doubt is not looked at
        # further; then lingua's most likely language, and full confidences only where that is not the document's
        sure = langid.surely_many([doc.text[s:e] for s, e, _ in sentences], own)
        candidates = []
        settled = 0  # sentences so far found in the document's language by the cheap signal: each ends a passage
        for (s, e, seg), surely in zip(sentences, sure):
            if surely:
                settled += 1
                continue
            if doc.link_texts and _mostly_link_text(doc, s, e):
                continue  # the title of a linked page ("See also" lists), in that page's language
            heading = seg is not None and seg.kind in ("heading", "headline")
            prose = self._prose(doc, s, e, heading)
            if prose is not None:
                candidates.append(((s, e), prose, settled))
        top = langid.detect_many([p for _, (p, _), _ in candidates])
        foreign = [i for i, lang in enumerate(top) if lang is not None and lang != own]
        results = langid.confidences_many([candidates[i][1][0] for i in foreign])
        verdicts: dict[int, tuple[str, bool]] = {}  # candidate index → (language, short)
        for i, conf in zip(foreign, results):
            n_words = candidates[i][1][1]
            short = n_words < self.major_words
            if conf.get(own, 0.0) > (self.short_max_own if short else self.max_own):
                continue
            best = max(conf.items(), key=lambda kv: kv[1], default=None)
            if best is None or best[0] == own or best[1] < (self.short_min_confidence if short else
                                                            self.min_confidence):
                continue
            verdicts[i] = (best[0], short)
        # passages: runs of consecutive flagged candidates (any other checked sentence ends a run, whether lingua
        # or the cheap signal found it in the document's language)
        runs: list[list[int]] = []
        for i in range(len(candidates)):
            if i not in verdicts:
                continue
            prev = runs[-1][-1] if runs else None
            if (self.group_passages and prev == i - 1 and verdicts[prev][0] == verdicts[i][0]
                    and candidates[prev][2] == candidates[i][2]
                    and not _own_unit(doc, candidates[prev][0][0], candidates[i][0][0])):
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            (start, end), _, _ = candidates[run[0]]
            start, end = _longest_prose(doc, start, end)
            if end <= start:
                continue
            language = verdicts[run[0]][0]
            more = len(run) - 1
            passage = "" if not more else (f" It begins a passage of {len(run)} such sentences"
                                           f" (the next {more} not flagged separately).")
            short = all(verdicts[i][1] for i in run)
            yield RuleMatch(start, end, (), {"match": doc.text[start:end], "language": language,
                                             "passage": passage},
                            severity=self.short_severity if short else None)


def _mostly_link_text(doc: Document, start: int, end: int) -> bool:
    """Are half or more of the sentence's letters the text of links?"""
    fstart, fend = doc.file_span(start, end)
    inside = sum(sum(map(str.isalpha, doc.file_text[max(a, fstart) : min(b, fend)]))
                 for a, b in doc.link_texts if a < fend and b > fstart)
    total = sum(map(str.isalpha, doc.text[start:end]))
    return total > 0 and inside >= 0.5 * total


def _copied(sentence: str, source: str) -> bool:
    """Do most words of the sentence stand in its source segment (so it is a copy, not a translation)?"""
    words = [w.lower() for w in WORD.findall(sentence) if len(w) > 1]
    if not words:
        return False
    have = {w.lower() for w in WORD.findall(source)}
    return sum(w in have for w in words) >= 0.6 * len(words)


def _own_unit(doc: Document, a: int, b: int) -> bool:
    """Do offsets a and b lie in different translation units (never one passage)?"""
    return doc.segments_are_units and doc.segment_at(a) is not doc.segment_at(b)


def _longest_prose(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The longest stretch of [start, end) between placeholders and unread markup (a link target), without
    surrounding white space."""
    cuts = [(r.text_start, r.text_end) for r in doc.placeholders_in(start, end)]
    fstart, fend = doc.file_span(start, end)
    cuts += [(doc.from_file(a), doc.from_file(b, end=True)) for a, b in doc.hidden if fstart < b and a < fend]
    cuts.sort()
    best = (start, start)
    pos = start
    for a, b in cuts + [(end, end)]:
        lo, hi = pos, min(a, end)
        text = doc.text[lo:hi]
        lo += len(text) - len(text.lstrip())
        hi -= len(text) - len(text.rstrip())
        if hi - lo > best[1] - best[0]:
            best = (lo, hi)
        pos = max(pos, b)
    return best
