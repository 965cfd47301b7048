"""Message-kind cues: what in a text says it is a thank-you, a follow-up, a referral
request... (the vocabulary is `model.MESSAGE_KINDS`). Cues are data, in the packs'
`kind_cues:` section, written with the same matchers as rules (phrases, spaCy patterns,
RE2 regex, any/all):

    kind_cues:
      - id: fr-merci-pour
        kind: thank_you
        languages: [fr]
        weight: 3
        description: thanking for something precise ("merci encore pour", "merci pour votre temps")
        any:
          - patterns: [[{LOWER: merci}, {LOWER: encore, OP: "?"}, {LOWER: {IN: [pour, de]}}]]
        examples:
          detect: ["Bonjour Léa, merci encore pour le café de jeudi ..."]   # must come out thank_you
          other: ["Bonjour Léa, j'ai lu votre article ..."]                  # must not

Detection adds up the weights of the cues that match, per kind; the kind with the most
wins (a tie goes to the kind with the heavier single cue, then to the earlier cue); with no
cue, the message is a `first_contact` by default. The report names the deciding cue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import DEFAULT_KIND, MESSAGE_KINDS, SCOPES, KindGuess
from ..text.analysis import Analysis
from .base import BuildContext, Params
from .matchers import Matcher, build_matchers

CUE_KEYS = ("id", "kind", "languages", "weight", "description", "scope", "any", "examples")
MIN_CUE_EXAMPLES = 2


@dataclass(frozen=True)
class KindExample:
    text: str
    expected: bool  # True: must be detected as the cue's kind; False: must not


@dataclass(frozen=True)
class KindCue:
    id: str
    kind: str
    languages: frozenset[str]
    weight: int
    description: str
    matchers: tuple[Matcher, ...]
    scope: str = "message"  # the subject line counts ("Objet : merci pour le café")
    examples: tuple[KindExample, ...] = ()
    source: str = "<memory>"

    @property
    def needs(self) -> frozenset[str]:
        return frozenset().union(*(m.needs for m in self.matchers))

    def applies_to(self, lang: str) -> bool:
        return "any" in self.languages or lang in self.languages

    def parts(self) -> tuple[Matcher, ...]:
        return self.matchers


def build_cue(data: Any, path: str, line: int | None) -> KindCue:
    """Validate one `kind_cues:` item. Raises RulePackError naming file, cue and line."""
    if not isinstance(data, dict):
        raise BuildContext(path).error("each kind cue must be a mapping (id: ..., kind: ...)", line)
    cue_id = data.get("id")
    ctx = BuildContext(path, f"kind cue {cue_id}" if isinstance(cue_id, str) else None)
    params = Params(data, ctx, CUE_KEYS)
    line = getattr(data, "line", line)
    if not isinstance(cue_id, str) or not cue_id.strip():
        raise ctx.error("'id' must be a non-empty text", line)
    kind = params.get("kind", str, required=True)
    if kind not in MESSAGE_KINDS:
        raise ctx.error(f"unknown message kind '{kind}' (use {', '.join(MESSAGE_KINDS)})", params.line_of("kind"))
    languages = frozenset(params.strings("languages", required=True))
    weight = params.get("weight", int, 1)
    if weight < 1:
        raise ctx.error("'weight' must be 1 or more", params.line_of("weight"))
    description = params.get("description", str, required=True).strip()
    scope = params.get("scope", str, "message")
    if scope not in SCOPES:
        raise ctx.error(f"unknown scope '{scope}' (use {', '.join(SCOPES)})", params.line_of("scope"))
    matchers = build_matchers(params.get("any", list, required=True), ctx, "any", params.line_of("any"))
    raw = Params(params.get("examples", dict, required=True), ctx, ("detect", "other"))
    examples: list[KindExample] = []
    for key in ("detect", "other"):
        items = raw.strings(key, required=True, allow_single=False)
        if len(items) < MIN_CUE_EXAMPLES:
            raise ctx.error(f"'examples.{key}' needs at least {MIN_CUE_EXAMPLES} examples", raw.line_of(key))
        examples += [KindExample(text, key == "detect") for text in items]
    return KindCue(cue_id, kind, languages, weight, description, matchers, scope, tuple(examples), path)


def build_cues(items: Any, path: str, line: int | None) -> list[KindCue]:
    if not isinstance(items, list):
        raise BuildContext(path).error("'kind_cues' must be a list of cues", line)
    return [build_cue(item, path, items.line_of(i) if hasattr(items, "line_of") else line)
            for i, item in enumerate(items)]


def detect_kind(cues: Iterable[KindCue], analysis: Analysis) -> KindGuess:
    """The message's kind from the cues of its language (see the module's docstring)."""
    scores: dict[str, int] = {}
    best_cue: dict[str, tuple[int, int, KindCue, int, int]] = {}  # kind -> (weight, -start, cue, start, end)
    for cue in cues:
        if not cue.applies_to(analysis.lang):
            continue
        span = analysis.scope(cue.scope)
        hits = [h for m in cue.matchers for h in m.find(analysis, span)]
        if not hits:
            continue
        first = min(hits, key=lambda h: (h.start, -h.end))
        scores[cue.kind] = scores.get(cue.kind, 0) + cue.weight
        candidate = (cue.weight, -first.start, cue, first.start, first.end)
        if cue.kind not in best_cue or candidate[:2] > best_cue[cue.kind][:2]:
            best_cue[cue.kind] = candidate
    if not scores:
        return KindGuess(DEFAULT_KIND, "default")
    kind = max(scores, key=lambda k: (scores[k], best_cue[k][0], best_cue[k][1]))
    _, _, cue, start, end = best_cue[kind]
    return KindGuess(kind, "detected", analysis.text[start:end], cue.id, start, end)


def cue_needs(cues: Sequence[KindCue], lang: str) -> frozenset[str]:
    return frozenset().union(*(c.needs for c in cues if c.applies_to(lang)))
