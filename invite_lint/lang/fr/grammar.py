"""French for the coach: elision and contraction (l'article, au salon, qu'il), possessives by
register and the noun's gender (votre / ton / ta), demonstratives (ce, cet, cette, ces), the
verb that goes with a kind of work, typography (no-break spaces before ? ! : ; and in « »).
The coach reads it through invite_lint.lang.grammar.Grammar."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..folding import fold
from ..grammar import NBSP, GenderOf, Grammar, capitalise_sentences, table

_VOWEL = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœæh]", re.I)
# Words whose "h" is aspirated: no elision before them (le héros, de hauts...).
_ASPIRATED_H = {"hasard", "haut", "haute", "hauts", "hautes", "héros", "hibou", "honte", "huit", "hall", "hangar",
                "handicap", "haricot", "hache", "haine", "hameau", "hockey", "homard", "hotte", "housse", "hublot"}


def starts_with_vowel(phrase: str) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return bool(_VOWEL.match(first)) and fold(first.rstrip("'’")) not in _ASPIRATED_H




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


_FR_SEEN_BY_NOUN = table(_FR_SEEN, fold)
_FR_MAKE_BY_NOUN = table(_FR_MAKE, fold)


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
    return capitalise_sentences(text)




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


# ---------------------------------------------------------------------------- subjects

# The kinds of work, by the nouns that name them (coaching.subject.WORKS).
_WORK_NOUNS = {
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
}
_LEAD = re.compile(r"^(?:(?:votre|vos|ton|ta|tes|son|sa|ses|leurs|leur|les|le|la|un|une|des|ces|cette|cet|ce|"
                   r"mon|ma|mes|notre|nos)\s+|l['’]\s*)", re.I)
_SUBJECT_TOPIC = re.compile(r"\b(?:sur|de (?=mon |ma |mes |notre |nos )|à propos d[eu']\s*|autour d[eu']\s*|autour des|"
                            r"consacrée?s? (?:à|aux?)|concernant)\s*(.+)$", re.I)
_RELATIVE = re.compile(r"\b(?:qui|où)\s+(.+)$", re.I)
_CUT = re.compile(r"\s(?:vers|pour|dans|en|chez|avec|sans|depuis|lors|qui|que|où|dont|et|mais|à|au|aux|sur|par)\s|[,;:(]",
                  re.I)
_STOPWORDS = frozenset(fold(w) for w in """le la les l un une des de du d au aux à a et ou en sur pour par avec dans ce cet
    cette ces son sa ses votre vos ton ta tes mon ma mes notre nos leur leurs qui que qu dont où passage partie""".split())
_COMPOUNDS = {"tableau de bord": "code", "jeu de société": "any", "jeu de données": "code", "table ronde": "talk",
              "prise de parole": "talk"}
_ADJECTIVES = {fold(w) for w in """dernier dernière derniers dernières nouveau nouvel nouvelle nouveaux nouvelles
    premier première premiers premières petit petite petits petites grand grande grands grandes récent récente
    excellent excellente beau bel belle long longue court courte""".split()}
_LEADING_ARTICLE = re.compile(r"^(le|la|les|l'|l’|un|une|des)\s*", re.I)
_MET_PREPOSITION = re.compile(r"^(à|au|aux|lors|pendant|chez|en|sur|via|par|grâce|de la part|autour|après|avec|"
                              r"dans|devant|pour)\b", re.I)
# Words after which a possessive phrase stops: the verb or conjunction that follows it.
_ABOUT_STOP = frozenset("""m' m’ a ai est était sont qui que qu' qu’ et mais car donc ou où dont je j' j’ vous tu il elle
    nous on me m'a m’a ont avait avaient sera serait m'ont depuis
    lundi mardi mercredi jeudi vendredi samedi dimanche hier demain aujourd'hui""".split())  # when, not what
_SHARED = re.compile(r"\b(?:moi aussi|nous aussi|comme vous|comme toi|tout comme vous)\b", re.I)


