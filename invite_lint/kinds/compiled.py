"""A per-pipeline cache for spaCy matchers: a matcher is bound to one Vocab, and the same
rule may run on several pipelines (one per language or feature set)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from spacy.language import Language

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
