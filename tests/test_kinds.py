"""Message kinds (issue 14): where the kind comes from, what it changes, and the recipient's
facts checked against the message."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from invite_lint import MESSAGE_KINDS, KindGuess, Linter, Recipient, detect_kind
from invite_lint.cli import main
from invite_lint.engine.selftest import run_cue_examples
from invite_lint.errors import RulePackError
from invite_lint.evaluation.corpus import load_corpus
from invite_lint.evaluation.runner import Gate, run_evaluation
from invite_lint.packs.loader import LoadedPacks, load_pack_file

MIN_KIND_ACCURACY = 0.90
THANK_YOU = ("Bonjour Claire,\n\nmerci encore pour le café de mardi et pour vos conseils sur la reprise de "
             "l'atelier de reliure : grâce à vous, j'ai appelé la chambre des métiers dès le lendemain. "
             "Je vous dirai ce qu'ils m'ont répondu.\n\nBelle journée,\nPaul")
TRADE_SHOW = ("Bonjour Marc,\n\nravi d'avoir échangé avec vous hier au salon Batimat sur les isolants en chanvre "
              "et votre projet de gymnase. Restons en contact !\n\nCordialement,\nLéa")


def test_vocabulary_is_public() -> None:
    assert MESSAGE_KINDS[0] == "first_contact" and len(MESSAGE_KINDS) == 8
    guess = detect_kind("Hi Ana, thanks again for the coffee on Friday: thanks to your advice I rewrote my CV.")
    assert isinstance(guess, KindGuess) and guess.kind == "thank_you" and guess.source == "detected"
    assert guess.cue and guess.cue_id == "en-thanks-upfront"
    default = detect_kind("Hi Ana, your post on feature stores was clear. How do you backfill?")
    assert (default.kind, default.source, default.cue) == ("first_contact", "default", None)


def test_thank_you_after_coffee_is_ready_and_detected(linter: Linter) -> None:
    report = linter.lint(THANK_YOU)
    assert report.kind.kind == "thank_you" and report.kind.source == "detected"
    assert report.verdict.value == "ready", sorted(report.rule_ids)
    result = CliRunner().invoke(main, ["check", "--no-plugins", "-"], input=THANK_YOU)
    assert "thank_you (detected)" in result.output and "verdict ready" in result.output


def test_given_kind_changes_the_rules(linter: Linter) -> None:
    """The same thank-you judged as a first contact follows first-contact rules."""
    given = linter.lint(THANK_YOU, kind="first_contact")
    assert given.kind == KindGuess("first_contact", "given")
    assert "no-question" in given.rule_ids  # a first-contact rule that the thank-you kind does not apply
    assert not any(r.startswith("thank-you-") for r in given.rule_ids)
    lacking = linter.lint("Bonjour Claire, merci beaucoup pour le café de mardi et pour votre temps. Au plaisir !")
    assert "thank-you-no-impact" in lacking.rule_ids
    assert "thank-you-no-impact" not in linter.lint(THANK_YOU).rule_ids
    result = CliRunner().invoke(main, ["check", "--no-plugins", "--kind", "first_contact", "-"], input=THANK_YOU)
    assert "first_contact (given)" in result.output and "no-question" in result.output


def test_follow_up_after_trade_show_without_next_step(linter: Linter) -> None:
    report = linter.lint(TRADE_SHOW)
    assert report.kind.kind == "follow_up_after_meeting"
    assert "follow-up-no-next-step" in report.rule_ids
    assert {"follow-up-no-meeting", "follow-up-nothing-discussed"}.isdisjoint(report.rule_ids)
    finding = next(f for f in report.findings if f.rule_id == "follow-up-no-next-step")
    assert "étape" in finding.message
    with_step = linter.lint(TRADE_SHOW.replace("Restons en contact !", "Seriez-vous disponible jeudi pour un appel ?"))
    assert "follow-up-no-next-step" not in with_step.rule_ids


def test_misspelt_name_from_front_matter(tmp_path: Path) -> None:
    draft = tmp_path / "karine.md"
    draft.write_text("---\nto: Karine Martin\n---\nBonjour Karin,\n\nvotre article sur la paie des saisonniers "
                     "m'a appris beaucoup. Comment gérez-vous les contrats courts ?\n\nBien à vous,\nPaul\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-plugins", "--format", "json", str(draft)])
    findings = json.loads(result.output)["files"][0]["findings"]
    misspelt = [f for f in findings if f["rule"] == "misspelt-recipient-name"]
    assert misspelt and misspelt[0]["text"] == "Karin" and "Karine" in misspelt[0]["message"]
    assert misspelt[0]["line"] == 4  # positions in the file, front matter included
    # the greeting does name her, misspelt: one finding, not also "sent to a list"
    assert "missing-recipient-name" not in {f["rule"] for f in findings}
    assert json.loads(result.output)["files"][0]["verdict"] == "needs-work"


@pytest.mark.parametrize("text, name, flagged", [
    ("Hi Jon, your talk on queues was great. How did you size the workers?", "John Ellis", True),
    ("Hi John, your talk on queues was great. How did you size the workers?", "John Ellis", False),
    ("Hi Jonathan, your talk on queues was great. How did you size the workers?", "John Ellis", False),
    ("Dear Mr Elis, your talk on queues was great. How did you size the workers?", "John Ellis", True),
    # a short form or pet name is not a misspelling, and it names them
    ("Hi Alex, your talk on queues was great. How did you size the workers?", "Alexis Moreau", False),
    ("Bonjour Manu, votre article sur la paie m'a appris beaucoup. Comment gérez-vous les saisonniers ?",
     "Manuel Roux", False),
])
def test_name_spelling(linter: Linter, text: str, name: str, flagged: bool) -> None:
    report = linter.lint(text, recipient=Recipient(name=name))
    assert ("misspelt-recipient-name" in report.rule_ids) is flagged


def test_greeting_agreement_and_former_company(linter: Linter) -> None:
    text = "Cher Karine, votre travail chez Acme sur la paie m'intéresse. Comment gérez-vous les contrats courts ?"
    facts = Recipient(name="Karine Martin", gender="f", company="Globex", previous_companies="Acme; Initech")
    report = linter.lint(text, recipient=facts)
    assert {"wrong-greeting-agreement", "former-company-as-current"} <= report.rule_ids
    assert "Globex" in next(f.message for f in report.findings if f.rule_id == "former-company-as-current")
    fixed = linter.lint(text.replace("Cher", "Chère").replace("votre travail chez Acme", "quand vous étiez chez Acme, "
                                                                                         "votre travail"),
                        recipient=facts)
    assert {"wrong-greeting-agreement", "former-company-as-current"}.isdisjoint(fixed.rule_ids)
    unknown = linter.lint(text)  # nothing known: nothing guessed
    assert {"wrong-greeting-agreement", "former-company-as-current"}.isdisjoint(unknown.rule_ids)


def test_kind_from_front_matter_rows_and_json(tmp_path: Path, repo: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(f"---\nkind: first_contact\n---\n{THANK_YOU}\n", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "a", "text": THANK_YOU, "kind": "reconnect"}) + "\n"
                    + json.dumps({"id": "b", "text": THANK_YOU}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-plugins", "--format", "json", str(draft), str(rows)])
    document = json.loads(result.output)
    jsonschema.validate(document, json.loads((repo / "invite_lint/schema/report.schema.json").read_text()))
    assert document["schema_version"] == 2
    kinds = [(f["kind"], f["kind_source"]) for f in document["files"]]
    assert kinds == [("first_contact", "given"), ("reconnect", "given"), ("thank_you", "detected")]
    assert document["files"][2]["kind_cue"] == "merci encore pour"
    batch = CliRunner().invoke(main, ["batch", "--no-plugins", "--kind", "prospecting", str(rows)])
    records = [json.loads(line) for line in batch.output.splitlines() if line.startswith("{")]  # not the summary
    assert [r["kind"] for r in records] == ["reconnect", "prospecting"]
    github = CliRunner().invoke(main, ["check", "--no-plugins", "--format", "github", str(draft)])
    assert "title=message kind::first_contact (given)" in github.output


def test_bad_kind_is_a_one_line_error(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("---\nkind: cold_call\n---\nBonjour Marc, votre article m'a plu. Qu'en pensez-vous ?\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-plugins", str(draft)])
    assert result.exit_code == 2 and "front matter 'kind' must be one of first_contact" in result.output
    usage = CliRunner().invoke(main, ["check", "--no-plugins", "--kind", "cold_call", str(draft)])
    assert usage.exit_code == 2 and "Traceback" not in usage.output


def test_kinds_on_rules_and_cues_are_validated(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("kind_cues:\n  - id: x\n    kind: cold_call\n    languages: [en]\n    description: d\n"
                    "    any: [{regex: hello}]\n    examples: {detect: [a, b], other: [c, d]}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="unknown message kind 'cold_call'") as caught:
        load_pack_file(pack, LoadedPacks())
    assert caught.value.line == 3
    rules = tmp_path / "r.yaml"
    rules.write_text("- id: r\n  kind: regex\n  kinds: [thank_you, cold_call]\n  regex: x\n  description: d\n"
                     "  rationale: r\n  severity: info\n  languages: [en]\n  channels: [any]\n  message: m\n"
                     "  suggestion: s\n  examples: {flag: [x, x x], pass: [y, y y]}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="'kinds' has 'cold_call'"):
        load_pack_file(rules, LoadedPacks())


def test_every_kind_cue_example(linter: Linter) -> None:
    results = run_cue_examples(linter.packs.cues)
    assert len(results) >= 4 * len(linter.packs.cues)
    assert [r.describe() for r in results if not r.ok] == []
    assert {c.kind for c in linter.packs.cues if "fr" in c.languages} >= set(MESSAGE_KINDS) - {"first_contact"}
    assert {c.kind for c in linter.packs.cues if "en" in c.languages} >= set(MESSAGE_KINDS) - {"first_contact"}


def test_catalogue_shows_kinds() -> None:
    listed = CliRunner().invoke(main, ["rules", "list", "--no-plugins", "--format", "json"])
    by_id = {r["id"]: r for r in json.loads(listed.output)}
    assert by_id["follow-up-no-next-step"]["message_kinds"] == ["follow_up_after_meeting"]
    assert "thank_you" not in by_id["premature-ask"]["message_kinds"]
    assert by_id["too-short"]["message_kinds"] == ["any"]
    shown = CliRunner().invoke(main, ["rules", "show", "--no-plugins", "thank-you-no-impact"])
    assert "message kinds: thank_you" in shown.output


def test_kind_corpus_and_accuracy(linter: Linter, repo: Path) -> None:
    entries = load_corpus(repo / "corpus" / "kinds")
    for lang in ("fr", "en"):
        for kind in MESSAGE_KINDS:
            assert sum(1 for e in entries if e.lang == lang and e.kind == kind) >= 40, (lang, kind)
    result = run_evaluation(linter, repo / "corpus" / "kinds")
    for lang in ("fr", "en"):
        assert result.kinds[lang].accuracy >= MIN_KIND_ACCURACY, result.kinds[lang].to_dict()
    assert Gate(min_kind_accuracy=1.01).failures(result)  # the gate can fail
    printed = CliRunner().invoke(main, ["eval", "--no-plugins", str(repo / "corpus" / "kinds")])
    assert "Message-kind detection" in printed.output
    assert "fr     320 messages  accuracy" in printed.output and "en     320 messages  accuracy" in printed.output


def test_readme_examples_come_out_as_their_kind(linter: Linter, repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in readme.splitlines() if line.startswith("| `") and '" |' in line]
    examples = {row[0].strip("| `"): row[1].strip('"') for row in rows if row[0].strip("| `") in MESSAGE_KINDS}
    assert set(examples) == set(MESSAGE_KINDS)
    for kind, text in examples.items():
        assert linter.detect_kind(text).kind == kind, (kind, text)


def test_http_api_takes_the_kind_and_recipient_facts(linter: Linter) -> None:
    from fastapi.testclient import TestClient

    from invite_lint.web.app import create_app

    client = TestClient(create_app(linter))
    assert client.get("/v1/kinds").json() == {"kinds": list(MESSAGE_KINDS)}
    detected = client.post("/v1/lint", json={"text": THANK_YOU}).json()["files"][0]
    assert (detected["kind"], detected["kind_source"]) == ("thank_you", "detected")
    given = client.post("/v1/lint", json={"text": THANK_YOU, "kind": "first_contact"}).json()["files"][0]
    assert (given["kind"], given["kind_source"]) == ("first_contact", "given")
    assert "no-question" in {f["rule"] for f in given["findings"]}
    facts = {"name": "Karine Martin", "gender": "f"}
    checked = client.post("/v1/lint", json={"text": "Cher Karin, " + THANK_YOU.split(",", 1)[1],
                                            "recipient": facts}).json()["files"][0]
    assert {"misspelt-recipient-name", "wrong-greeting-agreement"} <= {f["rule"] for f in checked["findings"]}
    assert client.post("/v1/lint", json={"text": "x", "kind": "cold_call"}).status_code == 422


def test_a_short_form_of_the_name_names_them(linter: Linter) -> None:
    report = linter.lint("Hi Alex, your talk on queues was great. How did you size the workers?",
                         recipient=Recipient(name="Alexandra Reyes"))
    assert not {"missing-recipient-name", "misspelt-recipient-name"} & set(report.rule_ids)
