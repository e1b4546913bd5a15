"""Structured pages paired with their source (``--source-dir`` on Markdown, MDX, reStructuredText, HTML): the
two pages are read by the same reader and their segments aligned through the structure, block by block.

Translations of documentation drift: a paragraph is added on one side, a list gains an item, the translation
follows an older version of the page. So segments are not paired by position but by a dynamic-programming
alignment (as Gale and Church align sentences) that keeps the order and scores each candidate pair by:

- its kind (heading, paragraph, list item, table cell): different kinds never pair;
- its anchors, which survive translation: inline code, template macros, numbers, URLs and link targets,
  technical words (``useState``) — their overlap (Jaccard);
- its length in sentencepiece units, against the page's typical ratio.

The alignment pairs blocks whose score reaches ``MIN_SCORE``, and a pair is kept only when it reaches
``KEEP_SCORE`` or stands between two sure pairs right before and after it (a block whose code was translated
scores low on its own); a doubtful pair elsewhere would make every source-aware rule speak about another
block, so it is dropped; a segment
without a pair is checked as target-only text, and the document gets a note with the share aligned.

Each source is the source segment as a reader sees it (prose, with inline code and macros as written; link
targets and tags left out), so source and target are compared the same way. Its inline codes go with it, for
the kept-markup check."""

from __future__ import annotations

import math
import re

from mtcheck.document import Document

MIN_SCORE = 0.45
#: A pair the alignment made but scored below this is left without a source: on pages whose translation
#: drifted from its source, a doubtful pair makes every source-aware rule speak about another block.
KEEP_SCORE = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _anchors(doc: Document, seg) -> frozenset[str]:
    from mtcheck.document.words import looks_technical

    keys = {key for _, _, key in doc.segment_codes(seg)}
    fstart, fend = doc.file_span(seg.start, seg.end)
    for a, b in doc.hidden:  # link targets and tags: language-independent
        if fstart <= a < fend:
            keys.add(doc.file_text[a:b].strip("()<>[] "))
    view = doc.segment_view(seg)
    keys.update(_NUMBER.findall(view))
    keys.update(w for w in re.findall(r"[\w.]+", view) if looks_technical(w) and not w.isdigit())
    return frozenset(k for k in keys if k)


def _length(doc: Document, seg) -> int:
    from mtcheck import lengths

    return max(1, lengths.units(doc.segment_view(seg)))


def _score(kind_ok: bool, a: frozenset, b: frozenset, la: int, lb: int, ratio: float) -> float:
    if not kind_ok:
        return 0.0
    if a and b:
        anchors = 0.3 + 0.7 * len(a & b) / len(a | b)  # disjoint anchors: code translated, or another block
    elif a or b:
        anchors = 0.1  # code on one side only: another block (a translation keeps its code)
    else:
        anchors = 0.5
    expected = la * ratio
    length = min(expected, lb) / max(expected, lb)
    return 0.6 * anchors + 0.4 * length


def align(target: Document, source: Document, source_path: str) -> Document:
    """The target with each aligned segment carrying its source; a warning when not every segment aligns."""
    ts, ss = target.segments, source.segments
    if not ts or not ss:
        return target
    ta = [_anchors(target, s) for s in ts]
    sa = [_anchors(source, s) for s in ss]
    tl = [_length(target, s) for s in ts]
    sl = [_length(source, s) for s in ss]
    ratio = math.exp(sum(math.log(x) for x in tl) / len(tl) - sum(math.log(x) for x in sl) / len(sl))
    n, m = len(ss), len(ts)
    # best[i][j]: best total over the first i source and j target segments; a pair adds score - MIN_SCORE
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 pair, 1 skip source, 2 skip target
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i and j:
                sc = _score(ss[i - 1].kind == ts[j - 1].kind, sa[i - 1], ta[j - 1], sl[i - 1], tl[j - 1], ratio)
                if sc >= MIN_SCORE:
                    options.append((best[i - 1][j - 1] + sc - MIN_SCORE + 1e-6, 0))
            if i:
                options.append((best[i - 1][j], 1))
            if j:
                options.append((best[i][j - 1], 2))
            best[i][j], move[i][j] = max(options)
    path: list[tuple[int, int, float]] = []  # (source index, target index, score), in reverse order
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == 0:
            path.append((i - 1, j - 1, _score(True, sa[i - 1], ta[j - 1], sl[i - 1], tl[j - 1], ratio)))
            i, j = i - 1, j - 1
        elif step == 1:
            i -= 1
        else:
            j -= 1
    path.reverse()
    pairs: dict[int, int] = {}
    for k, (si, ti, score) in enumerate(path):
        # a doubtful pair is kept between two sure neighbours (or the page's edge) right before and after it
        before = k == 0 and si == 0 and ti == 0 or k > 0 and path[k - 1][:2] == (si - 1, ti - 1) and \
            path[k - 1][2] >= KEEP_SCORE
        after = k == len(path) - 1 and si == n - 1 and ti == m - 1 or k + 1 < len(path) and \
            path[k + 1][:2] == (si + 1, ti + 1) and path[k + 1][2] >= KEEP_SCORE
        if score >= KEEP_SCORE or (before and after):
            pairs[ti] = si
    segments = []
    for k, seg in enumerate(ts):
        if k not in pairs:
            segments.append(seg)
            continue
        src = ss[pairs[k]]
        codes = tuple(key for _, _, key in source.segment_codes(src))
        segments.append(seg._replace(source=source.segment_view(src), source_codes=codes))
    target.segments = segments
    unpaired_t = len(ts) - len(pairs)
    unpaired_s = len(ss) - len(pairs)
    if unpaired_t or unpaired_s:
        target.warnings.append(
            f"its structure differs from its source {source_path}: {len(pairs)} of {len(ts)} blocks aligned "
            f"({unpaired_t} without a source, {unpaired_s} of the source's without a translation); blocks "
            f"without a source are checked as target-only text")
    return target
