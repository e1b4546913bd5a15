"""``mtcheck fix``: safe by default, unsafe on request, display-only never; a fixed point; atomic writes that keep
encoding, BOM, newlines and permissions; never a write over a file that changed after it was read."""

import codecs
import os
import stat

import pytest

from mtcheck.fixes import FileFixes, StaleFileError, write_fixed

NO_LT = ("--no-lt", "--lang", "en")
# safe: repeated word, space before punctuation; unsafe: run-together sentences; display: collapsed coordination
TEXT = ("The the ferry left at noon , on time.\n"
        "The vote was postponed.Talks continue next week.\n"
        "Rockets and rockets hit the depot.\n")


def fix(run_cli, cwd, *args):
    return run_cli("fix", *args, *NO_LT, cwd=cwd)


def test_safe_by_default_unsafe_on_request_display_never(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = fix(run_cli, tmp_path, "a.txt")
    assert r.returncode == 1, r.stderr  # the display-only major finding remains
    assert f.read_text(encoding="utf-8") == ("The ferry left at noon, on time.\n"
                                             "The vote was postponed.Talks continue next week.\n"
                                             "Rockets and rockets hit the depot.\n")
    assert "fixed: a.txt (2 fixes" in r.stderr and "can be fixed with --unsafe-fixes" in r.stderr
    assert "common.collapsed-coordination" in r.stdout  # what remains is listed
    r = fix(run_cli, tmp_path, "a.txt", "--unsafe-fixes")
    assert "postponed. Talks" in f.read_text(encoding="utf-8")
    assert "Rockets and rockets" in f.read_text(encoding="utf-8")
    again = fix(run_cli, tmp_path, "a.txt", "--unsafe-fixes")
    assert "nothing to fix" in again.stderr and f.read_text(encoding="utf-8").count("\n") == 3


def test_diff_prints_and_writes_nothing(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    before = f.stat()
    r = fix(run_cli, tmp_path, "a.txt", "--diff")
    assert r.returncode == 1
    assert "-The the ferry left at noon , on time." in r.stdout and "+The ferry left at noon, on time." in r.stdout
    assert f.read_text(encoding="utf-8") == TEXT and f.stat().st_mtime_ns == before.st_mtime_ns
    f.write_text("The ferry left at noon.\n", encoding="utf-8")
    assert fix(run_cli, tmp_path, "a.txt", "--diff").returncode == 0


def test_select_and_ignore_apply(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    fix(run_cli, tmp_path, "a.txt", "--ignore", "common.repeated-word")
    text = f.read_text(encoding="utf-8")
    assert text.startswith("The the ferry left at noon, on time.")


def test_fixes_repeat_to_a_fixed_point(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    f.write_text("It was was was late , said the the the pilot.\n", encoding="utf-8")
    r = fix(run_cli, tmp_path, "a.txt")
    assert r.returncode == 0, r.stderr
    assert f.read_text(encoding="utf-8") == "It was late, said the pilot.\n"
    assert "nothing to fix" in fix(run_cli, tmp_path, "a.txt").stderr


def test_markup_is_never_touched(tmp_path, run_cli):
    f = tmp_path / "a.md"
    text = "Use `x  ,y` and the the flag , then <kbd>Ctrl</kbd> .\n\n```\nthe the  ,\n```\n"
    f.write_text(text, encoding="utf-8")
    fix(run_cli, tmp_path, "a.md")
    assert f.read_text(encoding="utf-8") == ("Use `x  ,y` and the flag, then <kbd>Ctrl</kbd>.\n\n"
                                             "```\nthe the  ,\n```\n")


def test_encoding_bom_newlines_permissions_and_links_are_kept(tmp_path, run_cli):
    body = "The the ferry left at noon , on time.\r\nIt was late.\r\n"
    f = tmp_path / "a.txt"
    f.write_bytes(codecs.BOM_UTF16_BE + body.encode("utf-16-be"))
    os.chmod(f, 0o640)
    g = tmp_path / "b.txt"
    g.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    (tmp_path / "link.txt").symlink_to("b.txt")
    r = fix(run_cli, tmp_path, "a.txt", "link.txt")
    assert r.returncode == 0, r.stderr
    fixed = "The ferry left at noon, on time.\r\nIt was late.\r\n"
    assert f.read_bytes() == codecs.BOM_UTF16_BE + fixed.encode("utf-16-be")
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert (tmp_path / "link.txt").is_symlink() and g.read_bytes() == codecs.BOM_UTF8 + fixed.encode("utf-8")
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".mtcheck-")]  # no temporary file left


def test_a_file_that_changed_after_it_was_read_is_not_written(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The the ferry left.\n", encoding="utf-8")
    entry = FileFixes("a.txt", str(f), original="The the ferry left.\n", text="The ferry left.\n")
    f.write_text("The the ferry left, edited by someone else.\n", encoding="utf-8")
    with pytest.raises(StaleFileError):
        write_fixed(entry)
    assert f.read_text(encoding="utf-8") == "The the ferry left, edited by someone else.\n"


def test_invalid_utf8_is_never_written(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    data = b"The the ferry left at noon , on time \xff\xfe here.\n"
    f.write_bytes(data)
    fix(run_cli, tmp_path, "a.txt")
    assert f.read_bytes() == data


def test_an_incomplete_check_fixes_nothing(tmp_path, run_cli):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = run_cli("fix", "a.txt", "--lang", "en", "--lt-server", "http://127.0.0.1:9", cwd=tmp_path)
    assert r.returncode == 2 and "nothing fixed" in r.stderr
    assert f.read_text(encoding="utf-8") == TEXT
