"""Time per character against the draft's length, measured in one run (issue 11, item 1).

    python bench/scaling.py [--sizes 1000,8000,64000] [--limit 30]

Worst cases for the per-match work: a draft made of SMS words ("thx u pls ", one regex
match every few characters) and one of "a  " (a token and a finding every three
characters). Each size is linted through the library and rendered by the text formatter;
the table gives microseconds per character and the ratio to the smallest size. Linear
time means a flat column (ratio near 1); quadratic time doubles it with each doubling.
A size whose run exceeds --limit seconds stops the series (the run stays bounded)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter  # noqa: E402
from invite_lint.output.textual import format_report  # noqa: E402

CASES = {"sms words": "thx u pls ", "a + two spaces": "a  "}


def measure(linter: Linter, unit: str, size: int) -> tuple[float, int]:
    text = (unit * (size // len(unit) + 1))[:size]
    started = time.perf_counter()
    report = linter.lint(text, lang="en")
    format_report("d.txt", report)
    return time.perf_counter() - started, len(report.findings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,8000,64000")
    parser.add_argument("--limit", type=float, default=30.0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    linter = Linter()
    linter.lint("warm up", lang="en")
    print("| draft | chars | findings | seconds | µs/char | ratio to smallest |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, unit in CASES.items():
        base = None
        for size in sizes:
            seconds, findings = measure(linter, unit, size)
            per_char = seconds / size * 1e6
            base = base or per_char
            print(f"| {name} | {size:,} | {findings:,} | {seconds:.2f} | {per_char:.1f} | {per_char / base:.2f}x |",
                  flush=True)
            if seconds > args.limit:
                print(f"| {name} | (larger sizes skipped: over {args.limit:g} s) |||||")
                break


if __name__ == "__main__":
    main()
