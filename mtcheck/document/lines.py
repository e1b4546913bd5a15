"""File offsets (code points) to 1-based line and column."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Line starts of a decoded file. Lines end at ``\\n``; a ``\\r`` before it stays part of the line's end,
    so CRLF files get the same columns as LF files."""

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a file offset."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1] if 0 < line <= len(self._starts) else self._length
