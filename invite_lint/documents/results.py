"""A linted draft: its report in the file's coordinates, with the draft's suppressions applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ..engine import score_and_verdict
from ..model import Finding, Report, Severity, Specific
from ..text.positions import LineIndex
from .model import Unit

UNUSED_SUPPRESSION = "unused-suppression"


@dataclass(frozen=True)
class DraftResult:
    unit: Unit
    report: Report  # positions in the file when `positions == "file"`, else in the message (report.text)
    positions: str  # "file" or "message"

    @property
    def path(self) -> str:
        return self.unit.path

    @property
    def display(self) -> str:
        return self.unit.display


def _suppression_finding(rule_id: str, start: int, end: int, problem: str, index: LineIndex,
                         file_text: str) -> Finding:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Finding(UNUSED_SUPPRESSION, Severity.WARNING, f"Suppression of '{rule_id}' {problem}.",
                   "Remove it: a suppression that suppresses nothing hides the next real finding.",
                   start, end, line, column, end_line, end_column, file_text[start:end])


def _moved_specific(specific: Specific, unit: Unit, file_text: str) -> Specific:
    start = unit.source_map.to_file(specific.start)
    end = max(start, unit.source_map.to_file(max(specific.end - 1, specific.start)) + 1)
    return dataclasses.replace(specific, start=start, end=end, text=file_text[start:end])


def finish(unit: Unit, report: Report, file_text: str, known_rules: Iterable[str],
           ignored: Iterable[str] = ()) -> DraftResult:
    """Apply the draft's suppressions and the configuration's per-file ignores, report unused
    or unknown suppressions, and move positions from the message to the file."""
    known = set(known_rules)
    ignored = set(ignored)
    suppressed = {s.rule_id for s in unit.suppressions}
    kept = [f for f in report.findings if f.rule_id not in suppressed and f.rule_id not in ignored]
    exact = unit.source_map.exact
    moved: list[Finding] = list(kept)  # inexact: positions stay those of the message
    if exact:
        index = LineIndex(file_text)
        moved = []
        for f in kept:
            start = unit.source_map.to_file(f.start)
            end = max(start, unit.source_map.to_file(max(f.end - 1, f.start)) + (1 if f.end > f.start else 0))
            line, column = index.position(start)
            end_line, end_column = index.position(end)
            moved.append(dataclasses.replace(f, start=start, end=end, line=line, column=column, end_line=end_line,
                                             end_column=end_column))
        fired = report.rule_ids
        for s in unit.suppressions:
            problem = ("names no known rule" if s.rule_id not in known
                       else "is unused: the rule did not fire" if s.rule_id not in fired else None)
            if problem and UNUSED_SUPPRESSION not in ignored:
                moved.append(_suppression_finding(s.rule_id, s.start, s.end, problem, index, file_text))
    moved.sort(key=lambda f: (f.start, f.end, f.rule_id))
    score, verdict = score_and_verdict(moved)
    notes = (*report.notes, *unit.notes)
    specifics = report.specifics
    if exact:
        specifics = tuple(_moved_specific(s, unit, file_text) for s in specifics)
    new_report = dataclasses.replace(report, text=file_text if exact else report.text, findings=tuple(moved),
                                     score=score, verdict=verdict, notes=notes, specifics=specifics)
    return DraftResult(unit, new_report, "file" if exact else "message")
