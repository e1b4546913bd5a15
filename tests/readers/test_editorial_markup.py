"""Inline non-prose becomes a placeholder, never a hole; the syntax of editorial repositories is recognised; no
finding spans markup and no fix touches it. Every example here is a sentence of our own."""

from __future__ import annotations

import json

import pytest

from mtcheck.document.builder import PLACEHOLDER_WORD
from mtcheck.findings import FixSafety
from mtcheck.readers import READERS, read_text_as
from mtcheck.readers.syntax import ReaderOptions


def read(src: str, ext: str = ".md", options: ReaderOptions | None = None):
    fmt, reader = READERS[ext]
    return read_text_as("page" + ext, src, fmt, reader, options)


def segments(doc) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.segments]


def placeholders(doc) -> list[str]:
    return [doc.file_text[r.file_start : r.file_end] for r in doc.runs if r.placeholder]


def test_inline_code_is_a_word_not_a_hole():
    doc = read("Call `client.connect()`. Then wait for `ready`, and retry.\n")
    assert segments(doc) == [f"Call {PLACEHOLDER_WORD}0. Then wait for {PLACEHOLDER_WORD}1, and retry."]
    assert placeholders(doc) == ["`client.connect()`", "`ready`"]


def test_placeholders_are_numbered_per_segment_so_two_constructs_never_read_as_one_word():
    doc = read("Choose `alpha` or `beta` here.\n\nThen `gamma`.\n")
    assert segments(doc) == ["Choose Dummy0 or Dummy1 here.", "Then Dummy0."]


@pytest.mark.parametrize("construct", [
    '{{domxref("Window.open()")}}',           # MDN KumaScript
    "{{ site.title }}",                       # Liquid / Jinja output
    "{% link about.md %}",                    # Liquid / Jinja tag
    '{{< ref "install.md" >}}',                # Hugo shortcode
    "{{% param name %}}",                      # Hugo shortcode
    "![a diagram](img/flow.png)",              # image
    "<https://example.org/path>",              # autolink
    "https://example.org/page",                # bare URL (GFM autolink)
    "<kbd>Ctrl</kbd>",                         # code-like inline HTML
    "<code>a &lt; b</code>",
])
def test_constructs_inside_a_sentence_become_one_placeholder(construct):
    doc = read(f"Open the page with {construct} before you start.\n")
    assert segments(doc) == ["Open the page with Dummy0 before you start."]
    assert placeholders(doc) == [construct]


def test_markup_that_is_not_read_leaves_no_double_space_and_no_text():
    doc = read("Read the [guide](https://example.org/g) and <!-- note --> the **short** notes[^1] now.\n\n"
               "[^1]: A footnote of ours.\n")
    assert segments(doc)[0] == "Read the guide and the short notes now."
    assert "A footnote of ours." in segments(doc)


def test_a_segment_of_markup_only_is_dropped():
    doc = read('{{EmbedSample("demo", 300)}}\n\n- `onClick`\n\nReal prose stays.\n')
    assert segments(doc) == ["Real prose stays."]


def test_gfm_alert_marker_definition_list_and_table():
    doc = read("> [!WARNING]\n> Back up your data first.\n\nTerm\n: The meaning of it.\n\n"
               "| Key | Action |\n|---|---|\n| `Esc` | Closes the dialog |\n")
    texts = segments(doc)
    assert "Back up your data first." in texts and not any("[!WARNING]" in t for t in texts)
    assert "Term" in texts and "The meaning of it." in texts
    assert "Closes the dialog" in texts
    assert [s.kind for s in doc.segments if doc.text[s.start:s.end] == "Term"] == ["item"]


def test_mdx_imports_comments_expressions_and_jsx_children():
    src = ("import Chart from './chart.js'\nexport const meta = {title: 'Guide'}\n\n"
           "## Setting up {/*setup*/}\n\n"
           "The total is {props.count * 2} items.\n\n"
           "<Callout kind=\"tip\">Keep the window open while it runs.</Callout>\n\n"
           "Press <Key name=\"enter\">the enter key</Key> twice.\n")
    doc = read(src, ".mdx")
    assert segments(doc) == ["Setting up", "The total is Dummy0 items.", "Keep the window open while it runs.",
                             "Press the enter key twice."]
    assert "{props.count * 2}" in placeholders(doc)


def test_mdx_style_comments_and_jsx_in_plain_md_pages():
    doc = read("### Rendering lists {/*rendering-lists*/}\n\n<Note>\n\nA note of ours.\n\n</Note>\n")
    assert segments(doc) == ["Rendering lists", "A note of ours."]


