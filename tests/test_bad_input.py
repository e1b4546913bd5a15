"""Bad input: a clear word naming the file, never a traceback, never a silent skip."""

import json
import os


def check(run_cli, cwd, *args):
    r = run_cli(*args, "--no-lt", "--format", "json", cwd=cwd)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def test_missing_path_is_exit_2(tmp_path, run_cli):
    r = check(run_cli, tmp_path, "nope.txt")
    assert r.returncode == 2
    assert "nope.txt" in r.stderr and "no such file" in r.stderr


def test_empty_file(tmp_path, run_cli):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = check(run_cli, tmp_path, "empty.txt")
    assert r.returncode == 0 and json.loads(r.stdout) == []
    assert "1 file" in r.stderr


def test_binary_file_is_warned_and_counted(tmp_path, run_cli):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 100)
    (tmp_path / "ok.txt").write_text("Fine text here.\n")
    r = check(run_cli, tmp_path, ".")
    assert r.returncode == 0
    assert "blob.txt" in r.stderr and "binary" in r.stderr
    assert "skipped" in r.stderr


def test_unsupported_files_in_a_folder_are_counted(tmp_path, run_cli):
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "a.txt").write_text("Fine text here.\n")
    r = run_cli(".", "--no-lt", "-v", cwd=tmp_path)
    assert "1 file skipped" in r.stderr and "pic.png" in r.stderr


def test_invalid_utf8_is_decoded_with_replacement_and_warned(tmp_path, run_cli):
    (tmp_path / "bad.txt").write_bytes("Officials seized rifles and rifles caf".encode() + b"\xe9" + b" today.\n")
    r = check(run_cli, tmp_path, "bad.txt")
    assert "bad.txt" in r.stderr and "invalid UTF-8" in r.stderr
    data = json.loads(r.stdout)
    assert [f["rule"] for f in data] == ["common.collapsed-coordination"]


def test_bom_and_crlf_keep_columns_right(tmp_path, run_cli):
    text = "The council met on Monday.\r\nOfficials seized rifles and rifles at the port.\r\n"
    (tmp_path / "win.txt").write_bytes(text.encode("utf-8-sig"))
    data = json.loads(check(run_cli, tmp_path, "win.txt", "--lang", "en").stdout)
    f = [f for f in data if f["rule"] == "common.collapsed-coordination"][0]
    assert (f["line"], f["column"], f["end_column"]) == (2, 18, 35)
    assert text[f["start"]:f["end"]] == "rifles and rifles"


def test_megabyte_line(tmp_path, run_cli):
    line = "The council met and voted on the budget for the year. " * 40000  # ~2 MB, one line
    (tmp_path / "big.txt").write_text(line + "Then rifles and rifles were found.\n")
    r = check(run_cli, tmp_path, "big.txt", "--lang", "en")
    data = json.loads(r.stdout)
    assert [f["rule"] for f in data] == ["common.collapsed-coordination"]
    assert data[0]["line"] == 1 and data[0]["column"] == len(line) + 6


def test_symlink_loop(tmp_path, run_cli):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Fine text here.\n")
    os.symlink("..", tmp_path / "d" / "loop")
    r = check(run_cli, tmp_path, "d")
    assert r.returncode == 0
    assert "loop" in r.stderr
    assert len({p for p in [f["path"] for f in json.loads(r.stdout)]}) == 0


def test_bad_rule_file_names_file_and_rule(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("Fine text here.\n")
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "broken.yml").write_text("id: house.broken\ntype: pattern\npattern: '(unclosed'\n"
                                     "message: m\ncategory: Fluency/Grammar\nseverity: minor\n")
    r = check(run_cli, tmp_path, "a.txt", "--rules", "house")
    assert r.returncode == 2
    assert "broken.yml" in r.stderr and "house.broken" in r.stderr and "bad regex" in r.stderr


def test_language_hints_are_normalised_or_refused_with_a_warning(tmp_path, run_cli):
    (tmp_path / "a.html").write_text('<html lang="en_US"><body><p>The ferry left the harbour at noon today.</p>'
                                     '</body></html>', encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nlang: klingon-ish\n---\n\nThe ferry left the harbour at noon today.\n",
                                   encoding="utf-8")
    r = run_cli("a.html", "b.md", "--no-lt", "--no-report", "-v", cwd=tmp_path)
    assert "checked: a.html [html, en," in r.stderr
    assert "b.md: 'klingon-ish' (front matter) is not a language code" in r.stderr
    assert "checked: b.md [markdown, en," in r.stderr


def test_a_file_name_that_is_not_utf8_works_in_every_output(tmp_path, run_cli):
    import os
    from urllib.parse import unquote

    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9 page.txt")
    with open(name, "w", encoding="utf-8") as fh:
        fh.write("The the ferry left at noon.\n")
    for fmt in ("text", "json", "sarif", "junit", "github"):
        r = run_cli(".", "--no-lt", "--format", fmt, "--report", "out", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        shown = r.stdout.replace("\\\\", "\\")  # JSON escapes the backslash once more
        if fmt == "sarif":
            shown = unquote(shown)  # SARIF URIs are percent-encoded
        assert "caf\\xe9" in shown and "page.txt" in shown, fmt
        r.stdout.encode("utf-8")  # nothing but valid UTF-8


def test_markdown_nested_deeper_than_twenty_levels_is_read(tmp_path, run_cli):
    (tmp_path / "deep.md").write_text("> " * 30 + "The the ferry left at noon.\n", encoding="utf-8")
    r = run_cli("deep.md", "--no-lt", "--no-report", "--lang", "en", cwd=tmp_path)
    assert "common.repeated-word" in r.stdout


def test_non_finite_or_negative_weights_and_penalties_are_refused(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("The ferry left at noon.\n", encoding="utf-8")
    for args in (["--mqm-weights", "major=nan"], ["--mqm-weights", "minor=-1"], ["--max-penalty", "nan"],
                 ["--max-penalty", "-3"]):
        r = run_cli("a.txt", "--no-lt", "--no-report", *args, cwd=tmp_path)
        assert r.returncode == 2 and "Traceback" not in r.stderr, (args, r.stderr)
    (tmp_path / "mtcheck.toml").write_text("max_penalty = nan\n", encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--no-report", cwd=tmp_path)
    assert r.returncode == 2 and "max_penalty" in r.stderr


def test_a_damaged_cache_row_costs_only_speed(tmp_path, run_cli):
    import sqlite3

    (tmp_path / "a.txt").write_text("The the ferry left at noon.\n", encoding="utf-8")
    env = {"MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("a.txt", "--no-lt", "--no-report", "--format", "json", cwd=tmp_path, env=env)
    db = sqlite3.connect(tmp_path / "cache" / "rules.sqlite3")
    db.execute("UPDATE store SET value = '[{\"rule\": 1'")
    db.commit()
    db.close()
    again = run_cli("a.txt", "--no-lt", "--no-report", "--format", "json", cwd=tmp_path, env=env)
    assert again.returncode == first.returncode == 0 and again.stdout == first.stdout
