"""Read pack files and build their rules; reject duplicate ids across everything loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RulePackError, raise_all
from ..kinds import Rule
from ..kinds.cues import KindCue, build_cues
from .discovery import PackSource
from .schema import build_rule
from .yamlio import LineList, LineMap, load_file

PACK_KEYS = ("pack", "rules", "templates", "kind_cues", "questions")


@dataclass(frozen=True)
class RawSection:
    """A section of a pack other than rules (e.g. coach templates), kept for its consumer."""

    path: str
    items: Any


@dataclass
class LoadedPacks:
    rules: list[Rule] = field(default_factory=list)
    templates: list[RawSection] = field(default_factory=list)
    cues: list[KindCue] = field(default_factory=list)  # message-kind detection (kinds.cues)
    questions: list[RawSection] = field(default_factory=list)  # the coach's question forms


def load_pack_file(path: Path, into: LoadedPacks, shown: str | None = None,
                   errors: list[RulePackError] | None = None) -> None:
    """Add the file's rules to `into`. Every error is added to `errors` when given (the
    file's other rules are still read), else the first is raised."""
    found: list[RulePackError] = [] if errors is None else errors
    _load_pack_file(path, into, shown or str(path), found)
    if errors is None:
        raise_all(found)


def _load_pack_file(path: Path, into: LoadedPacks, shown: str, errors: list[RulePackError]) -> None:
    try:
        data = load_file(path, shown)
    except RulePackError as exc:
        errors.append(exc)  # unreadable, or not YAML: nothing more to say about this file
        return
    if data is None:
        return  # an empty file is an empty pack
    if isinstance(data, LineMap):
        for key in data:
            if key not in PACK_KEYS:
                errors.append(RulePackError(shown, f"unknown top-level key '{key}' (use {', '.join(PACK_KEYS)})",
                                            line=data.line_of(key)))
        rules = data.get("rules", [])
        if "templates" in data:
            into.templates.append(RawSection(shown, data["templates"]))
        if "kind_cues" in data:
            into.cues.extend(build_cues(data["kind_cues"], shown, data.line_of("kind_cues")))
        if "questions" in data:
            into.questions.append(RawSection(shown, data["questions"]))
        line: int | None = data.line_of("rules")
    else:
        rules, line = data, (data.line if isinstance(data, LineList) else None)
    if not isinstance(rules, list):
        errors.append(RulePackError(shown, "a pack is a list of rules (or a mapping with 'rules:')", line=line))
        return
    for i, item in enumerate(rules):
        item_line = rules.line_of(i) if hasattr(rules, "line_of") else line
        rule = build_rule(item, shown, item_line, errors)
        if rule is not None:
            into.rules.append(rule)


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return "any" in a or "any" in b or bool(a & b)


def check_unique(rules: Iterable[Rule], errors: list[RulePackError] | None = None) -> None:
    """An id may appear once per language: `sms-language` in the French and the English
    pack is one rule id for users (one --ignore silences both), two rules for the engine."""
    found: list[RulePackError] = [] if errors is None else errors
    seen: dict[str, list[Rule]] = {}
    for rule in rules:
        for other in seen.get(rule.id, []):
            if _overlap(rule.spec.languages, other.spec.languages):
                found.append(RulePackError(
                    rule.spec.source.path,
                    f"duplicate rule id for the same language (also at {other.spec.source})",
                    line=rule.spec.source.line,
                    rule_id=rule.id,
                ))
                break
        seen.setdefault(rule.id, []).append(rule)
    if errors is None:
        raise_all(found)


def load_sources(sources: Iterable[PackSource]) -> LoadedPacks:
    """Every pack of every source; all their errors at once (RulePackErrors), as a compiler
    reports them, each naming its file, rule and line."""
    loaded = LoadedPacks()
    errors: list[RulePackError] = []
    for source in sources:
        for path in source.files:
            load_pack_file(path, loaded, source.display(path), errors)
    check_unique(loaded.rules, errors)
    raise_all(errors)
    return loaded
