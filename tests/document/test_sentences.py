from mtcheck.document.sentences import is_abbreviation, sentence_spans


def test_abbreviations_do_not_end_sentences():
    text = "Dr. Smith met U.S. officials at 4 p.m. on Monday. They agreed."
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == [
        "Dr. Smith met U.S. officials at 4 p.m. on Monday.", "They agreed."]


def test_long_text_is_chunked_but_complete():
    text = "The vote was held today. " * 3000
    spans = sentence_spans(text, "en")
    assert len(spans) == 3000


def test_is_abbreviation_uses_library_lists():
    assert is_abbreviation("apples, pears, etc., and", 18, "en")
    assert is_abbreviation("the U.S., and", 7, "en")
    assert not is_abbreviation("the end., and", 7, "en")
