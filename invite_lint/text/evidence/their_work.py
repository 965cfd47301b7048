"""Their work: the kind of specific most messages carry — something of theirs made precise
(possessives, "you wrote...", a company's move, what the sender read or saw, titles in quotes)."""

from __future__ import annotations

from collections.abc import Sequence

from ..folding import fold
from .words import _QUOTES, Words, _Tok

_CURRENCY = frozenset("€ $ £ eur euro euros dollar dollars usd gbp".split())



class TheirWork(Words):
    """The their-work kind, and the details that make a thing precise (used by the other kinds)."""

    def _detail_after(self, k: int, clause: int, strong: bool = False, topic_only: bool = False) -> int | None:
        """End offset of a detail that makes the thing at token k precise: a topic, a
        name, a number, a quoted title, a relative clause; only a name or a quoted title
        when `strong`."""
        cues = self.cues
        assert cues is not None
        toks = self.toks
        for m in range(k + 1, min(len(toks), k + 9)):
            x = toks[m]
            after_comma = x.clause == clause + 2 and toks[m - 1].text == "," and x.low in cues.topic_preps
            if x.clause != clause and not (x.low in cues.relatives or x.text in _QUOTES or after_comma
                                           or (x.text == "," and m == k + 1)):
                break
            if x.text == ",":
                continue
            # "your figures for ethylene scrubbers", "vos dossiers de baux ruraux", "your mugs at the sale"
            topic_next = m == k + 1 and (x.low in cues.topic_preps or x.low in self.any.of_words
                                         or x.low in cues.place_preps)
            if strong and not topic_next:
                if m > k + 3:
                    break
                named = self._name_at(m)
                if named or x.text in _QUOTES:
                    return (named or (0, 0, (0, x.end)))[2][1]
                continue
            # "votre toile au parc"; but "your work in logistics" is a field
            place = x.low in cues.place_preps and m == k + 1 and not topic_only
            to_do = topic_only and x.low == "to" and m == k + 1  # "your advice to ship it ugly first"
            if x.low in cues.topic_preps or place or to_do or (x.low in self.any.of_words and m == k + 1):
                content = [(q, y) for q, y in enumerate(toks[m + 1 : m + 4], m + 1)
                           if y.text.isalpha() or y.text[:1].isalnum()]
                content = [(q, y) for q, y in content if y.low not in self.any.function and y.low not in cues.vague
                           and y.low not in cues.first_person and y.low not in cues.second_person
                           and len(y.low) > 2]
                if content:
                    # the topic runs on while its words do: "on type hints", "sur la QVT"
                    last = content[0][0]
                    while (last + 1 < len(toks) and last < m + 5 and toks[last + 1].clause == clause
                           and toks[last + 1].text[:1].isalnum() and toks[last + 1].low not in cues.relatives
                           and toks[last + 1].low not in cues.first_person
                           and toks[last + 1].low not in cues.second_person):
                        last += 1
                    return toks[last].end
            if topic_only:
                continue
            if x.low in cues.relatives and m + 1 < len(toks) and toks[m + 1].text[:1].isalpha():
                return toks[min(len(toks) - 1, m + 2)].end
            if self._name_at(m) or any(c.isdigit() for c in x.text) or x.text in _QUOTES:
                return (self._name_at(m) or (0, 0, (0, x.end)))[2][1]
        return None

    def _their_work(self, toks: Sequence[_Tok]) -> None:
        has_open_question = self._open_question()
        for k, t in enumerate(toks):
            self._possessive_work(k, t, has_open_question)
            self._you_did(k, t)
            self._company_move(k, t)
            self._perceived(k, t)
            self._greeting_words(k, t)
            self._artefact_on_name(k, t)
        self._quoted_titles(toks)

    def _possessive_work(self, k: int, t: _Tok, has_open_question: bool) -> None:
        """your talk on type hints, votre fiche « cinq erreurs », your PyCon talk; a thing of
        theirs with no detail counts only when an open question asks about it ("your talk:
        how did you prepare?"), and never in the plural ("vos projets")."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        if t.low not in cues.possessive:
            return
        for m in range(k + 1, min(len(toks), k + 10)):
            x = toks[m]
            if (x.clause != t.clause and x.text not in _QUOTES) or x.low in cues.first_person \
                    or x.low in self.any.conjunctions:
                return
            nxt = toks[m + 1] if m + 1 < len(toks) else None
            if nxt is not None and nxt.clause == x.clause and (
                    nxt.text in ("'s", "’s") or (x.text.isalpha() and nxt.low in cues.artefacts)):
                continue  # "your team's tool", "your network session", "your number talks workshop"
            if x.text in ("'s", "’s", "%", "+"):
                continue
            if x.low in cues.vague:
                # "your work on accessible forms" is precise; "your experience at Acme" is not
                if x.low in self.any.work_words:
                    end = self._detail_after(m, x.clause, topic_only=True)
                    if end:
                        self._add("their-work", t.start, end)
                return
            if x.text in ("-", "‑") or x.text[:1].isdigit():
                continue  # "your write-up", "your 2021 skin-contact Ribolla"
            if x.text in _QUOTES or not x.text[:1].isalpha():
                end = self._detail_after(m - 1, x.clause) if x.text in _QUOTES else None
                if end:
                    self._add("their-work", t.start, end)
                return
            artefact = (x.low in cues.artefacts or x.low.rstrip("sx") in cues.artefacts or x.low in cues.moves)
            # a kind of work takes any detail; another noun needs a name or a title in quotes
            end = self._detail_after(m, x.clause, strong=not artefact)
            named = any(self._name_at(q) for q in range(k + 1, m + 1))
            if (end or named) and x.low.rstrip("sx") not in cues.vague:
                self._add("their-work", t.start, end or x.end)
                return
            if x.low in cues.artefacts or x.low in cues.moves:
                pointed = self._pointed_inside(m)
                if pointed:  # "your painting ... those colours": a part of it singled out
                    self._add("their-work", t.start, pointed)
                elif has_open_question and x.low in cues.artefacts and not x.low.endswith(("s", "x")):
                    self._add("their-work", t.start, x.end)
                return

    def _pointed_inside(self, m: int) -> int | None:
        """End of "those colours" / "ces bleus" within the next sentence: the painter's
        detail, a part of the work singled out."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        sentences = 0
        for q in range(m + 1, min(len(toks), m + 30)):
            if toks[q].sent_start:
                sentences += 1
                if sentences > 1:
                    return None
            if toks[q].low in self.any.demonstratives and q + 1 < len(toks):
                noun = toks[q + 1]
                if noun.text.isalpha() and noun.low not in cues.vague and noun.low not in self.any.function \
                        and noun.low not in self.any.not_parts:
                    return noun.end
        return None

    def _you_did(self, k: int, t: _Tok) -> None:
        """you wrote..., vous avez publié..., and the thing before it: "the report you
        mentioned", "la photo que vous avez publiée hier"."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        object_pronoun = k > 0 and toks[k - 1].low in self.any.object_subjects
        if t.low not in self.any.you_subjects or object_pronoun:
            return
        m = k + 1
        while m < len(toks) and toks[m].low in self.any.auxiliaries:
            m += 1
        if m >= len(toks) or toks[m].clause not in (t.clause, t.clause + 1):
            return
        verb = toks[m].low
        stem = verb[:-2] if verb.endswith("es") else verb[:-1] if verb.endswith(("e", "s")) else verb
        did = (verb in cues.you_did or stem in cues.you_did
               or (any(verb.endswith(s) for s in cues.past_suffixes) and len(verb) > 4))
        if not did or verb in cues.you_did_not or stem in cues.you_did_not:
            return
        end = self._detail_after(m, toks[m].clause)
        if not end:  # "you published a guide to pruning": what they made is the detail
            obj = next((q for q in range(m + 1, min(len(toks), m + 4)) if toks[q].low in cues.artefacts
                        and toks[q].clause == toks[m].clause), None)
            end = (self._detail_after(obj, toks[obj].clause) or toks[obj].end) if obj is not None else None
        if end:
            self._add("their-work", t.start, end)
            return
        # the kind of work named just before: "[the Nordic report] (that) you mentioned",
        # "la carte des vins que vous avez repensée"
        head = next((q for q in range(k - 1, max(-1, k - 9), -1)
                     if toks[q].low in cues.artefacts or toks[q].low.rstrip("sx") in cues.artefacts
                     or toks[q].low in cues.event_words), None)
        if head is not None and not any(toks[q].low in cues.first_person for q in range(max(0, head - 2), head)):
            self._add("their-work", toks[head].start, toks[m].end)

    def _company_move(self, k: int, t: _Tok) -> None:
        """A company's move: "Riverbed's shift toward...", "Extreme moved from...",
        "le rachat de la Biscuiterie Morvan", "congrats on Pellwood joining..."."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        name = self._name_at(k)
        if name and name[0] == k and not self._sender_clause(t.clause) and not self._employer_position(k):
            for m in range(name[1] + 1, min(len(toks), name[1] + 6)):
                x = toks[m]
                if x.clause != t.clause:
                    break
                if x.low in cues.moves:
                    self._add("their-work", name[2][0], self._detail_after(m, x.clause) or x.end)
                    return
        if t.low in cues.moves:
            for m in range(k + 1, min(len(toks), k + 6)):
                if toks[m].clause != t.clause:
                    break
                named = self._name_at(m)
                if named and not self._senders_own(m):
                    self._add("their-work", t.start, named[2][1])
                    return

    def _perceived(self, k: int, t: _Tok) -> None:
        """What the sender saw, read, heard or used of theirs, named: "I finished The Quiet
        Engine", "j'ai acheté votre baume ... au marché de Vannes", "I read that the Vergers
        du Lot co-op now sells online"."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        if t.low not in cues.perceived:
            return
        window = []
        for m in range(k + 1, min(len(toks), k + 13)):
            if toks[m].clause not in (t.clause, t.clause + 1) or toks[m].low in cues.first_subjects:
                break  # "I see we both teach...": what follows is about the sender
            window.append(m)
        reported = any(toks[m].low in self.any.reported for m in window[:2])
        # "j'ai lu l'article sur X", "I watched the talk on Y": what was taken in, made precise
        for m in window[:4]:
            if toks[m].low in cues.artefacts or toks[m].low in cues.moves:
                end = self._detail_after(m, toks[m].clause)
                if end:  # the specific is what was taken in, not the sender's reading of it
                    self._add("their-work", toks[m].start, end)
                    return
                break
        for m in window:
            named = self._name_at(m)
            if named and not self._employer_position(named[0]) and not self._senders_own(named[0]):
                multiword = named[1] > named[0]
                if not reported or multiword or self._move_near(named[1]):
                    self._add("their-work", named[2][0], named[2][1])
                return
            if toks[m].low in cues.possessive:
                return  # the possessive rule decides

    def _move_near(self, k: int) -> bool:
        cues = self.cues
        assert cues is not None
        return any(self.toks[m].low in cues.moves for m in range(k + 1, min(len(self.toks), k + 5)))

    def _greeting_words(self, k: int, t: _Tok) -> None:
        """Thanks or congratulations for something named: "thank you for the webinar on cold
        chains last Tuesday", "congrats on Pellwood Legal joining Hartmann & Co"."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        if t.low not in cues.thanks:
            return
        for m in range(k + 1, min(len(toks), k + 9)):
            x = toks[m]
            if x.clause != t.clause:
                return
            if x.low in cues.artefacts or x.low in cues.meeting_nouns or x.low in cues.event_words:
                end = self._detail_after(m, x.clause) or next(
                    (toks[q].end for q in range(m + 1, min(len(toks), m + 5)) if self._when(q)), None)
                if end:
                    self._add("meeting" if x.low in cues.meeting_nouns or x.low in cues.event_words
                              else "their-work", t.start, end)
                return
            named = self._name_at(m)
            if named:
                self._add("their-work", t.start, named[2][1])
                return

    def _artefact_on_name(self, k: int, t: _Tok) -> None:
        """A kind of work and a name close by, no possessive: "the new collection of the
        Musée d'Art de Saint-Clair", "a post on the Amiral Ronarc'h"."""
        cues, toks = self.cues, self.toks
        assert cues is not None
        if t.low not in cues.artefacts or (k > 0 and toks[k - 1].low in cues.possessive):
            return
        # in the sender's clause ("je travaille sur le projet Alpha") only what they took in
        # of it, or a name of several words ("la collection du musée d'Art de Saint-Clair")
        sender = self._sender_clause(t.clause) and not any(x.low in cues.perceived for x in self.by_clause[t.clause])
        for m in range(k + 1, min(len(toks), k + 7)):
            if toks[m].clause != t.clause:
                return
            named = self._name_at(m)
            if named:
                if sender and named[1] == named[0]:
                    return
                if not self._senders_own(named[0]) and not self._employer_position(named[0]):
                    self._add("their-work", t.start, named[2][1])
                return

    def _quoted_titles(self, toks: Sequence[_Tok]) -> None:
        """A title in quotes is somebody's work: « Le Pain des villes », "Saltwater Hymns";
        not the sender's ("my book «...»")."""
        cues = self.cues
        assert cues is not None
        text = self.a.text
        for k, t in enumerate(toks):
            close = _QUOTES.get(t.text)
            if close is None:
                continue
            end = next((m for m in range(k + 1, min(len(toks), k + 16)) if toks[m].text == close
                        or (close == '"' and toks[m].text in ('"', "”"))), None)
            if end is None or end - k < 2:
                continue
            inside = text[toks[k].end : toks[end].start].strip()
            before = {toks[q].low for q in range(max(0, k - 3), k)}
            if len(inside) < 3 or before & (cues.first_person - cues.first_subjects):
                continue
            self._add("their-work", t.start, toks[end].end)

    def _open_question(self) -> bool:
        cues = self.cues
        assert cues is not None
        text = self.a.text
        for s, e in self.a.parts.sentences:
            if "?" in text[s:e]:
                words = set(fold(text[s:e]).replace("?", " ").split())
                if words & cues.question_words:
                    return True
        return False

