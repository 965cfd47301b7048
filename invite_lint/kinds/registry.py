"""The rule kinds: one module each, one record (RuleKind) each, one registry. Filled
statically when the package is imported, so a library caller, the CLI and the tests see
the same kinds (no registry that only the CLI fills)."""

from __future__ import annotations

from . import facts, metric, pattern, phrase, regex, require, sameness
from .base import RuleKind

KINDS: dict[str, RuleKind] = {kind.name: kind for kind in (
    phrase.KIND, pattern.KIND, regex.KIND, metric.KIND, require.KIND, sameness.KIND, facts.KIND)}
