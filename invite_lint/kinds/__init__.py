"""Rule kinds, one module each, each declaring a RuleKind (kinds.base): KINDS is filled in
kinds.registry, statically, when the package is imported: every caller (CLI, library,
tests) sees the same kinds. Every compiled check subclasses kinds.base.Check."""

from __future__ import annotations

from .base import BuildContext, Check, Hit, Params, Rule, RuleKind
from .matchers import Matcher, build_matchers
from .registry import KINDS

__all__ = ["KINDS", "BuildContext", "Check", "Hit", "Matcher", "Params", "Rule", "RuleKind", "build_matchers"]
