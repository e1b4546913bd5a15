"""Translation files (XLIFF 1.2 and 2.0, PO, TMX, CSV) read through translate-toolkit: findings point into the
target file character for character, carry their source, and a fix never breaks the file's syntax."""

import json

import pytest

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ui.txt" source-language="en" target-language="de" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Click <g id="1">Save</g> to keep all 250 files &amp; folders.</source>
        <target>Klicken Sie auf Speichern, um alle 205 Dateien &amp; Ordner zu behalten.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Open the settings panel now.</source>
        <target>Öffnen Sie jetzt jetzt die Einstellungen.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Not translated yet.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Open the file before 10 o'clock.</source>
        <target>Ouvrez le fichier avant 11 heures.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

PO = r'''msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/app.c:10
msgid "Delete %d files from the folder \"%s\"?"
msgstr "%d Dateien aus dem Ordner "
"\"%s\" endgültig löschen."

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Eine Datei"
msgstr[1] "Dateien"
'''

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"
 creationtool="test" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>The meeting starts at 9:45 in room 12.</seg></tuv>
<tuv xml:lang="es"><seg>La reunión empieza a las 9:45 en la sala 21.</seg></tuv></tu>
</body></tmx>
"""


def check(run_cli, cwd, *args, code=(0, 1)):
    r = run_cli(*args, "--no-lt", "--no-report", "--format", "json", "--fail-on", "never", "--isolated", cwd=cwd)
    assert r.returncode in code, r.stderr
    return (json.loads(r.stdout) if r.stdout.strip() else []), r.stderr


def by_rule(findings, rule):
    return [f for f in findings if f["rule"] == rule]


def test_xliff12_positions_sources_and_untranslated_units(tmp_path, run_cli):
    (tmp_path / "ui.xlf").write_text(XLIFF12, encoding="utf-8")
    findings, err = check(run_cli, tmp_path, "ui.xlf")
    (num,) = by_rule(findings, "common.source-numbers")
    assert XLIFF12[num["start"]:num["end"]] == "205"
    assert num["source"] == "Click Save to keep all 250 files & folders."
    line = XLIFF12.splitlines()[num["line"] - 1]
    assert line[num["column"] - 1 : num["end_column"] - 1] == "205"
    (tag,) = by_rule(findings, "common.source-markup")  # <g id="1"> lost in the target
    assert "<g#1>" in tag["message"] and XLIFF12[tag["start"]:tag["end"]].startswith("Klicken")
    (rep,) = by_rule(findings, "common.repeated-word")
    assert XLIFF12[rep["start"]:rep["end"]] == "jetzt jetzt"
    # the target language comes from the file; the untranslated unit is counted, not checked
    assert "1 untranslated unit(s) not checked" in err
    assert not [f for f in findings if "Not translated" in (f["source"] or "")]


def test_xliff20_and_tmx(tmp_path, run_cli):
    (tmp_path / "a.xlf").write_text(XLIFF20, encoding="utf-8")
    (tmp_path / "tm.tmx").write_text(TMX, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "a.xlf", "tm.tmx")
    nums = {f["path"]: f for f in by_rule(findings, "common.source-numbers")}
    assert XLIFF20[nums["a.xlf"]["start"]:nums["a.xlf"]["end"]] == "11"
    assert nums["a.xlf"]["source"] == "Open the file before 10 o'clock."
    assert TMX[nums["tm.tmx"]["start"]:nums["tm.tmx"]["end"]] == "21"
    assert nums["tm.tmx"]["source"] == "The meeting starts at 9:45 in room 12."


def test_po_strings_escapes_and_plurals(tmp_path, run_cli):
    (tmp_path / "de.po").write_text(PO, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "de.po")
    (marks,) = by_rule(findings, "common.source-end-marks")  # "?" answered by "."
    assert PO[marks["start"]:marks["end"]] == "." and marks["line"] == 9
    assert marks["source"] == 'Delete %d files from the folder "%s"?'
    # the plural form lost its placeholder: reported against msgid_plural, at msgstr[1]
    (ph,) = by_rule(findings, "common.source-placeholders")
    assert ph["source"] == "%d files" and ph["line"] == 14


def test_csv_bitext_with_quoted_fields(tmp_path, run_cli):
    text = 'source,target\n"He paid 3,500 euros, then left.","Er zahlte 5.300 Euro und ging dann."\n'
    (tmp_path / "pairs.csv").write_text(text, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "pairs.csv", "--lang", "de")
    (num,) = by_rule(findings, "common.source-numbers")
    assert text[num["start"]:num["end"]] == "5.300" and num["source"] == "He paid 3,500 euros, then left."
    (tmp_path / "wide.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    r = run_cli("wide.csv", "--no-lt", "--no-report", "--isolated", cwd=tmp_path)
    assert r.returncode == 2 and "wide.csv" in r.stderr and "3 fields" in r.stderr


@pytest.mark.parametrize("name,text", [("bad.xlf", "<xliff version='1.2'><file><body><trans-unit>"),
                                       ("bad.tmx", "<tmx><body><tu>"), ("bad.po", 'msgid "a"\nmsgstr "b\n')])
def test_broken_files_are_named_and_not_counted_as_checked(tmp_path, run_cli, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("A fine sentence for the checker.\n", encoding="utf-8")
    r = run_cli(name, "ok.txt", "--no-lt", "--no-report", "--isolated", "--lang", "en", cwd=tmp_path)
    assert name in r.stderr and "not a valid" in r.stderr
    assert "1 file skipped" in r.stderr
    assert "Traceback" not in r.stderr


def test_fix_keeps_the_xliff_valid_and_its_tags(tmp_path, run_cli):
    from translate.storage import xliff

    (tmp_path / "ui.xlf").write_text(XLIFF12, encoding="utf-8")
    r = run_cli("fix", "ui.xlf", "--no-lt", "--isolated", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    fixed = (tmp_path / "ui.xlf").read_text(encoding="utf-8")
    assert "Sie jetzt die Einstellungen" in fixed  # the repeated word went
    assert fixed.replace("Sie jetzt die", "Sie jetzt jetzt die") == XLIFF12  # nothing else
    store = xliff.xlifffile.parsestring(fixed.encode("utf-8"))
    assert [u.target for u in store.units][:2] == [
        "Klicken Sie auf Speichern, um alle 205 Dateien & Ordner zu behalten.", "Öffnen Sie jetzt die Einstellungen."]


def test_a_fix_that_would_need_escaping_is_never_applied():
    from mtcheck.document import DocumentBuilder
    from mtcheck.engines.base import make_finding
    from mtcheck.findings import FixSafety
    from mtcheck.readers.translation import read_xliff

    doc = read_xliff(DocumentBuilder("ui.xlf", XLIFF12, format="xliff"))
    start = doc.text.index("Ordner")
    for suggestion, safe in (("Ordner & Dateien", False), ("Verzeichnisse", True)):
        f = make_finding(doc, rule="x", engine="rules", category="Fluency/Grammar", severity="minor", message="m",
                         start=start, end=start + 6, suggestions=(suggestion,), safety=FixSafety.SAFE)
        assert (f.fix_safety is FixSafety.SAFE) is safe


def test_consistency_within_a_file(tmp_path, run_cli):
    units = "".join(f'<trans-unit id="{i}"><source>{s}</source><target>{t}</target></trans-unit>\n' for i, (s, t) in
                    enumerate([("Save the file.", "Speichern Sie die Datei."), ("Open a tab.", "Öffnen Sie einen Tab."),
                               ("Save the file.", "Sichern Sie die Datei."),
                               ("Close the tab.", "Öffnen Sie einen Tab.")], 1))
    text = (f'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file original="x" source-language="en" target-language="de" datatype="plaintext"><body>\n{units}'
            f'</body></file></xliff>\n')
    (tmp_path / "c.xlf").write_text(text, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "c.xlf")
    (targets,) = by_rule(findings, "common.source-consistency")
    assert text[targets["start"]:targets["end"]] == "Sichern Sie die Datei." and "line 3" in targets["message"]
    (sources,) = by_rule(findings, "common.target-consistency")
    assert sources["source"] == "Close the tab."


def test_glossaries_csv_and_tbx(tmp_path, run_cli):
    (tmp_path / "terms.csv").write_text("en,de\nshopping cart,Warenkorb\n", encoding="utf-8")
    (tmp_path / "terms.tbx").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>
<text><body><termEntry id="t1">
<langSet xml:lang="en"><tig><term>checkout</term></tig></langSet>
<langSet xml:lang="de"><tig><term>Kasse</term></tig>
<tig><term>Checkout</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>
""", encoding="utf-8")
    tsv = ("Your shopping cart is empty.\tIhr Einkaufswagen ist leer.\n"
           "Go to checkout now.\tGehen Sie jetzt zum Checkout.\n"
           "Both shopping carts are full.\tBeide Warenkörbe sind voll.\n")
    (tmp_path / "t.tsv").write_text(tsv, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "t.tsv", "--lang", "de", "--source-lang", "en",
                        "--glossary", "terms.csv", "--glossary", "terms.tbx")
    req = by_rule(findings, "common.glossary-required")
    assert [f["line"] for f in req] == [1, 2]  # "Einkaufswagen" for "shopping cart"; "Checkout" for checkout
    assert "'shopping cart'" in req[0]["message"] and "Warenkorb" in req[0]["message"] and "Kasse" in req[1]["message"]
    (bad,) = by_rule(findings, "common.glossary-forbidden")
    assert tsv[bad["start"]:bad["end"]] == "Checkout" and bad["suggestions"] == ["Kasse"]
    # without a glossary, neither rule says anything; a glossary that cannot be read stops the run, named
    plain, _ = check(run_cli, tmp_path, "t.tsv", "--lang", "de")
    assert not [f for f in plain if f["rule"].startswith("common.glossary")]
    (tmp_path / "broken.csv").write_text("term;translation\nx;y\n", encoding="utf-8")
    r = run_cli("t.tsv", "--glossary", "broken.csv", "--no-lt", "--no-report", "--isolated", cwd=tmp_path)
    assert r.returncode == 2 and "broken.csv" in r.stderr and "header row" in r.stderr


