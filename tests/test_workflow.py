"""Drafts kept as files under git: pre-commit, front matter, e-mails, files of many
messages, outreach templates, configuration, suppressions, fixes and CI output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from invite_lint.cli import main

GENERIC = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\n"
PERSONAL = ("Bonjour Karine,\n\nJ'ai vu votre toile au parc Montsouris dimanche : ces bleus qui virent au violet m'ont "
            "arrêté net. Comment obtenez-vous ces couleurs ?\n\nBelle journée,\nPaul\n")


NOTES = [
    "Bonjour Marc, votre article sur la sobriété numérique m'a fait revoir nos serveurs : par quoi avez-vous commencé ?\n",
    "Hi Sam, your PyCon talk on gradual typing was exactly our situation. How did you convince your team?\n",
    "Bonjour Léa, votre podcast sur les artisans bretons m'a appris le métier de tonnelier. Comment choisissez-vous vos invités ?\n",
    "Hi Dana, we met at the Women in Data meetup on Tuesday. How is the churn dashboard going?\n",
]


def run(*args: str, cwd: Path | None = None, input: bytes | None = None):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
           "NO_COLOR": "1"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


def test_pre_commit_hook_fails_generic_and_passes_personal(repo: Path, tmp_path: Path) -> None:
    manifest = repo / ".pre-commit-hooks.yaml"
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    checked = subprocess.run([pre_commit, "validate-manifest", str(manifest)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    hook = next(h for h in yaml.safe_load(manifest.read_text()) if h["id"] == "invite-lint")
    assert hook["require_serial"] is True and hook["entry"] == "invite-lint check"
    # A local repo entry with the manifest's own settings, running the invite-lint installed here
    # (pre-commit's "python" language would reinstall the package and its model from the index).
    executable = shutil.which("invite-lint") or str(Path(sys.executable).with_name("invite-lint"))
    local = {**{k: hook[k] for k in ("id", "name", "files", "types", "require_serial")},
             "entry": hook["entry"].replace("invite-lint", executable, 1), "language": "system"}
    drafts = tmp_path / "drafts-repo"
    drafts.mkdir()
    assert git(drafts, "init", "-q").returncode == 0
    (drafts / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    assert subprocess.run([pre_commit, "install"], cwd=drafts, capture_output=True,
                          env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}).returncode == 0
    (drafts / "karine.txt").write_text(GENERIC, encoding="utf-8")
    for i, note in enumerate(NOTES):  # several drafts in one commit: one invite-lint call
        (drafts / f"note-{i}.md").write_text(note, encoding="utf-8")
    git(drafts, "add", ".")
    refused = git(drafts, "commit", "-q", "-m", "drafts")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "karine.txt:1:29: error default-invitation-text" in output
    assert output.count("verdict ready") == len(NOTES)
    (drafts / "karine.txt").write_text(PERSONAL, encoding="utf-8")
    git(drafts, "add", ".")
    accepted = git(drafts, "commit", "-q", "-m", "personal drafts")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_markdown_front_matter_to_and_line_numbers(tmp_path: Path) -> None:
    draft = tmp_path / "karine.md"
    draft.write_text("---\nto: Karine Martin\nchannel: linkedin_note\n---\n\nBonjour,\n\nJ'ai lu votre article sur "
                     "la médiation : comment êtes-vous venue à ce métier ?\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(draft)).output)["files"][0]
    finding = next(f for f in data["findings"] if f["rule"] == "missing-recipient-name")
    assert (finding["line"], finding["column"], finding["text"]) == (6, 1, "Bonjour,")
    assert data["positions"] == "file"
    named = tmp_path / "named.md"
    named.write_text(draft.read_text(encoding="utf-8").replace("Bonjour,", "Bonjour Karine,"), encoding="utf-8")
    assert "missing-recipient-name" not in run("check", str(named)).output


def test_bad_front_matter_is_one_line(tmp_path: Path) -> None:
    draft = tmp_path / "bad.md"
    draft.write_text("---\nto: Karine\nchannel: pigeon\n---\nBonjour Karine\n", encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 2 and "bad.md:3: front matter 'channel' must be one of" in result.stderr


EML = """From: Paul Martin <paul@example.com>
To: Karine Martin <karine@example.org>
Subject: Votre article sur le bien-être au travail
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Bonjour Karine,

Merci pour votre réponse. J'ai lu votre article sur le bien-être au travail : comment avez-vous mené l'enquête ?

Bien à vous,
Paul

-- 
Paul Martin, slt bjr cdt

