"""Turn character offsets into 1-based line and column numbers.

Columns count Unicode code points, the unit Python strings index by and the
one SARIF, GitHub annotations and most editors accept for text files. Lines
are split on ``\\n`` only: drafts are normalised to ``\\n`` when read, and the
fixer maps edits back onto the file's own line endings.
"""

from __future__ import annotations

from bisect import bisect_right


class LineMap:
    """Offsets of line starts in one text, for fast offset → (line, column)."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, self._length))
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`: the offset of a 1-based line and column.

        Clamped like :meth:`position`: a line before the first is the first,
        one after the last is the last; a column past the end of its line is
        the end of that line (where its ``\\n`` is).
        """
        index = max(0, min(line - 1, len(self._starts) - 1))
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else self._length
        return start + max(0, min(column - 1, end - start))

    @property
    def line_count(self) -> int:
        return len(self._starts)
