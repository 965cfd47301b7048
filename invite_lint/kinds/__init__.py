"""Rule kinds, one module each. KINDS is filled here, statically, when the package is
imported: every caller (CLI, library, tests) sees the same kinds."""

from __future__ import annotations

from types import ModuleType

from . import facts, metric, pattern, phrase, regex, require, sameness
from .base import BuildContext, Check, Hit, Params, Rule
from .matchers import Matcher, build_matchers

KINDS: dict[str, ModuleType] = {
    "phrase": phrase,
    "pattern": pattern,
    "regex": regex,
    "metric": metric,
    "require": require,
    "sameness": sameness,
    "facts": facts,
}

__all__ = ["KINDS", "BuildContext", "Check", "Hit", "Matcher", "Params", "Rule", "build_matchers"]
