"""A linted draft: its report in the file's coordinates, with the draft's suppressions applied.

`settle` changes a report's findings (suppressions, per-file ignores, positions in the file)
and leaves it unscored: the engine scores each report once, after it (Engine.run_all)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ..engine.runner import UNSCORED, scored
from ..engine.tool_findings import UNUSED_SUPPRESSION
from ..model import Finding, Report, Severity, Specific
from ..text.positions import LineIndex
from .model import Unit



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


def _suppression_finding(rule_id: str, start: int, end: int, problem: str, severity: Severity, index: LineIndex,
                         file_text: str) -> Finding:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    suggestion = ("Check the id against 'invite-lint rules list': this one suppresses nothing."
                  if severity is Severity.WARNING else
                  "Remove it unless you keep it on purpose: a suppression that suppresses nothing hides the "
                  "next real finding.")
    return Finding(UNUSED_SUPPRESSION, severity, f"Suppression of '{rule_id}' {problem}.", suggestion,
                   start, end, line, column, end_line, end_column, file_text[start:end])


def _suppression_problem(rule_id: str, known: set[str], active: set[str] | None, ignored: set[str],
                         fired: frozenset[str] | set[str]) -> tuple[str, Severity] | None:
    """What is true of a suppression that suppressed nothing; None when it did suppress."""
    if rule_id not in known:
        return "names no known rule", Severity.WARNING  # a typo: what it meant to hide still shows
    if rule_id in ignored:
        return "is not needed: the configuration's per-file ignores already leave this rule out", Severity.INFO
    if active is not None and rule_id not in active:
        return ("is not needed: the rule is already off for this draft (configuration, --ignore or --select)",
                Severity.INFO)
    if rule_id not in fired:
        return "is unused: the rule did not fire on this draft", Severity.INFO
    return None


def _moved_specific(specific: Specific, unit: Unit, file_text: str) -> Specific:
    start = unit.source_map.to_file(specific.start)
    end = max(start, unit.source_map.to_file(max(specific.end - 1, specific.start)) + 1)
    return dataclasses.replace(specific, start=start, end=end, text=file_text[start:end])


def positions_of(unit: Unit) -> str:
    """"file" when the report's positions can be those of the file, else "message"."""
    return "file" if unit.source_map.exact else "message"


def finish(unit: Unit, report: Report, file_text: str, known_rules: Iterable[str],
           ignored: Iterable[str] = (), active_rules: Iterable[str] | None = None) -> DraftResult:
    """`settle`, then score: for a report linted on its own (the Linter settles and scores
    in one pass, Linter.lint_units)."""
    settled = settle(unit, report, file_text, known_rules, ignored, active_rules)
    return DraftResult(unit, scored(settled), positions_of(unit))


def settle(unit: Unit, report: Report, file_text: str, known_rules: Iterable[str],
           ignored: Iterable[str] = (), active_rules: Iterable[str] | None = None) -> Report:
    """Apply the draft's suppressions and the configuration's per-file ignores, report unused
    or unknown suppressions, and move positions from the message to the file. The report
    comes back unscored (its findings changed): score it once, after (engine.runner.scored).

    `known_rules`: every id of the catalogue; `active_rules`: those that ran (after the
    configuration's select/ignore), None when all of them did."""
    known = set(known_rules)
    active = set(active_rules) if active_rules is not None else None
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
            found = _suppression_problem(s.rule_id, known, active, ignored, fired)
            if found and UNUSED_SUPPRESSION not in ignored:
                moved.append(_suppression_finding(s.rule_id, s.start, s.end, *found, index, file_text))
    moved.sort(key=lambda f: (f.start, f.end, f.rule_id))
    notes = (*report.notes, *unit.notes)
    specifics = report.specifics
    if exact:
        specifics = tuple(_moved_specific(s, unit, file_text) for s in specifics)
    return dataclasses.replace(report, text=file_text if exact else report.text, findings=tuple(moved),
                               score=UNSCORED, notes=notes, specifics=specifics)
