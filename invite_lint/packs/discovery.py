"""Where rule packs come from: the built-in packs, paths given by the user, and installed
packages that declare the entry-point group `invite_lint.rules`."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from ..errors import RulePackError

ENTRY_POINT_GROUP = "invite_lint.rules"
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PackSource:
    name: str  # "builtin", the path given, or "entry point NAME (dist)"
    files: tuple[Path, ...]
    # Built-in packs are shown as rules/..., wherever the package is installed, so that
    # messages and the generated catalogue are the same in a checkout and in site-packages.
    display_root: Path | None = None

    def display(self, path: Path) -> str:
        if self.display_root is not None:
            return "rules/" + path.relative_to(self.display_root).as_posix()
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)


def builtin_rules_dir() -> Path:
    """The built-in packs: shipped inside the wheel as invite_lint/_rules; in a source
    checkout (or an editable install) they are the top-level rules/ folder."""
    shipped = resources.files("invite_lint") / "_rules"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "rules"


def pack_files(path: Path, shown: str | None = None) -> tuple[Path, ...]:
    shown = shown or str(path)
    if path.is_file():
        return (path,)
    if path.is_dir():
        files = tuple(sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file()))
        if not files:
            raise RulePackError(shown, "no rule pack here (no .yaml or .yml file)")
        return files
    raise RulePackError(shown, "no such file or folder")


def builtin_source() -> PackSource:
    root = builtin_rules_dir()
    return PackSource("builtin", pack_files(root, "built-in rules"), display_root=root)


def path_source(path: str | Path) -> PackSource:
    return PackSource(str(path), pack_files(Path(path), str(path)))


def entry_point_sources() -> list[PackSource]:
    """Packs of installed packages. An entry point names a package (or module); its folder's
    YAML files are the pack. Nothing of that package is run but its import machinery."""
    sources = []
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        label = f"entry point '{ep.name}' ({ep.value})"
        target = ep.value.split(":", 1)[0].strip()
        try:
            spec = importlib.util.find_spec(target)
        except (ImportError, ValueError) as exc:
            raise RulePackError(label, f"cannot find package '{target}': {exc}") from None
        if spec is None:
            raise RulePackError(label, f"cannot find package '{target}'")
        if spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
        elif spec.origin:
            folder = Path(spec.origin).parent
        else:
            raise RulePackError(label, f"'{target}' has no folder to read a pack from")
        sources.append(PackSource(label, pack_files(folder, label)))
    return sources
