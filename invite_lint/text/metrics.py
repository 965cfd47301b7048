"""Measured quantities of a message, for `metric` rules.

Each metric takes the analysis, a span and the rule's `params`, and returns a Measure:
the value, and the spans of what was counted (so a finding can point at the exact
exclamation marks, capitals or pronouns rather than at the whole message).
"""

from __future__ import annotations

from functools import lru_cache

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .analysis import Analysis
from .folding import fold
from .parts import Span, split_sentences

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|fr|io|org|net|co|ly|me)/\S*", re.I)

_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x2190, 0x21FF),
    (0x2300, 0x23FF),
)
_EMOJI_JOINERS = {0x200D, 0xFE0F, 0xFE0E, 0x20E3} | set(range(0x1F3FB, 0x1F400))


@dataclass(frozen=True)
class Measure:
    value: float | None  # None: the metric does not apply to this message (e.g. no pronouns)
    units: tuple[Span, ...] = field(default=())  # what was counted


MetricFn = Callable[[Analysis, Span, Mapping[str, Any]], Measure]
METRICS: dict[str, MetricFn] = {}
# The params each metric accepts, and their types, checked when a pack loads.
METRIC_PARAMS: dict[str, dict[str, type | tuple[type, ...]]] = {}
# How a value over the maximum is shown: "units" (each counted thing past the limit),
# "overflow" (the text past the limit) or "scope" (the whole scope, e.g. for a ratio).
METRIC_REPORT: dict[str, str] = {}


def metric(name: str, report: str = "units", **params: type | tuple[type, ...]) -> Callable[[MetricFn], MetricFn]:
    def register(fn: MetricFn) -> MetricFn:
        METRICS[name] = fn
        METRIC_PARAMS[name] = params
        METRIC_REPORT[name] = report
        return fn

    return register


def _words(analysis: Analysis, span: Span) -> list[Span]:
    start, end = span
    return analysis.memo(("words", span), lambda: [(m.start() + start, m.end() + start)
                                                   for m in WORD.finditer(analysis.text[start:end])])


def _runs(text: str, start: int, end: int, chars: str) -> list[Span]:
    pattern = re.compile("[" + re.escape(chars) + "]+")
    return [(m.start() + start, m.end() + start) for m in pattern.finditer(text[start:end])]


def _term_spans(analysis: Analysis, span: Span, terms: Iterable[str], not_after: Iterable[str] = (),
                keep_hyphen: bool = False) -> list[Span]:
    """Tokens of `span` whose folded form is in `terms`; a term right after a word of
    `not_after` does not count ("ce ton" is a tone, not tutoiement)."""
    wanted = _folded_set(tuple(terms))
    blocked = _folded_set(tuple(not_after))
    table = analysis.token_table
    hits = []
    previous = ""
    for i in analysis.token_range(span):
        norm = table.folded[i]
        bare = norm if keep_hyphen else norm.lstrip("-")  # "-tu", "-vous" in "pouvez-vous"
        if (bare in wanted or norm in wanted) and previous not in blocked:
            hits.append((table.starts[i], table.ends[i]))
        if not table.is_space[i]:
            previous = norm
    return hits


@lru_cache(maxsize=256)
def _folded_set(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(t) for t in terms)


_EMOJI_CHAR = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _EMOJI_RANGES) + "]")


def is_emoji(char: str) -> bool:
    return _EMOJI_CHAR.match(char) is not None


def _emoji_runs(text: str, start: int, end: int) -> list[list[Span]]:
    """Runs of emoji (white space between them does not break a run); each emoji is a span
    that includes its joiners, skin tones and variation selectors."""
    runs: list[list[Span]] = []
    if not _EMOJI_CHAR.search(text, start, end):
        return runs  # most messages: no emoji, no character-by-character walk
    current: list[Span] = []
    i = start
    while i < end:
        c = text[i]
        if is_emoji(c):
            j = i + 1
            while j < end and (ord(text[j]) in _EMOJI_JOINERS or (ord(text[j - 1]) == 0x200D and is_emoji(text[j]))):
                j += 1
            current.append((i, j))
            i = j
            continue
        if not c.isspace() and current:
            runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return runs


