"""The coach's answers as JSON data (`coach --format json`, the web app's /v1/coach): built
here, in the library, so that every caller writes the same document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .rewrite import Rewrite
from .suggest import Suggestion


def rewrite_record(result: Rewrite, path: str, written: bool = False) -> dict[str, Any]:
    """`coach --rewrite --format json`: the new text, its diff, what changed, the scores."""
    return {"text": result.text, "diff": result.diff(path), "changes": list(result.changes),
            "before": {"score": result.before.score, "verdict": result.before.verdict.value},
            "after": {"score": result.after.score, "verdict": result.after.verdict.value},
            "written": bool(written and result.changed)}


def suggestions_record(suggestions: Sequence[Suggestion]) -> list[dict[str, Any]]:
    """`coach --format json`: the openers, best first."""
    return [s.to_dict() for s in suggestions]
