"""All the spaCy matchers of a rule set, run in one pass per message.

Each pattern and phrase check could run its own Matcher over the Doc: with the built-in
packs that is some thirty passes per message. The bank puts every pattern under one
Matcher (and the phrases under one PhraseMatcher per attribute), runs them once per
message, and hands each check its own matches."""

from __future__ import annotations

from collections import defaultdict
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.util import filter_spans

from ..text.analysis import Analysis
from ..text.folding import fold
from ..text.pipeline import fold_norms
from .base import Hit
from .compiled import PerPipeline
from .pattern import PatternCheck, register_re2_extension
from .phrase import PhraseCheck


def walk(node: Any) -> Iterator[Any]:
    """Every check reachable from a rule (its check, its `unless` matchers, nested groups)."""
    yield node
    for attribute in ("check", "matchers", "members", "unless"):
        child = getattr(node, attribute, None)
        if child is None:
            continue
        for item in child if isinstance(child, (tuple, list)) else (child,):
            yield from walk(item)


# Attributes whose values a first token can require (TEXT is ORTH).
_ANCHOR_ATTRS = {"LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA, "ORTH": ORTH, "TEXT": ORTH}
_RANGE = re.compile(r"^\{(\d*),?(\d*)\}$")


def first_token_values(pattern: list[dict[str, Any]]) -> tuple[int, tuple[str, ...]] | None:
    """(attribute, values) when every match of `pattern` starts on a token whose attribute
    takes one of these values, else None (an optional first token, or none required)."""
    first = pattern[0] if pattern else {}
    if "OP" in first:
        return None
    for name, attr in _ANCHOR_ATTRS.items():
        spec = first.get(name)
        if isinstance(spec, str):
            return attr, (spec,)
        if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
            return attr, tuple(spec["IN"])
    return None


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


def signature(check: Any) -> str:
    """What a check matches, as a key: the same YAML anchor used by three rules builds three
    equal checks, which the bank runs once."""
    if isinstance(check, PatternCheck):
        return repr(("pattern", check.patterns))
    return repr(("phrase", check.attr, check.phrases))


@dataclass
class _Window:
    """The patterns that start on the same kind of token, run only where such a token is."""

    matcher: Matcher
    length: int | None  # tokens from the start token that a match can cover (None: to the end)


@dataclass(frozen=True)
class _Compiled:
    shared: Matcher  # patterns that can start anywhere: run on the whole message
    windows: tuple[_Window, ...]
    starts: dict[tuple[int, int], tuple[int, ...]]  # (attribute, value hash) -> window indexes
    attrs: list[int]
    phrases: tuple[PhraseMatcher, ...]


class Bank:
    def __init__(self, checks: Iterable[Any]) -> None:
        unique: dict[str, Any] = {}
        for check in checks:
            if isinstance(check, (PatternCheck, PhraseCheck)):
                unique.setdefault(signature(check), check)
        self.checks = list(unique.values())
        self._index = {key: i for i, key in enumerate(unique)}
        self._keys: dict[int, str] = {}  # id(check) -> signature, filled as checks ask
        self._compiled: PerPipeline[_Compiled] = PerPipeline(self._compile)

    def _key(self, check: Any) -> str:
        key = self._keys.get(id(check))
        if key is None:
            key = self._keys[id(check)] = signature(check)
        return key

    def knows(self, check: Any) -> bool:
        return self._key(check) in self._index

    def _compile(self, nlp: Language) -> _Compiled:
        """The Matcher tries every pattern at every token, and a set predicate (IN) on a
        pattern's first token is a Python call per token: with the built-in packs, some
        4,000 calls per message. Most patterns start on one of a few words ("votre",
        "j'ai"...), so they are grouped by that first token and run only on the few
        token windows that start with it; the result is the same set of matches."""
        shared = Matcher(nlp.vocab)
        grouped: dict[tuple[int, tuple[str, ...]], list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        phrase_matchers: dict[str, PhraseMatcher] = {}
        for i, check in enumerate(self.checks):
            if isinstance(check, PatternCheck):
                for attr, source in check.regexes:
                    register_re2_extension(attr, source)
                for pattern in check.patterns:
                    start = first_token_values(pattern)
                    if start is None:
                        shared.add(f"check{i}", [pattern])
                    else:
                        grouped[start].append((f"check{i}", pattern))
            else:
                if check.attr not in phrase_matchers:
                    phrase_matchers[check.attr] = PhraseMatcher(nlp.vocab, attr=check.attr)
                docs = list(nlp.pipe(check.phrases)) if check.attr == "LEMMA" else [
                    fold_norms(nlp.make_doc(p)) for p in check.phrases]
                phrase_matchers[check.attr].add(f"check{i}", [d for d in docs if len(d)])
        windows: list[_Window] = []
        starts: dict[tuple[int, int], list[int]] = defaultdict(list)
        for (attr, values), members in grouped.items():
            matcher = Matcher(nlp.vocab)
            for key, pattern in members:
                matcher.add(key, [pattern])
            lengths = [max_length(p) for _, p in members]
            windows.append(_Window(matcher, None if None in lengths else max(lengths)))  # type: ignore[type-var]
            for value in set(values):
                starts[(attr, nlp.vocab.strings.add(value))].append(len(windows) - 1)
        return _Compiled(shared, tuple(windows), {k: tuple(v) for k, v in starts.items()},
                         sorted({attr for attr, _ in starts}), tuple(phrase_matchers.values()))

    def _run(self, analysis: Analysis) -> dict[int, list[Hit]]:
        compiled = self._compiled.get(analysis.nlp)
        doc = analysis.doc
        strings = analysis.nlp.vocab.strings
        spans: dict[int, list[Any]] = defaultdict(list)
        for found in (compiled.shared, *compiled.phrases):
            if len(found):
                for key, start, end in found(doc):
                    spans[int(strings[key][5:])].append(doc[start:end])
        if compiled.windows and len(doc):
            columns = doc.to_array(compiled.attrs).reshape(len(doc), len(compiled.attrs)).tolist()
            todo: set[tuple[int, int]] = set()  # (window, start token)
            for position, row in enumerate(columns):
                for attr, value in zip(compiled.attrs, row):
                    for window in compiled.starts.get((attr, value), ()):
                        todo.add((window, position))
            for window, position in sorted(todo):
                length = compiled.windows[window].length
                span = doc[position: len(doc) if length is None else position + length]
                for key, start, end in compiled.windows[window].matcher(span):
                    if start == 0:  # later starts are found from their own window
                        spans[int(strings[key][5:])].append(doc[position: position + end])
        return {i: [Hit(s.start_char, s.end_char) for s in filter_spans(found)] for i, found in spans.items()}

    def hits(self, check: Any, analysis: Analysis) -> list[Hit]:
        """All of `check`'s matches in the message (the bank runs once per message)."""
        found = analysis.memo(("bank", id(self)), lambda: self._run(analysis))
        return found.get(self._index[self._key(check)], [])
