"""What an `about` (or `detail`, `discussed`) phrase is about, parsed: its head noun and the
kind of work it names, its topic (the object of "sur / on / about"), a short form of that
topic, and the demonstrative forms a question points with ("ce podcast", "cette
reconversion", "those colours").

The coach asks about *that* thing, as the passer-by asks the painter how the colours are
made; these functions only cut and reshape the user's words, they never add any.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.folding import fold
from .grammar import fr_gender, starts_with_vowel

# The kinds of work a question can be shaped for. A question in the pack says which it fits.
WORKS = ("writing", "talk", "audio", "video", "visual", "code", "any")

_WORK_NOUNS = {
    "fr": {
        "writing": "article billet livre livres post posts tribune chronique essai roman thèse étude rapport newsletter "
                   "fil thread comparatif carrousel publication texte lettre guide poème chapitre mémoire papier "
                   "analyse enquête dossier tutoriel tuto note recette recettes",
        "talk": "conférence intervention présentation talk keynote webinaire webinar formation cours masterclass "
                "atelier débat panel table-ronde soutenance pitch",
        "audio": "podcast épisode émission chanson album morceau interview entretien",
        "video": "vidéo vidéos film documentaire série replay reportage live",
        "visual": "toile toiles tableau tableaux photo photos photographie photographies exposition expo œuvre oeuvre "
                  "sculpture vitrail dessin dessins illustration illustrations maquette collection céramiques bols "
                  "fresque affiche poster carte infographie",
        "code": "application appli app outil outils lib bibliothèque plateforme logiciel extension plugin bot jeu pr "
                "pull-request commit release version refonte migration prototype démo api script projet produit "
                "lancement site",
    },
    "en": {
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
    },
}
WORK_BY_NOUN = {lang: {fold(n): work for work, nouns in table.items() for n in nouns.split()}
                for lang, table in _WORK_NOUNS.items()}

_LEAD = {
    "fr": re.compile(r"^(?:(?:votre|vos|ton|ta|tes|son|sa|ses|leurs|leur|les|le|la|un|une|des|ces|cette|cet|ce|"
                     r"mon|ma|mes|notre|nos)\s+|l['’]\s*)", re.I),
    "en": re.compile(r"^(?:your|his|her|their|the|a|an|this|that|these|those|my|our)\s+", re.I),
}
# What introduces a topic: "sur", "on", "about"; and the relative clause of an act ("that added").
_TOPIC = {
    "fr": re.compile(r"\b(?:sur|de (?=mon |ma |mes |notre |nos )|à propos d[eu']\s*|autour d[eu']\s*|autour des|consacrée?s? (?:à|aux?)|concernant)\s*(.+)$",
                     re.I),
    "en": re.compile(r"\b(?:on|about|around|regarding|of)\s+(.+)$", re.I),
}
_RELATIVE = {
    "fr": re.compile(r"\b(?:qui|où)\s+(.+)$", re.I),
    "en": re.compile(r"\b(?:that|which|where|who)\s+(\w+)\s+(.+)$", re.I),
}
# Where a short form of the topic stops: a second preposition, a comma, a clause.
_CUT = {
    "fr": re.compile(r"\s(?:vers|pour|dans|en|chez|avec|sans|depuis|lors|qui|que|où|dont|et|mais|à|au|aux|sur|par)\s|[,;:(]",
                     re.I),
    "en": re.compile(r"\s(?:in|for|at|with|without|into|since|during|that|which|who|and|but|by|to|on|across|before|"
                     r"after)\s|[,;:(]",
                     re.I),
}
# "la migration de votre entrepôt" -> "la migration": what follows is theirs, said once already.
_CUT_POSSESSIVE = re.compile(r"\s(?:de|du|des|d['’]|of)\s*(?:votre|vos|ton|ta|tes|notre|nos|mon|ma|mes|leur|leurs|your|"
                             r"our|my|their)\b", re.I)
_FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)\s*(%|k\b|K\b|M\b|€|\$|£)?\s*"
                     r"((?:millions?|milliards?|mille|million|billion|thousand)\s+)?"
                     r"((?:de |d['’]|of )?[^\W\d][\w'’-]*)?", re.U)
_STOPWORDS_BY_LANG = {
    "fr": {fold(w) for w in """le la les l un une des de du d au aux à a et ou en sur pour par avec dans ce cet cette
        ces son sa ses votre vos ton ta tes mon ma mes notre nos leur leurs qui que qu dont où passage partie""".split()},
    "en": {fold(w) for w in """the a an of on in at to for and or with by about your his her their my our this that
        these those from its it part""".split()},
}
_STOPWORDS = _STOPWORDS_BY_LANG["fr"] | _STOPWORDS_BY_LANG["en"]
_DURATION = {fold(w) for w in """an ans année années mois semaine semaines jour jours heure heures minute minutes
    year years month months week weeks day days hour hours minutes fois times""".split()}
_EN_IRREGULAR_ING = {"ran": "running", "wrote": "writing", "made": "making", "built": "building", "gave": "giving",
                     "led": "leading", "took": "taking", "brought": "bringing", "shipped": "shipping", "put": "putting",
                     "set": "setting", "cut": "cutting", "began": "beginning", "won": "winning", "got": "getting"}


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
    stop = _STOPWORDS_BY_LANG.get(lang or "", _STOPWORDS)
    return {fold(w) for w in re.findall(r"[\w-]+", text) if fold(w) not in stop and len(w) > 1}


def _strip_lead(phrase: str, lang: str) -> str:
    return _LEAD[lang].sub("", phrase.strip(), count=1)


_COMPOUNDS = {"fr": {"tableau de bord": "code", "jeu de société": "any", "jeu de données": "code",
                     "table ronde": "talk", "prise de parole": "talk"},
              "en": {"board game": "any"}}
_FR_ADJECTIVES = {fold(w) for w in """dernier dernière derniers dernières nouveau nouvel nouvelle nouveaux nouvelles
    premier première premiers premières petit petite petits petites grand grande grands grandes récent récente
    excellent excellente beau bel belle long longue court courte""".split()}
_EN_NOUN_END = re.compile(r"\s(?:in|on|about|of|for|at|with|by|from|that|which|who|where|to|and)\s", re.I)


def _head(phrase: str, lang: str) -> tuple[str | None, str]:
    """The first word (of the first four) that names a kind of work; else the noun a
    compound or the phrase's grammar points to: in English the last word before the first
    preposition ("zero-waste bakery in Bristol" -> "bakery"), in French the first word
    that is not an adjective ("nouvelle boutique" -> "boutique")."""
    body = _strip_lead(phrase, lang)
    folded = fold(body)
    for compound, work in _COMPOUNDS.get(lang, {}).items():
        if folded.startswith(fold(compound)):
            return body[: len(compound)], work
    words = re.findall(r"[\w'’-]+", body)
    for word in words[:4]:
        found = WORK_BY_NOUN[lang].get(fold(word))
        if found:
            return word, found
    if lang == "en":
        cut = _EN_NOUN_END.search(" " + body + " ")
        group = re.findall(r"[\w'’-]+", (" " + body)[: cut.start()] if cut else body)[:4]
        return (group[-1] if group else None), "any"
    words = [w for w in words if fold(w) not in _FR_ADJECTIVES] or words
    return (words[0] if words else None), "any"


def short_form(topic: str, lang: str, max_words: int = 5) -> str:
    """The topic up to its second preposition or clause: "la reconversion des infirmières
    vers la data" -> "la reconversion des infirmières"; "churn in small SaaS teams" -> "churn"."""
    topic = topic.strip().rstrip(".!?")
    lead = _LEAD[lang].match(topic)
    skip = lead.end() if lead else 0
    cuts = [c.start() for c in (_CUT[lang].search(topic, skip + 1), _CUT_POSSESSIVE.search(topic, skip + 1)) if c]
    short = topic[: min(cuts)] if cuts else topic
    if len(short.split()) > (4 if lang == "fr" else 3):  # "drone inspection of turbine blades" -> "drone inspection"
        of = re.search(r"\s(?:of|de|des|du|d['’])\s*", short[skip + 1:])
        if of and len(short[: skip + 1 + of.start()].split()) >= 2:
            short = short[: skip + 1 + of.start()]
    words = short.split()[:max_words]
    while len(words) > 1 and fold(words[-1]) in _STOPWORDS:  # never end on "of the", "de la"
        words.pop()
    return " ".join(words).strip(" ,;:") or topic


