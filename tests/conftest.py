"""Shared fixtures. The spaCy model loads once per test session (pipelines are cached per
process), so the suite pays the load cost once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from invite_lint import Linter

REPO = Path(__file__).resolve().parents[1]

# Commands run as subprocesses stay in-process unless a test asks for the warm server: a
# server the developer left running must not answer for the code under test.
os.environ["INVITE_LINT_DAEMON"] = "0"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def linter() -> Linter:
    # Only the built-in packs: a pack installed on the test machine must not change results.
    return Linter(plugins=False)


def write_pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RULE_HEADER = """
- id: {id}
  kind: {kind}
  description: d
  rationale: r
  severity: warning
  languages: [{lang}]
  channels: [any]
  message: m
  suggestion: s
  examples:
    flag: ["a", "b"]
    pass: ["c", "d"]
"""


def rule_yaml(rule_id: str = "my-rule", kind: str = "phrase", lang: str = "fr", body: str = "  phrases: [bonjour]\n") -> str:
    return RULE_HEADER.format(id=rule_id, kind=kind, lang=lang) + body
