"""Judging messages other people wrote: `invite-lint eval messages.jsonl`.

A real-world set is JSON Lines, one message a line: `text`, `lang`, `channel`
(`linkedin_note`, `inmail`, `email` or `unknown`), `label` (`generic`, `personal`,
`borderline`), optional `id` and `why`. Two figures per language and channel:

- generic caught: generic messages whose verdict is not `ready`;
- personal passed: personal messages whose verdict is `ready`;

and their mean, the balanced accuracy (a linter that flags everything scores 0.5, not 1.0).
Borderline messages are reported (their verdicts), not scored. Every miss comes with what
decided it: the findings that held a personal message back, or the specifics that let a
generic one through.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import Linter
from ..errors import InputError
from ..model import CHANNELS, Message, Report, Severity

LABELS = ("generic", "personal", "borderline")


@dataclass(frozen=True)
class RealMessage:
    id: str
    lang: str
    channel: str  # as given; "unknown" is inferred by the linter
    label: str
    text: str
    why: str = ""


def load_realworld(path: str | Path) -> list[RealMessage]:
    """Read a JSONL set; a bad line is one error naming the file and the line."""
    shown = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(shown, f"cannot read ({exc.__class__.__name__})") from None
    out: list[RealMessage] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise InputError(f"{shown}:{n}", "not a JSON object") from None
        if not isinstance(row, dict):
            raise InputError(f"{shown}:{n}", "not a JSON object")
        for key in ("text", "lang", "label"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise InputError(f"{shown}:{n}", f"'{key}' is required and must be a text")
        if row["label"] not in LABELS:
            raise InputError(f"{shown}:{n}", f"'label' must be one of {', '.join(LABELS)}")
        channel = row.get("channel") or "unknown"
        if channel not in (*CHANNELS, "unknown"):
            raise InputError(f"{shown}:{n}", f"'channel' must be one of {', '.join(CHANNELS)}, unknown")
        out.append(RealMessage(str(row.get("id") or f"line-{n}"), row["lang"], channel, row["label"], row["text"],
                               str(row.get("why") or "")))
    if not out:
        raise InputError(shown, "no message in this file")
    return out


@dataclass
class Rates:
    generic: int = 0
    generic_caught: int = 0
    personal: int = 0
    personal_passed: int = 0
    borderline: Counter[str] = field(default_factory=Counter)

    @property
    def caught(self) -> float | None:
        return self.generic_caught / self.generic if self.generic else None

    @property
    def passed(self) -> float | None:
        return self.personal_passed / self.personal if self.personal else None

    @property
    def balanced(self) -> float | None:
        values = [v for v in (self.caught, self.passed) if v is not None]
        return sum(values) / len(values) if values else None

    def to_dict(self) -> dict[str, Any]:
        return {"generic": self.generic, "generic_caught": _round(self.caught), "personal": self.personal,
                "personal_passed": _round(self.passed), "balanced_accuracy": _round(self.balanced),
                "borderline_verdicts": dict(sorted(self.borderline.items()))}


@dataclass(frozen=True)
class Miss:
    message: RealMessage
    report: Report

    @property
    def decided_by(self) -> list[str]:
        """What made the verdict: findings that hold a message back, or the specifics that
        let a generic one pass."""
        if self.message.label == "personal":
            return sorted({f"{f.rule_id} ({f.severity})" for f in self.report.findings
                           if f.severity is not Severity.INFO})
        return [f"{s.kind}: {s.text}" for s in self.report.specifics] or ["no finding above info"]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.message.id, "lang": self.message.lang, "channel": self.message.channel,
                "label": self.message.label, "verdict": self.report.verdict.value, "score": self.report.score,
                "decided_by": self.decided_by, "why": self.message.why}


@dataclass
class RealWorldResult:
    source: str
    by_lang: dict[str, Rates]
    by_channel: dict[tuple[str, str], Rates]
    misses: list[Miss]
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "messages": self.total,
            "languages": {lang: r.to_dict() for lang, r in sorted(self.by_lang.items())},
            "channels": [{"lang": lang, "channel": ch, **r.to_dict()}
                         for (lang, ch), r in sorted(self.by_channel.items())],
            "misses": [m.to_dict() for m in self.misses],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _tally(rates: Rates, label: str, report: Report) -> bool:
    """Count one message; True when the linter agrees with the label."""
    ready = report.verdict.value == "ready"
    if label == "generic":
        rates.generic += 1
        rates.generic_caught += not ready
        return not ready
    if label == "personal":
        rates.personal += 1
        rates.personal_passed += ready
        return ready
    rates.borderline[report.verdict.value] += 1
    return True


def evaluate_realworld(linter: Linter, messages: Iterable[RealMessage], source: str = "") -> RealWorldResult:
    """Lint each message as a user would (language detected, channel given when known)."""
    messages = list(messages)
    reports = linter.lint_many(
        Message(m.text, None, m.channel if m.channel in CHANNELS else None) for m in messages)
    by_lang: dict[str, Rates] = defaultdict(Rates)
    by_channel: dict[tuple[str, str], Rates] = defaultdict(Rates)
    misses = []
    for m, report in zip(messages, reports):
        agrees = _tally(by_lang[m.lang], m.label, report)
        _tally(by_channel[(m.lang, m.channel)], m.label, report)
        if not agrees:
            misses.append(Miss(m, report))
    return RealWorldResult(source, dict(by_lang), dict(by_channel), misses, len(messages))


def render_realworld(result: RealWorldResult) -> str:
    def f(value: float | None) -> str:
        return "   n/a" if value is None else f"{value:6.3f}"

    out = [f"invite-lint eval: {result.total} real messages from {result.source}", "",
           "generic caught = generic not ready; personal passed = personal ready; borderline not scored", "",
           (f"  {'lang':5} {'channel':14} {'generic':>8} {'caught':>7} {'personal':>9} {'passed':>7} "
            f"{'balanced':>9}  borderline verdicts")]

    def row(lang: str, channel: str, r: Rates) -> str:
        border = ", ".join(f"{v} {n}" for v, n in sorted(r.borderline.items())) or "-"
        return (f"  {lang:5} {channel:14} {r.generic:8} {f(r.caught):>7} {r.personal:9} {f(r.passed):>7} "
                f"{f(r.balanced):>9}  {border}")

    for lang, rates in sorted(result.by_lang.items()):
        out.append(row(lang, "(all)", rates))
        out.extend(row(lang, ch, r) for (lg, ch), r in sorted(result.by_channel.items()) if lg == lang)
    out += ["", f"Misses ({len(result.misses)}): what decided each verdict"]
    for miss in result.misses:
        m = miss.message
        out.append(f"  {m.id} [{m.lang}, {m.channel}] {m.label} -> {miss.report.verdict.value} "
                   f"(score {miss.report.score}): {'; '.join(miss.decided_by)}")
    return "\n".join(out)
