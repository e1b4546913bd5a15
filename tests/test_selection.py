"""One selector for the command line, configuration, suppressions and every engine."""

import json

import pytest

from mtcheck.selection import Selector, matches


@pytest.mark.parametrize("rule_id,pattern,expected", [
    ("LT:EN_A_VS_AN", "LT", True),
    ("LT:EN_A_VS_AN", "LT:", True),
    ("LT:EN_A_VS_AN", "LT:EN_A_VS_AN", True),
    ("LT:EN_A_VS_AN", "LT:*_VS_*", True),
    ("common.repeated-word", "common.repeated", True),
    ("common.repeated-phrase", "common.repeated", True),
    ("common.repeated-word", "common", True),
    ("common.repeated-word", "common.", True),
    ("common.repeated-word", "comm", False),
    ("common.repeated-word", "common.repeat", False),
    ("en.doubled-article", "*.doubled-article", True),
    ("es.doubled-article", "en", False),
    ("LTX:RULE", "LT", False),
])
def test_patterns(rule_id, pattern, expected):
    assert matches(rule_id, pattern) is expected


def test_selector_select_then_ignore():
    s = Selector.of(["LT", "common"], ["common.repeated"])
    assert s.allows("LT:MORFOLOGIK_RULE_EN_US") and s.allows("common.clause-debris")
    assert not s.allows("common.repeated-word") and not s.allows("en.doubled-article")
    assert Selector.of([], ["LT"]).allows("en.x") and not Selector.of([], ["LT"]).allows("LT:X")


def test_unknown_patterns_are_named_but_engine_prefixes_are_not():
    assert Selector.of(["commn.repeated", "LT", "LT:FOO", "en"]).unknown(["en.a", "common.repeated-word"]) == [
        "commn.repeated"]


def test_prefix_on_the_command_line_and_in_configuration(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("The the ferry left. Police seized rifles and rifles.\n", encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--lang", "en", "--format", "json", "--select", "common.repeated", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(r.stdout)] == ["common.repeated-word"]
    (tmp_path / "mtcheck.toml").write_text('ignore = ["common.repeated"]\n', encoding="utf-8")
    r = run_cli("a.txt", "--no-lt", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(r.stdout)] == ["common.collapsed-coordination"]


def test_suppressions_come_from_comments_not_from_code(tmp_path, run_cli):
    page = ("To turn a rule off, write this:\n\n```markdown\n<!-- mtcheck: disable -->\n```\n\n"
            "Inline, `<!-- mtcheck: disable -->` works too.\n\n"
            "The the ferry left at noon.\n\n"
            "<!-- mtcheck: disable=common.repeated -->\n\n"
            "The the bus left at one.\n")
    (tmp_path / "a.md").write_text(page, encoding="utf-8")
    r = run_cli("a.md", "--no-lt", "--lang", "en", "--format", "json", cwd=tmp_path)
    found = json.loads(r.stdout)
    assert [(f["rule"], f["line"]) for f in found] == [("common.repeated-word", 9)]
    assert "1 suppressed inline" in r.stderr
