"""Matchers: the "is it there?" half of every kind, reused by `require` and by any rule's
`unless`. A matcher item is a mapping whose key says which kind of matcher it is:

    - phrases: [votre article, votre post]       # as in a phrase rule (attr allowed)
    - patterns: [[{LOWER: votre}, {POS: NOUN}]]  # as in a pattern rule
    - regex: '\\?'                                # as in a regex rule (options allowed)
    - recipient: name                            # the recipient's known name (or company)
      decisive: true                             # when known, it alone decides
    - entities: [PER, ORG]                       # named entities (needs the NER model)
    - specifics: any                             # the evidence step's specifics (text.evidence):
                                                 #   any, or kinds: [their-work, fact, ...]
    - any: [...]                                 # present if one of these matchers is
      min_hits: 2                                # ... at least twice, in different places
    - all: [...]                                 # present only if every one of them is
      within_sentences: 2                        # ... and within two consecutive sentences

Each may carry its own `scope`, otherwise it looks where the rule looks. `any` and `all`
nest, so "a reference to their work AND a concrete detail" is one matcher:

    - all:
        - any: *reference-to-their-work
        - any: *concrete-detail
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import SCOPES, SPECIFIC_KINDS
from ..text.analysis import Analysis
from ..text.evidence import find_specifics
from ..text.folding import fold
from ..lang.compiled import words as language_words
from ..text.parts import Span
from ..text.saferegex import SafeRegex
from .base import BuildContext, Check, Hit, Params, RuleKind, within
from .facts import name_spelling, short_names

# Matcher keys of their own; the rule kinds usable as matchers (phrases, patterns, regex)
# say so in the registry (RuleKind.matcher_key).
_OWN_SIGNATURES = ("recipient", "entities", "specifics", "any", "all")
RECIPIENT_FIELDS = ("name", "company")


class RecipientCheck(Check):
    """Finds the recipient's name (first or last name, any case or accents) or company."""

    needs: frozenset[str] = frozenset()

    def __init__(self, field: str) -> None:
        self.field = field

    def known(self, analysis: Analysis) -> bool:
        return bool(analysis.recipient and getattr(analysis.recipient, self.field))

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        """The first name anywhere; the last name only after a title ("Madame Martin",
        "Dr Lee"), so the sender's own surname in "Paul Martin aimerait..." does not count."""
        if not self.known(analysis):
            return []
        value = getattr(analysis.recipient, self.field)
        if self.field == "name":
            names = [w for w in value.split() if len(w) > 1]
            patterns = [_escape(fold(names[0]))] if names else []
            if len(names) > 1:
                patterns.append(language_words().titles + r"\s+" + _escape(fold(names[-1])))
        else:
            patterns = [_escape(fold(value))]
        hits: list[Hit] = []
        start, end = span
        for source in patterns:
            hits += [Hit(s + start, e + start) for s, e in _word_regex(source).finditer(analysis.folded[start:end])]
        if self.field == "name":
            # "Bonjour Karin" to Karine Martin does name her, misspelt: misspelt-recipient-name
            # says so; the message is not one sent to a list (missing-recipient-name)
            hits += [Hit(h.start, h.end) for h in name_spelling(analysis, span) if start <= h.start and h.end <= end]
            hits += short_names(analysis, span)  # "Hi Alex" to Alexandra names her too
        return sorted(hits, key=lambda h: (h.start, h.end))




def _escape(word: str) -> str:
    """A literal for RE2: ASCII punctuation behind a backslash, any other symbol or control
    character as \\x{HEX} (RE2 refuses a backslash before a non-ASCII character)."""
    return "".join(c if c.isalnum() or c.isspace() else "\\" + c if c.isascii() else f"\\x{{{ord(c):x}}}"
                   for c in word)


@lru_cache(maxsize=1024)
def _word_regex(pattern: str) -> SafeRegex:
    return SafeRegex(pattern, whole_word=True)


class EntityCheck(Check):
    needs = frozenset({"ner"})

    def __init__(self, labels: list[str]) -> None:
        self.labels = {label.upper() for label in labels}

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        ents = (Hit(e.start_char, e.end_char) for e in analysis.doc.ents if e.label_ in self.labels)
        return within(ents, span)


class SpecificsCheck(Check):
    """The concrete details about the recipient or the relationship that the evidence step
    found (text.evidence), of the given kinds. The step reads token shapes and word lists, so
    it needs no model component: measured, loading French NER for it changed no figure on
    the corpus or the real messages and cost 1.3-2x the model's time (docs/decisions.md)."""

    needs: frozenset[str] = frozenset()

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        found = (Hit(s.start, s.end) for s in find_specifics(analysis) if s.kind in self.kinds)
        return within(found, span)


