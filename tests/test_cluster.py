"""``--scheduler``: documents spread over a Dask cluster. A LocalCluster of two worker processes, against the
real LanguageTool servers, gives every output of a local run; the workers' cache rows come back to this machine."""

import json
import sqlite3

import pytest

from tests.test_jobs import DOCS, outputs

pytestmark = [pytest.mark.slow]


@pytest.mark.languagetool
def test_a_two_worker_local_cluster_gives_the_outputs_of_a_local_run(tmp_path, run_cli):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary\x00")
    local = outputs(run_cli, tmp_path, "--jobs", "1", "--lang", "en")
    cluster = outputs(run_cli, tmp_path, "--scheduler", "local:2", "--lang", "en")
    assert cluster == local
    findings = json.loads(local["json"])
    assert any(f["engine"] == "languagetool" for f in findings) and any(f["engine"] == "rules" for f in findings)


def test_the_workers_cache_rows_reach_this_machine(tmp_path, run_cli):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"MTCHECK_CACHE_DIR": str(cache)}
    r = run_cli(".", "--no-lt", "--no-report", "--scheduler", "local:2", "--lang", "en", "-v", cwd=tmp_path, env=env)
    assert r.returncode == 1, r.stderr
    assert "on the Dask cluster" in r.stderr and "2 workers" in r.stderr
    rows = sqlite3.connect(cache / "rules.sqlite3").execute("SELECT COUNT(*) FROM store").fetchone()[0]
    assert rows >= len(DOCS)
    again = run_cli(".", "--no-lt", "--no-report", "--lang", "en", "-v", cwd=tmp_path, env=env)
    assert f"rules: {len(DOCS)} documents, {len(DOCS)} from cache" in again.stderr


def test_a_scheduler_that_is_not_there_is_a_clear_error(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--no-report", "--scheduler", "tcp://127.0.0.1:9", cwd=tmp_path)
    assert r.returncode == 2 and "no Dask scheduler at tcp://127.0.0.1:9" in r.stderr
    assert "Traceback" not in r.stderr
