"""English for the coach: second person from the user's third ("her post" -> "your post"),
"a"/"an", demonstratives by number (that PR, those colours), gerunds for what a work does
("that added async support" -> "adding async support"), the verb that goes with a kind of
work. The coach reads it through invite_lint.lang.grammar.Grammar."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..folding import fold
from ..grammar import GenderOf, Grammar, capitalise_sentences, table

_EN_POSSESSIVE_THIRD = re.compile(r"\b(his|her|their)\b", re.I)
_EN_SUBJECT_THIRD = re.compile(r"\b(she|he|they)\s+(was|has|is|does)\b|\b(she|he|they)\b", re.I)
_EN_TOPIC = re.compile(r"\b(?:on|about|around|regarding)\s+(.+)$", re.I)
_EN_SEEN = {
    "I read": "article post piece essay op-ed column blog newsletter thread book novel paper preprint report study "
              "survey thesis write-up writeup letter answer comment guide chapter interview notebook breakdown "
              "teardown devlog pr rfc proposal changelog",
    "I listened to": "podcast episode album song track",
    "I watched": "talk keynote presentation webinar video documentary film session demo lecture panel",
    "I saw": "painting paintings canvas photo photos photograph exhibition exhibit mural poster sculpture "
             "illustration illustrations drawing map chart collection series stall booth bowls",
    "I've been using": "app tool library package crate framework plugin platform product extension bot",
}
_EN_MAKE = {
    "write": "article post piece essay op-ed column blog newsletter thread book novel paper preprint report study "
             "thesis write-up writeup letter guide chapter notebook breakdown teardown devlog",
    "prepare": "talk keynote presentation webinar session lecture panel workshop course",
    "record": "podcast episode album song track",
    "make": "video documentary film painting paintings canvas photo photos photograph exhibition mural poster "
            "sculpture illustration drawing map chart collection series bowls demo",
    "build": "app tool library package crate framework plugin platform product extension bot",
}
_EN_SEEN_BY_NOUN = table(_EN_SEEN, fold)
_EN_MAKE_BY_NOUN = table(_EN_MAKE, fold)
_EN_VERB_AFTER_YOU = {"was": "were", "has": "have", "is": "are", "does": "do"}


def en_finish(text: str) -> str:
    """One space, no doubled words ("the the"), "a" before a vowel sound becomes "an",
    a capital after a full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\b(the|a|an|your|my|to|of|on|in|at)\s+\1\b", r"\1", text, flags=re.I)
    text = re.sub(r"\b([Aa])\s+(?=[aeiouAEIOU])", lambda m: m.group(1) + "n ", text)
    text = re.sub(r"\s+([,.?!:;])", r"\1", text)
    return capitalise_sentences(text)


def en_second_person(phrase: str) -> str:
    """"her post on X" -> "your post on X"; "the report she recommended" -> "... you recommended";
    "a painting of hers" -> "your painting"."""
    phrase = re.sub(r"^(?:a|an|the|one)\s+(.+?)\s+of\s+(?:hers|his|theirs)\b", r"your \1", phrase, flags=re.I)
    phrase = re.sub(r"\bof\s+(?:hers|his|theirs)\b", "of yours", phrase, flags=re.I)
    phrase = _EN_POSSESSIVE_THIRD.sub(lambda m: "Your" if m.group(1)[0].isupper() else "your", phrase)

    def subject(m: re.Match[str]) -> str:
        if m.group(2):
            return "you " + _EN_VERB_AFTER_YOU[m.group(2).lower()]
        return "you"

    return _EN_SUBJECT_THIRD.sub(subject, phrase)




# ---------------------------------------------------------------------------- subjects

_WORK_NOUNS = {
    "writing": "article post piece essay op-ed column blog newsletter thread book novel paper preprint report "
               "study survey thesis write-up writeup letter guide chapter notebook breakdown teardown devlog "
               "tutorial recipe",
    "talk": "talk keynote presentation webinar session lecture panel workshop course pitch",
    "audio": "podcast episode album song track interview",
    "video": "video documentary film series livestream stream",
    "visual": "painting paintings canvas photo photos photograph photographs exhibition exhibit mural poster "
              "sculpture illustration illustrations drawing drawings map chart collection bowls infographic",
    "code": "app tool library package crate framework plugin platform product extension bot pr pull commit "
            "release rewrite migration prototype demo api script project launch site feature rfc dashboard",
}
_LEAD = re.compile(r"^(?:your|his|her|their|the|a|an|this|that|these|those|my|our)\s+", re.I)
_SUBJECT_TOPIC = re.compile(r"\b(?:on|about|around|regarding|of)\s+(.+)$", re.I)
_RELATIVE = re.compile(r"\b(?:that|which|where|who)\s+(\w+)\s+(.+)$", re.I)
_CUT = re.compile(r"\s(?:in|for|at|with|without|into|since|during|that|which|who|and|but|by|to|on|across|before|"
                  r"after)\s|[,;:(]",
                  re.I)
_STOPWORDS = frozenset(fold(w) for w in """the a an of on in at to for and or with by about your his her their my our this
    that these those from its it part""".split())
