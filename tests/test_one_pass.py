"""A report is scored once, after everything that changes its findings: cross-draft rules,
the draft's suppressions, the configuration's per-file ignores (issue 13, item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from invite_lint import Linter, Message
from invite_lint.engine import runner
from invite_lint.engine.scoring import score_and_verdict
from invite_lint.evaluation.corpus import load_corpus

REPO = Path(__file__).resolve().parents[1]
BODY = ("j'ai vu que vous dirigiez l'équipe data de {c}. Nous aidons les équipes comme la vôtre à livrer "
        "plus vite : seriez-vous disponible pour un échange de 20 minutes ?\n")


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the scorings: engine.runner is the one module that scores."""
    seen: list[int] = []

    def counting(findings):  # type: ignore[no-untyped-def]
        seen.append(1)
        return score_and_verdict(findings)

    monkeypatch.setattr(runner, "score_and_verdict", counting)
    yield seen


def test_each_draft_file_is_scored_once(tmp_path: Path, linter: Linter, calls: list[int]) -> None:
    # two copies (a cross-draft finding), a suppression, a per-file ignore: all change findings
    for name, company in (("Karine", "Danone"), ("Marc", "Renault")):
        (tmp_path / f"{name}.md").write_text(
            f"<!-- invite-lint: disable=near-duplicate-draft -->\nBonjour {name}, " + BODY.format(c=company)
            if name == "Karine" else f"Bonjour {name}, " + BODY.format(c=company), encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Bonjour, je souhaite rejoindre votre réseau.\n", encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    results, errors = linter.lint_paths(paths, ignored={str(tmp_path / "plain.txt"): ["too-short"]})
    assert not errors and len(results) == 3
    assert len(calls) == 3  # once per report, not once per pass
    by_name = {Path(r.path).name: r.report for r in results}
    assert "near-duplicate-draft" in by_name["Marc.md"].rule_ids
    assert "near-duplicate-draft" not in by_name["Karine.md"].rule_ids  # suppressed before the scoring
    assert "too-short" not in by_name["plain.txt"].rule_ids
    for report in by_name.values():
        assert (report.score, report.verdict) == score_and_verdict(report.findings)


def test_lint_many_and_lint_score_once(linter: Linter, calls: list[int]) -> None:
    texts = ["Bonjour Marc, " + BODY.format(c="Renault"), "Bonjour Léa, " + BODY.format(c="Michelin"), ""]
    reports = linter.lint_many(texts)
    assert len(calls) == 2  # the empty message's report is built with its score (0, rewrite)
    assert all("near-duplicate-draft" in r.rule_ids for r in reports[:2])
    assert reports[2].score == 0 and reports[2].verdict.value == "rewrite"
    linter.lint(texts[0])
    assert len(calls) == 3


def test_corpus_scores_are_those_of_the_final_findings(linter: Linter, calls: list[int]) -> None:
    """What the old three passes gave (the last pass scored the final findings): every corpus
    report's score and verdict are those of its final findings, computed once."""
    entries = load_corpus(REPO / "corpus")
    reports = linter.lint_many(Message(e.text, e.lang, e.channel, e.recipient, e.kind) for e in entries)
    assert len(reports) == len(entries) > 100
    assert len(calls) == len(reports)
    assert all((r.score, r.verdict) == score_and_verdict(r.findings) for r in reports)
    assert all(r.score != runner.UNSCORED for r in reports)
