"""Translation files: XLIFF 1.2 and 2.x, PO/POT and TMX, parsed by translate-toolkit.

translate-toolkit parses the file and gives each unit's source and target, the languages and, for the XML
formats, the line where each unit starts. Positions must be in the file, which a parsed tree does not give, so
each target is then located in the file text: the unit's ``<target>`` (XLIFF), its target-language ``<seg>``
(TMX) or its ``msgstr`` strings (PO), in the order translate-toolkit gives them. Inside a target:

- text is prose, character for character; entities (``&amp;``) and PO escapes (``\\"``) are read as what they
  stand for, at the place they are written;
- a standalone inline code (``<x/>``, ``<ph>…</ph>``, XLIFF 2 ``<ph/>``) reads as one placeholder word;
- paired codes (``<g>``, ``<pc>``, ``<bpt>``/``<ept>``, ``<mrk>``, ``<sc/>``/``<ec/>``) are markup around
  prose: not read, and no finding may cover them.

Each located target is compared with translate-toolkit's (white space aside); a unit that does not match is read
as one derived run over its element (findings then point at the element, not a character) and the file gets a
warning. Untranslated units (no target, or an empty one) are not checked; they are counted in a warning."""

from __future__ import annotations

import re

from mtcheck.document import Document, DocumentBuilder
from mtcheck.errors import InputError
from mtcheck.readers.syntax import ReaderOptions, token_masks

#: Codes that stand for something (a variable, an image): one placeholder word. Their content is native code.
STANDALONE = {"x", "ph", "it"}
#: Native-code elements whose content is not prose (TMX/XLIFF 1.2 ``<bpt>&lt;b&gt;</bpt>``).
NATIVE = ("bpt", "ept", "ph", "it", "sub")
XML_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>[\s\S]*?)\]\]>"
    r"|<!--[\s\S]*?-->"
    r"|<(?P<native>bpt|ept|ph|it)\b[^>]*?(?:/>|>[\s\S]*?</(?P=native)\s*>)"
    r"|<[^>]+>"
    r"|&(?:#x[0-9a-fA-F]+|#\d+|\w+);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
#: A tag's name and its id (XLIFF ``id``, TMX ``i``/``x``): what a kept-markup check compares.
_TAG = re.compile(r"<(/?)([\w:.-]+)")
_TAG_ID = re.compile(r"""\s(?:id|i|x)\s*=\s*["']([^"']*)["']""")
_WS = re.compile(r"\s+")


def code_key(raw: str) -> str | None:
    """What identifies an inline code across source and target: a tag's name and id ("<g#1>"), inline code's
    text, a template macro's name ("{{cssxref"). Closing tags and other markup: None (not compared)."""
    if raw.startswith("<"):
        m = _TAG.match(raw)
        if not m or m.group(1) or raw.startswith("<!"):
            return None
        name = m.group(2).split(":")[-1]
        ident = _TAG_ID.search(raw[: raw.find(">") + 1] if ">" in raw else raw)
        return f"<{name}#{ident.group(1) if ident else ''}>"
    if raw.startswith("`"):
        inner = raw.strip("`").strip()
        return f"`{inner}`" if inner else None
    if raw.startswith("{{"):
        m = re.match(r"\{\{\s*([\w-]+)", raw)
        return "{{" + m.group(1).lower() if m else None
    return None


def _entity(token: str) -> str:
    body = token[1:-1]
    if body.startswith("#x"):
        return chr(int(body[2:], 16))
    if body.startswith("#"):
        return chr(int(body[1:]))
    return _ENTITIES.get(body, token)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _Reader:
    """Shared by the three formats: unit bookkeeping, mapping checks and the warnings."""

    def __init__(self, builder: DocumentBuilder, options: ReaderOptions | None):
        self.b = builder
        self.src = builder.source
        builder.set_masks(token_masks(self.src, options or ReaderOptions()))
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(self.src) if ch == "\n"]
        self.unmapped = 0
        self.untranslated = 0

    def offset_of_line(self, line: int | None) -> int:
        if not line or line < 1:
            return 0
        return self.line_starts[min(line, len(self.line_starts)) - 1]

    def xml_content(self, start: int, end: int) -> tuple[list[tuple[str, int, int, str]], list[str]]:
        """Pieces (text, start, end, kind) of element content [start, end) and the codes in it; kind is
        "text", "derived", "placeholder" or "hidden"."""
        pieces: list[tuple[str, int, int, str]] = []
        codes: list[str] = []
        pos = start
        for m in XML_TOKEN.finditer(self.src, start, end):
            if m.start() > pos:
                pieces.append((self.src[pos : m.start()], pos, m.start(), "text"))
            token = m.group()
            if m.group("cdata") is not None:
                pieces.append((m.group("cdata"), m.start("cdata"), m.end("cdata"), "text"))
            elif token.startswith("&"):
                pieces.append((_entity(token), m.start(), m.end(), "derived"))
            elif token.startswith("<!--"):
                pieces.append(("", m.start(), m.end(), "hidden"))
            else:
                key = code_key(token)
                if key is not None:
                    codes.append(key)
                name = _TAG.match(token)
                standalone = name is not None and name.group(2).split(":")[-1] in STANDALONE
                pieces.append(("", m.start(), m.end(), "placeholder" if standalone else "hidden"))
            pos = m.end()
        if pos < end:
            pieces.append((self.src[pos:end], pos, end, "text"))
        return pieces, codes

    def emit(self, pieces: list[tuple[str, int, int, str]], expected: str, span: tuple[int, int],
             source: str, source_codes: tuple[str, ...] | None) -> None:
        """Add one unit's target as a segment, or one derived run over ``span`` if the pieces do not spell
        what translate-toolkit read."""
        spelled = "".join(t for t, _, _, k in pieces if k in ("text", "derived"))
        if "".join(spelled.split()) != "".join(expected.split()):  # white space aside (tags drop a space or not)
            self.unmapped += 1
            self.b.add_derived(_norm(expected), span[0], span[1])
        else:
            for text, s, e, kind in pieces:
                if kind == "text":
                    self.b.add_text(text, s)
                elif kind == "derived":
                    self.b.add_derived(text, s, e)
                elif kind == "placeholder":
                    self.b.add_placeholder(s, e)
                else:
                    self.b.add_hidden(s, e)
        self.b.end_segment("unit", source=source, source_codes=source_codes)

    def finish(self) -> Document:
        if self.untranslated:
            self.b.warnings.append(f"{self.untranslated} untranslated unit(s) not checked")
        if self.unmapped:
            self.b.warnings.append(f"{self.unmapped} unit(s) whose target could not be mapped character by "
                                   f"character; their findings point at the whole target")
        return self.b.build()


