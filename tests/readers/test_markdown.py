from mtcheck.document import DocumentBuilder
from mtcheck.readers.markdown import read_markdown

SRC = """---
lang: en
title: the the title
---
# The report *of* the week

Officials said the the vote [was **delayed**](http://example.com/the-the "the the title") today.
Use `the the` in code &amp; text \\*here\\*.

```
the the inside a fence
```

- item one
- item with <span>html</span> tail

| col | col2 |
|-----|------|
| cell a | cell b |
"""


def doc():
    return read_markdown(DocumentBuilder("a.md", SRC, format="markdown"))


def test_prose_only():
    d = doc()
    assert "inside a fence" not in d.text
    assert "http://example.com" not in d.text
    assert "`" not in d.text and "the the in code" not in d.text
    assert "title: the the" not in d.text
    assert "cell b" in d.text and "item one" in d.text
    assert "<span>" not in d.text and "html" in d.text
    assert d.language_hint == "en"


def test_positions_point_into_the_file():
    d = doc()
    i = d.text.index("the the vote")
    s, e = d.file_span(i, i + 7)
    assert SRC[s:e] == "the the"
    assert d.lines.position(s) == (7, 16)
    i = d.text.index("cell b")
    s, e = d.file_span(i, i + 6)
    assert SRC[s:e] == "cell b"


def test_entities_and_escapes_are_derived():
    d = doc()
    i = d.text.index("&")
    assert not d.is_literal(i, i + 1)
    s, e = d.file_span(i, i + 1)
    assert SRC[s:e] == "&amp;"
    j = d.text.index("*here")
    s, e = d.file_span(j, j + 1)
    assert SRC[s:e] == "\\*"


def test_segment_kinds():
    kinds = [s.kind for s in doc().segments]
    assert kinds[0] == "heading" and "item" in kinds and "cell" in kinds
