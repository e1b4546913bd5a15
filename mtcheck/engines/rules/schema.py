"""The JSON Schema of a rule file, built from the rule types themselves (so it cannot drift from the code), used
to validate every rule file before it is built, and printed by ``mtcheck rules --schema`` for editors: a YAML
language server then checks rule files as they are typed (``# yaml-language-server: $schema=rule.schema.json``).

The schema checks the shape (keys, types, enumerations); the loader then checks what a schema cannot (the id
matches its file, regexes compile, examples behave)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from mtcheck.findings import CATEGORIES, FixSafety, Severity

STRING_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}


def rule_schema() -> dict[str, Any]:
    from mtcheck.engines.rules.loader import COMMON_KEYS, STATUSES
    from mtcheck.engines.rules.types import RULE_TYPES

    common = {
        "id": {"type": "string", "minLength": 1, "description": "<pack>.<file name>, e.g. en.doubled-article"},
        "type": {"enum": sorted(RULE_TYPES)},
        "languages": STRING_OR_LIST,
        "source_languages": STRING_OR_LIST,
        "category": {"enum": list(CATEGORIES), "description": "MQM category"},
        "severity": {"enum": [s.label for s in Severity]},
        "message": {"type": "string", "minLength": 1},
        "status": {"enum": list(STATUSES)},
        "description": {"type": "string"},
        "fix": {"type": "object", "properties": {"safety": {"enum": [s.value for s in FixSafety]}},
                "additionalProperties": False},
        "skip": {"type": "array", "items": {"enum": ["heading", "headline", "item", "cell", "paragraph"]}},
        "spans_placeholders": {"type": "boolean"},
        "examples": {"type": "array", "items": {
            "type": "object",
            "properties": {"bad": {"type": "string", "pattern": r"\[\[.*\]\]"}, "good": {"type": "string"},
                           "fixed": {"type": "string"}, "lang": {"type": "string"},
                           "source_lang": {"type": "string"}, "source": {"type": "string"},
                           "format": {"enum": ["text", "xliff", "markdown"]}},
            "additionalProperties": False,
            "oneOf": [{"required": ["bad"]}, {"required": ["good"]}],
        }},
    }
    assert set(common) == set(COMMON_KEYS), "the schema and the loader must know the same keys"
    per_type = [{
        "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
        "then": {"propertyNames": {"enum": sorted(COMMON_KEYS | cls.KEYS)}},
    } for name, cls in sorted(RULE_TYPES.items())]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://mtcheck.invalid/schemas/rule.schema.json",
        "title": "mtcheck rule",
        "description": "One rule of an mtcheck rule pack (rules/<pack>/<name>.yml). Type-specific keys are "
                       "documented in the README.",
        "type": "object",
        "required": ["id", "type", "category", "severity", "message"],
        "properties": common,
        "allOf": per_type,
    }


@functools.lru_cache(maxsize=1)
def validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(rule_schema())


def schema_errors(spec: Any) -> list[tuple[str, str]]:
    """(top-level key or "", message) for each way ``spec`` breaks the schema, most relevant first."""
    from jsonschema.exceptions import best_match

    errors = list(validator().iter_errors(spec))
    if not errors:
        return []
    first = best_match(errors)
    ordered = [first] + [e for e in errors if e is not first]
    out = []
    for e in ordered:
        key = str(e.absolute_path[0]) if e.absolute_path else ""
        if e.validator == "enum" and e.schema_path and "propertyNames" in e.schema_path:
            key = str(e.instance)
            out.append((key, f"unknown key {key!r} for type {spec.get('type')}"))
        elif e.validator == "enum":
            options = ", ".join(str(o) for o in e.validator_value)
            out.append((key, f"unknown {key or 'value'} {e.instance!r} (one of: {options})"))
        elif e.validator == "pattern" and "bad" in e.absolute_path:
            out.append((key, f"bad example {e.instance!r} must mark the expected span with [[...]]"))
        else:
            where = "/".join(str(p) for p in e.absolute_path)
            out.append((key, f"{where + ': ' if where else ''}{e.message}"))
    return out


class ValidatedFiles:
    """Rule files already found to fit the schema, remembered by a hash of the schema and the file's text in a
    small file beside the result cache, as Python keeps compiled bytecode: a run neither imports the validator
    nor runs it for a rule file it has validated before. A file changed by one byte, or a changed schema, is
    validated again; the loader's own checks run on every file every time. The memo is an optimisation only:
    when it cannot be read or written, every file is validated."""

    NAME = "rule-files-valid.sha256"  # no document suffix: a cache folder inside a checked tree is not read
    MAX_ENTRIES = 5000

    def __init__(self, directory: Path | None):
        self.path = directory / self.NAME if directory is not None else None
        self._known: set[str] = set()
        self._new: set[str] = set()
        if self.path is not None:
            try:
                self._known = set(self.path.read_text(encoding="ascii").split())
            except (OSError, ValueError):
                pass

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def _schema_hash() -> str:
        return hashlib.sha256(json.dumps(rule_schema(), sort_keys=True).encode()).hexdigest()

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self._schema_hash()}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def __contains__(self, key: str) -> bool:
        return key in self._known or key in self._new

    def add(self, key: str) -> None:
        if key not in self._known:
            self._new.add(key)

    def save(self) -> None:
        """Write the memo when this run validated files it did not know (atomically; errors are ignored)."""
        if self.path is None or not self._new:
            return
        keep = sorted(self._new) + sorted(self._known)[: max(0, self.MAX_ENTRIES - len(self._new))]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.NAME}.{os.getpid()}.tmp")
            tmp.write_text("\n".join(keep) + "\n", encoding="ascii")
            os.replace(tmp, self.path)
        except OSError:
            return
        self._known |= self._new
        self._new = set()
