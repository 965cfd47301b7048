"""The built-in packs ship inside the wheel, and installed packages can add packs through
the `invite_lint.rules` entry-point group."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from invite_lint import Linter
from invite_lint.packs.discovery import builtin_rules_dir


def test_wheel_contains_rules_and_py_typed(repo: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(repo)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("invite_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    source_rules = {p.relative_to(repo / "rules").as_posix() for p in (repo / "rules").rglob("*.yaml")}
    shipped = {n.removeprefix("invite_lint/_rules/") for n in names if n.startswith("invite_lint/_rules/")}
    assert source_rules and source_rules == shipped
    assert "invite_lint/py.typed" in names
    assert "invite_lint/schema/report.schema.json" in names


def test_builtin_rules_are_found() -> None:
    folder = builtin_rules_dir()
    assert (folder / "fr").is_dir() and (folder / "en").is_dir()


def test_entry_point_pack_is_loaded(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A fake installed distribution declaring a pack in the invite_lint.rules group.
    package = tmp_path / "acme_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "acme.yaml").write_text(
        """
- id: acme-jargon
  kind: phrase
  description: Acme's banned jargon.
  rationale: Jargon hides what you mean from people outside the company.
  severity: info
  languages: [any]
  channels: [any]
  message: Jargon.
  suggestion: Say it plainly.
  phrases: [synergize]
  examples:
    flag: ["Let us synergize.", "We synergize daily."]
    pass: ["Let us work together.", "We meet daily."]
""",
        encoding="utf-8",
    )
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[invite_lint.rules]\nacme = acme_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with_plugins = Linter()
    assert "acme-jargon" in {r.id for r in with_plugins.rules}
    assert "acme-jargon" in with_plugins.lint("Hi Sam, let us synergize on your talk?", lang="en").rule_ids
    assert "acme-jargon" not in {r.id for r in Linter(plugins=False).rules}
