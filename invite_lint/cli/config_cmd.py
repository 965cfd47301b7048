"""`invite-lint config [FILE]`: the effective configuration for a draft, and where each
value comes from."""

from __future__ import annotations

import json

import click

from ..config import KEYS, config_for, load_config
from pathlib import Path
from .common import handle_errors


@click.command("config")
@click.argument("target", required=False, default="-", metavar="[FILE]")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Show this configuration file instead.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def config_command(target: str, config_file: str | None, fmt: str) -> None:
    """Print the configuration that applies to FILE (default: the current folder): each
    setting, its value, and where it comes from (default or a file)."""
    config = load_config(Path(config_file)) if config_file else config_for(target)
    if fmt == "json":
        click.echo(json.dumps({"file": str(config.path) if config.path else None,
                               "settings": {k: {"value": config.values[k], "source": config.sources[k]} for k in KEYS}},
                              ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"configuration: {config.path if config.path else '(none found: defaults)'}")
    for key in KEYS:
        click.echo(f"  {key:18} {json.dumps(config.values[key], ensure_ascii=False, default=str):48} {config.sources[key]}")
