"""Commands that need no model start like a small tool: they import neither spaCy (nor
thinc, numpy) nor the French model, checked on sys.modules in a fresh interpreter; and
`--help` lists the commands from their own docstrings without importing them."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

HEAVY = ("spacy", "thinc", "numpy", "fr_core_news_sm")

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from invite_lint.launcher import main
out = io.StringIO()
code = 0
with redirect_stdout(out):
    try:
        main(json.loads(sys.argv[1]))
    except SystemExit as exc:
        code = exc.code or 0
print(json.dumps({"code": code, "out": out.getvalue(), "heavy": sorted(m for m in %r if m in sys.modules)}))
""" % (HEAVY,)


def probe(args: list[str], tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "INVITE_LINT_SOCKET": str(tmp_path / "none.sock"), "INVITE_LINT_DAEMON": "0"}
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                            timeout=120, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("args, shows", [
    (["--help"], "Commands:"),
    (["--version"], "invite-lint"),
    (["rules", "list"], "too-short"),
    (["rules", "list", "--format", "json"], '"id": "too-short"'),
    (["rules", "show", "too-short"], "too-short"),
    (["config"], "lang"),
    (["serve", "--status"], "no server"),
    (["serve", "--stop"], ""),
])
def test_command_imports_no_model(args: list[str], shows: str, tmp_path: Path) -> None:
    found = probe(args, tmp_path)
    assert found["heavy"] == [], f"{args} imported {found['heavy']}"
    assert shows in str(found["out"]), found["out"]
    assert found["code"] in (0, 1)


def test_a_user_pack_is_still_validated_by_spacy(tmp_path: Path) -> None:
    """Only the built-in catalogue is listed without spaCy: a pack given with --rules has its
    patterns checked by spaCy's validator, and a bad one is a clear error (exit 2)."""
    pack = tmp_path / "mine.yaml"
    pack.write_text("rules:\n  - id: bad-pattern\n    kind: pattern\n    languages: [fr]\n    severity: warning\n"
                    "    description: d\n    rationale: r\n    message: m\n    suggestion: s\n"
                    "    patterns:\n      - [{LOWER: {NOT_A_PREDICATE: x}}]\n", encoding="utf-8")
    found = probe(["rules", "list", "--rules", str(pack)], tmp_path)
    assert found["code"] == 2
    assert "spacy" in found["heavy"]


def test_listing_is_the_same_as_with_full_validation() -> None:
    """The catalogue built without spaCy is the catalogue a Linter loads."""
    from invite_lint.api import load_rules
    from invite_lint.kinds.pattern import built_in_catalogue
    from invite_lint.output.catalogue import rule_summary

    full = [rule_summary(r) for r in load_rules((), plugins=False)]
    with built_in_catalogue():
        light = [rule_summary(r) for r in load_rules((), plugins=False)]
    assert light == full and len(full) > 20


def test_help_summaries_are_the_commands_docstrings() -> None:
    """--help lists SUMMARIES instead of importing each command: they must say what the
    commands' own docstrings say, and the listing must be click's own."""
    from invite_lint.cli import COMMANDS, SUMMARIES, main

    ctx = click.Context(main)
    assert set(SUMMARIES) == set(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        assert command is not None
        first = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        assert SUMMARIES[name] == first, name
    ours = click.HelpFormatter(width=80)
    main.format_commands(ctx, ours)
    theirs = click.HelpFormatter(width=80)
    click.Group.format_commands(main, ctx, theirs)  # imports every command, as click would
    assert ours.getvalue() == theirs.getvalue()


EXIT_PROBE = """
import atexit, sys, threading, time
from pathlib import Path
from invite_lint import launcher
marker = Path(sys.argv[1])
atexit.register(lambda: marker.write_text("exit handlers ran"))
if sys.argv[2] == "thread":  # a thread still working: Python's own shutdown waits for it
    done = Path(sys.argv[1] + ".thread")
    threading.Thread(target=lambda: (time.sleep(0.5), done.write_text("done"))).start()
sys.argv = ["invite-lint", *sys.argv[3:]]
launcher.run()
"""


@pytest.mark.parametrize("mode", ["alone", "thread"])
def test_the_console_script_ends_at_once_but_runs_the_exit_handlers(tmp_path: Path, mode: str) -> None:
    """`run` skips Python's slow teardown of the model (os._exit) yet flushes the output,
    keeps the exit status, runs atexit handlers, and waits for a thread still working."""
    marker = tmp_path / "marker"
    env = {**os.environ, "INVITE_LINT_DAEMON": "0"}
    for args, status in ((["--version"], 0), (["check", str(tmp_path / "missing.txt")], 2)):
        result = subprocess.run([sys.executable, "-c", EXIT_PROBE, str(marker), mode, *args], capture_output=True,
                                text=True, timeout=120, env=env)
        assert result.returncode == status, result.stderr
        assert ("invite-lint, version" in result.stdout) if status == 0 else ("no such file" in result.stderr)
        assert marker.read_text() == "exit handlers ran"
        assert (tmp_path / "marker.thread").exists() is (mode == "thread")
        marker.unlink()
        (tmp_path / "marker.thread").unlink(missing_ok=True)
