"""File offsets (Python characters, i.e. code points) to LSP positions and back.

LSP counts a line's characters in UTF-16 code units unless the client and server agreed
on UTF-8 or UTF-32 (`positionEncoding`): an emoji is one Python character, two UTF-16 units
and four UTF-8 bytes; "é" is one, one and two. Lines end at "\\n", "\\r\\n" or "\\r", as LSP says.
"""

from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """The length of `text` in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class PositionMap:
    """Offsets of one text <-> (line, character) in one encoding, both 0-based."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def _line_end(self, line: int) -> int:
        """Where the line's text ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text[end - 2:end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:min(offset, self._line_end(line))], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a position; past the end of a line means its end (as LSP says)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if self.encoding == UTF32:
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += units(self.text[i], self.encoding)
        return end
