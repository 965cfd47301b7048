"""Small pieces of French and English grammar the openers need: possessives in the right
register, contractions and elisions, the verb that goes with a kind of work, typography.

No fact is ever made up here: these functions only reshape what the user gave.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text.folding import fold

NBSP = "\u00a0"
_VOWEL = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœæh]", re.I)
# Words whose "h" is aspirated: no elision before them (le héros, de hauts...).
_ASPIRATED_H = {"hasard", "haut", "haute", "hauts", "hautes", "héros", "hibou", "honte", "huit", "hall", "hangar",
                "handicap", "haricot", "hache", "haine", "hameau", "hockey", "homard", "hotte", "housse", "hublot"}


def starts_with_vowel(phrase: str) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return bool(_VOWEL.match(first)) and fold(first.rstrip("'’")) not in _ASPIRATED_H


# ---------------------------------------------------------------------------- French

_FR_POSSESSIVE_THIRD = {"son": "votre", "sa": "votre", "ses": "vos", "leur": "votre", "leurs": "vos"}
_FR_TO_VOUS = {"ton": "votre", "ta": "votre", "tes": "vos"}
_FR_TOPIC = re.compile(r"\b(?:sur|à propos de|à propos d'|autour de|autour d'|autour du|autour des|concernant|consacrée? à|"
                       r"consacrée? aux?)\s+(.+)$", re.I)

# The verb (passé composé, first person) that goes with a kind of work.
_FR_SEEN = {
    "j'ai lu": "article billet livre livres post posts tribune chronique essai roman thèse étude rapport newsletter fil "
               "thread comparatif carrousel publication texte lettre entretien interview dossier guide poème bd "
               "chapitre enquête mémoire papier réponse commentaire analyse témoignage pr rfc",
    "j'ai écouté": "podcast épisode émission chanson album morceau",
    "j'ai regardé": "vidéo vidéos film documentaire série replay reportage live",
    "j'ai suivi": "webinaire webinar formation cours masterclass atelier stage parcours",
    "j'ai assisté à": "conférence intervention présentation talk keynote table-ronde débat panel concert spectacle "
                      "soutenance",
    "j'ai vu": "toile toiles tableau tableaux photo photos photographie photographies exposition expo œuvre oeuvre "
               "sculpture vitrail poster stand carte dessin dessins illustration illustrations maquette démo "
               "collection céramiques bols vitrine",
    "j'ai utilisé": "application appli app outil outils lib bibliothèque plateforme logiciel extension plugin bot "
                    "jeu",
}
_FR_MAKE = {
    "écrire": "article billet livre post tribune chronique essai roman thèse étude rapport newsletter fil thread "
              "comparatif carrousel publication texte lettre guide poème chapitre mémoire papier analyse",
    "préparer": "conférence intervention présentation talk keynote webinaire webinar formation cours masterclass "
                "atelier stage débat panel entretien interview",
    "enregistrer": "podcast épisode émission chanson album morceau",
    "tourner": "vidéo vidéos film documentaire série reportage",
    "réaliser": "toile toiles tableau tableaux photo photos photographie exposition œuvre sculpture vitrail dessin "
                "illustration maquette collection céramiques bols carte poster",
    "développer": "application appli app outil lib bibliothèque plateforme logiciel extension plugin bot jeu",
}


def _table(mapping: dict[str, str]) -> dict[str, str]:
    return {fold(noun): verb for verb, nouns in mapping.items() for noun in nouns.split()}


_FR_SEEN_BY_NOUN = _table(_FR_SEEN)
_FR_MAKE_BY_NOUN = _table(_FR_MAKE)


def fr_contract(prep: str, phrase: str) -> str:
    """à + le -> au, de + les -> des, de + un -> d'un, que + il -> qu'il..."""
    words = phrase.split(" ", 1)
    first, rest = words[0], (words[1] if len(words) > 1 else "")
    low = first.lower()
    base = prep.rsplit(" ", 1)
    lead, last = (base[0] + " ", base[1]) if len(base) == 2 else ("", base[0])
    if last == "à" and low in ("le", "les"):
        return f"{lead}{'au' if low == 'le' else 'aux'} {rest}".strip()
    if last == "de" and low in ("le", "les"):
        return f"{lead}{'du' if low == 'le' else 'des'} {rest}".strip()
    if last in ("de", "que", "le", "la", "je", "me", "te", "se", "ne") and starts_with_vowel(phrase):
        return f"{lead}{'qu' if last == 'que' else last[0]}'{phrase}"
    return f"{prep} {phrase}"


def fr_finish(text: str) -> str:
    """French typography: a no-break space before ? ! : ; and inside « », one space elsewhere,
    a capital after a full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([?!:;])", NBSP + r"\1", text)
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"\s*»", NBSP + "»", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r"'\s+", "'", text)
    return _capitalise_sentences(text)


# ---------------------------------------------------------------------------- English

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
_EN_SEEN_BY_NOUN = _table(_EN_SEEN)
_EN_MAKE_BY_NOUN = _table(_EN_MAKE)
_EN_VERB_AFTER_YOU = {"was": "were", "has": "have", "is": "are", "does": "do"}


