"""A new user's first hour: the README's commands work exactly as written (issue 12).

The quick start itself (two commands, fresh venv, clean clone) is run by .ci/run, verbatim
from the README: a venv and two installs are too heavy for a unit test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_without_chromium_the_set_up_installs_debians_package(tmp_path: Path) -> None:
    if os.geteuid() != 0:  # the set-up would ask sudo; this test plays apt-get as root only
        subprocess.run(["sudo", "-n", "true"], check=True)
    calls = tmp_path / "apt-calls"
    fake_apt = tmp_path / "apt-get"
    # A stand-in for apt-get that "installs" chromium into the same folder, on PATH.
    fake_apt.write_text(f"#!/bin/sh\necho \"$@\" >> {calls}\n"
                        f"case \"$*\" in *install*chromium*) printf '#!/bin/sh\\n' > {tmp_path}/chromium; "
                        f"/bin/chmod +x {tmp_path}/chromium;; esac\n")
    fake_apt.chmod(0o755)
    if os.geteuid() != 0:
        (tmp_path / "sudo").symlink_to("/usr/bin/sudo")
    result = _pytest_browser_tests(tmp_path, "--collect-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "installing Debian's chromium" in result.stdout
    assert calls.read_text().split()[:2] == ["install", "-y"] and "chromium" in calls.read_text()
    assert (tmp_path / "chromium").exists()


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