def test_length_outliers_are_calibrated_on_the_file(tmp_path, run_cli):
    pairs = [(f"The committee discussed item number {i} of the agenda at length this morning.",
              f"Der Ausschuss hat heute Morgen ausführlich über Punkt {i} der Tagesordnung gesprochen.")
             for i in range(1, 30)]
    pairs[7] = (pairs[7][0] + " Several members then asked for a second vote on the budget, which was refused "
                "by the chair after a long and heated discussion.", pairs[7][1])
    text = "".join(f"{s}\t{t}\n" for s, t in pairs)
    (tmp_path / "p.tsv").write_text(text, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "p.tsv", "--lang", "de", "--source-lang", "en")
    short = by_rule(findings, "common.source-length-short")
    assert [f["line"] for f in short] == [8]
    assert not by_rule(findings, "common.source-length-long")


def test_collapsed_coordination_reads_the_source(tmp_path, run_cli):
    text = ("Los inspectores incautaron fusiles y escopetas.\tInspectors seized rifles and rifles.\n"
            "Gritaron «más y más» sin parar.\tThey shouted \"louder and louder\" without stopping.\n")
    (tmp_path / "c.tsv").write_text(text, encoding="utf-8")
    findings, _ = check(run_cli, tmp_path, "c.tsv", "--lang", "en", "--source-lang", "es")
    (f,) = by_rule(findings, "common.collapsed-coordination")
    assert "The source has 'fusiles y escopetas'" in f["message"]


