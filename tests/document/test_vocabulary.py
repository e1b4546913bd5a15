"""A page's markup vocabulary (words a speller must not call misspelled): the sources of a translation file are
another language's prose, not the page's names."""

from mtcheck.document import DocumentBuilder
from mtcheck.readers.bitext import read_tsv
from mtcheck.readers.translation import read_xliff

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="app" source-language="de" target-language="en" datatype="plaintext"><body>
<trans-unit id="greeting" resname="zorblaxWidget"><source>Wir trafen uns gestern.</source>
<target>We met gestern.</target><note>Zorvex team</note></trans-unit>
</body></file></xliff>
"""


def test_sources_of_a_bitext_are_not_markup():
    doc = read_tsv(DocumentBuilder("p.tsv", "Wir trafen uns gestern.\tWe met gestern.\n", format="bitext"))
    assert "gestern" not in doc.markup_vocabulary and "trafen" not in doc.markup_vocabulary


def test_sources_of_xliff_are_not_markup_but_its_names_and_notes_are():
    doc = read_xliff(DocumentBuilder("a.xlf", XLIFF, format="xliff"))
    vocab = doc.markup_vocabulary
    assert "gestern" not in vocab and "trafen" not in vocab
    assert "zorblaxWidget" in vocab and "Zorvex" in vocab  # an id and a note: the file's own names
