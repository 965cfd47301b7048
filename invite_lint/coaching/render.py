"""Filling a template: slot values from the facts, in the right register, then grammar and
typography. A slot with no value and no fallback makes the template not applicable; an
optional segment ((...)) with such a slot is left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.folding import fold
from .facts import Facts
from .languages import LanguageTable, LanguageText, pattern
from .grammar import GRAMMARS, Grammar
from .subject import demonstrative, figure_phrase, parse, short_form
from .templates import SLOT, SLOTS, parse_slot

OPTIONAL = re.compile(r"\(\((.*?)\)\)", re.S)
DEFAULT_EMAIL_ASK = LanguageText("default_email_ask")
# Neutral: the coach proposes a step, it does not say how pleased anyone would be.
NEXT_STEP = LanguageTable("next_step")


# An informational interview asks for a short, bounded favour.
BOUNDED_ASK = LanguageTable("bounded_ask")


# A referral request says what it asks for (the person, the role) after the question on their work.
REFERRAL_ASK = LanguageTable("referral_ask")


@dataclass(frozen=True)
class Slots:
    values: dict[str, str]
    used: dict[str, str]  # slot -> the fact it came from
    work: str = "any"  # the kind of work `about` names (subject.WORKS)
    clauses: frozenset[str] = frozenset()  # slots whose value is a clause ("que X a ..."): only after {seen}


def is_job_request(ask: str) -> bool:
    return bool(pattern(r"\b({words})\b", re.I, words="job_request").search(ask))


def is_meeting(ask: str) -> bool:
    """A light next step is a meeting ("un café", "a 15-minute call"), not a question to ask."""
    meeting = pattern(r"^(?:{articles}|\d+)\b|\b({words})\b", re.I, articles="meeting_articles", words="meeting")
    return bool(meeting.search(ask)) and not pattern(r"^({words})", re.I, words="question_openers").match(ask)


def head_phrase(about: str) -> str:
    """The phrase before the first comma, semicolon or bracket outside quotes."""
    depth = 0
    for i, char in enumerate(about):
        if char in "«“":
            depth += 1
        elif char in "»”":
            depth = max(0, depth - 1)
        elif char == '"':
            depth = 0 if depth else 1
        elif char in ",;(" and depth == 0 and i > 0:
            return about[:i].strip()
    return about.strip()


def head_noun(about: str, lang: str) -> str | None:
    """The first word after the possessive (or article): "votre dernier article" -> "article"
    is found by trying each word against the kind-of-work tables."""
    grammar = GRAMMARS[lang]
    for word in re.findall(r"[\w'’-]+", about)[:6]:
        if fold(word) in grammar.seen_by_noun or fold(word) in grammar.make_by_noun:
            return fold(word)
    return None


def _about(facts: Facts, lang: str, tu: bool, gender_of: Callable[[str], str | None]) -> str:
    # the head phrase (details after a comma are dropped), said to them
    return GRAMMARS[lang].about(head_phrase(facts.about or ""), tu, gender_of)


def _topic(about: str, grammar: Grammar) -> str | None:
    match = grammar.topic.search(about)
    if not match:
        return None
    topic = match.group(1).strip().rstrip(".")
    first = topic.split()[0] if topic.split() else ""
    if first[:1].isupper() or len(topic.split()) > 8:  # "on Harbour Street" is a place; too long reads badly
        return None
    return topic


def _met(met: str, lang: str) -> str:
    grammar = GRAMMARS[lang]
    return met if grammar.met_preposition.match(met) else grammar.met(met)


def _addressed(phrase: str, lang: str, tu: bool, gender_of: Callable[[str], str | None]) -> str:
    """A phrase of the user's, spoken to the recipient: "ses couleurs" -> "vos couleurs"."""
    return GRAMMARS[lang].addressed(phrase, tu, gender_of)


def _bare_place(met: str, lang: str) -> str:
    """"chez Acme" -> "Acme", "à l'INSA Lyon" -> "l'INSA Lyon", "au salon X" -> "le salon X"."""
    return GRAMMARS[lang].bare_place(met.strip())