def test_template_syntax_inside_code_is_code_not_a_macro():
    doc = read("Write `{{ name }}` in the template, then save.\n")
    assert segments(doc) == ["Write Dummy0 in the template, then save."]
    assert placeholders(doc) == ["`{{ name }}`"]


def test_user_token_and_block_ignores():
    options = ReaderOptions(token_ignores=(r"\$\w+\$",), block_ignores=(r"(?s)<<<.*?>>>",))
    doc = read("Replace $NAME$ with yours.\n\n<<<\nraw block text\n>>>\n\nAfter the block.\n", options=options)
    assert segments(doc) == ["Replace Dummy0 with yours.", "After the block."]


def test_rst_prose_roles_literals_and_directives():
    src = ("Guide\n=====\n\nRun ``make install`` and see :ref:`setup` for the |product| details.\n"
           "Visit `the site <https://example.org>`_ today.\n\n.. code-block:: python\n\n   x = 1\n\n"
           ".. note::\n\n   Keep a backup.\n\n.. |product| replace:: Widget\n")
    doc = read(src, ".rst")
    texts = segments(doc)
    assert texts[0] == "Guide"
    assert texts[1] == "Run Dummy0 and see Dummy1 for the Dummy2 details. Visit the site today."
    assert "Keep a backup." in texts and not any("x = 1" in t for t in texts)
    assert placeholders(doc)[:3] == ["``make install``", ":ref:`setup`", "|product|"]


def test_a_fix_never_spans_markup_that_is_not_read():
    doc = read("We saw the **the** results.\n")
    i = doc.text.index("the the")
    assert not doc.is_literal(i, i + len("the the"))  # the span crosses "**": no fix may apply there
    j = doc.text.index("results")
    assert doc.is_literal(j, j + 7)


def test_engines_report_nothing_over_placeholders_and_fixes_stay_in_prose(tmp_path, run_cli):
    page = tmp_path / "page.md"
    page.write_text("# Notes\n\nWe use `cfg.path`. If it fails, set `a`, `b` and `b` again.\n\n"
                    "The the value of `x` is set to `y` here.\n", encoding="utf-8")
    r = run_cli("page.md", "--no-lt", "--format", "json", "--lang", "en", cwd=tmp_path)
    findings = json.loads(r.stdout)
    text = page.read_text(encoding="utf-8")
    assert [f["rule"] for f in findings] == ["common.repeated-word"]
    for f in findings:
        assert "`" not in text[f["start"] : f["end"]]


def test_a_folder_with_nothing_to_read_exits_2_naming_the_extensions(tmp_path, run_cli):
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.adoc").write_text("= Title", encoding="utf-8")
    r = run_cli(".", "--no-lt", cwd=tmp_path)
    assert r.returncode == 2
    assert ".json" in r.stderr and ".adoc" in r.stderr and "no file checked" in r.stderr
    assert "Traceback" not in r.stderr
    r = run_cli(".", "--no-lt", "-v", cwd=tmp_path)
    assert "skipped: data.json" in r.stderr


def test_token_ignores_from_configuration(tmp_path, run_cli):
    (tmp_path / "mtcheck.toml").write_text('token_ignores = ["%%\\\\w+%%"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Send it to %%the%% the office.\n", encoding="utf-8")
    r = run_cli("a.md", "--no-lt", "--lang", "en", "--format", "json", cwd=tmp_path)
    assert json.loads(r.stdout) == []  # without the ignore, "the the" would be read across the token
    (tmp_path / "mtcheck.toml").write_text('token_ignores = ["(unclosed"]\n', encoding="utf-8")
    r = run_cli("a.md", "--no-lt", cwd=tmp_path)
    assert r.returncode == 2 and "token_ignores" in r.stderr and "mtcheck.toml" in r.stderr


def test_safe_fix_is_downgraded_next_to_markup():
    from mtcheck.engines.base import make_finding
    from mtcheck.findings import Severity

    doc = read("Stop at [the](https://example.org) the end.\n")
    i = doc.text.index("the the")
    f = make_finding(doc, rule="x", engine="rules", category="Other", severity=Severity.MINOR, message="m",
                     start=i, end=i + 7, suggestions=["the"], safety=FixSafety.SAFE)
    assert f.fix_safety is FixSafety.DISPLAY


def test_link_target_after_emphasis_is_markup():
    doc = read("Always [_replace_ objects instead of _mutating them_](#replacing-objects) :\n")
    assert segments(doc) == ["Always replace objects instead of mutating them :"]
    i = doc.text.index("them :")
    assert doc.touches_markup(i, i + len("them :"))  # a finding here would span the link target
