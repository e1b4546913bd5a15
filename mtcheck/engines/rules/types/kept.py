"""``type: kept``: what the source has, the target keeps. Runs on bilingual segments only (a bitext line, a
line-aligned pair); target-only documents are not touched.

``kind``:
- ``numbers``: every number of the source (``min_digits`` digits or more) is in the target, compared by its
  digits alone, so "3.500" and "3,500", "2,5" and "2.5" are the same number in two locales. A target number that
  matches none is flagged against the missing one ("205" for "250"); with no such number, the segment is.
- ``urls``: URLs and e-mail addresses stand in the target as in the source.
- ``placeholders``: printf (``%s``, ``%1$d``, ``%(name)s``) and brace (``{name}``, ``{0}``) placeholders.
- ``end-marks``: a source that ends in a question or exclamation mark is not answered by a target that ends in
  a full stop, unless the target's last clause holds a word of ``words`` (per target language): the question
  became an indirect one ("..., ob es stimmt.").
- ``pairs``: round brackets and quotations of the source (any style: ``()``, ``（）``, ``“”``, ``„“``, ``«»``,
  ``「」``) are in the target: fewer pairs there means a parenthesis or a quotation lost its marks. More pairs
  are not flagged (translations add them to explain). Square brackets (editorial insertions) are not counted;
  on pages (aligned Markdown, HTML), where a translator of running prose may drop scare quotes, only brackets
  are. A Chinese or Japanese source also quotes names, titles and coined terms that English capitalises; there
  only quoted speech is asked for (after a colon or a verb of saying, or a whole sentence quoted).
- ``dashes``: a dash of the source (``—``, ``——``, ``–``, ``--``, a spaced hyphen) that the target writes as a
  bare hyphen joining two words ("the river-it floods"), the trace of a detokeniser that glued the dash to its
  neighbours. Only where the target has fewer dashes than its source, and only hyphenated pairs standing where
  an unmatched source dash stands (relative position within the segment, ``max_shift``), at most one per missing
  dash, nearest first; a hyphenated word the same document also writes where no dash is missing is a compound
  ("three-dimensional") and is never flagged.
- ``acronyms``: a pronoun of the source that the target writes as an acronym ("It rains" → "IT regnet", "Who
  knows" → "WHO weiß"), MT reading a word as the name it spells. The words are listed per source language
  (``words``); a target written in capitals throughout, and an acronym the source writes too, are
  left alone.
- ``names``: names, brands and code the translation must keep as written: Latin-script words in a source
  of another script (iPhone, TED, Python in a Chinese sentence), and identifiers in any source (``useState``,
  ``max_width``, ``React.memo``, ``H2O``). Capitalised words, product names and acronyms of Latin-script sources
  are not asked for: translations localise them (Greece → Griechenland, DevTools → herramientas de desarrollo,
  UN → ONU). Diacritics and case aside.
- ``markup``: the inline codes of the source (XLIFF/TMX tags by name and id, inline code, template macros by
  name) are all in the target, and the target adds none. Runs where the reader knows the source's codes.

The target's raw text (the file's characters, tags blanked) is compared, so markup that reads as a placeholder
word is still seen as written."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable

from mtcheck.document import Document
from mtcheck.document.words import other_script
from mtcheck.engines.rules.rule import Rule, RuleContext, RuleMatch
from mtcheck.engines.rules.types.spec import for_language, need, per_language
from mtcheck.errors import RuleError

#: A number; a unit or an ordinal suffix may follow it directly ("10,000m", "12th", "1940s"), another digit or a
#: letter may not precede it ("C1", "H2O"), except a letter of a script written without spaces ("有25万").
NUMBER = re.compile(r"(?<![.,])(?<![^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
                    r"\d+(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d+)?(?![\d])(?![.,]\d)")
URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: printf placeholders (never "% din", "% de": a conversion is not followed by a letter, and a space flag is too
#: rare to tell from prose) and brace placeholders.
PLACEHOLDER = re.compile(r"(?<![\d%])%(?:\d+\$)?(?:\([\w.]+\))?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcr@](?![A-Za-z])"
                         r"|\{\{?[\w.]*\}?\}")
QUESTION_MARKS = "?？¿؟"
EXCLAMATION_MARKS = "!！¡"
CLOSERS = "\"'”’»«“‘)]}）」』*_ "
#: Inline code that reads as words (letters, spaces, hyphens): `estado`, `método render`.
_PLAIN_CODE = re.compile(r"^`+\s*[^\W\d_]+(?:[\s-][^\W\d_]+)*\s*:?\s*`+$")
OPEN_BRACKETS = re.compile(r"[(（]")
QUOTE_MARKS = re.compile(r"[\"“”„«»「」『』]")
KINDS = ("numbers", "urls", "placeholders", "end-marks", "markup", "names", "pairs", "dashes", "acronyms")
#: A word in Latin letters, never part of a longer one ("ns" of "însă", "i2008" of "și2008")
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9\u00c0-\u024f])[A-Za-z][A-Za-z0-9]*(?:[.'’_-][A-Za-z0-9]+)*"
                        r"(?![A-Za-z0-9\u00c0-\u024f])")
#: A word, and a word in capitals only (an acronym), in any script
_WORD = re.compile(r"[^\W\d_]+")
_CAPITALS = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?![^\W\d_])")
#: A dash between clauses, in any style: an em dash (one or a run: "——"), two or more hyphens, a full-width
#: hyphen, or an en dash or a hyphen with white space on at least one side ("a – b", "a - b", "近- 4") or beside
#: Chinese or Japanese. A hyphen inside a word is not one, nor a suspended one ("pre- and post-war"), nor an en
#: dash between words or numbers without spaces: a range or a pair ("2010–2015", "Michelson–Morley").
_CJK = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
DASH = re.compile(r"[\u2014\u2e3a\u2e3b]+|--+|[\uff0d\ufe63]"
                  rf"|(?<=\s)[-\u2013\u2015]|(?<![^\W\d_])[-\u2013\u2015](?=\s)|[\u2013\u2015](?=\s)"
                  r"|(?<=[^\W\d_])-(?=\s)(?!\s+\w{1,5}\s)"
                  rf"|(?<=[{_CJK}])[\u2013\u2015]|[\u2013\u2015](?=[{_CJK}])")
#: Two words joined by one bare hyphen, not part of a longer chain ("state-of-the-art") and not after an
#: apostrophe ("don't-"): the second may be a number ("closer-40000").
HYPHENATED = re.compile(r"(?<![\w'’\-])([^\W\d_]+)-([^\W\d_]+|\d+)(?![\w\-])")


#: A quotation in Chinese or Japanese; what stands before it and whether it holds a sentence tell speech from a term.
_CJK_QUOTE = re.compile(r"“[^“”]*”|「[^「」]*」|『[^『』]*』|\"[^\"]*\"")
_SPEECH_BEFORE = re.compile(r"(?:[：:]|(?:说|道|问|曰|称|表示|写道|喊道|回答|って|と言)[，,：:]?)\s*$")
_SENTENCE_INSIDE = re.compile(r"[。！？!?…][”」』]$")


def _quoted_speech(source: str) -> int:
    """Quotations of a Chinese or Japanese source that quote what someone said or wrote (after a colon or a verb
    of saying, or holding a whole sentence). The same marks also set off names, titles and coined terms
    (“世界价值观调查”), which English writes capitalised or plain: those are not asked for in the translation."""
    return sum(1 for m in _CJK_QUOTE.finditer(source)
               if _SPEECH_BEFORE.search(source, 0, m.start()) or _SENTENCE_INSIDE.search(m.group()))


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _spelled(number: str, language: str | None, limit: int = 7) -> list[str]:
    """The number written out in the target language (num2words), lower case: "10" → "zehn" in German."""
    if not language or len(number) > limit:
        return []
    try:
        from num2words import num2words

        return [num2words(int(number), lang=language.split("-")[0]).lower()]
    except (ImportError, NotImplementedError, ValueError, TypeError, OverflowError, KeyError):
        return []


#: Multipliers written after a number in Chinese and Japanese: 25万 = 250,000, 140亿 = 14 billion.
CJK_SCALE = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 10**3}
#: Scale words after a number in a target: "14 billion", "2,5 Millionen".
SCALE_WORDS = re.compile(r"\s*(thousand|million|billion|trillion|tausend|millionen|million|milliarden|milliarde|"
                         r"mil millones|millones|millón|mil|milliards?|millions?)\b", re.I)
SCALE_VALUES = {"thousand": 10**3, "tausend": 10**3, "mil": 10**3, "million": 10**6, "millionen": 10**6,
                "millones": 10**6, "millón": 10**6, "millions": 10**6, "billion": 10**9, "milliarde": 10**9,
                "milliarden": 10**9, "mil millones": 10**9, "milliard": 10**9, "milliards": 10**9, "trillion": 10**12}


def _value(number: str) -> float | None:
    """The value of a number as written in either locale ("3.500" → 3500, "2,5" → 2.5, "250000" → 250000)."""
    text = number.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    groups = re.split(r"[.,]", text)
    try:
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups))  # thousands separators
        if len(groups) == 2:
            return float(f"{groups[0]}.{groups[1]}")  # a decimal mark
        return float(text)
    except ValueError:
        return None


def _target_values(target: str) -> set[float]:
    """Every number of the target by value, times a scale word after it ("14 billion")."""
    out = set()
    for m in NUMBER.finditer(target):
        value = _value(m.group())
        if value is None:
            continue
        out.add(value)
        scale = SCALE_WORDS.match(target, m.end())
        if scale:
            out.add(value * SCALE_VALUES.get(scale.group(1).lower(), 1))
    return out


def _scaled_kept(source: str, m: re.Match, values: set[float], lowered: str, language: str | None) -> bool:
    """A number with a Chinese or Japanese multiplier (25万) is kept when the target has its value, in digits
    ("250,000"), with a scale word ("14 billion") or written out ("fourteen billion")."""
    mult = CJK_SCALE.get(source[m.end() : m.end() + 1])
    value = _value(m.group())
    if mult is None or value is None:
        return False
    total = value * mult
    if any(abs(v - total) < 0.5 for v in values):
        return True
    if total.is_integer():
        return any(w in lowered for w in _spelled(str(int(total)), language, limit=13))
    return False


def _identifier(word: str) -> bool:
    """Code a translation keeps: camelCase starting in lower case, snake_case, dotted names, words with digits
    ("useState", "max_width", "React.memo", "H2O", "v2"). Product names (DevTools, GitHub) are sometimes
    localised, acronyms often (UN → ONU): not asked for in a Latin-script source."""
    return bool(re.fullmatch(r"[a-z]+[A-Z0-9][A-Za-z0-9]*|[A-Za-z0-9]+(?:[_.][A-Za-z0-9]+)+|[A-Za-z]+\d+[A-Za-z0-9]*",
                             word))


def _scaled(digits: str, present: set[str]) -> bool:
    """The same number in another shape: "20" (tuhande, thousand) written "20 000", "'90" written "1990s"."""
    if any(d.startswith(digits) and set(d[len(digits):]) == {"0"} and (len(d) - len(digits)) % 3 == 0
           for d in present):
        return True
    return len(digits) == 2 and any(len(d) == 4 and d.endswith(digits) and d[:2] in ("19", "20") for d in present)


def _spaced_list(source: str, digits: str, target: str) -> bool:
    """"[1,1]" in the source is a list of two numbers where the target writes "[1, 1]": the same numbers."""
    for m in NUMBER.finditer(source):
        if _digits(m.group()) == digits and re.search(r"\d[.,]\d", m.group()):
            parts = re.split(r"[.,]", m.group())
            if re.search(r"(?<![\d.,])" + r"\s*[.,;]\s+".join(map(re.escape, parts)) + r"(?![\d])", target):
                return True
    return False


class KeptRule(Rule):
    TYPE = "kept"
    SEGMENT_LEVEL = True
    KEYS = frozenset({"kind", "min_digits", "convertible_units", "max_shift", "dash", "words"})

    def configure(self, spec: dict[str, Any]) -> None:
        self.kind = need(self, spec, "kind", str)
        if self.kind not in KINDS:
            raise RuleError(f"kind must be one of {', '.join(KINDS)}", path=self.path, rule=self.id)
        self.max_shift = need(self, spec, "max_shift", (int, float), 0.15)
        if not 0 < self.max_shift <= 1:
            raise RuleError("'max_shift' is a share of the segment's length, above 0 and at most 1",
                            path=self.path, rule=self.id)
        self.words = per_language(self, spec, "words")
        dash = need(self, spec, "dash", (str, dict), " – ")
        self.dash = dash if isinstance(dash, dict) else {"*": dash}
        if not all(isinstance(v, str) and v.strip() for v in self.dash.values()):
            raise RuleError("'dash' is the dash to suggest: a string, or a mapping of language to string",
                            path=self.path, rule=self.id)
        self.min_digits = need(self, spec, "min_digits", int, 2)
        units = need(self, spec, "convertible_units", list, [])
        if not all(isinstance(u, str) and u for u in units):
            raise RuleError("'convertible_units' is a list of unit words", path=self.path, rule=self.id)
        # a number with one of these units after it is converted, not kept ("120 feet" → "40 Meter")
        self.units = re.compile(r"\s*(?:" + "|".join(re.escape(u) for u in units) + r")\b", re.I) if units else None

    def find(self, doc: Document, ctx: RuleContext) -> Iterable[RuleMatch]:
        # every code of the source page: a page's "translated" code must be found nowhere in it
        page_codes = {k for sg in doc.segments for k in (sg.source_codes or ())} if self.kind == "markup" else set()
        if not doc.bilingual:
            return
        if self.kind == "dashes":
            yield from self._dashes(doc)
            return
        if self.kind == "acronyms":
            yield from self._acronyms(doc)
            return
        for seg in doc.segments:
            if seg.source is None or not seg.source.strip():
                continue
            if self.kind == "markup":
                yield from self._markup(doc, seg, page_codes)
                continue
            fstart, target = doc.raw_segment(seg)
            problems = self._pairs(seg.source, target, doc.segments_are_units, doc.source_language) \
                if self.kind == "pairs" else \
                self._problems(seg.source, target, doc.language)
            for start, end, values, suggestions in problems:
                # back from the file to the checked text: a URL or macro read as a placeholder word is covered whole
                s = max(seg.start, doc.from_file(fstart + start))
                e = min(seg.end, doc.from_file(fstart + end, end=True))
                yield RuleMatch(s, max(e, s), tuple(suggestions), values)

    def _markup(self, doc: Document, seg, page_codes: set[str]) -> Iterable[RuleMatch]:
        """In translation units (XLIFF, TMX) every code counts: one lost or added breaks the merge back. On
        aligned pages, where translators legitimately drop or add a code span while rephrasing, only code that
        was translated is reported: a code span of plain words that the source page never has, in a block that
        lost one of its source's code spans (`state` → `estado`)."""
        if seg.source_codes is None:
            return
        present = doc.segment_codes(seg)
        wanted = Counter(seg.source_codes)
        have = Counter(k for _, _, k in present)
        surplus = have - wanted
        dedup = []
        for a, b, key in present:  # each surplus key as often as it is surplus, first occurrences first
            if surplus[key] > 0:
                surplus[key] -= 1
                dedup.append((a, b, key))
        missing = list((wanted - have).elements())
        strict = doc.segments_are_units
        for index, (a, b, key) in enumerate(dedup):
            if strict:
                detail = (f"Inline code {key} stands where the source has {missing[index]}."
                          if index < len(missing) else f"Inline code {key} is not in the source.")
            else:
                # a page: only code that reads as translated words, found nowhere in the source page's code,
                # in a block whose source lost a code (`state` → `estado`)
                if not missing or key in page_codes or not _PLAIN_CODE.match(key):
                    continue
                lost = next((m for m in missing if _PLAIN_CODE.match(m)), missing[0])
                detail = f"Inline code {key} stands where the source has {lost}: translated code?"
                missing = [lost] + [m for m in missing if m != lost]
            s, e = doc.from_file(a), doc.from_file(b, end=True)
            yield RuleMatch(s, e if e > s else s + 1, (), {"match": doc.file_text[a:b], "code": key,
                                                           "detail": detail,
                                                           "focus": missing[0] if missing else ""})
        if strict:
            for key in missing[len(dedup):]:
                yield RuleMatch(seg.start, seg.end, (), {"match": doc.text[seg.start:seg.end], "code": key,
                                                         "detail": f"The source's inline code {key} is missing here."})

    def _dashes(self, doc: Document) -> Iterable[RuleMatch]:
        """Hyphenated pairs standing where a source dash went missing; see the module's ``dashes``."""
        lang = (doc.language or "").split("-")[0]
        dash = self.dash.get(lang, self.dash.get("*", " – "))
        candidates = []  # (segment, hyphenated pair in its text, the source dash it stands for)
        compounds = set()  # hyphenated words the document writes where no dash is missing
        for seg in doc.segments:
            target = doc.text[seg.start:seg.end]
            pairs = list(HYPHENATED.finditer(target))
            if not pairs:
                continue
            if seg.source is None or not seg.source.strip():
                compounds.update(m.group().lower() for m in pairs)
                continue
            # each source dash at its relative place in the segment; each dash of the target answers the nearest
            wanted = [((m.start() + m.end()) / 2 / len(seg.source), m) for m in DASH.finditer(seg.source)]
            for m in DASH.finditer(target):
                if not wanted:
                    break
                here = (m.start() + m.end()) / 2 / len(target)
                wanted.remove(min(wanted, key=lambda w: abs(w[0] - here)))
            if not wanted:
                compounds.update(m.group().lower() for m in pairs)
                continue
            near = []
            for m in pairs:
                here = (m.start() + m.end()) / 2 / len(target)
                shift, dash_m = min(((abs(here - w), d) for w, d in wanted), key=lambda item: item[0])
                if shift < self.max_shift:
                    near.append((shift, m, dash_m))
                else:
                    compounds.add(m.group().lower())
            near.sort(key=lambda item: item[0])
            compounds.update(m.group().lower() for _, m, _ in near[len(wanted):])
            candidates += [(seg, m, d) for _, m, d in near[: len(wanted)]]
        for seg, m, d in candidates:
            if m.group().lower() in compounds:
                continue
            left, right = m.group(1), m.group(2)
            yield RuleMatch(seg.start + m.start(), seg.start + m.end(), (f"{left}{dash}{right}",),
                            {"match": m.group(), "left": left, "right": right, "source": d.group(),
                             "source_at": f"{d.start()}:{d.end()}", "suggestion": f"{left}{dash}{right}"})

    def _acronyms(self, doc: Document) -> Iterable[RuleMatch]:
        """Pronouns of the source written as acronyms in the target; see the module's ``acronyms``."""
        words = {w.lower() for w in for_language(self.words, doc.source_language)}
        if not words:
            return
        for seg in doc.segments:
            if seg.source is None or not seg.source.strip():
                continue
            target = doc.text[seg.start:seg.end]
            letters = [ch for ch in target if ch.isalpha()]
            if not letters or sum(ch.isupper() for ch in letters) > len(letters) / 2:
                continue  # a heading or a line in capitals throughout
            in_source = dict.fromkeys(m.group() for m in _WORD.finditer(seg.source))  # in order: the first is named
            for m in _CAPITALS.finditer(target):
                word = m.group()
                if not word.isupper() or word.lower() not in words or word in in_source:
                    continue
                said = next((w for w in in_source if w.lower() == word.lower()), None)
                if said is None:
                    continue
                yield RuleMatch(seg.start + m.start(), seg.start + m.end(), (),
                                {"match": word, "source": said})

    def _names(self, source: str, target: str):
        from mtcheck.engines.rules.types.glossary import fold

        foreign = other_script(source)  # a Latin-script word of a Chinese source is a name
        skip = [(m.start(), m.end()) for p in (URL, PLACEHOLDER) for m in p.finditer(source)]
        folded = fold(target).lower()
        seen = set()
        missing = []
        for m in LATIN_WORD.finditer(source):
            word = m.group().strip(".'’_-")
            if len(word) < 2 or word.lower() in seen or any(a <= m.start() < b for a, b in skip):
                continue
            if "." in word and all(len(part) <= 2 for part in word.split(".")):
                continue  # abbreviations: e.g., i.e., U.S.
            if not foreign and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", word):
                continue  # "every-home-should-have-one", "ns": plain words and units are translated or converted
            if not (foreign or _identifier(word)):
                continue
            seen.add(word.lower())
            if fold(word).lower() not in folded:
                missing.append(word)
        if missing:  # one finding for the segment, naming every missing name
            yield 0, len(target), {"match": target, "source": "', '".join(missing), "focus": missing[0]}, []

    def _pairs(self, source: str, target: str, units: bool = True, source_language: str | None = None):
        kinds = ((OPEN_BRACKETS, "bracket", 1), (QUOTE_MARKS, "quotation mark", 2)) if units else \
            ((OPEN_BRACKETS, "bracket", 1),)
        cjk = (source_language or "").split("-")[0] in ("zh", "ja")
        for pattern, name, per_pair in kinds:
            if cjk and name == "quotation mark":
                wanted = _quoted_speech(source)  # Chinese and Japanese also quote names and terms: not asked for
            else:
                wanted = len(pattern.findall(source)) // per_pair
            have = len(pattern.findall(target)) // per_pair
            if wanted > have:
                yield 0, len(target), {"match": target, "source": f"{wanted} pair(s) of {name}s",
                                       "mark": name, "count": str(wanted - have)}, []

    def _problems(self, source: str, target: str, language: str | None = None):
        if self.kind == "names":
            yield from self._names(source, target)
            return
        if self.kind == "numbers":
            yield from self._numbers(source, target, language)
        elif self.kind in ("urls", "placeholders"):
            pattern = URL if self.kind == "urls" else PLACEHOLDER
            wanted = Counter(m.group().rstrip(".,;:") for m in pattern.finditer(source))
            present = [(m.start(), m.start() + len(m.group().rstrip(".,;:")), m.group().rstrip(".,;:"))
                       for m in pattern.finditer(target)]
            have = Counter(text for _, _, text in present)
            missing = list((wanted - have).elements())
            extra = [p for p in present if (have - wanted)[p[2]] > 0]
            for item in missing:
                if extra:
                    s, e, text = extra.pop(0)
                    yield s, e, {"match": text, "source": item}, [item]
                else:
                    yield 0, len(target), {"match": target, "source": item}, []
        else:
            yield from self._end_marks(source, target, language)

    def _numbers(self, source: str, target: str, language: str | None):
        lowered = target.lower()
        values = _target_values(target)
        wanted: Counter = Counter()
        for m in NUMBER.finditer(source):
            if len(_digits(m.group())) < self.min_digits or (self.units and self.units.match(source, m.end())):
                continue
            if source[m.end() : m.end() + 1] in CJK_SCALE:  # 25万: compared by value, not by digits
                if not _scaled_kept(source, m, values, lowered, language):
                    shown = m.group() + source[m.end()]
                    near = [t for t in NUMBER.finditer(target) if _digits(t.group()) == _digits(m.group())]
                    if near:
                        yield near[0].start(), near[0].end(), {"match": near[0].group(), "source": shown}, []
                    else:
                        yield 0, len(target), {"match": target, "source": shown}, []
                continue
            wanted[_digits(m.group())] += 1
        found = [(m.start(), m.end(), _digits(m.group())) for m in NUMBER.finditer(target)]
        have = Counter(d for _, _, d in found if len(d) >= self.min_digits)
        # a number written out in the target is kept ("10 times" → "zehnmal")
        present = {d for _, _, d in found}
        missing = [n for n in (wanted - have).elements() if not any(w in lowered for w in _spelled(n, language))
                   and not _spaced_list(source, n, target) and not _scaled(n, present)]
        spare = [(s, e, d) for s, e, d in found if len(d) >= self.min_digits and (have - wanted)[d] > 0]
        for number in missing:
            shown = next(m.group() for m in NUMBER.finditer(source) if _digits(m.group()) == number)
            if spare:
                s, e, _ = spare.pop(0)
                yield s, e, {"match": target[s:e], "source": shown}, []
            else:
                yield 0, len(target), {"match": target, "source": shown}, []

    def _end_marks(self, source: str, target: str, language: str | None = None):
        src_end = source.rstrip(CLOSERS)[-1:]
        body = target.rstrip(CLOSERS)
        tgt_end = body[-1:]
        if src_end and src_end in QUESTION_MARKS and tgt_end == ".":
            # "We must ask: is it true?" → "Wir müssen fragen, ob es stimmt.": the question became an indirect one
            last = re.findall(r"\w+", re.split(r"[,;:]", body)[-1].lower())
            if {w.lower() for w in for_language(self.words, language)}.intersection(last):
                return
        for marks, name in ((QUESTION_MARKS, "question mark"), (EXCLAMATION_MARKS, "exclamation mark")):
            if src_end and src_end in marks and tgt_end == "." and not body.endswith(".."):
                yield len(body) - 1, len(body), {"match": tgt_end, "source": src_end, "mark": name}, [marks[0]]
