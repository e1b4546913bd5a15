"""``kind: dashes``: a source dash glued into a hyphen, judged over a whole document of line-aligned segments.
Sentences are our own."""

import copy

import pytest

from mtcheck.document import DocumentBuilder
from mtcheck.engines.rules import load_rules
from mtcheck.engines.rules.rule import RuleContext
from mtcheck.errors import RuleError
from mtcheck.readers.bitext import read_line_pair

RULE = next(r for r in load_rules() if r.id == "common.source-dashes")


def flagged(source: str, target: str, language: str = "en") -> list[str]:
    doc = read_line_pair(DocumentBuilder("<t>", target, format="text"), source)
    doc.language = language
    return [doc.text[m.start:m.end] for m in RULE.find(doc, RuleContext(doc, language))]


def test_a_glued_dash_is_flagged_where_the_source_dash_stands():
    source = "他们修好了桥—— 这花了三年。\n"
    assert flagged(source, "They repaired the bridge-it took three years.\n") == ["bridge-it"]
    # the dash written as a dash, in any style, is fine
    for dash in (" — ", "—", " – ", " -- ", " - "):
        assert flagged(source, f"They repaired the bridge{dash}it took three years.\n") == []
    # a full-width hyphen in a Chinese or Japanese source is a dash too
    assert flagged("他们修好了桥－ 这花了三年。\n", "They repaired the bridge-it took three years.\n") == ["bridge-it"]


def test_no_more_pairs_than_dashes_went_missing_and_the_nearest_first():
    source = "我们有三个选项—— 它们都很贵。\n"
    # one dash missing, two hyphenated pairs: only the one where the dash stands
    assert flagged(source, "We had three well-known options-they were all expensive.\n") == ["options-they"]


def test_a_compound_the_document_writes_elsewhere_is_not_a_dash():
    source = "这是一个三维模型—— 非常复杂。\n我们打印了三维模型。\n"
    target = "This is a model-three-dimensional and complex.\nWe printed the three-dimensional model.\n"
    assert flagged(source, target) == []  # "model-three-dimensional" is a chain, not a pair of two words
    target = "This is a three-dimensional model, very complex.\nWe printed the three-dimensional model.\n"
    assert flagged(source, target) == []
    source = "这是计划—— 长期的计划。\n我们需要长期计划。\n"
    # where the missing dash stands, but written the same way where nothing is missing: a compound
    target = "This is a long-term plan, a plan for years.\nWe need a long-term plan.\n"
    assert flagged(source, target) == []
    target = "This is a long-term plan, a plan for years.\nWe need a plan.\n"
    assert flagged(source, target) == ["long-term"]  # alone, it cannot be told from a glued dash


def test_a_hyphen_inside_a_source_word_is_no_dash():
    assert flagged("A well-known author wrote it.\n", "Ein Autor-den alle kennen, schrieb es.\n", "de") == []


def test_without_a_source_nothing_is_judged():
    doc = read_line_pair(DocumentBuilder("<t>", "One line-it has a glued dash.\n", format="text"), "\n")
    doc.language = "en"
    assert list(RULE.find(doc, RuleContext(doc, "en"))) == []


def test_the_suggestion_uses_the_language_s_dash():
    doc = read_line_pair(DocumentBuilder("<t>", "Sie reparierten die Brücke-das dauerte drei Jahre.\n",
                                         format="text"), "They repaired the bridge -- it took three years.\n")
    doc.language = "de"
    (m,) = RULE.find(doc, RuleContext(doc, "de"))
    assert m.suggestions == ("Brücke – das",)


@pytest.mark.parametrize("spec,message", [({"max_shift": 0}, "max_shift"), ({"max_shift": 2}, "max_shift"),
                                          ({"dash": {"en": ""}}, "dash"), ({"dash": 3}, "dash")])
def test_bad_settings_are_refused(spec, message):
    with pytest.raises(RuleError, match=message):
        copy.copy(RULE).configure({"kind": "dashes", **spec})  # a copy: the shared rule keeps its settings


@pytest.mark.parametrize("source,glued", [
    ("Damals — lief die bekannte Umfrage.", True),   # a dash, where the target's "well-known" stands
    ("2010–2015 lief die bekannte Umfrage.", False),  # a range
    ("Michelson–Morley lief als Umfrage.", False),    # a pair
    ("Vor- und Nachteile der Umfrage.", False),       # a suspended hyphen
])
def test_ranges_pairs_and_suspended_hyphens_are_no_dashes(source, glued):
    target = "The well-known survey of 2010 to 2015.\n"
    assert flagged(source + "\n", target) == (["well-known"] if glued else [])


def test_the_dashes_of_a_source():
    from mtcheck.engines.rules.types.kept import DASH

    found = {text: [m.group() for m in DASH.finditer(text)] for text in (
        "a — b", "a—b", "a -- b", "a--b", "a - b", "a – b", "近- 4", "黑洞–每", "变化——红", "它－ 这",
        "2010–2015", "Michelson–Morley", "well-known", "pre- and post-war", "Vor- und Nachteile")}
    assert found == {"a — b": ["—"], "a—b": ["—"], "a -- b": ["--"], "a--b": ["--"], "a - b": ["-"],
                     "a – b": ["–"], "近- 4": ["-"], "黑洞–每": ["–"], "变化——红": ["——"], "它－ 这": ["－"],
                     "2010–2015": [], "Michelson–Morley": [], "well-known": [], "pre- and post-war": [],
                     "Vor- und Nachteile": []}
