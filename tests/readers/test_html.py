from mtcheck.document import DocumentBuilder
from mtcheck.readers.html import read_html

SRC = """<!doctype html>
<html lang="es"><head><title>x</title><style>p { color: red } the the</style></head>
<body>
<h1>El informe</h1>
<p>La policía encontró armas y armas
   en el almacén &amp; el puerto.</p>
<script>var the = "the the";</script>
<pre>the the code</pre>
<p title="the the attribute">Texto <b>final</b>.</p>
</body></html>
"""


def doc():
    return read_html(DocumentBuilder("a.html", SRC, format="html"))


def test_prose_only_and_language_hint():
    d = doc()
    assert "color" not in d.text and "var the" not in d.text and "code" not in d.text
    assert "attribute" not in d.text
    assert "Texto final." in d.text
    assert d.language_hint == "es"


def test_positions_and_whitespace():
    d = doc()
    i = d.text.index("armas y armas")
    s, e = d.file_span(i, i + 13)
    assert SRC[s:e] == "armas y armas"
    assert d.lines.position(s) == (5, 24)
    # the line break and indentation inside the paragraph read as one space
    assert "armas en el" in d.text
    k = d.text.index("&")
    s, e = d.file_span(k, k + 1)
    assert SRC[s:e] == "&amp;"


def test_blocks_are_segments():
    d = doc()
    texts = [d.segment_text(s) for s in d.segments]
    assert "El informe" in texts
    assert d.segments[[t for t in texts].index("El informe")].kind == "heading"
