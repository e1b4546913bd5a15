"""One typed settings object for a run, resolved once: defaults < configuration file < environment < command line,
with the source of every value (``mtcheck config`` prints it). The command line, the configuration loader and the
engines all meet here; nothing downstream reads raw options, dictionaries or the environment."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from mtcheck.config.defaults import BY_NAME
from mtcheck.config.loader import coerce, load_config
from mtcheck.errors import UsageError
from mtcheck.findings import Severity
from mtcheck.readers.syntax import ReaderOptions
from mtcheck.scoring import Weights

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class DocumentSettings:
    """What ``per_path`` may change for one document."""

    lang: str | None
    source_lang: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    paths: tuple[str, ...] = ()
    # configuration keys (see mtcheck/config/defaults.py), typed
    lang: str | None = None
    source_lang: str | None = None
    source_dir: str | None = None  # source files at the same relative paths (bilingual pairs)
    rules: tuple[str, ...] = ()  # absolute paths of extra rule packs
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_path: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.MAJOR
    max_penalty: float | None = None
    penalty_scope: str = "overall"
    weights: Weights = field(default_factory=Weights)
    lt: bool = False
    lt_required: bool = True
    lt_server: str | None = None
    lt_servers: int = 1
    lt_path: str | None = None
    lt_level: str = "default"
    lt_enable: tuple[str, ...] = ()
    lt_disable: tuple[str, ...] = ()
    lt_timeout: float = 60.0  # seconds a LanguageTool request may take (MTCHECK_LT_TIMEOUT)
    lt_idle: int = 1800  # seconds an idle local server lives on (MTCHECK_LT_IDLE)
    words: tuple[str, ...] = ()
    glossaries: tuple[str, ...] = ()
    reading: ReaderOptions = field(default_factory=ReaderOptions)
    report: str | None = None  # HTML report folder, None for none
    jobs: int = 1  # processes checking documents at once
    scheduler: str | None = None  # a Dask scheduler address, or "local[:N]"
    baseline: str | None = None
    false_alarms: str | None = None  # the file of findings rejected in review (read when it exists)
    # of this invocation only
    diff: str | None = None
    diff_scope: str = "lines"
    warn_unused_suppressions: bool = False
    cache: bool = True  # every result cache (rule engine, LanguageTool)
    keep_texts: bool = False  # keep documents' text in the result even without a report (mtcheck fix)
    root: Path = field(default_factory=Path.cwd)  # the configuration file's folder: globs are relative to it
    config_file: Path | None = None
    provenance: Mapping[str, str] = field(default_factory=dict)  # key -> where its value came from

    @property
    def keep_text(self) -> bool:
        """Documents' text stays in the result when the HTML report shows it or mtcheck fix edits it."""
        return self.report is not None or self.keep_texts

    def source(self, key: str) -> str:
        return self.provenance.get(key, "default")

    def shown(self, key: str) -> Any:
        """A configuration key's value as ``mtcheck config`` prints it."""
        if key == "fail_on":
            return self.fail_on.label if self.fail_on is not None else "never"
        if key == "mqm_weights":
            return self.weights.describe()
        if key in ("token_ignores", "block_ignores", "templates"):
            value = getattr(self.reading, key)
            return list(value) if isinstance(value, tuple) else value
        if key == "report":
            return self.report or ""
        value = getattr(self, key)
        if isinstance(value, tuple):
            return list(value)
        if isinstance(value, Mapping):
            return ", ".join(f"{glob}: {dict(table)}" for glob, table in value.items()) or "(none)"
        return value

    def for_document(self, relative_path: str) -> DocumentSettings:
        """The settings of one document: ``per_path`` tables whose glob matches its path (relative to ``root``)
        or its name, later tables winning; their ``ignore`` adds to the run's."""
        extra: dict[str, Any] = {}
        name = relative_path.rsplit("/", 1)[-1]
        for glob, table in self.per_path.items():
            if fnmatch.fnmatchcase(relative_path, glob) or fnmatch.fnmatchcase(name, glob):
                extra.update(table)
        return DocumentSettings(
            lang=extra.get("lang", self.lang),
            source_lang=(extra.get("source_lang", self.source_lang) or "").lower() or None,
            select=tuple(extra.get("select", self.select)),
            ignore=tuple(self.ignore) + tuple(extra.get("ignore", ())),
        )


