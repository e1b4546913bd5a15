"""The HTML report: structure and escaping without a browser; behaviour in a real headless Chromium."""

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mtcheck.findings import Finding, Severity
from mtcheck.reporters.html import pieces

HOSTILE = ('Officials seized rifles and rifles. <script>window.__pwned = 1</script> '
           '<img src=x onerror="window.__pwned = 2"> </textarea><b>bold</b> "quoted" & more.\n')
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def finding(start, end, sev=Severity.MINOR, rule="r"):
    return Finding(rule=rule, engine="rules", category="Fluency/Grammar", severity=sev, message="m", path="p",
                   start=start, end=end, line=1, column=start + 1, end_line=1, end_column=end + 1)


def test_pieces_keep_overlaps_readable():
    text = "abcdefghij"
    out = pieces(text, [("f0", finding(2, 6)), ("f1", finding(4, 8, Severity.MAJOR))])
    assert "".join(p["text"] for p in out) == text
    assert [(p["text"], p["ids"]) for p in out] == [
        ("ab", []), ("cd", ["f0"]), ("ef", ["f0", "f1"]), ("gh", ["f1"]), ("ij", [])]
    assert out[2]["severity"] == "major"


def make_report(run_cli, tmp_path, files, *args):
    for name, text in files.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    r = run_cli("docs", "--no-lt", "--lang", "en", "--report", "out", *args, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    assert "report: out/index.html" in r.stderr
    return tmp_path / "out"


def test_report_is_escaped_and_self_contained(tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"evil.txt": HOSTILE, "<b>name</b>.txt": "Fine text.\n"})
    index = (out / "index.html").read_text()
    page = next((out / "docs").glob("*evil*")).read_text()
    assert "&lt;script&gt;window.__pwned" in page and "<script>window.__pwned" not in page
    assert "&lt;/textarea&gt;" in page
    assert "&lt;b&gt;name&lt;/b&gt;.txt" in index
    for html in (index, page):
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert not re.search(r'(src|href)="(https?:)?//', html)
        assert "<link" not in html
    data = json.loads(re.search(r'<script type="application/json" id="mtcheck-data">(.*?)</script>', page, re.S).group(1))
    assert data["text"] == HOSTILE


def test_index_sorts_worst_first_and_states_weights(tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"clean.txt": "The council met on Monday and agreed.\n",
                                          "bad.txt": "Police seized rifles and rifles at the the port.\n"},
                      "--mqm-weights", "major=10")
    index = (out / "index.html").read_text()
    assert index.index("bad.txt") < index.index("clean.txt")
    assert "major 10" in index and "minor punctuation 0.1" in index


def test_no_report_and_report_dir(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text("Fine text here.\n")
    r = run_cli("a.txt", "--no-lt", "--no-report", cwd=tmp_path)
    assert "report:" not in r.stderr and not (tmp_path / "reports").exists()
    r = run_cli("a.txt", "--no-lt", cwd=tmp_path)
    assert (tmp_path / "reports" / "index.html").is_file()


# -- in a real browser ------------------------------------------------------------------------------------------

browser = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(chromium, tmp_path):
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def open_document(page, out: Path, name: str):
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#documents a", has_text=name).click()
    page.wait_for_selector("body[data-ready=true] #list")


@browser
@pytest.mark.browser
def test_seed_report_in_browser(page, root, tmp_path, run_cli):
    out = tmp_path / "report"
    r = run_cli(root / "seeds", "--no-lt", "--report", out, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    page.goto((out / "index.html").as_uri())
    page.click("#documents a")
    page.wait_for_selector("body[data-ready=true]")
    marks = page.locator("mark.hl").all_inner_texts()
    for expected in ("missiles and missiles", "state soldiers", "U.S."):
        assert expected in marks
    assert any("Expression." in m for m in marks)
    shots = root / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "seed-report.png"), full_page=False)
    # hover shows the message
    page.locator("mark.hl", has_text="state soldiers").hover()
    assert "American soldiers" in page.locator("#tip").inner_text()
    # keyboard focus shows it too
    page.locator("mark.hl", has_text="missiles and missiles").focus()
    assert "joins a word to itself" in page.locator("#tip").inner_text()
    # filter by severity
    page.select_option("#filter-severity", "minor")
    items = page.locator("#list li")
    assert items.count() >= 1
    assert all(t.startswith("minor") for t in items.all_inner_texts())
    page.select_option("#filter-severity", "")
    # a display-only finding cannot be accepted; a fix can, and the preview shows it
    assert page.locator("#list li", has_text="missiles and missiles").locator("button.accept").count() == 0
    item = page.locator("#list li", has_text="state soldiers")
    item.locator("button.accept").click()
    page.locator("#preview summary").click()
    expect(page.locator("#preview-text")).to_contain_text("American soldiers")
    assert page.locator("#accepted-count").inner_text() == "1 accepted"
    # clicking an item scrolls the text to it
    page.locator("#list li", has_text="missiles and missiles").click()
    assert page.locator("mark.hl.current").inner_text() == "missiles and missiles"
    # downloads: corrected text and decisions
    with page.expect_download() as dl:
        page.click("#download-text")
    corrected = Path(dl.value.path()).read_text(encoding="utf-8")
    seed = next((root / "seeds").glob("*.txt")).read_text()
    assert "state soldiers" not in corrected and corrected.count("\n") == seed.count("\n")
    with page.expect_download() as dl:
        page.click("#download-decisions")
    exported = json.loads(Path(dl.value.path()).read_text())
    assert exported["format"] == "mtcheck-decisions" and exported["version"] == 1
    (doc,) = exported["documents"]
    assert len(doc["sha256"]) == 64
    assert [(d["rule"], d["decision"], d["replacement"]) for d in doc["decisions"]] == [
        ("en.state-demonym-calque", "accepted", "American soldiers")]
    assert page.errors == []


