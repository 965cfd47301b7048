"""A rule kind is a declared contract (kinds.base.RuleKind + kinds.base.Check), held in one
registry (kinds.KINDS): checked here for every kind and every built-in rule."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import invite_lint.kinds as kinds_package
from invite_lint import load_rules
from invite_lint.kinds import KINDS, BuildContext, Check, Params, RuleKind
from invite_lint.kinds.matchers import build_matcher, matcher_kinds


def test_every_kind_is_a_declared_rule_kind() -> None:
    assert set(KINDS) == {"phrase", "pattern", "regex", "metric", "require", "sameness", "facts"}
    for name, kind in KINDS.items():
        assert isinstance(kind, RuleKind) and kind.name == name
        assert kind.keys and all(isinstance(k, str) for k in kind.keys)
        assert kind.description and callable(kind.build)
        if kind.matcher_key:
            assert kind.matcher_key in kind.keys  # the key that names it inside `any:` is one it reads


def test_every_built_in_rule_compiles_to_a_check_of_its_kind() -> None:
    rules = load_rules(plugins=False)
    seen = set()
    for rule in rules:
        assert isinstance(rule.check, Check), rule.id
        assert all(isinstance(m, Check) for m in rule.unless), rule.id
        seen.add(rule.spec.kind)
    assert seen == set(KINDS)  # every kind is used by a built-in rule, so each is exercised


def test_every_class_that_finds_is_a_check() -> None:
    """No duck-typed check: a class in invite_lint.kinds with a `find` method keeps the contract."""
    found = 0
    for info in pkgutil.iter_modules(kinds_package.__path__):
        module = importlib.import_module(f"invite_lint.kinds.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "find" in vars(cls):
                assert issubclass(cls, Check), f"{module.__name__}.{cls.__name__}"
                found += 1
    assert found >= 10


def test_a_kind_that_forgets_find_cannot_be_built() -> None:
    class Incomplete(Check):
        pass

    with pytest.raises(TypeError):
        Incomplete()  # type: ignore[abstract]


def test_the_kinds_usable_as_matchers_come_from_the_registry() -> None:
    assert set(matcher_kinds()) == {"phrases", "patterns", "regex"}
    ctx = BuildContext("<test>", "r")
    for key, value in (("phrases", ["bonjour"]), ("patterns", [[{"LOWER": "hi"}]]), ("regex", "hi+")):
        matcher = build_matcher({key: value}, ctx, 1)
        assert isinstance(matcher.check, Check) and isinstance(matcher, Check)
    with pytest.raises(Exception, match="a matcher needs exactly one of: phrases, patterns, regex"):
        build_matcher({"metric": "words"}, ctx, 1)


def test_only_metric_rules_take_thresholds() -> None:
    for kind_name, kind in KINDS.items():
        rule = next(r for r in load_rules(plugins=False) if r.spec.kind == kind_name)
        limited = rule.check.with_limits({"max": 5})
        assert (limited is not None) == (kind_name == "metric"), kind_name


def test_nothing_asks_a_check_by_name(repo: Path) -> None:
    """The engine, the API and the bank use the contract's methods, never getattr on a check."""
    asked = re.compile(r"getattr\([^)]*(check|node)[^)]*,\s*\"(batch|find_batch|with_limits|_matchers|measures|"
                       r"phrase_docs|register_extensions|check|matchers|members|unless)\"")
    offenders = [str(p) for p in (repo / "invite_lint").rglob("*.py") if asked.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_params_are_the_kinds_own_keys() -> None:
    ctx = BuildContext("<test>", "r")
    regex = KINDS["regex"]
    check = regex.build(Params({"regex": "a+"}, ctx, regex.keys), ctx)
    assert isinstance(check, Check) and not check.batch
