"""`regex` rules: regular expressions, run by RE2 in time linear in the message.

Options: `ignore_case` (default true), `whole_word` (the match must stand between
non-letters, accented letters included: RE2's own \\b is ASCII-only), `fold_accents` (match
against the accent-folded, lower-cased text, so `reseau` finds "réseau"), `any_space` (a
space in the pattern matches any run of white space, line breaks included: hard-wrapped
e-mails break "our platform" over two lines).
"""

from __future__ import annotations

import re

from ..text.analysis import Analysis
from ..text.parts import Span
from ..text.saferegex import RegexError, RegexSet, SafeRegex
from .base import BuildContext, Check, Hit, Params, RuleKind

KEYS = ("regex", "ignore_case", "whole_word", "fold_accents", "any_space")
_ITEM_KEYS = ("pattern", "ignore_case", "whole_word")
_SPACE = re.compile(r" ([?*+])?")


class RegexCheck(Check):
    needs: frozenset[str] = frozenset()

    def __init__(self, regexes: list[SafeRegex], fold_accents: bool) -> None:
        self.regexes = regexes
        self.fold_accents = fold_accents
        self._set = RegexSet(regexes)

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        text = analysis.folded if self.fold_accents else analysis.text
        start, end = span
        window = text[start:end]
        hits = sorted({Hit(s + start, e + start) for rx in self._set.matching(window) for s, e in rx.finditer(window)},
                      key=lambda h: (h.start, -h.end))
        # One finding per place: a match inside another one ("{first_name}" in "{{first_name}}") goes.
        kept: list[Hit] = []
        for hit in hits:
            if not kept or hit.end > kept[-1].end and hit.start >= kept[-1].end:
                kept.append(hit)
            elif hit.start < kept[-1].end < hit.end:
                kept.append(hit)  # overlapping but not inside: keep both places
        return kept


def build(params: Params, ctx: BuildContext) -> RegexCheck:
    """`regex` is a pattern, or a list of patterns; an item may be a mapping
    {pattern, ignore_case, whole_word} that overrides the rule's options for that pattern."""
    raw = params.get("regex", (str, list), required=True)
    items = [raw] if isinstance(raw, str) else raw
    if not items:
        raise ctx.error("'regex' must not be empty", params.line_of("regex"))
    ignore_case = params.get("ignore_case", bool, True)
    whole_word = params.get("whole_word", bool, False)
    fold_accents = params.get("fold_accents", bool, False)
    any_space = params.get("any_space", bool, False)
    regexes = []
    for i, item in enumerate(items):
        line = raw.line_of(i) if hasattr(raw, "line_of") else params.line_of("regex")
        options = {"ignore_case": ignore_case, "whole_word": whole_word}
        if isinstance(item, dict):
            sub = Params(item, ctx, _ITEM_KEYS)
            source = sub.get("pattern", str, required=True)
            options = {k: sub.get(k, bool, v) for k, v in options.items()}
        elif isinstance(item, str) and item:
            source = item
        else:
            raise ctx.error(f"regex {i + 1} must be a pattern or a mapping with 'pattern'", line)
        if any_space:  # " ?" and " *" become \s*, " +" and " " become \s+
            source = _SPACE.sub(lambda m: r"\s*" if m.group(1) in ("?", "*") else r"\s+", source)
        try:
            regexes.append(SafeRegex(source, **options))
        except RegexError as exc:
            raise ctx.error(f"{exc} (invite-lint runs regexes with RE2: no look-arounds or back-references)",
                            line) from None
    return RegexCheck(regexes, fold_accents)


KIND = RuleKind('regex', KEYS, build, matcher_key="regex",
                description='Regular expressions (RE2: linear time) over the text, optionally accent-folded.')
