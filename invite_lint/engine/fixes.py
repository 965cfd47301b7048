"""Safe, mechanical fixes: what a rule's `fix` turns a match into, and applying the fixes of
a set of findings to a text."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..model import Finding, Fix
from ..text.saferegex import SafeRegex


@lru_cache(maxsize=256)
def _regex(pattern: str) -> SafeRegex:
    return SafeRegex(pattern, ignore_case=False)


def _keep_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement:
        return replacement[:1].upper() + replacement[1:]
    return replacement


def compute_fix(fix: Fix | None, matched: str) -> str | None:
    """The replacement for `matched`, or None when the fix does not apply to it."""
    if fix is None:
        return None
    if fix.replacements:
        table = dict(fix.replacements)
        found = table.get(matched.lower())
        return _keep_case(matched, found) if found is not None else None
    if fix.pattern is None:
        return fix.constant
    fixed, count = _regex(fix.pattern).sub(matched, fix.constant or "")
    return fixed if count else None


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply the fixes of non-overlapping findings (positions in `text`); returns the new
    text and how many fixes were applied. Overlapping fixes: the first one wins."""
    edits = sorted({(f.start, f.end, f.fix) for f in findings if f.fix is not None and f.fix != f.text})
    chosen: list[tuple[int, int, str]] = []
    for start, end, replacement in edits:
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end, replacement))
    for start, end, replacement in reversed(chosen):
        text = text[:start] + replacement + text[end:]
    return text, len(chosen)
