"""The coach's own words around its openers (the header above them, the notes of a rewrite),
in the draft's language: a French draft gets French, as findings do."""

from __future__ import annotations

from .languages import LanguageTable

# language -> key -> text: the `wording` section of each language's coach.yaml
WORDING = LanguageTable("wording")


def length(count: int, lang: str) -> str:
    """'1 character', '120 caractères'."""
    return say("one-character", lang) if count == 1 else say("characters", lang, count=count)


def source(name: str, lang: str) -> str:
    """Where a fact or a kind came from (given, draft, detected, default), in `lang`."""
    return say(name, lang) if name in (WORDING.get(lang) or WORDING["en"]) else name


def say(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (English when there is no translation)."""
    texts = WORDING.get(lang) or WORDING["en"]
    return (texts.get(key) or WORDING["en"][key]).format(**values)
