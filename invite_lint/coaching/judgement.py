"""Evaluative words: what an opener may say only if the user said it first.

The coach's templates keep to neutral observation ("j'ai lu", "I watched") and the user's
own words. `invented_judgements` finds, in an opener, the evaluative words (praise, feelings,
judgements of quality) that appear in none of the user's facts; the tests and the coach
evaluation require it to find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from ..text.folding import fold
from .languages import LanguageTable

# Stems (folded, matched at the start of a word), whole words and phrases, per language: the
# `judgement` section of each language folder's coach.yaml.
_JUDGEMENT = LanguageTable("judgement")
_WORD = re.compile(r"[\w'’-]+")


def _words(text: str) -> list[str]:
    return [fold(w).replace("’", "'") for w in _WORD.findall(text)]


def evaluative(text: str, lang: str) -> list[str]:
    """The evaluative words and phrases in `text` (folded)."""
    words = _JUDGEMENT.get(lang) or _JUDGEMENT["en"]
    stems = str(words["stems"]).split()
    exact = set(str(words["exact"]).split())
    found = []
    for word in _words(text):
        bare = word.split("'")[-1]
        if bare in exact or any(bare.startswith(stem) for stem in stems):
            found.append(bare)
    folded = " ".join(_words(text))
    phrases = cast("list[str]", words["phrases"])  # a list in the file
    found += [p for p in phrases if p in folded]
    return found


def invented_judgements(opener: str, facts: Iterable[str | None], lang: str) -> list[str]:
    """The evaluative words of `opener` that none of the user's facts (or draft) contains."""
    given = " ".join(" ".join(_words(f)) for f in facts if f)
    given_words = set(given.split())
    given_bare = given_words | {w.split("'")[-1] for w in given_words}
    return [item for item in evaluative(opener, lang)
            if (item not in given if " " in item or "'" in item else item not in given_bare)]
