"""`facts` rules: the message checked against what is known of the recipient (front matter
`to:`, `gender:`, `company:`, `previous_companies:`, --to, an e-mail's To: name, columns).

    kind: facts
    facts: name_spelling      # "Bonjour Karin" to Karine Martin, "Hi Jon" to John
    facts: greeting_agreement # "Cher Karine" with gender: f, "Dear Mr" to a woman, "Chère Monsieur"
    facts: former_company     # "votre travail chez Acme" when Acme is among previous_companies

A rule of this kind says nothing when the fact it needs is unknown: it never guesses a
name, a gender or an employer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from ..text.analysis import Analysis
from ..text.folding import fold
from ..lang.compiled import words as language_words
from ..text.parts import Span
from .base import BuildContext, Check, Hit, Params, RuleKind

KEYS = ("facts",)

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
def short_form(word: str, name: str) -> bool:
    """"Alex" to Alexandra, "Manu" to Manuel, "Nicky" to Nick: one is the start of the other
    by two letters or more, or with a pet name's -y / -ie; not a misspelling."""
    if len(word) < 3 or len(name) < 3 or word == name or not (name.startswith(word) or word.startswith(name)):
        return False
    longer, shorter = (word, name) if len(word) > len(name) else (name, word)
    # "Karin" to Karine is one letter missing: a misspelling; "Alex", "Manu" and "Nicky" are forms
    return len(longer) - len(shorter) >= 2 or longer.endswith(("y", "ie"))


def _distance_ok(word: str, name: str) -> bool:
    """Near enough to be the same name misspelt, not another name: one edit for short
    names, two for names of six letters or more; a short form is not a misspelling."""
    if len(word) < 3 or len(name) < 3 or word == name or short_form(word, name):
        return False
    limit = 1 if len(name) < 6 else 2
    return Levenshtein.distance(word, name) <= limit


def _words(text: str, span: Span) -> list[tuple[int, int, str]]:
    start, end = span
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text[start:end])]


def greeting_names(analysis: Analysis, near: Callable[[str, str], bool]) -> list[tuple[int, int, str]]:
    """The greeting's capitalised words that `near` relates to a part of the known name:
    (start, end, that part as the recipient writes it)."""
    recipient = analysis.recipient
    if not recipient or not recipient.name:
        return []
    parts = [fold(p).strip(".,") for p in recipient.name.split() if len(p) > 1]
    known = language_words()
    found = []
    for start, end, word in _words(analysis.text, analysis.scope("greeting")):
        folded = fold(word).rstrip(".").replace("’", "'")
        if not word[0].isupper() or folded in known.greeting_words or folded in known.title_words or folded in parts:
            continue
        related = [p for p in parts if near(folded, p)]
        if related:
            found.append((start, end, next(p for p in recipient.name.split() if fold(p).strip(".,") == related[0])))
    return found


def short_names(analysis: Analysis, span: Span) -> list[Hit]:
    """The recipient named by a short form in the greeting ("Hi Alex" to Alexandra)."""
    return [Hit(s, e) for s, e, _ in greeting_names(analysis, short_form) if span[0] <= s and e <= span[1]]


def name_spelling(analysis: Analysis, span: Span) -> list[Hit]:
    return [Hit(start, end, expected=original) for start, end, original in greeting_names(analysis, _distance_ok)]


def greeting_agreement(analysis: Analysis, span: Span) -> list[Hit]:
    """A gendered greeting word against the given gender; without one, two greeting words
    that disagree with each other ("Chère Monsieur")."""
    words = [(s, e, fold(w).replace("’", "'")) for s, e, w in _words(analysis.text, analysis.scope("greeting"))]
    agreeing = language_words().gendered
    gendered = [(s, e, agreeing[w]) for s, e, w in words if w in agreeing]
    recipient = analysis.recipient
    gender = (recipient.gender or "").lower()[:1] if recipient else ""
    if gender in ("f", "m"):
        return [Hit(s, e, expected="f" if gender == "f" else "m") for s, e, g in gendered if g != gender]
    if len({g for _, _, g in gendered}) > 1:
        first = gendered[0]
        return [Hit(s, e) for s, e, g in gendered if g != first[2]]
    return []


def former_company(analysis: Analysis, span: Span) -> list[Hit]:
    recipient = analysis.recipient
    if not recipient or not recipient.former_companies:
        return []
    current = fold(recipient.company) if recipient.company else None
    folded = analysis.folded
    hits = []
    for company in recipient.former_companies:
        name = fold(company)
        if not name or (current and name == current):
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded[span[0]:span[1]]):
            start, end = span[0] + m.start(), span[0] + m.end()
            sentence = next((s for s in analysis.parts.sentences if s[0] <= start < s[1]), (start, end))
            around = folded[sentence[0]:sentence[1]].replace("’", "'")
            if language_words().former.search(around) or (current and current in around):
                continue  # "your years at Acme", "since you moved from Acme to Globex"
            hits.append(Hit(start, end, expected=recipient.company or ""))
    return hits


_CHECKS: dict[str, Callable[[Analysis, Span], list[Hit]]] = {
    "name_spelling": name_spelling,
    "greeting_agreement": greeting_agreement,
    "former_company": former_company,
}


class FactsCheck(Check):
    needs: frozenset[str] = frozenset()

    def __init__(self, name: str) -> None:
        self.name = name

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        return _CHECKS[self.name](analysis, span)


def build(params: Params, ctx: BuildContext) -> FactsCheck:
    name = params.get("facts", str, required=True)
    if name not in _CHECKS:
        raise ctx.error(f"'facts' must be one of {', '.join(_CHECKS)}, not '{name}'", params.line_of("facts"))
    return FactsCheck(name)


KIND = RuleKind('facts', KEYS, build, matcher_key=None,
                description='The message checked against what is known of the recipient (name, gender, former companies).')
