"""Bilingual input: the source goes with each target segment (``--source-dir`` text pairs, ``.tsv`` bitext), the
source-aware rules use it, and positions stay in the target file."""

import json

SOURCE = "Der Vertrag kostet 250 Euro im Monat.\nMehr unter https://example.org/hilfe.\nKommen Sie morgen?\n"
TARGET = "The contract costs 205 euros a month.\nMore at https://example.org/help.\nAre you coming tomorrow.\n"


def check(run_cli, cwd, *args):
    r = run_cli(*args, "--lang", "en", "--no-lt", "--no-report", "--format", "json", "--fail-on", "never", cwd=cwd)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), r.stderr


def test_source_dir_pairs_text_files_line_by_line(tmp_path, run_cli):
    (tmp_path / "de" / "talks").mkdir(parents=True)
    (tmp_path / "en" / "talks").mkdir(parents=True)
    (tmp_path / "de" / "talks" / "a.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "en" / "talks" / "a.txt").write_text(TARGET, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "en", "--source-dir", "de")
    got = {f["rule"]: (TARGET[f["start"]:f["end"]], f["source"]) for f in findings}
    assert got["common.source-numbers"] == ("205", SOURCE.splitlines()[0])
    assert got["common.source-urls"][0] == "https://example.org/help"
    assert got["common.source-end-marks"] == (".", "Kommen Sie morgen?")
    # without the source, none of them
    alone, _ = check(run_cli, tmp_path, "en")
    assert not [f for f in alone if f["rule"].startswith("common.source-")]
    assert all(f["source"] is None for f in alone)
    # the source is part of the cache key: a corrected source clears the finding
    (tmp_path / "de" / "talks" / "a.txt").write_text(SOURCE.replace("250", "205"), encoding="utf-8")
    again, _ = check(run_cli, tmp_path, "en", "--source-dir", "de")
    assert "common.source-numbers" not in {f["rule"] for f in again}


def test_unpaired_files_are_said(tmp_path, run_cli):
    (tmp_path / "src").mkdir()
    (tmp_path / "tgt").mkdir()
    (tmp_path / "src" / "a.txt").write_text("Eins.\nZwei.\n", encoding="utf-8")
    (tmp_path / "tgt" / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "tgt" / "b.txt").write_text("Two.\n", encoding="utf-8")
    (tmp_path / "tgt" / "c.md").write_text("Three.\n", encoding="utf-8")
    (tmp_path / "src" / "c.md").write_text("Drei.\n", encoding="utf-8")
    _, err = check(run_cli, tmp_path, "tgt", "--source-dir", "src")
    assert "a.txt: its source" in err and "not line-aligned" in err
    assert "b.txt: no source at" in err
    assert "c.md" not in err  # a Markdown page is aligned with its source, block by block
    (tmp_path / "tgt" / "d.html").write_text("<p>Four.</p>\n", encoding="utf-8")
    (tmp_path / "src" / "d.tsv").write_text("Vier.\tFour.\n", encoding="utf-8")
    (tmp_path / "tgt" / "d.tsv").write_text("Vier.\tFour.\n", encoding="utf-8")
    _, err = check(run_cli, tmp_path, "tgt", "--source-dir", "src")
    assert "d.tsv: its source" in err and "carries its own source" in err


def test_tsv_bitext(tmp_path, run_cli):
    tsv = "Der Zug kommt um 14:30.\tThe train comes at 14:30.\nEr hat 3.500 Euro.\tHe has 5,300 euros.\n"
    (tmp_path / "pairs.tsv").write_text(tsv, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "pairs.tsv")
    (f,) = [f for f in findings if f["rule"] == "common.source-numbers"]
    assert tsv[f["start"]:f["end"]] == "5,300" and f["line"] == 2 and f["source"] == "Er hat 3.500 Euro."
    (tmp_path / "table.tsv").write_text("a\tb\tc\n1\t2\t3\n", encoding="utf-8")
    r = run_cli("table.tsv", "pairs.tsv", "--lang", "en", "--no-lt", "--no-report", cwd=tmp_path)
    assert "table.tsv: line 1 is not 'source<TAB>target'" in r.stderr and "1 file skipped" in r.stderr


def test_the_report_shows_the_source_of_a_bilingual_finding(tmp_path, run_cli):
    import re

    (tmp_path / "pairs.tsv").write_text("Er hat 3.500 Euro.\tHe has 5,300 euros.\n", encoding="utf-8")
    r = run_cli("pairs.tsv", "--lang", "en", "--no-lt", "--report", "out", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    page = next((tmp_path / "out" / "docs").glob("*.html")).read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="mtcheck-data">(.*?)</script>', page, re.S).group(1))
    (f,) = [f for f in data["findings"] if f["rule"] == "common.source-numbers"]
    assert f["source"] == "Er hat 3.500 Euro."


def test_a_glued_dash_points_at_its_own_dash_of_the_source(tmp_path, run_cli):
    """Two dashes in the source, the first kept and the second glued into a hyphen: the finding is on the
    hyphenated pair, and its source span is the second dash, not the first of the same text."""
    source = "Das Museum öffnete -- nach drei Jahren Reparaturen -- am Sonntag."
    tsv = f"{source}\tThe museum reopened -- after three years of repairs-on Sunday.\n"
    (tmp_path / "pairs.tsv").write_text(tsv, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "pairs.tsv")
    (f,) = [f for f in findings if f["rule"] == "common.source-dashes"]
    assert tsv[f["start"]:f["end"]] == "repairs-on"
    assert f["suggestions"] == ["repairs — on"]  # English: an em dash
    a, b = f["source_span"]
    assert source[a:b] == "--" and a == source.rindex("--")
