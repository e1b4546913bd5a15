"""The LanguageTool pass: paragraphs to a LanguageTool server, answers to Findings.

Requests go straight to the server's /v2/check over HTTP from a thread pool rather than through
language-tool-python's ``LanguageTool.check``: that client keeps a class-level offset-correction cache while it
builds its ``Match`` objects, so they must not be built from several threads at once, and we need several
requests in flight to keep every server thread busy. language-tool-python still serves where it is safe:
Java version parsing and the download route (``provision``)."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote

import requests

from mtcheck.document import Document
from mtcheck.document.words import is_unit_after_number, looks_technical, other_script, software_terms
from mtcheck.engines.base import BaseEngine, CheckContext, make_finding
from mtcheck.engines.languagetool.cache import ResultCache
from mtcheck.engines.languagetool.mapping import PICKY_CATEGORIES, category_for, severity_for, utf16_to_codepoints
from mtcheck.engines.languagetool.server import server_languages
from mtcheck.errors import ServerError
from mtcheck.findings import Finding, FixSafety
from mtcheck.result import RuleInfo

#: LanguageTool wants a variant for spelling in some languages; plain "en" has no spell checker.
VARIANTS = {"en": "en-US", "de": "de-DE", "pt": "pt-PT", "nl": "nl", "ca": "ca-ES"}
#: Off unless --lt-level picky, measured on real MT output (bench/devdata_precision.py): optional commas and
#: capitalisation preferences that human MQM raters do not count as errors, and that made most of
#: LanguageTool's false alarms on error-free lines.
QUIET_RULES = (
    # English: optional commas, case preferences
    "COMMA_COMPOUND_SENTENCE", "COMMA_COMPOUND_SENTENCE_2", "MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE",
    "NO_COMMA_BEFORE_INDIRECT_QUESTION", "PRP_COMMA", "EN_SPECIFIC_CASE",
    # German: recommended (not required) spellings, case hints, idiom suggestions
    "DE_CASE", "EMPFOHLENE_ZUSAMMENSCHREIBUNG", "HIGH_SCHOOL", "SCHIEFGEHEN",
    # typography and style preferences that edited documentation does not follow (measured on
    # ../shared/realdocs, bench/realdocs.py): en dash in "Listing 10-13", "to-do", a comma after "Otherwise"
    "HYPHEN_TO_EN", "TO_DO_HYPHEN", "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",
    # Spanish: "sólo" for "solo" is a preference of the RAE since 2010, still accepted; reviewed translations use it
    "SOLO",
    # German: "Kryptographie" for "Kryptografie", "essentiell" for "essenziell": both spellings in the Duden
    "F_ANSTATT_PH", "Z_ANSTATT_T",
    # German typography preferences: narrow no-break spaces around operators ("3×8"), "×" for a literal "*"
    # (the colour space "L*a*b*")
    "LEERZEICHEN_RECHENZEICHEN", "MALZEICHEN",
    # German: a capital after a colon when a main clause follows; LanguageTool cannot tell one from "das heißt, ..."
    # (1 of 5 right in two judged samples of MT German, bench/judgements/)
    "DOPPELPUNKT_GROSS",
    # German: "Taskforce" for "Task Force"; the Duden has both closed and hyphenated forms, and names keep the
    # English spelling ("… Houdini Task Force"): 0 of 3 right in the census of MT German (bench/judgements/)
    "TASK_FORCE",
)
#: A word a speller rejects is still correct when another national variant accepts it ("realise", "rumours").
OTHER_VARIANTS = {"en-US": ("en-GB",), "en-GB": ("en-US",), "pt-PT": ("pt-BR",), "pt-BR": ("pt-PT",),
                  "de-DE": ("de-CH",), "de-AT": ("de-DE",), "de-CH": ("de-DE",)}
#: Rules about runs of spaces, and the formats whose rendering collapses them (the reader never sees two spaces;
#: in plain text, XLIFF, PO and TMX the spaces are what ships).
WHITESPACE_RULES = frozenset({"WHITESPACE_RULE", "CONSECUTIVE_SPACES"})
RENDERED_FORMATS = frozenset({"markdown", "mdx", "html", "rst"})
#: Rules that misread a headline (no final stop is normal there).
HEADLINE_SKIP = {"PUNCTUATION_PARAGRAPH_END", "UPPERCASE_SENTENCE_START"}
#: Rules that misread the start of a list item or a table cell, which documentation often begins in lower case
#: ("**optional** `name`: a string"); later sentences of the item are still checked.
ITEM_START_SKIP = {"UPPERCASE_SENTENCE_START"}
MAX_SUGGESTIONS = 5
#: What may stand before the first word of a list item: white space and opening quotes ('"org" is ...').
QUOTES_AND_SPACE = " \t\n\"'“„«‘‚(["
#: Punctuation around a token that is not part of it ("(foo.bar)," → "foo.bar").
TOKEN_EDGES = ".,;:!?()[]{}\"'“”‘’«»"
#: Paragraphs go to the server in batches of about this many characters, separated by blank lines (which
#: LanguageTool reads as paragraph boundaries): one request per paragraph cost ~100 ms of HTTP round trip for
#: ~5 ms of checking here, one request per batch brings the pass to the server's own speed.
BATCH_CHARS = 12_000
PARAGRAPH_BREAK = "\n\n"
RETRIES = 2
#: Seconds one request may take (MTCHECK_LT_TIMEOUT): a batch takes a few seconds; a hung server never answers.
TIMEOUT = 60.0
#: Rules whose verdict on a paragraph depends on other paragraphs sent with it (quotes paired across paragraphs,
#: a spelling kept coherent across a text): off, so a paragraph's findings never depend on the rest of the run.
#: mtcheck's own balance and consistency rules do this work per paragraph and per document.
CROSS_PARAGRAPH_RULES = (
    "EN_UNPAIRED_BRACKETS", "EN_UNPAIRED_QUOTES", "DE_UNPAIRED_BRACKETS", "DE_UNPAIRED_QUOTES",
    "ES_UNPAIRED_BRACKETS", "ES_UNPAIRED_QUOTES", "FR_UNPAIRED_BRACKETS", "FR_UNPAIRED_QUOTES",
    "PT_UNPAIRED_BRACKETS", "IT_UNPAIRED_BRACKETS", "NL_UNPAIRED_BRACKETS", "UNPAIRED_BRACKETS",
    "EN_WORD_COHERENCY", "DE_WORD_COHERENCY", "ES_WORD_COHERENCY", "PT_WORD_COHERENCY", "FR_WORD_COHERENCY",
    "PARAGRAPH_REPEAT_BEGINNING_RULE",
)


@dataclass
class LanguageToolSettings:
    server_urls: tuple[str, ...] = ()  # shared servers; () = the local one(s) mtcheck manages
    local_servers: int = 1  # local servers to start and balance over (lt_servers)
    level: str = "default"  # or "picky"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()  # the project's word list
    cache_path: Path | None = None
    threads: int = 2
    lt_path: str | None = None
    idle_timeout: int = 1800
    timeout: float = TIMEOUT


def load_word_list(paths: Iterable[Path]) -> frozenset[str]:
    """Words from ``mtcheck.words`` files: one per line, '#' starts a comment."""
    words: set[str] = set()
    for path in paths:
        try:
            for line in path.read_text(encoding="utf-8").splitlines():
                word = line.split("#", 1)[0].strip()
                if word:
                    words.add(word)
        except (OSError, UnicodeDecodeError):
            continue
    return frozenset(words)


#: Where LanguageTool documents a rule (SARIF helpUri).
LT_RULE_PAGE = "https://community.languagetool.org/rule/show/{id}?lang={lang}"


class LanguageToolEngine(BaseEngine):
    name = "languagetool"
    waits_on_server = True

    def __init__(self, settings: LanguageToolSettings, *, say: Callable[[str], None] = lambda m: None):
        from mtcheck.engines.languagetool.pool import ServerPool

        self.settings = settings
        self.say = say
        self.pool = ServerPool(urls=tuple(settings.server_urls), local=settings.local_servers,
                               idle_timeout=settings.idle_timeout, lt_path=settings.lt_path, say=say)
        self._version: str | None = None
        self._local = threading.local()
        self.cache = ResultCache(settings.cache_path)
        self._stats = {"paragraphs": 0, "sent": 0, "from cache": 0}
        # the pipeline checks several documents at once from its threads
        self._lock = threading.Lock()
        #: rule id -> (LanguageTool's description of the rule, a language it fired in), for SARIF
        self.descriptions: dict[str, tuple[str, str]] = {}
        self._restarted = False
        self._codes: frozenset[str] | None = None  # the languages the server checks, once it has started
        self._unsupported: set[str] = set()

    # -- server -----------------------------------------------------------------------------------------------
    def _ensure_server(self) -> None:
        if self._version is None:
            self._version = self.pool.start()
            self._codes = None
            for ep in list(self.pool.endpoints):
                self._codes = server_languages(ep.url)
                if self._codes is not None:
                    break

    def _lt_code(self, language: str | None) -> str | None:
        """The code LanguageTool knows ``language`` by ("en" → "en-US", "pt-BR", "de-CH"), or None when the
        server checks no such language (Norwegian, Icelandic: LanguageTool 6 has no rules for them). When the
        server does not say which languages it has, the code is sent as it is."""
        if not language:
            return None
        code = VARIANTS.get(language, language)
        if self._codes is None or code in self._codes:
            return code
        base = language.split("-")[0]
        return next((c for c in (VARIANTS.get(base), base) if c and c in self._codes), None)

    def signature(self) -> str:
        return f"lt:{self._version or 'unused'}:{self.settings.level}"

    def stats(self) -> dict[str, int]:
        return {**self._stats, **self.pool.stats()}

    def rule_info(self) -> dict[str, RuleInfo]:
        """LanguageTool's own description of each rule that fired, with its page on community.languagetool.org."""
        out = {}
        for rule_id, (description, lang) in self.descriptions.items():
            page = LT_RULE_PAGE.format(id=quote(rule_id.split(":", 1)[1]), lang=quote(lang.split("-")[0])) \
                if lang else None
            out[rule_id] = RuleInfo(short=description or rule_id, full=description or rule_id, help_uri=page)
        return out

    def _settings_key(self) -> str:
        s = self.settings
        raw = json.dumps([s.level, sorted(s.enabled_rules), sorted(s.disabled_rules), list(PICKY_CATEGORIES),
                          list(QUIET_RULES), list(CROSS_PARAGRAPH_RULES)])
        return hashlib.sha1(raw.encode()).hexdigest()[:12]

    # -- requests ---------------------------------------------------------------------------------------------
    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def _params(self, text: str, language: str, mother_tongue: str | None) -> dict:
        p = {"text": text, "language": language}
        if mother_tongue:
            p["motherTongue"] = mother_tongue
        if self.settings.level == "picky":
            p["level"] = "picky"
        else:
            p["disabledCategories"] = ",".join(PICKY_CATEGORIES)
        disabled = set(self.settings.disabled_rules) | set(CROSS_PARAGRAPH_RULES)
        if self.settings.level != "picky":
            disabled.update(QUIET_RULES)
        disabled -= set(self.settings.enabled_rules)
        if self.settings.enabled_rules:
            p["enabledRules"] = ",".join(sorted(self.settings.enabled_rules))
        if disabled:
            p["disabledRules"] = ",".join(sorted(disabled))
        return p

    def _post(self, params: dict) -> list:
        """One request, to the pool's least busy server; a server that fails leaves the pool and the request
        goes to another. Raises ServerError when no server is left."""
        while True:
            ep = self.pool.acquire()
            try:
                result = self._request(ep.url, params)
            except ServerError as exc:
                if getattr(exc, "rejected", False):
                    self.pool.succeeded(ep)
                    raise
                self.pool.failed(ep, str(exc).split(": ", 1)[-1], fatal=getattr(exc, "fatal", False))
                continue
            self.pool.succeeded(ep)
            return result

    def _request(self, url: str, params: dict) -> list:
        """One request to one server; a server error or a broken connection is tried again once. Raises
        ServerError (``fatal`` when the server cannot be reached or did not answer in time)."""
        last = None
        fatal = False
        for attempt in range(RETRIES):
            try:
                r = self._session().post(f"{url}/v2/check", data=params, timeout=self.settings.timeout)
                if r.status_code == 200:
                    try:
                        return [_slim(m) for m in r.json().get("matches", [])]
                    except (ValueError, AttributeError, TypeError) as exc:
                        last = f"malformed answer from LanguageTool ({type(exc).__name__})"
                        break
                last = f"HTTP {r.status_code}: {' '.join(r.text[:200].split())}"
                if r.status_code < 500 and r.status_code not in (408, 429):
                    # the server is well and refused this request (a language or a setting it does not know):
                    # neither another try, nor another server, nor a restart will change its answer
                    error = ServerError(f"LanguageTool at {url} refused the request: {last}")
                    error.rejected = True
                    raise error
            except requests.Timeout:
                last, fatal = f"no answer within {self.settings.timeout:g} s", True
                break  # a hung server will not answer a second time either
            except requests.RequestException as exc:
                last, fatal = f"connection failed ({type(exc).__name__})", True
            time.sleep(0.5 * (attempt + 1))
        error = ServerError(f"LanguageTool at {url}: {last}")
        error.fatal = fatal
        raise error

    def _send(self, batches: list, language: str, mother: str | None) -> tuple[dict, list, str, bool]:
        """Send batches from the thread pool (a few threads per server of the pool): (results by paragraph key,
        batches that failed, why, whether a server failed rather than refused a request). Once no server is left,
        the rest fail at once (bounded time, not a timeout per batch)."""
        fresh: dict[str, list] = {}
        failed: list = []
        reasons: list[str] = []
        broken = False

        def work(batch: list[tuple[str, str]]):
            try:
                joined = PARAGRAPH_BREAK.join(text for _, text in batch)
                part = _split_matches(batch, self._post(self._params(joined, language, mother)))
            except ServerError as exc:
                return None, batch, str(exc), not getattr(exc, "rejected", False)
            return part, None, "", False

        workers = max(1, self.settings.threads) * max(1, len(self.pool.endpoints))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for part, lost, why, server_failed in pool.map(work, batches):
                if part is not None:
                    fresh.update(part)
                else:
                    failed.append(lost)
                    reasons.append(why)
                    broken = broken or server_failed
        return fresh, failed, (reasons[0] if reasons else ""), broken

    def _restart_once(self, reason: str) -> bool:
        """Restart the local servers mtcheck manages that failed, once per run (never a shared one named by
        URL). True when there is a server to send the lost paragraphs to."""
        with self._lock:
            if not self.pool.managed or self._restarted:
                return False
            self._restarted = True
            self.say(f"LanguageTool failed ({reason}); restarting the local server and sending again")
            revived = self.pool.restart_dead()
            if revived:
                self._local = threading.local()  # sessions to the old servers are useless
            return revived

    # -- the pass ---------------------------------------------------------------------------------------------
    def check(self, document: Document, context: CheckContext) -> Iterable[Finding]:
        if not document.segments or not document.language:
            return []
        try:
            with self._lock:
                self._ensure_server()
        except ServerError as exc:
            context.gap(f"LanguageTool is not available: {exc}", len(document.segments))
            return []
        self.pool.touch()
        language = self._lt_code(document.language)
        if language is None:
            with self._lock:
                first = document.language not in self._unsupported
                self._unsupported.add(document.language)
            if first:  # once per language and run: the rule engine still checks these documents
                context.warn(f"LanguageTool has no rules for '{document.language}': documents in that language "
                             f"are checked by mtcheck's rules only")
            return []
        mother = self._lt_code(context.source_language)  # a mother tongue LanguageTool lacks is not sent
        settings_key = self._settings_key()
        paragraphs = [(seg, document.text[seg.start : seg.end]) for seg in document.segments]
        keys = [ResultCache.key(t, language=language, mother_tongue=mother, version=self._version or "",
                                settings=settings_key) for _, t in paragraphs]
        cached = self.cache.get_many(list(set(keys)))
        todo = {k: t for k, (_, t) in zip(keys, paragraphs) if k not in cached}
        with self._lock:
            self._stats["paragraphs"] += len(paragraphs)
            self._stats["from cache"] += len(paragraphs) - len(todo)
            self._stats["sent"] += len(todo)
        fresh: dict[str, list] = {}
        if todo:
            batches = _batches(list(todo.items()))
            fresh, failed, reason, broken = self._send(batches, language, mother)
            if failed and broken and self._restart_once(reason):
                again, failed, reason, _ = self._send(failed, language, mother)
                fresh.update(again)
            self.cache.put_many(fresh)
            if failed:
                lost = sum(len(b) for b in failed)
                context.gap(f"LanguageTool could not check {lost} of {len(paragraphs)} paragraphs: {reason}", lost)
        results = {**cached, **fresh}
        accepted = self._accepted_elsewhere(paragraphs, keys, results, language, document,
                                            self._lt_code(context.source_language))
        findings = []
        word_counts: dict[str, int] | None = None
        for index, ((seg, text), key) in enumerate(zip(paragraphs, keys)):
            matches = results.get(key)
            if not matches:
                continue
            convert = utf16_to_codepoints(text)
            for m in matches:
                rule_id = m["rule"]["id"]
                if seg.kind in ("headline", "heading") and rule_id in HEADLINE_SKIP:
                    continue
                if rule_id in WHITESPACE_RULES and document.format in RENDERED_FORMATS:
                    continue  # Markdown, HTML and reStructuredText collapse spaces: no reader sees two
                start = seg.start + convert(m["offset"])
                end = seg.start + convert(m["offset"] + m["length"])
                if end <= start:
                    continue
                if rule_id in ITEM_START_SKIP:
                    at_start = not text[: convert(m["offset"])].strip(QUOTES_AND_SPACE)
                    # an item or cell may start in lower case, and so may a unit that goes on with the sentence of
                    # the unit before (subtitles, TED lines, a split XLIFF segment), and words after a link's "?"
                    if at_start and (seg.kind in ("item", "cell") or (index and document.segments_are_units and
                                                                      _runs_on(paragraphs[index - 1][1]))):
                        continue
                    if document.touches_markup(max(seg.start, start - 3), start):
                        continue
                if document.touches_markup(start, end):
                    continue  # about inline code or a macro read as a word, not about the prose
                if _inside_technical_token(document.text, start, end):
                    continue  # "lock" in Cargo.lock, "rb" in .rb: about an identifier, not about prose
                if m["rule"].get("issueType") == "misspelling":
                    if document.text[start:end] in accepted:
                        continue
                    if word_counts is None:
                        word_counts = _word_counts(document.text)
                    if self._quiet_spelling(document, start, end, word_counts):
                        continue
                self.descriptions.setdefault(f"LT:{rule_id}", (m["rule"].get("description") or "", language))
                findings.append(make_finding(
                    document,
                    rule=f"LT:{rule_id}",
                    engine=self.name,
                    category=category_for(m),
                    severity=severity_for(m),
                    message=m.get("message") or m["rule"].get("description", rule_id),
                    start=start,
                    end=end,
                    suggestions=m.get("replacements", [])[:MAX_SUGGESTIONS],
                    safety=FixSafety.DISPLAY,
                ))
        return collapse_repeats(findings, document)

    def _accepted_elsewhere(self, paragraphs, keys, results, language: str, document: Document,
                            source_code: str | None = None) -> set[str]:
        """Words the speller of ``language`` rejected that are still words: accepted by another national variant
        ("realise" in en-US text), by the English speller in a text of another language (technical prose
        borrows English terms: "Layout", "Property"), hyphenated compounds each of whose parts is accepted or
        technical ("Grid-Container", "bfcache-Einträge"), and, in German and Dutch, closed compounds that
        compound-split cuts into two accepted words ("Ereignislistener", "skriptfähige"). In a bilingual
        document, also a word its source segment writes the same way that is no ordinary word of the source
        language either (its speller rejects it too): a name, a species, a brand kept as written ("Philodendron
        selloum"), and any Latin-script word of a source in another script (a Chinese source naming "LIGO"). A
        word of the source language passed through ("Bahnhof" in an English text) stays a finding, and so does
        every word when LanguageTool lacks the source language."""
        words: set[str] = set()
        kept: set[str] = set()  # rejected words that their source segment writes the same way, in Latin script
        names: set[str] = set()  # ... in a source of another script
        for (seg, text), key in zip(paragraphs, keys):
            rejected = _misspelled(text, results.get(key) or ())
            words |= rejected
            if seg.source:
                for w in rejected:
                    if _has_word(seg.source, w):  # the rest of a source in another script: a name in it
                        (names if other_script(seg.source.replace(w, " ")) else kept).add(w)
        # words quiet anyway need no speller: each rejected candidate costs the server a suggestion search
        words = {w for w in words if not self._known_word(w, document)}
        if not words:
            return set()
        names &= words
        kept = (kept & words) - names if source_code and source_code != language else set()
        parts = {v for w in words if "-" in w.strip("-") for p in w.split("-") if p for v in _unlinked(p)}
        splits = {w: compound_parts(w, language) for w in words if "-" not in w}
        stems = {w: loan_stems(w, language) for w in words}
        bases = {w: inflection_bases(w, language) for w in words}
        base_words = {b for options in bases.values() for b in options}
        stem_words = {x for options in stems.values() for x in options}
        compound = {v for options in splits.values() for pair in _variants(options) for vs in pair for v in vs}
        others = OTHER_VARIANTS.get(language, ())
        if not language.startswith("en"):
            others = (*others, "en-US")
        queries = [(parts | compound | base_words, language)] + [
            (words | parts | compound | (stem_words if variant.startswith("en") else set()), variant)
            for variant in others] + [(kept, source_code)]
        # at once: each waits in the server's queue behind the paragraphs of other documents, and this document's
        # findings wait on the last answer
        # (an empty query costs nothing: _speller_accepts answers it without the server)
        if sum(1 for q in queries if q[0]) > 1:
            with ThreadPoolExecutor(max_workers=len(queries)) as pool:
                answers = list(pool.map(lambda q: self._speller_accepts(*q), queries))
        else:
            answers = [self._speller_accepts(*q) for q in queries]
        *answers, source_words = answers
        accepted = set().union(*answers)
        out = {w for w in words if w in accepted} | names | (kept - source_words)
        for w in words - out:
            pieces = [p for p in w.split("-") if p]
            if len(pieces) > 1 and all(any(v in accepted for v in _unlinked(p)) or looks_technical(p)
                                       or p.lower() in software_terms() or p in document.markup_vocabulary
                                       for p in pieces):
                out.add(w)
            elif any(stem in accepted or stem in software_terms() for stem in stems.get(w, ())):
                out.add(w)  # an English verb with German endings: "fingerprinten", "gescrollten", "tabbt"
            elif any(base in accepted for base in bases.get(w, ())):
                out.add(w)  # a form the dictionary lacks of a word it knows: "permissivere", "generischste"
            elif any(all(any(v in accepted for v in variants) for variants in pair_variants)
                     for pair_variants in _variants(splits.get(w, ()))):
                out.add(w)
        return out

    def _speller_accepts(self, candidates: set[str], language: str) -> set[str]:
        """The candidates that the speller of ``language`` accepts; each word's verdict is cached on its own, so
        words met in earlier documents or runs are not sent again."""
        if not candidates:
            return set()
        keys = {w: ResultCache.key(w, language=language, mother_tongue=None, version=self._version or "",
                                   settings="speller-word") for w in candidates}
        known = self.cache.get_many(list(keys.values()))
        todo = sorted(w for w, k in keys.items() if k not in known)
        verdicts = {w: known[keys[w]] for w in candidates if keys[w] in known}
        if todo:
            text = PARAGRAPH_BREAK.join(todo)
            try:
                # the spellers alone (category TYPOS): single words check in milliseconds
                hit = self._post({"text": text, "language": language, "enabledOnly": "true",
                                  "enabledCategories": "TYPOS"})
            except ServerError:
                hit = None
            if hit is not None:
                rejected = _misspelled(text, hit)
                fresh = {w: ([{"rejected": True}] if w in rejected else []) for w in todo}
                self.cache.put_many({keys[w]: v for w, v in fresh.items()})
                verdicts.update(fresh)
        return {w for w, v in verdicts.items() if not v}

    def _known_word(self, word: str, document: Document) -> bool:
        """A word that is no misspelling wherever it stands: in the word list, the page's code, the software
        terms, or shaped like an identifier, a file name or an acronym."""
        return (word in self.settings.words or word.lower() in self.settings.words or looks_technical(word)
                or word in document.markup_vocabulary or word in software_terms() or word.lower() in software_terms())

    def _quiet_spelling(self, document: Document, start: int, end: int, counts: dict[str, int]) -> bool:
        """Proper names, technical words and the document's own vocabulary are not misspellings: a word in the
        project word list or in the page's markup, an identifier, file name, flag, unit, acronym or product name,
        a word spelled the same way several times in the document (or capitalised inside a sentence, as a name) or
        one of a word family that stands there three times (the page's jargon, inflected: "rerenderizar",
        "rerenderice"), a reduplication ("ylang-ylang"), a table cell of one word, a capitalised word inside a
        sentence, or one that starts a run of capitalised words."""
        text = document.text
        word = text[start:end]
        if self._known_word(word, document) or is_unit_after_number(text, start, end):
            return True
        if _quoted(text, start, end):
            return True  # a single word in quotation marks is cited ("com" and "edu"), not misspelled
        # the speller's span may be part of a longer technical token ("foo" in "foo.bar", "max" in "max_width")
        token = _token_around(text, start, end)
        if token != word and looks_technical(token):
            return True
        if counts.get(word, 0) >= 2:
            return True
        if word[:1].islower() and counts.get("\1" + word[:1].upper() + word[1:], 0):
            return True  # the page also writes it as a name, capitalised inside a sentence ("…, Alocasia odora")
        parts = word.lower().split("-")
        if len(parts) == 2 and parts[0] == parts[1]:
            return True  # a reduplication is a name or a sound, not a misspelling ("ylang-ylang", "mahi-mahi")
        if len(word) > FAMILY_PREFIX and counts.get("\0" + word[:FAMILY_PREFIX].lower(), 0) >= 3:
            return True  # three words of its family in the page: its jargon, inflected
        seg = document.segment_at(start)
        if seg is not None and seg.kind == "cell" and document.text[seg.start : seg.end].strip(" *_`") == word:
            return True  # a table cell of one word is a value or a label ("letmein", "pa55w0rd"), not prose
        if word[:1].isupper():
            if _inside_sentence(text, start):
                return True
            # at a sentence start: a name when the next word is capitalised too ("Kowalski Group said")
            after = _WORDS.match(text, end + 1) if text[end : end + 1] == " " else None
            if after is not None and after.group()[:1].isupper():
                return True
        return False

    def close(self) -> None:
        self.cache.close()


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


