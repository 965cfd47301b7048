"""`--statistics`: how often each rule fired, as ruff prints it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model import Report


def counts(reports: Iterable[Report]) -> list[tuple[str, int, bool]]:
    """(rule id, findings, fixable) by decreasing count."""
    total: Counter[str] = Counter()
    fixable: set[str] = set()
    for report in reports:
        for f in report.findings:
            total[f.rule_id] += 1
            if f.fix is not None:
                fixable.add(f.rule_id)
    return [(rule, n, rule in fixable) for rule, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(rows: list[tuple[str, int, bool]]) -> str:
    if not rows:
        return "no findings"
    return "\n".join(f"{n:6d}  {rule:28} {'[*] fixable' if fixable else ''}".rstrip() for rule, n, fixable in rows)
