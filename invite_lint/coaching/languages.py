"""The coach's words per language, from each language folder's `coach.yaml`
(invite_lint/lang/<code>/coach.yaml): headers, notes, questions, slots and the sentences the
coach adds. A table reads like the dictionaries it replaced (`SLOT_TEXT["fr"]["name"]`), so
adding a language is adding its file."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from .. import lang

V = TypeVar("V")


class _Section(Mapping[str, V], Generic[V]):
    """One section of every language's coach file, by language code; a language whose file
    lacks the section (or has no file) is not in it."""

    expected: type

    def __init__(self, section: str) -> None:
        self.section = section

    def _value(self, code: str) -> object:
        language = lang.get(code)
        return language.coach.get(self.section) if language is not None else None

    def __getitem__(self, code: str) -> V:
        value = self._value(code)
        if not isinstance(value, self.expected):
            raise KeyError(code)
        return value  # type: ignore[return-value]  # checked just above

    def __iter__(self) -> Iterator[str]:
        return iter([code for code in lang.codes() if isinstance(self._value(code), self.expected)])

    def __len__(self) -> int:
        return len(list(iter(self)))


class LanguageTable(_Section[Mapping[str, str]]):
    """A section that is a mapping (texts by key)."""

    expected = Mapping


class LanguageText(_Section[str]):
    """A section that is one text."""

    expected = str


def shared_words(key: str) -> tuple[str, ...]:
    """Every language's entries of `shared_words: <key>` (French first, no repeats): lists the
    coach reads across languages at once (a French draft may ask for "a call")."""
    return _shared(key, lang.version())


@functools.lru_cache(maxsize=64)
def _shared(key: str, _version: int) -> tuple[str, ...]:
    out: list[str] = []
    for language in lang.languages():
        section = language.coach.get("shared_words")
        value = section.get(key) if isinstance(section, Mapping) else None
        items = value.split() if isinstance(value, str) else [str(v) for v in value] if isinstance(value, list) else []
        out += [item for item in items if item not in out]
    return tuple(out)


def alternation(key: str) -> str:
    """The entries of `key` as a regular-expression alternation (they are fragments already)."""
    return "|".join(shared_words(key))


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def pattern(template: str, flags: int = 0, **keys: str) -> re.Pattern[str]:
    """`template` with each `{name}` replaced by the alternation of shared_words(keys[name]),
    compiled once per change of the languages."""
    return _compiled(template.format(**{name: alternation(key) for name, key in keys.items()}), flags)