_COMPOUNDS = {"board game": "any"}
_NOUN_END = re.compile(r"\s(?:in|on|about|of|for|at|with|by|from|that|which|who|where|to|and)\s", re.I)
_IRREGULAR_ING = {"ran": "running", "wrote": "writing", "made": "making", "built": "building", "gave": "giving",
                  "led": "leading", "took": "taking", "brought": "bringing", "shipped": "shipping", "put": "putting",
                  "set": "setting", "cut": "cutting", "began": "beginning", "won": "winning", "got": "getting"}
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_MET_PREPOSITION = re.compile(r"^(at|in|during|on|through|via|after|over|while|with|when|before)\b", re.I)
_ABOUT_STOP = frozenset("""is was were are has have had and but so or which that who where when i you it we they really
    made got gave since
    monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow last""".split())  # when, not what
_SHARED = re.compile(r"\b(?:as a fellow|fellow \w+ alum\w*|me too|like you)\b", re.I)


def gerund(verb: str) -> str:
    """"added" -> "adding", "introduced" -> "introducing", "fixes" -> "fixing", "wrote" -> "writing"."""
    low = verb.lower()
    if low in _IRREGULAR_ING:
        return _IRREGULAR_ING[low]
    if low.endswith("ied"):
        return low[:-3] + "ying"
    if low.endswith("ed"):
        return low[:-2] + "ing"  # the -e of "introduce" and the doubled "p" of "shipped" come out right
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return low[:-2] + "ing"
    if low.endswith("es"):
        return low[:-2] + "ing"
    if low.endswith("s"):
        return low[:-1] + "ing"
    return low[:-1] + "ing" if low.endswith("e") else low + "ing"


class English(Grammar):
    lang = "en"
    default_seen = "I came across"
    clause_leads = ("that",)
    seen_clause = "I learned"
    shared_leads = ("as", "like")
    default_make = "make"
    seen_by_noun = _EN_SEEN_BY_NOUN
    make_by_noun = _EN_MAKE_BY_NOUN
    work_by_noun = {fold(n): work for work, nouns in _WORK_NOUNS.items() for n in nouns.split()}
    compounds = _COMPOUNDS
    stopwords = _STOPWORDS
    topic = _EN_TOPIC
    subject_topic = _SUBJECT_TOPIC
    lead = _LEAD
    relative = _RELATIVE
    cut = _CUT
    leading_article = _LEADING_ARTICLE
    met_preposition = _MET_PREPOSITION
    possessives = ("your",)
    about_stop = _ABOUT_STOP
    shared = _SHARED
    short_words = 3
    capitalised_topic_is_place = True
    topic_demonstrative = False
    default_article = "the"
    about_stops_at_verb = False

    def contract(self, prep: str, phrase: str) -> str:
        return f"{prep} {phrase}"

    def finish(self, text: str) -> str:
        return en_finish(text)

    def addressed(self, phrase: str, tu: bool, gender_of: GenderOf) -> str:
        return en_second_person(phrase)

    def about(self, about: str, tu: bool, gender_of: GenderOf) -> str:
        about = en_second_person(about)
        if self.is_clause(about):  # "that Acme passed ...": no "your" before a clause
            return about
        if not re.match(r"^(your|the|a|an|my)\b", about, re.I) and not about[:1] in "\"“":
            about = "your " + about
        return about

    def met(self, met: str) -> str:
        return f"at {met}" if _LEADING_ARTICLE.match(met) or met[:1].isupper() else f"at the {met}"

    def bare_place(self, met: str) -> str:
        return re.sub(r"^(?:at|in|during|on)\s+", "", met, flags=re.I)

    def demonstrative(self, phrase: str, gender_of: GenderOf) -> str:
        match = re.match(r"^(?:your|his|her|their|the|my)\s+(\S+)", phrase, re.I)
        if not match:
            return phrase
        rest = phrase.split(None, 1)[1]
        cut = _NOUN_END.search(" " + rest + " ")
        group = (" " + rest)[: cut.start()].split() if cut else rest.split()
        head = (group[-1] if group else match.group(1)).lower()
        plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
        return ("those " if plural else "that ") + rest

    def discussed(self, short: str, gender_of: GenderOf) -> tuple[str, str]:
        if len(short.split()) >= 5:  # said once in full already: "crowdfunding a first print run"
            words = short.split()
            cut = next((i for i, w in enumerate(words[1:], 1) if w.lower() in ("a", "an", "the", "of", "for", "with")),
                       len(words))
            short = " ".join(words[:cut])
        return short, short

    def head_noun(self, body: str, words: list[str]) -> str | None:
        # the last word before the first preposition ("zero-waste bakery in Bristol" -> "bakery")
        cut = _NOUN_END.search(" " + body + " ")
        group = re.findall(r"[\w'’-]+", (" " + body)[: cut.start()] if cut else body)[:4]
        return group[-1] if group else None

    def action(self, verb: str, rest: str, short: Callable[[str], str]) -> tuple[str | None, str | None]:
        if verb.lower().endswith(("ed", "s")) or verb.lower() in _IRREGULAR_ING:
            return rest, f"{gerund(verb)} {short(rest)}"
        return None, None

    def figure_phrase(self, figure: str) -> str:
        return ("those " if not re.match(r"^1\b", figure) else "that ") + figure

    def gender_probe(self, word: str) -> str:
        return word

    def typography_problems(self, text: str) -> list[str]:
        problems = []
        if re.search(r"\ba [aeiou]", text, re.I):
            problems.append("'a' before a vowel")
        if re.search(r"\s[?!:;,.]", text):
            problems.append("a space before punctuation")
        return problems


GRAMMAR = English()
