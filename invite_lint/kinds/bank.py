"""All the spaCy matchers of a rule set, run once per message.

Each pattern and phrase check could run its own Matcher over the Doc: with the built-in
packs that is some thirty passes per message. The bank compiles every check of a rule set
once, runs them once per message, and hands each check its own matches.

spaCy's Matcher tries every pattern at every token, and a set predicate (IN, NOT_IN) is a
Python call each time. So each pattern gets an anchor: a token at a fixed distance from its
start that every match must have — a word among a few ("votre", "j'ai"...) or a token
shape (a title-case word, a number). Patterns are grouped by anchor and run only on the
short token windows where their anchor is; the matches are the same (a test compares them
with each pattern's own Matcher on the whole corpus)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy
from spacy.attrs import IDS, LEMMA, LOWER, NORM, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.util import filter_spans

from ..text.analysis import Analysis
from ..text.folding import fold
from .base import Check, Hit
from .compiled import PerPipeline
from .pattern import PatternCheck
from .phrase import PhraseCheck


class HasParts(Protocol):
    def parts(self) -> tuple[Check, ...]: ...


def walk(node: HasParts) -> Iterator[HasParts]:
    """Every check reachable from a rule or a kind cue (its check, its `unless` matchers,
    nested groups), the node itself first."""
    yield node
    for part in node.parts():
        yield from walk(part)


# Attributes whose values an anchor can require (TEXT is ORTH), and token flags it can test.
_VALUE_ATTRS = {"LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA, "ORTH": ORTH, "TEXT": ORTH}
_FLAG_ATTRS = {name: IDS[name] for name in ("IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE",
                                            "IS_TITLE", "IS_UPPER", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL")}
_RANGE = re.compile(r"^\{(\d*),?(\d*)\}$")
_SELECTIVE_FLAGS = {"IS_TITLE", "IS_UPPER", "LIKE_NUM", "IS_DIGIT", "LIKE_URL", "LIKE_EMAIL"}


@dataclass(frozen=True)
class Anchor:
    """Every match of a pattern has, `offset` tokens after its start, a token whose `attr`
    takes one of `values` (value anchor) or whose flags are all as in `flags`."""

    offset: int
    attr: int | None = None
    values: tuple[str, ...] = ()
    flags: tuple[tuple[int, bool], ...] = ()


def _values(spec: Any) -> tuple[str, ...] | None:
    if isinstance(spec, str):
        return (spec,)
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return tuple(spec["IN"])
    return None


def anchor_of(pattern: list[dict[str, Any]], common: frozenset[str] = frozenset()) -> Anchor | None:
    """The best anchor among the tokens before the first operator: a value anchor made of
    few common words (spaCy's stop words) first, then selective flags (a title-case or
    capitalised word, a number); None when no token can anchor."""
    best: tuple[tuple[int, ...], Anchor] | None = None
    for offset, token in enumerate(pattern):
        if "OP" in token:  # from here on, the distance to the start is not fixed
            break
        for name, attr in _VALUE_ATTRS.items():
            values = _values(token.get(name))
            if values:
                rank = (0, sum(v in common for v in values), len(values), offset)
                if best is None or rank < best[0]:
                    best = (rank, Anchor(offset, attr=attr, values=values))
        named = {k: v for k, v in token.items() if k in _FLAG_ATTRS and isinstance(v, bool)}
        # Only flags that few tokens have: "not punctuation" holds almost everywhere, and a
        # window at every token costs more than the shared matcher.
        capitalised = named.get("IS_ALPHA") is True and named.get("IS_LOWER") is False
        if any(v and k in _SELECTIVE_FLAGS for k, v in named.items()) or capitalised:
            rank = (1, -len(named), 0, offset)
            if best is None or rank < best[0]:
                best = (rank, Anchor(offset, flags=tuple((_FLAG_ATTRS[k], v) for k, v in named.items())))
    return best[1] if best else None


def max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of `pattern` can cover; None when unbounded (*, + or {n,})."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in (None, "?", "!", "1"):
            total += 1
        elif isinstance(op, str) and (m := _RANGE.match(op)):
            low, high = m.group(1), m.group(2)
            if "," in op and not high:
                return None
            total += int(high or low)
        else:
            return None
    return total


def signature(check: object) -> str:
    """What a check matches, as a key: the same YAML anchor used by three rules builds three
    equal checks, which the bank runs once."""
    if isinstance(check, PatternCheck):
        return repr(("pattern", check.patterns))
    if isinstance(check, PhraseCheck):
        return repr(("phrase", check.attr, check.phrases))
    return repr(("other", id(check)))  # not the bank's: known to no key


@dataclass
class _Window:
    """The patterns with the same anchor, run only where the anchor is."""

    matcher: Matcher
    offset: int  # the anchor's distance from the start of a match
    length: int | None  # tokens a match can cover (None: to the end of the message)


@dataclass(frozen=True)
class _Compiled:
    shared: Matcher  # patterns without an anchor: run on the whole message
    windows: tuple[_Window, ...]
    starts: dict[tuple[int, int], tuple[int, ...]]  # (attribute, value hash) -> windows
    value_columns: tuple[tuple[int, int], ...]  # (column, attribute) of value anchors
    flagged: tuple[tuple[list[int], Any, int], ...]  # (flag columns, wanted values, window)
    attrs: list[int | str]  # columns read from the Doc (attribute ids)
    phrases: tuple[PhraseMatcher, ...]
    index_of: dict[int, int]  # a match's key (the hash of "check<i>") -> i, the check's index


class Bank:
    """The phrase and pattern checks of a rule set, run as one pass per message (see the
    module's docstring); the text layer sees it as `text.analysis.SharedMatches`."""

    def __init__(self, checks: Iterable[object]) -> None:
        unique: dict[str, PatternCheck | PhraseCheck] = {}
        for check in checks:
            if isinstance(check, (PatternCheck, PhraseCheck)):
                unique.setdefault(signature(check), check)
        self.checks = list(unique.values())
        self._index = {key: i for i, key in enumerate(unique)}
        self._keys: dict[int, str] = {}  # id(check) -> signature, filled as checks ask
        self._compiled: PerPipeline[_Compiled] = PerPipeline(self._compile)

    def _key(self, check: object) -> str:
        key = self._keys.get(id(check))
        if key is None:
            key = self._keys[id(check)] = signature(check)
        return key

    def knows(self, check: object) -> bool:
        return self._key(check) in self._index

    def _compile(self, nlp: Language) -> _Compiled:
        common = frozenset(fold(w) for w in nlp.Defaults.stop_words)
        shared = Matcher(nlp.vocab)
        grouped: dict[Anchor, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        phrase_matchers: dict[str, PhraseMatcher] = {}
        for i, check in enumerate(self.checks):
            if isinstance(check, PatternCheck):
                check.register_extensions()
                for pattern in check.patterns:
                    found = anchor_of(pattern, common)
                    if found is None:
                        shared.add(f"check{i}", [pattern])
                    else:
                        grouped[found].append((f"check{i}", pattern))
            else:
                if check.attr not in phrase_matchers:
                    phrase_matchers[check.attr] = PhraseMatcher(nlp.vocab, attr=check.attr)
                phrase_matchers[check.attr].add(f"check{i}", check.phrase_docs(nlp))
        windows: list[_Window] = []
        starts: dict[tuple[int, int], list[int]] = defaultdict(list)
        flagged: list[tuple[tuple[tuple[int, bool], ...], int]] = []
        for found, members in grouped.items():
            matcher = Matcher(nlp.vocab)
            for key, pattern in members:
                matcher.add(key, [pattern])
            lengths = [max_length(p) for _, p in members]
            windows.append(_Window(matcher, found.offset, None if None in lengths else max(lengths)))  # type: ignore[type-var]
            if found.attr is not None:
                for value in set(found.values):
                    starts[(found.attr, nlp.vocab.strings.add(value))].append(len(windows) - 1)
            else:
                flagged.append((found.flags, len(windows) - 1))
        value_attrs = {attr for attr, _ in starts}
        attrs: list[int | str] = sorted(value_attrs | {a for flags, _ in flagged for a, _ in flags})
        column = {attr: j for j, attr in enumerate(attrs)}
        return _Compiled(
            shared, tuple(windows), {k: tuple(v) for k, v in starts.items()},
            tuple((column[a], a) for a in sorted(value_attrs)),
            tuple(([column[a] for a, _ in flags], numpy.array([w for _, w in flags]), window)
                  for flags, window in flagged),
            attrs, tuple(phrase_matchers.values()),
            {nlp.vocab.strings.add(f"check{i}"): i for i in range(len(self.checks))})

    def _run(self, analysis: Analysis) -> dict[int, list[Hit]]:
        compiled = self._compiled.get(analysis.nlp)
        doc = analysis.doc
        spans: dict[int, list[Any]] = defaultdict(list)
        matchers: tuple[Matcher | PhraseMatcher, ...] = (compiled.shared, *compiled.phrases)
        for found in matchers:
            if len(found):
                for key, start, end in found(doc):
                    spans[compiled.index_of[key]].append(doc[start:end])
        if compiled.windows and len(doc):
            columns = doc.to_array(compiled.attrs).reshape(len(doc), len(compiled.attrs))
            todo: set[tuple[int, int]] = set()  # (window, position of the anchor)
            for j, attr in compiled.value_columns:
                for position, value in enumerate(columns[:, j].tolist()):
                    for window in compiled.starts.get((attr, value), ()):
                        todo.add((window, position))
            for flag_columns, wanted, window in compiled.flagged:
                hits = numpy.flatnonzero((columns[:, flag_columns] != 0).__eq__(wanted).all(axis=1))
                todo.update((window, position) for position in hits.tolist())
            for window_index, position in sorted(todo):
                chosen = compiled.windows[window_index]
                first = position - chosen.offset
                if first < 0:
                    continue
                span = doc[first: len(doc) if chosen.length is None else first + chosen.length]
                for key, start, end in chosen.matcher(span):
                    if start == 0:  # matches starting later are found from their own anchor
                        spans[compiled.index_of[key]].append(doc[first: first + end])
        return {i: [Hit(s.start_char, s.end_char) for s in filter_spans(found)] for i, found in spans.items()}

    def hits(self, check: object, analysis: Analysis) -> list[Hit]:
        """All of `check`'s matches in the message (the bank runs once per message)."""
        found = analysis.memo(("bank", id(self)), lambda: self._run(analysis))
        return found.get(self._index[self._key(check)], [])
