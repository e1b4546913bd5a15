"""Small validators for type-specific YAML keys, raising RuleError that names the file and the rule."""

from __future__ import annotations

from typing import Any

from mtcheck.engines.rules.templates import template_fields
from mtcheck.errors import RuleError


def need(rule, spec: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
    if key not in spec:
        if default is ...:
            raise RuleError(f"missing required key {key!r} for type {rule.TYPE}", path=rule.path, rule=rule.id)
        return default
    value = spec[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleError(f"{key!r} must be a {names}, not {type(value).__name__}", path=rule.path, rule=rule.id)
    return value


def string_list(rule, spec: dict[str, Any], key: str, default: Any = ...) -> list[str]:
    value = need(rule, spec, key, (str, list), default)
    if isinstance(value, str):
        value = [value]
    if not all(isinstance(v, str) for v in value):
        raise RuleError(f"{key!r} must be a string or a list of strings", path=rule.path, rule=rule.id)
    return list(value)


def per_language(rule, spec: dict[str, Any], key: str) -> dict[str, list[str]]:
    """A key that is either a list (all languages) or a mapping language → list; '*' is every language."""
    value = spec.get(key, [])
    if isinstance(value, list):
        value = {"*": value}
    if not isinstance(value, dict):
        raise RuleError(f"{key!r} must be a list or a mapping of language to list", path=rule.path, rule=rule.id)
    out: dict[str, list[str]] = {}
    for lang, items in value.items():
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise RuleError(f"{key!r}: entries for {lang!r} must be strings", path=rule.path, rule=rule.id)
        out[str(lang)] = items
    return out


def for_language(table: dict[str, list[str]], language: str | None) -> list[str]:
    lang = (language or "").split("-")[0]
    return table.get("*", []) + table.get(lang, [])


def check_templates(rule, templates: list[str], allowed: set[str]) -> None:
    for template in templates:
        try:
            names = template_fields(template)
        except ValueError as exc:
            raise RuleError(f"bad template {template!r}: {exc}", path=rule.path, rule=rule.id) from None
        unknown = names - allowed
        if unknown:
            raise RuleError(
                f"template {template!r} uses unknown field(s) {', '.join(sorted(unknown))} "
                f"(known: {', '.join(sorted(allowed))})",
                path=rule.path, rule=rule.id,
            )
