"""A bad rule file is a clear error naming the file and the rule."""

import pytest

from mtcheck.engines.rules import load_rules
from mtcheck.errors import RuleError

GOOD = """id: house.{name}
type: pattern
pattern: 'foo'
message: "m"
category: Fluency/Grammar
severity: minor
"""


def load_one(tmp_path, name, body):
    pack = tmp_path / "house"
    pack.mkdir(exist_ok=True)
    (pack / f"{name}.yml").write_text(body)
    return load_rules([pack], builtin=False)


def test_good_rule_loads(tmp_path):
    assert [r.id for r in load_one(tmp_path, "ok", GOOD.format(name="ok"))] == ["house.ok"]


@pytest.mark.parametrize("body,needle", [
    ("id: house.x\ntype: [unclosed\n", "invalid YAML at line 3"),
    (GOOD.format(name="x").replace("type: pattern", "type: telepathy"), "unknown type 'telepathy'"),
    (GOOD.format(name="x").replace("'foo'", "'(foo'"), "bad regex"),
    (GOOD.format(name="x").replace("'foo'", "'(?<=a)foo'"), "look-around"),
    (GOOD.format(name="x").replace("Fluency/Grammar", "Fluency/Vibes"), "unknown category"),
    (GOOD.format(name="x").replace("minor", "catastrophic"), "unknown severity"),
    (GOOD.format(name="x") + "colour: red\n", "unknown key(s) for type pattern: 'colour' (line"),
    (GOOD.format(name="other"), "must be 'house.x'"),
    (GOOD.format(name="x") + "suggest: '{nope}'\n", "unknown field(s) nope"),
    (GOOD.format(name="x") + "examples:\n  - bad: 'no marker here'\n", "[[...]]"),
    ("- just\n- a list\n", "one mapping"),
])
def test_bad_rule_errors(tmp_path, body, needle):
    with pytest.raises(RuleError) as info:
        load_one(tmp_path, "x", body)
    message = str(info.value)
    assert "x.yml" in message and needle in message


def test_catastrophic_backtracking_is_refused(tmp_path):
    body = GOOD.format(name="x").replace("'foo'", "'(x+x+)+y'") + "regex_engine: backtracking\n"
    with pytest.raises(RuleError) as info:
        load_one(tmp_path, "x", body)
    assert "backtracks catastrophically" in str(info.value) and "house.x" in str(info.value)


def test_backtracking_opt_in_works_for_lookaround(tmp_path):
    body = GOOD.format(name="x").replace("'foo'", "'(?<=a)foo'") + "regex_engine: backtracking\n"
    assert load_one(tmp_path, "x", body)[0].id == "house.x"


def test_duplicate_ids_are_refused(tmp_path):
    load_one(tmp_path, "x", GOOD.format(name="x"))
    other = tmp_path / "more" / "house"
    other.mkdir(parents=True)
    (other / "x.yml").write_text(GOOD.format(name="x"))
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules([tmp_path / "house", other], builtin=False)


def test_the_published_schema_is_valid_and_accepts_every_bundled_rule(run_cli):
    import json

    import yaml
    from jsonschema import Draft202012Validator

    from mtcheck.engines.rules.loader import builtin_packs_dir

    r = run_cli("rules", "--schema")
    schema = json.loads(r.stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = sorted(builtin_packs_dir().glob("*/*.yml"))
    assert len(files) >= 50
    for path in files:
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path


def test_schema_errors_name_the_line(tmp_path):
    body = GOOD.format(name="x") + "fix: {safety: sometimes}\n"
    with pytest.raises(RuleError) as info:
        load_one(tmp_path, "x", body)
    assert "x.yml" in str(info.value) and "sometimes" in str(info.value) and "(line 7)" in str(info.value)


def test_a_rule_file_validated_before_is_not_validated_again_and_a_changed_one_is(tmp_path, monkeypatch):
    """The schema check is remembered per rule-file text (beside the result cache): a second load skips the
    validator, and a file changed into a schema error is still refused."""
    import mtcheck.engines.rules.loader as loader

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = loader._schema_errors
    monkeypatch.setattr(loader, "_schema_errors", lambda spec: calls.append(spec.get("id")) or real(spec))
    load_one(tmp_path, "x", GOOD.format(name="x"))
    assert calls == ["house.x"]
    memo = (tmp_path / "cache" / "rule-files-valid.sha256").read_text().split()
    assert len(memo) == 1
    load_one(tmp_path, "x", GOOD.format(name="x"))
    assert calls == ["house.x"]  # the same text: not validated again
    with pytest.raises(RuleError, match="sometimes"):
        load_one(tmp_path, "x", GOOD.format(name="x") + "fix: {safety: sometimes}\n")
    assert calls == ["house.x", "house.x"]
    assert (tmp_path / "cache" / "rule-files-valid.sha256").read_text().split() == memo  # nothing new was valid


def test_an_unwritable_memo_only_means_validating_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert [r.id for r in load_one(tmp_path, "ok", GOOD.format(name="ok"))] == ["house.ok"]
    with pytest.raises(RuleError, match="sometimes"):
        load_one(tmp_path, "ok", GOOD.format(name="ok") + "fix: {safety: sometimes}\n")
