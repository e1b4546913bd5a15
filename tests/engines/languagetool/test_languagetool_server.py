"""The LanguageTool pass against the real LanguageTool server (no mocks). `.ci/run` installs it from Maven."""

import json
import os
import sys
import signal
import time

import pytest

from mtcheck.document import DocumentBuilder
from mtcheck.engines.base import CheckContext
from mtcheck.engines.languagetool import LanguageToolEngine, LanguageToolSettings
from mtcheck.engines.languagetool.provision import find_installation
from mtcheck.engines.languagetool.server import ServerManager, _alive
from mtcheck.readers.text import read_text

pytestmark = pytest.mark.languagetool


@pytest.fixture(scope="session")
def server():
    """The shared local server, started (and provisioned through Maven if need be) once for the session."""
    return ServerManager(say=print).ensure_running()


def lt_findings(run_cli, tmp_path, name, text, *extra):
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = run_cli(name, "--format", "json", "--fail-on", "never", *extra, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return [f for f in json.loads(r.stdout) if f["engine"] == "languagetool"]


def spelling_flagged(run_cli, tmp_path, name, text, lang):
    """The spans LanguageTool's spelling findings cover in ``text``, and all its findings (for the message)."""
    found = lt_findings(run_cli, tmp_path, name, text, "--lang", lang)
    return [text[f["start"]:f["end"]] for f in found if f["category"] == "Fluency/Spelling"], found


@pytest.mark.parametrize("name,text,rule,span", [
    ("en.txt", "He go to school every day and they was happy.\n", "LT:HE_VERB_AGR", "go"),
    ("es.txt", "Hay que tener en cuenta que la casa esta muy lejos de la ciudad.\n", "LT:ESTA_TILDE", "esta"),
    ("de.txt", "Ich habe einen Auto gekauft und bin dann nach Hause gefahren.\n", "LT:DE_AGREEMENT", "einen Auto"),
    ("fr.txt", "Nous avons manger au restaurant hier soir avec nos amis.\n", "LT:R_VAVOIR_VINF", "manger"),
])
def test_grammar_errors_in_four_languages(server, run_cli, tmp_path, name, text, rule, span):
    found = lt_findings(run_cli, tmp_path, name, text)
    hits = [f for f in found if f["rule"] == rule]
    assert hits, found
    f = hits[0]
    assert text[f["start"]:f["end"]] == span
    assert f["suggestions"] and f["category"].startswith("Fluency/")


def test_positions_after_characters_outside_the_bmp(server, run_cli, tmp_path):
    text = "Fans cheered 🎉🎉 loudly.\nThe 😀 team have went home early.\n"
    found = lt_findings(run_cli, tmp_path, "emoji.txt", text, "--lang", "en")
    f = next(f for f in found if f["rule"] == "LT:HAVE_PART_AGREEMENT")
    assert text[f["start"]:f["end"]] == "went"
    assert (f["line"], f["column"]) == (2, 17)


def test_source_language_is_sent_as_mother_tongue(server):
    """LanguageTool 6.6's HTTP server runs false-friend rules for a mother tongue only with its n-gram data (gigabytes,
    not installed here); the parameter is still sent, so a server that has the data uses it."""
    engine = LanguageToolEngine(LanguageToolSettings(server_urls=(server.url,)))
    params = engine._params("The actual situation.", "en-US", "es")
    assert params["motherTongue"] == "es" and params["language"] == "en-US"
    assert "disabledCategories" in params and "level" not in params
    picky = LanguageToolEngine(LanguageToolSettings(server_urls=(server.url,), level="picky"))
    assert picky._params("x", "en-US", None)["level"] == "picky"


def test_one_finding_when_both_engines_flag_a_span(server, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("The committee approved the the budget on Monday.\n")
    r = run_cli("a.txt", "--format", "json", "--lang", "en", cwd=tmp_path)
    spans = [(f["start"], f["end"]) for f in json.loads(r.stdout)]
    assert len(spans) == 1, r.stdout


def test_proper_names_and_word_list_are_quiet(server, run_cli, tmp_path):
    text = ("Minister Zorblax met the press. Later Zorblax left for the airport.\n"
            "Qorvath Industries reported record sales this year.\n"
            "The qwertyfication of the office was announced by the ministry.\n")
    noisy = [f["rule"] for f in lt_findings(run_cli, tmp_path, "n.txt", text, "--lang", "en")]
    assert noisy.count("LT:MORFOLOGIK_RULE_EN_US") == 1  # only the common word, not the names
    (tmp_path / "mtcheck.words").write_text("# house words\nqwertyfication\n")
    quiet = [f["rule"] for f in lt_findings(run_cli, tmp_path, "n.txt", text, "--lang", "en")]
    assert "LT:MORFOLOGIK_RULE_EN_US" not in quiet


def test_british_spelling_is_not_a_us_misspelling(server, run_cli, tmp_path):
    text = "The organisers did not realise how the colour of the centre would look.\n"
    assert not [f for f in lt_findings(run_cli, tmp_path, "gb.txt", text, "--lang", "en")
                if f["rule"] == "LT:MORFOLOGIK_RULE_EN_US"]


def test_cache_sends_nothing_on_rerun_and_one_paragraph_after_an_edit(server, tmp_path):
    settings = LanguageToolSettings(server_urls=(server.url,), cache_path=tmp_path / "cache.sqlite3")
    paras = [f"Paragraph {i} has a speling mistake and they was late." for i in range(8)]

    def check(text):
        engine = LanguageToolEngine(settings)
        doc = read_text(DocumentBuilder("a.txt", text, format="text"))
        doc.language = "en"
        found = list(engine.check(doc, CheckContext()))
        engine.close()
        return engine.stats(), found

    first, found1 = check("\n\n".join(paras))
    assert first["sent"] == 8 and found1
    second, found2 = check("\n\n".join(paras))
    assert second["sent"] == 0 and second["from cache"] == 8
    assert [(f.start, f.rule) for f in found1] == [(f.start, f.rule) for f in found2]
    paras[3] = "Paragraph 3 was edited and they was still late."
    third, _ = check("\n\n".join(paras))
    assert third["sent"] == 1


def test_second_run_reuses_the_server(server, run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("He go to school.\n")
    run_cli("a.txt", "--lang", "en", cwd=tmp_path)
    before = ServerManager().read_state()
    run_cli("a.txt", "--lang", "en", cwd=tmp_path)
    after = ServerManager().read_state()
    assert before is not None and after is not None and before.pid == after.pid
    status = run_cli("lt", "status")
    assert status.returncode == 0 and "running" in status.stdout


def test_seed_report_shows_both_engines(server, run_cli, root):
    r = run_cli("seeds/", "--format", "json", cwd=root)
    engines = {f["engine"] for f in json.loads(r.stdout)}
    assert engines == {"rules", "languagetool"}


# -- lifecycle, in a home of its own (the installation is shared through LTP_JAR_DIR_PATH) ------------------------

@pytest.fixture
def own_home(tmp_path, monkeypatch):
    inst = find_installation()
    if inst is None:
        pytest.skip("LanguageTool is not installed")
    monkeypatch.setenv("MTCHECK_LT_HOME", str(tmp_path / "lt"))
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(inst.root))
    yield tmp_path / "lt"
    ServerManager().stop()


def test_stale_state_and_crash_are_restarted(own_home):
    manager = ServerManager()
    (own_home / "run").mkdir(parents=True, exist_ok=True)
    (own_home / "run" / "server.json").write_text(json.dumps({"pid": 999999, "port": 1, "version": "6.6"}))
    state = manager.ensure_running()
    assert state.pid != 999999 and manager.status()[0] is not None
    os.kill(state.pid, signal.SIGKILL)  # a crash
    time.sleep(0.5)
    again = manager.ensure_running()
    assert again.pid != state.pid and manager.status()[0] is not None


def test_idle_server_stops_itself(own_home):
    manager = ServerManager(idle_timeout=3)
    state = manager.ensure_running()
    deadline = time.time() + 30
    while time.time() < deadline and manager.status()[0] is not None:
        time.sleep(1)
    assert manager.status()[0] is None
    assert not _alive(state.pid)  # gone (or a zombie of this test process, which started it)


def test_missing_java_is_a_clear_error(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("He go to school every day and they was happy about it.\n")
    venv_bin = os.path.dirname(sys.executable)  # python and mtcheck, but no java
    r = run_cli("a.txt", "--lang", "en", cwd=tmp_path, env={"PATH": venv_bin, "MTCHECK_LT_HOME": str(tmp_path / "lt"),
                                            "LTP_JAR_DIR_PATH": ""})
    assert r.returncode == 2
    assert "Java" in r.stderr and "Traceback" not in r.stderr


def test_cli_rerun_is_served_from_the_cache(server, run_cli, tmp_path):
    """Through the whole pipeline (the pass runs in its own thread there): a re-run sends nothing."""
    text = "\n\n".join(f"Report {i}: the mayor have went to the ceremony yesterday." for i in range(5)) + "\n"
    (tmp_path / "a.txt").write_text(text)
    home = tmp_path / "lt-cache-home"
    env = {"MTCHECK_LT_SERVER": server.url, "MTCHECK_LT_HOME": str(home)}
    first = run_cli("a.txt", "--lang", "en", "--format", "json", "-v", cwd=tmp_path, env=env)
    assert (home / "cache" / "results.sqlite3").is_file()
    second = run_cli("a.txt", "--lang", "en", "--format", "json", "-v", cwd=tmp_path, env=env)
    assert json.loads(first.stdout) == json.loads(second.stdout) and json.loads(first.stdout)
    assert "languagetool: 5 paragraphs, 0 sent, 5 from cache" in second.stderr


def test_inline_code_and_macros_read_as_words_by_the_real_server(server, run_cli, tmp_path):
    """Before placeholders, "we call `conn.open()`. If" reached LanguageTool as "we call . If": spacing and
    punctuation rules fired on the hole. Now the server sees a word there and reports nothing about the markup."""
    text = ("We call `conn.open()`. If it fails, we log `err.code` and retry with {{retry_count}} attempts.\n\n"
            "Set `maxWidth` to 10px in the stylesheet, then run `npm test` again.\n")
    found = lt_findings(run_cli, tmp_path, "page.md", text, "--lang", "en")
    assert found == [], found
    for name in ("CONSECUTIVE_SPACES", "COMMA_PARENTHESIS_WHITESPACE", "WHITESPACE_RULE"):
        assert not any(f["rule"] == f"LT:{name}" for f in found)


def test_technical_words_are_not_misspellings_but_real_typos_are(server, run_cli, tmp_path):
    text = ("The useEffect hook reads the config_file from settings.json when the --verbose flag is set, "
            "and the GitHub page explains the recieved value.\n")
    flagged, found = spelling_flagged(run_cli, tmp_path, "tech.md", text, "en")
    assert flagged == ["recieved"], found


def test_english_loanwords_in_german_technical_prose(server, run_cli, tmp_path):
    text = "Das Layout des Grid-Containers wird mit einer Property festgelegt, die jedes Element erbt.\n"
    found = lt_findings(run_cli, tmp_path, "de.md", text, "--lang", "de")
    assert not [f for f in found if f["category"] == "Fluency/Spelling"], found


def test_select_and_ignore_the_languagetool_prefix(server, run_cli, tmp_path):
    text = "He go to school every day. The the bus was late.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    def rules(*extra):
        r = run_cli("a.txt", "--lang", "en", "--format", "json", "--fail-on", "never", "--no-report", *extra,
                    cwd=tmp_path)
        return {f["rule"].split(":")[0].split(".")[0] for f in json.loads(r.stdout)}
    assert rules("--select", "LT") == {"LT"}
    assert rules("--ignore", "LT") == {"common"}
    assert rules() == {"LT", "common"}


def test_german_terms_of_the_page_and_word_forms_the_dictionary_lacks(server, run_cli, tmp_path):
    """A term the page names in its front matter, links or cSpell comment, and comparatives, superlatives and
    "-bar" adjectives of known words are no misspellings; a real typo still is."""
    text = ("---\ntitle: Zorblax\nslug: Glossary/Zorblax\n---\n\n<!-- cSpell:ignore fluxy -->\n\n"
            "Zorblax-Effekte sind Animationen. Ein fluxy Wert ist ein Wert, der sich ständig ändert.\n\n"
            "Die neue Lizenz ist permissiver als die alte und die generischste von allen.\n\n"
            "Jede Adresse ist registrierbar. Siehe [Quibbert-Regeln](/de/docs/Web/Quibbert).\n\n"
            "Die Antwort kommt asychron zurück und wird abgelehnt.\n")
    flagged, found = spelling_flagged(run_cli, tmp_path, "de.md", text, "de")
    assert flagged == ["asychron"], found


def test_a_one_word_table_cell_is_a_value_not_a_misspelling(server, run_cli, tmp_path):
    table = "| Password | Weak |\n|---|---|\n| hunter2x | yes |\n| qwertzuiop | yes |\n\nThe lettter arrived.\n"
    flagged, found = spelling_flagged(run_cli, tmp_path, "t.md", table, "en")
    assert flagged == ["lettter"], found


def test_one_rule_repeated_across_a_sentence_is_one_finding_with_a_count(server, run_cli, tmp_path):
    text = "The vote ,was close ,said an aide ,later ,they said ,then.\nOne more ,here.\n"
    found = lt_findings(run_cli, tmp_path, "loop.txt", text, "--lang", "en", "--select", "LT")
    commas = [f for f in found if f["rule"] == "LT:COMMA_PARENTHESIS_WHITESPACE"]
    assert len(commas) == 2, found
    assert "(5 times in this sentence)" in commas[0]["message"]
    assert "," in text[commas[0]["start"]:commas[0]["end"]] and commas[0]["end"] < text.index("close")  # the first
    assert commas[0]["line"] == 1 and commas[1]["line"] == 2 and "times" not in commas[1]["message"]


def test_a_unit_that_goes_on_with_the_sentence_before_may_start_in_lower_case(server, run_cli, tmp_path):
    """Line-aligned translations (subtitles, talks) split sentences across units: a unit after one that ends
    mid-sentence is not a sentence start; after one that ends with a full stop it is."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "t.txt").write_text("阳光太刺眼了，以至于\n我们能看到月亮反射的光。\n演讲结束了。\n非常感谢。\n",
                                            encoding="utf-8")
    (tmp_path / "t.txt").write_text("The sunlight is so blinding that\nwe can see the light of the moon.\n"
                                    "The talk ended there.\nthank you very much.\n", encoding="utf-8")
    found = lt_findings(run_cli, tmp_path, "t.txt", (tmp_path / "t.txt").read_text(encoding="utf-8"),
                        "--lang", "en", "--source-dir", "src", "--source-lang", "zh", "--select", "LT")
    starts = [f["line"] for f in found if f["rule"] == "LT:UPPERCASE_SENTENCE_START"]
    assert starts == [4], found


def test_a_word_kept_as_its_source_writes_it_is_no_misspelling(server, run_cli, tmp_path):
    """Bilingual: a species or a name the translation keeps exactly as its source writes it is not a misspelling
    of the target language; the same word without that source, or misspelled against it, still is."""
    tsv = ("Wir fanden Philodendron wendlandii am Fluss.\tWe found Philodendron wendlandii by the river.\n"
           "Wir fanden Philodendron wendlandii am Fluss.\tWe found Philodendron wendlandi by the river.\n")
    found = lt_findings(run_cli, tmp_path, "pairs.tsv", tsv, "--lang", "en", "--source-lang", "de")
    assert [tsv[f["start"]:f["end"]] for f in found if f["category"] == "Fluency/Spelling"] == ["wendlandi"], found
    alone = "We found Philodendron wendlandii by the river.\n"
    flagged, found = spelling_flagged(run_cli, tmp_path, "alone.txt", alone, "en")
    assert flagged == ["wendlandii"], found
    # a word of the source language passed through untranslated is still flagged; a Latin-script word of a
    # Chinese source is a name
    tsv = "Wir trafen uns gestern am Fluss.\tWe met gestern by the river.\n"
    found = lt_findings(run_cli, tmp_path, "de.tsv", tsv, "--lang", "en", "--source-lang", "de")
    assert [tsv[f["start"]:f["end"]] for f in found if f["category"] == "Fluency/Spelling"] == ["gestern"], found
    tsv = "这种植物叫wendlandii。\tThis plant is called wendlandii.\n"
    found = lt_findings(run_cli, tmp_path, "zh.tsv", tsv, "--lang", "en", "--source-lang", "zh")
    assert not [f for f in found if f["category"] == "Fluency/Spelling"], found


def test_a_language_languagetool_lacks_is_said_not_a_failed_run(server, run_cli, tmp_path):
    """LanguageTool 6 has no Norwegian: a Norwegian page is checked by the rules alone and the run says so once;
    a Norwegian source is simply not sent as the mother tongue. Neither makes the run incomplete."""
    (tmp_path / "docs").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "docs" / name).write_text("Jeg liker å gå tur i skogen om høsten, og vi vi drikker kaffe.\n",
                                              encoding="utf-8")
    r = run_cli("docs", "--lang", "nb", "--format", "json", "--fail-on", "never", "--no-report", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("LanguageTool has no rules for 'nb'") == 1 and "incomplete" not in r.stderr.lower()
    assert {f["rule"] for f in json.loads(r.stdout)} == {"common.repeated-word"}  # "vi vi": the rules ran
    tsv = "Jeg liker kaffe.\tI likes coffee.\n"
    (tmp_path / "pairs.tsv").write_text(tsv, encoding="utf-8")
    found = lt_findings(run_cli, tmp_path, "pairs.tsv", tsv, "--lang", "en", "--source-lang", "nb")
    assert found, "the English target is still checked"


def test_names_written_capitalised_elsewhere_and_reduplications_are_no_misspellings(server, run_cli, tmp_path):
    text = ("We planted the zorvalia near the fence, a young Zorvalia from the coast.\n"
            "The wumba-wumba flowers open at night, and the gardenr waters them.\n")
    flagged, found = spelling_flagged(run_cli, tmp_path, "garden.txt", text, "en")
    assert flagged == ["gardenr"], found


def test_the_ability_noun_of_a_known_able_adjective_is_no_misspelling(server, run_cli, tmp_path):
    text = "The reconfigurability of the board matters, and so does its serializability, not its flexibilty.\n"
    flagged, found = spelling_flagged(run_cli, tmp_path, "able.txt", text, "en")
    assert flagged == ["flexibilty"], found
