"""Meta-tests over the rule catalogue (the packs under rules/)."""

from pathlib import Path

import pytest

from mtcheck.engines.rules import load_rules
from mtcheck.engines.rules.examples import strip_markers
from mtcheck.engines.rules.loader import builtin_packs_dir
from mtcheck.findings import CATEGORIES

RULES = load_rules()
ROOT = Path(__file__).resolve().parents[3]
DEVDATA = ROOT.parent / "shared" / "devdata"


def test_at_least_forty_rules_in_every_pack():
    assert len(RULES) >= 40
    packs = {r.id.split(".")[0] for r in RULES}
    assert {"common", "en", "es", "fr", "de", "pt", "it", "es-en"} <= packs


def test_ids_unique_and_equal_to_paths():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        p = Path(r.path)
        assert r.id == f"{p.parent.name}.{p.stem}"
        assert p.is_relative_to(builtin_packs_dir())


def test_every_rule_has_a_bad_and_a_good_example_and_a_valid_category():
    for r in RULES:
        assert any(e.bad for e in r.examples), r.id
        assert any(not e.bad for e in r.examples), r.id
        assert r.category in CATEGORIES


def _sentences_of(folder: Path) -> set[str]:
    lines = set()
    for f in folder.rglob("*.txt"):
        lines.update(line.strip() for line in f.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20)
    return lines


def test_no_example_is_taken_from_the_seed_or_the_dev_data():
    texts = [strip_markers(e.text)[0] for r in RULES for e in r.examples]
    corpus = _sentences_of(ROOT / "seeds")
    if DEVDATA.is_dir():
        corpus |= _sentences_of(DEVDATA)
    else:
        pytest.skip("../shared/devdata not present")
    for text in texts:
        for line in corpus:
            assert text not in line and line not in text, f"example {text!r} copies {line!r}"


def test_every_rule_with_an_applicable_fix_shows_it_in_a_fixed_example():
    """A safe or unsafe fix is applied by tools; its example ('fixed') runs through the real engine."""
    from mtcheck.findings import FixSafety

    missing = [r.id for r in RULES if r.fix_safety is not FixSafety.DISPLAY
               and not any(e.bad and e.fixed is not None for e in r.examples)]
    assert missing == []


@pytest.mark.parametrize("extra,expected", [
    ("message: again\n", r"line 7.*duplicate key 'message'"),
    ("sugest: 'b'\n", r"'sugest' \(line 7\)"),
])
def test_bad_keys_in_a_rule_file_are_errors_naming_the_line(tmp_path, extra, expected):
    from mtcheck.engines.rules.loader import load_rule_file
    from mtcheck.errors import RuleError

    pack = tmp_path / "house"
    pack.mkdir()
    f = pack / "bad.yml"
    f.write_text("id: house.bad\ntype: pattern\nmessage: m\ncategory: Other\nseverity: minor\npattern: 'a'\n" + extra,
                 encoding="utf-8")
    with pytest.raises(RuleError, match=expected):
        load_rule_file(f, "house")
