"""Regenerate the rule catalogue in README.md and docs/rules.md from the built-in packs.

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


def main() -> None:
    rules = load_rules(plugins=False)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    table = markdown_table(rules)
    text = re.sub(r"(<!-- catalogue:start -->\n).*?(\n<!-- catalogue:end -->)",
                  lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
    text = re.sub(r"(<!-- tool-findings:start -->\n).*?(\n<!-- tool-findings:end -->)",
                  lambda m: m.group(1) + tool_findings.markdown_table() + m.group(2), text, flags=re.S)
    readme.write_text(text, encoding="utf-8")
    (ROOT / "docs" / "rules.md").write_text(markdown_reference(rules), encoding="utf-8")
    print(f"catalogue: {len(rules)} rules")


if __name__ == "__main__":
    main()
