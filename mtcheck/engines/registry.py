"""The one place engines are built, from the run's Settings. A new engine (a bilingual checker, a remote pool) is
added here and nowhere else."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Sequence

from mtcheck.engines.base import Engine
from mtcheck.engines.rules import RulesEngine, load_rules
from mtcheck.engines.rules.cache import RuleResultCache, cache_dir
from mtcheck.settings import Settings

WORD_LIST = "mtcheck.words"


def find_word_lists(paths: Sequence[str]) -> list[Path]:
    """``mtcheck.words`` in the current folder, the checked paths' folders and all their parents."""
    found: dict[Path, None] = {}
    starts = [Path.cwd()] + [Path(p).resolve() for p in paths]
    for start in starts:
        folder = start if start.is_dir() else start.parent
        for d in (folder, *folder.parents):
            candidate = d / WORD_LIST
            if candidate.is_file():
                found[candidate] = None
    return list(found)


def build_rules_engine(settings: Settings) -> RulesEngine:
    rules = load_rules(settings.rules)
    from mtcheck.engines.rules.types.glossary import GlossaryRule

    for rule in rules:
        if isinstance(rule, GlossaryRule):
            for path in settings.glossaries:
                rule.add_file(path)
    cache = RuleResultCache(cache_dir() / "rules.sqlite3") if settings.cache else None
    return RulesEngine(rules, cache, reading=settings.reading.signature(), select=settings.select,
                       ignore=settings.ignore)


def build_languagetool(settings: Settings, say: Callable[[str], None] = lambda m: None):
    from mtcheck.engines.languagetool import LanguageToolEngine, LanguageToolSettings
    from mtcheck.engines.languagetool.engine import load_word_list
    from mtcheck.engines.languagetool.provision import lt_home

    lt = LanguageToolSettings(
        server_urls=tuple(u for u in re.split(r"[\s,]+", settings.lt_server or "") if u),
        local_servers=settings.lt_servers,
        level=settings.lt_level,
        enabled_rules=settings.lt_enable,
        disabled_rules=settings.lt_disable,
        words=load_word_list(find_word_lists(settings.paths) + [Path(w) for w in settings.words]),
        cache_path=lt_home() / "cache" / "results.sqlite3" if settings.cache else None,
        threads=max(2, os.cpu_count() or 2),
        idle_timeout=settings.lt_idle,
        lt_path=settings.lt_path,
        timeout=settings.lt_timeout,
    )
    return LanguageToolEngine(lt, say=say)


def build_engines(settings: Settings, *, say: Callable[[str], None] = lambda m: None) -> list[Engine]:
    """Every engine the settings ask for, the rule engine first."""
    engines: list[Engine] = [build_rules_engine(settings)]
    if settings.lt:
        engines.append(build_languagetool(settings, say))
    return engines
