"""Run a Linter over a labelled corpus and score it (the library side of `invite-lint eval`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..api import Linter
from ..errors import UsageError
from ..model import Severity
from .corpus import Entry, load_corpus
from .scoring import Evaluation, evaluate


@dataclass(frozen=True)
class Gate:
    """Minimum figures; None means not checked."""

    min_precision: float | None = None
    min_recall: float | None = None
    min_f1: float | None = None
    min_rule_precision: float | None = None
    rule_support: int = 5
    min_lang_accuracy: float | None = None
    min_kind_accuracy: float | None = None

    def failures(self, result: Evaluation) -> list[str]:
        out = []
        for lang, counts in sorted(result.detection.items()):
            for name, value, minimum in (("precision", counts.precision, self.min_precision),
                                         ("recall", counts.recall, self.min_recall), ("F1", counts.f1, self.min_f1)):
                if minimum is not None and (value or 0.0) < minimum:
                    out.append(f"{lang}: generic-detection {name} {_fmt(value)} < {minimum}")
        if self.min_rule_precision is not None:
            for rule, lang, c in result.rule_gate_failures(self.min_rule_precision, self.rule_support):
                out.append(f"{rule} [{lang}]: precision {_fmt(c.precision)} < {self.min_rule_precision} "
                           f"({c.expected} expected firings)")
        if self.min_lang_accuracy is not None:
            for lang, detected in sorted(result.languages.items()):
                if detected.long_total and (detected.long_accuracy or 0.0) < self.min_lang_accuracy:
                    out.append(f"{lang}: language detection {_fmt(detected.long_accuracy)} < {self.min_lang_accuracy} "
                               "on messages of 5 words or more")
        if self.min_kind_accuracy is not None:
            for lang, kinds in sorted(result.kinds.items()):
                if (kinds.accuracy or 0.0) < self.min_kind_accuracy:
                    out.append(f"{lang}: message-kind detection {_fmt(kinds.accuracy)} < {self.min_kind_accuracy}")
        return out


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def check_rule_ids(entries: list[Entry], known: set[str]) -> None:
    for entry in entries:
        unknown = sorted((entry.expect | entry.forbid) - known)
        if unknown:
            raise UsageError(f"{entry.source}: entry {entry.id}: unknown rule id(s) {', '.join(unknown)} "
                             "(load the pack that defines them with --rules)")


def run_evaluation(linter: Linter, path: str | Path) -> Evaluation:
    """Lint every corpus entry as a user would (language detected, the entry's channel and
    recipient given; drafts not compared with each other) and score the result."""
    entries = load_corpus(path)
    check_rule_ids(entries, {r.id for r in linter.rules} | {"empty-message"})
    reports = list(linter.iter_lint(e.message() for e in entries))
    severity: dict[str, Severity] = {}
    for rule in linter.rules:
        if rule.id not in severity or rule.spec.severity.rank > severity[rule.id].rank:
            severity[rule.id] = rule.spec.severity
    return evaluate(entries, reports, severity)


def similarity_threshold(linter: Linter) -> float | None:
    found = next((r.check.limits()["threshold"] for r in linter.rules
                  if r.check.batch and "threshold" in r.check.limits()), None)
    return float(found) if isinstance(found, (int, float)) else None
