"""invite-lint: a linter and coach for professional-networking invitation messages.

The public names below are imported on first use (PEP 562): `import invite_lint` alone does
not load spaCy, so the command line can hand a check to a running server in milliseconds.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "Linter": "api", "lint": "api", "load_rules": "api", "detect_kind": "api",
    "Session": "session", "LintOptions": "session", "FixOutcome": "session",
    "Coach": "coaching", "Suggestion": "coaching", "coach": "coaching",
    "InputError": "errors", "InviteLintError": "errors", "RulePackError": "errors", "UsageError": "errors",
    "Finding": "model", "Message": "model", "Recipient": "model", "Report": "model", "Severity": "model",
    "SkippedRule": "model", "Verdict": "model", "KindGuess": "model", "MESSAGE_KINDS": "model",
}

if TYPE_CHECKING:
    from .api import Linter, detect_kind, lint, load_rules
    from .coaching import Coach, Suggestion, coach
    from .errors import InputError, InviteLintError, RulePackError, UsageError
    from .session import FixOutcome, LintOptions, Session
    from .model import MESSAGE_KINDS, Finding, KindGuess, Message, Recipient, Report, Severity, SkippedRule, Verdict


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'invite_lint' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Coach",
    "Finding",
    "FixOutcome",
    "InputError",
    "InviteLintError",
    "KindGuess",
    "MESSAGE_KINDS",
    "Linter",
    "LintOptions",
    "Message",
    "Recipient",
    "Report",
    "RulePackError",
    "Session",
    "Severity",
    "SkippedRule",
    "Suggestion",
    "UsageError",
    "Verdict",
    "__version__",
    "coach",
    "detect_kind",
    "lint",
    "load_rules",
]
