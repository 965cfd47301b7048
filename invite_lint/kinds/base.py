"""What every rule kind shares: the Check contract, the RuleKind record the registry holds,
hits, and checked access to YAML params."""

from __future__ import annotations

import difflib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from spacy.language import Language

from ..errors import RulePackError
from ..model import RuleSpec
from ..text.analysis import Analysis, Hit
from ..text.parts import Span


# A threshold as a pack writes it: one number, or one per channel ({"default": ..., "email": ...}).
Limit = float | Mapping[str, float] | None


class Check(ABC):
    """The contract of a compiled rule body, and of every matcher inside `require` /
    `unless`: everything the engine may ask of one, with the default for kinds that do not
    offer it. A kind implements `find`, and overrides only what it adds; nothing is looked
    up by name (`getattr`), so a kind that forgets a piece fails here, not at run time."""

    needs: frozenset[str] = frozenset()  # the token features it reads (see text.pipeline.FEATURES)
    batch: ClassVar[bool] = False  # reads all the drafts of a run together (find_batch), not one

    @abstractmethod
    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        """Where, in `span` of one message, the check finds what it looks for."""

    def find_batch(self, texts: Sequence[str]) -> list[list[Hit]]:
        """For `batch` kinds: the hits of each draft, the drafts read together."""
        raise TypeError(f"{type(self).__name__} reads one message at a time")

    def with_limits(self, limits: Mapping[str, float]) -> Check | None:
        """The same check with other thresholds (configuration `thresholds:`); None: the
        kind has none."""
        return None

    def limits(self) -> Mapping[str, Limit]:
        """The check's own thresholds, for whoever shows them (the page's character counter,
        the evaluation's similarity): {"max": {"linkedin_note": 300, ...}}, {"threshold": 0.9}."""
        return {}

    def precompile(self, nlp: Language) -> None:
        """Build now what the check compiles per pipeline (its spaCy matchers): before the
        first memory zone, whose end would free the strings built inside it."""

    def parts(self) -> tuple[Check, ...]:
        """The checks inside this one (a `require`'s matchers, a group's members)."""
        return ()


def within(hits: Iterable[Hit], span: Span) -> list[Hit]:
    start, end = span
    return [h for h in hits if h.start >= start and h.end <= end]


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its self-description and its compiled check."""

    spec: RuleSpec
    check: Check
    unless: tuple[Check, ...] = ()  # matchers: if any finds something, the rule stays silent
    needs: frozenset[str] = field(default=frozenset())

    @property
    def id(self) -> str:
        return self.spec.id

    def parts(self) -> tuple[Check, ...]:
        return (self.check, *self.unless)


@dataclass(frozen=True)
class RuleKind:
    """One rule kind, as the registry (kinds.KINDS) holds it: its name in YAML (`kind:`),
    the YAML keys it reads, how it builds its check, and the key that names it as a matcher
    inside `require` / `unless` (phrases, patterns, regex), if it can be one."""

    name: str
    keys: tuple[str, ...]
    build: Callable[[Params, BuildContext], Check]
    matcher_key: str | None = None
    description: str = ""


@dataclass(frozen=True)
class BuildContext:
    """Where a rule comes from, to name the file, rule and line in every error."""

    path: str
    rule_id: str | None = None

    def error(self, problem: str, line: int | None) -> RulePackError:
        return RulePackError(self.path, problem, line=line, rule_id=self.rule_id)


_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping"}


def type_name(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


class Params:
    """Checked access to a rule's (or matcher's) YAML mapping.

    Unknown keys are refused with a did-you-mean; wrong types name the key and its line.
    """

    def __init__(self, data: Mapping[str, Any], ctx: BuildContext, allowed: Iterable[str],
                 errors: list[RulePackError] | None = None) -> None:
        """`errors`: a list to add every unknown key to (instead of raising at the first)."""
        self.data = data
        self.ctx = ctx
        self.line = getattr(data, "line", None)
        self.suggested: set[str] = set()  # keys a did-you-mean proposed (a typo's missing key is no new error)
        allowed = set(allowed)
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                self.suggested.update(close)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                error = ctx.error(f"unknown key '{key}'{hint}", self.line_of(key))
                if errors is None:
                    raise error
                errors.append(error)

    def line_of(self, key: str) -> int | None:
        line_of = getattr(self.data, "line_of", None)
        return line_of(key) if line_of else self.line

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, expected: type | tuple[type, ...], default: Any = None, required: bool = False) -> Any:
        if key not in self.data:
            if required:
                raise self.ctx.error(f"missing required key '{key}'", self.line)
            return default
        value = self.data[key]
        types = expected if isinstance(expected, tuple) else (expected,)
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise self.ctx.error(
                f"'{key}' must be {type_name(expected)}, not {_describe(value)}", self.line_of(key)
            )
        return value

    def strings(self, key: str, required: bool = False, allow_single: bool = True) -> list[str]:
        """A non-empty list of non-empty strings (a single string is accepted as a list of one)."""
        value = self.get(key, (list, str) if allow_single else list, required=required)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not items:
            raise self.ctx.error(f"'{key}' must not be empty", self.line_of(key))
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                line = value.line_of(i) if hasattr(value, "line_of") else self.line_of(key)
                raise self.ctx.error(f"'{key}' item {i + 1} must be a non-empty string, not {_describe(item)}", line)
        return list(items)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (list, dict)):
        return _TYPE_NAMES[type(value) if type(value) in _TYPE_NAMES else (list if isinstance(value, list) else dict)]
    return f"{type(value).__name__} {value!r}"
