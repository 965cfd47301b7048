"""`require` rules: flag the *absence* of something (a greeting, the recipient's name, a
question, a reference to the recipient's work).

    kind: require
    scope: body
    any:
      - regex: '\\?'
      - phrases: [n'hésitez pas à me dire, je serais curieux de savoir]

The rule fires when none of the matchers under `any` finds anything. With
`evidence: their-work` (a kind of text.evidence's specifics), what satisfies the rule is
reported with the message's specifics, so that a pack's own phrasings of "specific" say
why a message passed, as the evidence step's findings do. A `recipient`
matcher marked `decisive` settles the question alone when the recipient's name is known.
The finding points at the scope that lacks it; when the scope itself is missing (no
greeting, no sign-off), at the first or last line of the message.
"""

from __future__ import annotations

from ..model import SPECIFIC_KINDS
from ..text.analysis import Analysis
from ..text.parts import Span
from .base import BuildContext, Check, Hit, Params, RuleKind
from .matchers import Matcher, RecipientCheck, SpecificsCheck, build_matchers

KEYS = ("any", "evidence")


class RequireCheck(Check):
    def __init__(self, matchers: tuple[Matcher, ...], evidence: str | None = None) -> None:
        self.matchers = matchers
        self.evidence = evidence
        self.needs = frozenset().union(*(m.needs for m in matchers))

    def parts(self) -> tuple[Check, ...]:
        return self.matchers

    def present(self, analysis: Analysis, span: Span) -> bool:
        for m in self.matchers:
            if m.decisive and isinstance(m.check, RecipientCheck) and m.check.known(analysis):
                return bool(m.find(analysis, span))
        for m in self.matchers:
            hits = m.find(analysis, span)
            if hits:
                if self.evidence and not isinstance(m.check, SpecificsCheck):
                    analysis.declare_specifics(self.evidence, [(h.start, h.end) for h in hits])
                return True
        return False

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        if self.present(analysis, span):
            return []
        return [Hit(*_where_missing(analysis, span))]


def _where_missing(analysis: Analysis, span: Span) -> Span:
    parts = analysis.parts
    if span == parts.message:
        # Missing from the whole message: point at its opening, not at every line.
        for part in (parts.greeting, parts.first_sentence):
            if part[1] > part[0]:
                return part
    if span[1] > span[0]:
        return span
    lines = analysis.parts.sentences
    if not lines:
        return span
    message_end = analysis.parts.message[1]
    # An empty sign-off sits at the end of the message: point at the last line.
    return lines[-1] if span[0] >= message_end else lines[0]


def build(params: Params, ctx: BuildContext) -> RequireCheck:
    items = params.get("any", list, required=True)
    evidence = params.get("evidence", str)
    if evidence is not None and evidence not in SPECIFIC_KINDS:
        raise ctx.error(f"'evidence' must be one of {', '.join(SPECIFIC_KINDS)}", params.line_of("evidence"))
    return RequireCheck(build_matchers(items, ctx, "any", params.line_of("any")), evidence)


KIND = RuleKind('require', KEYS, build, matcher_key=None,
                description='Something the message must contain (any of its matchers); its absence is the finding.')
