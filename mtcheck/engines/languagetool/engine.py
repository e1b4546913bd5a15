"""The LanguageTool pass: paragraphs to a LanguageTool server, answers to Findings.

Requests go straight to the server's /v2/check over HTTP from a thread pool rather than through
language-tool-python's ``LanguageTool.check``: that client keeps a class-level offset-correction cache while it
builds its ``Match`` objects, so they must not be built from several threads at once, and we need several
requests in flight to keep every server thread busy. language-tool-python still serves where it is safe:
Java version parsing and the download route (``provision``)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import requests

from mtcheck.document import Document
from mtcheck.engines.base import CheckContext, make_finding
from mtcheck.engines.languagetool.cache import ResultCache
from mtcheck.engines.languagetool.mapping import PICKY_CATEGORIES, category_for, severity_for, utf16_to_codepoints
from mtcheck.errors import ServerError
from mtcheck.findings import Finding, FixSafety

#: LanguageTool wants a variant for spelling in some languages; plain "en" has no spell checker.
VARIANTS = {"en": "en-US", "de": "de-DE", "pt": "pt-PT", "nl": "nl", "ca": "ca-ES"}
#: Rules that misread a headline (no final stop is normal there).
HEADLINE_SKIP = {"PUNCTUATION_PARAGRAPH_END", "UPPERCASE_SENTENCE_START"}
MAX_SUGGESTIONS = 5
RETRIES = 3
TIMEOUT = 120.0


@dataclass
class LanguageToolSettings:
    server_url: str | None = None  # a shared server; None = the local one mtcheck manages
    level: str = "default"  # or "picky"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()  # the project's word list
    cache_path: Path | None = None
    threads: int = 2
    lt_path: str | None = None
    idle_timeout: int = 1800


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


class LanguageToolEngine:
    name = "languagetool"

    def __init__(self, settings: LanguageToolSettings, *, say: Callable[[str], None] = lambda m: None):
        self.settings = settings
        self.say = say
        self._url: str | None = settings.server_url.rstrip("/") if settings.server_url else None
        self._version: str | None = None
        self._manager = None
        self._local = threading.local()
        self.cache = ResultCache(settings.cache_path)
        self.stats = {"paragraphs": 0, "cached": 0, "sent": 0}

    # -- server -----------------------------------------------------------------------------------------------
    def _ensure_server(self) -> str:
        if self._url is None:
            from mtcheck.engines.languagetool.server import ServerManager

            self._manager = ServerManager(idle_timeout=self.settings.idle_timeout, lt_path=self.settings.lt_path,
                                          say=self.say)
            state = self._manager.ensure_running()
            self._url = state.url
            self._version = state.version
        if self._version is None:
            from mtcheck.engines.languagetool.server import server_version

            self._version = server_version(self._url, timeout=30)
            if self._version is None:
                raise ServerError(f"no LanguageTool server answers at {self._url}")
        return self._url

    @property
    def signature(self) -> str:
        return f"lt:{self._version or 'pending'}:{self.settings.level}"

    def _settings_key(self) -> str:
        s = self.settings
        raw = json.dumps([s.level, sorted(s.enabled_rules), sorted(s.disabled_rules), list(PICKY_CATEGORIES)])
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
        if self.settings.enabled_rules:
            p["enabledRules"] = ",".join(self.settings.enabled_rules)
        if self.settings.disabled_rules:
            p["disabledRules"] = ",".join(self.settings.disabled_rules)
        return p

    def _post(self, params: dict) -> list:
        last = None
        for attempt in range(RETRIES):
            try:
                r = self._session().post(f"{self._url}/v2/check", data=params, timeout=TIMEOUT)
                if r.status_code == 200:
                    return [_slim(m) for m in r.json().get("matches", [])]
                last = f"HTTP {r.status_code}: {r.text[:200].strip()}"
                if r.status_code < 500 and r.status_code != 429:
                    break
            except requests.RequestException as exc:
                last = str(exc)
            time.sleep(0.5 * (attempt + 1))
        raise ServerError(f"LanguageTool at {self._url} failed: {last}")

    # -- the pass ---------------------------------------------------------------------------------------------
    def check(self, document: Document, context: CheckContext) -> Iterable[Finding]:
        if not document.segments or not document.language:
            return []
        url = self._ensure_server()
        if self._manager is not None:
            self._manager.touch()
        language = VARIANTS.get(document.language, document.language)
        mother = context.source_language
        settings_key = self._settings_key()
        paragraphs = [(seg, document.text[seg.start : seg.end]) for seg in document.segments]
        keys = [ResultCache.key(t, language=language, mother_tongue=mother, version=self._version or "",
                                settings=settings_key) for _, t in paragraphs]
        cached = self.cache.get_many(list(set(keys)))
        todo = {k: t for k, (_, t) in zip(keys, paragraphs) if k not in cached}
        self.stats["paragraphs"] += len(paragraphs)
        self.stats["cached"] += len(paragraphs) - len(todo)
        fresh: dict[str, list] = {}
        if todo:
            self.stats["sent"] += len(todo)
            items = list(todo.items())
            errors: list[str] = []

            def work(item):
                key, text = item
                try:
                    return key, self._post(self._params(text, language, mother))
                except ServerError as exc:
                    errors.append(str(exc))
                    return key, None

            with ThreadPoolExecutor(max_workers=max(1, self.settings.threads)) as pool:
                for key, matches in pool.map(work, items):
                    if matches is not None:
                        fresh[key] = matches
            self.cache.put_many(fresh)
            if errors:
                context.warn(f"{document.path}: LanguageTool left {len(errors)} paragraph(s) unchecked: {errors[0]}")
        results = {**cached, **fresh}
        findings = []
        word_counts: dict[str, int] | None = None
        for (seg, text), key in zip(paragraphs, keys):
            matches = results.get(key)
            if not matches:
                continue
            convert = utf16_to_codepoints(text)
            for m in matches:
                rule_id = m["rule"]["id"]
                if seg.kind in ("headline", "heading") and rule_id in HEADLINE_SKIP:
                    continue
                start = seg.start + convert(m["offset"])
                end = seg.start + convert(m["offset"] + m["length"])
                if end <= start:
                    continue
                if m["rule"].get("issueType") == "misspelling":
                    if word_counts is None:
                        word_counts = _word_counts(document.text)
                    if self._quiet_spelling(document.text, start, end, word_counts):
                        continue
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
        return findings

    def _quiet_spelling(self, text: str, start: int, end: int, counts: dict[str, int]) -> bool:
        """Proper names and the document's own vocabulary are not misspellings: a word in the project word list,
        a word spelled the same way several times in the document, or a capitalised word inside a sentence."""
        word = text[start:end]
        if word in self.settings.words or word.lower() in self.settings.words:
            return True
        if counts.get(word, 0) >= 2:
            return True
        if word[:1].isupper():
            before = text[max(0, start - 3) : start].rstrip()
            if before and before[-1] not in ".!?:\"“«(\n":
                return True
        return False

    def close(self) -> None:
        self.cache.close()


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _WORDS.finditer(text):
        w = m.group()
        counts[w] = counts.get(w, 0) + 1
    return counts


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
