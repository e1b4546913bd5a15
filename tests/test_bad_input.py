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
