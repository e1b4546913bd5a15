"""The rule engine's cheap necessary conditions (tested in C before a segment is looked at closely) never hide
a match: each rule gives the same matches with its fast path as with the condition forced true, on text written
to trip them (glued punctuation, case, non-breaking spaces, dotted capitals, final sigma, long loops)."""

import random

import pytest

from mtcheck.document import DocumentBuilder
from mtcheck.engines.rules import load_rules
from mtcheck.engines.rules.rule import RuleContext
from mtcheck.engines.rules.types.loop import LoopRule
from mtcheck.engines.rules.types.repetition import RepetitionRule
from mtcheck.readers.text import read_text

RULES = {r.id: r for r in load_rules()}

PIECES = ["the", "The", "THE", "and", "or", "y", "und", "missiles", "Missiles", "in the city", "of the world",
          "İstanbul", "i̇stanbul", "ΣΟΦΟΣ", "σοφος", "x,bar", "bar", "bar,", "(bar", "bar)", "foo.bar", "_bar",
          "-bar", "'bar", "don't", "U.S.", "3.5", "1,000", "000", ".", ",", "…", "?", "!", "ha", "la", "«", "»",
          "e-mail", "Tian", "C++", "C#", "may", "not", "\u00a0", "\n", "  ", "\t"]


def _texts(seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(2, 30)):
            piece = rng.choice(PIECES)
            words.append(piece)
            if rng.random() < 0.3:  # repeats, close by, in other cases and spacings
                words.extend([rng.choice([piece, piece.lower(), piece.upper()])] * rng.randint(1, 5))
            elif rng.random() < 0.2:  # coordinated with itself: "missiles and missiles"
                words.extend([rng.choice(["and", "or", "And"]), rng.choice([piece, piece.lower()])])
        sep = [" ", " ", " ", "", "\u00a0", "  "]
        out.append("".join(w + rng.choice(sep) for w in words).strip())
    return out


def _doc(text: str, language: str = "en"):
    doc = read_text(DocumentBuilder("<t>", text, format="text"))
    doc.language = language
    return doc


def _spans(rule, doc, language="en"):
    return [(m.start, m.end, m.values.get("count")) for m in rule.find(doc, RuleContext(doc, language))]


@pytest.mark.parametrize("rule_id", ["common.repeated-word", "common.repeated-phrase",
                                     "common.collapsed-coordination"])
def test_repetition_fast_path_hides_nothing(rule_id, monkeypatch):
    rule = RULES[rule_id]
    assert isinstance(rule, RepetitionRule)
    texts = _texts(1) + ["the the", "x,bar bar", "Missiles and missiles,", "in the\u00a0city in the city",
                         "ΣΟΦΟΣ σοφος", "said the the", "pack or pack"]
    fast = [_spans(rule, _doc(t)) for t in texts]
    monkeypatch.setattr(RepetitionRule, "_may_repeat", lambda self, ctx, conj: set(range(len(ctx.doc.segments))))
    slow = [_spans(rule, _doc(t)) for t in texts]
    assert fast == slow
    assert sum(map(len, slow)) > 10  # the texts do repeat: the comparison means something


def test_loop_fast_path_hides_nothing(monkeypatch):
    rule = RULES["common.degenerate-loop"]
    assert isinstance(rule, LoopRule)
    texts = _texts(2) + [". . . . . . .", "of the world of the world of the world of the world",
                         "ha ha ha ha ha", "a-a-a-a-a", "THE the The tHe the"]
    fast = [_spans(rule, _doc(t)) for t in texts]
    monkeypatch.setattr(rule, "_runs", [(1, b"")])  # the condition forced true
    slow = [_spans(rule, _doc(t)) for t in texts]
    assert fast == slow
    assert sum(map(len, slow)) > 10


def test_sentence_in_own_language_ends_an_untranslated_passage():
    """Two foreign sentences with a plainly English one between them are two findings, not one passage, though
    the English one is settled by its function words and never reaches the identifier."""
    rule = RULES["common.untranslated-sentence"]
    text = ("Der Minister sagte, dass die Verhandlungen morgen weitergehen werden. "
            "The delegation arrived on Monday and met him at the hotel. "
            "Die Delegation reist am Freitag wieder ab und trifft sich danach mit den Vertretern der Regierung.")
    doc = _doc(text)
    matches = list(rule.find(doc, RuleContext(doc, "en")))
    assert [text[m.start:m.end].split()[0] for m in matches] == ["Der", "Die"]
    assert all(not m.values["passage"] for m in matches)
    # without the English sentence the two are one passage
    joined = _doc(text.replace("The delegation arrived on Monday and met him at the hotel. ", ""))
    (one,) = list(rule.find(joined, RuleContext(joined, "en")))
    assert "passage of 2" in one.values["passage"]


