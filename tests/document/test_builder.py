from mtcheck.document import DocumentBuilder
from mtcheck.readers.text import read_text


def build(text):
    return read_text(DocumentBuilder("x.txt", text, format="text"))


def test_literal_offsets_map_back_to_file():
    doc = build("Title line\n\nFirst para here.\nSecond para.\n")
    i = doc.text.index("para here")
    s, e = doc.file_span(i, i + 4)
    assert doc.file_text[s:e] == "para"
    assert doc.lines.position(s) == (3, 7)


def test_crlf_keeps_columns_and_offsets():
    text = "One line.\r\nThe the second line.\r\n"
    doc = build(text)
    i = doc.text.index("the second")
    s, e = doc.file_span(i, i + 3)
    assert text[s:e] == "the"
    assert doc.lines.position(s) == (2, 5)


def test_segments_and_headline_kind():
    doc = build("A headline without stop\nA sentence follows here.\n")
    assert [s.kind for s in doc.segments] == ["headline", "paragraph"]
    assert doc.segment_text(doc.segments[0]) == "A headline without stop"


def test_wrapped_lines_join_into_one_segment_with_derived_space():
    doc = build("The committee said that\nthe vote would wait.\n")
    assert len(doc.segments) == 1
    assert doc.text == "The committee said that the vote would wait."
    j = doc.text.index(" the vote")
    assert not doc.is_literal(j, j + 1)
    assert doc.is_literal(0, 10)


def test_bom_is_not_part_of_text():
    from mtcheck.readers.decode import decode

    d = decode("Hello there.".encode("utf-8-sig"))
    assert d.text == "Hello there." and not d.lossy
