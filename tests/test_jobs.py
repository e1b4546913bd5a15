"""``--jobs N``: documents spread over processes; every output is the same as with one process."""

import json

import pytest

DOCS = {
    "a.txt": "The the ferry left at noon , on time.\nRockets and rockets hit the depot.\n",
    "b.md": "# Title\n\nWe call `x.open()` and and the server answers.\n\n<!-- mtcheck: disable=common.repeated-word -->\n"
            "The the end.\n",
    "c.html": "<html lang='en'><body><p>Officials seized rifles and rifles , he said.</p></body></html>\n",
    "d.txt": "He go to school every day and they was happy.\n",
    "e.txt": "The vote was postponed.Talks continue next week.\n",
    "f.txt": "A clean sentence stands here.\n",
}


def outputs(run_cli, cwd, *extra):
    out = {}
    for fmt in ("json", "sarif", "junit"):
        r = run_cli(".", "--format", fmt, "--no-report", "--no-cache", "--fail-on", "never", *extra, cwd=cwd)
        assert r.returncode == 0, r.stderr
        out[fmt] = r.stdout
        out[fmt + " summary"] = r.stderr.strip().splitlines()[-1]
    out["sarif"] = json.loads(out["sarif"])
    out["sarif"]["runs"][0].pop("invocations", None)  # start and end times differ
    return out


@pytest.mark.parametrize("lt", [("--no-lt",), pytest.param((), marks=pytest.mark.languagetool)])
def test_two_processes_give_the_same_outputs_as_one(tmp_path, run_cli, lt):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary\x00")
    one = outputs(run_cli, tmp_path, "--jobs", "1", "--lang", "en", *lt)
    two = outputs(run_cli, tmp_path, "--jobs", "2", "--lang", "en", *lt)
    assert one == two
    findings = json.loads(one["json"])
    assert {f["path"] for f in findings} >= {"a.txt", "c.html", "e.txt"}
    if not lt:
        assert any(f["engine"] == "languagetool" for f in findings)


def test_jobs_is_a_validated_setting(tmp_path, run_cli):
    (tmp_path / "mtcheck.toml").write_text("jobs = 'many'\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--no-report", cwd=tmp_path)
    assert r.returncode == 2 and "jobs" in r.stderr and "whole number" in r.stderr
