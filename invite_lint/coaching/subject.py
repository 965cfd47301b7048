"""What an `about` (or `detail`, `discussed`) phrase is about, parsed: its head noun and the
kind of work it names, its topic (the object of "sur / on / about"), a short form of that
topic, and the demonstrative forms a question points with ("ce podcast", "cette
reconversion", "those colours").

The coach asks about *that* thing, as the passer-by asks the painter how the colours are
made; these functions only cut and reshape the user's words, they never add any.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.folding import fold
from .. import lang
from .grammar import GRAMMARS
from .languages import pattern, shared_words

# The kinds of work a question can be shaped for. A question in the pack says which it fits.
WORKS = ("writing", "talk", "audio", "video", "visual", "code", "any")



@dataclass(frozen=True)
class Subject:
    """One parsed phrase (already addressed to the recipient: "votre podcast sur ...")."""

    phrase: str
    noun: str | None  # the head noun as written: "podcast", "PR"
    work: str  # one of WORKS
    topic: str | None  # "la reconversion des infirmières vers la data"
    short: str | None  # "la reconversion des infirmières"
    this_topic: str | None  # "cette reconversion" (French), "async support" (English)
    thing: str | None  # "ce podcast", "that PR"
    action: str | None  # English: "adding async support" (from "that added async support to httpx")

    def content_words(self) -> set[str]:
        return content_words(self.phrase)


def content_words(text: str, lang: str | None = None) -> set[str]:
    """The words of a phrase that carry its meaning (folded), for checking a question names it.
    Per language when given: French "thèse" folds to English "these"."""
    stop = GRAMMARS[lang].stopwords if lang is not None and lang in GRAMMARS else _ALL_STOPWORDS()
    return {fold(w) for w in re.findall(r"[\w-]+", text) if fold(w) not in stop and len(w) > 1}


def _strip_lead(phrase: str, lang: str) -> str:
    return GRAMMARS[lang].lead.sub("", phrase.strip(), count=1)


def _head(phrase: str, lang: str) -> tuple[str | None, str]:
    """The first word (of the first four) that names a kind of work; else the noun a
    compound or the phrase's grammar points to (Grammar.head_noun: in English the last word
    before the first preposition, in French the first word that is not an adjective)."""
    grammar = GRAMMARS[lang]
    body = _strip_lead(phrase, lang)
    folded = fold(body)
    for compound, work in grammar.compounds.items():
        if folded.startswith(fold(compound)):
            return body[: len(compound)], work
    words = re.findall(r"[\w'’-]+", body)
    for word in words[:4]:
        found = grammar.work_by_noun.get(fold(word))
        if found:
            return word, found
    return grammar.head_noun(body, words), "any"


def short_form(topic: str, lang: str, max_words: int = 5) -> str:
    """The topic up to its second preposition or clause: "la reconversion des infirmières
    vers la data" -> "la reconversion des infirmières"; "churn in small SaaS teams" -> "churn"."""
    grammar = GRAMMARS[lang]
    topic = topic.strip().rstrip(".!?")
    lead = grammar.lead.match(topic)
    skip = lead.end() if lead else 0
    cuts = [c.start() for c in (grammar.cut.search(topic, skip + 1), _cut_possessive().search(topic, skip + 1)) if c]
    short = topic[: min(cuts)] if cuts else topic
    if len(short.split()) > grammar.short_words:  # "drone inspection of turbine blades" -> "drone inspection"
        of = re.search(r"\s(?:of|de|des|du|d['’])\s*", short[skip + 1:])
        if of and len(short[: skip + 1 + of.start()].split()) >= 2:
            short = short[: skip + 1 + of.start()]
    words = short.split()[:max_words]
    while len(words) > 1 and fold(words[-1]) in _ALL_STOPWORDS():  # never end on "of the", "de la"
        words.pop()
    return " ".join(words).strip(" ,;:") or topic


def demonstrative(phrase: str, lang: str, gender_of: Callable[[str], str | None] = lambda _: None) -> str:
    """"les couleurs" -> "ces couleurs", "le passage sur X" -> "ce passage sur X", "votre toile"
    -> "cette toile"; English "the colours" -> "those colours", "your PR" -> "that PR"."""
    return GRAMMARS[lang].demonstrative(phrase.strip(), gender_of)


