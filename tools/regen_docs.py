"""Regenerate the rule catalogue in README.md and docs/rules.md from the built-in packs,
and the quick start's sample output from the command it shows.

    python tools/regen_docs.py

tests/test_docs.py fails when they drift from the packs.
"""

from __future__ import annotations

import re
from pathlib import Path

from invite_lint import load_rules
from invite_lint.engine import tool_findings
from invite_lint.output.catalogue import markdown_reference, markdown_table

ROOT = Path(__file__).resolve().parents[1]


def quick_start_output(readme: str) -> str:
    """What the quick start's first command prints (on a pipe, no colour): the README shows it."""
    import os
    import shlex

    from click.testing import CliRunner

    from invite_lint.cli import main as cli

    command = re.search(r"## Quick start.*?```sh\n(.*?)\n", readme, re.S).group(1)  # type: ignore[union-attr]
    args = shlex.split(command.split("invite-lint ", 1)[1])
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner(env={"COLUMNS": None, "NO_COLOR": "1", "INVITE_LINT_DAEMON": "0"}).invoke(cli, args)
    finally:
        os.chdir(old)
    return result.output.rstrip("\n")


QUICK_START_BLOCK = re.compile(r"(## Quick start.*?```sh\n.*?```.*?```text\n)(.*?)(\n```)", re.S)


def main() -> None:
    rules = load_rules(plugins=False)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    table = markdown_table(rules)
    text = re.sub(r"(<!-- catalogue:start -->\n).*?(\n<!-- catalogue:end -->)",
                  lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
    text = re.sub(r"(<!-- tool-findings:start -->\n).*?(\n<!-- tool-findings:end -->)",
                  lambda m: m.group(1) + tool_findings.markdown_table() + m.group(2), text, flags=re.S)
    output = quick_start_output(text)
    text = QUICK_START_BLOCK.sub(lambda m: m.group(1) + output + m.group(3), text, count=1)
    readme.write_text(text, encoding="utf-8")
    (ROOT / "docs" / "rules.md").write_text(markdown_reference(rules), encoding="utf-8")
    print(f"catalogue: {len(rules)} rules")


if __name__ == "__main__":
    main()
