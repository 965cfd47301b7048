"""Specificity as evidence: the concrete details of a message that are about the recipient
or the relationship, each a span with a kind.

- their-work: something of theirs, made precise ("your post on retry budgets", "votre PR
  qui ajoute...", a company's move: "Acme's shift toward observability");
- entity: names that are not a merge field standing alone (two or more names, or a name
  with something said of it); French uses the model's NER when loaded, every language
  proper-noun shape;
- fact: a number about them ("225M+ transactions", "100 millions de membres");
- shared-context: the same school, group or event, a mutual contact named, a past
  collaboration;
- meeting: where or when the two met or spoke.

What belongs to the sender ("I work at Deloitte", "notre solution") does not count, nor does
what a merge field alone gives: the recipient's name, their company or title standing alone
("vous êtes DRH chez Acme"). The step reads tokens only (no parser), so it runs on
spaCy's blank English pipeline too.
"""

from __future__ import annotations

import re

from ...model import Specific
from ..analysis import Analysis
from ..folding import fold
from .cues import cues_for
from .finder import Finder, _dedupe

__all__ = ["find_specifics", "report_specifics", "without_loose_end"]


def find_specifics(analysis: Analysis) -> tuple[Specific, ...]:
    """The message's specifics, computed once per message (rules and the report share them).
    Overlapping ones are all kept ("Lumio passed 2 million users" is their-work and a fact):
    a rule may ask for one kind; the report merges them (report_specifics)."""
    return analysis.memo("specifics", lambda: tuple(Finder(analysis).run()))


def report_specifics(analysis: Analysis) -> tuple[Specific, ...]:
    """What the evidence step found, with what rules declared as evidence (`require` rules
    with `evidence:`), once the rules have run; overlapping spans are merged, and none ends
    on a word that needs what follows (`without_loose_end`)."""
    own = list(find_specifics(analysis))
    declared = [Specific(kind, s, e, analysis.text[s:e]) for kind, s, e in analysis.declared_specifics]
    specifics = []
    for s in _dedupe(own + declared, analysis.text):
        kept = without_loose_end(s.text, analysis.lang)
        specifics.append(s if kept == s.text else Specific(s.kind, s.start, s.start + len(kept), kept))
    return tuple(specifics)


_WORD = re.compile(r"[^\W\d_][\w'’]*|\d[\w'’]*")


def without_loose_end(phrase: str, lang_code: str) -> str:
    """A span found token by token may stop on a word that needs what follows ("vos conseils
    sur la préparation des entretiens en", "le café de mardi et"): as reported (the text
    output, the page, the coach), it ends on the last word that does not. The language's own
    words (`not_last`), written in lower case: "CES", "LA", "Series A", "par an" stay."""
    cues = cues_for(lang_code)
    loose = cues.not_last if cues else frozenset()
    words = list(_WORD.finditer(phrase))
    end = len(phrase)
    while len(words) > 1 and words[-1].group().islower() and fold(words[-1].group()).replace("’", "'") in loose:
        words.pop()
        end = words[-1].end()
    return phrase[:end]
