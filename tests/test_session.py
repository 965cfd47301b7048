"""The library owns the verbs (issue 13, item 3): invite_lint.Session finds each draft's
configuration, lints and fixes; `coach` honours the configuration as `check` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from invite_lint import LintOptions, Session
from invite_lint.cli import main
from invite_lint.drafts import read_draft

DRAFT = "Bonjour Karine,\n\nJe souhaite rejoindre votre réseau  pour échanger avec vous stp.\n\nCordialement,\nPaul\n"


def test_session_lints_each_draft_with_its_folders_configuration(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / ".invite-lint.yaml").write_text("ignore: [sms-language]\n", encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder / "d.txt").write_text(DRAFT, encoding="utf-8")
    session = Session()
    drafts = [read_draft(tmp_path / f / "d.txt") for f in ("a", "b")]
    run = session.lint(drafts)
    assert [Path(r.path).parent.name for r in run.results] == ["a", "b"] and not run.errors
    assert "sms-language" not in run.results[0].report.rule_ids
    assert "sms-language" in run.results[1].report.rule_ids
    assert run.configs[drafts[0].path]["ignore"] == ["sms-language"]
    assert session.config(drafts[0].path) is session.config(tmp_path / "a")  # one object per configuration


def test_session_fix_writes_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    session = Session({"ignore": ["no-question"]})
    draft = read_draft(path)
    run = session.lint([draft], LintOptions(lang="fr"))
    dry = session.fix([draft], run.results, LintOptions(lang="fr"))
    assert len(dry) == 1 and dry[0].changed and not dry[0].written
    assert "  " not in dry[0].text.splitlines()[2] and "+Je souhaite" in dry[0].diff()
    assert path.read_text(encoding="utf-8") == DRAFT  # never modified unless asked
    done = session.fix([draft], run.results, LintOptions(lang="fr"), write=True)
    assert done[0].written and path.read_text(encoding="utf-8") == done[0].text


@pytest.mark.parametrize("config", [
    "ignore: [no-question, sms-language]\n",
    "channel: email\nseverity:\n  double-space: error\n",
])
def test_coach_lints_the_draft_as_check_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text("", encoding="utf-8")
    Path(".invite-lint.yaml").write_text(config, encoding="utf-8")
    Path("d.txt").write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    checked = json.loads(runner.invoke(main, ["check", "--format", "json", "--no-daemon", "d.txt"]).output)
    report = checked["files"][0]
    coached = runner.invoke(main, ["coach", "--rewrite", "--format", "json", "--name", "Karine",
                                   "--about", "votre article sur le bien-être au travail", "d.txt"])
    assert coached.exit_code == 0, coached.output
    before = json.loads(coached.output)["before"]
    assert before == {"score": report["score"], "verdict": report["verdict"]}
    # and the configuration made a difference: without it, another report
    Path(".invite-lint.yaml").unlink()
    plain = json.loads(runner.invoke(main, ["check", "--format", "json", "--no-daemon", "d.txt"]).output)["files"][0]
    assert (plain["score"], plain["channel"], sorted(f["rule"] for f in plain["findings"])) != \
           (report["score"], report["channel"], sorted(f["rule"] for f in report["findings"]))
    unconfigured = json.loads(runner.invoke(main, ["coach", "--rewrite", "--format", "json", "--name", "Karine",
                                                   "--about", "votre article sur le bien-être au travail",
                                                   "d.txt"]).output)["before"]
    assert unconfigured == {"score": plain["score"], "verdict": plain["verdict"]}


def test_coach_takes_the_drafts_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".invite-lint.yaml").write_text('per-file-ignores:\n  "d.txt": [sms-language]\n', encoding="utf-8")
    Path("d.txt").write_text(DRAFT, encoding="utf-8")
    session = Session()
    assert "sms-language" not in {r.id for r in session.linter_for("d.txt", per_file=True).rules}
    assert "sms-language" in {r.id for r in session.linter_for("d.txt").rules}
    checked = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "--no-daemon", "d.txt"]).output)
    coached = json.loads(CliRunner().invoke(main, ["coach", "--rewrite", "--format", "json", "d.txt"]).output)
    assert coached["before"]["score"] == checked["files"][0]["score"]