#: Languages whose closed compounds compound-split can cut (its German model).
COMPOUNDING = {"de": "de"}
#: Linking elements at the end of a compound's first part ("Zeichenkodierungs|formen", "Inhalts|getriebene").
LINKS = ("es", "s", "n", "en", "e")


#: One LanguageTool rule firing this many times in one sentence is one problem (degenerate output: ". . . . .",
#: a loop), reported once over the stretch with a count.
COLLAPSE_AT = 3


#: Marks that end a sentence; a unit ending otherwise leaves its sentence to the next unit.
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", "‼", "⁇")


def _runs_on(previous: str) -> bool:
    """Does a translation unit leave its sentence unfinished ("... so blinding that")?"""
    tail = previous.rstrip().rstrip("\"'”’»)]")
    return bool(tail) and not tail.endswith(_SENTENCE_END)


def collapse_repeats(findings: list[Finding], document: Document) -> list[Finding]:
    """Findings of one rule repeated COLLAPSE_AT or more times in one sentence become one finding, at the first of
    them, whose message says how many times (degenerate MT output drowns everything else otherwise)."""
    from dataclasses import replace

    from mtcheck.document.sentences import sentence_spans

    by_segment: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        seg = document.segment_at(document.from_file(f.start))
        by_segment.setdefault((seg.start if seg else -1, f.rule), []).append(f)
    if all(len(group) < COLLAPSE_AT for group in by_segment.values()):
        return findings
    out: list[Finding] = []
    spans_cache: dict[int, list[tuple[int, int]]] = {}
    for (seg_start, _), group in by_segment.items():
        if len(group) < COLLAPSE_AT or seg_start < 0:
            out.extend(group)
            continue
        seg = document.segment_at(seg_start)
        if seg_start not in spans_cache:
            spans_cache[seg_start] = [(seg.start + a, seg.start + b)
                                      for a, b in sentence_spans(document.segment_text(seg), document.language)]

        def sentence_of(f: Finding) -> int:
            at = document.from_file(f.start)
            return next((i for i, (a, b) in enumerate(spans_cache[seg_start]) if a <= at < b), -1)

        # one cluster: the same sentence, or nothing but marks and spaces in between (". . . ." splits sentences)
        clusters: list[list[Finding]] = []
        for f in sorted(group, key=lambda x: x.start):
            prev = clusters[-1][-1] if clusters else None
            if prev is not None and (sentence_of(prev) == sentence_of(f) or
                                     not any(ch.isalnum() for ch in document.file_text[prev.end:f.start])):
                clusters[-1].append(f)
            else:
                clusters.append([f])
        for members in clusters:
            if len(members) < COLLAPSE_AT:
                out.extend(members)
                continue
            # one finding, at the first place (a span over all of them would cover whatever markup lies between)
            first = members[0]
            out.append(replace(first, suggestions=(),
                               message=f"{first.message} ({len(members)} times in this sentence)"))
    return sorted(out, key=Finding.sort_key)