class GroupCheck(Check):
    """`any` / `all` of several matchers: composite evidence, defined in the pack.

    With `within_sentences: N`, `all` holds only when every member matches inside a window
    of N consecutive sentences: "your talk ... on type hints" is one piece of evidence;
    "your talk" at the top and the sender's own company three sentences later are not.
    """

    def __init__(self, mode: str, members: tuple[Matcher, ...], within_sentences: int = 0, min_hits: int = 1) -> None:
        self.mode = mode
        self.members = members
        self.within_sentences = within_sentences
        self.min_hits = min_hits
        self.needs = frozenset().union(*(m.needs for m in members))

    def parts(self) -> tuple[Check, ...]:
        return self.members

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        if self.mode == "any":  # every member's hits: an enclosing same-sentence `all` needs them all
            hits = [h for member in self.members for h in member.find(analysis, span)]
            if self.min_hits > 1 and len(_distinct(hits)) < self.min_hits:
                return []
            return hits
        found_by_member = []
        for member in self.members:
            found = member.find(analysis, span)
            if not found:
                return []
            found_by_member.append(found)
        if not self.within_sentences:
            return [h for found in found_by_member for h in found]
        sentences = analysis.parts.sentences
        for i in range(len(sentences)):
            start, end = sentences[i][0], sentences[min(i + self.within_sentences, len(sentences)) - 1][1]
            inside = [[h for h in found if h.start >= start and h.end <= end] for found in found_by_member]
            if all(inside):
                return [h for hits in inside for h in hits]
        return []


def _distinct(hits: list[Hit]) -> list[Hit]:
    """Hits that do not overlap one another (the first of overlapping ones is kept)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


@dataclass(frozen=True)
class Matcher(Check):
    check: Check
    scope: str | None = None  # None: wherever the rule looks
    decisive: bool = False
    needs: frozenset[str] = field(init=False, default=frozenset())  # the check's

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", self.check.needs)

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        where = analysis.scope(self.scope) if self.scope else span
        return self.check.find(analysis, where)

    def parts(self) -> tuple[Check, ...]:
        return (self.check,)


def build_matcher(item: Any, ctx: BuildContext, line: int | None) -> Matcher:
    if not isinstance(item, dict):
        raise ctx.error("a matcher must be a mapping such as {phrases: [...]} or {regex: ...}", line)
    by_key = matcher_kinds()
    signatures = [k for k in item if k in by_key or k in _OWN_SIGNATURES]
    if len(signatures) != 1:
        known = ", ".join([*by_key, *_OWN_SIGNATURES])
        raise ctx.error(f"a matcher needs exactly one of: {known}", getattr(item, "line", line))
    key = signatures[0]
    scope = item.get("scope")
    if scope is not None and scope not in SCOPES:
        raise ctx.error(f"unknown scope '{scope}' (use {', '.join(SCOPES)})", getattr(item, "line", line))
    if key in ("any", "all"):
        params = Params(item, ctx, (key, "scope", "within_sentences") if key == "all" else (key, "scope", "min_hits"))
        members = build_matchers(item[key], ctx, key, params.line_of(key))
        window = params.get("within_sentences", int, 0)
        if window < 0:
            raise ctx.error("'within_sentences' must be 1 or more", params.line_of("within_sentences"))
        min_hits = params.get("min_hits", int, 1)
        if min_hits < 1:
            raise ctx.error("'min_hits' must be 1 or more", params.line_of("min_hits"))
        return Matcher(GroupCheck(key, members, window, min_hits), scope)
    if key == "recipient":
        params = Params(item, ctx, ("recipient", "scope", "decisive"))
        field = params.get("recipient", str)
        if field not in RECIPIENT_FIELDS:
            raise ctx.error(f"'recipient' must be one of {', '.join(RECIPIENT_FIELDS)}", params.line_of("recipient"))
        return Matcher(RecipientCheck(field), scope, bool(params.get("decisive", bool, False)))
    if key == "entities":
        params = Params(item, ctx, ("entities", "scope"))
        return Matcher(EntityCheck(params.strings("entities")), scope)
    if key == "specifics":
        params = Params(item, ctx, ("specifics", "scope"))
        kinds = params.strings("specifics")
        if kinds == ["any"]:
            kinds = list(SPECIFIC_KINDS)
        unknown = [k for k in kinds if k not in SPECIFIC_KINDS]
        if unknown:
            raise ctx.error(f"unknown specific kind '{unknown[0]}' (use any, or {', '.join(SPECIFIC_KINDS)})",
                            params.line_of("specifics"))
        return Matcher(SpecificsCheck(frozenset(kinds)), scope)
    kind = by_key[key]
    params = Params(item, ctx, (*kind.keys, "scope"))
    return Matcher(kind.build(params, ctx), scope)


def matcher_kinds() -> dict[str, RuleKind]:
    """The rule kinds a matcher may name, by their key: read from the registry at call time
    (the registry imports `require`, which imports this module)."""
    from .registry import KINDS

    return {kind.matcher_key: kind for kind in KINDS.values() if kind.matcher_key}


def build_matchers(items: Any, ctx: BuildContext, key: str, line: int | None) -> tuple[Matcher, ...]:
    if not isinstance(items, list) or not items:
        raise ctx.error(f"'{key}' must be a non-empty list of matchers", line)
    return tuple(
        build_matcher(item, ctx, items.line_of(i) if hasattr(items, "line_of") else line)
        for i, item in enumerate(items)
    )
