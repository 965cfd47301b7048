"""The kinds of specifics, found on the words of one message (text.evidence.words)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from ...model import Specific
from ..folding import fold
from .cues import Cues
from .their_work import _CURRENCY, TheirWork
from .words import _Tok



class Finder(TheirWork):
    """Finds each kind in turn; see text.evidence for what each kind means."""

    def run(self) -> list[Specific]:
        if self.cues is None:
            return []
        for region in self._regions():
            toks = self._tokens(region)
            if not toks:
                continue
            self.toks = toks
            self.by_clause = {}
            for t in toks:
                self.by_clause.setdefault(t.clause, []).append(t)
            self.sender = self._sender_clauses(toks)
            self.greeted = self._greeted_names()
            self.introduced = self.introduced | self._introduced_names(toks)
            self.names = self._names(toks)
            self._shared(toks)
            self._meetings(toks)
            self._their_work(toks)
            self._facts(toks)
            self._entities()
        return sorted(self.found, key=lambda s: (s.start, s.end, s.kind))

    def _shared(self, toks: Sequence[_Tok]) -> None:
        cues = self.cues
        assert cues is not None
        shared, referral_verbs, referral_before = (_by_first_word(cues.shared_phrases),
                                                   _by_first_word(cues.referral_verbs),
                                                   _by_first_word(cues.referral_before))
        for k in range(len(toks)):
            first = toks[k].low
            for seq in shared.get(first, ()):
                if not self._match_seq(k, seq):
                    continue
                end_k = k + len(seq) - 1
                needs_name = seq in cues.shared_needs_name
                name = self._name_after(end_k + 1) or self._name_before(k)
                if needs_name and name is None:
                    continue
                if name and any(x.low in self.any.field_words for x in toks[min(k, name[0]) : max(end_k, name[1]) + 1]):
                    continue  # "we both work in HR": the same field, which thousands share
                start = min(toks[k].start, name[2][0]) if name else toks[k].start
                end = max(toks[end_k].end, name[2][1]) if name else toks[end_k].end
                self._add("shared-context", start, end)
            # a past done together: "we painted the library mural together", "nous avions
            # travaillé ensemble en 2019"
            if toks[k].low in self.any.together:
                clause = [q for q in range(max(0, k - 10), k) if toks[q].clause == toks[k].clause]
                subject = next((q for q in clause if toks[q].low in self.any.we_subjects), None)
                future = any(toks[q].low in self.any.not_past for q in clause)
                if subject is not None and not future:
                    self._add("shared-context", toks[subject].start, toks[k].end)
            # a mutual contact: "Sophie Durand suggested I reach out", "de la part de Marc"
            for seq in referral_verbs.get(first, ()):
                if self._match_seq(k, seq):
                    name = self._name_before(k)
                    if name:
                        self._add("shared-context", name[2][0], toks[k + len(seq) - 1].end)
            for seq in referral_before.get(first, ()):
                if self._match_seq(k, seq):
                    name = self._name_after(k + len(seq), limit=1)
                    if name:
                        self._add("shared-context", toks[k].start, name[2][1])

    def _meetings(self, toks: Sequence[_Tok]) -> None:
        """A meeting with where (a name) or when (a date): "we met at the Lyon DevFest",
        "rencontrés hier au salon". "At the event" alone could be any event."""
        cues = self.cues
        assert cues is not None
        for k, t in enumerate(toks):
            word = t.lower if cues.compares_accented("meeting_verbs") else t.low
            cue = word in cues.meeting_verbs or (
                t.low in cues.meeting_nouns and k > 0 and toks[k - 1].low in self.any.meeting_determiners
            )
            if not cue:
                continue
            clauses = (t.clause, t.clause + 1, t.clause + 2)
            window = [m for m in range(k + 1, min(len(toks), k + 10)) if toks[m].clause in clauses
                      and not toks[m].sent_start]
            before = [m for m in range(max(0, k - 5), k) if toks[m].clause == t.clause]
            ends = []
            for m in window + before:
                name = self._name_at(m)
                if name:  # "we met at X": the meeting is shared, so a sender's clause is fine
                    ends.append(name[2][1])
                elif self._when(m):
                    ends.append(toks[m].end)
            if ends:
                starts = [toks[m].start for m in before if self._when(m)]
                self._add("meeting", min([t.start, *starts]), max(ends))

    def _facts(self, toks: Sequence[_Tok]) -> None:
        cues = self.cues
        assert cues is not None
        named_clauses = {toks[a].clause for a, _, _ in self.names}
        for k, t in enumerate(toks):
            if not any(c.isdigit() for c in t.text):
                continue
            if self._sender_clause(t.clause):
                continue
            nxt_k = k + 1
            while nxt_k < len(toks) and toks[nxt_k].text in ("-", "‑", "–"):
                nxt_k += 1
            nxt = toks[nxt_k] if nxt_k < len(toks) else None
            after = nxt.low if nxt and nxt.clause in (t.clause, t.clause + 1, t.clause + 2) else ""
            if after in cues.numbers_excluded_after or t.low.endswith(("h", "min", "am", "pm")) and t.low[:1].isdigit() \
                    and not t.low.endswith(("th",)):
                continue
            if ":" in t.text or (len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20")):
                continue  # a time or a year on its own
            previous = toks[k - 1].low if k > 0 else ""
            if k > 0 and toks[k - 1].text[:1].isupper() and toks[k - 1].end == t.start - 1 and not magnitude_word(
                    toks, k, cues):
                continue  # "Microsoft 365", "Windows 11": part of a name
            if (after in _CURRENCY or previous in _CURRENCY or t.text[:1] in "€$£" or t.text[-1:] in "€$£") \
                    and after not in cues.magnitude:
                continue  # a price is the sender's offer, not a fact about them
            clause = self.by_clause.get(t.clause, [])
            words = {x.low for x in clause}
            # a percentage or a multiplier is what pitches claim; a size is what a company is
            magnitude = (t.low[-1:] in ("m", "k", "+") or after in cues.magnitude or after == "+"
                         or ("," in t.text and t.text.replace(",", "").isdigit()))
            about_them = bool(words & cues.second_person) or t.clause in named_clauses
            if not (magnitude or about_them):
                continue
            if t.text.isdigit() and int(t.text) < 10 and not magnitude:
                continue  # "2 créneaux", "3 questions": counts of the ask, not facts
            end_k = k
            for m in range(k + 1, min(len(toks), k + 4)):
                x = toks[m]
                if x.clause != t.clause or not (x.text.isalpha() or x.text in ("+", "%")):
                    break
                if x.low in cues.first_person or x.low in cues.relatives:
                    break
                end_k = m
            self._add("fact", t.start, toks[end_k].end)

    def _entities(self) -> None:
        """Names with something said of them, or two names or more: not a company merge field
        standing alone."""
        cues = self.cues
        assert cues is not None
        eligible = []
        for a, b, span in self.names:
            t = self.toks[a]
            if self._sender_clause(t.clause) or self._employer_position(a) or self._senders_own(a):
                continue
            if any(s.start <= span[0] and span[1] <= s.end for s in self.found):
                continue
            eligible.append(span)
        distinct = {fold(self.a.text[s:e]) for s, e in eligible}
        text = fold(self.a.text)
        addressed = any(set(text[ss:se].replace("'", "' ").split()) & cues.second_person
                        for ss, se in self.a.parts.sentences
                        if any(ss <= s and e <= se for s, e in eligible))
        if len(distinct) >= 2 and addressed:
            for s, e in eligible:
                self._add("entity", s, e)


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word: each token looks up only the phrases it can start."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in phrases:
        index.setdefault(seq[0], []).append(seq)
    return {word: tuple(seqs) for word, seqs in index.items()}


def magnitude_word(toks: Sequence[_Tok], k: int, cues: Cues) -> bool:
    return k + 1 < len(toks) and toks[k + 1].low in cues.magnitude


def _dedupe(found: Iterable[Specific], text: str) -> list[Specific]:
    """Keep the longest of overlapping specifics (a fact inside their-work is one detail)."""
    ordered = sorted(found, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Specific] = []
    for s in ordered:
        if kept and s.start < kept[-1].end:
            last = kept[-1]
            if s.end > last.end:
                kept[-1] = Specific(last.kind, last.start, s.end, text[last.start : s.end])
            continue
        kept.append(s)
    return kept


