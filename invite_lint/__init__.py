"""invite-lint: a linter and coach for professional-networking invitation messages."""

from .api import Linter, lint, load_rules
from .coaching import Coach, Suggestion, coach
from .errors import InputError, InviteLintError, RulePackError, UsageError
from .model import Finding, Message, Recipient, Report, Severity, SkippedRule, Verdict

__version__ = "0.1.0"

__all__ = [
    "Coach",
    "Finding",
    "InputError",
    "InviteLintError",
    "Linter",
    "Message",
    "Recipient",
    "Report",
    "RulePackError",
    "Severity",
    "SkippedRule",
    "Suggestion",
    "UsageError",
    "Verdict",
    "__version__",
    "coach",
    "lint",
    "load_rules",
]