class French(Grammar):
    lang = "fr"
    default_seen = "j'ai découvert"
    default_make = "réaliser"
    seen_by_noun = _FR_SEEN_BY_NOUN
    make_by_noun = _FR_MAKE_BY_NOUN
    work_by_noun = {fold(n): work for work, nouns in _WORK_NOUNS.items() for n in nouns.split()}
    compounds = _COMPOUNDS
    stopwords = _STOPWORDS
    topic = _FR_TOPIC
    subject_topic = _SUBJECT_TOPIC
    lead = _LEAD
    relative = _RELATIVE
    cut = _CUT
    leading_article = _LEADING_ARTICLE
    met_preposition = _MET_PREPOSITION
    possessives = ("votre", "vos", "ton", "ta", "tes")
    about_stop = _ABOUT_STOP
    shared = _SHARED
    short_words = 4
    capitalised_topic_is_place = False
    topic_demonstrative = True
    default_article = "le"
    about_stops_at_verb = True
    clause_leads = ("que", "qu'", "qu’")
    seen_clause = "j'ai appris"
    shared_leads = ("comme", "tout")

    def contract(self, prep: str, phrase: str) -> str:
        return fr_contract(prep, phrase)

    def finish(self, text: str) -> str:
        return fr_finish(text)

    def addressed(self, phrase: str, tu: bool, gender_of: GenderOf) -> str:
        return fr_possessives(phrase, tu, gender_of)

    def about(self, about: str, tu: bool, gender_of: GenderOf) -> str:
        about = fr_possessives(about, tu, gender_of)
        if self.is_clause(about):  # "que BlaBlaCar a dépassé ...": no "votre" before a clause
            return about
        # "la vidéo du vélo cargo" is theirs: say so ("votre vidéo..."), as the opener speaks to them
        article = re.match(r"^(le|la|les|l'|l’)\s*(\w[\w-]*)", about, re.I)
        if article and fold(article.group(2)) in self.seen_by_noun:
            plural = article.group(1).lower() == "les"
            about = fr_possessives(("vos " if plural else "votre ") + about[article.end(1):].lstrip(), tu, gender_of)
        if not re.match(r"^(votre|vos|ton|ta|tes|le|la|les|l'|l’|un|une|des|ce|cet|cette|ces|«)", about, re.I):
            about = fr_possessives("votre " + about, tu, gender_of)
        return about

    def met(self, met: str) -> str:
        return fr_contract("à", met) if _LEADING_ARTICLE.match(met) else f"à {met}"

    def bare_place(self, met: str) -> str:
        met = re.sub(r"^au\s+", "le ", met, flags=re.I)
        met = re.sub(r"^aux\s+", "les ", met, flags=re.I)
        return re.sub(r"^(?:chez|à|en|lors d[eu']\s*|pendant)\s*", "", met, flags=re.I)

    def demonstrative(self, phrase: str, gender_of: GenderOf) -> str:
        match = re.match(r"^(?:(les|le|la|votre|vos|ton|ta|tes|son|sa|ses|leurs|leur|mon|ma|mes)\s+|(l['’])\s*)(\S+)",
                         phrase, re.I)
        if not match:
            return phrase
        det, noun = (match.group(1) or match.group(2)).lower(), match.group(3)
        rest = phrase[match.start(3):]
        if det in ("les", "vos", "tes", "ses", "leurs", "mes"):
            return "ces " + rest
        if fold(noun) in _ADJECTIVES and len(rest.split()) > 1:
            noun = rest.split()[1]  # "nouvelle boutique": the noun says the gender
        known = {"la": "Fem", "ta": "Fem", "sa": "Fem", "ma": "Fem", "le": "Masc"}
        if not starts_with_vowel(noun):  # "mon entreprise" is feminine: mon/ton/son say nothing before a vowel
            known.update(ton="Masc", son="Masc", mon="Masc")
        gender = known.get(det) or fr_gender(noun, gender_of)
        if gender == "Fem":
            return "cette " + rest
        return ("cet " if starts_with_vowel(noun) else "ce ") + rest

    def discussed(self, short: str, gender_of: GenderOf) -> tuple[str, str]:
        return short, self.demonstrative(short, gender_of)

    def head_noun(self, body: str, words: list[str]) -> str | None:
        # the first word that is not an adjective ("nouvelle boutique" -> "boutique")
        words = [w for w in words if fold(w) not in _ADJECTIVES] or words
        return words[0] if words else None

    def action(self, verb: str, rest: str, short: Callable[[str], str]) -> tuple[str | None, str | None]:
        return None, None

    def figure_phrase(self, figure: str) -> str:
        return "ces " + figure

    def gender_probe(self, word: str) -> str:
        return "le " + word

    def typography_problems(self, text: str) -> list[str]:
        problems = []
        if re.search(r" [?!:;]", text):
            problems.append("a plain space before ? ! : ;")
        if re.search(r"[^\u00a0\s][?!:;]", text):
            problems.append("no no-break space before ? ! : ;")
        if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
            problems.append("« » without no-break spaces")
        if re.search(r"\b(de|que|le|la|je|me|te|se|ne) [aeiouéèêëàâîïôûœ]", text, re.I):  # not y: "le YAML"
            problems.append("a missing elision")
        if re.search(r"\b(à|de) (le|les)\b", text, re.I):
            problems.append("a missing contraction (au, aux, du, des)")
        return problems


GRAMMAR = French()
