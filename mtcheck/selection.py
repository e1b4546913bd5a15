"""Which rules a run reports: one selector, in ruff's style, for the command line, the configuration, inline
suppressions and every engine (the rule engine's ids, ``LT:...`` for LanguageTool, ``mtcheck.`` for mtcheck's own).

A pattern selects a rule id when it is the id itself, a prefix of the id that ends where the id has a boundary
(``en`` → ``en.doubled-article``; ``LT`` → ``LT:EN_A_VS_AN``; ``common.repeated`` → ``common.repeated-word``), or
a glob (``LT:*_SPELLER_RULE``, ``*.doubled-article``)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Iterable, Sequence

#: What may follow a prefix inside an id: a pack separator, an engine separator, a word separator.
BOUNDARIES = ".:-_"
GLOB_CHARS = "*?["


def matches(rule_id: str, pattern: str) -> bool:
    if not pattern:
        return False
    if rule_id == pattern:
        return True
    if any(c in pattern for c in GLOB_CHARS):
        return fnmatch.fnmatchcase(rule_id, pattern)
    if pattern[-1] in BOUNDARIES:
        return rule_id.startswith(pattern)
    return rule_id.startswith(pattern) and rule_id[len(pattern)] in BOUNDARIES


def matches_any(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(matches(rule_id, p) for p in patterns)


@dataclass(frozen=True)
class Selector:
    """``select`` (empty: everything) minus ``ignore``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(cls, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> "Selector":
        return cls(tuple(select), tuple(ignore))

    def allows(self, rule_id: str) -> bool:
        if self.select and not matches_any(rule_id, self.select):
            return False
        return not (self.ignore and matches_any(rule_id, self.ignore))

    def unknown(self, known_ids: Iterable[str], engine_prefixes: Sequence[str] = ("LT", "mtcheck")) -> list[str]:
        """Patterns that select no known rule (engines whose ids are not known in advance excepted)."""
        ids = list(known_ids)
        out = []
        for p in (*self.select, *self.ignore):
            if any(matches(f"{e}:X", p) or matches(f"{e}.x", p) or p.startswith(e + ":") for e in engine_prefixes):
                continue
            if not any(matches(i, p) for i in ids):
                out.append(p)
        return out
