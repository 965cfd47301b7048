"""Shared fixtures. The spaCy model loads once per test session (pipelines are cached per
process), so the suite pays the load cost once."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from invite_lint import Linter

REPO = Path(__file__).resolve().parents[1]

# Commands run as subprocesses stay in-process unless a test asks for the warm server: a
# server the developer left running must not answer for the code under test.
os.environ["INVITE_LINT_DAEMON"] = "0"

# The browser tests drive the system's Chromium, the editor test the system's Neovim, the
# Spark test a Java runtime (Debian's headless JRE). The
# README's test command (`pytest`) must pass on a fresh Debian/Ubuntu machine as printed, so
# when they are selected and the program is not found, the set-up installs Debian's package
# the way .ci/run used to; where it cannot, the run stops with one line saying what to
# install (never a skip counted as a pass).
CHROMIUM_NEEDED = ("Chromium is needed for the browser tests (tests/test_browser.py) and could not be installed: "
                   "run `sudo apt-get install chromium` (Debian/Ubuntu), or set INVITE_LINT_CHROMIUM=/path/to/chromium")
NEOVIM_NEEDED = ("Neovim is needed for the editor test (tests/test_lsp_neovim.py) and could not be installed: "
                 "run `sudo apt-get install neovim` (Debian/Ubuntu), or set INVITE_LINT_NVIM=/path/to/nvim")
JAVA_NEEDED = ("A Java runtime is needed for the Spark test (tests/test_spark.py) and could not be installed: "
               "run `sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu), or set INVITE_LINT_JAVA=/path/to/java")
# test file -> (Debian package, variable naming another build, program names, the one line)
SYSTEM_PROGRAMS = {
    "test_spark.py": ("openjdk-17-jre-headless", "INVITE_LINT_JAVA", ("java",), JAVA_NEEDED),
    "test_browser.py": ("chromium", "INVITE_LINT_CHROMIUM", ("chromium", "chromium-browser"), CHROMIUM_NEEDED),
    "test_lsp_neovim.py": ("neovim", "INVITE_LINT_NVIM", ("nvim",), NEOVIM_NEEDED),
}


def find_program(variable: str, names: tuple[str, ...]) -> str | None:
    given = os.environ.get(variable)
    if given:
        return given if os.access(given, os.X_OK) else None
    return next((found for found in map(shutil.which, names) if found), None)


def find_chromium() -> str | None:
    return find_program("INVITE_LINT_CHROMIUM", ("chromium", "chromium-browser"))


def install_package(package: str, variable: str, names: tuple[str, ...], say) -> str | None:  # type: ignore[no-untyped-def]
    """apt-get install PACKAGE, as root or through password-less sudo; None when impossible."""
    apt = shutil.which("apt-get")
    if not apt or os.environ.get(variable):
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        return None
    say(f"{names[0]} not found: installing Debian's {package} for the tests that need it (apt-get install {package})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, apt, "install", "-y", "-q", package]
    if subprocess.run(install, capture_output=True, env=env).returncode != 0:
        subprocess.run([*prefix, apt, "update", "-q"], capture_output=True, env=env)
        subprocess.run(install, capture_output=True, env=env)
    return find_program(variable, names)


def install_chromium(say) -> str | None:  # type: ignore[no-untyped-def]
    return install_package("chromium", "INVITE_LINT_CHROMIUM", ("chromium", "chromium-browser"), say)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = {item.path.name for item in items}
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    say = reporter.write_line if reporter is not None else print
    for test_file, (package, variable, names, needed) in SYSTEM_PROGRAMS.items():
        if test_file in selected and not find_program(variable, names):
            if install_package(package, variable, names, say) is None:
                pytest.exit(needed, returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def linter() -> Linter:
    # Only the built-in packs: a pack installed on the test machine must not change results.
    return Linter(plugins=False)


def write_pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RULE_HEADER = """
- id: {id}
  kind: {kind}
  description: d
  rationale: r
  severity: warning
  languages: [{lang}]
  channels: [any]
  message: m
  suggestion: s
  examples:
    flag: ["a", "b"]
    pass: ["c", "d"]
"""


def rule_yaml(rule_id: str = "my-rule", kind: str = "phrase", lang: str = "fr", body: str = "  phrases: [bonjour]\n") -> str:
    return RULE_HEADER.format(id=rule_id, kind=kind, lang=lang) + body