def _parse(store_class, builder: DocumentBuilder, what: str):
    data = builder.file_text.encode("utf-8")
    if what != "PO":  # the text is decoded already: the declaration must not name another encoding
        data = re.sub(rb"^(<\?xml[^>]*?)\sencoding=[\"'][^\"']*[\"']", rb"\1", data, count=1)
    try:
        return store_class.parsestring(data)
    except Exception as exc:  # translate-toolkit raises lxml, ValueError and its own errors alike
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not a valid {what} file: {reason}", path=builder.path) from None


def _lang(code) -> str | None:
    if not code or not isinstance(code, str):
        return None
    return code.strip().replace("_", "-") or None


def read_xliff(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    from translate.storage import xliff, xliff2

    version2 = re.search(r"<xliff\b[^>]*\bversion\s*=\s*[\"']2", builder.source[:4000]) is not None
    store = _parse(xliff2.Xliff2File if version2 else xliff.xlifffile, builder, "XLIFF 2" if version2 else "XLIFF")
    r = _Reader(builder, options)
    builder.language_hint = _lang(store.gettargetlanguage())
    builder.language_hint_source = "XLIFF target language"
    builder.source_language = _lang(store.getsourcelanguage())
    close = "</segment>" if version2 else "</trans-unit>"
    pos = 0
    for unit in store.units:
        if unit.isheader() if hasattr(unit, "isheader") else False:
            continue
        element = getattr(unit, "xmlelement", None)
        start = max(pos, r.offset_of_line(getattr(element, "sourceline", None)))
        unit_end = r.src.find(close, start)
        if unit_end == -1:
            unit_end = len(r.src)
        pos = unit_end
        target = unit.target
        if not target or not str(target).strip():
            r.untranslated += 1
            continue
        tgt = _element(r.src, "target", start, unit_end)
        srce = _element(r.src, "source", start, unit_end)
        if tgt is None:
            r.untranslated += 1
            continue
        codes = tuple(r.xml_content(*srce)[1]) if srce else None
        pieces, _ = r.xml_content(*tgt)
        r.emit(pieces, str(target), tgt, str(unit.source or ""), codes)
    return r.finish()


def read_tmx(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    from translate.storage import tmx

    store = _parse(tmx.tmxfile, builder, "TMX")
    r = _Reader(builder, options)
    header = re.search(r"<header\b[^>]*\bsrclang\s*=\s*[\"']([^\"']+)", r.src)
    source_lang = _lang(header.group(1)) if header else None
    if source_lang and source_lang.lower() == "*all*":
        source_lang = None
    langs = [l for l in dict.fromkeys(m.group(1) for m in re.finditer(
        r"<tuv\b[^>]*\blang\s*=\s*[\"']([^\"']+)", r.src)) if not source_lang or l.lower() != source_lang.lower()]
    if source_lang is None and langs:
        source_lang, langs = langs[0], langs[1:]
    if not langs:
        raise InputError("no target language in this TMX file (every <tuv> is in the source language)",
                         path=builder.path)
    target_lang = langs[0]
    if len(langs) > 1:
        builder.warnings.append(f"TMX with several target languages ({', '.join(langs)}): only "
                                f"{target_lang} is checked")
    builder.language_hint, builder.language_hint_source = _lang(target_lang), "TMX <tuv xml:lang>"
    builder.source_language = source_lang
    pos = 0
    for unit in store.units:
        element = getattr(unit, "xmlelement", None)
        start = max(pos, r.offset_of_line(getattr(element, "sourceline", None)))
        tu_end = r.src.find("</tu>", start)
        if tu_end == -1:
            tu_end = len(r.src)
        pos = tu_end
        segs = {}
        for tuv in re.finditer(r"<tuv\b[^>]*\blang\s*=\s*[\"']([^\"']+)[\"'][^>]*>", r.src[start:tu_end]):
            at = start + tuv.end()
            seg = _element(r.src, "seg", at, tu_end)
            if seg is not None:
                segs.setdefault(tuv.group(1).lower(), seg)
        tgt = segs.get(target_lang.lower())
        srce = segs.get(source_lang.lower()) if source_lang else None
        if tgt is None or srce is None:
            r.untranslated += 1
            continue
        pieces, _ = r.xml_content(*tgt)
        spieces, scodes = r.xml_content(*srce)
        expected = "".join(t for t, _, _, k in pieces if k in ("text", "derived"))
        if not expected.strip():
            r.untranslated += 1
            continue
        source = _norm("".join(t for t, _, _, k in spieces if k in ("text", "derived")))
        # translate-toolkit keeps the native code of <bpt>; the located text is compared with its prose only
        r.emit(pieces, expected, tgt, source, tuple(scodes))
    return r.finish()


def _element(src: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """Content span of the first <name …>…</name> in src[start:end] (an empty element: an empty span)."""
    m = re.compile(rf"<(?:[\w.-]+:)?{name}\b[^>]*?(/?)>").search(src, start, end)
    if m is None:
        return None
    if m.group(1):
        return m.end(), m.end()
    close = re.compile(rf"</(?:[\w.-]+:)?{name}\s*>").search(src, m.end(), end)
    return (m.end(), close.start()) if close else None


# -- PO -------------------------------------------------------------------------------------------------------
_PO_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_PO_ESCAPE = re.compile(r"\\(.)")
_PO_ESCAPES = {"n": " ", "t": "\t", '"': '"', "\\": "\\", "r": "", "a": "", "b": "", "f": "", "v": ""}


def _po_blocks(src: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """(keyword, content spans of its strings) for every msgid/msgid_plural/msgstr/msgstr[N] of live entries."""
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    pos = 0
    for line in src.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.lstrip()
        lead = start + len(line) - len(stripped)
        m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*", stripped)
        if m:
            blocks.append((m.group(1), []))
            rest = lead + m.end()
        elif stripped.startswith('"') and blocks:
            rest = lead
        else:
            continue
        for s in _PO_STRING.finditer(src, rest, start + len(line)):
            blocks[-1][1].append((s.start(1), s.end(1)))
    return blocks


def read_po(builder: DocumentBuilder, options: ReaderOptions | None = None) -> Document:
    from translate.storage import po

    store = _parse(po.pofile, builder, "PO")
    r = _Reader(builder, options)
    builder.language_hint, builder.language_hint_source = _lang(store.gettargetlanguage()), "PO Language header"
    builder.source_language = _lang(store.getsourcelanguage())
    blocks = _po_blocks(r.src)
    # group the blocks into entries: an entry starts at msgctxt, or at msgid when no msgctxt came just before
    entries: list[dict[str, list[list[tuple[int, int]]]]] = []
    for keyword, spans in blocks:
        if keyword == "msgctxt" or (keyword == "msgid" and not (entries and list(entries[-1]) == ["msgctxt"])):
            entries.append({})
        entries[-1].setdefault(keyword.split("[")[0], []).append(spans)
    units = [u for u in store.units if not u.isobsolete()]
    live = [(u, e) for u, e in zip(units, entries)]
    if len(units) != len(entries):
        builder.warnings.append(f"translate-toolkit read {len(units)} entries and the file shows {len(entries)}; "
                                f"positions may be approximate")
    for unit, entry in live:
        if unit.isheader():
            continue
        targets = list(getattr(unit.target, "strings", None) or [unit.target or ""])
        sources = list(getattr(unit.source, "strings", None) or [unit.source or ""])
        for n, spans in enumerate(entry.get("msgstr", [])):
            expected = targets[n] if n < len(targets) else ""
            if not expected or not expected.strip():
                r.untranslated += 1
                continue
            pieces: list[tuple[str, int, int, str]] = []
            for a, b in spans:
                pos = a
                for m in _PO_ESCAPE.finditer(r.src, a, b):
                    if m.start() > pos:
                        pieces.append((r.src[pos : m.start()], pos, m.start(), "text"))
                    pieces.append((_PO_ESCAPES.get(m.group(1), m.group(1)), m.start(), m.end(), "derived"))
                    pos = m.end()
                if pos < b:
                    pieces.append((r.src[pos:b], pos, b, "text"))
            span = (spans[0][0], spans[-1][1]) if spans else (0, 0)
            source = sources[min(n, len(sources) - 1)] if sources else ""
            r.emit(pieces, expected.replace("\n", " "), span, str(source), None)
    return r.finish()
