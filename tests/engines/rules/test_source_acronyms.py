"""``kind: acronyms``: a function word of the source written as an acronym in the target. Sentences are our own."""

from mtcheck.document import DocumentBuilder
from mtcheck.engines.rules import load_rules
from mtcheck.engines.rules.rule import RuleContext
from mtcheck.readers.bitext import read_line_pair

RULE = next(r for r in load_rules() if r.id == "common.source-acronyms")


def flagged(source: str, target: str, source_language: str | None = "en", language: str = "de") -> list[tuple]:
    doc = read_line_pair(DocumentBuilder("<t>", target, format="text"), source)
    doc.language, doc.source_language = language, source_language
    return [(doc.text[m.start:m.end], m.values["source"]) for m in RULE.find(doc, RuleContext(doc, language))]


def test_each_line_against_its_own_source():
    source = "It works.\nThe IT team called.\nShe told us.\nIt is late.\n"
    target = "IT funktioniert.\nDas IT-Team rief an.\nSie sagte es US.\nES IST SPÄT.\n"
    # line 2: the source has the acronym; line 4: capitals throughout
    assert flagged(source, target) == [("IT", "It"), ("US", "us")]


def test_words_are_per_source_language():
    assert flagged("Es regnet.\n", "ES rains.\n", "de", "en") == [("ES", "Es")]
    assert flagged("Es regnet.\n", "ES rains.\n", "es", "en") == [("ES", "Es")]
    assert flagged("Il pleut.\n", "IL rains.\n", "fr", "en") == [("IL", "Il")]
    # a source language without a list, or unknown: nothing is asked
    assert flagged("Het regent.\n", "HET rains.\n", "nl", "en") == []
    assert flagged("It rains.\n", "IT regnet.\n", None) == []


def test_a_word_the_list_does_not_name_is_left_alone():
    # "ok" → "OK", "tv" → "TV": acronyms a translation may well write
    assert flagged("That is ok, the tv is on.\n", "Das ist OK, der TV läuft.\n") == []


def test_the_first_way_the_source_writes_the_word_is_named():
    # "It" and "it" both stand in the source: the finding names the first, in every run (no set order)
    assert flagged("It is late and it rains.\n", "IT ist spät und es regnet.\n") == [("IT", "It")]
    assert flagged("Now it rains, It said.\n", "Jetzt regnet IT, sagte es.\n") == [("IT", "it")]
