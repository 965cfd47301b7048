"""Character offsets to 1-based line and column numbers."""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets of one text to (line, column), both 1-based.

    A line ends after "\\n"; "\\r\\n" and "\\r" endings count as one line break, so a
    Windows draft gets the same line numbers an editor shows.
    """

    def __init__(self, text: str) -> None:
        # a line starts after "\r\n", after a "\r" alone and after a "\n" alone
        self._starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self._text = text

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start, end = self.line_bounds(line)
        return self._text[start:end]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end (before the break)."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_window(self, line: int, left: int, right: int) -> tuple[str, int]:
        """Columns [left, right) of a 1-based line (0-based) and the line's length: a finding
        on a line of a million characters copies only what is shown."""
        start, end = self.line_bounds(line)
        return self._text[start + max(0, left):min(end, start + right)], end - start

    @property
    def line_count(self) -> int:
        return len(self._starts)
