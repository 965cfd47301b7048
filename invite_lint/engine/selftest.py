"""Rule self-tests: every `flag` example must trigger its rule, every `pass` example must not.

Used by the test suite for the built-in packs and by `invite-lint rules test` for anyone's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..kinds import Rule
from ..lang import DEFAULT_LANG
from ..kinds.cues import KindCue, KindExample
from ..model import Example, KindGuess, Message, Report
from .runner import Engine


class Outcome(Protocol):
    """One self-test result: a rule's, a template's or a kind cue's example."""

    @property
    def ok(self) -> bool: ...

    def describe(self) -> str: ...


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
    # A rule for some message kinds is tried on the first of them unless the example says.
    kind = example.kind or (rule.spec.message_kinds[0] if "any" not in rule.spec.message_kinds else None)
    return Message(example.text, lang, channel, example.recipient, kind)


def run_examples(rules: Sequence[Rule], default_lang: str = DEFAULT_LANG) -> list[ExampleResult]:
    """Lint every example of every rule and check the rule's verdict.

    Single-message rules: all examples in one batch, through one engine over all the rules
    (rules are independent, and one pipeline per language serves every example).
    Cross-draft rules (e.g. near-identical drafts): a rule's flag examples are linted
    together and must all be flagged; its pass examples together, and none may be.
    """
    single = [r for r in rules if not r.check.batch]
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


@dataclass(frozen=True)
class CueExampleResult:
    cue: KindCue
    example: KindExample
    guess: KindGuess

    @property
    def ok(self) -> bool:
        return (self.guess.kind == self.cue.kind) == self.example.expected

    def describe(self) -> str:
        want = f"should be detected as {self.cue.kind}" if self.example.expected else f"should not be {self.cue.kind}"
        return f"{self.cue.source}: kind cue '{self.cue.id}': example {want} but came out {self.guess.describe()}: " \
               f"{self.example.text!r}"


def run_cue_examples(cues: Sequence[KindCue], default_lang: str = DEFAULT_LANG) -> list[CueExampleResult]:
    """Detect the kind of every kind-cue example with all the cues: a `detect` example must
    come out as its cue's kind, an `other` example as any other kind."""
    engine = Engine((), default_lang=default_lang, cues=cues)
    cases = [(cue, ex) for cue in cues for ex in cue.examples]
    langs = [[lang for lang in cue.languages if lang != "any"] for cue, _ in cases]
    guesses = engine.detect_kinds(Message(ex.text, lang[0] if len(lang) == 1 else None) for (_, ex), lang in
                                  zip(cases, langs))
    return [CueExampleResult(cue, ex, guess) for (cue, ex), guess in zip(cases, guesses)]
