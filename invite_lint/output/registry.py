"""The output formats, by `--format` name. A format's module is imported when it is used,
so that naming the choices (click's --format) costs nothing at start-up.

Adding a format: a module in invite_lint/output/ with a FORMATTER (output.base.Formatter),
one line below, a test in tests/test_formats.py (docs/architecture.md)."""

from __future__ import annotations

from importlib import import_module

from ..errors import UsageError
from .base import Formatter, FormatterInfo

FORMATS: tuple[FormatterInfo, ...] = (
    FormatterInfo("text", "for people: file:line:col, the text underlined, the suggestion, the verdict", "textual"),
    FormatterInfo("json", "one JSON document, versioned (docs/json-output.md)", "machine"),
    FormatterInfo("jsonl", "JSON Lines: one object per message, written as it comes (batch's default)", "jsonlines"),
    FormatterInfo("github", "GitHub Actions annotations on the pull request", "github"),
    FormatterInfo("sarif", "SARIF 2.1.0, for GitHub code scanning and editors", "sarif"),
)


def names() -> list[str]:
    return [f.name for f in FORMATS]


def get(name: str) -> Formatter:
    """The formatter called `name` (a UsageError naming the choices otherwise)."""
    for info in FORMATS:
        if info.name == name or name in info.aliases:
            formatter: Formatter = getattr(import_module(f".{info.module}", __package__), info.attribute)
            return formatter
    raise UsageError(f"unknown output format '{name}' (use {', '.join(names())})")