@metric("words", report="overflow")
def _m_words(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    units = _words(analysis, span)
    return Measure(len(units), tuple(units))


@metric("characters", report="overflow")
def _m_characters(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    start, end = span
    return Measure(len(analysis.text[start:end].strip()))


@metric("sentences", report="overflow")
def _m_sentences(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    units = split_sentences(analysis.text, *span)
    return Measure(len(units), tuple(units))


@metric("questions", report="scope")
def _m_questions(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    units = [s for s in split_sentences(analysis.text, *span) if "?" in analysis.text[s[0] : s[1]]]
    return Measure(len(units), tuple(units))


@metric("char_count", chars=str)
def _m_char_count(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """How many of the given characters (e.g. "!"), each run of them a unit."""
    units = _runs(analysis.text, *span, params.get("chars", "!"))
    return Measure(sum(e - s for s, e in units), tuple(units))


@metric("longest_run", report="units", chars=str)
def _m_longest_run(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """The longest run of the given characters ("!!!" is 3); runs of two or more are units."""
    runs = _runs(analysis.text, *span, params.get("chars", "!"))
    return Measure(max((e - s for s, e in runs), default=0), tuple(r for r in runs if r[1] - r[0] > 1))


@metric("capitalised_words", min_letters=int, allow=list, distinct=bool)
def _m_capitalised(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """Words written all in capitals with at least `min_letters` letters, except `allow`
    (acronyms such as DRH, ESSEC, CEO). With `distinct`, a word repeated counts once: an
    acronym comes back ("INSA ... INSA"), shouting does not repeat itself."""
    min_letters = int(params.get("min_letters", 4))
    allow = {a.upper() for a in params.get("allow", [])}
    units = []
    for s, e in _words(analysis, span):
        word = analysis.text[s:e]
        if not word.isupper():  # quick: a word in capitals is isupper(), most words are not
            continue
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= min_letters and all(c.isupper() for c in letters) and word.upper() not in allow:
            units.append((s, e))
    value = len({analysis.text[s:e] for s, e in units}) if params.get("distinct") else len(units)
    return Measure(value, tuple(units))


@metric("emoji")
def _m_emoji(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    units = [u for run in _emoji_runs(analysis.text, *span) for u in run]
    return Measure(len(units), tuple(units))


@metric("emoji_run")
def _m_emoji_run(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    runs = _emoji_runs(analysis.text, *span)
    longest = max((len(r) for r in runs), default=0)
    units = tuple((r[0][0], r[-1][1]) for r in runs if len(r) > 1)
    return Measure(longest, units)


@metric("urls")
def _m_urls(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    start, end = span
    units = [(m.start() + start, m.end() + start) for m in URL.finditer(analysis.text[start:end])]
    return Measure(len(units), tuple(units))


@metric("term_count", terms=list)
def _m_term_count(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    units = _term_spans(analysis, span, params.get("terms", []))
    return Measure(len(units), tuple(units))


@metric("person_share", report="scope", self=list, other=list, min_total=int)
def _m_person_share(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """Share of first-person words (`self`) among first- and second-person words (`other`).

    Not measured (None) below `min_total` such words: a short note says too little to judge.
    """
    mine = _term_spans(analysis, span, params.get("self", []))
    yours = _term_spans(analysis, span, params.get("other", []))
    total = len(mine) + len(yours)
    if total == 0 or total < int(params.get("min_total", 4)):
        return Measure(None)
    return Measure(round(len(mine) / total, 3), tuple(mine))


@metric("register_mix", informal=list, formal=list, always_formal=list, not_after=list)
def _m_register_mix(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """Informal and formal address mixed (tu vs vous). The informal forms can only address one
    person, so when they are the minority they are the mistake. When they are the majority,
    "vous" may be plural (the person's team), so only `always_formal` forms count: inverted
    and conditional forms of polite requests ("pourriez-vous") left over from a template."""
    not_after = params.get("not_after", [])
    informal = _term_spans(analysis, span, params.get("informal", []), not_after)
    formal = _term_spans(analysis, span, params.get("formal", []), not_after)
    if not informal or not formal:
        return Measure(0)
    if len(informal) < len(formal):
        return Measure(len(informal), tuple(informal))
    polite = _term_spans(analysis, span, params.get("always_formal", []), keep_hyphen=True)
    return Measure(len(polite), tuple(polite))


@metric("term_mix", a=list, b=list)
def _m_term_mix(analysis: Analysis, span: Span, params: Mapping[str, Any]) -> Measure:
    """How many words of the less used of two sets (e.g. tu vs vous); units are those words."""
    a = _term_spans(analysis, span, params.get("a", []))
    b = _term_spans(analysis, span, params.get("b", []))
    minority = a if len(a) <= len(b) else b
    return Measure(min(len(a), len(b)), tuple(minority))
