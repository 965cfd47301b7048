"""Evaluative words: what an opener may say only if the user said it first.

The coach's templates keep to neutral observation ("j'ai lu", "I watched") and the user's
own words. `invented_judgements` finds, in an opener, the evaluative words (praise, feelings,
judgements of quality) that appear in none of the user's facts; the tests and the coach
evaluation require it to find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text.folding import fold

# Stems (folded, matched at the start of a word) and whole words, per language.
_STEMS = {
    "fr": """impressionn inspirant inspire passionn genial geniaux brillant remarquabl excellen superb magnifiq
        formidabl incroyabl bluffant captivant fascin adore adorable apprecie interessant pertinen precieu
        enthousias admir marquant touchant eclairant felicit sublime chouette reussi soigne qualite talentu
        exceptionn puissant percutant lumineu emouvant bouleversant merveill epatant impeccabl""",
    "en": """impress inspiring inspired inspirational amazing brilliant excellen outstanding fantastic awesome lovely
        enjoyed fascinat insightful interesting thoughtful valuable helpful congrat kudos powerful excit thrill
        delight pleasure admir beautiful wonderful remarkable stunning superb talented exceptional clever elegant
        striking touching compelling incredible terrific polished""",
}
_EXACT = {
    "fr": """plu aime aimee adore ravi ravie beau bel belle beaux belles top super fort forte riche riches utile utiles
        bravo chapeau parfait parfaite original originale juste""",
    "en": """great love loved nice cool glad happy smart perfect useful original excited""",
}
_PHRASES = {
    "fr": ["soin du detail", "saute aux yeux", "avec interet", "beaucoup d'interet", "fait reflechir",
           "m'a parle", "particulierement parle", "je repense souvent", "m'a marque", "m'a frappe", "m'a plu",
           "coup de coeur"],
    "en": ["care in the details", "really shows", "with real interest", "stayed with me", "spoke to me",
           "struck me", "blown away", "keep coming back to"],
}
_WORD = re.compile(r"[\w'’-]+")


def _words(text: str) -> list[str]:
    return [fold(w).replace("’", "'") for w in _WORD.findall(text)]


def evaluative(text: str, lang: str) -> list[str]:
    """The evaluative words and phrases in `text` (folded)."""
    stems = _STEMS.get(lang, _STEMS["en"]).split()
    exact = set(_EXACT.get(lang, _EXACT["en"]).split())
    found = []
    for word in _words(text):
        bare = word.split("'")[-1]
        if bare in exact or any(bare.startswith(stem) for stem in stems):
            found.append(bare)
    folded = " ".join(_words(text))
    found += [p for p in _PHRASES.get(lang, _PHRASES["en"]) if p in folded]
    return found


def invented_judgements(opener: str, facts: Iterable[str | None], lang: str) -> list[str]:
    """The evaluative words of `opener` that none of the user's facts (or draft) contains."""
    given = " ".join(" ".join(_words(f)) for f in facts if f)
    given_words = set(given.split())
    given_bare = given_words | {w.split("'")[-1] for w in given_words}
    return [item for item in evaluative(opener, lang)
            if (item not in given if " " in item or "'" in item else item not in given_bare)]
