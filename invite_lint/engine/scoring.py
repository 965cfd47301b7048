"""Score and verdict.

Each rule that fires takes points off 100 once, however often it fires (five SMS
abbreviations are one habit, not five): error 40, warning 15, info 5. The verdict:

- rewrite: score below 50 (the message does not work as a personal invitation);
- needs-work: any error, or two warnings or more (something must change before sending);
- ready: otherwise: no error and at most one warning. Info findings (typography, a stock
  opener) lower the score but never hold a message back.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, Severity, Verdict

WEIGHTS = {Severity.ERROR: 40, Severity.WARNING: 15, Severity.INFO: 5}
REWRITE_BELOW = 50
MAX_WARNINGS_WHEN_READY = 1


def score_and_verdict(findings: Iterable[Finding]) -> tuple[int, Verdict]:
    worst: dict[str, Severity] = {}
    for f in findings:
        if f.rule_id not in worst or f.severity.rank > worst[f.rule_id].rank:
            worst[f.rule_id] = f.severity
    score = max(0, 100 - sum(WEIGHTS[s] for s in worst.values()))
    if score < REWRITE_BELOW:
        return score, Verdict.REWRITE
    warnings = sum(1 for s in worst.values() if s is Severity.WARNING)
    if Severity.ERROR in worst.values() or warnings > MAX_WARNINGS_WHEN_READY:
        return score, Verdict.NEEDS_WORK
    return score, Verdict.READY
