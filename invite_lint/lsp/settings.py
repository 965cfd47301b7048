"""The server's settings: `initializationOptions` at start, `workspace/didChangeConfiguration`
later. They play the part of `check`'s command-line options: they win over the project's
configuration file (found from each document's folder), which wins over the defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..model import CHANNELS, LANGUAGE_CODE, Severity  # not ..api: this module loads before spaCy

# Which documents are drafts: by the client's language id, else by the file's extension.
LANGUAGE_IDS = ("plaintext", "text", "markdown", "mail", "email", "eml")
EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".eml")
# For a document with no extension (an untitled buffer), the format its language id means.
SUFFIX_FOR_LANGUAGE = {"markdown": ".md", "mail": ".eml", "email": ".eml", "eml": ".eml"}
DEBOUNCE_SECONDS = 0.15  # after the last keystroke; opening and saving lint at once


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    channel: str | None = None
    lang: str | None = None
    fail_on: str | None = None  # None: the configuration file's, else "warning"
    language_ids: tuple[str, ...] = LANGUAGE_IDS
    extensions: tuple[str, ...] = EXTENSIONS
    debounce: float = DEBOUNCE_SECONDS
    coach: bool = True  # offer the coach's openers as code actions
    extra: dict[str, Any] = field(default_factory=dict)

    def overrides(self) -> dict[str, Any]:
        """What overrides the configuration file, as `check`'s options do."""
        return {"select": list(self.select), "ignore": list(self.ignore), "channel": self.channel,
                "lang": self.lang, "fail-on": self.fail_on}

    def with_values(self, raw: Any) -> Settings:
        """These settings updated by what a client sent. Raises UsageError naming the setting."""
        if not isinstance(raw, dict):
            return self
        # didChangeConfiguration often nests the section: {"invite-lint": {...}} or {"inviteLint": {...}}
        for section in ("invite-lint", "inviteLint", "invite_lint"):
            if isinstance(raw.get(section), dict):
                raw = raw[section]
                break
        changes: dict[str, Any] = {}
        for key in ("select", "ignore", "languageIds", "extensions"):
            if key in raw:
                value = raw[key]
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",") if v.strip()]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise UsageError(f"setting '{key}' must be a list of texts")
                name = {"languageIds": "language_ids"}.get(key, key)
                changes[name] = tuple(value)
        if "channel" in raw:
            channel = raw["channel"] or None
            if channel is not None and channel not in CHANNELS:
                raise UsageError(f"setting 'channel' must be one of {', '.join(CHANNELS)}")
            changes["channel"] = channel
        if "lang" in raw:
            lang = raw["lang"] or None
            if lang is not None and not (isinstance(lang, str) and (lang == "auto" or LANGUAGE_CODE.match(lang))):
                raise UsageError("setting 'lang' must be a two-letter code such as fr or en, or auto")
            changes["lang"] = None if lang == "auto" else lang
        for key in ("fail-on", "failOn", "fail_on"):
            if key in raw:
                value = raw[key] or None
                if value is not None and value not in [s.value for s in Severity]:
                    raise UsageError(f"setting '{key}' must be error, warning or info")
                changes["fail_on"] = value
        if "debounce" in raw:
            value = raw["debounce"]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                raise UsageError("setting 'debounce' must be a number of seconds between 0 and 10")
            changes["debounce"] = float(value)
        if "coach" in raw:
            if not isinstance(raw["coach"], bool):
                raise UsageError("setting 'coach' must be true or false")
            changes["coach"] = raw["coach"]
        return dataclasses.replace(self, **changes)
