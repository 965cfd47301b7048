"""What the parts splitter, the matchers and the recipient-fact checks read of every known
language at once (people mix greetings and sign-offs of two languages), compiled once per
change of the registry.

One place for each list: the subject-line words, titles and greetings used to drift
between modules (`runner.py` vs `parts.py`, `matchers.py` vs `parts.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import registry


@dataclass(frozen=True)
class Words:
    greetings: tuple[str, ...]  # folded, longest first ("bonne journee" before "bonne")
    greeting_words: frozenset[str]  # each word of a greeting: a name in the greeting cannot be one
    greeting: re.Pattern[str]  # a greeting at the start of folded text
    closing: re.Pattern[str]  # a sign-off at the start of folded text
    abbreviation_end: re.Pattern[str]  # "Dr." at the end of a piece: its dot ends no sentence
    subject_line: re.Pattern[str]  # "Objet : ..." / "Re: ...", the subject in group 1
    subject_label: re.Pattern[str]  # "Subject:" / "Objet :" at the start: the draft is an e-mail
    titles: str  # a regular expression (folded text): a courtesy title before a surname
    title_words: frozenset[str]  # the same, as words (without their dot)
    gendered: dict[str, str]  # greeting word -> "f" | "m"
    former: re.Pattern[str]  # words around a company that make it a former employer


def words() -> Words:
    return _words(registry.version())


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(item) for item in sorted(set(items), key=len, reverse=True))


@lru_cache(maxsize=4)
def _words(_version: int) -> Words:
    parts = [language.parts for language in registry.languages()]
    greetings = sorted({g for p in parts for g in p.greetings}, key=len, reverse=True)
    closings = [c for p in parts for c in p.sign_offs]
    abbreviations = [a for p in parts for a in p.abbreviations]
    titles = [t for p in parts for t in p.titles]
    subject_words = [w for p in parts for w in (*p.subject_labels, *p.reply_prefixes)]
    labels = [w for p in parts for w in p.subject_labels]
    gendered = {w: g for p in parts for w, g in p.gendered.items()}
    former = [f for p in parts for f in p.former]
    # "m." needs its dot (a bare "m" is any letter); other abbreviations may drop it
    title_re = "(?:" + "|".join([*(re.escape(t) for t in sorted(set(titles), key=len, reverse=True)),
                                 *(re.escape(a) + (r"\." if len(a) == 1 else r"\.?")
                                   for a in sorted(set(abbreviations), key=len, reverse=True))]) + ")"
    return Words(
        greetings=tuple(greetings),
        greeting_words=frozenset(word for g in greetings for word in g.split()),
        greeting=re.compile(r"(?:" + _alternation(greetings) + r")(?![\w'])"),
        closing=re.compile(r"(?:" + _alternation(closings) + r")(?![\w'])"),
        abbreviation_end=re.compile(r"(?:" + _alternation(abbreviations) + r")\.$", re.I),
        subject_line=re.compile(r"[ \t]*(?:" + _alternation(subject_words) + r")[ \t]*:[ \t]*(.*)", re.I),
        subject_label=re.compile(r"\s*(?:" + _alternation(labels) + r")\s*:", re.I),
        titles=title_re,
        title_words=frozenset([*titles, *abbreviations]),
        gendered=gendered,
        former=re.compile(r"\b(" + "|".join(former) + r")\b") if former else re.compile(r"(?!)"),
    )