FUNCTION_WORDS = ["the", "and", "of", "The", "(and", "it,", "der", "und", "nicht", "“dass", "le", "et", "est",
                  "de", "la", "y", "el", "que", "avec", "nous", "och", "inte", "också", "det", "ja", "ei", "bent", "want", "missiles", "Tian",
                  "\u00a0", "\x00|\x00", "|", "-", "…", "", "İstanbul"]


@pytest.mark.parametrize("language", ["en", "de", "fr", "sv", "xx"])
def test_function_words_of_many_texts_at_once_as_of_each(language):
    """The untranslated rule settles sentences by their function words in one pass over all of them
    (``surely_many``): the same verdicts as one text at a time, the text break itself included."""
    from mtcheck import langid

    rng = random.Random(3)
    texts = [" ".join(rng.choice(FUNCTION_WORDS) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    many = langid.surely_many(texts, language)
    assert many == [langid.surely(t, language) for t in texts]
    assert language == "xx" or 0 < sum(many) < len(many)  # both verdicts occur: the comparison means something
    clean = [t for t in texts if "\x00" not in t]
    assert langid.surely_many(clean, language) == [langid.surely(t, language) for t in clean]


@pytest.mark.parametrize("language", ["en", "de", "es", "fr"])
def test_pattern_set_hides_nothing(language):
    """A document is searched once for all whole-text patterns (RE2::Set); a pattern rule runs only when its
    pattern is in the text. Every rule's matches on every rule example (each other's text too) are the same as
    with no set."""
    from mtcheck.engines.rules.engine import RulesEngine
    from mtcheck.engines.rules.types.pattern import PatternRule

    engine = RulesEngine(list(RULES.values()))
    rules = engine.rules_for(language, None)
    patterns = engine._pattern_set(rules)
    assert patterns is not None and len(patterns.index) >= 5
    pattern_rules = [r for r in rules if isinstance(r, PatternRule)]
    texts = [e.text.replace("[[", "").replace("]]", "") for r in RULES.values() for e in r.examples]
    skipped = 0
    for text in texts + [" ".join(texts[i:i + 7]) for i in range(0, len(texts), 7)]:
        doc = _doc(text, language)
        with_set, without = RuleContext(doc, language, patterns), RuleContext(doc, language)
        for rule in pattern_rules:
            skipped += not with_set.may_match(rule.pattern)
            assert [(m.start, m.end) for m in rule.find(doc, with_set)] == \
                   [(m.start, m.end) for m in rule.find(doc, without)], (rule.id, text)
    assert skipped > len(texts)  # the set does skip rules: the comparison means something


def test_rows_with_run_is_every_row_with_such_a_run():
    """``Rows.with_run`` (tokens numbered, packed and compared by big-integer XOR) gives exactly the rows where
    some ``run`` tokens in a row each equal the token ``distance`` after them, the padding after each row
    included, as comparing the tokens one by one does."""
    from mtcheck.engines.rules.rule import Rows

    rng = random.Random(5)
    vocabulary = ["a", "b", "c", "A", "\x00", "", "ΣΟΦΟΣ"] + [chr(0x4E00 + i) for i in range(300)]
    for _ in range(200):
        rows = [[rng.choice(vocabulary[: rng.choice([3, 7, 300])]) for _ in range(rng.randint(0, 40))]
                for _ in range(rng.randint(1, 8))]
        built = Rows.of(rows)
        flat, ends = built.flat, built.ends
        for distance in range(1, 7):
            for run in range(1, 7):
                expect = {r for r in range(len(ends))
                          for i in range(ends[r - 1] if r else 0, ends[r])
                          if all(i + j + distance < len(flat) and flat[i + j] == flat[i + j + distance]
                                 for j in range(run))}
                assert built.with_run(distance, run) == expect, (rows, distance, run)


def test_lower_casing_a_whole_text_gives_the_lower_cased_tokens():
    """``Rows`` tokenise a document's lower-cased text instead of lower-casing each token: that is the same when
    no character changes class (word, white space, other) by lower-casing, which holds for every character
    whose lower case is one character; the others (and the context-dependent capital sigma) are refused."""
    import re
    import sys

    from mtcheck.engines.rules.rule import _lowered

    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        if low == ch or len(low) != 1:
            continue
        assert bool(re.match(r"\w", ch)) == bool(re.match(r"\w", low)), hex(code)
        assert bool(re.match(r"\s", ch)) == bool(re.match(r"\s", low)), hex(code)
        assert (ch == "_") == (low == "_")
    assert _lowered("İstanbul") is None and _lowered("ΟΔΟΣ.Α") is None
    assert _lowered("The U.S. Army") == "the u.s. army"
