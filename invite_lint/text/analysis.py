"""One message, analysed once: its text, spaCy Doc, parts and the caches rules share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Recipient
from .folding import fold
from .parts import Parts, Span, split_parts

T = TypeVar("T")


@dataclass(frozen=True)
class Hit:
    """Where a check found something (character offsets), with the measured value if any."""

    start: int
    end: int
    value: float | None = None
    limit: float | None = None
    count: int | None = None  # how many things were counted (e.g. near-identical drafts)
    expected: str | None = None  # what was expected instead (the recipient's name as given)


class SharedMatches(Protocol):
    """The rule set's combined matchers (kinds.bank.Bank), as a check asks them: does the
    bank run me, and where did I match in this message."""

    def knows(self, check: object) -> bool: ...

    def hits(self, check: object, analysis: Analysis) -> list[Hit]: ...


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
        bank: SharedMatches | None = None,
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
        # Specifics that rules declared (a `require` rule's `evidence:`): (kind, start, end)
        self.declared_specifics: list[tuple[str, int, int]] = []

    def declare_specifics(self, kind: str, spans: list[tuple[int, int]]) -> None:
        self.declared_specifics.extend((kind, s, e) for s, e in spans)

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
        return self._memo[key]

    def scope(self, name: str) -> Span:
        return self.parts.scope(name)

    @property
    def token_table(self) -> "TokenTable":
        """Plain lists of the tokens' offsets and folded texts, built once per message so that
        rules walking tokens do not create spaCy Token objects again and again."""
        return self.memo("token-table", lambda: TokenTable(self.doc, self.text, self.folded))

    def token_range(self, span: Span) -> range:
        """Indexes of the tokens that lie inside `span`."""
        return self.token_table.within(span)



class TokenTable:
    def __init__(self, doc: Doc, text: str, folded_text: str) -> None:
        # Offsets come from the Doc's arrays, texts from slices of the message (the Doc's
        # text): no Token object is made.
        columns = cast("list[list[int]]", doc.to_array([IDX, LENGTH]).reshape(len(doc), 2).tolist()) if len(doc) else []
        self.starts: list[int] = [start for start, _ in columns]
        self.ends: list[int] = [start + length for start, length in columns]
        self.texts = [text[s:e] for s, e in zip(self.starts, self.ends)]
        # fold keeps length, so the folded text's slices are the folded tokens
        self.folded = [folded_text[s:e].replace("’", "'") for s, e in zip(self.starts, self.ends)]
        self.is_space = [t.isspace() for t in self.texts]

    def within(self, span: Span) -> range:
        start, end = span
        first = bisect_left(self.starts, start)
        last = bisect_right(self.ends, end, lo=first)
        # ends are increasing with starts, so the tokens inside are first..last
        return range(first, max(first, last))