def compound_parts(word: str, language: str) -> list[tuple[str, str]]:
    """The two most likely (head, tail) cuts of a closed compound, from compound-split (CharSplit's n-gram
    model, shipped with the package), or nothing for a short word or a language it has no model for."""
    lang = COMPOUNDING.get(language.split("-")[0])
    if lang is None or len(word) < 9 or not word.isalpha():
        return []
    try:
        from compound_split import char_split
    except ImportError:
        return []
    try:
        splits = char_split.split_compound(word)
    except (ValueError, KeyError, IndexError):
        return []
    out = []
    for score, head, tail in splits[:2]:
        if len(head) >= 3 and len(tail) >= 4:
            out.append((head, tail if word[:1].isupper() else tail.lower()))
    return out


def _unlinked(part: str) -> list[str]:
    """A compound's first part with and without its linking element ("Nutzungs" → "Nutzung")."""
    return [part] + [part[: -len(link)] for link in LINKS if part.endswith(link) and len(part) - len(link) >= 3]


#: German inflection around an English verb stem: (prefix, suffix) pairs, longest first.
_GERMAN_VERB_ENDINGS = ("iertes", "ierter", "iertem", "ierten", "ierte", "iert", "ieren", "ten", "te", "tet", "tes", "ter", "en", "et", "st", "t",
                        "e", "n")


