"""A page in a language folder ("es/...", "guide.fr.md") keeps that language when enough of it is in that language,
so the untranslated English of a partial translation is flagged, not its Spanish."""

import json

ENGLISH = ("The committee will meet again next week to review the budget proposal in detail. Several members "
           "asked for more time to read the report before the vote. The chair agreed to postpone the decision "
           "until every question has been answered by the finance team.\n\n")
SPANISH = ("El comité se reunirá de nuevo la semana que viene para revisar el presupuesto con detalle. Varios "
           "miembros pidieron más tiempo para leer el informe antes de la votación.\n\n")


def languages(run_cli, cwd, *paths):
    r = run_cli(*paths, "--no-lt", "--no-report", "-v", "--format", "json", "--fail-on", "never", cwd=cwd)
    assert r.returncode == 0, r.stderr
    langs = {line.split("[", 1)[1].split(",")[1].strip(): line for line in r.stderr.splitlines()
             if line.startswith("checked:")}
    return langs, json.loads(r.stdout)


def test_a_partial_translation_keeps_the_language_of_its_folder(tmp_path, run_cli):
    for folder in ("es", "docs"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.md").write_text(ENGLISH * 3 + SPANISH * 2, encoding="utf-8")
    langs, findings = languages(run_cli, tmp_path, "es", "docs")
    assert langs["es"].startswith("checked: es") and langs["en"].startswith("checked: docs")
    flagged = {(f["path"], f["message"].split("'")[1]) for f in findings
               if f["rule"] == "common.untranslated-sentence"}
    # in the Spanish folder the English is untranslated; elsewhere the page is English and its Spanish stands out
    assert flagged == {("es/page.md", "en"), ("docs/page.md", "es")}


def test_a_file_name_part_names_the_language_too(tmp_path, run_cli):
    (tmp_path / "guide.es.md").write_text(ENGLISH * 2 + SPANISH * 2, encoding="utf-8")
    langs, _ = languages(run_cli, tmp_path, "guide.es.md")
    assert set(langs) == {"es"}


def test_a_folder_name_alone_does_not_override_the_text(tmp_path, run_cli):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "page.md").write_text(ENGLISH * 3, encoding="utf-8")
    langs, _ = languages(run_cli, tmp_path, "de")
    assert set(langs) == {"en"}
