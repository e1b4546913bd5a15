"""Every configuration key, its default, its type and what it does. Files: ``[mtcheck]`` in setup.cfg,
``[tool.mtcheck]`` in pyproject.toml, or a top-level table in mtcheck.toml. Command-line options win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # str, list, patterns, float, int, bool, choice, table
    default: Any
    help: str
    choices: tuple[str, ...] = ()


KEYS: tuple[Key, ...] = (
    Key("lang", "str", None, "target language (ISO code); unset: detected per document"),
    Key("source_lang", "str", None, "source language; turns on language-pair packs (es-en, ...)"),
    Key("source_dir", "str", None, "folder of source files with the same relative paths as the checked ones; "
        "plain-text pairs are aligned line by line, pages (Markdown, MDX, rST, HTML) block by block"),
    Key("rules", "list", [], "extra rule packs, paths relative to the configuration file"),
    Key("select", "list", [], "only these rule ids, prefixes or globs"),
    Key("ignore", "list", [], "not these rule ids, prefixes or globs"),
    Key("per_path", "table", {}, "glob → {lang, source_lang, select, ignore} for matching files"),
    Key("exclude", "list", [], "globs of files and folders not to check (relative to the configuration file)"),
    Key("fail_on", "choice", "major", "exit 1 when a finding at or above this severity remains",
        ("minor", "major", "critical", "never")),
    Key("max_penalty", "float", None, "exit 1 when the MQM penalty per 1,000 words exceeds this"),
    Key("penalty_scope", "choice", "overall", "max_penalty applies to the whole run or to each document",
        ("overall", "document")),
    Key("mqm_weights", "str", None, "MQM weights, e.g. 'minor=1,major=5,critical=25,minor_punctuation=0.1'"),
    Key("lt", "bool", True, "run the LanguageTool pass"),
    Key("lt_required", "bool", True, "a run whose LanguageTool pass could not check everything exits 2; false: "
        "it goes on, and every output records the gap (--lt-optional)"),
    Key("lt_server", "str", None, "URL of a shared LanguageTool server, or several separated by commas (a pool; "
        "requests are balanced over them); default: the local one(s) mtcheck manages"),
    Key("lt_servers", "int", 1, "local LanguageTool servers to start and balance requests over (a pool)"),
    Key("lt_path", "str", None, "an unpacked LanguageTool to use instead of fetching one (like LTP_JAR_DIR_PATH)"),
    Key("lt_level", "choice", "default", "'picky' adds LanguageTool's style hints", ("default", "picky")),
    Key("lt_enable", "list", [], "LanguageTool rule ids to turn on"),
    Key("lt_disable", "list", [], "LanguageTool rule ids to turn off"),
    Key("words", "list", [], "extra word-list files (one word a line) besides mtcheck.words files"),
    Key("glossaries", "list", [], "glossaries and termbases (CSV or TBX): required target terms for source terms, "
        "forbidden terms (rules common.glossary-required, common.glossary-forbidden)"),
    Key("token_ignores", "patterns", [], "regexes for inline non-prose (read as one placeholder word), like "
        "Vale's TokenIgnores; one a line in setup.cfg"),
    Key("block_ignores", "patterns", [], "regexes for blocks not to read at all, like Vale's BlockIgnores"),
    Key("templates", "bool", True, "recognise template syntax in prose: {{ }}, {% %}, Hugo shortcodes"),
    Key("report", "str", "reports", "folder for the HTML report; empty to write none"),
    Key("scheduler", "str", None, "a Dask scheduler to spread documents over (tcp://host:8786), or 'local' / "
        "'local:N' for a LocalCluster of N workers on this machine; the findings are those of a local run"),
    Key("jobs", "int", 0, "processes that check documents at once; 0: one per core (findings do not depend on it)"),
    Key("baseline", "str", None, "baseline file: findings recorded there are not reported"),
    Key("false_alarms", "str", "mtcheck-false-alarms.json", "findings an editor rejected in the report "
        "('mtcheck apply' records them); not reported, like a baseline. Read when the file exists"),
)
BY_NAME = {k.name: k for k in KEYS}
