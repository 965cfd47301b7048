"""Read pack files and build their rules; reject duplicate ids across everything loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RulePackError
from ..kinds import Rule
from .discovery import PackSource
from .schema import build_rule
from .yamlio import load_file

PACK_KEYS = ("pack", "rules", "templates", "questions")


@dataclass(frozen=True)
class RawSection:
    """A section of a pack other than rules (e.g. coach templates), kept for its consumer."""

    path: str
    items: Any


@dataclass
class LoadedPacks:
    rules: list[Rule] = field(default_factory=list)
    templates: list[RawSection] = field(default_factory=list)
    questions: list[RawSection] = field(default_factory=list)  # the coach's question forms


def load_pack_file(path: Path, into: LoadedPacks, shown: str | None = None) -> None:
    shown = shown or str(path)
    data = load_file(path, shown)
    if data is None:
        return  # an empty file is an empty pack
    if isinstance(data, dict):
        unknown = [k for k in data if k not in PACK_KEYS]
        if unknown:
            raise RulePackError(shown, f"unknown top-level key '{unknown[0]}' (use {', '.join(PACK_KEYS)})",
                                line=data.line_of(unknown[0]))
        rules = data.get("rules", [])
        if "templates" in data:
            into.templates.append(RawSection(shown, data["templates"]))
        if "questions" in data:
            into.questions.append(RawSection(shown, data["questions"]))
        line = data.line_of("rules")
    else:
        rules, line = data, getattr(data, "line", None)
    if not isinstance(rules, list):
        raise RulePackError(shown, "a pack is a list of rules (or a mapping with 'rules:')", line=line)
    for i, item in enumerate(rules):
        item_line = rules.line_of(i) if hasattr(rules, "line_of") else line
        into.rules.append(build_rule(item, shown, item_line))


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return "any" in a or "any" in b or bool(a & b)


def check_unique(rules: Iterable[Rule]) -> None:
    """An id may appear once per language: `sms-language` in the French and the English
    pack is one rule id for users (one --ignore silences both), two rules for the engine."""
    seen: dict[str, list[Rule]] = {}
    for rule in rules:
        for other in seen.get(rule.id, []):
            if _overlap(rule.spec.languages, other.spec.languages):
                raise RulePackError(
                    rule.spec.source.path,
                    f"duplicate rule id for the same language (also at {other.spec.source})",
                    line=rule.spec.source.line,
                    rule_id=rule.id,
                )
        seen.setdefault(rule.id, []).append(rule)


def load_sources(sources: Iterable[PackSource]) -> LoadedPacks:
    loaded = LoadedPacks()
    for source in sources:
        for path in source.files:
            load_pack_file(path, loaded, source.display(path))
    check_unique(loaded.rules)
    return loaded
