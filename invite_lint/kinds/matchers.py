"""Matchers: the "is it there?" half of every kind, reused by `require` and by any rule's
`unless`. A matcher item is a mapping whose key says which kind of matcher it is:

    - phrases: [votre article, votre post]       # as in a phrase rule (attr allowed)
    - patterns: [[{LOWER: votre}, {POS: NOUN}]]  # as in a pattern rule
    - regex: '\\?'                                # as in a regex rule (options allowed)
    - recipient: name                            # the recipient's known name (or company)
      decisive: true                             # when known, it alone decides
    - entities: [PER, ORG]                       # named entities (needs the NER model)

Each may carry its own `scope`, otherwise it looks where the rule looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import SCOPES
from ..text.analysis import Analysis
from ..text.folding import fold
from ..text.parts import Span
from ..text.saferegex import SafeRegex
from . import pattern, phrase, regex
from .base import BuildContext, Check, Hit, Params, within

_BY_SIGNATURE = {m.SIGNATURE: m for m in (phrase, pattern, regex)}
RECIPIENT_FIELDS = ("name", "company")


class RecipientCheck:
    """Finds the recipient's name (first or last name, any case or accents) or company."""

    needs: frozenset[str] = frozenset()

    def __init__(self, field: str) -> None:
        self.field = field

    def known(self, analysis: Analysis) -> bool:
        return bool(analysis.recipient and getattr(analysis.recipient, self.field))

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        if not self.known(analysis):
            return []
        value = getattr(analysis.recipient, self.field)
        words = [w for w in value.replace("-", " ").split() if len(w) > 1] if self.field == "name" else [value]
        hits: list[Hit] = []
        start, end = span
        for word in words:
            rx = _word_regex(fold(word))
            hits += [Hit(s + start, e + start) for s, e in rx.finditer(analysis.folded[start:end])]
        return hits


@lru_cache(maxsize=1024)
def _word_regex(word: str) -> SafeRegex:
    escaped = "".join("\\" + c if not c.isalnum() and not c.isspace() else c for c in word)
    return SafeRegex(escaped, whole_word=True)


class EntityCheck:
    needs = frozenset({"ner"})

    def __init__(self, labels: list[str]) -> None:
        self.labels = {label.upper() for label in labels}

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        ents = (Hit(e.start_char, e.end_char) for e in analysis.doc.ents if e.label_ in self.labels)
        return within(ents, span)


@dataclass(frozen=True)
class Matcher:
    check: Check
    scope: str | None = None  # None: wherever the rule looks
    decisive: bool = False

    @property
    def needs(self) -> frozenset[str]:
        return self.check.needs

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        where = analysis.scope(self.scope) if self.scope else span
        return self.check.find(analysis, where)


def build_matcher(item: Any, ctx: BuildContext, line: int | None) -> Matcher:
    if not isinstance(item, dict):
        raise ctx.error("a matcher must be a mapping such as {phrases: [...]} or {regex: ...}", line)
    signatures = [k for k in item if k in _BY_SIGNATURE or k in ("recipient", "entities")]
    if len(signatures) != 1:
        known = ", ".join([*_BY_SIGNATURE, "recipient", "entities"])
        raise ctx.error(f"a matcher needs exactly one of: {known}", getattr(item, "line", line))
    key = signatures[0]
    scope = item.get("scope")
    if scope is not None and scope not in SCOPES:
        raise ctx.error(f"unknown scope '{scope}' (use {', '.join(SCOPES)})", getattr(item, "line", line))
    if key == "recipient":
        params = Params(item, ctx, ("recipient", "scope", "decisive"))
        field = params.get("recipient", str)
        if field not in RECIPIENT_FIELDS:
            raise ctx.error(f"'recipient' must be one of {', '.join(RECIPIENT_FIELDS)}", params.line_of("recipient"))
        return Matcher(RecipientCheck(field), scope, bool(params.get("decisive", bool, False)))
    if key == "entities":
        params = Params(item, ctx, ("entities", "scope"))
        return Matcher(EntityCheck(params.strings("entities")), scope)
    module = _BY_SIGNATURE[key]
    params = Params(item, ctx, (*module.KEYS, "scope"))
    return Matcher(module.build(params, ctx), scope)


def build_matchers(items: Any, ctx: BuildContext, key: str, line: int | None) -> tuple[Matcher, ...]:
    if not isinstance(items, list) or not items:
        raise ctx.error(f"'{key}' must be a non-empty list of matchers", line)
    return tuple(
        build_matcher(item, ctx, items.line_of(i) if hasattr(items, "line_of") else line)
        for i, item in enumerate(items)
    )
