"""Rule examples are tests: a ``bad`` example gives exactly one finding, exactly at its ``[[…]]`` marker, and its
first suggestion yields ``fixed`` (when given) which then checks clean; a ``good`` example gives nothing."""

from __future__ import annotations

from mtcheck.document import DocumentBuilder
from mtcheck.engines.rules.rule import Example, Rule, RuleContext, RuleMatch
from mtcheck.readers.text import read_text


def strip_markers(text: str) -> tuple[str, tuple[int, int] | None]:
    if "[[" not in text:
        return text, None
    start = text.index("[[")
    end = text.index("]]", start)
    clean = text[:start] + text[start + 2 : end] + text[end + 2 :]
    return clean, (start, end - 2)


def example_language(rule: Rule, example: Example) -> tuple[str, str | None]:
    lang = example.language or (rule.languages[0] if rule.languages else "en")
    src = example.source_language or (rule.source_languages[0] if rule.source_languages else None)
    return lang, src


XLIFF_PREFIX = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="example" source-language="{src}" '
                'target-language="{lang}" datatype="plaintext"><body><trans-unit id="1"><source>{source}</source>'
                '<target>')
XLIFF_SUFFIX = "</target></trans-unit></body></file></xliff>\n"


def run_rule_on(rule: Rule, text: str, language: str, source: str | None = None,
                format: str = "text", source_language: str | None = None) -> list[RuleMatch]:
    """The rule on an example (a bilingual one-segment document when the example gives its source; a one-unit
    XLIFF file when its format is "xliff"; two aligned Markdown pages when it is "markdown")."""
    shift = 0
    if format == "xliff":
        from mtcheck.readers.translation import read_xliff

        prefix = XLIFF_PREFIX.format(src="en", lang=language, source=source or "")
        shift = len(prefix)
        doc = read_xliff(DocumentBuilder("<example>", prefix + text + XLIFF_SUFFIX, format="xliff"))
    elif format == "markdown":
        from mtcheck.readers.align import align
        from mtcheck.readers.markdown import read_markdown

        doc = read_markdown(DocumentBuilder("<example>", text, format="markdown"))
        if source is not None:
            align(doc, read_markdown(DocumentBuilder("<source>", source, format="markdown")), "<source>")
    elif source is not None:
        from mtcheck.readers.bitext import read_line_pair

        doc = read_line_pair(DocumentBuilder("<example>", text, format="text"), source)
    else:
        doc = read_text(DocumentBuilder("<example>", text, format="text"))
    doc.language = language
    doc.source_language = source_language or doc.source_language
    out = []
    for m in rule.for_examples().find(doc, RuleContext(doc, language)):
        if doc.within_one_segment(m.start, max(m.start, m.end - 1)):
            start, end = doc.file_span(m.start, m.end)  # examples mark spans in the text as written
            out.append(RuleMatch(start - shift, end - shift, m.suggestions, m.values, m.severity))
    return out


def check_example(rule: Rule, example: Example) -> list[str]:
    """Problems with one example; empty when it behaves as documented."""
    lang, src_lang = example_language(rule, example)
    text, span = strip_markers(example.text)
    matches = run_rule_on(rule, text, lang, example.source, example.format, src_lang)
    if not example.bad:
        return [f"good example flagged at {text[m.start:m.end]!r}: {text!r}" for m in matches]
    problems = []
    if len(matches) != 1:
        found = ", ".join(repr(text[m.start:m.end]) for m in matches) or "nothing"
        return [f"bad example should give exactly one finding, got {found}: {text!r}"]
    m = matches[0]
    if (m.start, m.end) != span:
        problems.append(f"finding at {text[m.start:m.end]!r}, expected {text[span[0]:span[1]]!r}: {text!r}")
    if example.fixed is not None:
        if not m.suggestions:
            return problems + [f"example has 'fixed' but the finding has no suggestion: {text!r}"]
        fixed = text[: m.start] + m.suggestions[0] + text[m.end :]
        if fixed != example.fixed:
            problems.append(f"fix gives {fixed!r}, expected {example.fixed!r}")
        again = run_rule_on(rule, fixed, lang, example.source, example.format, src_lang)
        if again:
            problems.append(f"fixed text still flagged at {fixed[again[0].start:again[0].end]!r}")
    return problems
