"""`sameness` rules: a draft nearly identical to others of the same batch, apart from
names, numbers and merge fields: the mark of a mass mailing.

    kind: sameness
    threshold: 0.9     # 0-1: how alike the masked texts must be
    min_others: 1      # how many such others make it a mass mailing

Compares drafts linted together (several files, `Linter.lint_many`); a message linted
alone has nothing to compare with. The finding's `{value}` is the highest similarity (%),
`{count}` the number of near-identical others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..text.analysis import Analysis
from ..text.parts import Span
from ..text.similarity import near_duplicates
from .base import BuildContext, Check, Hit, Params, RuleKind

KEYS = ("threshold", "min_others")


class SamenessCheck(Check):
    needs: frozenset[str] = frozenset()
    batch = True

    def __init__(self, threshold: float, min_others: int) -> None:
        self.threshold = threshold
        self.min_others = min_others

    def limits(self) -> Mapping[str, float]:
        return {"threshold": self.threshold, "min_others": self.min_others}

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        return []  # a single message has nothing to be compared with

    def find_batch(self, texts: Sequence[str]) -> list[list[Hit]]:
        out: list[list[Hit]] = []
        for text, near in zip(texts, near_duplicates(texts, self.threshold)):
            if len(near.others) >= self.min_others:
                start = len(text) - len(text.lstrip())
                end = len(text.rstrip())
                out.append([Hit(start, max(end, start), round(near.best), self.threshold * 100, len(near.others))])
            else:
                out.append([])
        return out


def build(params: Params, ctx: BuildContext) -> SamenessCheck:
    threshold = float(params.get("threshold", (int, float), required=True))
    if not 0 < threshold <= 1:
        raise ctx.error("'threshold' must be between 0 and 1 (e.g. 0.9)", params.line_of("threshold"))
    min_others = params.get("min_others", int, 1)
    if min_others < 1:
        raise ctx.error("'min_others' must be 1 or more", params.line_of("min_others"))
    return SamenessCheck(threshold, min_others)


KIND = RuleKind('sameness', KEYS, build, matcher_key=None,
                description='Drafts of one run that are near-identical to others (mass mailing); reads the run together.')
