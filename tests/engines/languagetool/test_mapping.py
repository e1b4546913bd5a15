"""LanguageTool → MQM mapping, on responses recorded from the real server (see recorded/README.md)."""

import json
from pathlib import Path

from mtcheck.engines.languagetool.engine import _slim, _split_matches
from mtcheck.engines.languagetool.mapping import category_for, severity_for, utf16_to_codepoints
from mtcheck.findings import Severity

RECORDED = Path(__file__).parent / "recorded"
EN_TEXT = "The 😀 team have went home. Their is a speling mistake here."


def matches(name):
    return [_slim(m) for m in json.loads((RECORDED / name).read_text())["matches"]]


def test_categories_and_severities_from_issue_type_and_category():
    by_rule = {m["rule"]["id"]: m for m in matches("languagetool-6.6_en-US_emoji.json")}
    assert category_for(by_rule["MORFOLOGIK_RULE_EN_US"]) == "Fluency/Spelling"
    assert category_for(by_rule["HAVE_PART_AGREEMENT"]) == "Fluency/Grammar"
    assert severity_for(by_rule["MORFOLOGIK_RULE_EN_US"]) == Severity.MINOR
    de = matches("languagetool-6.6_de-DE.json")
    assert {category_for(m) for m in de} == {"Fluency/Punctuation"}


def test_utf16_offsets_become_code_points():
    convert = utf16_to_codepoints(EN_TEXT)
    spans = {m["rule"]["id"]: (convert(m["offset"]), convert(m["offset"] + m["length"]))
             for m in matches("languagetool-6.6_en-US_emoji.json")}
    s, e = spans["HAVE_PART_AGREEMENT"]
    assert EN_TEXT[s:e] == "went"
    s, e = spans["MORFOLOGIK_RULE_EN_US"]
    assert EN_TEXT[s:e] == "speling"


def test_bmp_text_maps_identically():
    convert = utf16_to_codepoints("plain text")
    assert convert(5) == 5


def test_batched_matches_return_to_their_paragraphs():
    batch = [("k1", "First 😀 one."), ("k2", "Second went.")]
    # "Second went." starts after "First 😀 one." (12 code points, 13 UTF-16 units) and a blank line
    m = {"offset": 13 + 2 + 7, "length": 4, "rule": {"id": "X"}}
    crossing = {"offset": 10, "length": 10, "rule": {"id": "Y"}}
    out = _split_matches(batch, [m, crossing])
    assert out["k1"] == [] and out["k2"][0]["offset"] == 7
