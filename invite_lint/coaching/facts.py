"""What the coach knows of the recipient: what the user said (a Recipient), completed by
what the draft itself already says (the greeting's name, "votre article sur ..."). The
draft's own specifics are reused; nothing is ever guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

from ..model import Recipient
from ..text.folding import fold
from ..lang.compiled import words as language_words
from ..text.evidence import without_loose_end
from ..text.evidence.cues import cues_for
from ..text.parts import split_parts
from .grammar import GRAMMARS
from .languages import pattern, shared_words
from .subject import figures
from .templates import FACTS

_QUOTED = re.compile(r"«\s*[^»\n]{3,80}»|“[^”\n]{3,80}”|\"[^\"\n]{3,80}\"")
_GREETING_NAME = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ'’-]+)")
MAX_ABOUT_WORDS = 14
# "ancienne de l'INSA Lyon moi aussi", "comme vous passé par Centrale", "as a fellow Lyon alum"
# (Grammar.shared). The cue is found first, then its clause (between punctuation marks): one
# linear pass, whatever the length of the draft.
_CLAUSE_END = re.compile(r"[.!?,;:\n]")
_ORG = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]*[A-Z]\w*|[A-Z]{2,}(?:\s[A-Z][a-z]+)?)\b")


@dataclass(frozen=True)
class Facts:
    """The facts the coach may use, each with where it came from ("given" or "draft")."""

    name: str | None = None
    about: str | None = None
    interest: str | None = None
    met: str | None = None
    ask: str | None = None
    detail: str | None = None
    discussed: str | None = None
    figure: str | None = None  # a number the draft gives ("100 millions de membres")
    shared: str | None = None  # what the draft says the two share ("ancienne de l'INSA Lyon moi aussi")
    sources: dict[str, str] = field(default_factory=dict)
    # What else the draft holds that no slot takes (names of organisations...): reported, not used.
    extra: tuple[tuple[str, str], ...] = ()

    def get(self, fact: str) -> str | None:
        return getattr(self, fact)

    @property
    def first_name(self) -> str | None:
        first = Recipient(name=self.name).first_name
        return first[:1].upper() + first[1:] if first else None


def name_from_greeting(text: str) -> str | None:
    start, end = split_parts(text).greeting
    for word in _GREETING_NAME.findall(text[start:end]):
        if fold(word) not in language_words().greeting_words and fold(word) not in language_words().title_words:
            return word
    return None


def about_from_draft(text: str, lang: str, nlp: Language) -> str | None:
    """The first phrase of the draft that points at something of theirs: a possessive and
    what follows it, up to the verb ("votre article sur le bien-être au travail m'a plu"),
    or a title in quotes."""
    grammar = GRAMMARS.get(lang)
    possessives = grammar.possessives if grammar else ()
    stop = grammar.about_stop if grammar else frozenset()
    parts = split_parts(text)
    start, end = parts.body
    doc = nlp(text[start:end])
    tokens = list(doc)
    vague = {fold(w) for w in shared_words("vague")}
    at_entity = pattern(r"^(?:{preps})\s+[A-ZÀ-Ý]\w", preps="entity_prepositions")
    for i, token in enumerate(tokens):
        if token.lower_ not in possessives or i + 1 >= len(tokens):
            continue
        if fold(tokens[i + 1].text) in vague and not at_entity.match(doc[i + 2:i + 5].text if i + 2 < len(tokens) else ""):
            continue  # "votre profil" says nothing; "votre parcours chez BlaBlaCar" does
        j = i + 1
        while j < len(tokens) and j - i <= MAX_ABOUT_WORDS:
            t = tokens[j]
            if t.is_punct and t.text not in ("-", "«", "»", "'", "’", '"') or t.lower_ in stop or t.is_space:
                break
            if grammar and grammar.about_stops_at_verb and t.pos_ in ("VERB", "AUX") and j > i + 2:
                break
            j += 1
        phrase = doc[i:j].text.strip()
        if len(phrase.split()) >= 2:
            return phrase
    quoted = _QUOTED.search(text[start:end])
    return quoted.group(0).strip() if quoted else None


def uses_tu(text: str) -> bool:
    """Does the draft tutoyer the recipient (more tu forms than vous forms)?"""
    words = re.findall(r"[\w'’-]+", fold(text))
    tu = sum(1 for w in words if w.lstrip("-") in ("tu", "te", "toi", "ton", "ta", "tes") or w in ("t'", "t’"))
    vous = sum(1 for w in words if w.lstrip("-") in ("vous", "votre", "vos"))
    return tu > vous


@dataclass(frozen=True)
class DraftSpecific:
    """Something specific the draft says (the shape of `invite_lint.model.Specific`)."""

    kind: str  # "their-work" | "entity" | "fact" | "shared-context" | "meeting"
    text: str


def shared_from_draft(text: str, lang: str) -> str | None:
    start, end = split_parts(text).body
    body = text[start:end]
    found = (GRAMMARS.get(lang) or GRAMMARS["en"]).shared.search(body)
    if not found:
        return None
    before = max((m.end() for m in _CLAUSE_END.finditer(body, max(0, found.start() - 200), found.start())),
                 default=max(0, found.start() - 200))
    after = _CLAUSE_END.search(body, found.end())
    grammar = GRAMMARS.get(lang) or GRAMMARS["en"]
    first = body[before:].split(None, 1)[0].lower() if body[before:].split() else ""
    if after and body[after.start()] == "," and first in grammar.shared_leads:
        # "As a fellow alum, I saw ...": the phrase before the comma is no sentence on its own;
        # the clause after it completes it
        after = _CLAUSE_END.search(body, after.end())
    clause = body[before: after.start() if after else min(len(body), found.end() + 200)].strip()
    return clause if 3 <= len(clause.split()) <= 30 else None


def draft_specifics(text: str, lang: str, nlp: Language) -> list[DraftSpecific]:
    """The draft's specifics, found here until the linter's evidence step reports them."""
    found: list[DraftSpecific] = []
    if about := about_from_draft(text, lang, nlp):
        found.append(DraftSpecific("their-work", about))
    start, end = split_parts(text).body
    body = text[start:end]
    found += [DraftSpecific("fact", f) for f in figures(body)]
    if shared := shared_from_draft(text, lang):
        found.append(DraftSpecific("shared-context", shared))
    found += [DraftSpecific("entity", m.group(1)) for m in _ORG.finditer(body)]
    return found


def _where_met(meeting: str, lang: str) -> str:
    """A meeting as the evidence step reports it ("rencontré au salon Vivatech hier", "met you at
    PyCon") holds its verb: the `met` slot takes where and when ("au salon Vivatech hier")."""
    cues = cues_for(lang)
    words = meeting.split()
    verbs = (cues.meeting_verbs if cues else frozenset())
    k = 0
    while k < len(words) - 1 and (fold(words[k]).strip(",.") in verbs or words[k].lower() in verbs
                                   or words[k].lower() in ("you", "vous", "te", "t'", "avoir")):
        k += 1
    return " ".join(words[k:]) if k else meeting


def _with_clause_lead(text: str, found: str, lang: str) -> str:
    """What of theirs the draft names after "que" / "that" is a clause ("j'ai vu que BlaBlaCar
    venait de dépasser ..."): keep the draft's own lead word, so that the opener says "j'ai vu
    que BlaBlaCar ..." and not "votre BlaBlaCar ...". Anything else is returned as found."""
    grammar = GRAMMARS.get(lang)
    at = text.find(found)
    if grammar is None or not grammar.clause_leads or at <= 0:
        return found
    if (grammar.lead.match(found) or found.split()[0].lower() in grammar.possessives) and not _has_verb(found, lang):
        return found  # "que votre podcast sur la RSE ...": the span is their work itself, a noun phrase
    window = max(0, at - 16)
    before = re.search(r"(?:^|\s)(\w+['’]?)\s*$", text[window:at])
    if before and grammar.is_clause(before.group(1)):
        return text[window + before.start(1):at] + found
    return found


def _has_verb(phrase: str, lang: str) -> bool:
    """A word past the subject that the language's evidence cues know as a move or a past
    form ("your startup raised a Series A"): without a tagger, what says a clause."""
    cues = cues_for(lang)
    if cues is None:
        return False
    suffixes = tuple(cues.past_suffixes)
    return any(w in cues.moves or (suffixes and w.endswith(suffixes) and len(w) > 4)
               for w in (fold(w) for w in phrase.split()[2:]))


def _sentence_start_lowered(phrase: str, lang: str, nlp: Language) -> str:
    """A phrase taken from the start of one of the draft's sentences keeps a capital it only
    had there ("Ancienne de l'INSA Lyon moi aussi"); after "Bonjour Claire, " it is lowered
    when its first word is a common word (a stop word, or a form the model's lemmatizer
    tables know), never when it may be a name ("Marseille", "INSA", "BlaBlaCar")."""
    first = re.match(r"[^\W\d_]+", phrase)
    word = first.group(0) if first else ""
    if not (len(word) > 1 and word[0].isupper() and word[1:].islower()):
        return phrase
    following = phrase[len(word):].split()
    if following and following[0][:1].isupper():
        return phrase  # "Paris Dauphine", "Whole Foods": a name of several words
    return phrase[:1].lower() + phrase[1:] if _common_word(word.lower(), lang, nlp) else phrase


def _common_word(word: str, lang: str, nlp: Language) -> bool:
    grammar = GRAMMARS.get(lang)
    if grammar and (fold(word) in grammar.stopwords or word in grammar.shared_leads) or word in nlp.Defaults.stop_words:
        return True
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None:
        return False
    if lookups.has_table("lemma_lookup") and word in lookups.get_table("lemma_lookup"):
        return True  # an inflected form ("ancienne", "diplômée")
    if lookups.has_table("lemma_index"):  # a base form, under any part of speech
        return any(word in forms for forms in lookups.get_table("lemma_index").values())
    return False


def gather(text: str, recipient: Recipient | None, lang: str, nlp: Language,
           specifics: list[DraftSpecific] | None = None) -> Facts:
    """The user's facts, completed by the draft's own specifics (its greeting's name, what of
    theirs it names, a figure, what the two share); what no slot takes is kept in `extra`."""
    given = recipient or Recipient()
    values: dict[str, str | None] = {f: getattr(given, f, None) for f in FACTS}
    sources = {f: "given" for f, v in values.items() if v}
    extra: list[tuple[str, str]] = []
    if text.strip():
        if not values["name"] and (name := name_from_greeting(text)):
            values["name"], sources["name"] = name, "draft"
        slot_of = {"their-work": "about", "shared-context": "shared", "meeting": "met"}
        for specific in draft_specifics(text, lang, nlp) if specifics is None else specifics:
            slot = slot_of.get(specific.kind)
            if specific.kind == "fact" and re.search(r"\d", specific.text):
                slot = "figure"
            if slot and not values.get(slot):
                value = _where_met(specific.text, lang) if slot == "met" else specific.text
                if slot in ("about", "shared"):
                    value = value.rstrip(" .!?;:,")  # the template ends its own sentence
                if slot == "about" and (clause := _with_clause_lead(text, value, lang)) != value:
                    value = without_loose_end(clause, lang)
                    if len(value.split()) < 5:  # "que ta boîte venait": cut short, says nothing whole
                        extra.append((specific.kind, specific.text))
                        continue
                if slot in ("about", "shared"):
                    value = _sentence_start_lowered(value, lang, nlp)
                values[slot], sources[slot] = value, "draft"
            elif slot is None and not any(specific.text in (v or "") for v in values.values()):
                extra.append((specific.kind, specific.text))
    if values["about"] and values["shared"] and sources.get("about") == "draft" and values["about"] in values["shared"]:
        values["about"] = None  # the draft's shared past already says it ("as a fellow alum I follow your work...")
        sources.pop("about")
    return Facts(sources=sources, extra=tuple(extra), **{k: (v.strip() if v else None) for k, v in values.items()})

