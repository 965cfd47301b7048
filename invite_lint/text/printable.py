"""One escaping for what cannot be printed as UTF-8: file names that are not UTF-8 (Python
keeps their bytes as lone surrogates, "surrogateescape") become `\\xff`, other lone
surrogates `\\ud800`, in the text output, the JSON output and error lines alike; the JSON
output is then always valid UTF-8. issue 11"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with each lone surrogate written as its escape (ASCII text is returned as is)."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(_escape, text)
