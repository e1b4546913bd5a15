#!/usr/bin/env python3
"""How long must a sentence be before the untranslated-sentence rule's verdict can fail a gate?

The rule flags a sentence when lingua gives another language at least ``min_confidence`` and the document's own
language at most ``max_own_confidence``. This measures, per sentence length in words (technical words excluded,
as the rule counts them), on real text of ../shared/devdata:
  - false alarms: sentences that ARE in the document's language (English MT output of zh→en, German MT output
    of en→de) that the criterion would flag;
  - detections: sentences in another language (the English sources of en→de, read as if left untranslated in
    a German document; the German MT output read in an English document).
The length from which false alarms vanish while detection stays high is where the rule may be major
(``major_words`` in rules/common/untranslated-sentence.yml); shorter sentences stay minor.

    python bench/untranslated_length.py           # by length, at the rule's thresholds
    python bench/untranslated_length.py --short   # sentences of 6-9 words at stricter thresholds
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from mtcheck import langid
from mtcheck.document.words import looks_technical
from mtcheck.engines.rules.rule import WORD

DEVDATA = Path(__file__).resolve().parents[2] / "shared" / "devdata"
MIN_CONF, MAX_OWN = 0.97, 0.01
BUCKETS = [(3, 5), (6, 7), (8, 9), (10, 12), (13, 16), (17, 10_000)]


def lines(pattern: str, limit: int = 6000) -> list[str]:
    out: list[str] = []
    for path in sorted(DEVDATA.glob(pattern)):
        out += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(out))[:limit]


def words(sentence: str) -> int:
    return sum(1 for m in WORD.finditer(sentence) if len(m.group()) > 1 and not looks_technical(m.group()))


def flagged(sentences: list[str], own: str) -> list[bool]:
    results = langid.confidences_many(sentences)
    out = []
    for conf in results:
        best = max(conf.items(), key=lambda kv: kv[1], default=(None, 0.0))
        out.append(conf.get(own, 0.0) <= MAX_OWN and best[0] != own and best[1] >= MIN_CONF)
    return out


def table(title: str, sentences: list[str], own: str) -> None:
    hits: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for s, flag in zip(sentences, flagged(sentences, own)):
        n = words(s)
        for lo, hi in BUCKETS:
            if lo <= n <= hi:
                hits[(lo, hi)][0] += flag
                hits[(lo, hi)][1] += 1
    print(f"\n{title}")
    print("| words | sentences | flagged | rate |")
    print("|---|---|---|---|")
    for lo, hi in BUCKETS:
        f, n = hits[(lo, hi)]
        label = f"{lo}-{hi}" if hi < 10_000 else f"{lo}+"
        print(f"| {label} | {n} | {f} | {100 * f / n if n else 0:.2f}% |")


def doc_sentences(folder: Path, limit: int = 6000) -> list[str]:
    """Sentences of real edited documentation, read as mtcheck reads them (placeholders and technical words out)."""
    from mtcheck.document.sentences import sentence_spans
    from mtcheck.readers import read_document

    out: list[str] = []
    for path in sorted(folder.rglob("*.md")):
        doc = read_document(str(path))
        for seg in doc.segments:
            for s, e in sentence_spans(doc.text[seg.start : seg.end], "en"):
                prose = doc.prose(seg.start + s, seg.start + e)
                kept = " ".join(m.group() for m in WORD.finditer(prose) if not looks_technical(m.group()))
                if kept:
                    out.append(kept)
    return list(dict.fromkeys(out))[:limit]


def short_thresholds() -> None:
    """For sentences of 6-9 words: false alarms and detections at stricter confidence thresholds."""
    docs = DEVDATA.parent / "realdocs"
    short = lambda xs: [x for x in xs if 6 <= words(x) <= 9]  # noqa: E731
    fa = short(doc_sentences(docs / "rust-book-en", 4000) + doc_sentences(docs / "react-reference" / "en", 4000))
    en_src, de_mt = short(lines("sources/ende/ted/*.txt")), short(lines("mqm/ende/ted/*/*.txt"))
    conf = [langid.confidences_many(x) for x in (fa, en_src, de_mt)]
    print("\nSentences of 6-9 words, by threshold (other language at least / own language at most)")
    print("| thresholds | false alarms (edited English docs) | English in German found | German in English found |")
    print("|---|---|---|---|")
    for mc, mo in [(0.97, 0.01), (0.99, 0.001), (0.995, 0.0005), (0.999, 0.0001)]:
        def flag(c, own):
            best = max(c.items(), key=lambda kv: kv[1])
            return c.get(own, 0) <= mo and best[0] != own and best[1] >= mc
        cells = [f"{sum(flag(c, own) for c in cs)} of {len(cs)}" for cs, own in zip(conf, ("en", "de", "en"))]
        print(f"| {mc} / {mo} | " + " | ".join(cells) + " |")


def main() -> None:
    if "--short" in sys.argv:
        short_thresholds()
        return
    en_mt = lines("mqm/zhen/ted/*/*.txt")
    de_mt = lines("mqm/ende/ted/*/*.txt")
    en_src = lines("sources/ende/ted/*.txt")
    table("False alarms: English MT output in an English document", en_mt, "en")
    table("False alarms: German MT output in a German document", de_mt, "de")
    docs = DEVDATA.parent / "realdocs"
    if docs.is_dir():
        table("False alarms: edited English documentation (realdocs rust-book-en, react-reference/en)",
              doc_sentences(docs / "rust-book-en", 4000) + doc_sentences(docs / "react-reference" / "en", 4000), "en")
    table("Detections: English source sentences in a German document", en_src, "de")
    table("Detections: German MT sentences in an English document", de_mt, "en")


if __name__ == "__main__":
    main()