def test_markdown_pages_align_through_their_structure(tmp_path, run_cli):
    (tmp_path / "en").mkdir()
    (tmp_path / "es").mkdir()
    (tmp_path / "en" / "page.md").write_text(
        "# Using state\n\nCall `useState` at the top level of your component to declare a state variable.\n\n"
        "An extra paragraph the translation does not have, about `useReducer` and reducers.\n\n"
        "The `set` function returned by `useState` lets you update the state to a different value.\n\n"
        "Read the current `state` before you update it, or pass an updater function instead.\n",
        encoding="utf-8")
    (tmp_path / "es" / "page.md").write_text(
        "# Usar el estado\n\nLlama a `useState` en el nivel superior de tu componente para declarar una variable "
        "de estado.\n\nThe `set` function returned by `useState` lets you update the state to a different value.\n\n"
        "Lee el `estado` actual antes de actualizarlo, o pasa una función de actualización.\n", encoding="utf-8")
    findings, err = check(run_cli, tmp_path, "es", "--source-dir", "en", "--lang", "es", "--source-lang", "en")
    assert "structure differs" in err and "3 of the source's" not in err
    copied = by_rule(findings, "common.source-copied")
    assert [f["line"] for f in copied] == [5]
    assert copied[0]["source"].startswith("The `set` function returned by `useState`")
    (code,) = by_rule(findings, "common.source-markup")
    assert code["line"] == 7 and "`estado`" in code["message"] and "`state`" in code["message"]
    # every finding of an aligned block knows its source; the heading was paired with the heading
    assert not by_rule(findings, "common.untranslated-sentence")


def test_length_model_is_reproducible_from_the_shipped_corpus(tmp_path):
    from mtcheck.lengths import model_path
    from mtcheck.lengths.train import train

    out = train(tmp_path / "spm.model")
    assert out.read_bytes() == model_path().read_bytes()
