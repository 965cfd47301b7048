"""The languages invite-lint knows: the folders shipped in this package (`lang/fr/`,
`lang/en/`), plus any folder registered at run time (`register`). Filled when first asked,
in the library itself, so a library caller sees the same languages as the CLI."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from .base import LANGUAGE_FILE, Language

DEFAULT_LANG = "fr"  # French first: the language of a draft nothing else decides
_BUILT_IN = Path(__file__).parent

_lock = threading.Lock()
_languages: dict[str, Language] = {}
_version = 0  # bumped on every change, so what is compiled from the languages can be rebuilt


def _load_built_in() -> None:
    if _languages:
        return
    for folder in sorted(p.parent for p in _BUILT_IN.glob(f"*/{LANGUAGE_FILE}")):
        language = Language.from_folder(folder)
        _languages[language.code] = language


def languages() -> tuple[Language, ...]:
    """Every known language, the built-in ones first (French, then English), then registered."""
    with _lock:
        _load_built_in()
        return tuple(sorted(_languages.values(), key=lambda lang: (lang.folder is None or
                                                                    lang.folder.parent != _BUILT_IN,
                                                                    lang.code != DEFAULT_LANG, lang.code)))


def codes() -> tuple[str, ...]:
    return tuple(language.code for language in languages())


def get(code: str) -> Language | None:
    with _lock:
        _load_built_in()
        return _languages.get(code)


def union(word_set: str) -> frozenset[str]:
    """The evidence words of `word_set` over every known language (see EVIDENCE_ANY_LANGUAGE)."""
    return _union(word_set, _version)


@functools.lru_cache(maxsize=128)
def _union(word_set: str, _at_version: int) -> frozenset[str]:
    return frozenset().union(*(language.evidence_words.get(word_set, frozenset()) for language in languages()))


def version() -> int:
    """Changes whenever a language is registered or removed."""
    return _version


def register(folder: str | Path) -> Language:
    """Add (or replace) the language of `folder` (its `language.yaml`): detection, parts and
    evidence follow it at once; its rules come from packs with `languages: [code]`."""
    global _version
    language = Language.from_folder(folder)
    with _lock:
        _load_built_in()
        _languages[language.code] = language
        _version += 1
    return language


def unregister(code: str) -> None:
    """Forget a registered language; a built-in one goes back to its shipped folder."""
    global _version
    with _lock:
        _load_built_in()
        _languages.pop(code, None)
        if (_BUILT_IN / code / LANGUAGE_FILE).is_file():
            _languages[code] = Language.from_folder(_BUILT_IN / code)
        _version += 1