@browser
@pytest.mark.browser
def test_overlapping_fixes_cannot_both_be_accepted(page, tmp_path, run_cli):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "rifles-at.yml").write_text("""id: house.rifles-at
type: substitution
category: Style/Awkward
severity: minor
message: "house style"
fix: {safety: safe}
swap: {"rifles at": "guns at"}
examples:
  - bad: "[[rifles at]] x"
    fixed: "guns at x"
  - good: "guns"
""")
    out = make_report(run_cli, tmp_path, {"a.txt": "Police seized the rifles rifles at the port on Monday.\n"},
                      "--rules", str(pack))
    open_document(page, out, "a.txt")
    page.locator("#list li", has_text="is repeated").locator("button.accept").click()
    other = page.locator("#list li", has_text="house style")
    other.locator("button.accept").click()
    assert "Overlaps the accepted fix" in other.inner_text()
    assert page.locator("#accepted-count").inner_text() == "1 accepted"
    assert page.errors == []


@browser
@pytest.mark.browser
def test_hostile_document_runs_no_script(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"evil.txt": HOSTILE + "The the <b>end</b> , here.\n"})
    open_document(page, out, "evil.txt")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned = 1</script>" in page.locator("#doc").inner_text()
    page.locator("#list button.accept").first.click()
    page.locator("#preview summary").click()
    expect(page.locator("#preview-text")).to_contain_text("<img src=x")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


@browser
@pytest.mark.browser
def test_large_inputs_stay_usable(page, tmp_path, run_cli):
    para = "The council met again on Monday and the mayor seized rifles and rifles near the old port.\n"
    big = para * (2_000_000 // len(para))
    files = {"big.txt": big}
    files.update({f"many/{i:04d}.txt": f"Document {i} reports rifles and rifles at the port.\n" for i in range(1000)})
    out = make_report(run_cli, tmp_path, files)
    page.goto((out / "index.html").as_uri())
    assert page.locator("#documents tr").count() == 1002  # header + 1001 documents
    page.click("text=big.txt")
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    assert page.locator("#list li:not(.more)").count() == 200  # the side list is paginated
    page.locator("#list li.more button").click()
    assert page.locator("#list li:not(.more)").count() == 400
    page.locator("#list li").nth(150).click()
    assert page.locator("mark.hl.current").count() == 1
    assert page.errors == []


MARKDOWN_PAGE = """# Setting up the `client`

We call `client.open()` and the the server answers [at once](https://example.org/doc).

- First item of ours
- Second item with {{macro("x")}}

```python
client.open()
```
"""


def test_markdown_page_is_rendered_with_the_source_one_click_away(tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"page.md": MARKDOWN_PAGE})
    page = next((out / "docs").glob("*page.md*")).read_text()
    rendered = re.search(r'<div class="doc rendered view" id="rendered"[^>]*>(.*?)</div>\s*<div class="columns',
                         page, re.S).group(1)
    assert "<h3>Setting up the <code>client</code></h3>" in rendered
    assert "<code>client.open()</code>" in rendered and "`" not in rendered
    assert "https://example.org/doc" not in rendered and "at once" in rendered
    assert "<li>First item of ours</li>" in rendered
    assert '<pre class="code"><code>client.open()' in rendered
    assert re.search(r'<mark class="hl s-minor"[^>]*>the the</mark>', rendered)
    assert 'id="source" hidden' in page and "[at once](https://example.org/doc)" in page


@browser
@pytest.mark.browser
def test_rendered_view_and_source_view_in_browser(page, tmp_path, run_cli):
    out = make_report(run_cli, tmp_path, {"page.md": MARKDOWN_PAGE})
    open_document(page, out, "page.md")
    assert page.locator("#rendered").is_visible() and not page.locator("#source").is_visible()
    assert page.locator("#rendered h3 code").inner_text() == "client"
    page.locator("#list li").first.click()
    assert page.locator("#rendered mark.hl.current").inner_text() == "the the"
    page.click("#view-source")
    assert page.locator("#source").is_visible() and not page.locator("#rendered").is_visible()
    page.locator("#list li").first.click()
    assert page.locator("#source mark.hl.current").inner_text() == "the the"
    assert "[at once](https://example.org/doc)" in page.locator("#doc").inner_text()
    page.screenshot(path=str(tmp_path / "rendered.png"))
    assert page.errors == []
