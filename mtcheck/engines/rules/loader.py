"""Load rule packs: one YAML file per rule under ``rules/<pack>/``; every problem is a RuleError naming the
file (and the rule when known), never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import yaml

from mtcheck.engines.rules.rule import Example, Rule
from mtcheck.engines.rules.types import RULE_TYPES
from mtcheck.errors import RuleError
from mtcheck.findings import CATEGORIES, FixSafety, Severity

if TYPE_CHECKING:
    from mtcheck.engines.rules.schema import ValidatedFiles

COMMON_KEYS = frozenset({
    "id", "type", "languages", "source_languages", "category", "severity", "message", "status", "description",
    "fix", "examples", "skip", "spans_placeholders",
})
STATUSES = ("preview", "stable", "deprecated")
RULE_SUFFIXES = (".yml", ".yaml")


def builtin_packs_dir() -> Path:
    """The bundled packs: ``mtcheck/packs`` in an installed package (setup.cfg maps the top-level ``rules/``
    there), or ``rules/`` beside the package in a source checkout."""
    package = Path(__file__).resolve().parents[2]
    installed = package / "packs"
    if (installed / "common").is_dir():
        return installed
    source = package.parent / "rules"
    if (source / "common").is_dir():
        return source
    raise RuleError("the bundled rule packs are missing; reinstall mtcheck", path=str(installed))


_LANG = re.compile(r"^[a-z]{2,3}$")


def _pack_languages(pack: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """common → every language; en → target en; es-en → source es, target en; any other pack name (a house
    style, say) → every language unless the rule says ``languages``."""
    src, _, tgt = pack.partition("-")
    if tgt and _LANG.match(src) and _LANG.match(tgt):
        return (tgt,), (src,)
    if _LANG.match(pack):
        return (pack,), None
    return None, None


def _lang_set(rule_path: str, rule_id: str, value: Any, key: str) -> tuple[str, ...] | None:
    if value in ("*", ["*"]):
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{key!r} must be a list of language codes or '*'", path=rule_path, rule=rule_id)
    return tuple(dict.fromkeys(v.split("-")[0].lower() for v in value))


def _parse_examples(path: str, rule_id: str, raw: Any) -> list[Example]:
    if not isinstance(raw, list):
        raise RuleError("'examples' must be a list", path=path, rule=rule_id)
    out = []
    for item in raw:
        if not isinstance(item, dict) or ("bad" in item) == ("good" in item):
            raise RuleError("each example has exactly one of 'bad' or 'good'", path=path, rule=rule_id)
        unknown = set(item) - {"bad", "good", "fixed", "lang", "source_lang", "source", "format"}
        if unknown:
            raise RuleError(f"unknown example key(s): {', '.join(sorted(unknown))}", path=path, rule=rule_id)
        text = item.get("bad", item.get("good"))
        if not isinstance(text, str):
            raise RuleError("example text must be a string", path=path, rule=rule_id)
        if "bad" in item and ("[[" not in text or "]]" not in text):
            raise RuleError(f"bad example {text!r} must mark the expected span with [[...]]", path=path,
                            rule=rule_id)
        if item.get("format", "text") not in ("text", "xliff", "markdown"):
            raise RuleError("example 'format' is 'text', 'xliff' or 'markdown'", path=path, rule=rule_id)
        out.append(Example(text, "bad" in item, item.get("fixed"), item.get("lang"), item.get("source_lang"),
                           item.get("source"), item.get("format", "text")))
    return out


def _flag(spec: dict, key: str, path: str, rule_id: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{key!r} must be true or false", path=path, rule=rule_id)
    return value


def build_rule(spec: Any, path: str, pack: str | None, lines: dict[str, int] | None = None, *,
               schema_checked: bool = False) -> Rule:
    """Validate one parsed YAML document and build its Rule (``schema_checked``: the same text was found to fit the
    schema before, see ``ValidatedFiles``)."""
    if not isinstance(spec, dict):
        raise RuleError("a rule file holds one mapping (id, type, message, ...)", path=path)
    rule_id = spec.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleError("missing 'id'", path=path)
    stem = Path(path).stem
    if pack is not None and rule_id != f"{pack}.{stem}":
        raise RuleError(f"id {rule_id!r} must be '{pack}.{stem}' (pack folder + file name)", path=path, rule=rule_id)
    rtype = spec.get("type")
    cls = RULE_TYPES.get(rtype) if isinstance(rtype, str) else None
    if cls is None:
        raise RuleError(f"unknown type {rtype!r} (known: {', '.join(sorted(RULE_TYPES))})", path=path, rule=rule_id)
    unknown = set(spec) - COMMON_KEYS - cls.KEYS
    if unknown:
        where = ", ".join(f"{k!r}" + (f" (line {lines[k]})" if lines and k in lines else "") for k in sorted(unknown))
        raise RuleError(f"unknown key(s) for type {rtype}: {where}", path=path, rule=rule_id)
    problems = [] if schema_checked else _schema_errors(spec)
    if problems:  # the shape, by the published schema (`mtcheck rules --schema`)
        key, message = problems[0]
        line = f" (line {lines[key]})" if lines and key in lines else ""
        raise RuleError(f"{message}{line}", path=path, rule=rule_id)
    for key in ("message", "category", "severity"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise RuleError(f"missing or empty {key!r}", path=path, rule=rule_id)
    if spec["category"] not in CATEGORIES:
        raise RuleError(f"unknown category {spec['category']!r} (one of: {', '.join(CATEGORIES)})", path=path,
                        rule=rule_id)
    try:
        severity = Severity.parse(spec["severity"])
    except ValueError as exc:
        raise RuleError(str(exc), path=path, rule=rule_id) from None
    status = spec.get("status", "preview")
    if status not in STATUSES:
        raise RuleError(f"status must be one of {', '.join(STATUSES)}", path=path, rule=rule_id)
    fix = spec.get("fix", {}) or {}
    if not isinstance(fix, dict) or set(fix) - {"safety"}:
        raise RuleError("'fix' is a mapping with one key, 'safety'", path=path, rule=rule_id)
    try:
        safety = FixSafety(fix.get("safety", "display"))
    except ValueError:
        raise RuleError("fix safety must be safe, unsafe or display", path=path, rule=rule_id) from None
    langs, sources = _pack_languages(pack) if pack else (None, None)
    if "languages" in spec:
        langs = _lang_set(path, rule_id, spec["languages"], "languages")
    if "source_languages" in spec:
        sources = _lang_set(path, rule_id, spec["source_languages"], "source_languages")
    skip = spec.get("skip", [])
    if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
        raise RuleError("'skip' is a list of segment kinds (heading, headline, item, cell)", path=path,
                        rule=rule_id)
    rule = cls(
        id=rule_id,
        path=path,
        languages=langs,
        source_languages=sources,
        category=spec["category"],
        severity=severity,
        message=spec["message"].strip(),
        fix_safety=safety,
        status=status,
        description=str(spec.get("description", "")).strip(),
        skip_kinds=frozenset(skip),
        spans_placeholders=_flag(spec, "spans_placeholders", path, rule_id),
        examples=_parse_examples(path, rule_id, spec.get("examples", [])),
    )
    try:
        rule.configure(spec)
    except RuleError:
        raise
    except Exception as exc:  # a type's own validation must still name the file
        raise RuleError(f"invalid rule: {exc}", path=path, rule=rule_id) from None
    return rule


#: libyaml's parser when PyYAML was built with it (the wheels are): reading the rule packs is a tenth of start-up
#: with it and a half without.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """YAML that refuses a key given twice in one mapping (PyYAML keeps the last one silently)."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _top_level_lines(text: str) -> dict[str, int]:
    """Line number of each top-level key of a rule file, for messages."""
    try:
        node = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _schema_errors(spec: Any) -> list[tuple[str, str]]:
    from mtcheck.engines.rules.schema import schema_errors

    return schema_errors(spec)


