"""invite-lint: a linter and coach for professional-networking invitation messages."""

from .api import Linter, lint, load_rules
from .errors import InputError, InviteLintError, RulePackError, UsageError
from .model import Finding, Message, Recipient, Report, Severity, SkippedRule, Verdict

__version__ = "0.1.0"

__all__ = [
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
    "UsageError",
    "Verdict",
    "__version__",
    "lint",
    "load_rules",
]
