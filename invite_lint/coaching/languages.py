"""The coach's words per language, from each language folder's `coach.yaml`
(invite_lint/lang/<code>/coach.yaml): headers, notes, questions, slots and the sentences the
coach adds. A table reads like the dictionaries it replaced (`SLOT_TEXT["fr"]["name"]`), so
adding a language is adding its file."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .. import lang


class LanguageTable(Mapping[str, Mapping[str, str]]):
    """One section of every language's coach file, by language code."""

    def __init__(self, section: str) -> None:
        self.section = section

    def __getitem__(self, code: str) -> Mapping[str, str]:
        language = lang.get(code)
        value = language.coach.get(self.section) if language is not None else None
        if not isinstance(value, Mapping):
            raise KeyError(code)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter([c for c in lang.codes() if isinstance((lang.get(c) or _NONE).coach.get(self.section), Mapping)])

    def __len__(self) -> int:
        return len(list(iter(self)))


class LanguageText(Mapping[str, str]):
    """One sentence of every language's coach file (a section that is a single text)."""

    def __init__(self, section: str) -> None:
        self.section = section

    def __getitem__(self, code: str) -> str:
        language = lang.get(code)
        value = language.coach.get(self.section) if language is not None else None
        if not isinstance(value, str):
            raise KeyError(code)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter([c for c in lang.codes() if isinstance((lang.get(c) or _NONE).coach.get(self.section), str)])

    def __len__(self) -> int:
        return len(list(iter(self)))


class _Nothing:
    coach: Mapping[str, object] = {}


_NONE = _Nothing()
