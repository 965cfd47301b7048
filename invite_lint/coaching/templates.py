"""Opener templates: YAML data in rule packs (a `templates:` section), validated like rules.

    templates:
      - id: fr-vu-envie
        description: ...
        languages: [fr]
        channels: [any]
        kinds: [first_contact]  # optional: the message kinds it is for (default: the cold approaches)
        requires: [name, about]
        priority: 30
        vous: "Bonjour {name}, {seen} {about} ... ?"     # French: a vous and a tu text
        tu: "Bonjour {name}, ..."
        text: "Hi {name}, ..."                          # English (or any language without registers)
        examples:
          - recipient: {name: Karine Martin, about: votre article sur ...}
            register: tu          # optional
            channel: email        # optional
            text: "the exact opener expected"

    questions:                     # the closing question, shaped for the kind of work (see subject.py)
      - id: fr-q-visual-detail
        languages: [fr]
        works: [visual]            # writing, talk, audio, video, visual, code, or any
        uses: detail               # the fact it asks about: detail, figure, topic, thing, action, discussed
        vous: "Comment obtenez-vous {thedetail} ?"
        tu: "Comment obtiens-tu {thedetail} ?"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import RulePackError
from ..kinds.base import BuildContext, Params
from ..model import CHANNELS, MESSAGE_KINDS, Recipient, Source, applies
from ..packs.loader import RawSection
from ..packs.schema import LANGUAGE, RULE_ID

# The message kinds are the linter's (model.MESSAGE_KINDS); a template without `kinds` is for the cold approaches.
KINDS = MESSAGE_KINDS
COLD_KINDS = ("first_contact", "informational_interview", "job_search", "referral_request", "prospecting")
# Facts: what the user gives (Recipient), and what the draft itself says (figure, shared).
FACTS = ("name", "about", "interest", "met", "ask", "detail", "discussed", "figure", "shared")
SLOTS = ("name", "about", "About", "topic", "interest", "met", "ask", "seen", "make", "question", "detail",
         "thedetail", "thefigure", "figure", "thing", "thistopic", "short", "action", "discussed", "thediscussed",
         "metbare", "shared", "Shared")
WORKS = ("writing", "talk", "audio", "video", "visual", "code", "any")
QUESTION_USES = ("detail", "figure", "topic", "thing", "action", "discussed", "met")
PREPOSITIONS = ("à", "de", "que", "lors de", "autour de")
TEMPLATE_KEYS = ("id", "description", "languages", "channels", "kinds", "requires", "priority", "text", "vous", "tu",
                 "examples")
QUESTION_KEYS = ("id", "description", "languages", "works", "kinds", "uses", "priority", "text", "vous", "tu")
SLOT = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class TemplateExample:
    recipient: Recipient
    text: str
    register: str = "vous"
    channel: str | None = None
    kind: str | None = None
    draft: str | None = None  # a draft the facts also come from


@dataclass(frozen=True)
class Template:
    id: str
    description: str
    languages: frozenset[str]
    channels: frozenset[str]
    requires: tuple[str, ...]
    priority: int
    texts: dict[str, str]  # register ("vous", "tu") or "text" -> template text
    examples: tuple[TemplateExample, ...]
    source: Source
    kinds: frozenset[str] = frozenset(COLD_KINDS)

    def text_for(self, register: str) -> str:
        return self.texts.get(register) or self.texts.get("text") or self.texts["vous"]

    def applies_to(self, lang: str, channel: str, kind: str | None = None) -> bool:
        return applies(self.languages, self.channels, lang, channel) and (kind is None or kind in self.kinds)

    @property
    def asks_itself(self) -> bool:
        """Its closing question is the next step: no other is added."""
        return any(parse_slot(e)[1] == "ask" for text in self.texts.values() for e in SLOT.findall(text))

    @property
    def has_question(self) -> bool:
        return any(parse_slot(e)[1] == "question" for text in self.texts.values() for e in SLOT.findall(text))


@dataclass(frozen=True)
class Question:
    """A closing question for one kind of work, asking about one fact ("detail": "Comment
    obtenez-vous ces couleurs ?")."""

    id: str
    languages: frozenset[str]
    works: frozenset[str]
    uses: str
    priority: int
    texts: dict[str, str]
    source: Source
    kinds: frozenset[str] = frozenset(KINDS)

    def text_for(self, register: str) -> str:
        return self.texts.get(register) or self.texts.get("text") or self.texts["vous"]

    def fits(self, lang: str, work: str, kind: str) -> bool:
        return ("any" in self.languages or lang in self.languages) and ("any" in self.works or work in self.works) \
            and kind in self.kinds


def parse_slot(expression: str) -> tuple[str | None, str, str | None]:
    """"à:topic|à ce sujet" -> ("à", "topic", "à ce sujet")."""
    fallback = None
    if "|" in expression:
        expression, fallback = expression.split("|", 1)
    prep = None
    if ":" in expression:
        prep, expression = expression.split(":", 1)
    return prep, expression.strip(), fallback


def _check_text(text: str, ctx: BuildContext, line: int | None) -> None:
    if text.count("((") != text.count("))"):
        raise ctx.error("unbalanced (( )) optional segment", line)
    for expression in SLOT.findall(text):
        prep, slot, _ = parse_slot(expression)
        if slot not in SLOTS:
            raise ctx.error(f"unknown slot '{{{expression}}}' (slots: {', '.join(SLOTS)})", line)
        if prep is not None and prep not in PREPOSITIONS:
            raise ctx.error(f"unknown preposition '{prep}' in '{{{expression}}}' (use {', '.join(PREPOSITIONS)})", line)


def _kinds(params: Params, ctx: BuildContext, default: tuple[str, ...]) -> frozenset[str]:
    kinds = frozenset(params.strings("kinds") or default) if "kinds" in params else frozenset(default)
    for kind in kinds:
        if kind not in KINDS:
            raise ctx.error(f"'kinds' has '{kind}' (kinds: {', '.join(KINDS)})", params.line_of("kinds"))
    return kinds


def _entry(data: object, path: str, line: int | None, what: str,
           keys: tuple[str, ...]) -> tuple[str, BuildContext, Params]:
    """A pack entry's id, its error context (naming file, entry and line) and its keys."""
    if not isinstance(data, dict):
        raise BuildContext(path).error(f"each {what} must be a mapping", line)
    entry_id = data.get("id")
    ctx = BuildContext(path, f"{what} {entry_id}" if isinstance(entry_id, str) else None)
    if not isinstance(entry_id, str) or not RULE_ID.match(entry_id):
        raise ctx.error(f"'id' must be kebab-case, not {entry_id!r}", getattr(data, "line", line))
    return entry_id, ctx, Params(data, ctx, keys)


def build_question(data: object, path: str, line: int | None) -> Question:
    question_id, ctx, params = _entry(data, path, line, "question", QUESTION_KEYS)
    languages = frozenset(params.strings("languages", required=True))
    works = frozenset(params.strings("works", required=True))
    for work in works:
        if work not in WORKS:
            raise ctx.error(f"'works' has '{work}' (works: {', '.join(WORKS)})", params.line_of("works"))
    uses = params.get("uses", str, required=True)
    if uses not in QUESTION_USES:
        raise ctx.error(f"'uses' must be one of {', '.join(QUESTION_USES)}", params.line_of("uses"))
    texts = {key: params.get(key, str) for key in ("text", "vous", "tu") if key in params}
    if not texts:
        raise ctx.error("a question needs 'text' (or 'vous' and 'tu')", params.line)
    for key, text in texts.items():
        _check_text(text, ctx, params.line_of(key))
        if "question" in (parse_slot(e)[1] for e in SLOT.findall(text)):
            raise ctx.error("a question cannot hold {question}", params.line_of(key))
    return Question(question_id, languages, works, str(uses), int(params.get("priority", int, 0)), texts,
                    Source(path, params.line), _kinds(params, ctx, KINDS))


def build_questions(sections: Sequence[RawSection]) -> list[Question]:
    questions: list[Question] = []
    seen: set[str] = set()
    for section in sections:
        if not isinstance(section.items, list):
            raise RulePackError(section.path, "'questions' must be a list")
        for i, item in enumerate(section.items):
            line = section.items.line_of(i) if hasattr(section.items, "line_of") else None
            question = build_question(item, section.path, line)
            if question.id in seen:
                raise RulePackError(section.path, "duplicate question id", line=question.source.line,
                                    rule_id=f"question {question.id}")
            seen.add(question.id)
            questions.append(question)
    return questions


def build_template(data: object, path: str, line: int | None) -> Template:
    template_id, ctx, params = _entry(data, path, line, "template", TEMPLATE_KEYS)
    languages = frozenset(params.strings("languages", required=True))
    for lang in languages:
        if not LANGUAGE.match(lang):
            raise ctx.error(f"'languages' has '{lang}'", params.line_of("languages"))
    channels = frozenset(params.strings("channels", required=True))
    for channel in channels:
        if channel not in (*CHANNELS, "any"):
            raise ctx.error(f"'channels' has '{channel}'", params.line_of("channels"))
    requires = tuple(params.strings("requires", required=True))
    for fact in requires:
        if fact not in FACTS:
            raise ctx.error(f"'requires' has '{fact}' (facts: {', '.join(FACTS)})", params.line_of("requires"))
    texts = {key: params.get(key, str) for key in ("text", "vous", "tu") if key in params}
    if not texts:
        raise ctx.error("a template needs 'text' (or 'vous' and 'tu')", params.line)
    for key, text in texts.items():
        _check_text(text, ctx, params.line_of(key))
    raw_examples = params.get("examples", list, required=True)
    if not raw_examples:
        raise ctx.error("'examples' needs at least one example", params.line_of("examples"))
    examples = []
    for i, item in enumerate(raw_examples):
        item_line = raw_examples.line_of(i) if hasattr(raw_examples, "line_of") else params.line_of("examples")
        if not isinstance(item, dict):
            raise ctx.error("an example is a mapping with 'recipient' and 'text'", item_line)
        ex = Params(item, ctx, ("recipient", "text", "register", "channel", "kind", "draft"))
        recipient = Recipient.from_dict(ex.get("recipient", dict, required=True))
        register = ex.get("register", str, "vous")
        if register not in ("vous", "tu"):
            raise ctx.error("'register' must be vous or tu", item_line)
        kind = ex.get("kind", str)
        if kind is not None and kind not in KINDS:
            raise ctx.error(f"'kind' must be one of {', '.join(KINDS)}", item_line)
        examples.append(TemplateExample(recipient or Recipient(), ex.get("text", str, required=True), register,
                                        ex.get("channel", str), kind, ex.get("draft", str)))
    kinds = _kinds(params, ctx, COLD_KINDS)
    return Template(template_id, str(params.get("description", str, required=True)), languages, channels, requires,
                    int(params.get("priority", int, 0)), texts, tuple(examples), Source(path, params.line), kinds)


def build_templates(sections: Sequence[RawSection]) -> list[Template]:
    templates: list[Template] = []
    seen: dict[str, Template] = {}
    for section in sections:
        if not isinstance(section.items, list):
            raise RulePackError(section.path, "'templates' must be a list")
        for i, item in enumerate(section.items):
            line = section.items.line_of(i) if hasattr(section.items, "line_of") else None
            template = build_template(item, section.path, line)
            if template.id in seen:
                raise RulePackError(section.path, f"duplicate template id (also at {seen[template.id].source})",
                                    line=template.source.line, rule_id=f"template {template.id}")
            seen[template.id] = template
            templates.append(template)
    return templates
