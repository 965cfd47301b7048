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

from .. import lang as languages

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\{\{?[^}]*\}?\}|\[[^\]]*\]|<[^>]*>|#\w+|@\w+|\b[A-Z][A-Z0-9]+\b"
)
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# Below this many words, the stop-word vote decides when it is clear-cut.
SHORT_TEXT_WORDS = 8

MAX_CACHED_NGRAMS = 100_000  # rows of 55 floats: at most some 45 MB, usually far less
DECISIVE_SHARE = 0.12  # of the words, at least this many distinctive function words of one language


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # an ISO 639-1 code ("fr", "en", "de"...) or "und" when there is nothing to go on
    confidence: float
    method: str  # "function-words" | "langdetect" | "stop-words" | "none"


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

    return NGram.normalize(char)


_profiles_lock = threading.Lock()
_profiles: _Profiles | None = None


def _get_profiles() -> _Profiles:
    """langdetect's profiles, loaded once per process."""
    global _profiles
    with _profiles_lock:
        if _profiles is None:
            _profiles = _Profiles()
        return _profiles


def _langdetect(text: str, known: tuple[str, ...]) -> tuple[list[_Probability], list[_Probability]]:
    """langdetect's probabilities over all its languages, and over ours (`known`) only."""
    try:
        profiles = _get_profiles()
        scores = profiles.scores(text)
    except Exception:  # langdetect raises on texts without features; the vote decides then
        return [], []
    if scores is None:
        return [], []
    return profiles.probabilities(scores), profiles.probabilities(scores, known)


def _vote(words: list[str], known: tuple[languages.Language, ...]) -> dict[str, int]:
    """How many of the words are function words of each language."""
    return {language.code: sum(1 for w in words if language.detection.is_function_word(w)) for language in known}


def _decisive(words: list[str], known: tuple[languages.Language, ...]) -> str | None:
    """The language whose distinctive function words leave no doubt, else None."""
    counts = dict.fromkeys((language.code for language in known), 0)
    for word in words:
        lowered = word.lower()
        for language in known:  # the first language that claims a word counts it
            if language.detection.is_distinctive(lowered):
                counts[language.code] += 1
                break
    need = max(3, DECISIVE_SHARE * len(words))
    for code, count in counts.items():
        others = max((c for other, c in counts.items() if other != code), default=0)
        if count >= need and others * 5 <= count:
            return code
    return None


def _ranked(votes: dict[str, int]) -> list[tuple[str, int]]:
    """Votes, most first (ties keep the registry's order: French first)."""
    return sorted(votes.items(), key=lambda item: -item[1])


def detect(text: str) -> LanguageGuess:
    """Guess the language of a message among the languages in `invite_lint.lang`, or
    another one langdetect is sure of. Never raises."""
    cleaned = _NOISE.sub(" ", text).replace("’", "'")
    words = _TOKEN.findall(cleaned)
    if not words:
        return LanguageGuess("und", 0.0, "none")
    known = languages.languages()
    codes = tuple(language.code for language in known)
    votes = _vote(words, known)
    ranked = _ranked(votes)
    (first, top), (_, second) = ranked[0], (ranked[1] if len(ranked) > 1 else ("", 0))
    total = sum(votes.values())
    if len(words) < SHORT_TEXT_WORDS and top != second and top >= 2 * second + 1:
        return LanguageGuess(first, top / total, "stop-words")
    if len(words) >= SHORT_TEXT_WORDS and (decided := _decisive(words, known)):
        return LanguageGuess(decided, round(votes[decided] / total, 3) if total else 0.0, "function-words")
    # Also the same scores with only our languages allowed: for short texts, langdetect's
    # unrestricted guess is often a third language ("acoustic panels made" -> Catalan).
    probabilities, restricted = _langdetect(cleaned, codes)
    by_lang = {p.lang: p.prob for p in restricted}
    best_known = max(codes, key=lambda code: (by_lang.get(code, 0.0), votes[code]))
    if probabilities or by_lang:
        best = probabilities[0] if probabilities else None
        # Another language, clearly: langdetect is sure and our function words are rare
        # (a few shared words like "me", "tu", "a" do not make a text French or English).
        strong_vote = top >= 0.4 * len(words)
        if best and best.lang not in codes and best.prob >= 0.9 and len(words) >= 5 and not strong_vote:
            return LanguageGuess(best.lang, round(best.prob, 3), "langdetect")
        if by_lang.get(best_known, 0.0) > 0.0:
            # langdetect and the vote disagree on a short text: trust a clear vote.
            other, other_votes = max(((c, v) for c, v in ranked if c != best_known), key=lambda item: item[1],
                                     default=("", 0))
            if other and len(words) < 2 * SHORT_TEXT_WORDS and other_votes >= 2 * votes[best_known] + 2:
                return LanguageGuess(other, round(other_votes / total, 3), "stop-words")
            return LanguageGuess(best_known, round(by_lang[best_known], 3), "langdetect")
    if top != second:
        return LanguageGuess(first, top / total, "stop-words")
    return LanguageGuess("und", 0.0, "none")
