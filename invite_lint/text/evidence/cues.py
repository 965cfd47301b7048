"""The words the evidence step (text.evidence) reads, per language, folded (lower case, no
accents, typographic apostrophes as "'"). The data is each language's `evidence:` section
(`invite_lint/lang/<code>/language.yaml`); this module gives it a typed shape.

Each set answers one question about a token: does it make a clause the sender's, point at
the recipient, name a kind of work, a move of a company, a meeting, a shared past?
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from ... import lang


@dataclass(frozen=True)
class Cues:
    first_person: frozenset[str]  # a clause with these and no second person is the sender's
    first_subjects: frozenset[str]  # "I", "je", "on": a clause they open first is the sender's
    second_subjects: frozenset[str]  # "you", "vous", "tu"
    second_person: frozenset[str]
    possessive: frozenset[str]  # second-person possessives: "your", "votre"
    vague: frozenset[str]  # things of theirs that say nothing in particular: profile, background
    artefacts: frozenset[str]  # kinds of work worth naming: post, talk, book, PR
    topic_preps: frozenset[str]  # "on", "about", "sur": what follows is a topic
    relatives: frozenset[str]  # "that", "qui": what follows says which one
    employer_preps: frozenset[str]  # "at", "chez": a company in this place is an employer
    connectors: frozenset[str]  # words allowed inside a multi-word name: "of", "de"
    not_names: frozenset[str]  # capitalised words that are not names of anything
    moves: frozenset[str]  # what a company does that one can name: launch, shift, raised
    numbers_excluded_after: frozenset[str]  # "15 minutes": the length of an ask, not a fact
    magnitude: frozenset[str]  # "millions", "k": a number that is a fact on its own
    you_did: frozenset[str]  # verbs after "you" that point at something they did
    you_did_not: frozenset[str]  # ...except these, which say nothing of their work
    meeting_verbs: frozenset[str]  # met, croisé, échangé
    meeting_nouns: frozenset[str]  # our call, notre café
    when_words: frozenset[str]  # yesterday, hier, last week
    event_words: frozenset[str]  # conference, salon, meetup
    shared_phrases: tuple[tuple[str, ...], ...]  # "moi aussi", "we both", "worked together"
    shared_needs_name: tuple[tuple[str, ...], ...]  # "alumni of", "ancienne de": + a name
    referral_verbs: tuple[tuple[str, ...], ...]  # "suggested i", "m'a conseille": after a name
    referral_before: tuple[tuple[str, ...], ...]  # "de la part de", "on behalf of": before a name
    question_words: frozenset[str]  # how, why, comment: an open question
    perceived: frozenset[str]  # read, saw, finished, acheté: what the sender took in of theirs
    thanks: frozenset[str]  # thanks, congrats, merci, bravo: for something named
    place_preps: frozenset[str] = frozenset()  # "in", "au": a name after them is a place
    past_suffixes: frozenset[str] = frozenset()  # "ed": a regular past ("you organised")
    not_last: frozenset[str] = frozenset()  # a reported specific does not end on them: "of", "et", "en"
    accented: frozenset[str] = frozenset()  # the sets above compared with their accents

    def compares_accented(self, word_set: str) -> bool:
        return word_set in self.accented


def cues_for(code: str) -> Cues | None:
    """The evidence cues of a language, or None when it has no `evidence:` section."""
    return _cues(code, lang.version())


@lru_cache(maxsize=64)
def _cues(code: str, _version: int) -> Cues | None:
    language = lang.get(code)
    if language is None or not (language.evidence_words or language.evidence_phrases):
        return None
    values: dict[str, object] = {}
    for f in fields(Cues):
        if f.name == "accented":
            continue
        if f.name in language.evidence_phrases or f.type == "tuple[tuple[str, ...], ...]":
            values[f.name] = language.evidence_phrases.get(f.name, ())
        else:
            values[f.name] = language.evidence_words.get(f.name, frozenset())
    return Cues(**values, accented=language.evidence_accented)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AnyLanguage:
    """Word sets read whatever the message's language (the union of every folder's)."""

    function: frozenset[str]  # function words: not content of a topic
    demonstratives: frozenset[str]  # "those", "ces"
    not_parts: frozenset[str]  # after "ces": the message or the time, not a part of the work
    conjunctions: frozenset[str]
    work_words: frozenset[str]  # "your work", "vos travaux": theirs, with no detail
    auxiliaries: frozenset[str]  # between "you" and the verb: "you have recently written"
    periods: frozenset[str]  # week, mois
    last: frozenset[str]  # last, dernier
    object_pronouns: frozenset[str]  # "X m'a fait réfléchir" is about X
    introducing: frozenset[str]  # the sender presenting something
    roles: frozenset[str]  # a capitalised word after them names a department
    reported: frozenset[str]  # "that", "que": reported speech
    field_words: frozenset[str]  # "we work in the same field"
    not_past: frozenset[str]  # a wish, not a shared past
    clause_openers: frozenset[str]  # words that open a new clause
    articles: frozenset[str]
    name_preps: frozenset[str]
    together: frozenset[str]
    we_subjects: frozenset[str]
    meeting_determiners: frozenset[str]  # "our call", "notre café"
    of_words: frozenset[str]  # "de", "of": what follows says which one
    object_subjects: frozenset[str]  # "je vous ai": "vous" is an object there
    you_subjects: frozenset[str]


def any_language() -> AnyLanguage:
    return _any_language(lang.version())


@lru_cache(maxsize=4)
def _any_language(_version: int) -> AnyLanguage:
    return AnyLanguage(**{f.name: lang.union(f.name) for f in fields(AnyLanguage)})