def demonstrative(phrase: str, lang: str, gender_of: Callable[[str], str | None] = lambda _: None) -> str:
    """"les couleurs" -> "ces couleurs", "le passage sur X" -> "ce passage sur X", "votre toile"
    -> "cette toile"; English "the colours" -> "those colours", "your PR" -> "that PR"."""
    phrase = phrase.strip()
    if lang == "en":
        match = re.match(r"^(?:your|his|her|their|the|my)\s+(\S+)", phrase, re.I)
        if not match:
            return phrase
        rest = phrase.split(None, 1)[1]
        cut = _EN_NOUN_END.search(" " + rest + " ")
        group = (" " + rest)[: cut.start()].split() if cut else rest.split()
        head = (group[-1] if group else match.group(1)).lower()
        plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
        return ("those " if plural else "that ") + rest
    match = re.match(r"^(?:(les|le|la|votre|vos|ton|ta|tes|son|sa|ses|leurs|leur|mon|ma|mes)\s+|(l['’])\s*)(\S+)",
                     phrase, re.I)
    if not match:
        return phrase
    det, noun = (match.group(1) or match.group(2)).lower(), match.group(3)
    rest = phrase[match.start(3):]
    if det in ("les", "vos", "tes", "ses", "leurs", "mes"):
        return "ces " + rest
    if fold(noun) in _FR_ADJECTIVES and len(rest.split()) > 1:
        noun = rest.split()[1]  # "nouvelle boutique": the noun says the gender
    known = {"la": "Fem", "ta": "Fem", "sa": "Fem", "ma": "Fem", "le": "Masc"}
    if not starts_with_vowel(noun):  # "mon entreprise" is feminine: mon/ton/son say nothing before a vowel
        known.update(ton="Masc", son="Masc", mon="Masc")
    gender = known.get(det) \
        or fr_gender(noun, gender_of)
    if gender == "Fem":
        return "cette " + rest
    return ("cet " if starts_with_vowel(noun) else "ce ") + rest


