"""mtcheck never deletes or overwrites a file it did not create: the report folder is its own and marked as
such, and outputs never replace a checked document."""

import json

from mtcheck.ownership import REPORT_MARKER


def setup_docs(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The the ferry left at noon.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("my notes\n", encoding="utf-8")


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_report_folder_holding_a_checked_path_is_refused(tmp_path, run_cli):
    setup_docs(tmp_path)
    before = snapshot(tmp_path)
    for target in (".", "docs"):
        r = run_cli("docs", "--no-lt", "--report", target, cwd=tmp_path)
        assert r.returncode == 2 and "would hold the checked path" in r.stderr, r.stderr
    assert snapshot(tmp_path) == before


def test_foreign_non_empty_folder_is_refused_and_left_alone(tmp_path, run_cli):
    setup_docs(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    (tmp_path / "out" / "docs").mkdir()
    (tmp_path / "out" / "docs" / "keep.html").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    r = run_cli("docs", "--no-lt", "--report", "out", cwd=tmp_path)
    assert r.returncode == 2 and "not made by mtcheck" in r.stderr
    assert snapshot(tmp_path) == before


def test_own_folder_is_reused_and_only_its_own_stale_pages_removed(tmp_path, run_cli):
    setup_docs(tmp_path)
    (tmp_path / "docs" / "b.txt").write_text("A second page of ours.\n", encoding="utf-8")
    r = run_cli("docs", "--no-lt", "--report", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    marker = json.loads((tmp_path / "out" / REPORT_MARKER).read_text())
    assert marker["tool"] == "mtcheck" and "index.html" in marker["files"]
    assert len(list((tmp_path / "out" / "docs").glob("*.html"))) == 2
    (tmp_path / "out" / "user-note.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").unlink()
    r = run_cli("docs", "--no-lt", "--report", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "out" / "docs").glob("*.html"))) == 1  # the stale page of b.txt is gone
    assert (tmp_path / "out" / "user-note.txt").read_text() == "mine"


def test_output_never_overwrites_a_checked_document(tmp_path, run_cli):
    setup_docs(tmp_path)
    before = snapshot(tmp_path)
    r = run_cli("docs", "--no-lt", "--no-report", "--format", "json", "--output", "docs/a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "never overwrites a checked document" in r.stderr
    r = run_cli("baseline", "create", "docs", "--no-lt", "-o", "docs/a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "never overwrites a checked document" in r.stderr
    assert snapshot(tmp_path) == before
    r = run_cli("docs", "--no-lt", "--no-report", "--format", "json", "--output", "result.json", cwd=tmp_path)
    assert r.returncode == 0 and json.loads((tmp_path / "result.json").read_text())
