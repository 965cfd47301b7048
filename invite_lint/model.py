"""Plain, frozen data shared by every layer: severities, recipients, findings, reports.

This module imports nothing of ours, so any layer may use it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Union

# What a report's `to_dict` holds: the JSON output (schema/report.schema.json), typed.
JSONValue = Union[str, int, float, bool, None, list["JSONValue"], dict[str, "JSONValue"]]
CHANNELS = ("linkedin_note", "inmail", "email")
DEFAULT_CHANNEL = "linkedin_note"
SCOPES = ("message", "content", "subject", "greeting", "body", "sign_off", "first_sentence")

# What a message is for (issue 14). The kind decides which rules apply: a thank-you after a
# coffee is not judged as a cold first approach. Given (front matter `kind:`, a `kind`
# column, --kind, the API's `kind`) or detected from the text by the packs' kind cues.
MESSAGE_KINDS = (
    "first_contact",  # a cold first approach, connection notes included
    "follow_up_after_meeting",  # after an event, a call, a coffee, an earlier exchange
    "thank_you",
    "informational_interview",  # asking for advice or 15-20 minutes of someone's time
    "job_search",  # about a role: applying, following up, writing to a recruiter
    "referral_request",  # an introduction, a referral or a recommendation
    "reconnect",  # back in touch with a past colleague or classmate
    "prospecting",  # selling a product or service
)
DEFAULT_KIND = "first_contact"  # what a message is taken for when no cue says otherwise
KIND_SOURCES = ("given", "detected", "default")


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def __str__(self) -> str:  # so f-strings print "error", not "Severity.ERROR"
        return self.value


class Verdict(str, Enum):
    READY = "ready"
    NEEDS_WORK = "needs-work"
    REWRITE = "rewrite"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Recipient:
    """What the sender knows of the person they write to. Every field is optional."""

    name: str | None = None
    about: str | None = None  # what of theirs the sender saw or read
    interest: str | None = None  # a shared interest or value
    met: str | None = None  # where they met, or a mutual contact
    ask: str | None = None  # what the sender hopes for (a coffee, a call)
    company: str | None = None  # where they work now
    gender: str | None = None  # "f" or "m": for French agreement ("Chère Karine")
    previous_companies: str | None = None  # where they no longer work, separated by ";" or ","
    detail: str | None = None  # what struck the sender in it ("les couleurs", "the part on stale flags")
    discussed: str | None = None  # what was discussed when they met (a follow-up starts from it)

    @property
    def first_name(self) -> str | None:
        if not self.name:
            return None
        parts = self.name.split()
        return parts[0] if parts else None

    @property
    def former_companies(self) -> tuple[str, ...]:
        if not self.previous_companies:
            return ()
        return tuple(c.strip() for c in re.split(r"[;,]", self.previous_companies) if c.strip())

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> Recipient | None:
        if not data:
            return None
        known = {k: _recipient_value(v) for k, v in data.items() if k in cls.__dataclass_fields__ and v}
        return cls(**known) if known else None


def _recipient_value(value: object) -> str:
    # previous_companies may be given as a YAML/JSON list
    return "; ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)


@dataclass(frozen=True)
class KindGuess:
    """A message's kind and where it came from: given, detected (with the cue that decided
    it, its span in the message and the cue's id) or the default when no cue matched."""

    kind: str
    source: str  # "given" | "detected" | "default"
    cue: str | None = None  # the text that decided it
    cue_id: str | None = None
    start: int | None = None
    end: int | None = None

    def describe(self) -> str:
        """"thank_you (detected: 'merci encore pour')", "first_contact (given)"."""
        if self.source == "detected" and self.cue:
            return f"{self.kind} (detected: {self.cue!r})"
        return f"{self.kind} ({self.source})"

    def to_dict(self) -> dict[str, JSONValue]:
        return {"kind": self.kind, "source": self.source, "cue": self.cue, "cue_id": self.cue_id,
                "start": self.start, "end": self.end}


def applies_to_kind(kinds: Collection[str], kind: str) -> bool:
    """Whether something declared for these message kinds ("any" for all) applies to `kind`."""
    return "any" in kinds or kind in kinds


# A language as users give it: a two-letter ISO 639-1 code ("auto" aside, which means detect).
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def applies(languages: Collection[str], channels: Collection[str], lang: str, channel: str) -> bool:
    """Whether something declared for these languages and channels ("any" for all) applies."""
    return ("any" in languages or lang in languages) and ("any" in channels or channel in channels)