def load_rule_file(path: Path, pack: str | None, validated: "ValidatedFiles | None" = None) -> Rule:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path=str(path)) from None
    try:
        spec = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"invalid YAML{where}: {problem}", path=str(path)) from None
    key = validated.key(text) if validated is not None else None
    rule = build_rule(spec, str(path), pack, _top_level_lines(text), schema_checked=key is not None and key in validated)
    if key is not None:
        validated.add(key)
    return rule


def _rule_files(root: Path) -> Iterable[tuple[Path, str | None]]:
    """(file, pack) for a rule file, a pack folder (files inside) or a folder of packs (sub-folders)."""
    if root.is_file():
        yield root, root.parent.name
        return
    direct = sorted(p for p in root.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file())
    for p in direct:
        yield p, root.name
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for p in sorted(sub.iterdir()):
            if p.suffix in RULE_SUFFIXES and p.is_file():
                yield p, sub.name


def load_rules(extra: Iterable[str | os.PathLike] = (), *, builtin: bool = True) -> list[Rule]:
    """Every bundled rule plus those under ``extra`` paths. Ids must be unique."""
    roots: list[Path] = [builtin_packs_dir()] if builtin else []
    for item in extra:
        p = Path(item)
        if not p.exists():
            raise RuleError("rule path does not exist", path=str(item))
        roots.append(p)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    from mtcheck.engines.rules.cache import cache_dir
    from mtcheck.engines.rules.schema import ValidatedFiles

    validated = ValidatedFiles(cache_dir())
    for root in roots:
        for path, pack in _rule_files(root):
            rule = load_rule_file(path, pack, validated)
            if rule.id in seen:
                raise RuleError(f"duplicate rule id, also defined in {seen[rule.id]}", path=str(path), rule=rule.id)
            seen[rule.id] = str(path)
            rules.append(rule)
    validated.save()
    return rules