Le lun. 9 nov. 2026 à 09:12, Karine Martin <karine@example.org> a écrit :
> Bonjour Paul, slt, merci bcp pour votre message !!!
"""


def test_eml_lints_subject_and_new_text_only(tmp_path: Path) -> None:
    draft = tmp_path / "reply.eml"
    draft.write_text(EML.replace("comment avez-vous mené l'enquête ?", "slt, comment avez-vous mené l'enquête ?"),
                     encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(draft)).output)["files"][0]
    assert data["channel"] == "email"
    sms = [f for f in data["findings"] if f["rule"] == "sms-language"]
    assert [(f["line"], f["text"]) for f in sms] == [(10, "slt")]  # not in the signature, not in the quote
    assert "exclamation-overuse" not in {f["rule"] for f in data["findings"]}


def test_eml_encoded_body_gives_positions_note(tmp_path: Path) -> None:
    import base64

    body = base64.b64encode("Bonjour Karine,\n\nslt, comment allez-vous ?\n".encode()).decode()
    draft = tmp_path / "b64.eml"
    draft.write_text(f"To: Karine <k@example.org>\nSubject: Bonjour\nContent-Type: text/plain; charset=utf-8\n"
                     f"Content-Transfer-Encoding: base64\n\n{body}\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(draft)).output)["files"][0]
    assert data["positions"] == "message"
    assert any("decoded message" in note for note in data["notes"])
    assert "sms-language" in {f["rule"] for f in data["findings"]}


def test_jsonl_and_csv_rows(tmp_path: Path) -> None:
    rows = tmp_path / "batch.jsonl"
    rows.write_text(json.dumps({"id": "a1", "text": GENERIC.strip(), "to": "Karine Martin"}) + "\n"
                    + "{not json\n" + json.dumps({"id": "a3", "text": PERSONAL, "channel": "email"}) + "\n",
                    encoding="utf-8")
    result = run("check", "--format", "json", str(rows))
    data = json.loads(result.output)
    assert result.exit_code == 2  # one malformed row, the others still linted
    assert [f["label"] for f in data["files"]] == ["row 1, id a1", "row 3, id a3"]
    assert data["errors"][0]["path"].endswith("batch.jsonl:2") and "malformed JSON row" in data["errors"][0]["message"]
    assert data["files"][0]["verdict"] == "rewrite" and data["files"][1]["channel"] == "email"
    table = tmp_path / "batch.csv"
    table.write_text('id,name,text\nb1,Karine Martin,"' + GENERIC.strip() + '"\nb2,Sam,"Hi Sam, let\'s connect!"\n',
                     encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(table)).output)
    assert [f["label"] for f in data["files"]] == ["row 1, id b1", "row 2, id b2"]
    assert data["files"][1]["lang"] == "en"


TEMPLATE = ("Bonjour {{first_name}}, j'ai vu que {company} recrutait. [point précis sur son travail] : "
            "comment l'avez-vous vécu ?\n")


def test_outreach_templates(tmp_path: Path) -> None:
    draft = tmp_path / "sequence.txt"
    draft.write_text(TEMPLATE, encoding="utf-8")
    plain = json.loads(run("check", "--format", "json", str(draft)).output)["files"][0]
    placeholders = [f["text"] for f in plain["findings"] if f["rule"] == "unfilled-placeholder"]
    assert placeholders == ["{{first_name}}", "{company}", "[point précis sur son travail]"]
    as_template = json.loads(run("check", "--template", "--format", "json", str(draft)).output)["files"][0]
    rules = {f["rule"] for f in as_template["findings"]}
    assert "missing-recipient-name" not in rules  # the first-name field counts as the name
    kept = [f for f in as_template["findings"] if f["rule"] == "unfilled-placeholder"]
    assert [f["column"] for f in kept] == [TEMPLATE.index("[") + 1]  # a person's slot stays flagged, in place
    filled = json.loads(run("check", "--fields", "first_name=Karine,company=Acme", "--format", "json",
                            str(draft)).output)["files"][0]
    assert [f["text"] for f in filled["findings"] if f["rule"] == "unfilled-placeholder"] == [
        "[point précis sur son travail]"]
    front = tmp_path / "front.md"
    front.write_text("---\ntemplate: true\n---\n" + TEMPLATE, encoding="utf-8")
    from_front = json.loads(run("check", "--format", "json", str(front)).output)["files"][0]
    assert len([f for f in from_front["findings"] if f["rule"] == "unfilled-placeholder"]) == 1


def test_configuration_is_found_walking_up_and_overridden(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.invite-lint]\nignore = ["missing-sign-off"]\nfail-on = "error"\n'
        '[tool.invite-lint.thresholds.too-long-for-channel]\nlinkedin_note = 200\n'
        '[tool.invite-lint.severity]\nstock-opener = "warning"\n'
        '[tool.invite-lint.per-file-ignores]\n"drafts/old/*.txt" = ["sms-language"]\n', encoding="utf-8")
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    long = tmp_path / "drafts" / "long.txt"
    long.write_text("Bonjour Karine, " + "votre toile au parc Montsouris m'a émue. " * 5 + "Merci.", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(long)).output)["files"][0]
    too_long = next(f for f in data["findings"] if f["rule"] == "too-long-for-channel")
    assert "200" in too_long["message"]
    warn = tmp_path / "drafts" / "warn.txt"
    warn.write_text("Bonjour Karine, votre toile au parc Montsouris m'a émue. Belle journée.", encoding="utf-8")
    assert "no-question" in run("check", str(warn)).output
    assert run("check", str(warn)).exit_code == 0  # fail-on error, from the file
    assert run("check", "--fail-on", "warning", str(warn)).exit_code == 1  # the command line wins
    assert run("check", "--ignore", "no-question,too-short", "--fail-on", "warning", str(warn)).exit_code == 0
    old = tmp_path / "drafts" / "old" / "slt.txt"
    old.write_text("Slt Karine, votre toile m'a émue : comment obtenez-vous ces bleus ?", encoding="utf-8")
    assert "sms-language" not in run("check", str(old)).output
    # the nearest configuration wins
    (tmp_path / "drafts" / ".invite-lint.yaml").write_text("select: [sms-language]\nfail-on: info\n", encoding="utf-8")
    assert "sms-language" in run("check", str(old)).output
    shown = run("config", str(old))
    assert ".invite-lint.yaml" in shown.output and "sms-language" in shown.output and "default" in shown.output


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("pyproject.toml", '[tool.invite-lint]\nfail-on = "never"\n', "'fail-on': must be error, warning or info"),
        ("pyproject.toml", '[tool.invite-lint]\nselcet = ["x"]\n', "'selcet': unknown setting"),
        (".invite-lint.yaml", "channel: fax\n", ".invite-lint.yaml:1: 'channel': must be one of"),
        (".invite-lint.yaml", "severity: {no-such-rule: warning}\n", "severity: 'no-such-rule' matches no rule id"),
        ("pyproject.toml", "[tool.invite-lint\n", "invalid TOML"),
    ],
)
def test_bad_configuration_exit_2(tmp_path: Path, name: str, content: str, fragment: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(PERSONAL, encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert fragment in result.stderr and result.stderr.count("\n") == 1


def test_suppressions_and_unused_ones(tmp_path: Path) -> None:
    draft = tmp_path / "s.md"
    draft.write_text("---\nignore: [no-question]\n---\n<!-- invite-lint: disable=sms-language, no-such-rule, "
                     "emoji-overuse -->\nSlt Karine, votre toile au parc Montsouris m'a émue.\n", encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(draft)).output)["files"][0]
    rules = [f["rule"] for f in data["findings"]]
    assert "sms-language" not in rules and "no-question" not in rules
    unused = [f for f in data["findings"] if f["rule"] == "unused-suppression"]
    assert sorted(f["text"] for f in unused) == ["emoji-overuse", "no-such-rule"]
    assert all(f["line"] == 4 for f in unused)


SMS = "Slt Hélène,  ta toile au parc m'a trop plu, tu peux m'en dire plus stp? Merci bcp!\r\nA+\r\n"


def test_fix_diff_shows_expansions_without_writing(tmp_path: Path) -> None:
    draft = tmp_path / "sms.txt"
    draft.write_bytes(SMS.encode("cp1252"))
    before = draft.read_bytes()
    result = run("check", "--diff", str(draft))
    assert "-Slt Hélène,  ta toile" in result.output
    assert "+Salut Hélène, ta toile" in result.output and "s'il te plaît\u00a0?" in result.output
    assert "Merci beaucoup\u00a0!" in result.output and "+À plus" in result.output
    assert draft.read_bytes() == before


def test_fix_writes_atomically_keeping_encoding_and_line_endings(tmp_path: Path) -> None:
    draft = tmp_path / "sms.txt"
    draft.write_bytes(SMS.encode("cp1252"))
    result = run("check", "--fix", str(draft))
    fixed = draft.read_bytes()
    assert fixed.count(b"\r\n") == 2
    text = fixed.decode("cp1252")
    assert text.startswith("Salut Hélène, ta toile") and "s'il te plaît\u00a0?" in text
    assert "sms-language" not in result.output  # what is left after the fix is reported
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".sms.txt")]
    again = run("check", "--fix", str(draft))
    assert draft.read_bytes() == fixed and "fixed" not in again.stderr  # nothing left to fix


def test_github_annotations_and_statistics(tmp_path: Path) -> None:
    draft = tmp_path / "g.txt"
    draft.write_text(GENERIC, encoding="utf-8")
    lines = run("check", "--format", "github", str(draft)).output.splitlines()
    assert f"::error file={draft},line=1,col=29,endLine=1,endColumn=60,title=default-invitation-text::" in lines[-1] \
        or any(l.startswith(f"::error file={draft},line=1,col=29") for l in lines)
    assert any(l.startswith("::notice ") and "title=no-question" in l for l in lines)  # coaching: info
    stats = run("check", "--statistics", str(draft), str(tmp_path / "g.txt"))
    assert "     2  default-invitation-text" in stats.output
    sms = tmp_path / "sms.txt"
    sms.write_text("Slt Karine, stp, bcp de questions", encoding="utf-8")
    assert "[*] fixable" in run("check", "--statistics", str(sms)).output


def test_fixable_rules_are_marked_in_the_catalogue() -> None:
    listing = run("rules", "list", "--format", "json")
    fixable = {r["id"] for r in json.loads(listing.output) if r["fixable"]}
    assert {"sms-language", "french-punctuation-spacing", "double-space"} <= fixable
    assert "no-question" not in fixable
