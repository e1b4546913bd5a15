"""SARIF and JUnit as strict consumers read them."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from mtcheck.findings import Finding, Severity
from mtcheck.result import DocumentStats, Gap, RunResult
from mtcheck.reporters.junit import render_junit
from mtcheck.reporters.sarif import MAX_RESULTS, render_sarif


def finding(path, start=0, rule="common.repeated-word", sev=Severity.MINOR):
    return Finding(rule=rule, engine="rules", category="Fluency/Grammar", severity=sev, message="m", path=path,
                   start=start, end=start + 3, line=1, column=start + 1, end_line=1, end_column=start + 4)


def test_sarif_uris_are_percent_encoded_and_relative_to_the_root(tmp_path):
    path = str(tmp_path / "a dir#1" / "f%1.txt")
    out = json.loads(render_sarif(RunResult(findings=[finding(path)]), root=tmp_path))
    run = out["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "a%20dir%231/f%251.txt", "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_rule_descriptions_have_no_raw_placeholders_and_carry_precision(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("Police seized rifles and rifles. The the ferry left.\n", encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--no-report", "--format", "sarif", "--lang", "en", cwd=tmp_path)
    rules = json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == 2
    for rule in rules:
        assert "{" not in rule["shortDescription"]["text"] and rule["properties"]["precision"] in ("high", "medium")
    assert "lt:" not in json.loads(r.stdout)["runs"][0]["properties"]["signature"]


def test_sarif_is_capped_with_a_notification():
    many = [finding("p.txt", start=i) for i in range(MAX_RESULTS + 7)]
    run = json.loads(render_sarif(RunResult(findings=many), root=Path.cwd()))["runs"][0]
    assert len(run["results"]) == MAX_RESULTS
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("7 more findings" in n["message"]["text"] for n in notes)
    assert run["invocations"][0]["executionSuccessful"] is True


def test_junit_counts_match_the_cases():
    docs = [DocumentStats(p, "text", "en", 10, 0) for p in ("a.txt", "b.txt", "c.txt")]
    result = RunResult(findings=[finding("a.txt", 0, sev=Severity.MAJOR), finding("a.txt", 5, sev=Severity.MAJOR),
                                 finding("b.txt", 0)],
                       documents=docs, skipped=[("d.bin", "unreadable")],
                       gaps=[Gap("c.txt", "languagetool", "LanguageTool could not check 2 of 4 paragraphs", 2)])
    root = ET.fromstring(render_junit(result, fail_on=Severity.MAJOR))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == 4
    assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None) == 1
    assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 1
    assert int(suite.get("skipped")) == 1
    assert all(len(c.findall("failure")) <= 1 and "file" not in c.attrib for c in cases)
    assert "2 findings" in cases[0].find("failure").get("message")


JUNIT_XSD = Path(__file__).resolve().parents[1] / "data" / "junit-10.xsd"


def test_junit_from_a_real_run_is_valid_against_junit_10_xsd(tmp_path, run_cli):
    """The schema Jenkins and pytest validate against (vendored from pytest's sdist, MIT), read by xmlschema: a run
    with a failing document, a passing one, one not fully checked (no LanguageTool server) and a skipped one."""
    import xmlschema

    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    (tmp_path / "bad.txt").write_text("The ferry and the ferry left. The the bus left.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("The ferry left at noon.\n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    r = run_cli(".", "--lang", "en", "--format", "junit", "--no-report", "--lt-optional",
                "--lt-server", "http://127.0.0.1:9", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    schema.validate(r.stdout)  # raises with the offending element when invalid
    suite = ET.fromstring(r.stdout).find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == 3
    assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 2
    assert int(suite.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None) == 1
    # and a run with failures only
    r = run_cli("bad.txt", "good.txt", "--lang", "en", "--no-lt", "--format", "junit", "--no-report", cwd=tmp_path)
    schema.validate(r.stdout)
    suite = ET.fromstring(r.stdout).find("testsuite")
    assert suite.get("failures") == "1" and suite.get("errors") == "0"
