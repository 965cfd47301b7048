"""A new user's first hour: the README's commands work exactly as written (issue 12).

The quick start itself (two commands, fresh venv, clean clone) is run by .ci/run, verbatim
from the README: a venv and two installs are too heavy for a unit test."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def _pytest_browser_tests(path_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INVITE_LINT_CHROMIUM"}
    env["PATH"] = str(path_dir)  # no chromium, and only the apt-get the test puts there
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra,
                           str(REPO / "tests" / "test_browser.py")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_without_chromium_and_no_way_to_install_it_the_run_stops_with_one_line(tmp_path: Path) -> None:
    result = _pytest_browser_tests(tmp_path)
    assert result.returncode not in (0, 5), result.stdout + result.stderr  # neither a pass nor "no tests"
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "Chromium is needed" in line]
    assert len(lines) == 1, result.stdout + result.stderr
    assert "apt-get install chromium" in lines[0] and "INVITE_LINT_CHROMIUM" in lines[0]
    assert " passed" not in result.stdout and " skipped" not in result.stdout


def test_without_chromium_the_set_up_installs_debians_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import find_chromium, install_chromium

    calls = tmp_path / "apt-calls"
    fake_apt = tmp_path / "apt-get"
    # A stand-in for apt-get that "installs" chromium into the same folder, on PATH.
    fake_apt.write_text(f"#!/bin/sh\necho \"$@\" >> {calls}\n"
                        f"case \"$*\" in *install*chromium*) printf '#!/bin/sh\\n' > {tmp_path}/chromium; "
                        f"/bin/chmod +x {tmp_path}/chromium;; esac\n")
    fake_apt.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("INVITE_LINT_CHROMIUM", raising=False)
    monkeypatch.setattr(os, "geteuid", lambda: 0)  # as root: apt-get itself, no sudo
    assert find_chromium() is None
    said: list[str] = []
    assert install_chromium(said.append) == str(tmp_path / "chromium")
    assert said and "installing Debian's chromium" in said[0]
    assert calls.read_text().split() == ["install", "-y", "-q", "chromium"]


# --- item 2: the README's pre-commit snippet, pasted -------------------------------------

def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def _pre_commit_snippet() -> str:
    return next(b for b in re.findall(r"```yaml\n(.*?)```", _readme(), re.S) if "invite-lint-coach" in b)


def test_pre_commit_snippet_rev_is_the_release_tag_of_this_version() -> None:
    from invite_lint import __version__

    snippet = yaml.safe_load(_pre_commit_snippet())
    assert snippet["repos"][0]["rev"] == f"v{__version__}"
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in manifest  # the manifest's own example says the same


def _tagged_copy(tmp_path: Path) -> Path:
    """The checkout's files (committed or not) in a new repository tagged as the release:
    a submission, or a clone, may carry no tags."""
    from invite_lint import __version__

    copy = tmp_path / "invite-lint"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "release"], ["tag", f"v{__version__}"]):
        assert git(copy, *args).returncode == 0, args
    return copy


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "NO_COLOR": "1"}
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, env=env)


def test_readme_pre_commit_snippet_works_as_pasted(tmp_path: Path) -> None:
    """pre-commit installs the hooks from the repository at `rev` (its own venv, pip install),
    as it would for a user, then runs both hooks by the README's own commands."""
    source = _tagged_copy(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert git(drafts, "init", "-q").returncode == 0
    snippet = re.sub(r"(repo: )\S+", lambda m: m.group(1) + str(source), _pre_commit_snippet(), count=1)
    (drafts / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    (drafts / "karine.txt").write_text("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\n",
                                       encoding="utf-8")
    git(drafts, "add", ".")
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    checked = subprocess.run([pre_commit, "run", "--all-files"], cwd=drafts, capture_output=True, text=True,
                             env=env, timeout=900)
    output = checked.stdout + checked.stderr
    assert checked.returncode == 1, output
    assert "karine.txt:1:29: error default-invitation-text" in output
    assert "invite-lint coach" not in output  # the manual-stage hook does not run on commits
    coach_command = re.search(r"manual stage: (pre-commit run [^\n]+)", snippet).group(1).split()  # type: ignore[union-attr]
    coached = subprocess.run([pre_commit, *coach_command[1:]], cwd=drafts, capture_output=True, text=True,
                             env=env, timeout=300)
    output = coached.stdout + coached.stderr
    assert coached.returncode == 0, output
    assert "Passed" in output and "Bonjour Karine" in output  # an opener for the draft


# --- item 3: --fix - and --diff - on standard input ---------------------------------------

def run(*args: str, input: bytes | None = None, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from invite_lint.cli import main

    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": None, **(env or {})}).invoke(main, list(args), input=input)


SMS_DRAFT = "Slt Hélène,  ta toile au parc m'a plu, tu peux m'en dire plus stp?\n"


def test_fix_stdin_prints_the_fixed_text_and_reports_on_stderr() -> None:
    result = run("check", "--fix", "-", input=SMS_DRAFT.encode())
    assert result.stdout == "Salut Hélène, ta toile au parc m'a plu, tu peux m'en dire plus s'il te plaît\u00a0?\n"
    assert "<stdin>: score" in result.stderr and "sms-language" not in result.stderr  # what is left, after
    assert result.exit_code == 0 and "verdict ready" in result.stderr  # judged on the fixed text
    unchanged = run("check", "--fix", "-", input=b"Bonjour Karine, votre toile m'a plu.\n")
    assert unchanged.stdout == "Bonjour Karine, votre toile m'a plu.\n"  # nothing to fix: the text as it came


def test_diff_stdin_prints_the_diff() -> None:
    result = run("check", "--diff", "-", input=SMS_DRAFT.encode())
    assert "--- a/<stdin>" in result.stdout and "-Slt Hélène,  ta toile" in result.stdout
    assert "+Salut Hélène, ta toile" in result.stdout


def test_fix_stdin_with_other_files_is_refused_in_one_line(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(SMS_DRAFT, encoding="utf-8")
    result = run("check", "--fix", "-", str(draft), input=SMS_DRAFT.encode())
    assert result.exit_code == 2 and "reads one draft from standard input" in result.stderr
    assert draft.read_text(encoding="utf-8") == SMS_DRAFT


# --- item 4: unused-suppression says what is true; every reported id is in the catalogue ---

def _readme_front_matter_draft(tmp_path: Path) -> Path:
    """The README's front-matter example, with the README's own configuration beside it."""
    readme = _readme()
    front = next(b for b in re.findall(r"```markdown\n(.*?)```", readme, re.S) if "ignore: [missing-sign-off]" in b)
    toml = next(b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.invite-lint]" in b)
    toml = toml.replace('rules = ["packs/acme.yaml"]', "rules = []")  # the README's example pack is not shipped
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    body = ("Bonjour Karine, votre article sur le bien-être au travail m'a fait revoir nos réunions d'équipe. "
            "Comment l'avez-vous mis en pratique chez vous ?\n")
    draft = tmp_path / "karine.md"
    draft.write_text(front.replace("Bonjour Karine, ...\n", body), encoding="utf-8")
    return draft


def test_readme_front_matter_example_with_readme_config_does_not_fail(tmp_path: Path) -> None:
    draft = _readme_front_matter_draft(tmp_path)
    result = run("check", "--format", "json", str(draft))
    unused = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "unused-suppression"]
    assert [(f["severity"], f["text"]) for f in unused] == [("info", "missing-sign-off")]
    assert "names no known rule" not in unused[0]["message"]
    assert "already off" in unused[0]["message"]
    assert result.exit_code == 0, result.output


def test_unused_suppression_wording(tmp_path: Path) -> None:
    draft = tmp_path / "s.md"
    draft.write_text("<!-- invite-lint: disable=no-such-rule, emoji-overuse -->\nBonjour Karine, votre toile au parc "
                     "m'a émue. Comment obtenez-vous ces bleus ?\n", encoding="utf-8")
    findings = json.loads(run("check", "--format", "json", str(draft)).stdout)["files"][0]["findings"]
    by_id = {f["text"]: f for f in findings if f["rule"] == "unused-suppression"}
    assert by_id["no-such-rule"]["severity"] == "warning" and "names no known rule" in by_id["no-such-rule"]["message"]
    assert by_id["emoji-overuse"]["severity"] == "info" and "did not fire" in by_id["emoji-overuse"]["message"]


def test_every_id_the_tool_reports_is_in_the_catalogue() -> None:
    for tool_id in ("unused-suppression", "empty-message"):
        shown = run("rules", "show", tool_id)
        assert shown.exit_code == 0 and "Why:" in shown.stdout, tool_id
        assert tool_id in run("rules", "list").stdout
        assert tool_id in {r["id"] for r in json.loads(run("rules", "list", "--format", "json").stdout)}
    readme = _readme()
    from invite_lint.engine.tool_findings import markdown_table

    block = re.search(r"<!-- tool-findings:start -->\n(.*?)\n<!-- tool-findings:end -->", readme, re.S)
    assert block and block.group(1) == markdown_table(), "regenerate with: python tools/regen_docs.py"


# --- item 5: the README's figures are the code's ------------------------------------------

def _regen_docs():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("regen_docs", REPO / "tools" / "regen_docs.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_quick_start_sample_output_is_what_the_command_prints() -> None:
    readme = _readme()
    regen = _regen_docs()
    shown = regen.QUICK_START_BLOCK.search(readme).group(2)
    assert shown == regen.quick_start_output(readme), "regenerate with: python tools/regen_docs.py"


def test_library_snippet_values_are_what_the_library_returns() -> None:
    from invite_lint import lint

    block = next(b for b in re.findall(r"```python\n(.*?)```", _readme(), re.S) if "report = lint(" in b)
    text = re.search(r'report = lint\("(.*?)"\)', block).group(1)  # type: ignore[union-attr]
    report = lint(text)
    claims = dict(re.findall(r"^report\.(\w+) +# (\S+)$", block, re.M))
    assert set(claims) == {"verdict", "score"}
    assert claims["score"] == str(report.score)
    assert claims["verdict"] == f"Verdict.{report.verdict.name}"
    # the scoring section's sentence about the same text
    scoring = re.search(r"The platform's default text alone scores (\d+) \(errors: (.*?); warnings: (.*?)\)",
                        _readme(), re.S)
    assert scoring and int(scoring.group(1)) == report.score
    errors = [f for f in report.findings if f.severity.value == "error"]
    warnings = [f for f in report.findings if f.severity.value == "warning"]
    assert len(errors) == len(scoring.group(2).split(",")) and len(warnings) == len(scoring.group(3).split(","))


def test_readme_coach_output_is_what_the_coach_prints() -> None:
    readme = _readme()
    block = next(b for b in re.findall(r"```text\n(.*?)```", readme, re.S) if "Accroches proposées" in b)
    shown = [line for line in block.splitlines() if line.strip() and line.strip() != "..."]
    result = run("coach", "examples/default-invitation.fr.txt", "--name", "Karine", "--about",
                 "votre article sur le bien-être au travail", env={"COLUMNS": None})
    printed = [line.replace("\u00a0", " ") for line in result.stdout.splitlines() if line.strip()]
    assert printed[: len(shown)] == [line.replace("\u00a0", " ") for line in shown]


# --- item 6: French drafts get a French coach ----------------------------------------------

def test_coach_header_and_rewrite_notes_in_french_for_a_french_draft(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Bonjour, je souhaite rejoindre votre réseau.\n", encoding="utf-8")
    slots = run("coach", str(draft))
    assert "Rien n'est inventé" in slots.stdout and "Nothing is invented" not in slots.stdout
    assert "Répondez à ces questions" in slots.stdout
    rewritten = run("coach", "--rewrite", str(draft), "--name", "Karine", "--about",
                    "votre article sur le bien-être au travail")
    notes = [line[4:] for line in rewritten.stdout.splitlines() if line.startswith("  - ")]
    assert notes and "salutation avec son prénom" in notes and "fin sur une question ouverte sur son travail" in notes
    english = run("coach", "--rewrite", "-", "--name", "Sam", "--about", "your talk at PyCon on type hints",
                  input=b"Hi, I would like to add you to my professional network.\n")
    assert "  - greeted the person by name" in english.stdout


# --- item 7: the terminal's width, plurals, the French spacing message ----------------------

LONG = ("Bonjour Karine, " + "j'ai beaucoup aimé votre article sur la qualité de vie au travail et " * 3
        + "slt comment obtenez-vous ces résultats ?\n")


@pytest.mark.parametrize("columns", [40, 60, 120])
def test_excerpts_and_carets_fit_the_terminal_width(columns: int) -> None:
    from invite_lint.output.textual import _width

    result = run("check", "--select", "sms-language", "-", input=LONG.encode(), env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    excerpt = next(i for i, line in enumerate(lines) if line.startswith(" 1 | "))
    text, carets = lines[excerpt], lines[excerpt + 1]
    assert _width(text) <= columns and _width(carets) <= columns
    assert carets.strip(" |") == "^^^"
    assert text[carets.index("^"): carets.index("^") + 3] == "slt"  # the carets are under the span


def test_plurals() -> None:
    from invite_lint.output.textual import plural

    assert (plural(1, "rule"), plural(2, "rule"), plural(0, "row"), plural(1234, "request")) == (
        "1 rule", "2 rules", "0 rows", "1,234 requests")


def test_rules_test_says_one_rule(tmp_path: Path) -> None:
    from conftest import rule_yaml

    pack = tmp_path / "one.yaml"
    pack.write_text(rule_yaml(body="  phrases: [bonjour]\n").replace('flag: ["a", "b"]', 'flag: ["bonjour toi", "bonjour"]'),
                    encoding="utf-8")
    result = run("rules", "test", str(pack))
    assert "(1 rule, " in result.stdout and "1 rules" not in result.stdout


def test_french_spacing_message_quotes_the_mark_alone() -> None:
    result = run("check", "--format", "json", "-", input="Bonjour Karine, votre toile m'a plu : bravo.\n".encode())
    messages = [f["message"] for f in json.loads(result.stdout)["files"][0]["findings"]
                if f["rule"] == "french-punctuation-spacing"]
    assert messages == ["Une espace insécable s'écrit avant « : »."]


# --- item 8: all of a pack's errors in one run ----------------------------------------------

SIX_MISTAKES = """rules:
  - id: Bad_Id
    kind: phrase
    description: d
    rationale: r
    severity: warning
    languages: [fr]
    channels: [any]
    message: m
    suggestion: s
    phrases: [bonjour]
    examples: {flag: [a, b], pass: [c, d]}
  - id: second
    kind: phrase
    description: d
    rationale: r
    severity: loud
    languages: [fr]
    channels: [pigeon]
    message: m
    suggestion: s
    phrase: [bonjour]
    examples: {flag: [a], pass: [c, d]}
  - id: third
    kind: regex
    description: d
    rationale: r
    severity: info
    languages: [fr]
    channels: [any]
    message: m
    suggestion: s
    regex: ['(unclosed']
    examples: {flag: [a, b], pass: [c, d]}
"""


def test_a_pack_with_six_mistakes_reports_six_lines_in_one_run(tmp_path: Path) -> None:
    pack = tmp_path / "six.yaml"
    pack.write_text(SIX_MISTAKES, encoding="utf-8")
    result = run("check", "--rules", str(pack), "-", input=b"Bonjour")
    assert result.exit_code == 2
    *errors, total = result.stderr.strip().splitlines()
    expected = [(2, "Bad_Id", "'id' must be kebab-case"), (17, "second", "'severity' must be"),
                (19, "second", "'channels' has 'pigeon'"), (22, "second", "unknown key 'phrase'"),
                (23, "second", "'examples.flag' needs at least 2"), (33, "third", "invalid regex")]
    assert len(errors) == len(expected), result.stderr
    for line, (number, rule, fragment) in zip(errors, expected):
        assert f"six.yaml:{number}: rule '{rule}': " in line and fragment in line, line
    assert total == "invite-lint: error: 6 errors in the rule packs"


def test_the_library_gets_every_error_too(tmp_path: Path) -> None:
    from invite_lint import Linter
    from invite_lint.errors import RulePackErrors

    pack = tmp_path / "six.yaml"
    pack.write_text(SIX_MISTAKES, encoding="utf-8")
    with pytest.raises(RulePackErrors) as caught:
        Linter([pack], builtin=False, plugins=False)
    assert [(e.rule_id, e.line) for e in caught.value.errors][:2] == [("Bad_Id", 2), ("second", 17)]
    assert "\n" not in str(caught.value) and "and 5 more errors" in str(caught.value)


# --- item 9: small mismatches ----------------------------------------------------------------

def test_interactive_without_a_terminal_is_refused_in_one_line() -> None:
    result = run("coach", "-", "--interactive", input=b"Bonjour, je souhaite rejoindre votre reseau.\n")
    assert result.exit_code == 2 and "--interactive asks at a terminal" in result.stderr
    piped = run("coach", "-", input=b"Bonjour, je souhaite rejoindre votre reseau.\n")
    assert "--interactive" not in piped.stdout  # not offered where it cannot work


def test_serve_open_without_a_browser_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import webbrowser

    from invite_lint.cli.web_serve import open_in_browser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    assert open_in_browser("http://127.0.0.1:8757/") is False
    err = capsys.readouterr().err
    assert "no web browser found" in err and "http://127.0.0.1:8757/" in err


def test_config_file_shows_the_front_matter_settings(tmp_path: Path) -> None:
    draft = _readme_front_matter_draft(tmp_path)
    data = json.loads(run("config", "--format", "json", str(draft)).stdout)
    assert data["settings"]["lang"] == {"value": "fr", "source": f"front matter of {draft}:4"}
    assert data["settings"]["channel"]["source"] == f"front matter of {draft}:3"
    assert data["settings"]["ignore"]["value"] == ["missing-sign-off"]  # from pyproject.toml
    assert data["draft"]["suppressed"]["value"] == ["missing-sign-off"]
    assert data["draft"]["recipient"]["value"]["name"] == "Karine Martin"
    assert data["draft"]["fields"]["value"] == {"first_name": "Karine"}
    text = run("config", str(draft)).stdout
    assert f"for this draft ({draft}):" in text and "front matter of" in text


def test_serve_status_does_not_load_spacy(tmp_path: Path) -> None:
    code = ("import sys\nfrom invite_lint.cli import main\ntry:\n"
            f"    main(['serve', '--status', '--socket', {str(tmp_path / 's.sock')!r}])\n"
            "except SystemExit:\n    pass\nprint('spacy loaded:', 'spacy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "no server listens on" in result.stdout
    assert result.stdout.strip().endswith("spacy loaded: False"), result.stdout + result.stderr


def test_check_and_batch_word_a_bad_row_alike(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"text": "Bonjour Karine, votre toile m\'a plu : comment faites-vous ?"}\n{not json\n["a"]\n'
                    '{"message": "x", "channel": "pigeon"}\n', encoding="utf-8")
    checked = [line for line in run("check", str(rows)).stderr.splitlines() if "error" in line]
    batch = run("batch", str(rows), "-o", str(tmp_path / "out.jsonl")).stderr
    batched = [line for line in batch.splitlines() if "error" in line]
    assert checked == batched and len(checked) == 3, (checked, batched)
    # item 7: plurals; the look-behind keeps a rate such as "121 rows/s" from matching
    assert "invite-lint: 1 row linted (" in batch and not re.search(r"(?<![\d.])1 rows\b", batch)
