"""Detection quality on a labelled corpus: verdicts against labels, rules against
`expect` / `forbid`, detected languages against the labelled ones, and how alike drafts are.

Definitions (also in docs/evaluation.md):
- generic detection: positive = verdict `needs-work` or `rewrite`; a `generic` entry flagged
  is a true positive, a `personal` entry flagged a false positive, a `generic` entry found
  `ready` a false negative; `borderline` entries are not counted.
- per rule: a firing on an entry that expects the rule is a true positive; a firing on an
  entry that forbids it, or on a `personal` entry that does not expect it (for a warning or
  error rule), is a false positive; an expected rule that does not fire is a false negative.
  Other firings are "unjudged" and reported as such.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Report, Severity, Verdict
from ..text.similarity import nearest_similarity
from .corpus import Entry

FLAGGED = (Verdict.NEEDS_WORK, Verdict.REWRITE)
MIN_WORDS_FOR_LANGUAGE = 5


@dataclass
class _PrecisionRecall:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Counts(_PrecisionRecall):
    tn: int = 0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p is not None and r is not None and p + r else None

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


@dataclass
class RuleCounts(_PrecisionRecall):
    unjudged: int = 0

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "unjudged": self.unjudged, "expected": self.expected,
                "precision": _round(self.precision), "recall": _round(self.recall)}


@dataclass
class LanguageCounts:
    total: int = 0
    correct: int = 0
    long_total: int = 0  # messages of MIN_WORDS_FOR_LANGUAGE words or more
    long_correct: int = 0
    detected_as: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def long_accuracy(self) -> float | None:
        return self.long_correct / self.long_total if self.long_total else None

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "accuracy": _round(self.accuracy), "total_5_words_or_more": self.long_total,
                "accuracy_5_words_or_more": _round(self.long_accuracy), "detected_as": dict(self.detected_as)}


@dataclass
class KindCounts:
    """Message-kind detection on entries labelled with a kind."""

    total: int = 0
    correct: int = 0
    # labelled kind -> detected kind -> count
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def per_kind(self) -> dict[str, tuple[int, int]]:
        """labelled kind -> (messages, detected correctly)."""
        return {kind: (sum(found.values()), found.get(kind, 0)) for kind, found in sorted(self.confusion.items())}

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "accuracy": _round(self.accuracy),
                "per_kind": {k: {"total": n, "correct": ok, "detected_as": dict(self.confusion[k])}
                             for k, (n, ok) in self.per_kind().items()}}


@dataclass(frozen=True)
class Disagreement:
    entry: Entry
    report: Report
    distance: int  # how far the score is from what the label wants (0-100)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.entry.id, "label": self.entry.label, "verdict": self.report.verdict.value,
                "score": self.report.score, "rules": sorted(self.report.rule_ids), "text": self.entry.text,
                "source": self.entry.source}


@dataclass
class Evaluation:
    entries: Sequence[Entry]
    reports: Sequence[Report]
    detection: dict[str, Counts]
    confusion: dict[tuple[str, str], dict[str, Counter[str]]]
    rules: dict[tuple[str, str], RuleCounts]
    rules_all: dict[str, RuleCounts]
    languages: dict[str, LanguageCounts]
    disagreements: list[Disagreement]
    nearest: list[float]
    kinds: dict[str, KindCounts] = field(default_factory=dict)  # by language

    def rule_gate_failures(self, min_precision: float, min_support: int) -> list[tuple[str, str, RuleCounts]]:
        return [(rule, lang, c) for (rule, lang), c in sorted(self.rules.items())
                if c.expected >= min_support and (c.precision or 0.0) < min_precision]

    def to_dict(self, threshold: float | None = None, worst: int = 10) -> dict[str, Any]:
        return {
            "entries": len(self.entries),
            "labels": dict(Counter(e.label for e in self.entries if e.label)),
            "generic_detection": {lang: c.to_dict() for lang, c in sorted(self.detection.items())},
            "confusion": [
                {"lang": lang, "channel": channel, "label": label, "verdicts": dict(verdicts)}
                for (lang, channel), by_label in sorted(self.confusion.items())
                for label, verdicts in sorted(by_label.items())
            ],
            "rules": [{"rule": rule, "lang": lang, **c.to_dict()} for (rule, lang), c in sorted(self.rules.items())],
            "rules_all_languages": [{"rule": rule, **c.to_dict()} for rule, c in sorted(self.rules_all.items())],
            "language_detection": {lang: c.to_dict() for lang, c in sorted(self.languages.items())},
            "kind_detection": {lang: c.to_dict() for lang, c in sorted(self.kinds.items())},
            "worst_disagreements": [d.to_dict() for d in self.disagreements[:worst]],
            "similarity": similarity_summary(self.nearest, threshold),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def similarity_summary(nearest: Sequence[float], threshold: float | None) -> dict[str, Any]:
    summary = {f"p{q}": round(percentile(nearest, q / 100), 1) for q in (50, 90, 95, 99)}
    summary["max"] = round(max(nearest, default=0.0), 1)
    if threshold is not None:
        summary["threshold"] = round(threshold * 100, 1)
        summary["at_or_above_threshold"] = sum(1 for v in nearest if v >= threshold * 100)
    return summary


def evaluate(entries: Sequence[Entry], reports: Sequence[Report], rule_severity: dict[str, Severity]) -> Evaluation:
    detection: dict[str, Counts] = defaultdict(Counts)
    confusion: dict[tuple[str, str], dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    rules: dict[tuple[str, str], RuleCounts] = defaultdict(RuleCounts)
    languages: dict[str, LanguageCounts] = defaultdict(LanguageCounts)
    disagreements: list[Disagreement] = []
    kinds: dict[str, KindCounts] = defaultdict(KindCounts)
    for entry, report in zip(entries, reports):
        if entry.kind is not None:
            k = kinds[entry.lang]
            k.total += 1
            k.correct += report.kind.kind == entry.kind
            k.confusion[entry.kind][report.kind.kind] += 1
        if entry.label is None:
            continue  # labelled with a kind only: measures kind detection, nothing else
        flagged = report.verdict in FLAGGED
        confusion[(entry.lang, entry.channel)][entry.label][report.verdict.value] += 1
        counts = detection[entry.lang]
        if entry.label == "generic":
            counts.tp += flagged
            counts.fn += not flagged
            if not flagged:
                disagreements.append(Disagreement(entry, report, report.score))
        elif entry.label == "personal":
            counts.fp += flagged
            counts.tn += not flagged
            if flagged:
                disagreements.append(Disagreement(entry, report, 100 - report.score))
        fired = report.rule_ids
        for rule in fired | entry.expect | entry.forbid:
            c = rules[(rule, entry.lang)]
            if rule in entry.expect:
                c.tp += rule in fired
                c.fn += rule not in fired
            elif rule in entry.forbid or (
                entry.label == "personal" and rule_severity.get(rule, Severity.WARNING).rank >= Severity.WARNING.rank
            ):
                c.fp += rule in fired
            else:
                c.unjudged += 1
        lang = languages[entry.lang]
        lang.total += 1
        lang.correct += report.lang == entry.lang
        lang.detected_as[report.lang] += 1
        if entry.words >= MIN_WORDS_FOR_LANGUAGE:
            lang.long_total += 1
            lang.long_correct += report.lang == entry.lang
    rules_all: dict[str, RuleCounts] = defaultdict(RuleCounts)
    for (rule, _), c in rules.items():
        total = rules_all[rule]
        total.tp, total.fp, total.fn, total.unjudged = (total.tp + c.tp, total.fp + c.fp, total.fn + c.fn,
                                                        total.unjudged + c.unjudged)
    disagreements.sort(key=lambda d: -d.distance)
    return Evaluation(entries, reports, dict(detection), dict(confusion), dict(rules), dict(rules_all),
                      dict(languages), disagreements, nearest_similarity([e.text for e in entries]), dict(kinds))
