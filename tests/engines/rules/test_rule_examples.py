"""Every example of every bundled rule, as a test (adding a rule is adding YAML)."""

import pytest

from mtcheck.engines.rules import load_rules
from mtcheck.engines.rules.examples import check_example

RULES = load_rules()
CASES = [(rule, i, ex) for rule in RULES for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("rule,index,example", CASES,
                         ids=[f"{r.id}[{i}:{'bad' if e.bad else 'good'}]" for r, i, e in CASES])
def test_example(rule, index, example):
    assert check_example(rule, example) == []
