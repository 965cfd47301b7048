"""Rule self-tests: every `flag` example must trigger its rule, every `pass` example must not.

Used by the test suite for the built-in packs and by `invite-lint rules test` for anyone's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..kinds import Rule
from ..model import Example, Message, Report
from .runner import Engine


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    expected: str  # "flag" or "pass"
    example: Example
    report: Report

    @property
    def fired(self) -> bool:
        return self.rule.id in self.report.rule_ids

    @property
    def ok(self) -> bool:
        return self.fired == (self.expected == "flag")

    def describe(self) -> str:
        what = "should be flagged" if self.expected == "flag" else "should pass"
        got = "was flagged" if self.fired else "was not flagged"
        if self.ok:
            return f"rule '{self.rule.id}': {self.expected}: {self.example.text!r}"
        return f"{self.rule.spec.source}: rule '{self.rule.id}': example {what} but {got}: {self.example.text!r}"


def _message(rule: Rule, example: Example) -> Message:
    langs = [lang for lang in rule.spec.languages if lang != "any"]
    lang = example.lang or (langs[0] if len(langs) == 1 else None)
    channels = [c for c in rule.spec.channels if c != "any"]
    channel = example.channel or (channels[0] if channels else None)
    return Message(example.text, lang, channel, example.recipient)


def run_examples(rules: Sequence[Rule], default_lang: str = "fr") -> list[ExampleResult]:
    """Lint every example of every rule and check the rule's verdict.

    Single-message rules: all examples in one batch, through one engine over all the rules
    (rules are independent, and one pipeline per language serves every example).
    Cross-draft rules (e.g. near-identical drafts): a rule's flag examples are linted
    together and must all be flagged; its pass examples together, and none may be.
    """
    single = [r for r in rules if not getattr(r.check, "batch", False)]
    cases = [(rule, kind, ex) for rule in single
             for kind, examples in (("flag", rule.spec.flag_examples), ("pass", rule.spec.pass_examples))
             for ex in examples]
    engine = Engine(single, default_lang=default_lang)
    reports = list(engine.run(_message(rule, ex) for rule, _, ex in cases))
    results = [ExampleResult(rule, kind, ex, report) for (rule, kind, ex), report in zip(cases, reports)]
    for rule in rules:
        if rule in single:
            continue
        batch_engine = Engine([rule], default_lang=default_lang)
        for kind, examples in (("flag", rule.spec.flag_examples), ("pass", rule.spec.pass_examples)):
            batch = batch_engine.run_all(_message(rule, ex) for ex in examples)
            results += [ExampleResult(rule, kind, ex, report) for ex, report in zip(examples, batch)]
    return results