def parse(phrase: str, lang: str, gender_of: Callable[[str], str | None] = lambda _: None) -> Subject:
    grammar = GRAMMARS[lang]
    noun, work = _head(phrase, lang)
    body = _strip_lead(phrase, lang)
    topic = action = None
    relative = grammar.relative.search(body)
    topical = grammar.subject_topic.search(body)
    if topical and (not relative or topical.start() < relative.start()):
        topic = topical.group(1).strip().rstrip(".")
    elif relative and relative.lastindex and relative.lastindex >= 2:  # "that added async support"
        verb, rest = relative.group(1), relative.group(2).strip().rstrip(".")
        topic, action = grammar.action(verb, rest, lambda text: short_form(text, lang))
    if topic and (topic.split()[0][:1].isupper() and grammar.capitalised_topic_is_place or len(topic.split()) > 12):
        topic = None if not action else topic  # "on Harbour Street" is a place, not a subject
    short = short_form(topic, lang) if topic else None
    this_topic = None
    if short:
        this_topic = short
        if grammar.topic_demonstrative and len(content_words(short)) > 1 and grammar.lead.match(short):
            # "la reconversion des infirmières" -> "cette reconversion des infirmières"; "le bien-être" stays
            this_topic = demonstrative(short, lang, gender_of)
    thing = None
    if noun:
        words = body.split()
        noun_words = noun.split()
        upto = next((i + len(noun_words) - 1 for i, w in enumerate(words[:6]) if w.strip(",.;:") == noun_words[0]), 0)
        lead = grammar.lead.match(phrase.strip())
        head = " ".join(words[: upto + 1]).strip(",.;:")
        thing = demonstrative((lead.group(0).strip() if lead else grammar.default_article) + " " + head, lang, gender_of)
    return Subject(phrase, noun, work, topic, short, this_topic, thing, action)


def _cut_possessive() -> re.Pattern[str]:
    # "la migration de votre entrepôt" -> "la migration": what follows is theirs, said once already
    return pattern(r"\s(?:{of})\s*(?:{possessives})\b", re.I, of="of", possessives="possessives")


def _figure() -> re.Pattern[str]:
    return pattern(r"(?<![\w.,])(\d{{1,3}}(?:[\u00a0\u202f ]\d{{3}})+|\d+(?:[.,]\d+)?)\s*(%|k\b|K\b|M\b|€|\$|£)?\s*"
                   r"((?:{large})\s+)?((?:{counted})?[^\W\d][\w'’-]*)?", re.U, large="large_numbers",
                   counted="counted_by")


def figures(text: str) -> list[str]:
    """Numbers with what they count, in a text: "100 millions de membres", "40 % de churn"."""
    found = []
    durations = {fold(w) for w in shared_words("durations")}
    for match in _figure().finditer(text):
        number = match.group(1)
        counted = fold((match.group(4) or "").split()[-1]) if match.group(4) else ""
        if re.fullmatch(r"(19|20)\d\d", number.strip()) or not (match.group(3) or match.group(4) or match.group(2)):
            continue  # a year, or a bare number, says nothing on its own
        if not (match.group(2) or match.group(3)) and (counted in durations or float(number.replace(",", ".")
                                                                                      .replace("\u00a0", "").replace("\u202f", "").replace(" ", "")) < 10):
            continue  # "3 ans", "20 minutes": a duration or a small count is no achievement to ask about
        found.append(match.group(0).strip(" ,.;:"))
    return found


def figure_phrase(figure: str, lang: str) -> str:
    """"100 millions de membres" -> "ces 100 millions de membres"; "40% of churn" -> "that 40% of churn"."""
    return GRAMMARS[lang].figure_phrase(figure)


def _ALL_STOPWORDS() -> frozenset[str]:  # noqa: N802 (read like the constant it replaced)
    return _all_stopwords(lang.version())


@functools.lru_cache(maxsize=4)
def _all_stopwords(_version: int) -> frozenset[str]:
    # every grammar's stop words, built once per change of the languages (not per word)
    return frozenset().union(*(g.stopwords for g in GRAMMARS.values()))
