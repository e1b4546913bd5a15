"""The CI gate: configuration with provenance, output formats through real parsers and validators, --diff,
baselines, suppressions."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD = "Police seized rifles and rifles at the port.\nSend an email. Every email counts, but an e-mail waits.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(run_cli, cwd, *args):
    r = run_cli(*args, cwd=cwd)
    assert "Traceback" not in r.stderr, r.stderr
    return r


# -- configuration ----------------------------------------------------------------------------------------------

def test_config_from_setup_cfg_and_precedence(tmp_path, run_cli):
    write(tmp_path / "setup.cfg", "[mtcheck]\nlang = en\nfail_on = minor\nignore = en.spelling-consistency\nlt = false\n"
                                  "report =\n")
    write(tmp_path / "docs" / "a.txt", BAD)
    r = run(run_cli, tmp_path, "docs", "--format", "json")
    rules = {f["rule"] for f in json.loads(r.stdout)}
    assert "en.spelling-consistency" not in rules and "common.collapsed-coordination" in rules
    assert r.returncode == 1 and not (tmp_path / "reports").exists()
    # the command line wins over the file
    r = run(run_cli, tmp_path, "docs", "--format", "json", "--ignore", "common", "--fail-on", "never")
    assert r.returncode == 0
    assert not [f for f in json.loads(r.stdout) if f["rule"].startswith("common.")]
    cfg = run(run_cli, tmp_path, "config", "docs", "--fail-on", "critical")
    settings = {line.split("=")[0].strip(): line for line in cfg.stdout.splitlines() if not line.startswith("#")}
    assert re.search(r"= en\s+# .*setup\.cfg$", settings["lang"])
    assert re.search(r"= critical\s+# command line \(--fail-on\)$", settings["fail_on"])
    assert re.search(r"= \(unset\)\s+# default$", settings["max_penalty"])


def test_config_from_pyproject_and_mtcheck_toml_nearest_wins(tmp_path, run_cli):
    write(tmp_path / "pyproject.toml", "[tool.mtcheck]\nlang = 'en'\nselect = ['common.repeated-word']\nlt = false\n")
    write(tmp_path / "sub" / "mtcheck.toml", "lang = 'en'\nselect = ['common.collapsed-coordination']\nlt = false\n")
    write(tmp_path / "sub" / "a.txt", BAD + "The the end came.\n")
    write(tmp_path / "b.txt", BAD + "The the end came.\n")
    top = json.loads(run(run_cli, tmp_path, "b.txt", "--format", "json", "--no-report").stdout)
    sub = json.loads(run(run_cli, tmp_path, "sub/a.txt", "--format", "json", "--no-report").stdout)
    assert {f["rule"] for f in top} == {"common.repeated-word"}
    assert {f["rule"] for f in sub} == {"common.collapsed-coordination"}


def test_per_path_overrides_and_exclude(tmp_path, run_cli):
    write(tmp_path / "mtcheck.toml", "lang = 'en'\nlt = false\nexclude = ['drafts']\n"
                                     "[per_path.'legal/*.txt']\nignore = ['common.collapsed-coordination']\n")
    write(tmp_path / "legal" / "a.txt", BAD)
    write(tmp_path / "news" / "a.txt", BAD)
    write(tmp_path / "drafts" / "a.txt", BAD)
    found = json.loads(run(run_cli, tmp_path, ".", "--format", "json", "--no-report").stdout)
    coord = {f["path"] for f in found if f["rule"] == "common.collapsed-coordination"}
    assert coord == {"news/a.txt"}
    assert not [f for f in found if f["path"].startswith("drafts")]


@pytest.mark.parametrize("body,needle", [
    ("[mtcheck]\ncolour = red\n", "unknown key 'colour'"),
    ("[mtcheck]\nfail_on = sometimes\n", "key 'fail_on' must be one of"),
    ("[mtcheck]\nmax_penalty = lots\n", "key 'max_penalty'"),
])
def test_bad_configuration_is_exit_2_naming_file_and_key(tmp_path, run_cli, body, needle):
    write(tmp_path / "setup.cfg", body)
    write(tmp_path / "a.txt", "Fine text here.\n")
    r = run(run_cli, tmp_path, "a.txt", "--no-lt")
    assert r.returncode == 2 and "setup.cfg" in r.stderr and needle in r.stderr


# -- outputs ----------------------------------------------------------------------------------------------------

def test_sarif_is_valid_against_the_official_schema(tmp_path, run_cli):
    write(tmp_path / "a.txt", BAD)
    r = run(run_cli, tmp_path, "a.txt", "--no-lt", "--lang", "en", "--format", "sarif", "--output", "out.sarif")
    assert "a.txt:1:15: major common.collapsed-coordination" in r.stderr  # the terminal still gets the text
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    run0 = sarif["runs"][0]
    rules = {d["id"]: d for d in run0["tool"]["driver"]["rules"]}
    assert rules["common.collapsed-coordination"]["properties"]["category"] == "Accuracy/Mistranslation"
    assert rules["common.collapsed-coordination"]["help"]["text"]
    res = next(x for x in run0["results"] if x["ruleId"] == "common.collapsed-coordination")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 15, 32)
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "rifles"
    assert "mtcheck:" in run0["properties"]["signature"]


def test_junit_parses_and_fails_per_finding_at_threshold(tmp_path, run_cli):
    write(tmp_path / "docs" / "bad.txt", BAD)
    write(tmp_path / "docs" / "good.txt", "The council met on Monday and agreed on the budget.\n")
    r = run(run_cli, tmp_path, "docs", "--no-lt", "--lang", "en", "--format", "junit", "--no-report")
    root = ET.fromstring(r.stdout)
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"docs/bad.txt", "docs/good.txt"}
    failures = cases["docs/bad.txt"].findall("failure")
    assert [f.get("type") for f in failures] == ["common.collapsed-coordination"]  # the minor one is not a failure
    assert cases["docs/good.txt"].find("failure") is None
    assert suite.get("failures") == "1" and suite.get("tests") == "2"


def test_github_annotations(tmp_path, run_cli):
    write(tmp_path / "a.txt", BAD)
    r = run(run_cli, tmp_path, "a.txt", "--no-lt", "--lang", "en", "--format", "github", "--no-report")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("::error file=a.txt,line=1,col=15,endLine=1,endColumn=32,"
                               "title=common.collapsed-coordination::")
    assert any(line.startswith("::warning file=a.txt,line=2") for line in lines)


def test_max_penalty_gate_says_why(tmp_path, run_cli):
    write(tmp_path / "a.txt", BAD)
    r = run(run_cli, tmp_path, "a.txt", "--no-lt", "--lang", "en", "--fail-on", "never", "--max-penalty", "10",
            "--no-report")
    assert r.returncode == 1 and "MQM penalty" in r.stderr and "above 10" in r.stderr
    r = run(run_cli, tmp_path, "a.txt", "--no-lt", "--lang", "en", "--fail-on", "never", "--max-penalty", "1000",
            "--penalty-scope", "document", "--no-report")
    assert r.returncode == 0 and "passed" in r.stderr


# -- changed files ----------------------------------------------------------------------------------------------

def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_diff_checks_changed_files_and_lines(tmp_path, run_cli):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo / "old.txt", BAD)
    write(repo / "edited.txt", "Officials seized rifles and rifles at the port.\nThe council met.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    write(repo / "edited.txt", "Officials seized rifles and rifles at the port.\nThe council met.\n"
                               "Later the police found knives and knives.\n")
    git(repo, "commit", "-qam", "second")
    write(repo / "new.txt", "Guards found radios and radios.\n")
    args = ("--no-lt", "--lang", "en", "--format", "json", "--no-report")
    lines = json.loads(run(run_cli, repo, ".", "--diff", base, *args).stdout)
    assert {(f["path"], f["line"]) for f in lines} == {("edited.txt", 3), ("new.txt", 1)}
    files = json.loads(run(run_cli, repo, ".", "--diff", base, "--diff-scope", "files", *args).stdout)
    assert {(f["path"], f["line"]) for f in files} == {("edited.txt", 1), ("edited.txt", 3), ("new.txt", 1)}
    bad = run(run_cli, repo, ".", "--diff", "no-such-rev", *args)
    assert bad.returncode == 2 and "no-such-rev" in bad.stderr


# -- baseline and suppressions ----------------------------------------------------------------------------------

def test_baseline_survives_an_unrelated_edit(tmp_path, run_cli):
    doc = write(tmp_path / "a.txt", BAD)
    r = run(run_cli, tmp_path, "baseline", "create", "a.txt", "--no-lt", "--lang", "en")
    assert r.returncode == 0 and "recorded in mtcheck-baseline.json" in r.stderr
    args = ("a.txt", "--no-lt", "--lang", "en", "--format", "json", "--no-report", "--baseline",
            "mtcheck-baseline.json")
    assert json.loads(run(run_cli, tmp_path, *args).stdout) == []
    doc.write_text("A new first paragraph was added above.\n\n" + BAD + "Guards found radios and radios.\n")
    new = json.loads(run(run_cli, tmp_path, *args).stdout)
    assert [(f["rule"], f["line"]) for f in new] == [("common.collapsed-coordination", 5)]
    r = run(run_cli, tmp_path, *args[:-2], "--baseline", "missing.json")
    assert r.returncode == 2 and "missing.json" in r.stderr


def test_inline_suppressions_in_markdown_and_html(tmp_path, run_cli):
    md = ("Rifles and rifles were found.\n\n<!-- mtcheck: disable=common.collapsed-coordination -->\n"
          "Knives and knives were found.\n\n<!-- mtcheck: enable=common.collapsed-coordination -->\n"
          "Radios and radios were found.\n\n<!-- mtcheck: disable-next-line common -->\n"
          "Phones and phones were found.\n\n<!-- mtcheck: disable-next-line en.doubled-article -->\n"
          "Nothing to see here at all.\n")
    write(tmp_path / "a.md", md)
    html = ("<p>Rifles and rifles were found.</p>\n<!-- mtcheck: disable-next-line -->\n"
            "<p>Knives and knives were found.</p>\n")
    write(tmp_path / "b.html", html)
    args = ("--no-lt", "--lang", "en", "--format", "json", "--no-report")
    found = json.loads(run(run_cli, tmp_path, "a.md", "b.html", *args).stdout)
    assert {(f["path"], f["line"]) for f in found} == {("a.md", 1), ("a.md", 7), ("b.html", 1)}
    found = json.loads(run(run_cli, tmp_path, "a.md", *args, "--warn-unused-suppressions").stdout)
    unused = [f for f in found if f["rule"] == "mtcheck.unused-suppression"]
    assert [f["line"] for f in unused] == [12]


# -- integration files ------------------------------------------------------------------------------------------

def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = hooks[0]
    assert hook["id"] == "mtcheck" and hook["entry"].startswith("mtcheck") and hook["language"] == "python"
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text())
    steps = [s.get("uses", "") + " " + s.get("run", "") for s in workflow["jobs"]["mtcheck"]["steps"]]
    assert any("upload-sarif" in s for s in steps) and any("upload-artifact" in s for s in steps)


def test_diff_reads_odd_names_uses_the_merge_base_and_accepts_three_dots(tmp_path, run_cli):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo / "base.txt", "The council met on Monday.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "feature")
    write(repo / "with space é.txt", "Guards found radios and radios.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "feature")
    git(repo, "checkout", "-q", "main")  # main moves on: its change is not the branch's
    write(repo / "main-only.txt", "Police seized rifles and rifles.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "main")
    git(repo, "checkout", "-q", "feature")
    args = ("--no-lt", "--lang", "en", "--format", "json", "--no-report")
    for rev in ("main", "main...HEAD", "main..."):
        r = run(run_cli, repo, ".", "--diff", rev, *args)
        assert r.returncode == 1, r.stderr
        assert {f["path"] for f in json.loads(r.stdout)} == {"with space é.txt"}, rev


def test_baseline_follows_a_renamed_file(tmp_path, run_cli):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo / "a.txt", BAD + "The council met on Monday and agreed on the budget for next year.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    r = run(run_cli, repo, "baseline", "create", ".", "--no-lt", "--lang", "en")
    assert r.returncode == 0, r.stderr
    git(repo, "add", "mtcheck-baseline.json")
    git(repo, "commit", "-qm", "baseline")
    git(repo, "mv", "a.txt", "renamed.txt")
    r = run(run_cli, repo, ".", "--no-lt", "--lang", "en", "--no-report", "--baseline", "mtcheck-baseline.json",
            "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == [], r.stdout + r.stderr
