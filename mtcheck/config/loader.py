"""Find, read and validate configuration, remembering where each value came from.

The nearest configuration file up the tree from the checked paths (their common folder; the current folder when
none is given) wins, as in ruff: ``mtcheck.toml``, then ``pyproject.toml`` with a ``[tool.mtcheck]`` table, then
``setup.cfg`` with an ``[mtcheck]`` section, in each folder from the nearest up. ``--config FILE`` names one."""

from __future__ import annotations

import configparser
import math
import re
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from mtcheck.config.defaults import BY_NAME, KEYS
from mtcheck.errors import ConfigError, MtcheckError


@dataclass
class Config:
    values: dict[str, Any]
    sources: dict[str, str]
    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str) -> None:
        self.values[key] = value
        self.sources[key] = source


def _split_list(text: str) -> list[str]:
    return [item.strip() for line in text.splitlines() for item in line.split(",") if item.strip()]


def coerce(key: str, value: Any, where: str, *, error: type[MtcheckError] = ConfigError) -> Any:
    """``value`` of configuration key ``key`` as its type, or ``error`` naming ``where`` it was set."""
    spec = BY_NAME[key]
    try:
        if spec.kind == "str":
            if not isinstance(value, str):
                raise TypeError("a string")
            return value
        if spec.kind == "list":
            if isinstance(value, str):
                return _split_list(value)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
            raise TypeError("a list of strings")
        if spec.kind == "patterns":
            if isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise TypeError("a list of regular expressions (one a line in setup.cfg)")
            for pattern in value:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"a list of valid regular expressions ({pattern!r}: {exc})") from None
            return value
        if spec.kind == "float":
            if isinstance(value, bool):
                raise TypeError("a number")
            number = float(value)
            if not math.isfinite(number) or number < 0:
                raise ValueError("a finite number of 0 or more")
            return number
        if spec.kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise TypeError("a whole number")
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise TypeError("a whole number") from None
            if number < 0:
                raise ValueError("a whole number of 0 or more")
            return number
        if spec.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "on", "false", "no", "0", "off"):
                return value.strip().lower() in ("true", "yes", "1", "on")
            raise TypeError("true or false")
        if spec.kind == "choice":
            if value not in spec.choices:
                raise TypeError("one of " + ", ".join(spec.choices))
            return value
        if spec.kind == "table":
            if not isinstance(value, dict):
                raise TypeError("a table of glob = {settings}")
            out = {}
            for glob, settings in value.items():
                if not isinstance(settings, dict):
                    raise TypeError(f"a table for {glob!r}")
                unknown = set(settings) - {"lang", "source_lang", "select", "ignore"}
                if unknown:
                    raise TypeError(f"only lang, source_lang, select, ignore for {glob!r} (not {', '.join(sorted(unknown))})")
                out[glob] = {k: coerce(k, v, where, error=error) for k, v in settings.items()}
            return out
    except (TypeError, ValueError) as exc:
        if error is ConfigError:
            raise ConfigError(f"key {key!r} must be {exc}, not {value!r}", path=where) from None
        raise error(f"{key} must be {exc}, not {value!r} (set by {where})") from None
    raise AssertionError(spec.kind)


def _read_file(path: Path) -> dict[str, Any] | None:
    """The mtcheck table of a file, or None when the file has none."""
    try:
        if path.name == "setup.cfg":
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(path, encoding="utf-8")
            if not parser.has_section("mtcheck"):
                return None
            raw: dict[str, Any] = dict(parser.items("mtcheck"))
            per_path = {}
            for section in parser.sections():
                if section.startswith("mtcheck:"):
                    per_path[section.split(":", 1)[1].strip()] = dict(parser.items(section))
            if per_path:
                raw["per_path"] = per_path
            return raw
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        if path.name == "pyproject.toml":
            return data.get("tool", {}).get("mtcheck")
        return data
    except (OSError, configparser.Error, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", path=str(path)) from None


CANDIDATES = ("mtcheck.toml", "pyproject.toml", "setup.cfg")


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in CANDIDATES:
            candidate = d / name
            if candidate.is_file():
                table = _read_file(candidate)
                if table is not None:
                    return candidate, table
    return None


def _common_folder(paths: Iterable[str]) -> Path:
    resolved = [Path(p).resolve() for p in paths if os.path.exists(p)]
    if not resolved:
        return Path.cwd()
    folders = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath([str(f) for f in folders]))


def load_config(paths: Iterable[str] = (), explicit: str | None = None, *, isolated: bool = False) -> Config:
    """Defaults, then the configuration file (found, or ``explicit``)."""
    config = Config(values={k.name: k.default for k in KEYS}, sources={k.name: "default" for k in KEYS})
    if isolated:
        return config
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("configuration file not found", path=explicit)
        table = _read_file(path)
        if table is None:
            raise ConfigError("no mtcheck settings in this file ([mtcheck], [tool.mtcheck] or mtcheck.toml)",
                              path=explicit)
        found = (path, table)
    else:
        found = find_config(_common_folder(paths))
    if found is None:
        return config
    path, table = found
    config.file = path.resolve()
    config.root = path.resolve().parent
    for key, value in table.items():
        norm = key.replace("-", "_")
        if norm not in BY_NAME:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(BY_NAME)})", path=str(path))
        config.set(norm, coerce(norm, value, str(path)), f"{path}")
    for key in ("rules", "words", "glossaries"):
        config.values[key] = [str((config.root / p)) for p in config.values[key]]
    for key in ("baseline", "lt_path", "false_alarms", "source_dir"):
        if config.values[key]:
            config.values[key] = str(config.root / config.values[key])
    return config
