"""One message, analysed once: its text, spaCy Doc, parts and the caches rules share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Recipient
from .folding import fold
from .parts import Parts, Span, split_parts

T = TypeVar("T")


class Analysis:
    """Everything a rule may look at. Built by the engine, read by the rule kinds."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        nlp: Language,
        lang: str,
        channel: str,
        recipient: Recipient | None = None,
        bank: Any = None,
    ) -> None:
        self.bank = bank  # the rule set's combined matchers (kinds.bank), if the engine built one
        self.text = text
        self.doc = doc
        self.nlp = nlp
        self.lang = lang
        self.channel = channel
        self.recipient = recipient
        self.parts: Parts = split_parts(text)
        self._folded: str | None = None
        self._memo: dict[Any, Any] = {}

    @property
    def folded(self) -> str:
        """The text lower-cased and without accents; same length, so offsets carry over."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """Compute once per message what several rules need (token lists, measures...)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def scope(self, name: str) -> Span:
        return self.parts.scope(name)

    def tokens(self, span: Span) -> list[Token]:
        start, end = span
        return self.memo(("tokens", span), lambda: [t for t in self.doc if t.idx >= start and t.idx + len(t.text) <= end])
