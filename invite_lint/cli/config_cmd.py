"""`invite-lint config [FILE]`: the effective configuration for a draft, and where each
value comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..config import KEYS, Config, config_for, load_config
from ..documents import parse
from ..documents.formats import _front_matter
from .common import handle_errors, read_input

# What a draft's front matter sets for that draft alone, over the configuration files.
DRAFT_KEYS = ("lang", "channel", "template")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def draft_settings(target: str, config: Config) -> dict[str, dict[str, Any]]:
    """The settings a draft file itself gives (front matter), and the per-file ignores that
    match it: key -> {value, source}."""
    path = Path(target)
    if target == "-" or not path.is_file():
        return {}
    out: dict[str, dict[str, Any]] = {}
    ignored = config.ignored_for(path)
    if ignored:
        out["per-file-ignores"] = {"value": list(ignored), "source": str(config.path or "default")}
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return out
    draft = read_input(target)
    data, _ = _front_matter(draft)  # which keys the front matter sets, and on which line
    if not data:
        return out
    units, errors = parse(draft)
    if errors:
        raise errors[0]
    unit = units[0]
    line_of = getattr(data, "line_of", lambda key: None)

    def where(key: str) -> str:
        line = line_of(key)
        return f"front matter of {target}" + (f":{line + 1}" if line is not None else "")

    values = {"lang": unit.lang, "channel": unit.channel, "template": unit.template,
              "suppressed": [s.rule_id for s in unit.suppressions if s.rule_id in set(data.get("ignore") or [])],
              "recipient": unit.recipient.to_dict() if unit.recipient else None, "fields": unit.fields or None}
    keys = {"lang": "lang", "channel": "channel", "template": "template", "suppressed": "ignore", "fields": "fields"}
    for key, front_key in keys.items():
        if front_key in data and values[key] not in (None, []):
            out[key] = {"value": values[key], "source": where(front_key)}
    if values["recipient"]:
        first = next((k for k in ("to", "about", "interest", "met", "ask", "company") if k in data), "to")
        out["recipient"] = {"value": values["recipient"], "source": where(first)}
    return out


@click.command("config")
@click.argument("target", required=False, default="-", metavar="[FILE]")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Show this configuration file instead.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def config_command(target: str, config_file: str | None, fmt: str) -> None:
    """Print the configuration that applies to FILE (default: the current folder): each
    setting, its value, and where it comes from (default, a configuration file, or the
    draft's own front matter)."""
    config = load_config(Path(config_file)) if config_file else config_for(target)
    settings = {k: {"value": config.values[k], "source": config.sources[k]} for k in KEYS}
    own = draft_settings(target, config)
    settings.update({k: v for k, v in own.items() if k in DRAFT_KEYS})
    for_draft = {k: v for k, v in own.items() if k not in DRAFT_KEYS}
    if fmt == "json":
        click.echo(json.dumps({"file": str(config.path) if config.path else None, "settings": settings,
                               "draft": for_draft}, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"configuration: {config.path if config.path else '(none found: defaults)'}")
    for key in KEYS:
        click.echo(f"  {key:18} {json.dumps(settings[key]['value'], ensure_ascii=False, default=str):48} "
                   f"{settings[key]['source']}")
    if for_draft:
        click.echo(f"for this draft ({target}):")
        for key, entry in for_draft.items():
            click.echo(f"  {key:18} {json.dumps(entry['value'], ensure_ascii=False, default=str):48} {entry['source']}")
