"""A real editor: Neovim (Debian's package; .ci/run installs it), set up with the README's
snippet (examples/editors/nvim.lua), runs `invite-lint lsp` with its built-in LSP client on a
draft and writes the diagnostics it got.
Without Neovim this test fails, it does not skip (INVITE_LINT_NVIM points to another build)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is part of the test extras")

ROOT = Path(__file__).resolve().parents[1]
SNIPPET = ROOT / "examples" / "editors" / "nvim.lua"
SCRIPT = ROOT / "tests" / "editors" / "nvim_diagnostics.lua"


def neovim() -> str:
    found = os.environ.get("INVITE_LINT_NVIM") or shutil.which("nvim")
    assert found, "Neovim is needed for the editor test: apt-get install neovim (or set INVITE_LINT_NVIM)"
    return found


def test_neovim_shows_the_findings_of_check(tmp_path: Path) -> None:
    draft = tmp_path / "invitation.txt"
    text = "Bonjour Éloïse 😀, Paul Martin aimerait rejoindre votre réseau. slt\n"
    draft.write_text(text, encoding="utf-8")
    out = tmp_path / "diagnostics.jsonl"
    # `invite-lint` as the snippet runs it: the one installed beside this Python
    env = {**os.environ, "INVITE_LINT_NVIM_OUT": str(out),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    subprocess.run([neovim(), "--headless", "--clean", "-n", "-c", f"luafile {SNIPPET}", "-c", f"luafile {SCRIPT}",
                    str(draft)],
                   cwd=tmp_path, env=env, timeout=240, check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got and not any(d.get("timeout") for d in got), got
    by_code = {d["code"]: d for d in got}

    expected = json.loads(subprocess.run(
        [sys.executable, "-m", "invite_lint", "check", "--no-daemon", "--format", "json", str(draft)],
        capture_output=True, text=True, check=False).stdout)["files"][0]["findings"]
    assert sorted(by_code) == sorted({f["rule"] for f in expected})
    data = text.encode("utf-8")
    for finding in expected:
        shown = by_code[finding["rule"]]
        # Neovim counts columns in bytes: the server's UTF-16 ranges came through exactly.
        start = len(text[:finding["start"]].encode("utf-8"))
        end = len(text[:finding["end"]].encode("utf-8"))
        assert (shown["lnum"], shown["col"], shown["end_col"]) == (0, start, end), finding["rule"]
        assert data[shown["col"]:shown["end_col"]].decode("utf-8") == finding["text"]
        assert shown["source"] == "invite-lint"
    assert by_code["default-invitation-text"]["severity"] == 1  # vim.diagnostic.severity.ERROR
