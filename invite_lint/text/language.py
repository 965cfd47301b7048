"""Language detection: langdetect, made deterministic, plus a stop-word vote.

langdetect alone is random (it samples n-grams) and weak on short texts. Here it is seeded,
sees the text without URLs, e-mail addresses, placeholders and names in capitals, and is
helped by a vote of common French and English function words, which settles most short
messages ("Slt, on se voit ?") where character n-grams are not enough.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from ..model import SUPPORTED_LANGUAGES
from .folding import fold

_FR_WORDS = frozenset(
    """le la les un une des du de d l au aux et ou mais donc car ni que qu qui quoi dont
    je j me m moi tu te t toi il elle on nous vous ils elles se s mon ma mes ton ta tes son sa ses
    notre nos votre vos leur leurs ce cet cette ces ceci cela ça ca est sont suis es sommes êtes
    etes ai as avons avez ont été ete être etre avoir fait faire pour par sur dans avec sans sous
    chez entre vers pas plus très tres bien aussi comme si oui non merci bonjour bonsoir salut
    cordialement madame monsieur votre réseau reseau travail article échanger echanger
    aimerais souhaiterais pourriez pouvez serait cest c n ne y en où ou quand comment pourquoi
    lu vu beaucoup vraiment déjà deja toujours aussi encore depuis après apres avant pendant tout tous toute
    toutes autre autres même meme quelque cette ceux celle celui dont ainsi alors trop peu mais votre vos
    bonne journée journee semaine prochaine hier demain aujourd'hui""".split()
)
_EN_WORDS = frozenset(
    """the a an and or but so of to in on at for with from by about as into than then that this
    these those is are was were be been being am have has had do does did i me my mine you your
    yours he she it we our they their them his her its what which who whom when where why how
    not no yes just very really also would could should will can may might hi hello dear thanks
    thank regards best love loved saw read your network work article talk connect would like
    i'm i've i'd i'll you're don't can't it's let's still new up out over after before across through some
    any all more most other such only own same than too will now there here if because while into during
    without within along per via haven't hasn't didn't doesn't isn't wasn't won't couldn't shouldn't
    wouldn't we're they're that's what's there's here's week next last yesterday tomorrow today""".split()
)
_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\{\{?[^}]*\}?\}|\[[^\]]*\]|<[^>]*>|#\w+|@\w+|\b[A-Z][A-Z0-9]+\b"
)
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# Below this many words, the stop-word vote decides when it is clear-cut.
SHORT_TEXT_WORDS = 8


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # an ISO 639-1 code ("fr", "en", "de"...) or "und" when there is nothing to go on
    confidence: float
    method: str  # "langdetect" | "stop-words" | "none"

    @property
    def supported(self) -> bool:
        return self.lang in SUPPORTED_LANGUAGES


_factory_lock = threading.Lock()
_factory = None


def _get_factory():  # type: ignore[no-untyped-def]
    """All of langdetect's language profiles, loaded once per process."""
    global _factory
    with _factory_lock:
        if _factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(0)  # deterministic: the same text always gives the same answer
            _factory = factory
        return _factory


def _langdetect(text: str, priors: dict[str, float] | None = None) -> list:  # type: ignore[type-arg]
    """langdetect's probabilities, deterministic; restricted to `priors`' languages if given."""
    try:
        detector = _get_factory().create()
        if priors:
            detector.set_prior_map(priors)
        detector.append(text)
        return detector.get_probabilities()  # type: ignore[no-any-return]
    except Exception:  # langdetect raises on texts without features; the vote decides then
        return []


def _vote(words: list[str]) -> dict[str, int]:
    folded = [fold(w) for w in words]
    fr_folded = {fold(w) for w in _FR_WORDS}
    return {
        "fr": sum(1 for w in folded if w in fr_folded or w.split("'")[0] in fr_folded),
        "en": sum(1 for w in words if w.lower() in _EN_WORDS),
    }


def detect(text: str) -> LanguageGuess:
    """Guess the language of a message. Never raises."""
    cleaned = _NOISE.sub(" ", text).replace("’", "'")
    words = _TOKEN.findall(cleaned)
    if not words:
        return LanguageGuess("und", 0.0, "none")
    votes = _vote(words)
    fr, en = votes["fr"], votes["en"]
    if len(words) < SHORT_TEXT_WORDS and fr != en and max(fr, en) >= 2 * min(fr, en) + 1:
        lang = "fr" if fr > en else "en"
        return LanguageGuess(lang, max(fr, en) / (fr + en), "stop-words")
    probabilities = _langdetect(cleaned)
    # The same detector with only French and English allowed: for short texts, langdetect's
    # unrestricted guess is often a third language ("acoustic panels made" -> Catalan).
    ranked = {p.lang: p.prob for p in _langdetect(cleaned, {code: 1.0 for code in SUPPORTED_LANGUAGES})}
    best_supported = max(SUPPORTED_LANGUAGES, key=lambda code: (ranked.get(code, 0.0), votes[code]))
    if probabilities or ranked:
        top = probabilities[0] if probabilities else None
        # Another language, clearly: langdetect is sure and our function words are rare
        # (a few shared words like "me", "tu", "a" do not make a text French or English).
        strong_vote = max(fr, en) >= 0.4 * len(words)
        if top and top.lang not in SUPPORTED_LANGUAGES and top.prob >= 0.9 and len(words) >= 5 and not strong_vote:
            return LanguageGuess(top.lang, round(top.prob, 3), "langdetect")
        if ranked.get(best_supported, 0.0) > 0.0:
            # langdetect and the vote disagree on a short text: trust a clear vote.
            other = "en" if best_supported == "fr" else "fr"
            if len(words) < 2 * SHORT_TEXT_WORDS and votes[other] >= 2 * votes[best_supported] + 2:
                return LanguageGuess(other, round(votes[other] / (fr + en), 3), "stop-words")
            return LanguageGuess(best_supported, round(ranked[best_supported], 3), "langdetect")
    if fr != en:
        lang = "fr" if fr > en else "en"
        return LanguageGuess(lang, max(fr, en) / (fr + en), "stop-words")
    return LanguageGuess("und", 0.0, "none")