def resolve(paths: Sequence[str] = (), *, config_file: str | None = None, isolated: bool = False,
            overrides: Mapping[str, tuple[Any, str]] | None = None, **invocation: Any) -> Settings:
    """Resolve the settings of a run once. ``overrides`` maps configuration keys to (value, source), the command
    line's values; they are validated exactly like the configuration file's. ``invocation`` sets the fields that
    belong to one run only (diff, cache, ...). Errors name the value's source."""
    config = load_config(paths, config_file, isolated=isolated)
    for key, (value, source) in (overrides or {}).items():
        if key not in BY_NAME:
            raise UsageError(f"unknown setting {key!r}")
        if not (value is None and BY_NAME[key].default is None):
            value = coerce(key, value, source, error=UsageError)
        if key in ("rules", "words", "glossaries"):
            value = [os.path.abspath(v) for v in value]
        config.set(key, value, source)
    if not config["lt_server"] and os.environ.get("MTCHECK_LT_SERVER"):
        config.set("lt_server", os.environ["MTCHECK_LT_SERVER"], "environment (MTCHECK_LT_SERVER)")
    for key in ("lang", "source_lang"):
        value = config[key]
        if value and not LANGUAGE_CODE.match(value):
            raise UsageError(f"{key} {value!r} is not a language code such as 'en', 'es' or 'pt-BR' "
                             f"(set by {config.sources[key]})")
    try:
        weights = Weights.parse(config["mqm_weights"])
    except UsageError as exc:
        raise UsageError(f"{exc} (set by {config.sources['mqm_weights']})") from None
    provenance = dict(config.sources)
    lt_timeout = _env_number("MTCHECK_LT_TIMEOUT", 60.0, provenance, "lt_timeout")
    lt_idle = int(_env_number("MTCHECK_LT_IDLE", 1800, provenance, "lt_idle"))
    fail_on = config["fail_on"]
    return Settings(
        paths=tuple(paths),
        lang=config["lang"],
        source_lang=config["source_lang"].lower() if config["source_lang"] else None,
        source_dir=os.path.abspath(config["source_dir"]) if config["source_dir"] else None,
        rules=tuple(config["rules"]),
        select=tuple(config["select"]),
        ignore=tuple(config["ignore"]),
        per_path={g: dict(t) for g, t in (config["per_path"] or {}).items()},
        exclude=tuple(config["exclude"]),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        max_penalty=config["max_penalty"],
        penalty_scope=config["penalty_scope"],
        weights=weights,
        lt=bool(config["lt"]),
        lt_required=bool(config["lt_required"]),
        lt_server=config["lt_server"] or None,
        lt_servers=max(1, int(config["lt_servers"])),
        lt_path=config["lt_path"],
        lt_level=config["lt_level"],
        lt_enable=tuple(config["lt_enable"]),
        lt_disable=tuple(config["lt_disable"]),
        lt_timeout=lt_timeout,
        lt_idle=lt_idle,
        words=tuple(config["words"]),
        glossaries=tuple(config["glossaries"]),
        reading=ReaderOptions(token_ignores=tuple(config["token_ignores"]),
                              block_ignores=tuple(config["block_ignores"]), templates=bool(config["templates"])),
        report=config["report"] or None,
        baseline=config["baseline"],
        false_alarms=str(config.root / config["false_alarms"]) if config["false_alarms"] else None,
        root=config.root,
        config_file=config.file,
        provenance=provenance,
        jobs=config["jobs"] or os.cpu_count() or 1,
        scheduler=config["scheduler"] or None,
        **invocation,
    )


def _env_number(name: str, default: float, provenance: dict, key: str) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value < float("inf")):
        raise UsageError(f"environment variable {name} must be a positive number of seconds, not {raw!r}")
    provenance[key] = f"environment ({name})"
    return value
