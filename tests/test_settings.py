"""One settings object, resolved once with provenance; one registry builds engines; reporters read a RunResult
without the pipeline."""

import subprocess
import sys

import pytest

from mtcheck.engines.base import BaseEngine
from mtcheck.engines.registry import build_engines
from mtcheck.errors import UsageError
from mtcheck.findings import Severity
from mtcheck.pipeline import run
from mtcheck.result import RuleInfo
from mtcheck.settings import resolve


def test_layers_and_provenance(tmp_path, monkeypatch):
    (tmp_path / "mtcheck.toml").write_text('lang = "de"\nfail_on = "minor"\nmqm_weights = "major=4"\n'
                                           '[per_path."legal/*"]\nlang = "fr"\nignore = ["common"]\n')
    monkeypatch.setenv("MTCHECK_LT_SERVER", "http://127.0.0.1:8081")
    monkeypatch.setenv("MTCHECK_LT_TIMEOUT", "12")
    s = resolve([str(tmp_path)], overrides={"fail_on": ("critical", "command line (--fail-on)")})
    assert s.lang == "de" and s.source("lang").endswith("mtcheck.toml")
    assert s.fail_on is Severity.CRITICAL and s.source("fail_on") == "command line (--fail-on)"
    assert s.weights.major == 4 and s.weights.minor == 1
    assert s.lt_server == "http://127.0.0.1:8081" and s.source("lt_server") == "environment (MTCHECK_LT_SERVER)"
    assert s.lt_timeout == 12 and "MTCHECK_LT_TIMEOUT" in s.source("lt_timeout")
    assert s.source("select") == "default"
    here = s.for_document("legal/terms.md")
    assert here.lang == "fr" and here.ignore == ("common",)
    assert s.for_document("news/a.md").lang == "de"


@pytest.mark.parametrize("key, value, needle", [
    ("max_penalty", float("nan"), "max_penalty must be a finite number"),
    ("lang", "english", "'english' is not a language code"),
    ("mqm_weights", "major=-1", "MQM weight major"),
    ("fail_on", "sometimes", "fail_on must be one of"),
])
def test_command_line_values_are_validated_like_the_file_and_name_their_source(tmp_path, key, value, needle):
    with pytest.raises(UsageError) as err:
        resolve([str(tmp_path)], isolated=True, overrides={key: (value, f"command line (--{key})")})
    assert needle in str(err.value) and "command line" in str(err.value)


def test_a_bad_environment_value_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_LT_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="MTCHECK_LT_TIMEOUT"):
        resolve([str(tmp_path)], isolated=True)


def test_the_registry_builds_the_engines_the_settings_ask_for(tmp_path):
    off = build_engines(resolve([str(tmp_path)], isolated=True, overrides={"lt": (False, "test")}))
    assert [e.name for e in off] == ["rules"]
    on = build_engines(resolve([str(tmp_path)], isolated=True, overrides={"lt": (True, "test")}, cache=False))
    assert [e.name for e in on] == ["rules", "languagetool"] and on[1].waits_on_server
    assert on[1].settings.cache_path is None  # --no-cache reaches LanguageTool through the one object
    for e in off + on:
        e.close()


class Recording(BaseEngine):
    """An engine that records how the pipeline drives it."""

    name = "recording"
    waits_on_server = True

    def __init__(self):
        self.calls = []

    def check(self, document, context):
        self.calls.append(("check", document.path))
        return []

    def signature(self):
        self.calls.append(("signature",))
        return "recording:1"

    def stats(self):
        return {"documents": sum(1 for c in self.calls if c[0] == "check")}

    def rule_info(self):
        return {"recording:x": RuleInfo(short="x")}

    def close(self):
        self.calls.append(("close",))


def test_the_pipeline_reads_signature_and_stats_after_the_run(tmp_path):
    (tmp_path / "a.txt").write_text("The ferry left at noon.\n")
    (tmp_path / "b.txt").write_text("The bus left at one.\n")
    settings = resolve([str(tmp_path)], isolated=True, overrides={"lt": (False, "test"), "lang": ("en", "test")},
                       cache=False)
    engine = Recording()
    result = run(settings, engines=[*build_engines(settings), engine])
    assert [c[0] for c in engine.calls] == ["check", "check", "signature"]  # the caller's engine stays open
    assert result.signature.endswith("|recording:1") and "|rules:" in result.signature
    assert result.stats["recording"] == {"documents": 2} and result.stats["rules"]["documents"] == 2
    assert "recording:x" in result.rule_info


def test_reporters_do_not_import_the_pipeline():
    code = ("import sys, mtcheck.reporters, mtcheck.reporters.html; "
            "print('mtcheck.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
