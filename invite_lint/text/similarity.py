"""How alike two drafts are once what a mail-merge changes is masked: the mass-mailing
signal ("this draft is 94% identical to 11 others").

Names, numbers, links and merge fields are masked, and the greeting and sign-off dropped,
because those are exactly what an outreach tool fills in differently for each recipient.
Similarity is rapidfuzz's normalised Indel ratio (0-100) on the masked bodies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .folding import fold
from .parts import split_parts

_MERGE_FIELD = re.compile(r"\{\{[^{}\n]*\}\}|\{[^{}\n]*\}|\[[^\[\]\n]*\]|<[^<>\n]*>|%[A-Z_]+%|\*\|[A-Z_]+\|\*")
_LINK = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_NUMBER = re.compile(r"\d[\d\s.,:/-]*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-Ý][\w'’-]*")
_SPACES = re.compile(r"\s+")
BLOCK_ROWS = 256  # rows of the similarity matrix computed at once (memory stays flat)


def masked(text: str) -> str:
    """The part of a draft a mail-merge does not change, normalised for comparison."""
    parts = split_parts(text)
    start = parts.greeting[1] if parts.greeting[1] > parts.greeting[0] else parts.message[0]
    end = parts.sign_off[0] if parts.sign_off[1] > parts.sign_off[0] else parts.message[1]
    body = text[start:end] if end > start else text
    body = _MERGE_FIELD.sub(" § ", body)
    body = _LINK.sub(" @ ", body)
    body = _CAPITALISED.sub("§", body)
    body = _NUMBER.sub("# ", body)
    return _SPACES.sub(" ", fold(body)).strip()


@dataclass(frozen=True)
class Neighbours:
    """The other drafts at or above the threshold, and the highest similarity (0-100)."""

    others: tuple[int, ...]
    best: float


def near_duplicates(texts: Sequence[str], threshold: float) -> list[Neighbours]:
    """For each draft, the indexes of the others whose masked text is at least `threshold`
    (0-1) alike. Quadratic in the number of drafts, computed in blocks with rapidfuzz."""
    bodies = [masked(t) for t in texts]
    cutoff = threshold * 100
    found: list[list[int]] = [[] for _ in bodies]
    best = [0.0] * len(bodies)
    for top in range(0, len(bodies), BLOCK_ROWS):
        rows = bodies[top : top + BLOCK_ROWS]
        scores = process.cdist(rows, bodies, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
        for r, row in enumerate(scores):
            i = top + r
            for j in row.nonzero()[0]:
                if j != i and bodies[i] and bodies[j]:
                    found[i].append(int(j))
                    best[i] = max(best[i], float(row[j]))
    return [Neighbours(tuple(f), b) for f, b in zip(found, best)]


def nearest_similarity(texts: Sequence[str]) -> list[float]:
    """For each draft, its highest similarity (0-100) to any other: the distribution that
    shows where a threshold separates templates from independently written messages."""
    bodies = [masked(t) for t in texts]
    nearest = [0.0] * len(bodies)
    for top in range(0, len(bodies), BLOCK_ROWS):
        scores = process.cdist(bodies[top : top + BLOCK_ROWS], bodies, scorer=fuzz.ratio, workers=1)
        for r, row in enumerate(scores):
            row[top + r] = 0
            nearest[top + r] = float(row.max()) if len(row) else 0.0
    return nearest
