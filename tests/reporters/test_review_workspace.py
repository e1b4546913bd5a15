"""The report as a review workspace, in real Chromium: decisions that persist per document content, bulk and
keyboard work, accepting from the highlight, display-only findings, the live score, the index, narrow windows,
print, and the round trip through `mtcheck apply`."""

import json
from pathlib import Path

import pytest

from tests.reporters.test_html_report import browser, chromium, make_report, open_document, page  # noqa: F401

pytestmark = [browser, pytest.mark.browser]

# two safe fixes (repeated word, space before a comma), a display-only finding (collapsed coordination) and an
# unsafe fix (run-together sentences)
TEXT = ("The the ferry left at noon , on time.\n"
        "Rockets and rockets hit the depot.\n"
        "The vote was postponed.Talks continue next week.\n")


def item(page, text):
    return page.locator("#list li", has_text=text)


def test_decisions_persist_through_reload_and_navigation_but_not_into_a_changed_document(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    open_document(page, out, "a.txt")
    item(page, "is repeated").locator("button.accept").click()
    item(page, "joins a word").locator("button.reject").click()
    assert "2 of 4 reviewed" in page.locator("#progress").inner_text()
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert "2 of 4 reviewed" in page.locator("#progress").inner_text()
    assert item(page, "is repeated").locator("button.accept").get_attribute("aria-pressed") == "true"
    page.click("text=← all documents")
    page.wait_for_selector("body[data-ready=true] #documents")
    from playwright.sync_api import expect

    expect(page.locator("td.reviewed")).to_have_text("2 / 4")
    page.go_back()
    page.wait_for_selector("body[data-ready=true] #list")
    assert "2 of 4 reviewed" in page.locator("#progress").inner_text()
    # the document changes and is checked again: its new report starts clean
    (tmp_path / "docs" / "a.txt").write_text(TEXT.replace("next week", "on Friday"), encoding="utf-8")
    out = make_report(run_cli, tmp_path, {})
    open_document(page, out, "a.txt")
    assert "0 of 4 reviewed" in page.locator("#progress").inner_text()
    assert page.errors == []


def test_bulk_by_rule_by_category_and_on_a_selection_with_undo(page, tmp_path, run_cli):
    text = "The the bus left , and the the train left , too.\nRockets and rockets fell. Guns and guns too.\n"
    out = make_report(run_cli, tmp_path, {"a.txt": text})
    open_document(page, out, "a.txt")
    page.select_option("#filter-rule", "common.repeated-word")
    page.click("#bulk-accept")
    page.select_option("#filter-rule", "")
    assert page.locator("ins.fix").count() == 2  # each accepted fix shows in the text
    page.select_option("#filter-category", "Accuracy/Mistranslation")
    page.click("#bulk-reject")
    page.select_option("#filter-category", "")
    assert "2 rejected" in page.locator("#progress").inner_text()
    page.click("#bulk-undo")
    assert "0 rejected" in page.locator("#progress").inner_text()
    boxes = page.locator("#list li", has_text="No space before").locator("input.pick")
    assert boxes.count() == 2
    boxes.nth(0).check()
    page.click("#bulk-accept")
    assert "3 accepted" in page.locator("#progress").inner_text()
    assert page.errors == []


def test_keyboard_flow(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    open_document(page, out, "a.txt")
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.id")
    assert first == page.locator("#list li").first.get_attribute("id")
    page.keyboard.press("a")  # accept; focus moves on to the next finding
    assert "1 accepted" in page.locator("#progress").inner_text()
    assert page.evaluate("document.activeElement.id") != first
    assert page.evaluate("document.activeElement.classList.contains('current')")
    page.keyboard.press("u")
    assert "0 of 4 reviewed" in page.locator("#progress").inner_text()
    # Enter and Space press the buttons, and keep focus in the list
    accept = item(page, "No space before").locator("button.accept")
    accept.focus()
    page.keyboard.press("Enter")
    assert "1 accepted" in page.locator("#progress").inner_text()
    reject = item(page, "joins a word").locator("button.reject")
    reject.focus()
    page.keyboard.press(" ")
    assert "1 rejected" in page.locator("#progress").inner_text()
    assert page.evaluate("document.activeElement.closest('#list') !== null")
    assert page.errors == []


def test_accept_from_the_highlight_shows_the_change_in_place(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    open_document(page, out, "a.txt")
    page.locator("mark.hl", has_text="The the").click()
    assert page.locator("#pop").is_visible()
    page.locator("#pop button.accept").first.click()
    assert not page.locator("#pop").is_visible()
    assert page.locator("mark.hl.accepted", has_text="The the").count() == 1
    assert page.locator("ins.fix").inner_text() == "The"
    page.locator("#preview summary").click()
    from playwright.sync_api import expect

    expect(page.locator("#preview-text")).to_contain_text("The ferry left at noon , on time.")
    assert page.locator("#preview-text").inner_text().startswith("The ferry left at noon , on time.")
    assert page.errors == []


def test_list_words_display_only_choices_and_live_score(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    open_document(page, out, "a.txt")
    assert item(page, "is repeated").locator("q.words").inner_text() == "The the"
    display = item(page, "joins a word")
    assert display.locator("button.accept").count() == 0
    assert display.locator("button.resolve").inner_text() == "Resolved"
    before = float(page.locator("#mqm").inner_text().split()[2])
    display.locator("button.reject").click()  # a false alarm leaves the score
    after = float(page.locator("#mqm").inner_text().split()[2])
    assert after < before and "1 false alarm left out" in page.locator("#mqm").inner_text()
    assert page.errors == []


def test_index_sorts_counts_and_charts(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT, "b.txt": "The bus left , late.\n",
                                          "c.txt": "The council met on Monday.\n"})
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("svg.chart").count() == 2
    names = lambda: [t.strip() for t in page.locator("#documents tbody tr td:first-child").all_inner_texts()]
    assert names()[0] == "docs/a.txt"  # worst first
    page.click("#documents th:first-child button")
    assert names() == sorted(names())
    page.click("#documents th:first-child button")
    assert names() == sorted(names(), reverse=True)
    row = page.locator("#documents tbody tr", has_text="a.txt")
    cells = row.locator("td").all_inner_texts()
    assert cells[3:7] == ["", "1", "3", ""]  # critical, major, minor, neutral
    assert page.errors == []


def test_narrow_window_print_and_visible_narrow_highlights(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    page.set_viewport_size({"width": 800, "height": 700})
    open_document(page, out, "a.txt")
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    text_box = page.locator(".text-pane").bounding_box()
    side_box = page.locator(".side").bounding_box()
    assert side_box["y"] >= text_box["y"] + text_box["height"] - 1  # the list goes below the text
    space = page.locator("mark.hl.narrow").first.bounding_box()
    assert space["width"] >= 6
    page.emulate_media(media="print")
    assert page.locator(".print-list").is_visible()
    assert "joins a word to itself" in page.locator(".print-list").inner_text()
    assert page.errors == []


def test_round_trip_accept_export_apply(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    open_document(page, out, "a.txt")
    item(page, "is repeated").locator("button.accept").click()
    item(page, "run together").locator("button.accept").click()
    item(page, "No space before").locator("button.reject").click()
    page.click("text=← all documents")
    page.wait_for_selector("body[data-ready=true] #documents")
    from playwright.sync_api import expect

    # the index reads what the page stored; the browser may hand a page's last write over a moment later
    expect(page.locator("td.reviewed")).to_have_text("3 / 4")
    with page.expect_download() as dl:
        page.click("#export-all")
    exported = tmp_path / "decisions.json"
    Path(dl.value.path()).replace(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "mtcheck-decisions" and len(data["documents"][0]["decisions"]) == 3
    r = run_cli("apply", exported, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "docs" / "a.txt").read_text(encoding="utf-8") == (
        "The ferry left at noon , on time.\n"
        "Rockets and rockets hit the depot.\n"
        "The vote was postponed. Talks continue next week.\n")
    # the rejected finding is a false alarm from now on
    r = run_cli("docs", "--no-lt", "--lang", "en", "--no-report", "--format", "json", cwd=tmp_path)
    rules = [f["rule"] for f in json.loads(r.stdout)]
    assert "common.space-before-punctuation" not in rules and "common.collapsed-coordination" in rules
    assert "1 marked false alarms in review" in r.stderr
    # a second apply of the same decisions finds the file changed and writes nothing
    r = run_cli("apply", exported, cwd=tmp_path)
    assert r.returncode == 2 and "changed since it was reviewed" in r.stderr
    assert page.errors == []


def test_export_then_import_in_a_fresh_browser(chromium, tmp_path, run_cli):  # noqa: F811
    out = make_report(run_cli, tmp_path, {"a.txt": TEXT})
    exported = tmp_path / "decisions.json"
    for fresh in (True, False):
        context = chromium.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        open_document(pg, out, "a.txt")
        if fresh:
            item(pg, "is repeated").locator("button.accept").click()
            item(pg, "joins a word").locator("button.resolve").click()
            pg.locator("#preview summary").click()
            with pg.expect_download() as dl:
                pg.click("#download-decisions")
            Path(dl.value.path()).replace(exported)
        else:  # a new browser profile has nothing stored; the import brings the decisions back
            assert "0 of 4 reviewed" in pg.locator("#progress").inner_text()
            pg.locator("#preview summary").click()
            pg.set_input_files("#import-decisions", str(exported))
            from playwright.sync_api import expect

            expect(pg.locator("#import-note")).to_contain_text("2 decisions imported")
            assert "1 accepted, 0 rejected, 1 resolved" in pg.locator("#progress").inner_text()
        context.close()


def test_a_bilingual_document_shows_source_beside_target_with_both_spans_marked(page, tmp_path, run_cli):
    """An XLIFF file: a table with the source and the translation of each unit; a bilingual finding is marked in
    the translation and, on what it refers to, in the source; selecting either selects the finding."""
    xliff = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
             'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="de" '
             'target-language="en" datatype="plaintext"><body>\n'
             '<trans-unit id="1"><source>Der Vertrag kostet 250 Euro &amp; mehr.</source>'
             '<target>The contract costs 205 euros &amp; more.</target></trans-unit>\n'
             '<trans-unit id="2"><source>Kommen Sie morgen?</source><target>Are you coming tomorrow?</target>'
             '</trans-unit>\n</body></file></xliff>\n')
    out = make_report(run_cli, tmp_path, {"ui.xlf": xliff})
    open_document(page, out, "ui.xlf")
    table = page.locator("table.bitext")
    assert table.locator("tbody tr").count() == 2
    assert page.locator("#view-rendered").inner_text() == "Side by side"
    row = table.locator("tbody tr").first
    assert row.locator("td.src").inner_text().startswith("Der Vertrag kostet 250 Euro & mehr.")
    source_mark = row.locator("td.src mark.hl")
    target_mark = row.locator("td.tgt mark.hl")
    assert source_mark.inner_text() == "250" and target_mark.inner_text() == "205"
    assert source_mark.get_attribute("data-ids") == target_mark.get_attribute("data-ids")
    source_mark.click()
    ident = source_mark.get_attribute("data-ids")
    assert "current" in (page.locator(f"#item-{ident}").get_attribute("class") or "")
    assert page.errors == []
