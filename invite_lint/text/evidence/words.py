"""The words of a message as the evidence step reads them: tokens with their clause and
sentence, which clauses are the sender's, and the proper names, merge fields left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import SPECIFIC_KINDS, Specific
from ..analysis import Analysis
from ..folding import fold
from ..parts import Span
from .cues import Cues, any_language, cues_for

_CLAUSE_BREAKS = frozenset(",;:()[]—–-|\"“”«»")
_QUOTES = {'"': '"', "“": "”", "«": "»"}



@dataclass
class _Tok:
    i: int
    text: str
    low: str  # folded
    lower: str  # lower-cased, accents kept: "échangé" is not "échange"
    start: int
    end: int
    sent_start: bool  # first word of its sentence (or line)
    clause: int


class Words:
    """Token-level facts of one message shared by the kinds of specifics (text.evidence.finder)."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.cues: Cues | None = cues_for(analysis.lang)
        self.any = any_language()
        self.found: list[Specific] = []
        # per region of the message (the finder fills them in turn)
        self.toks: list[_Tok] = []
        self.by_clause: dict[int, list[_Tok]] = {}
        self.sender: set[int] = set()  # the sender's clauses
        self.greeted: set[str] = set()  # names of the greeting and sign-off
        self.introduced: set[str] = set()  # names the sender introduces (whole message)
        self.names: list[tuple[int, int, Span]] = []

    def _regions(self) -> list[Span]:
        parts = self.a.parts
        regions = [parts.body]
        if parts.subject:
            regions.insert(0, parts.subject)
        return [r for r in regions if r[1] > r[0]]

    def _tokens(self, region: Span) -> list[_Tok]:
        """The region's words, each with its clause number and whether it opens a sentence.

        Clauses break at punctuation, at "that" / "que" and at blank lines, not at the line
        breaks of a hard-wrapped e-mail; a sentence opens after . ! ? or a line that ends
        with punctuation or a bullet."""
        table = self.a.token_table
        text = self.a.text
        out: list[_Tok] = []
        clause = 0
        previous_end = region[0]
        for i in table.within(region):
            if table.is_space[i]:
                continue
            t = table.texts[i]
            start = table.starts[i]
            gap = text[previous_end:start]
            prev = out[-1].text if out else ""
            if "\n\n" in gap.replace("\r", "") or (not out):
                clause += 1
            first = (not out or prev in (".", "!", "?", "…") or "\n\n" in gap.replace("\r", "")
                     or ("\n" in gap and (not prev[-1:].isalnum() or t in ("-", "•", "*"))))
            if "\n" in gap and first:
                clause += 1
            low = table.folded[i]
            joined = t in ("-", "‑") and not gap and i + 1 < len(table.texts) and not table.is_space[i + 1]
            if (t in _CLAUSE_BREAKS and not joined) or t in (".", "!", "?", "…"):  # "skin-contact" is one word
                clause += 1
                out.append(_Tok(i, t, low, t.lower().replace("’", "'"), start, table.ends[i], first, clause))
                clause += 1
            else:
                if low in self.any.clause_openers:
                    clause += 1
                out.append(_Tok(i, t, low, t.lower().replace("’", "'"), start, table.ends[i], first, clause))
            previous_end = table.ends[i]
        return out

    def _sender_clauses(self, toks: Sequence[_Tok]) -> set[int]:
        """Clauses that speak of the sender: opened by "I" / "je" / "on" before any "you", or
        with first-person words and no second person; a clause with no pronoun at all (a
        list item, a parenthesis) follows the clause before it in its sentence."""
        cues = self.cues
        assert cues is not None
        sender: set[int] = set()
        by_clause: dict[int, list[_Tok]] = {}
        for t in toks:
            by_clause.setdefault(t.clause, []).append(t)
        previous: int | None = None
        for clause, words in sorted(by_clause.items()):
            lows = [w.low for w in words if w.text not in _CLAUSE_BREAKS and w.text not in ".!?…"]
            if not lows:
                continue
            if words[0].sent_start or words[0].low in self.any.reported:
                previous = None  # "I read that X moved...": what was read is not the sender's
            firsts = [w for w in lows if w in cues.first_subjects or w in cues.second_subjects]
            if firsts:
                is_sender = firsts[0] in cues.first_subjects
            elif set(lows) & (cues.first_person - self.any.object_pronouns):  # "X m'a fait réfléchir" is about X
                is_sender = not set(lows) & cues.second_person
            elif set(lows) & cues.second_person:
                is_sender = False
            else:
                is_sender = previous in sender if previous is not None else False
            if is_sender:
                sender.add(clause)
            previous = clause
        return sender

    def _add(self, kind: str, start: int, end: int) -> None:
        assert kind in SPECIFIC_KINDS
        text = self.a.text
        while end > start and text[end - 1] in " ,.;:!?":
            end -= 1
        if end > start:
            self.found.append(Specific(kind, start, end, text[start:end]))

    def _sender_clause(self, clause: int) -> bool:
        return clause in self.sender

    def _greeted_names(self) -> set[str]:
        """The words of the greeting and the sign-off: the recipient's and the sender's
        names, which a merge field gives, wherever else they appear."""
        parts = self.a.parts
        words: set[str] = set()
        for s, e in (parts.greeting, parts.sign_off):
            words |= {w.strip(",.!:;-—") for w in fold(self.a.text[s:e]).split()}
        return {w for w in words if w}

    def _introduced_names(self, toks: Sequence[_Tok]) -> set[str]:
        """Names the sender introduces ("Introducing Whitfield & Crane", "je vous présente
        Optiflux"): the sender's own, wherever they appear again."""
        out: set[str] = set()
        for k, t in enumerate(toks):
            if t.low in self.any.introducing:
                for m in range(k + 1, min(len(toks), k + 4)):
                    if toks[m].text[:1].isupper():
                        j = m
                        while j + 1 < len(toks) and (toks[j + 1].text[:1].isupper() or toks[j + 1].text == "&"):
                            j += 1
                        out |= {toks[q].low for q in range(m, j + 1) if toks[q].text != "&"}
                        break
        return out

    def _excluded_name(self, words: str) -> bool:
        low = fold(words)
        if low.split() and all(w in self.greeted or w in self.introduced for w in low.split()):
            return True
        recipient = self.a.recipient
        if recipient is None:
            return False
        parts = set()
        if recipient.name:
            parts |= {fold(p) for p in recipient.name.split()} | {fold(recipient.name)}
        if recipient.company:
            parts.add(fold(recipient.company))
        return low in parts or all(w in parts for w in low.split())

    def _names(self, toks: Sequence[_Tok]) -> list[tuple[int, int, Span]]:
        """Proper names as (first token, last token, span): runs of capitalised words,
        acronyms and CamelCase words, plus the model's entities when it has them."""
        cues = self.cues
        assert cues is not None
        spans: list[tuple[int, int, Span]] = []
        i = 0
        n = len(toks)

        def is_cap(t: _Tok) -> bool:
            w = t.text
            return bool(w[:1].isupper() and any(c.isalpha() for c in w)) and t.low not in cues.not_names

        def strong(t: _Tok) -> bool:  # a name even at the start of a sentence
            w = t.text
            inner_cap = any(c.isupper() for c in w[1:]) and any(c.islower() for c in w)
            acronym = len(w) >= 2 and w.isupper() and w.isalpha()
            return (inner_cap or acronym or any(c.isdigit() for c in w)) and t.low not in cues.not_names

        while i < n:
            t = toks[i]
            followed_by_s = i + 1 < n and toks[i + 1].text in ("'s", "’s")
            if is_cap(t) and (not t.sent_start or strong(t) or followed_by_s or (
                    i + 1 < n and is_cap(toks[i + 1]) and toks[i + 1].clause == t.clause)):
                j = i
                while j + 1 < n and toks[j + 1].clause == t.clause:
                    nxt = toks[j + 1]
                    if is_cap(nxt) or (nxt.text[:1].isdigit() and is_cap(toks[j])):
                        j += 1
                    elif (nxt.low in cues.connectors and j + 2 < n and is_cap(toks[j + 2])
                          and toks[j + 2].clause == t.clause):
                        j += 2
                    elif nxt.text in ("'s", "’s") or nxt.low in ("'", "’"):
                        break
                    else:
                        break
                words = self.a.text[t.start : toks[j].end]
                if not self._excluded_name(words):
                    spans.append((i, j, (t.start, toks[j].end)))
                i = j + 1
            else:
                i += 1
        doc = self.a.doc
        if doc.has_annotation("ENT_IOB"):
            starts = {t.start: k for k, t in enumerate(toks)}
            ends = {t.end: k for k, t in enumerate(toks)}
            covered = {k for a, b, _ in spans for k in range(a, b + 1)}
            for ent in doc.ents:
                a, b = starts.get(ent.start_char), ends.get(ent.end_char)
                if a is None or b is None or any(k in covered for k in range(a, b + 1)):
                    continue
                if ent.label_ not in ("PER", "ORG", "LOC", "MISC", "PERSON", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART"):
                    continue
                inner = toks[a : b + 1]
                if not any(x.text[:1].isupper() for x in inner) or all(x.low in cues.not_names for x in inner):
                    continue
                if not any((x.text[:1].isupper() and not x.sent_start and x.low not in cues.not_names)
                           or strong(x) for x in inner):
                    continue
                if not self._excluded_name(ent.text):
                    spans.append((a, b, (ent.start_char, ent.end_char)))
        return sorted(spans)

    def _name_at(self, k: int) -> tuple[int, int, Span] | None:
        for a, b, span in self.names:
            if a <= k <= b:
                return a, b, span
        return None

    def _employer_position(self, a: int) -> bool:
        """A name right after "at" / "chez" in a clause about the recipient or their role:
        their employer, which a merge field gives."""
        cues = self.cues
        assert cues is not None
        k = a - 1
        while k >= 0 and self.toks[k].low in self.any.articles:
            k -= 1
        if k >= 0 and self.toks[k].low in cues.employer_preps:
            return True
        # "chez Fretano à Lyon": the employer's town; "Head of Logistique": a department
        if k >= 0 and self.toks[k].low in self.any.name_preps and k > 0:
            before = self._name_at(k - 1)
            if before and self._employer_position(before[0]):
                return True
        return k >= 0 and self.toks[k].low in self.any.roles


    def _senders_own(self, a: int) -> bool:
        """A name a few words after "our" / "nos": the sender's own ("nos offres de Business
        Analyst chez Novelia")."""
        cues = self.cues
        assert cues is not None
        own = cues.first_person - cues.first_subjects  # my, our, notre: not "I" or "je"
        return any(self.toks[k].low in own and self.toks[k].clause == self.toks[a].clause
                   for k in range(max(0, a - 5), a))

    def _match_seq(self, k: int, seq: tuple[str, ...]) -> bool:
        toks = self.toks
        if k + len(seq) > len(toks):
            return False
        return all(toks[k + m].low == w for m, w in enumerate(seq))

    def _name_after(self, k: int, limit: int = 8) -> tuple[int, int, Span] | None:
        for a, b, span in self.names:
            if k <= a <= k + limit and self.toks[a].clause in (self.toks[min(k, len(self.toks) - 1)].clause,
                                                               self.toks[min(k, len(self.toks) - 1)].clause + 1):
                return a, b, span
        return None

    def _name_before(self, k: int, limit: int = 8) -> tuple[int, int, Span] | None:
        for a, b, span in reversed(self.names):
            if b < k and k - b <= limit and self.toks[b].clause == self.toks[k].clause:
                return a, b, span
        return None

    def _when(self, k: int) -> bool:
        """A time that dates a meeting: "yesterday", "mardi", "last week", "la semaine dernière"."""
        cues = self.cues
        assert cues is not None
        toks = self.toks
        low = toks[k].low
        if low in cues.when_words:
            return True
        if low in self.any.periods:
            near = {toks[j].low for j in (k - 1, k + 1) if 0 <= j < len(toks)}
            return bool(near & self.any.last)
        return False

