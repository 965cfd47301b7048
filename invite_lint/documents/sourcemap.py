"""Where each character of the linted message comes from in the file.

A message is assembled from pieces of a file (the body after the front matter, an e-mail's
subject and new text without the quoted reply...). A SourceMap keeps, for each piece, its
offset in the message and in the file, so findings point at the file a person opens."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    message_start: int
    file_start: int
    length: int


class SourceMap:
    def __init__(self, segments: list[Segment], file_length: int, exact: bool = True) -> None:
        self.segments = sorted(segments, key=lambda s: s.message_start)
        self._starts = [s.message_start for s in self.segments]
        self.file_length = file_length
        self.exact = exact  # False: positions inside a piece are approximate (e.g. decoded e-mail, JSON text)

    def to_file(self, offset: int) -> int:
        """The file offset of a message offset (the end of the previous piece for offsets
        between pieces, such as the blank line added after an e-mail subject)."""
        if not self.segments:
            return 0
        i = max(0, bisect_right(self._starts, offset) - 1)
        segment = self.segments[i]
        inside = min(max(offset - segment.message_start, 0), segment.length)
        return min(segment.file_start + inside, self.file_length)


class MessageBuilder:
    """Assemble a message from pieces of a file, recording where each piece came from."""

    def __init__(self, file_text: str) -> None:
        self.file_text = file_text
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def take(self, start: int, end: int) -> None:
        """Append file_text[start:end] as it is."""
        if end > start:
            self.segments.append(Segment(self.length, start, end - start))
            self.parts.append(self.file_text[start:end])
            self.length += end - start

    def build(self) -> tuple[str, SourceMap]:
        return "".join(self.parts), SourceMap(self.segments, len(self.file_text))
