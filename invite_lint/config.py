"""Project configuration: `[tool.invite-lint]` in pyproject.toml or `.invite-lint.yaml`,
found by walking up from each draft; command-line options override it.

    [tool.invite-lint]
    select = ["default-", "no-"]        # rule ids or prefixes
    ignore = ["missing-sign-off"]
    lang = "fr"                          # when a draft's language cannot be detected
    channel = "linkedin_note"            # when a draft does not say
    rules = ["packs/acme.yaml"]          # extra packs, relative to this file
    plugins = true                       # packs from installed packages
    fail-on = "warning"
    template = false                     # drafts are outreach-tool templates

    [tool.invite-lint.severity]
    stock-opener = "warning"

    [tool.invite-lint.thresholds.too-long-for-channel]
    linkedin_note = 200                  # a free account's note

    [tool.invite-lint.per-file-ignores]
    "templates/*.md" = ["unfilled-placeholder"]
"""

from __future__ import annotations

import fnmatch
import math
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InviteLintError, RulePackError
from .lang import DEFAULT_LANG
from .model import CHANNELS, DEFAULT_CHANNEL, Severity
from .packs.yamlio import load_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

YAML_NAMES = (".invite-lint.yaml", ".invite-lint.yml")
DEFAULTS: dict[str, Any] = {"select": [], "ignore": [], "lang": None, "channel": None, "rules": [], "plugins": True,
                            "fail-on": "warning", "template": False, "severity": {}, "thresholds": {},
                            "per-file-ignores": {}}
KEYS = tuple(DEFAULTS)


