"""Character offsets to 1-based line and column numbers."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets of one text to (line, column), both 1-based.

    A line ends after "\\n"; "\\r\\n" and "\\r" endings count as one line break, so a
    Windows draft gets the same line numbers an editor shows.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            elif c == "\n":
                starts.append(i + 1)
            i += 1
        self._starts = starts
        self._text = text

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)
