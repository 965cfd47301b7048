"""Where rule packs come from: the built-in packs, paths given by the user, and installed
packages that declare the entry-point group `invite_lint.rules`."""

from __future__ import annotations

import sys
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


def _entry_point_folder(ep: metadata.EntryPoint, label: str) -> Path:
    """The folder an entry point names, found on disk without importing anything: finding a
    spec of `pkg.rules` would import `pkg` (run its __init__.py), and a pack never runs code.
    The distribution's own location first, then the import path, as Python would look."""
    target = ep.value.split(":", 1)[0].strip()
    parts = target.split(".")
    if not target or not all(part.isidentifier() for part in parts):
        raise RulePackError(label, f"'{target}' is not a package name")
    relative = Path(*parts)
    roots: list[Path] = []
    dist = getattr(ep, "dist", None)
    if dist is not None:
        try:
            roots.append(Path(str(dist.locate_file(""))))
        except (NotImplementedError, TypeError):
            pass
    roots += [Path(entry or ".") for entry in sys.path]
    for root in roots:
        folder = root / relative
        if folder.is_dir():
            return folder
    for root in roots:
        if (root / relative).with_suffix(".py").is_file():
            raise RulePackError(label, f"'{target}' is a module, not a package folder: put the pack's YAML files "
                                       "in a folder (a package) and name that")
    raise RulePackError(label, f"cannot find package '{target}'")


def entry_point_sources() -> list[PackSource]:
    """Packs of installed packages. An entry point names a package folder; the YAML files in
    it (and below it) are the pack. Nothing of that package is imported or run."""
    sources = []
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        label = f"entry point '{ep.name}' ({ep.value})"
        sources.append(PackSource(label, pack_files(_entry_point_folder(ep, label), label)))
    return sources
