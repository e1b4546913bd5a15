"""Reporters: one module per output format, each a function ``render_<format>(result, ...) -> str``; the HTML
report (``html.py``) writes a folder instead."""

from mtcheck.reporters.github import render_github
from mtcheck.reporters.json import render_json
from mtcheck.reporters.junit import render_junit
from mtcheck.reporters.sarif import render_sarif
from mtcheck.reporters.text import render_summary, render_text

REPORTERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "junit": render_junit,
             "github": render_github}

__all__ = ["REPORTERS", "render_summary"]