def loan_stems(word: str, language: str) -> list[str]:
    """For German: English stems a word may inflect ("gescrollten" → scroll, "tabbt" → tab, "hashiert" → hash,
    "deserialisieren" → deserialise/deserialize). Accepted when the English speller or the software terms know
    the stem: German technical prose conjugates English verbs."""
    if language.split("-")[0] != "de" or len(word) < 5 or not word.isalpha() or not word[:1].islower():
        return []
    out = []
    bases = [word] + ([word[2:]] if word.startswith("ge") and len(word) > 6 else [])
    for base in bases:
        for ending in _GERMAN_VERB_ENDINGS:
            if base.endswith(ending) and len(base) - len(ending) >= 3:
                stem = base[: -len(ending)]
                out.append(stem)
                if len(stem) > 3 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])  # "tabb" → "tab"
                if ending.startswith("ier"):
                    out += [stem + "e", stem.replace("is", "iz") + "e"]  # "serialis" → "serialise", "serialize"
    return [s for s in dict.fromkeys(out) if len(s) >= 3]


#: German adjective endings, comparative and superlative ones first: "permissiv|ere", "generisch|ste".
_GERMAN_ADJECTIVE_ENDINGS = ("esten", "ester", "estes", "estem", "este", "sten", "ster", "stes", "stem", "ste",
                             "eren", "erer", "eres", "erem", "ere", "en", "er", "es", "em", "e")


