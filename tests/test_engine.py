"""The engine end to end through the library API."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import rule_yaml, write_pack
from invite_lint import Linter, Message, Recipient, UsageError, Verdict, lint
from invite_lint.engine.scoring import score_and_verdict
from invite_lint.text import pipeline as pipeline_module
from invite_lint.text.pipeline import get_pipeline

DEFAULT_FR = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."
PERSONAL_FR = (
    "Bonjour Karine,\n\nJ'ai vu votre toile au parc Montsouris dimanche : ces bleus qui virent au violet "
    "m'ont arrêté net. Comment obtenez-vous ces couleurs ?\n\nBelle journée,\nPaul"
)
DEFAULT_EN = "Hi Sam, I'd like to add you to my professional network on LinkedIn."
PERSONAL_EN = (
    "Hi Sam, I watched your PyCon talk on type hints. Migrating one module at a time was exactly our "
    "situation: how did you convince the team the churn was worth it?"
)


def test_default_french_invitation_is_rewrite_with_exact_span(linter: Linter) -> None:
    report = linter.lint(DEFAULT_FR)
    assert report.lang == "fr" and report.lang_source == "detected"
    assert report.verdict is Verdict.REWRITE
    finding = next(f for f in report.findings if f.rule_id == "default-invitation-text")
    assert DEFAULT_FR[finding.start : finding.end] == "aimerait rejoindre votre réseau"
    assert (finding.line, finding.column, finding.end_column) == (1, 29, 60)
    assert finding.severity.value == "error"
    assert "défaut" in finding.message  # French message for a French draft


def test_personal_french_message_is_ready(linter: Linter) -> None:
    report = linter.lint(PERSONAL_FR)
    assert report.verdict is Verdict.READY, [f.rule_id for f in report.findings]
    assert report.score >= 95


def test_english_default_and_personal(linter: Linter) -> None:
    default = linter.lint(DEFAULT_EN)
    assert default.lang == "en" and default.verdict is Verdict.REWRITE
    assert "default-invitation-text" in default.rule_ids
    personal = linter.lint(PERSONAL_EN)
    assert personal.verdict is Verdict.READY, [f.rule_id for f in personal.findings]


def test_module_level_lint_shortcut() -> None:
    assert lint(DEFAULT_FR).verdict is Verdict.REWRITE


def test_findings_are_sorted_and_inside_the_text(linter: Linter) -> None:
    text = "Slt Marc!!! Bonjour à tous, {first_name}, ajoutez-moi 🚀🚀🚀"
    report = linter.lint(text, lang="fr")
    starts = [(f.start, f.end, f.rule_id) for f in report.findings]
    assert starts == sorted(starts)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.text == text[f.start : f.end]
    assert {"sms-language", "exclamation-overuse", "mass-mailing", "unfilled-placeholder", "emoji-overuse"} <= report.rule_ids


def test_line_and_column_across_crlf(linter: Linter) -> None:
    text = "Bonjour,\r\n\r\nslt, je souhaiterais vous ajouter à mon réseau.\r\n"
    report = linter.lint(text, lang="fr")
    sms = next(f for f in report.findings if f.rule_id == "sms-language")
    assert (sms.line, sms.column) == (3, 1)


def test_lang_and_channel_overrides(linter: Linter) -> None:
    long_note = "Bonjour Karine, " + "votre toile au parc m'a émue. " * 12 + "Comment faites-vous ?"
    note = linter.lint(long_note, channel="linkedin_note")
    email = linter.lint(long_note, channel="email")
    assert "too-long-for-channel" in note.rule_ids and "too-long-for-channel" not in email.rule_ids
    overflow = next(f for f in note.findings if f.rule_id == "too-long-for-channel")
    assert overflow.start == 300 and overflow.end == len(long_note)
    assert linter.lint(DEFAULT_FR, lang="en").lang == "en"
    with pytest.raises(UsageError):
        linter.lint(DEFAULT_FR, lang="french")
    with pytest.raises(UsageError):
        linter.lint(DEFAULT_FR, channel="sms")


def test_subject_line_means_email(linter: Linter) -> None:
    report = linter.lint("Objet : votre conférence\n\nBonjour Claire, comment allez-vous ?\n\nPaul")
    assert report.channel == "email"


def test_recipient_name_is_checked(linter: Linter) -> None:
    text = "Bonjour, votre toile au parc m'a émue : comment obtenez-vous ces bleus ?"
    assert "missing-recipient-name" in linter.lint(text, recipient=Recipient(name="Karine Martin")).rule_ids
    named = "Bonjour Karine, votre toile au parc m'a émue : comment obtenez-vous ces bleus ?"
    assert "missing-recipient-name" not in linter.lint(named, recipient=Recipient(name="Karine Martin")).rule_ids


def test_unsupported_language_runs_neutral_rules(linter: Linter) -> None:
    text = "Hallo {first_name}, ich möchte Sie gerne zu meinem beruflichen Netzwerk hinzufügen. Vielen Dank!"
    report = linter.lint(text)
    assert report.lang == "de"
    assert any("not supported" in note for note in report.notes)
    assert "unfilled-placeholder" in report.rule_ids
    assert "default-invitation-text" not in report.rule_ids  # a French/English rule does not run on German


def test_empty_message_is_a_defined_result(linter: Linter) -> None:
    for text in ("", "   \n\t "):
        report = linter.lint(text)
        assert report.verdict is Verdict.REWRITE and report.score == 0
        assert [f.rule_id for f in report.findings] == ["empty-message"]


def test_batches_match_one_by_one_and_keep_order(linter: Linter) -> None:
    texts = [DEFAULT_FR, PERSONAL_EN, "", PERSONAL_FR, DEFAULT_EN] * 30  # more than one nlp.pipe batch
    streamed = list(linter.iter_lint(texts))
    assert [r.text for r in streamed] == texts
    for text, report in zip(texts[:5], streamed[:5]):
        assert report == linter.lint(text)
    distinct = linter.lint_many(texts[:5])
    assert distinct == streamed[:5]  # nothing alike among these five
    mixed = linter.lint_many([Message(DEFAULT_FR, lang="fr", channel="email"), DEFAULT_EN])
    assert (mixed[0].channel, mixed[1].lang) == ("email", "en")


def test_lint_many_flags_mail_merge_copies(linter: Linter) -> None:
    template = ("Bonjour {name}, j'ai vu que vous dirigiez l'équipe data de {company}. Nous aidons les équipes "
                "comme la vôtre à livrer plus vite : seriez-vous disponible pour un échange de 20 minutes ?")
    copies = [template.format(name=n, company=c) for n, c in
              [("Karine", "Danone"), ("Marc", "Renault"), ("Léa", "L'Oréal"), ("Hugo", "Decathlon")]]
    reports = linter.lint_many([*copies, PERSONAL_FR])
    for report in reports[:4]:
        finding = next(f for f in report.findings if f.rule_id == "near-duplicate-draft")
        assert "à 3 autre(s)" in finding.message and "100 %" in finding.message
    assert "near-duplicate-draft" not in reports[4].rule_ids
    assert all("near-duplicate-draft" not in linter.lint(c).rule_ids for c in copies)  # alone: nothing to compare


def test_reports_are_deterministic(linter: Linter) -> None:
    assert linter.lint(PERSONAL_FR) == linter.lint(PERSONAL_FR)


def test_pipeline_has_only_what_rules_need(tmp_path: Path) -> None:
    # A pack of regex and metric rules needs no statistical component at all.
    pack = write_pack(tmp_path, rule_yaml(kind="regex", body="  regex: slt\n")
                      + rule_yaml("long", kind="metric", body="  metric: characters\n  max: 10\n"))
    light = Linter([pack], builtin=False, plugins=False)
    assert light.engine.needs_for("fr") == frozenset()
    assert light.engine.pipeline("fr").nlp.pipe_names == ["invite_lint_fold"]
    # The built-in French rules read lemmas and parts of speech, never the parser or NER
    # (the specifics need no model component).
    full = Linter(plugins=False)
    names = full.engine.pipeline("fr").nlp.pipe_names
    assert "lemmatizer" in names and "parser" not in names and "ner" not in names


def test_rules_needing_a_missing_model_are_reported_as_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever is installed here, behave as on a machine without an English model: the
    # English folder registered again with no model listed.
    from invite_lint import lang

    english = (Path(lang.__file__).parent / "en" / "language.yaml").read_text(encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "language.yaml").write_text(
        english.replace("models: [en_core_web_sm, en_core_web_md, en_core_web_lg]", "models: []"), encoding="utf-8")
    lang.register(tmp_path / "en")
    monkeypatch.setattr(pipeline_module, "_cache", {})
    try:
        _lint_without_english_model(tmp_path)
    finally:
        lang.unregister("en")


def _lint_without_english_model(tmp_path: Path) -> None:
    assert get_pipeline("en", frozenset({"lemma"})).model is None
    pack = write_pack(tmp_path, rule_yaml(kind="pattern", lang="en", body="  patterns: [[{LEMMA: be}]]\n"))
    linter = Linter([pack], builtin=False, plugins=False)
    report = linter.lint("I am here and you are there.", lang="en")
    assert [s.rule_id for s in report.skipped] == ["my-rule"]
    assert "lemma" in report.skipped[0].reason
    assert any("no statistical model" in n for n in report.notes)


def test_linter_pickles_and_works_after(linter: Linter) -> None:
    clone = pickle.loads(pickle.dumps(linter))
    assert clone.lint(DEFAULT_FR) == linter.lint(DEFAULT_FR)


@pytest.mark.parametrize(
    ("severities", "score", "verdict"),
    [
        ([], 100, Verdict.READY),
        (["warning"], 85, Verdict.READY),
        (["warning", "info"], 80, Verdict.READY),
        (["warning", "info", "info", "info"], 70, Verdict.READY),
        (["info"] * 6, 70, Verdict.READY),
        (["warning", "warning"], 70, Verdict.NEEDS_WORK),
        (["error"], 60, Verdict.NEEDS_WORK),
        (["error", "warning"], 45, Verdict.REWRITE),
        (["error"] * 3, 0, Verdict.REWRITE),
    ],
)
def test_scoring(severities: list[str], score: int, verdict: Verdict) -> None:
    from invite_lint.model import Finding, Severity

    findings = [Finding(f"rule-{i}", Severity(s), "m", "s", 0, 1, 1, 1, 1, 2, "x") for i, s in enumerate(severities)]
    assert score_and_verdict(findings) == (score, verdict)


def test_same_rule_twice_counts_once() -> None:
    from invite_lint.model import Finding, Severity

    twice = [Finding("sms-language", Severity.WARNING, "m", "s", i, i + 1, 1, 1, 1, 2, "x") for i in range(5)]
    assert score_and_verdict(twice) == (85, Verdict.READY)
