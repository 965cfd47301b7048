"""Every built-in rule's own examples are tests: flag examples must trigger the rule,
pass examples must not. Plus meta-tests on the catalogue itself (as proselint does)."""

from __future__ import annotations

import pytest

from invite_lint import load_rules
from invite_lint.engine.selftest import run_examples
from invite_lint.kinds import KINDS
from invite_lint.packs.schema import RULE_ID

RULES = load_rules(plugins=False)
RESULTS = run_examples(RULES)


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: f"{r.rule.id}[{','.join(sorted(r.rule.spec.languages))}]-{r.expected}")
def test_builtin_rule_example(result) -> None:  # type: ignore[no-untyped-def]
    assert result.ok, result.describe()


def test_examples_cover_every_rule() -> None:
    tested = {(r.rule.id, r.rule.spec.languages) for r in RESULTS}
    assert tested == {(r.id, r.spec.languages) for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.id}[{','.join(sorted(r.spec.languages))}]")
def test_rule_is_self_describing(rule) -> None:  # type: ignore[no-untyped-def]
    spec = rule.spec
    assert spec.kind in KINDS
    assert RULE_ID.match(spec.id), spec.id
    assert len(spec.flag_examples) >= 2 and len(spec.pass_examples) >= 2
    assert len(spec.rationale) >= 60, "a rationale ties the rule to a networking principle"
    assert spec.description and spec.message and spec.suggestion
    assert spec.source.line is not None


def test_ids_are_unique_per_language() -> None:
    seen: set[tuple[str, str]] = set()
    for rule in RULES:
        for lang in rule.spec.languages:
            assert (rule.id, lang) not in seen, rule.id
            seen.add((rule.id, lang))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_language_has_at_least_15_rules(lang: str) -> None:
    own = {r.id for r in RULES if lang in r.spec.languages}
    assert len(own) >= 15, sorted(own)


REQUIRED_TOPICS = [
    "default-invitation-text", "unfilled-placeholder", "too-short", "too-long-for-channel", "generic-greeting",
    "missing-recipient-name", "no-specific-reference", "self-centred", "no-question", "premature-ask",
    "sms-language", "mass-mailing", "mixed-tu-vous", "shouting", "exclamation-overuse", "emoji-overuse",
    "salesy-language", "empty-flattery", "contact-collecting", "missing-greeting", "missing-sign-off",
]


@pytest.mark.parametrize("rule_id", REQUIRED_TOPICS)
def test_catalogue_covers_the_networking_principles(rule_id: str) -> None:
    assert rule_id in {r.id for r in RULES}


def test_language_neutral_rules_are_translated() -> None:
    for rule in RULES:
        if "any" in rule.spec.languages:
            assert {"fr", "en"} <= dict(rule.spec.messages).keys(), rule.id
