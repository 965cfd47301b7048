"""The coach: personalised openers in the spirit of the painter in the park, and rewrites.

    from invite_lint import coach, Recipient
    for s in coach("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.",
                   recipient=Recipient(name="Karine", about="votre article sur le bien-être au travail")):
        print(s.rank, s.text, s.template, s.facts_used)
"""

from __future__ import annotations

from functools import lru_cache

from ..api import _default_linter
from ..model import Recipient
from .rewrite import Rewrite, rewrite
from .suggest import Coach, Suggestion
from .templates import KINDS

__all__ = ["KINDS", "Coach", "Rewrite", "Suggestion", "coach", "rewrite"]


@lru_cache(maxsize=1)
def _default_coach() -> Coach:
    return Coach(_default_linter())  # the Linter `lint()` uses: packs read and compiled once


def coach(text: str = "", recipient: Recipient | None = None, lang: str | None = None,
          channel: str | None = None, kind: str | None = None) -> list[Suggestion]:
    """Up to three openers for this recipient, best first, each checked by the linter.

    With no name or nothing specific to point at, one suggestion with visible [slots] and
    the questions to answer (`Suggestion.questions`); nothing is invented. `kind` (one of
    `KINDS`: first_contact, follow_up_after_meeting, thank_you, ...) shapes the opener: a
    follow-up starts from `recipient.met` and `recipient.discussed`, a thank-you from the help
    (`about`), a reconnect from the shared past (`met`)."""
    return _default_coach().suggest(text, recipient, lang, channel, kind=kind)