def slot_values(facts: Facts, lang: str, tu: bool, gender_of: Callable[[str], str | None]) -> Slots:
    grammar = GRAMMARS[lang]
    values: dict[str, str] = {}
    used: dict[str, str] = {}
    work = "any"
    clauses: frozenset[str] = frozenset()
    if facts.first_name:
        values["name"], used["name"] = facts.first_name, "name"
    if facts.about:
        about = _about(facts, lang, tu, gender_of)
        values["about"] = about
        values["About"] = about[:1].upper() + about[1:]
        used.update(about="about", About="about")
        if grammar.is_clause(about):
            # "j'ai vu que BlaBlaCar a dépassé ...": a clause follows a verb of seeing, and has
            # no head noun, topic or thing to ask about (the question comes from other facts)
            values["seen"] = grammar.seen_clause or grammar.default_seen
            clauses = frozenset({"about", "About"})
            if thing := grammar.clause_object(about):
                values["thing"], used["thing"] = demonstrative(thing, lang, gender_of), "about"
        else:
            noun = head_noun(about, lang)
            values["seen"] = grammar.seen_by_noun.get(noun or "", grammar.default_seen)
            values["make"] = grammar.make_by_noun.get(noun or "", grammar.default_make)
            if topic := _topic(about, grammar):
                values["topic"], used["topic"] = topic, "about"
            subject = parse(about, lang, gender_of)
            work = subject.work
            for slot, value in (("thing", subject.thing), ("thistopic", subject.this_topic),
                                ("short", subject.short), ("action", subject.action)):
                if value:
                    values[slot], used[slot] = value, "about"
    if facts.detail:
        detail = _addressed(facts.detail.strip().rstrip("."), lang, tu, gender_of)
        values["detail"], used["detail"] = detail, "detail"
        values["thedetail"], used["thedetail"] = demonstrative(detail, lang, gender_of), "detail"
    if facts.figure:
        values["figure"], used["figure"] = facts.figure, "figure"
        values["thefigure"], used["thefigure"] = figure_phrase(facts.figure, lang), "figure"
    if facts.discussed:
        discussed = _addressed(facts.discussed.strip().rstrip("."), lang, tu, gender_of)
        values["discussed"], used["discussed"] = discussed, "discussed"
        _, values["thediscussed"] = grammar.discussed(short_form(discussed, lang), gender_of)
        used["thediscussed"] = "discussed"
    if facts.shared:
        values["shared"], used["shared"] = facts.shared, "shared"
        values["Shared"], used["Shared"] = facts.shared[:1].upper() + facts.shared[1:], "shared"
    if facts.interest:
        values["interest"], used["interest"] = facts.interest, "interest"
    if facts.met:
        values["met"], used["met"] = _met(facts.met, lang), "met"
        values["metbare"], used["metbare"] = _bare_place(facts.met, lang), "met"
    if facts.ask and not is_job_request(facts.ask) and is_meeting(facts.ask):
        values["ask"], used["ask"] = facts.ask, "ask"
    return Slots(values, used, work, clauses)


def fill(text: str, slots: Slots, grammar: Grammar) -> tuple[str, set[str]] | None:
    """The filled text and the facts it used; None when a required slot has no value."""
    used: set[str] = set()

    def available(segment: str) -> bool:
        return all(parse_slot(e)[1] in slots.values or parse_slot(e)[2] is not None for e in SLOT.findall(segment))

    text = OPTIONAL.sub(lambda m: m.group(1) if available(m.group(1)) else "", text)
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        prep, slot, fallback = parse_slot(match.group(1))
        if slot in slots.clauses and not text[:match.start()].endswith("{seen} "):
            missing = True  # "merci pour que ..." is no sentence: this template does not apply
            return ""
        value = slots.values.get(slot)
        if value is None and fallback in SLOTS:  # {thistopic|thing}: another slot, when the first has no value
            slot, fallback = fallback, None
            value = slots.values.get(slot)
        if value is None:
            if fallback is None:
                missing = True
                return ""
            return fallback
        if slot in slots.used:
            used.add(slots.used[slot])
        return grammar.contract(prep, value) if prep else value

    filled = SLOT.sub(replace, text)
    if missing:
        return None
    return grammar.finish(filled), used


def add_next_step(text: str, ask: str, lang: str, register: str = "vous") -> str:
    """A light next step, just before the closing question."""
    grammar = GRAMMARS[lang]
    steps = NEXT_STEP[lang]
    step = fill(steps.get(register) or next(iter(steps.values())), Slots({"ask": ask}, {"ask": "ask"}), grammar)
    if step is None:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return grammar.finish(" ".join([*sentences[:-1], step[0], sentences[-1]]))


def add_bounded_ask(text: str, ask: str | None, lang: str, register: str = "vous") -> str:
    """The short favour an informational interview asks for, after the question."""
    grammar = GRAMMARS[lang]
    forms = BOUNDED_ASK[lang]
    step = fill(forms.get(register) or next(iter(forms.values())), Slots({"ask": ask} if ask else {}, {}), grammar)
    return grammar.finish(f"{text} {step[0]}") if step else text


def add_referral_ask(text: str, ask: str | None, lang: str, register: str = "vous") -> str:
    """The introduction or referral asked for, in the user's words, after the question."""
    if not ask:
        return text
    grammar = GRAMMARS[lang]
    forms = REFERRAL_ASK[lang]
    step = fill(forms.get(register) or next(iter(forms.values())), Slots({"ask": ask}, {"ask": "ask"}), grammar)
    return grammar.finish(f"{text} {step[0]}") if step else text