def en_finish(text: str) -> str:
    """One space, no doubled words ("the the"), "a" before a vowel sound becomes "an",
    a capital after a full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\b(the|a|an|your|my|to|of|on|in|at)\s+\1\b", r"\1", text, flags=re.I)
    text = re.sub(r"\b([Aa])\s+(?=[aeiouAEIOU])", lambda m: m.group(1) + "n ", text)
    text = re.sub(r"\s+([,.?!:;])", r"\1", text)
    return _capitalise_sentences(text)


def _capitalise_sentences(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return re.sub(r"([.?!]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


# ---------------------------------------------------------------------------- per language


@dataclass(frozen=True)
class Grammar:
    lang: str
    contract: Callable[[str, str], str]
    finish: Callable[[str], str]
    seen_by_noun: dict[str, str]
    make_by_noun: dict[str, str]
    default_seen: str
    default_make: str
    topic: re.Pattern[str]


FRENCH = Grammar("fr", fr_contract, fr_finish, _FR_SEEN_BY_NOUN, _FR_MAKE_BY_NOUN, "j'ai découvert", "réaliser",
                 _FR_TOPIC)
ENGLISH = Grammar("en", lambda prep, phrase: f"{prep} {phrase}", en_finish, _EN_SEEN_BY_NOUN, _EN_MAKE_BY_NOUN,
                  "I came across", "make", _EN_TOPIC)
GRAMMARS = {"fr": FRENCH, "en": ENGLISH}


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


# The gender of the nouns people use for someone's work: the small model guesses it badly
# in isolation ("podcast" -> feminine), and ta/ton depends on it.
_FR_FEMININE = {fold(w) for w in """conférence intervention présentation photo photographie toile vidéo série
    application appli recette boutique carte exposition expo œuvre oeuvre sculpture illustration maquette démo
    collection newsletter étude enquête thèse tribune chronique publication lettre analyse chanson émission
    interview lib bibliothèque plateforme extension formation masterclass vitrine céramique poterie recyclerie cave
    ferme chaîne idée initiative association campagne création pièce méthode démarche approche question réponse
    remarque citation infographie affiche rubrique bd soutenance entreprise start-up startup société agence brasserie
    boulangerie librairie galerie marque gamme cuvée reconversion transition nomination promotion levée arrivée vision
    table ronde épicerie salle école classe thèse page vue version app carte fresque installation performance
    étiquette bière cuisine table liste réflexion prise parole startup""".split()}
_FR_MASCULINE = {fold(w) for w in """article billet livre post essai roman rapport mémoire fil thread comparatif
    carrousel texte entretien dossier guide poème chapitre podcast épisode album morceau film documentaire replay
    reportage live webinaire webinar cours atelier stage talk keynote débat panel concert spectacle tableau dessin
    vitrail poster stand outil logiciel plugin bot jeu projet produit restaurant site blog dépôt programme témoignage
    commentaire lancement passage départ recrutement portfolio prototype baume savon bijou meuble code script notebook
    benchmark tutoriel tuto modèle template framework module package visuel logo sondage baromètre classement menu
    vin jardin potager salon concept choix geste compte sujet travail parcours papier cas tour vinyle magasin
    studio bistrot café cabinet réseau fil schéma carnet journal magazine""".split()}


def fr_gender(noun: str, guess: Callable[[str], str | None]) -> str | None:
    folded = fold(noun)
    if folded in _FR_FEMININE:
        return "Fem"
    if folded in _FR_MASCULINE:
        return "Masc"
    return guess(noun)


_FR_THIRD_SUBJECT = re.compile(r"\b(qu['’]|que\s+)?(?:il|elle|ils|elles)\s+(a|avait|est|était)\b", re.I)
_FR_SECOND = {("vous", "a"): "avez", ("vous", "avait"): "aviez", ("vous", "est"): "êtes", ("vous", "était"): "étiez",
              ("tu", "a"): "as", ("tu", "avait"): "avais", ("tu", "est"): "es", ("tu", "était"): "étais"}


def fr_second_person_subject(phrase: str, tu: bool) -> str:
    """"le vitrail qu'il a restauré" -> "le vitrail que vous avez restauré"."""
    pronoun = "tu" if tu else "vous"

    def replace(m: re.Match[str]) -> str:
        lead = "que " if m.group(1) else ""
        return f"{lead}{pronoun} {_FR_SECOND[(pronoun, m.group(2).lower())]}"

    return _FR_THIRD_SUBJECT.sub(replace, phrase)


def fr_possessives(phrase: str, tu: bool, gender_of: Callable[[str], str | None]) -> str:
    """son/sa/ses -> votre/vos (or ton/ta/tes); votre <-> ton/ta by register and the noun's gender."""
    phrase = fr_second_person_subject(phrase, tu)
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        following = words[i + 1] if i + 1 < len(words) else ""
        target = _FR_POSSESSIVE_THIRD.get(low, low if low in ("votre", "vos", "ton", "ta", "tes") else None)
        if target is None:
            out.append(word)
            continue
        if not tu:
            target = _FR_TO_VOUS.get(target, target)
        elif target in ("votre", "ton", "ta"):
            # "sa" / "ta" already say feminine, "son" / "ton" masculine (or a vowel); "votre" does not say.
            known = {"sa": "Fem", "ta": "Fem", "son": "Masc", "ton": "Masc"}.get(low)
            feminine = (known or fr_gender(following, gender_of)) == "Fem"
            target = "ta" if feminine and not starts_with_vowel(following) else "ton"
        elif target in ("vos", "tes"):
            target = "tes"
        out.append(target.capitalize() if word[:1].isupper() else target)
    return " ".join(out)
