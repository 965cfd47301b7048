"""Case and accent folding that keeps string length, so spans found in folded text are
spans of the original text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Typographic variants people type interchangeably; each maps one character to one character.
_SAME_LENGTH = {
    "\u2019": "'",  # right single quotation mark, the French keyboard's apostrophe
    "\u2018": "'",
    "\u02bc": "'",
    "\u00a0": " ",  # no-break spaces (French punctuation spacing)
    "\u202f": " ",
    "\u2011": "-",
    "\u2013": "-",
    "\u2014": "-",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SAME_LENGTH:
        return _SAME_LENGTH[char]
    lowered = char.lower()
    if len(lowered) != 1:  # e.g. "İ".lower() has two code points: keep length, drop the dot
        lowered = lowered[0]
    decomposed = unicodedata.normalize("NFD", lowered)
    base = decomposed[0]
    # Only strip marks from letters: keep the character if decomposition leaves no letter.
    return base if len(base) == 1 and (base.isalpha() or not decomposed[1:]) else lowered


class _FoldTable(dict):
    """str.translate table filled as characters are met: one C-level lookup per character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()
_TABLE_LIMIT = 1 << 16


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one character."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) == len(text):
        if len(_TABLE) > _TABLE_LIMIT:  # a text of every code point must not grow it for ever
            _TABLE.clear()
        return lowered.translate(_TABLE)
    return "".join(_fold_char(c) for c in text)  # a character whose lower case is longer


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` for tokens, cached: a message's words are mostly words already seen."""
    return fold(word)