def _gerund(verb: str) -> str:
    """"added" -> "adding", "introduced" -> "introducing", "fixes" -> "fixing", "wrote" -> "writing"."""
    low = verb.lower()
    if low in _EN_IRREGULAR_ING:
        return _EN_IRREGULAR_ING[low]
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


def parse(phrase: str, lang: str, gender_of: Callable[[str], str | None] = lambda _: None) -> Subject:
    noun, work = _head(phrase, lang)
    body = _strip_lead(phrase, lang)
    topic = action = None
    relative = _RELATIVE[lang].search(body)
    topical = _TOPIC[lang].search(body)
    if topical and (not relative or topical.start() < relative.start()):
        topic = topical.group(1).strip().rstrip(".")
    elif relative and lang == "en":
        verb, rest = relative.group(1), relative.group(2).strip().rstrip(".")
        if verb.lower().endswith(("ed", "s")) or verb.lower() in _EN_IRREGULAR_ING:
            topic = rest
            action = f"{_gerund(verb)} {short_form(rest, lang)}"
    if topic and (topic.split()[0][:1].isupper() and lang == "en" or len(topic.split()) > 12):
        topic = None if not action else topic  # "on Harbour Street" is a place, not a subject
    short = short_form(topic, lang) if topic else None
    this_topic = None
    if short:
        this_topic = short
        if lang == "fr" and len(content_words(short)) > 1 and _LEAD["fr"].match(short):
            # "la reconversion des infirmières" -> "cette reconversion des infirmières"; "le bien-être" stays
            this_topic = demonstrative(short, lang, gender_of)
    thing = None
    if noun:
        words = body.split()
        noun_words = noun.split()
        upto = next((i + len(noun_words) - 1 for i, w in enumerate(words[:6]) if w.strip(",.;:") == noun_words[0]), 0)
        lead = _LEAD[lang].match(phrase.strip())
        head = " ".join(words[: upto + 1]).strip(",.;:")
        thing = demonstrative((lead.group(0).strip() if lead else ("the" if lang == "en" else "le")) + " " + head,
                              lang, gender_of)
    return Subject(phrase, noun, work, topic, short, this_topic, thing, action)


def figures(text: str) -> list[str]:
    """Numbers with what they count, in a text: "100 millions de membres", "40 % de churn"."""
    found = []
    for match in _FIGURE.finditer(text):
        number = match.group(1)
        counted = fold((match.group(4) or "").split()[-1]) if match.group(4) else ""
        if re.fullmatch(r"(19|20)\d\d", number.strip()) or not (match.group(3) or match.group(4) or match.group(2)):
            continue  # a year, or a bare number, says nothing on its own
        if not (match.group(2) or match.group(3)) and (counted in _DURATION or float(number.replace(",", ".")
                                                                                      .replace("\u00a0", "").replace("\u202f", "").replace(" ", "")) < 10):
            continue  # "3 ans", "20 minutes": a duration or a small count is no achievement to ask about
        found.append(match.group(0).strip(" ,.;:"))
    return found


def figure_phrase(figure: str, lang: str) -> str:
    """"100 millions de membres" -> "ces 100 millions de membres"; "40% of churn" -> "that 40% of churn"."""
    if lang == "fr":
        return "ces " + figure
    return ("those " if not re.match(r"^1\b", figure) else "that ") + figure
