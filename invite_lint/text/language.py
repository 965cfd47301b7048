"""Language detection: langdetect, made deterministic, plus a stop-word vote.

langdetect alone is random (it samples n-grams) and weak on short texts. Here it is seeded,
sees the text without URLs, e-mail addresses, placeholders and names in capitals, and is
helped by a vote of common French and English function words, which settles most short
messages ("Slt, on se voit ?") where character n-grams are not enough.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import SUPPORTED_LANGUAGES
from .folding import fold, fold_word

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

# Function words that are frequent in one of our languages and rare in the languages that
# share its alphabet (no "de", "la", "les", "et", "qui", "je", "is", "in", "my"): when a text is full of
# them and has none of the other's, langdetect (two passes, about 5 ms) has nothing to add.
_FR_DISTINCT = frozenset(
    """une du vous nous est pour dans avec votre vos sur cette au aux suis sommes etes avons
    avez merci bonjour cordialement j qu ai serait pourriez aimerais""".split()
)
_EN_DISTINCT = frozenset(
    """the and of you your with that this are was have would i'm i've i'd it's we our what
    thanks thank hi regards could should been""".split()
)
MAX_CACHED_NGRAMS = 100_000  # rows of 55 floats: at most some 45 MB, usually far less
DECISIVE_SHARE = 0.12  # of the words, at least this many distinctive function words of one language
_FR_FOLDED = frozenset(fold(w) for w in _FR_WORDS)


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # an ISO 639-1 code ("fr", "en", "de"...) or "und" when there is nothing to go on
    confidence: float
    method: str  # "function-words" | "langdetect" | "stop-words" | "none"

    @property
    def supported(self) -> bool:
        return self.lang in SUPPORTED_LANGUAGES


@dataclass(frozen=True)
class _Probability:
    lang: str
    prob: float


class _Profiles:
    """langdetect's character n-gram profiles, scored exactly.

    langdetect itself samples n-grams at random until one language dominates, seven times
    over: some 10 ms per message in pure Python, and a different answer for each seed. Here
    every n-gram of the text is scored once, with langdetect's own smoothing, as one matrix
    sum: the same model, deterministic and some 30 times faster."""

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        self.factory = factory
        self.langs: list[str] = list(factory.langlist)
        self.index = {lang: i for i, lang in enumerate(self.langs)}
        self._rows: dict[str, Any] = {}
        # Detector._update_lang_prob multiplies by (alpha / BASE_FREQ + p): the same in logs
        from langdetect.detector import Detector

        self.weight = Detector.ALPHA_DEFAULT / Detector.BASE_FREQ

    def ngrams(self, text: str) -> list[str]:
        """langdetect's n-grams of the text (Detector._extract_ngrams and NGram.add_char),
        with its per-character normalisation cached: the same n-grams, a few times faster."""
        detector = self.factory.create()
        detector.append(text)
        detector.cleaning_text()
        known = self.factory.word_lang_prob_map
        result: list[str] = []
        grams = " "
        capital_word = False
        for raw in detector.text:
            char = _normalise_char(raw)
            last = grams[-1]
            if last == " ":
                grams = " "
                capital_word = False
                if char == " ":
                    continue
            elif len(grams) >= 3:  # NGram.N_GRAM
                grams = grams[1:]
            grams += char
            if char.isupper():
                if last.isupper():
                    capital_word = True
            else:
                capital_word = False
            if capital_word:
                continue
            for n in (1, 2, 3):
                if len(grams) < n:
                    break
                gram = grams[-n:]
                if gram and gram != " " and gram in known:
                    result.append(gram)
        return result

    def _row(self, gram: str) -> Any:
        row = self._rows.get(gram)
        if row is None:
            import numpy as np

            row = np.log(np.asarray(self.factory.word_lang_prob_map[gram], dtype=float) + self.weight)
            if len(self._rows) < MAX_CACHED_NGRAMS:
                self._rows[gram] = row
        return row

    def scores(self, text: str) -> Any | None:
        """Log-likelihood of the text under each language's profile (None: no n-gram known)."""
        import numpy as np

        counts = Counter(self.ngrams(text))
        if not counts:
            return None
        rows = np.stack([self._row(g) for g in counts])
        return np.asarray(list(counts.values()), dtype=float) @ rows

    def probabilities(self, scores: Any, only: tuple[str, ...] | None = None) -> list[_Probability]:
        import numpy as np

        columns = [self.index[lang] for lang in only if lang in self.index] if only else range(len(self.langs))
        chosen = np.asarray([scores[i] for i in columns])
        probs = np.exp(chosen - chosen.max())
        probs /= probs.sum()
        names = [self.langs[i] for i in columns]
        ranked = sorted(zip(names, probs.tolist()), key=lambda item: -item[1])
        return [_Probability(lang, prob) for lang, prob in ranked if prob > 0.1]


@lru_cache(maxsize=8192)
def _normalise_char(char: str) -> str:
    from langdetect.utils.ngram import NGram

    return NGram.normalize(char)  # type: ignore[no-any-return]


_profiles_lock = threading.Lock()
_profiles: _Profiles | None = None


def _get_profiles() -> _Profiles:
    """langdetect's profiles, loaded once per process."""
    global _profiles
    with _profiles_lock:
        if _profiles is None:
            _profiles = _Profiles()
        return _profiles


def _langdetect(text: str) -> tuple[list[_Probability], list[_Probability]]:
    """langdetect's probabilities over all its languages, and over French and English only."""
    try:
        profiles = _get_profiles()
        scores = profiles.scores(text)
    except Exception:  # langdetect raises on texts without features; the vote decides then
        return [], []
    if scores is None:
        return [], []
    return profiles.probabilities(scores), profiles.probabilities(scores, SUPPORTED_LANGUAGES)


def _vote(words: list[str]) -> dict[str, int]:
    folded = [fold_word(w) for w in words]
    return {
        "fr": sum(1 for w in folded if w in _FR_FOLDED or w.split("'")[0] in _FR_FOLDED),
        "en": sum(1 for w in words if w.lower() in _EN_WORDS),
    }


def _decisive(words: list[str]) -> str | None:
    """fr or en when the distinctive function words leave no doubt, else None."""
    fr = en = 0
    for word in words:
        lowered = word.lower()
        if lowered in _EN_DISTINCT:
            en += 1
        elif fold_word(lowered.split("'")[0]) in _FR_DISTINCT:
            fr += 1
    need = max(3, DECISIVE_SHARE * len(words))
    if fr >= need and en * 5 <= fr:
        return "fr"
    if en >= need and fr * 5 <= en:
        return "en"
    return None


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
    if len(words) >= SHORT_TEXT_WORDS and (lang := _decisive(words)):
        return LanguageGuess(lang, round(votes[lang] / (fr + en), 3), "function-words")
    # Also the same scores with only French and English allowed: for short texts, langdetect's
    # unrestricted guess is often a third language ("acoustic panels made" -> Catalan).
    probabilities, restricted = _langdetect(cleaned)
    ranked = {p.lang: p.prob for p in restricted}
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