def inflection_bases(word: str, language: str) -> list[str]:
    """For English, the "-able" adjective of an "-ability" noun ("reconfigurability" → reconfigurable). For
    German: the uninflected adjective a lower-case word may be a form of ("permissivere" → permissiv,
    "generischste" → generisch), or the verb of a "-bar" adjective ("registrierbare" → registrieren). LanguageTool's German dictionary lacks many comparatives and superlatives of
    words it knows; the base must be accepted by the same German speller and be at least five letters long."""
    if language.split("-")[0] == "en" and word.isalpha() and word[:1].islower():
        # English: the noun of an "-able" adjective the dictionary knows ("reconfigurability" → reconfigurable,
        # "serializability" → serializable); its "-ability" nouns are regular and mostly missing
        for noun, adjective in (("ability", "able"), ("ibility", "ible")):
            if word.endswith(noun) and len(word) - len(noun) >= 5:
                return [word[: -len(noun)] + adjective]
        return []
    if language.split("-")[0] != "de" or len(word) < 8 or not word.isalpha() or not word[:1].islower():
        return []
    bases = [word] + [word[: -len(e)] for e in _GERMAN_ADJECTIVE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 5]
    out = bases[1:]
    for base in bases:  # "-bar" adjectives of verbs: "registrierbar" → registrieren, "veränderbar" → verändern
        if base.endswith("bar") and len(base) >= 9:
            out += [base[:-3] + "en", base[:-3] + "n"]
    return list(dict.fromkeys(out))