@dataclass(frozen=True)
class Fix:
    """A safe, mechanical fix a rule declares for what it matches.

    - `constant`: replace the match with this text;
    - `replacements`: replace the match by its entry (looked up lower-cased), keeping a capital;
    - `pattern` + `constant`: inside the match, replace what `pattern` (RE2) finds.
    """

    constant: str | None = None
    replacements: tuple[tuple[str, str], ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem in one message, with its exact character span (end exclusive)."""

    rule_id: str
    severity: Severity
    message: str
    suggestion: str
    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    end_line: int
    end_column: int  # 1-based, exclusive
    text: str  # the matched text (the message's text between start and end)
    link: str | None = None
    fix: str | None = None  # the safe replacement for text, when the rule declares a fix

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "rule": self.rule_id,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "link": self.link,
            "fix": self.fix,
        }


# The kinds of specific detail the evidence step (text.evidence) finds.
SPECIFIC_KINDS = ("their-work", "entity", "fact", "shared-context", "meeting")


@dataclass(frozen=True)
class Specific:
    """A concrete detail about the recipient or the relationship: why a message is personal."""

    kind: str  # one of SPECIFIC_KINDS
    start: int
    end: int  # exclusive
    text: str

    def to_dict(self) -> dict[str, JSONValue]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class SkippedRule:
    """A rule that applies to the message but could not run (e.g. it needs a missing model)."""

    rule_id: str
    reason: str

    def to_dict(self) -> dict[str, JSONValue]:
        return {"rule": self.rule_id, "reason": self.reason}


@dataclass(frozen=True)
class Report:
    """The linter's answer for one message."""

    text: str
    lang: str
    lang_source: str  # "given" | "detected" | "default"
    channel: str
    findings: tuple[Finding, ...]
    score: int
    verdict: Verdict
    skipped: tuple[SkippedRule, ...] = ()
    notes: tuple[str, ...] = ()
    lang_confidence: float | None = None
    kind: KindGuess = field(default_factory=lambda: KindGuess(DEFAULT_KIND, "default"))
    specifics: tuple[Specific, ...] = ()  # what makes it personal (see text.evidence)

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(f.rule_id for f in self.findings)

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "lang": self.lang,
            "lang_source": self.lang_source,
            "lang_confidence": self.lang_confidence,
            "channel": self.channel,
            "kind": self.kind.kind,
            "kind_source": self.kind.source,
            "kind_cue": self.kind.cue,
            "score": self.score,
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
            "skipped_rules": [s.to_dict() for s in self.skipped],
            "notes": list(self.notes),
            "specifics": [s.to_dict() for s in self.specifics],
        }


@dataclass(frozen=True)
class Example:
    """One example of a rule: a text that must be flagged (or must pass) by that rule."""

    text: str
    lang: str | None = None
    channel: str | None = None
    recipient: Recipient | None = None
    kind: str | None = None  # the message kind to judge it as (None: the rule's first kind)


@dataclass(frozen=True)
class Source:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class RuleSpec:
    """The self-describing part of a rule, common to every kind."""

    id: str
    kind: str
    description: str
    rationale: str
    severity: Severity
    languages: frozenset[str]  # {"fr"}, {"en"}, {"any"}...
    channels: frozenset[str]  # {"linkedin_note", ...} or {"any"}
    message: str
    suggestion: str
    scope: str = "message"
    link: str | None = None
    flag_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    source: Source = field(default_factory=lambda: Source("<memory>"))
    # Translations of message and suggestion by language code; `message` and `suggestion`
    # above are the fallbacks (English when the pack gives several languages).
    messages: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[tuple[str, str], ...] = ()
    fix: Fix | None = None
    # The message kinds the rule applies to, in the pack's order; ("any",) for all.
    message_kinds: tuple[str, ...] = ("any",)

    def message_for(self, lang: str) -> str:
        return dict(self.messages).get(lang, self.message)

    def suggestion_for(self, lang: str) -> str:
        return dict(self.suggestions).get(lang, self.suggestion)

    def applies_to(self, lang: str, channel: str, kind: str | None = None) -> bool:
        """Whether the rule runs on this language and channel (and message kind, if given)."""
        return applies(self.languages, self.channels, lang, channel) and (
            kind is None or applies_to_kind(self.message_kinds, kind))


# The longest message, in characters: the draft files' limit (1 MiB), and the spaCy pipelines
# are set to accept it (their own default, 1,000,000, was below it). issue 11
MAX_MESSAGE_CHARS = 1024 * 1024


@dataclass(frozen=True)
class Message:
    """A message to lint, with what is known about it. Only `text` is required."""

    text: str
    lang: str | None = None  # None: detect
    channel: str | None = None  # None: e-mail if it starts with a subject line, else the default
    recipient: Recipient | None = None
    kind: str | None = None  # one of MESSAGE_KINDS; None: detect
