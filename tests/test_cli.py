"""The CLI: a thin shell over the API. Exit codes 0 / 1 / 2, text and JSON output, colour
rules, and bad input that never produces a traceback nor modifies a draft."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from invite_lint.cli import main

DEFAULT_FR = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\n"
PERSONAL_FR = (
    "Bonjour Karine,\n\nJ'ai vu votre toile au parc Montsouris dimanche : ces bleus qui virent au violet "
    "m'ont arrêté net. Comment obtenez-vous ces couleurs ?\n\nBelle journée,\nPaul\n"
)
SCHEMA = json.loads((resources.files("invite_lint") / "schema" / "report.schema.json").read_text())


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "default.txt").write_text(DEFAULT_FR, encoding="utf-8")
    (tmp_path / "personal.txt").write_text(PERSONAL_FR, encoding="utf-8")
    return tmp_path


def test_default_invitation_fails_with_underlined_span(drafts: Path) -> None:
    result = run("check", str(drafts / "default.txt"))
    assert result.exit_code == 1
    out = result.output
    assert "default.txt:1:29: error default-invitation-text" in out
    assert " 1 | Bonjour Karine, Paul Martin aimerait rejoindre votre réseau." in out
    assert "   |                             " + "^" * 31 in out
    assert "verdict rewrite" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_personal_message_passes(drafts: Path) -> None:
    result = run("check", str(drafts / "personal.txt"))
    assert result.exit_code == 0, result.output
    assert "verdict ready" in result.output


def test_exit_zero_and_fail_on(drafts: Path) -> None:
    assert run("check", "--exit-zero", str(drafts / "default.txt")).exit_code == 0
    warn_only = drafts / "warn.txt"
    warn_only.write_text("Bonjour Karine, j'ai vu votre toile au parc, ces bleus m'ont ému !!! Belle journée.", encoding="utf-8")
    assert run("check", str(warn_only)).exit_code == 1
    assert run("check", "--fail-on", "error", str(warn_only)).exit_code == 0


def test_select_and_ignore(drafts: Path) -> None:
    result = run("check", "--select", "default-invitation-text", str(drafts / "default.txt"))
    assert "no-question" not in result.output and "default-invitation-text" in result.output
    result = run("check", "--ignore", "default-invitation-text,too-", "--format", "json", str(drafts / "default.txt"))
    rules = {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert rules == {"no-question", "no-specific-reference"}
    bad = run("check", "--ignore", "nope", str(drafts / "default.txt"))
    assert bad.exit_code == 2 and "matches no rule id" in bad.output


def test_json_output_follows_the_schema(drafts: Path) -> None:
    result = run("check", "--format", "json", str(drafts / "default.txt"), str(drafts / "personal.txt"), str(drafts / "missing.txt"))
    assert result.exit_code == 2  # one input could not be read
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [f["verdict"] for f in data["files"]] == ["rewrite", "ready"]
    assert data["errors"] == [{"path": str(drafts / "missing.txt"), "message": "no such file"}]
    assert data["summary"]["verdicts"] == {"ready": 1, "needs-work": 0, "rewrite": 1}
    finding = next(f for f in data["files"][0]["findings"] if f["rule"] == "default-invitation-text")
    assert (finding["start"], finding["end"], finding["text"]) == (28, 59, "aimerait rejoindre votre réseau")


def test_stdin(drafts: Path) -> None:
    result = run("check", "-", input=DEFAULT_FR.encode())
    assert result.exit_code == 1 and "<stdin>:1:29" in result.output


def test_colour_only_when_asked_or_on_a_tty(drafts: Path) -> None:
    coloured = run("check", "--color", "always", str(drafts / "default.txt"))
    assert "\x1b[" in coloured.output
    never = run("check", "--color", "never", str(drafts / "default.txt"))
    assert "\x1b[" not in never.output


def test_no_color_is_honoured_on_a_terminal() -> None:
    from invite_lint.cli.common import use_colour

    class Tty:
        def isatty(self) -> bool:
            return True

    old = os.environ.pop("NO_COLOR", None)
    try:
        assert use_colour("auto", Tty()) is True
        os.environ["NO_COLOR"] = "1"
        assert use_colour("auto", Tty()) is False
        assert use_colour("always", Tty()) is True
    finally:
        os.environ.pop("NO_COLOR", None)
        if old is not None:
            os.environ["NO_COLOR"] = old


def test_folder_is_expanded_to_its_drafts(drafts: Path) -> None:
    result = run("check", "--format", "json", str(drafts))
    paths = [Path(f["path"]).name for f in json.loads(result.output)["files"]]
    assert paths == ["default.txt", "personal.txt"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty message"),
        ("blank.txt", b"  \n\t\n", "empty message"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("huge.txt", b"Bonjour Karine. " * 330_000, "too large to be a message"),
    ],
)
def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = sha(path)
    result = run("check", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("invite-lint: error: ") and name in lines[0] and message in lines[0]
    assert "Traceback" not in result.output
    assert sha(path) == before


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "nope.txt: no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run("check", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "folder holds no drafts" in result.stderr


def test_cp1252_draft_is_decoded_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Bonjour Hélène, j'aimerais rejoindre votre réseau. Très cordialement.".encode("cp1252"))
    before = sha(path)
    result = run("check", "--format", "json", str(path))
    data = json.loads(result.output)["files"][0]
    assert "decoded as cp1252 (the file is not UTF-8)" in data["notes"]
    assert any(f["rule"] == "default-invitation-text" and f["text"] == "aimerais rejoindre votre réseau" for f in data["findings"])
    assert sha(path) == before


def test_unknown_language_option() -> None:
    result = run("check", "--lang", "klingon", "-", input=b"Bonjour")
    assert result.exit_code == 2 and "unknown language 'klingon'" in result.stderr


def test_bad_rule_pack_is_one_line_exit_2(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("- id: x\n  kind: regex\n  regex: '('\n", encoding="utf-8")
    result = run("check", "--rules", str(pack), "-", input=b"Bonjour")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "bad.yaml" in line and "rule 'x'" in line


def test_rules_list_show_and_test(repo: Path) -> None:
    listing = run("rules", "list")
    assert listing.exit_code == 0 and "default-invitation-text" in listing.output
    shown = run("rules", "show", "sms-language")
    assert "Why:" in shown.output and "langage SMS" in shown.output
    assert run("rules", "show", "nope").exit_code == 2
    tested = run("rules", "test", str(repo / "rules"))
    assert tested.exit_code == 0 and " 0 failed" in tested.output


def test_rules_test_fails_on_a_wrong_example(tmp_path: Path) -> None:
    from conftest import rule_yaml

    pack = tmp_path / "mine.yaml"
    pack.write_text(rule_yaml(body="  phrases: [bonjour]\n").replace('flag: ["a", "b"]', 'flag: ["bonjour toi", "b"]'), encoding="utf-8")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 1
    assert "FAIL" in result.output and "'b'" in result.output and "3 passed, 1 failed" in result.output


def test_real_entry_points_without_traceback(tmp_path: Path) -> None:
    """The installed console script and `python -m invite_lint` behave alike."""
    draft = tmp_path / "d.txt"
    draft.write_text(DEFAULT_FR, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    module = subprocess.run([sys.executable, "-m", "invite_lint", "check", str(draft)], capture_output=True, text=True, env=env)
    assert module.returncode == 1 and "default-invitation-text" in module.stdout
    missing = subprocess.run([sys.executable, "-m", "invite_lint", "check", str(tmp_path / "x.txt")], capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_copies_in_one_check_are_a_mass_mailing(tmp_path: Path) -> None:
    body = ("j'ai vu que vous dirigiez l'équipe data de {c}. Nous aidons les équipes comme la vôtre à livrer "
            "plus vite : seriez-vous disponible pour un échange de 20 minutes ?\n")
    for name, company in (("Karine", "Danone"), ("Marc", "Renault"), ("Léa", "Michelin")):
        (tmp_path / f"{name}.txt").write_text(f"Bonjour {name}, " + body.format(c=company), encoding="utf-8")
    result = run("check", "--format", "json", str(tmp_path))
    files = json.loads(result.output)["files"]
    assert len(files) == 3
    for entry in files:
        finding = next(f for f in entry["findings"] if f["rule"] == "near-duplicate-draft")
        assert "2 autre(s)" in finding["message"]
    alone = run("check", "--format", "json", str(tmp_path / "Marc.txt"))
    assert all(f["rule"] != "near-duplicate-draft" for f in json.loads(alone.output)["files"][0]["findings"])


def test_copies_are_found_with_an_explicit_config_too(tmp_path: Path) -> None:
    # --config used to give every draft its own configuration object, hence its own group
    body = ("j'ai vu que vous dirigiez l'équipe data de {c}. Nous aidons les équipes comme la vôtre à livrer "
            "plus vite : seriez-vous disponible pour un échange de 20 minutes ?\n")
    for name, company in (("Karine", "Danone"), ("Marc", "Renault")):
        (tmp_path / f"{name}.txt").write_text(f"Bonjour {name}, " + body.format(c=company), encoding="utf-8")
    config = tmp_path / "settings.yaml"
    config.write_text("ignore: [too-short]\n", encoding="utf-8")
    result = run("check", "--format", "json", "--config", str(config), str(tmp_path / "Karine.txt"),
                 str(tmp_path / "Marc.txt"))
    files = json.loads(result.output)["files"]
    assert all(any(f["rule"] == "near-duplicate-draft" for f in entry["findings"]) for entry in files)


def test_fix_keeps_the_language_given(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hello Sam, I read your post on type hints  and loved it. How did you start?\n", encoding="utf-8")
    result = run("check", "--lang", "fr", "--fix", "--format", "json", str(draft))
    entry = json.loads(result.output)["files"][0]
    assert (entry["lang"], entry["lang_source"]) == ("fr", "given")
    assert "  " not in draft.read_text(encoding="utf-8")  # the fix was made


def test_a_row_with_a_bad_language_is_named_and_the_others_are_linted(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.", "lang": "xx1"})
                    + "\n" + json.dumps({"text": "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."})
                    + "\n", encoding="utf-8")
    result = run("check", "--format", "json", str(rows))
    document = json.loads(result.output)
    assert result.exit_code == 2
    assert document["errors"][0]["path"].endswith("rows.jsonl:1") and "lang" in document["errors"][0]["message"]
    assert len(document["files"]) == 1 and document["files"][0]["verdict"] == "rewrite"
