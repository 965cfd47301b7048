"""Specificity as evidence: what the evidence step finds, what it must not count, how
packs name it, and how reports show it. Messages here are written by the team."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from invite_lint import Linter, Verdict
from invite_lint.cli import main
from invite_lint.errors import RulePackError
from invite_lint.evaluation.realworld import evaluate_realworld, load_realworld
from invite_lint.model import SPECIFIC_KINDS

from conftest import rule_yaml, write_pack

CLAIRE = ("Bonjour Claire, ancienne de l'INSA Lyon moi aussi. J'ai lu que BlaBlaCar venait de dépasser les "
          "100 millions de membres : qu'est-ce qui a le plus changé pour votre équipe data ?")


def kinds(report) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for s in report.specifics:
        out.setdefault(s.kind, []).append(s.text)
    return out


def test_claire_is_ready_and_names_its_specifics(linter: Linter) -> None:
    report = linter.lint(CLAIRE)
    assert report.verdict is Verdict.READY
    found = kinds(report)
    assert any("INSA Lyon" in t for t in found["shared-context"])
    assert any("BlaBlaCar" in t and "100 millions" in t for ts in found.values() for t in ts)


def test_claire_through_the_cli_says_ready_and_why(tmp_path: Path) -> None:
    draft = tmp_path / "claire.txt"
    draft.write_text(CLAIRE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-daemon", "--ignore", "french-punctuation-spacing", str(draft)])
    assert result.exit_code == 0, result.output
    assert "verdict ready" in result.output
    assert "specific:" in result.output and "INSA Lyon" in result.output and "(shared-context)" in result.output


@pytest.mark.parametrize("text, kind, part", [
    ("Hi Sam, given Lumio ships 400+ integrations, how does your QA team keep up?", None, "400+"),
    ("Bonjour Marc, Sophie Durand m'a conseillé de vous écrire au sujet de la ferme urbaine.", "shared-context",
     "Sophie Durand"),
    ("Hi Dana, we met at the Lyon DevFest last week. How is the dashboard project going?", "meeting", "DevFest"),
    ("Hi Joe, Riverbed's shift toward observability must change your test plans. How do you cope?", "their-work",
     "Riverbed's shift toward observability"),
    ("Hi Ana, I watched your PyCon talk on type hints: how did you convince your team?", "their-work", "PyCon"),
    ("Bonjour Karine, nous nous sommes croisés hier au salon des Entrepreneurs. Avez-vous gardé le stand ?",
     "meeting", "hier"),
])
def test_each_kind_is_found(linter: Linter, text: str, kind: str | None, part: str) -> None:
    found = kinds(linter.lint(text))
    texts = [t for ts in (found.values() if kind is None else [found.get(kind, [])]) for t in ts]
    assert any(part in t for t in texts), found


@pytest.mark.parametrize("text", [
    # what belongs to the sender
    "Bonjour Marc, je travaille chez Deloitte depuis 10 ans et nous avons 300 clients dans l'industrie.",
    "Hi Dana, I work at Deloitte and our team of 250 consultants helps companies grow.",
    # what a merge field alone gives: a title and a company standing alone
    "Hi Sam, I see you're the Head of Sales at Acme. Would love to connect.",
    "Bonjour Lucie, je vois que vous êtes DRH chez Acme. On se connecte ?",
    # the same field, which thousands share
    "Hey Lee, looks like we both work in procurement. Happy to connect.",
    # a meeting with no where or when
    "Hi Omar, nice to meet you at the conference! Keep in touch.",
])
def test_what_does_not_count(linter: Linter, text: str) -> None:
    # judged as a first contact: a detected follow-up is held to the follow-up rules instead (issue 14)
    report = linter.lint(text, kind="first_contact")
    assert report.specifics == (), kinds(report)
    assert "no-specific-reference" in report.rule_ids


@pytest.mark.parametrize("text, expected", [
    ("Bonjour Sophie, merci encore pour le café de mardi et vos conseils sur la préparation des entretiens en data : "
     "grâce à vous, j'ai revu mon portfolio.", ["Merci encore pour le café de mardi",
                                                "vos conseils sur la préparation des entretiens"]),
    ("Hi Dana, I saw that Acme passed 2 million downloads last month. How did you plan the launch?",
     ["Acme passed 2 million downloads"]),
    # a name, an acronym or the other language's word is no loose end
    ("Hi Dana, I loved your keynote at CES. How did you prepare it?", ["your keynote at CES"]),
    ("Bonjour Léa, bravo pour vos 300 jeunes par an. Comment faites-vous ?", ["300 jeunes par an"]),
    ("Hi Sam, congrats on your Series A. What changes now?", ["congrats on your Series A"]),
])
def test_a_reported_specific_does_not_end_on_a_word_that_needs_what_follows(linter: Linter, text: str,
                                                                            expected: list[str]) -> None:
    report = linter.lint(text)
    shown = [s.text for s in report.specifics]
    assert all(any(e.lower() == t.lower() for t in shown) for e in expected), shown
    assert all(report.text[s.start:s.end] == s.text for s in report.specifics)


def test_default_and_merge_field_templates_still_say_rewrite(linter: Linter) -> None:
    assert linter.lint("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.").verdict is Verdict.REWRITE
    assert linter.lint("Hi {first_name}, I'd love to connect with you at {company}.").verdict is Verdict.REWRITE


@pytest.mark.parametrize("text, rule", [
    ("Hi Dana, thanks for accepting my request! We help SaaS teams double their pipeline. Open to a quick call?",
     "pitch-after-accept"),
    ("Marc, je ferme le dossier. Si vous voulez qu'on regarde votre pipeline, dites-le-moi.", "content-free-bump"),
    ("Bonjour Claire, après votre article sur les stocks de la PME Lunel, nous aidons des entreprises comme la "
     "vôtre à réduire leurs délais.", "companies-like-yours"),
])
def test_a_detail_does_not_rescue_hollow_shapes(linter: Linter, text: str, rule: str) -> None:
    report = linter.lint(text)
    assert rule in report.rule_ids
    assert report.verdict is not Verdict.READY


def test_sms_language_holds_a_message_back_and_the_summary_says_how_it_counts(tmp_path: Path) -> None:
    draft = tmp_path / "sms.txt"
    draft.write_text("Bjr Karine, slt, j'ai vu votre post sur la QVT et votre idée des réunions debout. "
                     "Comment l'avez-vous introduite ? Cdt", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-daemon", str(draft)])
    assert result.exit_code == 1
    assert "verdict needs-work" in result.output
    assert "3 errors (1 rule)" in result.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["Bonjour", "Claire,", "your", "votre", "post", "on", "sur", "Acme", "BlaBlaCar",
                              "100", "millions", "400+", "we", "met", "at", "the", "Lyon", "DevFest", "hier", "moi",
                              "aussi", "ancienne", "de", "l'INSA", "I", "je", "que", "that", "?", ".", ",", "\n",
                              "m'a", "conseillé", "Sophie", "Durand", "shift", "toward", "«", "»", "\"", "😀"]),
             max_size=60).map(" ".join),
))
def test_every_specific_lies_inside_the_text(linter: Linter, text: str) -> None:
    report = linter.lint(text)
    for s in report.specifics:
        assert s.kind in SPECIFIC_KINDS
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
    starts = [s.start for s in report.specifics]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(report.specifics, report.specifics[1:]))


def test_json_lists_specifics_with_file_positions(tmp_path: Path) -> None:
    draft = tmp_path / "claire.md"
    draft.write_text(f"---\nto: Claire Martin\n---\n{CLAIRE}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-daemon", "--format", "json", str(draft)])
    data = json.loads(result.output)
    assert data["schema_version"] == 2
    specifics = data["files"][0]["specifics"]
    text = draft.read_text(encoding="utf-8")
    assert specifics and all(text[s["start"] : s["end"]] == s["text"] for s in specifics)


def test_packs_can_name_specifics(tmp_path: Path) -> None:
    body = ("  scope: body\n  any:\n    - specifics: [fact]\n")
    pack = write_pack(tmp_path, rule_yaml("needs-a-fact", kind="require", lang="en", body=body)
                      .replace("phrases: [bonjour]", ""))
    linter = Linter([pack], builtin=False, plugins=False)
    assert "needs-a-fact" in linter.lint("Hi Sam, how is the team doing these days?", lang="en").rule_ids
    assert "needs-a-fact" not in linter.lint("Hi Sam, since Lumio passed 2 million users, how is the team?",
                                             lang="en").rule_ids


def test_an_unknown_specific_kind_is_one_error_naming_file_rule_and_line(tmp_path: Path) -> None:
    body = "  any:\n    - specifics: [gossip]\n"
    pack = write_pack(tmp_path, rule_yaml("bad-kind", kind="require", lang="en", body=body))
    with pytest.raises(RulePackError) as err:
        Linter([pack], builtin=False, plugins=False)
    message = str(err.value)
    assert "pack.yaml" in message and "bad-kind" in message and "gossip" in message and ":" in message


def test_a_rule_can_declare_what_satisfies_it_as_evidence(tmp_path: Path) -> None:
    body = "  evidence: their-work\n  any:\n    - phrases: [your sourdough]\n"
    pack = write_pack(tmp_path, rule_yaml("bread", kind="require", lang="en", body=body))
    linter = Linter([pack], builtin=False, plugins=False)
    report = linter.lint("Hi Sam, your sourdough won me over.", lang="en")
    assert ("their-work", "your sourdough") in {(s.kind, s.text) for s in report.specifics}


def _realworld_file(tmp_path: Path) -> Path:
    rows = [
        {"id": "a", "lang": "en", "channel": "linkedin_note", "label": "generic",
         "text": "Hi Sam, I'd like to add you to my professional network."},
        {"id": "b", "lang": "en", "channel": "linkedin_note", "label": "personal",
         "text": "Hi Dana, we met at the Lyon DevFest last week. How is the dashboard project going? Best, Lee"},
        {"id": "c", "lang": "fr", "channel": "unknown", "label": "borderline",
         "text": "Bonjour Karine, votre profil [mention spécifique] m'a interpellé."},
        {"id": "d", "lang": "en", "channel": "email", "label": "personal",
         "text": "Hi Sam, I'd like to join your network."},
    ]
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_realworld_eval_scores_per_language_and_channel(linter: Linter, tmp_path: Path) -> None:
    result = evaluate_realworld(linter, load_realworld(_realworld_file(tmp_path)))
    en = result.by_lang["en"]
    assert (en.generic, en.generic_caught, en.personal, en.personal_passed) == (1, 1, 2, 1)
    assert en.balanced == pytest.approx((1.0 + 0.5) / 2)
    assert sum(result.by_lang["fr"].borderline.values()) == 1 and result.by_lang["fr"].generic == 0
    assert [m.message.id for m in result.misses] == ["d"]
    assert any("default-invitation-text" in d for d in result.misses[0].decided_by)


def test_realworld_eval_cli_text_json_and_ignore(tmp_path: Path) -> None:
    path = str(_realworld_file(tmp_path))
    runner = CliRunner()
    text = runner.invoke(main, ["eval", path])
    assert text.exit_code == 0 and "balanced" in text.output and "Misses (1)" in text.output
    data = json.loads(runner.invoke(main, ["eval", path, "--format", "json"]).output)
    assert data["languages"]["en"]["personal_passed"] == 0.5
    ignored = json.loads(runner.invoke(main, ["eval", path, "--format", "json", "--ignore",
                                              "default-invitation-text,no-specific-reference,too-short,"
                                              "bare-connect-request,no-question"]).output)
    assert ignored["languages"]["en"]["generic_caught"] < data["languages"]["en"]["generic_caught"]


def test_realworld_bad_line_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hi", "lang": "en", "label": "generic"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output and "Traceback" not in result.output
