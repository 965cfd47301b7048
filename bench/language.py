"""Language detection on short fragments of the corpus: invite-lint's detector against
plain (seeded) langdetect, on the same fragments, in one run.

    python bench/language.py [corpus/]

Short texts are where langdetect is weakest; the corpus messages themselves are long
enough that both are near 100%, so fragments of 3, 4, 5 and 8 words are cut from them
(fixed seed: the same fragments every run).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from langdetect import DetectorFactory
from langdetect import detect as plain_detect

from invite_lint.evaluation.corpus import load_corpus
from invite_lint.text.language import detect


def fragments(entries, sizes=(3, 4, 5, 8), seed=1):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    out = []
    for entry in entries:
        words = re.findall(r"\S+", entry.text)
        for n in sizes:
            if len(words) > n + 2:
                i = rng.randrange(0, len(words) - n)
                out.append((entry.lang, n, " ".join(words[i : i + n])))
    return out


def plain(text: str) -> str:
    DetectorFactory.seed = 0
    try:
        return plain_detect(text)
    except Exception:
        return "und"


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "corpus")
    items = fragments(load_corpus(corpus))
    print("| words | fragments | invite-lint | plain langdetect | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for n in sorted({n for _, n, _ in items}):
        chosen = [(lang, text) for lang, size, text in items if size == n]
        ours = sum(detect(t).lang == lang for lang, t in chosen) / len(chosen)
        base = sum(plain(t) == lang for lang, t in chosen) / len(chosen)
        print(f"| {n} | {len(chosen)} | {ours:.3f} | {base:.3f} | {ours / base:.2f}x |")


if __name__ == "__main__":
    main()
