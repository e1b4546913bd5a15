"""Reporters: one module per output format, each a function ``render(result, options) -> str``."""

from mtcheck.reporters.json import render_json
from mtcheck.reporters.text import render_summary, render_text

REPORTERS = {"text": render_text, "json": render_json}

__all__ = ["REPORTERS", "render_json", "render_summary", "render_text"]
