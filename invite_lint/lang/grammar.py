"""The coach's grammar of one language: what it needs to reshape the user's own words into an
opener (possessives in the right register, contractions and elisions, demonstratives, the
verb that goes with a kind of work, typography). Each language folder that the coach speaks
has a `grammar.py` with a `GRAMMAR` (invite_lint/lang/fr/grammar.py); no fact is ever made
up here: these methods only reshape what the user gave.

The coach (invite_lint.coaching) reads a language only through this interface.
"""

from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable

from . import registry

NBSP = "\u00a0"
GenderOf = Callable[[str], "str | None"]  # a noun -> "Fem" | "Masc" | None (the model's guess)


class Grammar(ABC):
    lang: str
    default_seen: str  # "j'ai découvert", "I came across": when the work's kind is unknown
    default_make: str  # "réaliser", "make"
    seen_by_noun: dict[str, str]  # folded noun -> the verb of having taken it in ("j'ai lu")
    make_by_noun: dict[str, str]  # folded noun -> the verb of making it ("écrire")
    work_by_noun: dict[str, str]  # folded noun -> its kind of work (subject.WORKS)
    compounds: dict[str, str]  # "tableau de bord" -> "code": nouns of several words
    stopwords: frozenset[str]  # folded: never the content of a question
    topic: re.Pattern[str]  # what introduces the topic of a work ("sur", "on")
    subject_topic: re.Pattern[str]  # the same, for parsing a subject (a little wider)
    lead: re.Pattern[str]  # a leading determiner ("votre", "the")
    relative: re.Pattern[str]  # a relative clause ("qui", "that added")
    cut: re.Pattern[str]  # where a short form of a topic stops
    leading_article: re.Pattern[str]
    met_preposition: re.Pattern[str]  # a place already introduced ("au salon", "at PyCon")
    possessives: tuple[str, ...]  # second-person possessives that start a "your ..." phrase
    about_stop: frozenset[str]  # words after which a possessive phrase stops
    shared: re.Pattern[str]  # what a draft says the two share ("moi aussi", "as a fellow")
    short_words: int  # a topic of more words is cut at its "of"
    capitalised_topic_is_place: bool  # "on Harbour Street" is a place, not a subject
    topic_demonstrative: bool  # a topic of several words is shown with a demonstrative
    default_article: str  # "le", "the"
    about_stops_at_verb: bool  # a verb a few words into a possessive phrase ends it
    # A draft's "j'ai vu que BlaBlaCar a passé..." names their work as a clause, not a thing:
    # the words that introduce one, and the verb said before it ("j'ai vu que ...", "I saw
    # that ..."). A language that gives none never treats `about` as a clause.
    clause_leads: tuple[str, ...] = ()
    seen_clause: str = ""
    # What the two share, said as a phrase that needs the rest of its sentence ("As a fellow
    # alum, I ...", "Comme vous, je ..."): its first words
    shared_leads: tuple[str, ...] = ()

    def clause_object(self, clause: str) -> str | None:
        """What a clause's verb acts on, the first phrase with a determiner after its subject
        and verb ("qu'Alan a ouvert un bureau à Lyon" -> "un bureau à Lyon"), for a question
        about that very thing; None when there is none."""
        words = clause.split()
        for i in range(3, len(words)):
            rest = " ".join(words[i:])
            if self.lead.match(rest) and len(words) - i >= 2:
                return re.split(r"[,;.!?]", rest)[0].strip() or None
        return None

    def is_clause(self, about: str) -> bool:
        """Does `about` start with a word that introduces a clause ("que", "qu'", "that")?"""
        first = about.split(None, 1)[0].lower() if about.split() else ""
        return any(first == lead or (lead.endswith(("'", "’")) and first.startswith(lead))
                   for lead in self.clause_leads)

    @abstractmethod
    def contract(self, prep: str, phrase: str) -> str:
        """A preposition before a phrase: "à" + "le salon" -> "au salon"."""

    @abstractmethod
    def finish(self, text: str) -> str:
        """The language's typography and capitals on a filled template."""

    @abstractmethod
    def addressed(self, phrase: str, tu: bool, gender_of: GenderOf) -> str:
        """A phrase of the user's, spoken to the recipient: "ses couleurs" -> "vos couleurs"."""

    @abstractmethod
    def about(self, about: str, tu: bool, gender_of: GenderOf) -> str:
        """What of theirs the sender saw, as said to them ("votre article ...", "your post ...")."""

    @abstractmethod
    def met(self, met: str) -> str:
        """Where they met, with its preposition ("au salon X", "at PyCon")."""

    @abstractmethod
    def bare_place(self, met: str) -> str:
        """The place without its preposition: "chez Acme" -> "Acme"."""

    @abstractmethod
    def demonstrative(self, phrase: str, gender_of: GenderOf) -> str:
        """"les couleurs" -> "ces couleurs"; "your PR" -> "that PR"."""

    @abstractmethod
    def discussed(self, short: str, gender_of: GenderOf) -> tuple[str, str]:
        """The short form of what was discussed, and its "that ..." form."""

    @abstractmethod
    def head_noun(self, body: str, words: list[str]) -> str | None:
        """The head noun of a phrase when no known kind of work names it."""

    @abstractmethod
    def action(self, verb: str, rest: str, short: Callable[[str], str]) -> tuple[str | None, str | None]:
        """From a relative clause ("that added async support"): its topic and the act as a
        phrase ("adding async support"); (None, None) when the language does not say one."""

    @abstractmethod
    def figure_phrase(self, figure: str) -> str:
        """"100 millions de membres" -> "ces 100 millions de membres"."""

    @abstractmethod
    def gender_probe(self, word: str) -> str:
        """What to give the model to guess a noun's gender ("le " + word)."""

    @abstractmethod
    def typography_problems(self, text: str) -> list[str]:
        """What breaks the language's typography in a text (the coach evaluation)."""


def table(mapping: dict[str, str], fold: Callable[[str], str]) -> dict[str, str]:
    """{"j'ai lu": "article billet"} -> {"article": "j'ai lu", "billet": "j'ai lu"} (folded nouns)."""
    return {fold(noun): verb for verb, nouns in mapping.items() for noun in nouns.split()}


def capitalise_sentences(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return re.sub(r"([.?!]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


def grammar_for(code: str) -> Grammar | None:
    """The coach's grammar of a known language (its folder's grammar.py), or None."""
    if registry.get(code) is None:
        return None
    try:
        module = importlib.import_module(f"{__package__}.{code}.grammar")
    except ModuleNotFoundError:
        return None
    found = getattr(module, "GRAMMAR", None)
    return found if isinstance(found, Grammar) else None
