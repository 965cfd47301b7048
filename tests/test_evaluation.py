"""Detection quality is a number every change is held to: the gate on the labelled corpus,
and the `eval` command that reports it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from invite_lint import Linter
from invite_lint.cli import main
from invite_lint.evaluation.corpus import CorpusError, load_corpus
from invite_lint.evaluation.runner import Gate, run_evaluation
from invite_lint.text.similarity import near_duplicates

MIN_DETECTION = 0.95
MIN_RULE_PRECISION = 0.9
RULE_SUPPORT = 5
MIN_LANGUAGE_ACCURACY = 0.98


@pytest.fixture(scope="module")
def evaluation(linter: Linter, repo: Path):  # type: ignore[no-untyped-def]
    return run_evaluation(linter, repo / "corpus")


def test_corpus_size_and_balance(repo: Path) -> None:
    entries = [e for e in load_corpus(repo / "corpus") if e.label is not None]  # kind-only entries aside
    by_lang = {lang: [e for e in entries if e.lang == lang] for lang in ("fr", "en")}
    assert len(by_lang["fr"]) >= 250 and len(by_lang["en"]) >= 200
    for lang, items in by_lang.items():
        labels = [e.label for e in items]
        assert labels.count("personal") >= len(items) / 3, lang
        assert labels.count("generic") >= len(items) / 3, lang
        assert {e.channel for e in items} == {"linkedin_note", "inmail", "email"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_generic_detection_gate(evaluation, lang: str) -> None:  # type: ignore[no-untyped-def]
    counts = evaluation.detection[lang]
    assert counts.precision >= MIN_DETECTION, counts.to_dict()
    assert counts.recall >= MIN_DETECTION, counts.to_dict()


def test_rule_precision_gate(evaluation) -> None:  # type: ignore[no-untyped-def]
    failing = evaluation.rule_gate_failures(MIN_RULE_PRECISION, RULE_SUPPORT)
    assert failing == [], [(rule, lang, c.to_dict()) for rule, lang, c in failing]
    gated = [key for key, c in evaluation.rules.items() if c.expected >= RULE_SUPPORT]
    assert len(gated) >= 30  # the gate covers most of the catalogue, not a handful of rules


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_language_detection_gate(evaluation, lang: str) -> None:  # type: ignore[no-untyped-def]
    counts = evaluation.languages[lang]
    assert counts.long_total >= 150
    assert counts.long_accuracy >= MIN_LANGUAGE_ACCURACY, counts.to_dict()


def test_gate_reports_what_fails(evaluation) -> None:  # type: ignore[no-untyped-def]
    impossible = Gate(min_precision=1.01, min_rule_precision=1.01, min_lang_accuracy=1.01)
    failures = impossible.failures(evaluation)
    assert any("generic-detection precision" in f for f in failures)
    assert any("language detection" in f for f in failures)
    assert Gate(min_precision=0.5, min_recall=0.5).failures(evaluation) == []


def test_similarity_threshold_on_corpus_data(evaluation) -> None:  # type: ignore[no-untyped-def]
    """Messages written independently are far below the 90% threshold; the only corpus
    messages above it are real template copies (the platform's default text, the same
    template filled and unfilled)."""
    entries, nearest = evaluation.entries, evaluation.nearest  # computed once, by the evaluation
    ordered = sorted(nearest)
    assert ordered[int(0.95 * len(ordered))] < 90
    personal = [v for e, v in zip(entries, nearest) if e.label == "personal"]
    assert max(personal) < 75  # written for one person: never close to another message
    above = [e for e, v in zip(entries, nearest) if v >= 90]
    assert above and all(e.label == "generic" for e in above)  # default texts and template copies


def test_mail_merge_variants_are_found(repo: Path) -> None:
    entries = [e for e in load_corpus(repo / "corpus") if e.label == "generic" and e.recipient and e.recipient.name]
    sample = entries[:20]
    # The same draft sent to other people: only the name (and a company) changes.
    variants = [e.text.replace(e.recipient.name.split()[0], other) for e in sample for other in ("Zoé", "Omar")]
    groups = near_duplicates(variants, 0.9)
    assert all(len(n.others) >= 1 and n.best >= 90 for n in groups)
    independent = near_duplicates([e.text for e in sample], 0.9)
    assert sum(1 for n in independent if n.others) <= 2


def test_eval_command_text_and_json(repo: Path) -> None:
    runner = CliRunner()
    part = str(repo / "corpus" / "en" / "misc.yaml")  # one file is enough to check the command's output
    text = runner.invoke(main, ["eval", part, "--min-precision", "0.9", "--min-recall", "0.9"])
    assert text.exit_code == 0, text.output
    for heading in ("Generic detection", "Verdicts by language, channel and label", "Rules against expect / forbid",
                    "Language detection", "Near-identical drafts", "Worst disagreements", "Thresholds: all met"):
        assert heading in text.output
    data = json.loads(runner.invoke(main, ["eval", part, "--format", "json"]).output)
    assert set(data["generic_detection"]) == {"en"}
    assert {"precision", "recall", "f1"} <= set(data["generic_detection"]["en"])
    assert data["similarity"]["threshold"] == 90.0
    assert len(data["confusion"]) >= 6 and data["language_detection"]["en"]["total"] == 35
    failing = runner.invoke(main, ["eval", part, "--min-precision", "1.01"])
    assert failing.exit_code == 1 and "NOT MET" in failing.output


def test_eval_flags_disagreements(tmp_path: Path) -> None:
    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        "- id: wrong-1\n  lang: fr\n  channel: linkedin_note\n  label: personal\n"
        "  text: Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\n"
        "  expect: [sms-language]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", str(corpus), "--format", "json", "--min-precision", "0.5"])
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["worst_disagreements"][0]["id"] == "wrong-1"
    sms = next(r for r in data["rules"] if r["rule"] == "sms-language")
    assert (sms["tp"], sms["fn"]) == (0, 1)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- id: a\n  lang: fr\n  channel: sms\n  label: generic\n  text: x\n", "'channel' must be one of"),
        ("- id: a\n  lang: fr\n  channel: email\n  label: meh\n  text: x\n", "'label' must be one of"),
        ("- id: a\n  lang: fr\n  channel: email\n  label: generic\n  text: x\n  colour: red\n", "unknown key 'colour'"),
        ("- id: a\n  lang: fr\n  channel: email\n  label: generic\n  text: x\n"
         "- id: a\n  lang: fr\n  channel: email\n  label: generic\n  text: y\n", "duplicate id"),
        ("- id: a\n  lang: fr\n  channel: email\n  label: generic\n  text: x\n  expect: [a]\n  forbid: [a]\n",
         "both expected and forbidden"),
    ],
)
def test_bad_corpus_is_one_clear_line(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    assert fragment in str(info.value) and "bad.yaml:" in str(info.value) and "\n" not in str(info.value)
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_unknown_rule_ids_in_corpus_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("- id: a\n  lang: fr\n  channel: email\n  label: generic\n  text: Bonjour\n  expect: [no-such]\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2 and "unknown rule id(s) no-such" in result.output
