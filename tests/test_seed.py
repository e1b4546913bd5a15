"""End to end: the installed command on seeds/ finds the artifacts the seed article is known to carry."""

import json


def test_seed_findings(root, run_cli):
    r = run_cli("seeds/", "--format", "json", cwd=root)
    assert "Traceback" not in r.stderr
    assert r.returncode == 1  # there are major findings
    findings = json.loads(r.stdout)
    text = (root / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")

    def spans(rule):
        return [(text[f["start"]:f["end"]], f["suggestions"]) for f in findings if f["rule"] == rule]

    assert ("missiles and missiles", ["missiles"]) in spans("common.collapsed-coordination")
    state = spans("en.state-demonym-calque")
    assert state and all(s == ("state soldiers", ["American soldiers"]) for s in state)
    assert text.count("state soldiers") == len(state)
    debris = spans("common.clause-debris")
    assert len(debris) == 1 and debris[0][0].strip().startswith("Expression.") and debris[0][1] == [","]
    assert ("U.S.", ["US"]) in spans("en.abbreviation-consistency")
    # few findings an editor would reject: nothing beyond the known artifacts from the rule engine
    rules_findings = [f for f in findings if f["engine"] == "rules"]
    assert len(rules_findings) <= 6
