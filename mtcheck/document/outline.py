"""The document as blocks in file order, for showing it rendered: prose segments (heading, paragraph, list
item, table cell) made of pieces (prose as in the file, derived text, placeholders) and code blocks. Every piece
keeps its file span, so findings (file offsets) highlight in place."""

from __future__ import annotations

from mtcheck.document.model import Document


def outline(doc: Document) -> list[dict]:
    """[{"kind": "heading"|"paragraph"|"item"|"cell"|"code", "start", "end", "pieces": [[fs, fe, type, text]],
    "source": the source segment or None}].
    A piece's type is "text" (the file's own characters), "derived" (text the file spells differently) or
    "code" (a placeholder: the construct as written in the file)."""
    blocks: list[dict] = []
    runs = doc.runs
    i = 0
    for seg in doc.segments:
        while i < len(runs) and runs[i].text_end <= seg.start:
            i += 1
        pieces = []
        j = i
        while j < len(runs) and runs[j].text_start < seg.end:
            r = runs[j]
            lo, hi = max(r.text_start, seg.start), min(r.text_end, seg.end)
            if r.placeholder:
                pieces.append([r.file_start, r.file_end, "code", _construct(doc.file_text[r.file_start : r.file_end])])
            elif r.literal:
                fs = r.file_start + (lo - r.text_start)
                pieces.append([fs, fs + (hi - lo), "text", doc.file_text[fs : fs + (hi - lo)]])
            else:
                pieces.append([r.file_start, r.file_end, "derived", doc.text[lo:hi]])
            j += 1
        if pieces:
            blocks.append({"kind": seg.kind, "start": pieces[0][0], "end": pieces[-1][1], "pieces": pieces,
                           "source": seg.source})
    for start, end in doc.code_blocks:
        blocks.append({"kind": "code", "start": start, "end": end, "pieces": [[start, end, "block", doc.file_text[start:end]]]})
    blocks.sort(key=lambda b: b["start"])
    return blocks


def _construct(raw: str) -> str:
    """What a placeholder shows: inline code without its backticks, anything else as written."""
    stripped = raw.strip("`")
    if raw.startswith("`") and stripped:
        return stripped.strip() if stripped.startswith(" ") and stripped.endswith(" ") else stripped
    return raw
