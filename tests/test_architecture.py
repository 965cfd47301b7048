"""The shape of the code: imports flow one way (import-linter contracts in pyproject.toml),
and nothing below the CLI prints or exits."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import invite_lint

PACKAGE = Path(invite_lint.__file__).parent


def test_import_contracts_are_kept(repo: Path) -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe, "--config", str(repo / "pyproject.toml"), "--no-cache"],
                            capture_output=True, text=True, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def _calls(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name):
                names.append(fn.id)
            elif isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
                names.append(f"{fn.value.id}.{fn.attr}")
    return names


def test_library_never_prints_or_exits() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        # the command line (cli/, and the entry points that choose where it runs) may exit
        if "cli" in path.relative_to(PACKAGE).parts or path.name in ("__main__.py", "launcher.py"):
            continue
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if call in ("print", "exit", "quit", "sys.exit", "os._exit", "input"):
                offenders.append(f"{path.name}: {call}")
    assert offenders == []


def test_modules_stay_small() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert max(sizes.values()) < 400, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_typed_package() -> None:
    assert (PACKAGE / "py.typed").is_file()
