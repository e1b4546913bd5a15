"""Glossaries and termbases: which target terms translate a source term, and which are forbidden.

Two formats:
- **CSV** (UTF-8, a header row). Either columns ``source``, ``target`` and optionally ``forbidden`` (several
  terms in a cell are separated by ``|``), or one column per language code (``en,de,fr``): the document's
  source-language column gives the source terms and its target-language column the target terms. A target
  cell term written ``!Checkout`` is forbidden.
- **TBX** (TermBase eXchange), parsed by translate-toolkit: every ``<langSet>`` of a ``<termEntry>`` gives that
  language's terms; a term whose ``administrativeStatus`` is ``deprecatedTerm-admn-sts`` or
  ``supersededTerm-admn-sts`` is forbidden.

A row or entry that has forbidden terms but no source term forbids them everywhere (a house style list)."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from mtcheck.errors import RuleError

LANG_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
FORBIDDEN_STATUS = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded"}


@dataclass
class Entry:
    """Terms by language ("source"/"target" when the file does not name languages); forbidden terms apart."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0

    def source_terms(self, language: str | None) -> list[str]:
        return _for(self.terms, language, "source")

    def target_terms(self, language: str | None) -> list[str]:
        return _for(self.terms, language, "target")

    def forbidden_terms(self, language: str | None) -> list[str]:
        return _for(self.forbidden, language, "target")


def _for(table: dict[str, list[str]], language: str | None, role: str) -> list[str]:
    if role in table:
        return table[role]
    if not language:
        return []
    lang = language.lower().replace("_", "-")
    return table.get(lang) or table.get(lang.split("-")[0]) or []


@functools.lru_cache(maxsize=32)
def load(path: str) -> tuple[Entry, ...]:
    """The entries of a CSV or TBX glossary; RuleError naming the file when it cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read the glossary: {exc.strerror or exc}", path=path) from None
    if p.suffix.lower() == ".tbx":
        return tuple(_load_tbx(data, path))
    if p.suffix.lower() in (".csv", ".tsv"):
        return tuple(_load_csv(data.decode("utf-8-sig", errors="replace"), path, "\t" if p.suffix == ".tsv" else ","))
    raise RuleError("a glossary is a .csv, .tsv or .tbx file", path=path)


def _split(cell: str) -> list[str]:
    return [t.strip() for t in (cell or "").split("|") if t.strip()]


def _load_csv(text: str, path: str, delimiter: str) -> list[Entry]:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    named = "source" in header and "target" in header
    if not named and sum(1 for h in header if LANG_CODE.match(h)) < 2:
        raise RuleError("the glossary's header row must name the columns 'source' and 'target' (and optionally "
                        "'forbidden'), or give a language code per column ('en,de')", path=path)
    entries = []
    for number, row in enumerate(rows[1:], 2):
        entry = Entry(line=number)
        for name, cell in zip(header, row):
            if not name:
                continue
            key = name.replace("_", "-")
            terms = _split(cell)
            if key == "forbidden":
                entry.forbidden.setdefault("target", []).extend(terms)
                continue
            if key not in ("source", "target") and not LANG_CODE.match(key):
                continue  # notes, definitions, domains
            for term in terms:
                if term.startswith("!"):
                    entry.forbidden.setdefault("target" if key == "source" else key, []).append(term[1:].strip())
                else:
                    entry.terms.setdefault(key, []).append(term)
        if entry.terms or entry.forbidden:
            entries.append(entry)
    return entries


def _load_tbx(data: bytes, path: str) -> list[Entry]:
    from translate.storage import tbx

    try:
        store = tbx.tbxfile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit errors alike
        raise RuleError(f"not a valid TBX file: {str(exc).splitlines()[0] if str(exc) else exc}", path=path) from None
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = []
    for unit in store.units:
        element = unit.xmlelement
        entry = Entry(line=getattr(element, "sourceline", 0) or 0)
        for lang_set in element.iter("{*}langSet", "langSet"):
            lang = (lang_set.get(xml_lang) or lang_set.get("lang") or "").lower().replace("_", "-")
            if not lang:
                continue
            for group in list(lang_set.iter("{*}tig", "tig", "{*}ntig", "ntig", "{*}termSec", "termSec")) or [lang_set]:
                term = next((t.text for t in group.iter("{*}term", "term") if t.text), None)
                if not term:
                    continue
                status = " ".join((n.text or "").strip().lower() for n in group.iter("{*}termNote", "termNote")
                                  if (n.get("type") or "").lower() == "administrativestatus")
                table = entry.forbidden if status in FORBIDDEN_STATUS else entry.terms
                table.setdefault(lang, []).append(term.strip())
        if entry.terms or entry.forbidden:
            entries.append(entry)
    return entries
