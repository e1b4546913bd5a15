"""``mtcheck apply``: decisions exported from the report are applied with the safety of ``mtcheck fix``."""

import hashlib
import json

TEXT = "The the ferry left at noon , on time.\nRockets and rockets hit the depot.\n"


def decisions(path, text, items):
    return {"format": "mtcheck-decisions", "version": 1,
            "documents": [{"path": path, "sha256": hashlib.sha256(text.encode()).hexdigest(), "decisions": items}]}


def finding(run_cli, cwd, rule):
    r = run_cli("a.txt", "--no-lt", "--lang", "en", "--no-report", "--format", "json", "--fail-on", "never",
                cwd=cwd)
    return next(f for f in json.loads(r.stdout) if f["rule"] == rule)


def test_only_fixes_mtcheck_fix_would_apply(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    rep = finding(run_cli, tmp_path, "common.repeated-word")
    coord = finding(run_cli, tmp_path, "common.collapsed-coordination")
    items = [
        {"rule": rep["rule"], "start": rep["start"], "end": rep["end"], "line": 1, "decision": "accepted",
         "replacement": "The"},
        # display-only: never applied, whatever the file says
        {"rule": coord["rule"], "start": coord["start"], "end": coord["end"], "line": 2, "decision": "accepted",
         "replacement": "Rockets"},
    ]
    (tmp_path / "d.json").write_text(json.dumps(decisions("a.txt", TEXT, items)), encoding="utf-8")
    r = run_cli("apply", "d.json", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 1 and "display-only" in r.stderr, r.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TEXT.replace("The the", "The")


def test_a_replacement_that_is_not_a_suggestion_is_refused(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    rep = finding(run_cli, tmp_path, "common.repeated-word")
    items = [{"rule": rep["rule"], "start": rep["start"], "end": rep["end"], "line": 1, "decision": "accepted",
              "replacement": "rm -rf"}]
    (tmp_path / "d.json").write_text(json.dumps(decisions("a.txt", TEXT, items)), encoding="utf-8")
    r = run_cli("apply", "d.json", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 1 and "not a suggestion" in r.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TEXT


def test_a_changed_file_and_bad_files_are_refused_by_name(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT + "Edited since.\n", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps(decisions("a.txt", TEXT, [])), encoding="utf-8")
    r = run_cli("apply", "d.json", cwd=tmp_path)
    assert r.returncode == 2 and "a.txt: changed since it was reviewed" in r.stderr
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    r = run_cli("apply", "bad.json", cwd=tmp_path)
    assert r.returncode == 2 and "bad.json" in r.stderr and "Traceback" not in r.stderr


def test_rejections_are_recorded_and_a_foreign_file_is_never_overwritten(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    coord = finding(run_cli, tmp_path, "common.collapsed-coordination")
    items = [{"rule": coord["rule"], "start": coord["start"], "end": coord["end"], "line": 2,
              "decision": "rejected", "fingerprint": coord["fingerprint"]}]
    (tmp_path / "d.json").write_text(json.dumps(decisions("a.txt", TEXT, items)), encoding="utf-8")
    (tmp_path / "notes.json").write_text("my own notes\n", encoding="utf-8")
    r = run_cli("apply", "d.json", "--false-alarms", "notes.json", cwd=tmp_path)
    assert r.returncode == 2 and "notes.json" in r.stderr
    assert (tmp_path / "notes.json").read_text(encoding="utf-8") == "my own notes\n"
    r = run_cli("apply", "d.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "mtcheck-false-alarms.json").read_text())["findings"][0]["rule"] == coord["rule"]
    r = run_cli("a.txt", "--no-lt", "--lang", "en", "--no-report", "--format", "json", cwd=tmp_path)
    assert coord["rule"] not in [f["rule"] for f in json.loads(r.stdout)]
