"""Every fix mtcheck would apply unattended (safe) or on request (unsafe), applied to every page of
../shared/realdocs (real Markdown and MDX-flavoured documentation nobody on this project wrote), must leave the
markup byte-identical: each page is parsed before and after with markdown-it-py (a parser of its own, not
mtcheck's reader) and its inline code, template macros, link targets, HTML/JSX tags and MDX expressions compared."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mtcheck.findings import FixSafety
from mtcheck.fixes import apply_edits, plan_edits
from mtcheck.pipeline import run
from mtcheck.settings import Settings

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MACRO = re.compile(r"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}")
MDX = re.compile(r"\{[^{}\n]*\}")

pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not beside the checkout")


def markup(text: str) -> Counter:
    """Every construct a fix must not touch, as parsed by markdown-it-py."""
    out: Counter = Counter()
    for tok in PARSER.parse(text):
        if tok.type in ("html_block", "fence", "code_block"):
            out[(tok.type, tok.content)] += 1
        for child in tok.children or ():
            if child.type == "code_inline":
                out[("code", child.content)] += 1
            elif child.type == "html_inline":
                out[("tag", child.content)] += 1
            elif child.type in ("link_open", "image"):
                out[("target", child.attrs.get("href") or child.attrs.get("src"))] += 1
            elif child.type == "text":
                for m in MACRO.finditer(child.content):
                    out[("macro", m.group())] += 1
                for m in MDX.finditer(child.content):
                    out[("expression", m.group())] += 1
    return out


@pytest.fixture(scope="module")
def realdocs_result():
    return run(Settings(paths=(str(REALDOCS),), lt=False, cache=False, fail_on=None))


def test_the_corpus_is_read(realdocs_result):
    assert len(realdocs_result.documents) >= 900
    assert not [s for s in realdocs_result.skipped if s[1] != "unsupported type"]


def test_safe_and_unsafe_fixes_leave_markup_byte_identical(realdocs_result):
    by_path: dict[str, list] = {}
    for f in realdocs_result.findings:
        by_path.setdefault(f.path, []).append(f)
    applied = 0
    damaged = []
    for path, findings in by_path.items():
        edits = plan_edits(findings, frozenset({FixSafety.SAFE, FixSafety.UNSAFE}))
        if not edits:
            continue
        before = Path(path).read_text(encoding="utf-8")
        after = apply_edits(before, edits)
        applied += len(edits)
        if markup(before) != markup(after):
            lost = markup(before) - markup(after)
            damaged.append(f"{path}: {sorted(lost)[:3]} by {[e.finding.rule for e in edits]}")
    assert not damaged, "\n".join(damaged)
    assert applied > 0, "no fix was proposed at all: the test would prove nothing"


def test_no_fix_offered_over_markup(realdocs_result):
    """No safe or unsafe fix's span contains a construct the markdown parser sees as markup."""
    for f in realdocs_result.findings:
        if f.fix_safety is FixSafety.DISPLAY:
            continue
        text = Path(f.path).read_text(encoding="utf-8")[f.start : f.end]
        assert "`" not in text and "{{" not in text and "](" not in text and "<" not in text, (f.path, f.rule, text)
