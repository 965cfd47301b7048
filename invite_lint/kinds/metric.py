"""`metric` rules: a measured quantity of the message against min/max thresholds.

    metric: characters
    max: {linkedin_note: 300, inmail: 1900, email: 2000}

A threshold is a number, or a mapping from channel to number (with an optional `default`).
Several measures can be combined; the rule fires when any of them is out of bounds:

    measures:
      - {metric: longest_run, params: {chars: "!"}, max: 1}
      - {metric: char_count, params: {chars: "!"}, max: 3}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import CHANNELS
from ..text.analysis import Analysis
from ..text.metrics import METRIC_PARAMS, METRIC_REPORT, METRICS, Measure
from ..text.parts import Span
from .base import BuildContext, Check, Hit, Params, RuleKind, type_name

KEYS = ("metric", "params", "min", "max", "measures")
_MEASURE_KEYS = ("metric", "params", "min", "max")

Threshold = float | Mapping[str, float] | None


def valid_limit(number: object) -> bool:
    """A threshold is a finite number, not negative (`.nan` compares false with everything:
    a rule with it would never fire; `.inf` or -5 are mistakes too)."""
    return not isinstance(number, bool) and isinstance(number, (int, float)) and math.isfinite(number) \
        and number >= 0


def _threshold(params: Params, key: str) -> Threshold:
    value = params.get(key, (int, float, dict))
    if value is not None and not isinstance(value, dict) and not valid_limit(value):
        raise params.ctx.error(f"'{key}' must be a finite number, 0 or more (not {value!r})", params.line_of(key))
    if isinstance(value, dict):
        for channel, number in value.items():
            if channel not in (*CHANNELS, "default"):
                raise params.ctx.error(
                    f"'{key}' has an unknown channel '{channel}' (use {', '.join(CHANNELS)} or default)",
                    params.line_of(key),
                )
            if not valid_limit(number):
                raise params.ctx.error(f"'{key}.{channel}' must be a finite number, 0 or more", params.line_of(key))
    return value


def _for_channel(threshold: Threshold, channel: str) -> float | None:
    if threshold is None or isinstance(threshold, (int, float)):
        return threshold
    return threshold.get(channel, threshold.get("default"))


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    params: Mapping[str, Any]
    min: Threshold
    max: Threshold

    def violation(self, analysis: Analysis, span: Span) -> list[Hit]:
        measure = analysis.memo(("metric", self.name, span, _freeze(self.params)),
                                lambda: METRICS[self.name](analysis, span, self.params))
        if measure.value is None:
            return []
        low = _for_channel(self.min, analysis.channel)
        high = _for_channel(self.max, analysis.channel)
        if low is not None and measure.value < low:
            return [Hit(span[0], span[1], measure.value, low)]
        if high is not None and measure.value > high:
            return _over(analysis, span, measure, high, METRIC_REPORT[self.name])
        return []


def _freeze(params: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _over(analysis: Analysis, span: Span, measure: Measure, limit: float, report: str) -> list[Hit]:
    value = measure.value
    if report == "overflow":
        if measure.units:  # words, sentences: the ones past the limit
            first = measure.units[min(int(limit), len(measure.units) - 1)]
            return [Hit(first[0], span[1], value, limit)]
        text = analysis.text[span[0] : span[1]]
        start = span[0] + (len(text) - len(text.lstrip()))
        return [Hit(min(start + int(limit), span[1] - 1), span[1], value, limit)]
    if report == "units" and measure.units:
        return [Hit(s, e, value, limit) for s, e in measure.units]
    return [Hit(span[0], span[1], value, limit)]


class MetricCheck(Check):
    needs: frozenset[str] = frozenset()

    def __init__(self, measures: list[MeasureSpec]) -> None:
        self.measures = measures

    def with_limits(self, limits: Mapping[str, float]) -> MetricCheck:
        """The same check with other thresholds for some channels ("default" for the rest):
        the first measure's maximum, or its minimum when it has no maximum (configuration)."""
        first = self.measures[0]
        key = "max" if first.max is not None else "min"
        current = getattr(first, key)
        base = dict(current) if isinstance(current, Mapping) else ({"default": current} if current is not None else {})
        changed = MeasureSpec(first.name, first.params, *((first.min, {**base, **limits}) if key == "max"
                                                          else ({**base, **limits}, first.max)))
        return MetricCheck([changed, *self.measures[1:]])

    def limits(self) -> Mapping[str, Threshold]:
        first = self.measures[0]
        return {"min": first.min, "max": first.max}

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        for measure in self.measures:
            hits = measure.violation(analysis, span)
            if hits:
                return hits
        return []


def _measure(params: Params) -> MeasureSpec:
    ctx = params.ctx
    name = params.get("metric", str, required=True)
    if name not in METRICS:
        raise ctx.error(f"unknown metric '{name}' (known: {', '.join(sorted(METRICS))})", params.line_of("metric"))
    raw = params.get("params", dict, {})
    accepted = METRIC_PARAMS[name]
    for key, value in raw.items():
        if key not in accepted:
            known = ", ".join(sorted(accepted)) or "none"
            raise ctx.error(f"metric '{name}' takes no param '{key}' (it takes: {known})", params.line_of("params"))
        expected = accepted[key]
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ctx.error(f"param '{key}' of metric '{name}' must be {type_name(expected)}", params.line_of("params"))
    low, high = _threshold(params, "min"), _threshold(params, "max")
    if low is None and high is None:
        raise ctx.error(f"metric '{name}' needs a 'min' or a 'max'", params.line)
    return MeasureSpec(name, dict(raw), low, high)


def build(params: Params, ctx: BuildContext) -> MetricCheck:
    if "measures" in params:
        if "metric" in params:
            raise ctx.error("give either 'metric' or 'measures', not both", params.line_of("measures"))
        items = params.get("measures", list)
        if not items:
            raise ctx.error("'measures' must not be empty", params.line_of("measures"))
        measures = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ctx.error(f"measure {i + 1} must be a mapping", params.line_of("measures"))
            measures.append(_measure(Params(item, ctx, _MEASURE_KEYS)))
        return MetricCheck(measures)
    return MetricCheck([_measure(params)])


KIND = RuleKind('metric', KEYS, build, matcher_key=None,
                description='A measure of the message (length, words, ratios) against a minimum or a maximum.')
