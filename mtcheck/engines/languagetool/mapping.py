"""LanguageTool matches → MQM categories and severities.

LanguageTool gives each rule a category id and an ITS 2.0 issue type (``rule.issueType``); MQM grew out of the
same ITS taxonomy, so the issue type decides first and the category refines it."""

from __future__ import annotations

from mtcheck.findings import Severity

ISSUE_TYPES = {
    "misspelling": "Fluency/Spelling",
    "typographical": "Fluency/Punctuation",
    "grammar": "Fluency/Grammar",
    "duplication": "Fluency/Grammar",
    "inconsistency": "Fluency/Inconsistency",
    "inconsistent-entities": "Fluency/Inconsistency",
    "style": "Style/Awkward",
    "register": "Fluency/Register",
    "terminology": "Terminology/Inappropriate for context",
    "mistranslation": "Accuracy/Mistranslation",
    "untranslated": "Accuracy/Untranslated text",
    "omission": "Accuracy/Omission",
    "addition": "Accuracy/Addition",
    "locale-violation": "Locale convention/Number format",
    "length": "Style/Awkward",
    "non-conformance": "Style/Awkward",
    "characters": "Fluency/Character encoding",
    "formatting": "Fluency/Punctuation",
    "whitespace": "Fluency/Punctuation",
    "uncategorized": "Fluency/Grammar",
    "other": "Fluency/Grammar",
}

CATEGORY_IDS = {
    "TYPOS": "Fluency/Spelling",
    "CASING": "Fluency/Spelling",
    "COMPOUNDING": "Fluency/Spelling",
    "PUNCTUATION": "Fluency/Punctuation",
    "HILFESTELLUNG_KOMMASETZUNG": "Fluency/Punctuation",
    "TYPOGRAPHY": "Fluency/Punctuation",
    "GRAMMAR": "Fluency/Grammar",
    "CONFUSED_WORDS": "Fluency/Grammar",
    "FALSE_FRIENDS": "Accuracy/Mistranslation",
    "SEMANTICS": "Accuracy/Mistranslation",
    "REDUNDANCY": "Style/Awkward",
    "STYLE": "Style/Awkward",
    "PLAIN_ENGLISH": "Style/Awkward",
    "REPETITIONS_STYLE": "Style/Awkward",
    "COLLOQUIALISMS": "Fluency/Register",
    "GENDER_NEUTRALITY": "Style/Awkward",
}

#: Categories of pure style, off unless --lt-level picky: they are where LanguageTool is noisiest on news text.
PICKY_CATEGORIES = ("STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "GENDER_NEUTRALITY", "COLLOQUIALISMS",
                    "TEXT_ANALYSIS", "CREATIVE_WRITING", "WIKIPEDIA", "MISC")


def category_for(match: dict) -> str:
    rule = match.get("rule", {})
    cat_id = rule.get("category", {}).get("id", "")
    if cat_id in CATEGORY_IDS:
        return CATEGORY_IDS[cat_id]
    return ISSUE_TYPES.get(rule.get("issueType", ""), "Fluency/Grammar")


def severity_for(match: dict) -> Severity:
    """Most LanguageTool findings are minor in MQM terms (the WMT raters' practice for fluency slips); a false
    friend changes meaning and is major; style hints are neutral."""
    rule = match.get("rule", {})
    cat_id = rule.get("category", {}).get("id", "")
    if cat_id == "FALSE_FRIENDS":
        return Severity.MAJOR
    if rule.get("issueType") == "style" or cat_id in PICKY_CATEGORIES:
        return Severity.NEUTRAL
    return Severity.MINOR


def utf16_to_codepoints(text: str):
    """A function mapping LanguageTool's UTF-16 offsets in ``text`` to code-point offsets."""
    if all(ord(c) < 0x10000 for c in text) if len(text) < 64 else len(text.encode("utf-16-le")) == 2 * len(text):
        return lambda offset: offset
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) >= 0x10000:
            table.append(i)  # the low surrogate maps to the same character
    table.append(len(text))

    def convert(offset: int) -> int:
        return table[offset] if 0 <= offset < len(table) else len(text)

    return convert
