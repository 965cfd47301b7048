"""Time per message against the draft's length, 100 characters to 1 MiB, and its plot.

    pip install -e ".[bench]"      # matplotlib
    python bench/length.py [--png docs/length-scaling.png] [--max 1048576]

Drafts are French prose: the corpus's French messages one after the other, cut to each
length (so every size is real text, not one word repeated). Each is linted through the
library with every built-in rule (the language given, as a hook does after the first
draft); small sizes take the median of several runs. Linear time is a flat line of
microseconds per character (right panel) and a line of slope one in the log-log left panel.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter  # noqa: E402
from invite_lint.evaluation.corpus import load_corpus  # noqa: E402


def sizes_up_to(largest: int) -> list[int]:
    out, size = [], 100.0
    while size < largest:
        out.append(int(size))
        size *= 10 ** 0.5
    return [*out, largest]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=1024 * 1024)
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "length-scaling.png")
    args = parser.parse_args()
    prose = "\n\n".join(e.text for e in load_corpus(ROOT / "corpus") if e.lang == "fr")
    prose = (prose + "\n\n") * (args.max // len(prose) + 1)
    linter = Linter(plugins=False)
    linter.lint(prose[:2000], lang="fr")  # the model loaded, caches warm
    rows = []
    print("| chars | findings | seconds per message | µs per char |")
    print("|---:|---:|---:|---:|")
    for size in sizes_up_to(args.max):
        text = prose[:size]
        repeats = 7 if size <= 10_000 else 3 if size <= 100_000 else 1
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            report = linter.lint(text, lang="fr")
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        rows.append((size, seconds))
        print(f"| {size:,} | {len(report.findings):,} | {seconds:.4f} | {seconds / size * 1e6:.1f} |", flush=True)
    plot(rows, args.png)
    print(f"\nplot: {args.png}")


def plot(rows: list[tuple[int, float]], png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [s for s, _ in rows]
    seconds = [t for _, t in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.loglog(sizes, seconds, "o-", label="invite-lint, all rules (French)")
    left.loglog(sizes, [seconds[-1] * s / sizes[-1] for s in sizes], ":", color="grey", label="linear in length")
    left.set_xlabel("draft length (characters)")
    left.set_ylabel("time per message (s)")
    left.legend()
    left.grid(True, which="both", alpha=0.3)
    right.semilogx(sizes, [t / s * 1e6 for s, t in rows], "o-")
    right.set_ylim(bottom=0)
    right.set_xlabel("draft length (characters)")
    right.set_ylabel("µs per character")
    right.grid(True, which="both", alpha=0.3)
    figure.suptitle("invite-lint: time per message against draft length (one warm process)")
    figure.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(png, dpi=110)


if __name__ == "__main__":
    main()
