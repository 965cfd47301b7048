"""Compiled spaCy matchers: a per-pipeline cache (a matcher is bound to one Vocab, and the
same rule may run on several pipelines, one per language or feature set), and the base of
the checks that run one (pattern, phrase)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from spacy.language import Language
from spacy.util import filter_spans

from ..text.analysis import Analysis
from ..text.parts import Span
from .base import Check, Hit, within

T = TypeVar("T")


class PerPipeline(Generic[T]):
    def __init__(self, build: Callable[[Language], T]) -> None:
        self._build = build
        self._items: dict[int, tuple[Language, T]] = {}
        self._lock = threading.Lock()

    def get(self, nlp: Language) -> T:
        entry = self._items.get(id(nlp))
        if entry is None or entry[0] is not nlp:
            with self._lock:
                entry = (nlp, self._build(nlp))  # keeps nlp alive, so its id is not reused
                self._items[id(nlp)] = entry
        return entry[1]

    # Compiled matchers are rebuilt in each process: a pickled rule carries only its data.
    def __getstate__(self) -> dict[str, Any]:
        return {"_build": self._build}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._build = state["_build"]
        self._items = {}
        self._lock = threading.Lock()


class MatcherCheck(Check):
    """A check backed by a spaCy matcher. Matched once per message, whatever the number of
    scopes and sentences asked about; through the engine's bank when there is one (one pass
    for all the rules' matchers), else with its own matcher."""

    def __init__(self) -> None:
        self._matchers: PerPipeline[Any] = PerPipeline(self._compile)

    def _compile(self, nlp: Language) -> Any:
        raise NotImplementedError

    def precompile(self, nlp: Language) -> None:
        self._matchers.get(nlp)

    def _all_hits(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        matches = self._matchers.get(analysis.nlp)(doc)
        return [Hit(s.start_char, s.end_char) for s in filter_spans([doc[s:e] for _, s, e in matches])]

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        bank = analysis.bank
        if bank is not None and bank.knows(self):
            return within(bank.hits(self, analysis), span)
        return within(analysis.memo((id(self), "hits"), lambda: self._all_hits(analysis)), span)
