"""Plain text: paragraphs are lines; a line runs on into the next only when it is visibly cut mid-sentence."""

from __future__ import annotations

from mtcheck.document import Document, DocumentBuilder
from mtcheck.readers.syntax import ReaderOptions, token_masks

_FINAL = tuple(".!?…:;\"”»’)]")


def _is_headline(line: str) -> bool:
    return not line.rstrip().endswith(_FINAL)


def read_text(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    """Each non-empty line is a segment, except that a line not ending in final punctuation is joined to a
    following line that starts in lower case (hard-wrapped prose). A line with no final punctuation that stands
    alone is a headline: prose, checked, but never expected to end with a full stop."""
    src = builder.source
    builder.set_masks(token_masks(src, options or ReaderOptions()))
    pos = 0
    pending = False  # is a segment open?
    open_kind = "paragraph"
    lines = src.split("\n")
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        body = line.strip()
        if not body:
            if pending:
                builder.end_segment(open_kind)
                pending = False
            continue
        lead = len(line) - len(line.lstrip())
        if pending:
            # join: the line break (and indentation) becomes one space
            builder.add_derived(" ", start - 1, start + lead)
        builder.add_text(body, start + lead)
        pending = True
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        headline = _is_headline(body)
        if not (nxt and headline and nxt[0].islower()):  # the line does not run on
            open_kind = "headline" if headline else "paragraph"
            builder.end_segment(open_kind)
            pending = False
    return builder.build()
