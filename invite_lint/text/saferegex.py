"""Regular expressions that run in linear time (RE2), for patterns written in rule packs.

A pack is data written by anyone: with a backtracking engine, ``(a+)+$`` on a long run of
"a" would hang the linter. RE2 guarantees time linear in the text. It has no
look-arounds and no back-references; such a pattern is refused when the pack loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import re2

# A word character for humans: any letter or digit (RE2's \b is ASCII-only, so "à" or "é"
# would not count as word characters there).
_WORD = r"\pL\pN_"


class _Match(Protocol):
    """What we use of a google-re2 match (the package ships no types)."""

    def span(self, group: int | str = 0) -> tuple[int, int]: ...

    def start(self) -> int: ...

    def end(self) -> int: ...


class RegexError(ValueError):
    """The pattern is not valid RE2 syntax."""


def _options(ignore_case: bool) -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise write to stderr
    options.case_sensitive = not ignore_case
    return options


@dataclass(frozen=True)
class SafeRegex:
    """A compiled RE2 pattern with a whole-word option that understands accented letters."""

    source: str
    ignore_case: bool = True
    whole_word: bool = False
    _compiled: Any = field(init=False, repr=False, compare=False)  # a google-re2 pattern (untyped)
    _group: int | str = field(init=False, repr=False, compare=False)
    _pattern: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = self.source
        if self.whole_word:
            pattern = f"(?:^|[^{_WORD}])({pattern})(?:[^{_WORD}]|$)"  # group 1 is the word
        try:
            compiled = re2.compile(pattern, _options(self.ignore_case))
        except re2.error as exc:
            message = exc.args[0] if exc.args else str(exc)
            if isinstance(message, bytes):
                message = message.decode("utf-8", "replace")
            raise RegexError(f"invalid regex {self.source!r}: {message}") from None
        object.__setattr__(self, "_compiled", compiled)
        object.__setattr__(self, "_group", compiled.groupindex.get("match", 1 if self.whole_word else 0))
        object.__setattr__(self, "_pattern", pattern)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        r"""Yield (start, end) of non-overlapping, non-empty matches.

        A group named `match` narrows the reported span: `(?:^|\s)(?P<match>c)\s` reports
        only the "c", while the context around it must still match.
        """
        for match, offsets in self._matches(text):
            start, end = match.span(self._group)
            if end > start:
                yield offsets.chars(start), offsets.chars(end)

    def _matches(self, text: str, whole: bool = False) -> Iterator[tuple[_Match, _Offsets]]:
        """RE2 matches on the text encoded once: google-re2 given a str re-encodes it and
        counts characters from 0 on every search, which made a draft of many matches take
        time quadratic in its length. Offsets are bytes, turned into characters as we go."""
        compiled = self._compiled
        data = text.encode("utf-8", "surrogatepass")
        offsets = _Offsets(data, text.isascii())
        pos, n = 0, len(data)
        while pos <= n:
            match = compiled.search(data, pos)
            if match is None:
                return
            yield match, offsets
            end = match.end() if whole else match.span(self._group)[1]
            if end < 0:  # the group did not take part
                end = match.end()
            # Continue after the reported span: the context after it (a whole word's trailing
            # delimiter, what follows a `match` group) may start the next match.
            pos = max(end, _next_char(data, match.start()))

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None

    def sub(self, text: str, replacement: str) -> tuple[str, int]:
        """Replace every match (empty ones too, as Python's re.sub does) with a literal text."""
        out: list[str] = []
        pos = count = 0
        for match, offsets in self._matches(text, whole=True):
            start, end = (offsets.chars(i) for i in match.span())
            out += [text[pos:start], replacement]
            count += 1
            if end == start:  # an empty match: keep the next character and move on
                out.append(text[start:start + 1])
                pos = start + 1
            else:
                pos = end
        out.append(text[pos:])
        return "".join(out), count


def _next_char(data: bytes, pos: int) -> int:
    """The byte offset of the character after the one at `pos` (UTF-8)."""
    pos += 1
    while pos < len(data) and 0x80 <= data[pos] < 0xC0:
        pos += 1
    return pos


class _Offsets:
    """Byte offsets of one UTF-8 text to character offsets, in time proportional to the
    distance from the previous offset asked (matches come in order): linear over a text."""

    def __init__(self, data: bytes, ascii_only: bool) -> None:
        self.data = data
        self.ascii = ascii_only
        self.byte = self.char = 0

    def chars(self, byte: int) -> int:
        if self.ascii or byte < 0:
            return byte
        if byte >= self.byte:
            self.char += len(self.data[self.byte:byte].decode("utf-8", "surrogatepass"))
        else:
            self.char -= len(self.data[byte:self.byte].decode("utf-8", "surrogatepass"))
        self.byte = byte
        return self.char


class RegexSet:
    """Which of several regexes match somewhere in a text, in one RE2 pass.

    A rule with thirty patterns (SMS abbreviations, say) would search the text thirty times;
    most messages match none of them. The set says which ones can match, and only those are
    searched for their positions."""

    def __init__(self, regexes: list[SafeRegex]) -> None:
        self.regexes = regexes
        self._set: object | None = None

    def _compiled(self) -> object:
        if self._set is None:
            options = _options(ignore_case=False)
            rx_set = re2.Set.SearchSet(options)
            for regex in self.regexes:
                flags = "(?i)" if regex.ignore_case else ""
                rx_set.Add(f"{flags}(?:{regex._pattern})")
            rx_set.Compile()
            self._set = rx_set
        return self._set

    def matching(self, text: str) -> list[SafeRegex]:
        if len(self.regexes) < 2:
            return self.regexes
        found = self._compiled().Match(text)  # type: ignore[attr-defined]
        return [self.regexes[i] for i in sorted(found)] if found else []

    def __getstate__(self) -> dict[str, object]:
        return {"regexes": self.regexes, "_set": None}  # an RE2 set is rebuilt where it is used