#: letters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar)
_SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                        r"\uf900-\ufaff]")


def _has_word(text: str, word: str) -> bool:
    """``word`` stands in ``text`` as a whole word, spelled the same way (a script written without spaces may
    touch it: "叫wendlandii。")."""
    def joins(ch: str) -> bool:
        return ch.isalnum() and not _SPACELESS.match(ch)

    i = text.find(word)
    while i >= 0:
        if not (i > 0 and joins(text[i - 1])) and not (i + len(word) < len(text) and joins(text[i + len(word)])):
            return True
        i = text.find(word, i + 1)
    return False


def _quoted(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return (before, after) in (('"', '"'), ("“", "”"), ("„", "“"), ("»", "«"), ("«", "»"), ("'", "'"), ("‘", "’"))


def _variants(splits):
    """For each (head, tail): the spellings under which each part may be accepted (a head with or without its
    linking element; the tail as compound_parts cased it)."""
    for head, tail in splits:
        yield [_unlinked(head), [tail]]  # a tail keeps the word's case: a noun's head is a noun, an adjective's an adjective


def _token_around(text: str, start: int, end: int) -> str:
    """The white-space-delimited token holding [start, end), without the punctuation around it."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi].strip(TOKEN_EDGES)


def _inside_technical_token(text: str, start: int, end: int) -> bool:
    """The span lies inside one white-space-delimited token that looks like code, a file name or an acronym."""
    token = _token_around(text, start, end)
    return bool(token) and " " not in text[start:end] and looks_technical(token)


#: Words of this many letters or more that share their first FAMILY_PREFIX letters are one word family
#: ("rerenderizar", "rerenderice", "rerenderizado"): the page's jargon, inflected, not a typo repeated.
FAMILY_PREFIX = 8


def _inside_sentence(text: str, start: int, breaks: str = ".!?:\"“«(\n") -> bool:
    """Does the word at ``start`` stand inside a sentence (after a word or a comma, not after a sentence's end, a
    colon, an opening quote or bracket, or the start of the text)? A capital there marks a name. ``breaks``: what
    starts a sentence (a page's counts also take Markdown's heading, list, table and quote marks)."""
    before = text[max(0, start - 3) : start].rstrip()
    return bool(before) and before[-1] not in breaks


def _word_counts(text: str) -> dict[str, int]:
    """How often each word stands in the text, (under a "\0"-prefixed key) how often each long word's family
    does, and (under a "\1"-prefixed key) how often a capitalised word stands inside a sentence, as a name."""
    counts: dict[str, int] = {}
    for m in _WORDS.finditer(text):
        w = m.group()
        counts[w] = counts.get(w, 0) + 1
        if len(w) > FAMILY_PREFIX:
            key = "\0" + w[:FAMILY_PREFIX].lower()
            counts[key] = counts.get(key, 0) + 1
        if w[:1].isupper() and _inside_sentence(text, m.start(), ".!?:\"“«(\n#*|>-"):
            counts["\1" + w] = counts.get("\1" + w, 0) + 1
    return counts


def _misspelled(text: str, matches) -> set[str]:
    """The words LanguageTool's speller rejected in ``text``."""
    convert = utf16_to_codepoints(text)
    return {text[convert(m["offset"]) : convert(m["offset"] + m["length"])]
            for m in matches if m["rule"].get("issueType") == "misspelling"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _batches(items: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    size = 0
    for key, text in items:
        if current and size + len(text) > BATCH_CHARS:
            out.append(current)
            current, size = [], 0
        current.append((key, text))
        size += len(text) + len(PARAGRAPH_BREAK)
    if current:
        out.append(current)
    return out


def _split_matches(batch: list[tuple[str, str]], matches: list[dict]) -> dict[str, list]:
    """Give each paragraph of a batch its matches, with offsets (UTF-16, as LanguageTool counts) relative to the
    paragraph; a match that crosses a paragraph break is dropped."""
    starts, ends = [], []
    pos = 0
    for _, text in batch:
        starts.append(pos)
        pos += _utf16_len(text)
        ends.append(pos)
        pos += len(PARAGRAPH_BREAK)
    out: dict[str, list] = {key: [] for key, _ in batch}
    for m in matches:
        i = bisect_right(starts, m["offset"]) - 1
        if i < 0 or m["offset"] + m["length"] > ends[i]:
            continue
        out[batch[i][0]].append({**m, "offset": m["offset"] - starts[i]})
    return out


def _slim(m: dict) -> dict:
    """Keep what the mapping needs; the cache stores this."""
    rule = m.get("rule", {})
    return {
        "offset": m.get("offset", 0),
        "length": m.get("length", 0),
        "message": m.get("message", ""),
        "replacements": [r.get("value", "") for r in m.get("replacements", [])[:MAX_SUGGESTIONS]],
        "rule": {
            "id": rule.get("id", "UNKNOWN"),
            "description": rule.get("description", ""),
            "issueType": rule.get("issueType", ""),
            "category": {"id": rule.get("category", {}).get("id", "")},
        },
    }
