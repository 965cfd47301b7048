"""Safe YAML for rule packs and corpora: data only, with line numbers, YAML 1.2 booleans.

- Built on PyYAML's SafeLoader: no tag can construct a Python object, so a pack can never
  run code.
- Booleans are YAML 1.2's (true/false only). PyYAML follows YAML 1.1, where a bare `on`,
  `off`, `yes`, `no`, `y`, `n` are booleans; `on` is a common French word ("on se connecte").
- Every mapping and list remembers the line it starts on, and the line of each key and item,
  so an error can name the line of the exact rule and key.
- Duplicate keys are an error (PyYAML would silently keep the last one).
- Anchors and aliases are allowed within a file, but the document's size once aliases are
  expanded is bounded, so a "billion laughs" pack is refused instead of exhausting memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import RulePackError

MAX_EXPANDED_NODES = 200_000
MAX_FILE_BYTES = 512 * 1024  # the largest built-in pack is 38 KB; 4.9 MB took 25 s and 1.3 GB to load


class LineMap(dict):
    """A dict that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows its line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    # libyaml parses the packs several times faster; the constructors below stay ours.
    pass


# YAML 1.2 booleans only: drop PyYAML's YAML 1.1 resolver (yes/no/on/off/y/n).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {result.key_lines[key]})", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes once every alias is expanded, computed without expanding anything."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once; the constructor rejects it anyway
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


def _problem_line(exc: yaml.YAMLError) -> tuple[str, int | None]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context and problem and "duplicate" not in problem else problem
    return f"invalid YAML: {text}", (mark.line + 1 if mark is not None else None)


def loads(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document of data. Raises RulePackError naming the file and line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise RulePackError(
                path, f"too large once its aliases are expanded (over {MAX_EXPANDED_NODES:,} nodes)"
            )
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        problem, line = _problem_line(exc)
        raise RulePackError(path, problem, line=line) from None
    except RecursionError:
        raise RulePackError(path, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def load_file(path: Path, shown: str | None = None) -> Any:
    """Read and parse a YAML file; every failure is a one-line RulePackError."""
    shown = shown or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RulePackError(shown, f"too large for a rule pack ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise RulePackError(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RulePackError(shown, "not UTF-8 text (rule packs must be UTF-8)", line=line) from None
    return loads(text, shown)
