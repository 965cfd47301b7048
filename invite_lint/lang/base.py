"""One language as invite-lint knows it, read from its folder's `language.yaml`.

A language folder is data (like spaCy's `spacy/lang/fr/`, minus the code): the spaCy
pipelines to try, the function words that detect it, the words that mark a message's parts
(greetings, sign-offs, titles, subject lines) and the evidence step's cues. The rules of a
language stay in rule packs (`rules/fr/`); the coach's grammar stays with the coach.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..yamlio import LineMap, load_file
from .folding import fold, fold_word

LANGUAGE_FILE = "language.yaml"
COACH_FILE = "coach.yaml"  # optional: what the coach says in this language (sections read by invite_lint.coaching)
# What the evidence step reads (text.evidence.cues.Cues); a language may give any of them.
EVIDENCE_WORD_SETS = (
    "first_person", "first_subjects", "second_subjects", "second_person", "possessive", "vague", "artefacts",
    "topic_preps", "relatives", "employer_preps", "connectors", "not_names", "moves", "numbers_excluded_after",
    "magnitude", "you_did", "you_did_not", "meeting_verbs", "meeting_nouns", "when_words", "event_words",
    "question_words", "perceived", "thanks", "place_preps", "past_suffixes", "not_last",
)
# Sets the evidence step reads across every language at once (people mix languages in one
# message): each folder gives its own words, and the step uses the union of all folders'.
EVIDENCE_ANY_LANGUAGE = (
    "function", "demonstratives", "not_parts", "conjunctions", "work_words", "auxiliaries", "periods", "last",
    "object_pronouns", "introducing", "roles", "reported", "field_words", "not_past", "clause_openers", "articles",
    "name_preps", "together", "we_subjects", "meeting_determiners", "of_words", "object_subjects", "you_subjects",
)
EVIDENCE_PHRASES = ("shared_phrases", "shared_needs_name", "referral_verbs", "referral_before")
# Evidence words are written folded and compared folded, except the sets named in
# `accented` (French participles: "rencontré" is a meeting, "rencontre" may be a noun).
EVIDENCE_ACCENTED = "accented"
_TOP_KEYS = ("code", "name", "models", "detection", "parts", "evidence")
_DETECTION_KEYS = ("match", "elision", "function_words", "distinctive")
_PART_KEYS = ("greetings", "sign_offs", "titles", "abbreviations", "subject_labels", "reply_prefixes", "gendered",
              "former")
GENDERS = ("f", "m")


def _fold(word: str) -> str:
    return fold(word)


@dataclass(frozen=True)
class Detection:
    match: str  # "folded" (accents ignored) or "lowercase"
    elision: bool  # "qu'il" also counts as "qu"
    function_words: frozenset[str]  # compared as `match` says
    distinctive: frozenset[str]

    def key(self, word: str) -> str:
        return fold_word(word) if self.match == "folded" else word.lower()

    def is_function_word(self, word: str) -> bool:
        key = self.key(word)
        return key in self.function_words or self.elision and key.split("'")[0] in self.function_words

    def is_distinctive(self, lowered: str) -> bool:
        if self.match == "lowercase":
            return lowered in self.distinctive
        return fold_word(lowered.split("'")[0] if self.elision else lowered) in self.distinctive


@dataclass(frozen=True)
class Parts:
    greetings: tuple[str, ...] = ()  # folded
    sign_offs: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    subject_labels: tuple[str, ...] = ()
    reply_prefixes: tuple[str, ...] = ()
    gendered: Mapping[str, str] = field(default_factory=dict)  # greeting word -> "f" | "m"
    former: tuple[str, ...] = ()  # regular-expression fragments (RE2): a former employer near them


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as the rule packs' `languages:` and spaCy's `spacy.blank` use it
    name: str
    models: tuple[str, ...]  # spaCy packages, best first
    detection: Detection
    parts: Parts
    evidence_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    evidence_phrases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    evidence_accented: frozenset[str] = frozenset()  # evidence sets compared with their accents
    coach: Mapping[str, object] = field(default_factory=dict)  # coach.yaml, when the folder has one
    folder: Path | None = None

    @classmethod
    def from_folder(cls, folder: str | Path) -> Language:
        """Read `folder/language.yaml`; a bad file is an InputError naming the file and line."""
        path = Path(folder) / LANGUAGE_FILE
        if not path.is_file():
            raise InputError(str(folder), f"a language folder holds a {LANGUAGE_FILE}")
        data = load_file(path)
        shown = str(path)
        if not isinstance(data, LineMap):
            raise InputError(shown, "a language file is a mapping (code, name, models, detection, parts, evidence)")
        language = cls.from_mapping(data, shown, Path(folder))
        coach_path = Path(folder) / COACH_FILE
        if coach_path.is_file():
            coach = load_file(coach_path)
            if not isinstance(coach, LineMap):
                raise InputError(str(coach_path), "a coach file is a mapping of sections (wording, slots, questions...)")
            language = dataclasses.replace(language, coach=coach)
        return language

    @classmethod
    def from_mapping(cls, data: LineMap, shown: str, folder: Path | None = None) -> Language:
        def fail(key: str, why: str, where: LineMap = data) -> InputError:
            return InputError(f"{shown}:{where.line_of(key)}", f"'{key}' {why}")

        _known(data, _TOP_KEYS, shown)
        code = data.get("code")
        if not isinstance(code, str) or not (code.isascii() and code.isalpha() and code.islower() and len(code) == 2):
            raise fail("code", "must be a two-letter lower-case language code (ISO 639-1)")
        name = data.get("name", code)
        models = data.get("models", [])
        if not isinstance(models, list) or not all(isinstance(m, str) and m.isidentifier() for m in models):
            raise fail("models", "must be a list of spaCy package names")
        detection = _mapping(data, "detection", shown)
        _known(detection, _DETECTION_KEYS, shown)
        match = detection.get("match", "folded")
        if match not in ("folded", "lowercase"):
            raise fail("match", "must be folded or lowercase", detection)
        if not isinstance(detection.get("elision", False), bool):
            raise fail("elision", "must be true or false", detection)
        keyer = _fold if match == "folded" else str.lower
        words = _word_set(detection, "function_words", shown, keyer)
        if not words:
            raise fail("detection", "needs function_words: the words that tell the language apart")
        parts = _mapping(data, "parts", shown)
        _known(parts, _PART_KEYS, shown)
        evidence = _mapping(data, "evidence", shown)
        _known(evidence, (*EVIDENCE_WORD_SETS, *EVIDENCE_ANY_LANGUAGE, *EVIDENCE_PHRASES, EVIDENCE_ACCENTED), shown)
        accented = _word_set(evidence, EVIDENCE_ACCENTED, shown, str)
        unknown_set = sorted(accented - set(EVIDENCE_WORD_SETS))
        if unknown_set:
            raise fail(EVIDENCE_ACCENTED, f"names an unknown word set '{unknown_set[0]}'", evidence)
        return cls(
            code=code, name=str(name), models=tuple(models),
            detection=Detection(match, bool(detection.get("elision", False)), words,
                                _word_set(detection, "distinctive", shown, keyer)),
            parts=Parts(**{k: tuple(_phrases(parts, k, shown, _fold)) for k in _PART_KEYS if k != "gendered"},
                        gendered=_gendered(parts, shown)),
            # as written: the file holds them folded (or accented, for the sets named so)
            evidence_words={k: _word_set(evidence, k, shown, str) for k in (*EVIDENCE_WORD_SETS, *EVIDENCE_ANY_LANGUAGE)
                            if k in evidence},
            evidence_phrases={k: tuple(tuple(p.split(" ")) for p in _phrases(evidence, k, shown, str))
                              for k in EVIDENCE_PHRASES if k in evidence},
            evidence_accented=accented,
            folder=folder,
        )


def _gendered(parts: LineMap, shown: str) -> dict[str, str]:
    value = _mapping(parts, "gendered", shown)
    out: dict[str, str] = {}
    for gender in value:
        if gender not in GENDERS:
            raise InputError(f"{shown}:{value.line_of(gender)}", f"'gendered' is keyed by gender ({', '.join(GENDERS)})")
        for word in _phrases(value, gender, shown, _fold):
            out[word] = gender
    return out


def _known(data: LineMap, keys: tuple[str, ...], shown: str) -> None:
    for key in data:
        if key not in keys:
            raise InputError(f"{shown}:{data.line_of(key)}", f"unknown key '{key}' (keys: {', '.join(keys)})")


def _mapping(data: LineMap, key: str, shown: str) -> LineMap:
    value = data.get(key)
    if value is None:
        empty = LineMap()
        empty.line, empty.key_lines = data.line_of(key), {}
        return empty
    if not isinstance(value, LineMap):
        raise InputError(f"{shown}:{data.line_of(key)}", f"'{key}' must be a mapping")
    return value


def _word_set(data: LineMap, key: str, shown: str, keyer) -> frozenset[str]:
    """A string of words separated by spaces (a `>-` block reads well), or a list of words."""
    value = data.get(key, "")
    if isinstance(value, str):
        return frozenset(keyer(w) for w in value.split())
    if isinstance(value, list) and all(isinstance(w, str) for w in value):
        return frozenset(keyer(w) for w in value)
    raise InputError(f"{shown}:{data.line_of(key)}", f"'{key}' must be words separated by spaces, or a list of words")


def _phrases(data: LineMap, key: str, shown: str, keyer) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise InputError(f"{shown}:{data.line_of(key)}", f"'{key}' must be a list of words or phrases")
    return [" ".join(keyer(w) for w in p.split()) for p in value]
