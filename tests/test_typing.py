"""The public API is typed without Any (py.typed is shipped); the whole package is checked by
mypy in .ci/run (`.venv/bin/mypy`, configured in pyproject.toml)."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import invite_lint


def _mentions_any(hint: object) -> bool:
    if hint is typing.Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(hint))


def _public_callables() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name in invite_lint.__all__:
        value = getattr(invite_lint, name)
        if inspect.isclass(value):
            found.append((name, value.__init__))
            for attr, member in vars(value).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, property) and member.fget is not None:
                    found.append((f"{name}.{attr}", member.fget))
                elif isinstance(member, (classmethod, staticmethod)):
                    found.append((f"{name}.{attr}", member.__func__))
                elif inspect.isfunction(member):
                    found.append((f"{name}.{attr}", member))
        elif inspect.isfunction(value):
            found.append((name, value))
    return found


def test_the_public_api_has_no_any() -> None:
    callables = _public_callables()
    assert len(callables) >= 40
    offenders = []
    for name, function in callables:
        if function is object.__init__:
            continue
        hints = typing.get_type_hints(function)
        offenders += [f"{name}: {param}" for param, hint in hints.items() if _mentions_any(hint)]
    assert offenders == []


def test_the_package_ships_its_types(repo: Path) -> None:
    assert (repo / "invite_lint" / "py.typed").is_file()
    config = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.mypy]" in config and 'files = ["invite_lint"]' in config
    assert ".venv/bin/mypy" in (repo / ".ci" / "run").read_text(encoding="utf-8")