class ConfigError(InviteLintError):
    """A configuration file is invalid: names the file and the key."""

    def __init__(self, path: str, key: str | None, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {f'{key!r}: ' if key else ''}{problem}")


@dataclass(frozen=True)
class Config:
    values: dict[str, Any]
    sources: dict[str, str]  # key -> "default", the config file, or "command line"
    path: Path | None = None  # the configuration file, if any
    root: Path = field(default_factory=Path.cwd)  # where relative paths and globs start

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def linter_options(self) -> dict[str, Any]:
        return {
            "rules": [str(p) for p in self.values["rules"]],
            "plugins": self.values["plugins"],
            "select": self.values["select"],
            "ignore": self.values["ignore"],
            "default_lang": self.values["lang"] or DEFAULT_LANG,
            "default_channel": self.values["channel"] or DEFAULT_CHANNEL,
            "severity": self.values["severity"],
            "thresholds": self.values["thresholds"],
        }

    def ignored_for(self, path: str | Path) -> tuple[str, ...]:
        """Rule ids the per-file ignores give for this draft."""
        target = Path(path).resolve()
        try:
            relative = target.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = target.as_posix()
        out: list[str] = []
        for pattern, ids in self.values["per-file-ignores"].items():
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(target.name, pattern):
                out += ids
        return tuple(out)

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """Command-line options win over the file."""
        values = dict(self.values)
        sources = dict(self.sources)
        for key, value in overrides.items():
            if value is None or value == () or value == []:
                continue
            values[key] = list(value) if isinstance(value, tuple) else value
            sources[key] = "command line"
        return Config(values, sources, self.path, self.root)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file, walking up from `start` (a file or a folder)."""
    folder = start if start.is_dir() else start.parent
    for candidate_dir in [folder.resolve(), *folder.resolve().parents]:
        for name in YAML_NAMES:
            if (candidate_dir / name).is_file():
                return candidate_dir / name
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file():
            tool = _toml(pyproject).get("tool", {})
            if isinstance(tool, dict) and "invite-lint" in tool:
                return pyproject
    return None


def _toml(path: Path) -> dict[str, Any]:
    try:
        return _parsed_toml(str(path), path.stat().st_mtime_ns)  # found, then loaded: parsed once
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None


@lru_cache(maxsize=64)
def _parsed_toml(path: str, mtime_ns: int) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:  # TOML is UTF-8 text; a binary file or another encoding
        raise ConfigError(str(path), None, "invalid TOML: the file is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None


def _read(path: Path) -> tuple[dict[str, Any], Any]:
    if path.name == "pyproject.toml":
        tool = _toml(path).get("tool", {})
        table = tool.get("invite-lint", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(str(path), None, f"[tool.invite-lint] must be a table of settings, not {table!r}")
        return table, None
    try:
        data = load_file(path, str(path))
    except RulePackError as exc:
        raise ConfigError(str(path), None, exc.problem, exc.line) from None
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        raise ConfigError(str(path), None, "the configuration must be a mapping of settings")
    return dict(data), data


def _check(path: str, raw: dict[str, Any], lines: Any) -> dict[str, Any]:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(path, key, problem, lines.line_of(key) if lines is not None else None)

    for key in raw:
        if key not in KEYS:
            raise fail(key, f"unknown setting (settings: {', '.join(KEYS)})")
    for key in ("select", "ignore", "rules"):
        value = raw.get(key, [])
        if isinstance(value, str):
            raw[key] = value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "must be a list of texts")
    for key in ("plugins", "template"):
        if key in raw and not isinstance(raw[key], bool):
            raise fail(key, "must be true or false")
    if "lang" in raw and not (isinstance(raw["lang"], str) and len(raw["lang"]) == 2 and raw["lang"].isalpha()):
        raise fail("lang", "must be a two-letter language code such as fr or en")
    if "channel" in raw and raw["channel"] not in CHANNELS:
        raise fail("channel", f"must be one of {', '.join(CHANNELS)}")
    if "fail-on" in raw and raw["fail-on"] not in [s.value for s in Severity]:
        raise fail("fail-on", "must be error, warning or info")
    severity = raw.get("severity", {})
    if not isinstance(severity, dict) or not all(v in [s.value for s in Severity] for v in severity.values()):
        raise fail("severity", "must map rule ids to error, warning or info")
    thresholds = raw.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise fail("thresholds", "must map rule ids to {channel: number}")
    for rule_id, limits in thresholds.items():
        if not isinstance(limits, dict):
            raise fail("thresholds", f"{rule_id}: must map channels (or default) to numbers")
        for channel, number in limits.items():
            if channel not in (*CHANNELS, "default") or isinstance(number, bool) or not isinstance(number, (int, float)):
                raise fail("thresholds", f"{rule_id}.{channel}: use a channel ({', '.join(CHANNELS)}, default) "
                                         "and a number")
            if not math.isfinite(number) or number < 0:
                raise fail("thresholds", f"{rule_id}.{channel}: must be a finite number, 0 or more (not {number!r})")
    ignores = raw.get("per-file-ignores", {})
    if not isinstance(ignores, dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in ignores.values()):
        raise fail("per-file-ignores", "must map glob patterns to lists of rule ids")
    return raw


def load_config(path: Path | None) -> Config:
    """A configuration file (None: the defaults), checked, with relative rule packs resolved."""
    values = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
              for k, v in DEFAULTS.items()}
    sources = {key: "default" for key in KEYS}
    if path is None:
        return Config(values, sources)
    raw, lines = _read(path)
    checked = _check(str(path), dict(raw), lines)
    root = path.parent
    if "rules" in checked:
        checked["rules"] = [str((root / p).resolve()) if not Path(p).is_absolute() else p for p in checked["rules"]]
    for key, value in checked.items():
        values[key] = value
        sources[key] = str(path)
    return Config(values, sources, path, root)


def config_folder(target: str | Path) -> Path:
    """The folder the search for a draft's configuration starts from (the current folder
    for stdin): drafts in one folder share their configuration."""
    start = Path.cwd() if str(target) == "-" else Path(target)
    start = start if start.exists() else Path.cwd()
    return (start if start.is_dir() else start.parent).resolve()


def config_for(target: str | Path) -> Config:
    """The configuration that applies to a draft (or to the current folder for stdin)."""
    return load_config(find_config(config_folder(target)))
