"""Rewriting a draft: keep the user's own good sentences, replace the generic ones, add
what is missing (a greeting with the name, something specific, a question, a sign-off)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..model import Recipient, Report
from ..text.parts import split_parts
from .grammar import GRAMMARS
from .languages import LanguageTable, LanguageText
from .suggest import Coach, Suggestion
from .wording import say

# Sentences these rules flag are replaced, not kept.
REPLACED = frozenset({"default-invitation-text", "empty-flattery", "contact-collecting", "bare-connect-request",
                      "stock-opener", "apologetic-opener", "mass-mailing"})
GREETING = LanguageText("greeting")
SIGN_OFF = LanguageTable("sign_off")
NO_NAME = LanguageText("no_name")
REGISTER = LanguageText("default_register")


@dataclass(frozen=True)
class Rewrite:
    original: str
    text: str
    before: Report
    after: Report
    suggestion: Suggestion | None
    changes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, path: str = "draft") -> str:
        return "".join(difflib.unified_diff(
            _ensure_newline(self.original).splitlines(keepends=True), _ensure_newline(self.text).splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}"))


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _opener_parts(suggestion: Suggestion) -> tuple[str, str]:
    """The opener without its greeting, split into what it says and its closing question."""
    text = suggestion.text
    greeting = split_parts(text).greeting
    body = text[greeting[1]:].strip()
    slot = NO_NAME.get(suggestion.lang)
    if slot and body.startswith(slot):  # "Hi [their first name]," : the greeting ends after the name's slot
        body = body[len(slot):].lstrip(" ,")
    sentences = split_parts(body).sentences
    if not sentences:
        return body, ""
    last = body[sentences[-1][0]:sentences[-1][1]]
    head = body[:sentences[-1][0]].strip()
    return head, last if "?" in last else ""


def rewrite(coach: Coach, text: str, recipient: Recipient | None = None, lang: str | None = None,
            channel: str | None = None, kind: str | None = None) -> Rewrite:
    before = coach.linter.lint(text, lang, channel, recipient)
    lang = before.lang if before.lang in GRAMMARS else coach.linter.engine.default_lang
    channel = before.channel
    found = coach.candidates(text, recipient, lang, channel, kind=kind)  # the facts are gathered once, here
    suggestions = coach.rank(found)
    best = suggestions[0] if suggestions else None
    facts = found[1]
    parts = split_parts(text)
    changes: list[str] = []

    flagged = [(f.start, f.end) for f in before.findings if f.rule_id in REPLACED]
    body_sentences = [s for s in parts.sentences if s[0] >= parts.body[0] and s[1] <= parts.body[1]]
    kept = [text[s:e] for s, e in body_sentences if not any(s < fe and fs < e for fs, fe in flagged)]
    dropped = len(body_sentences) - len(kept)
    if dropped:
        changes.append(say("replaced-one" if dropped == 1 else "replaced-many", lang, count=dropped,
                           rules=", ".join(sorted(before.rule_ids & REPLACED))))

    greeting_text = text[parts.greeting[0]:parts.greeting[1]].strip()
    name = facts.first_name
    if not greeting_text or {"generic-greeting", "mass-mailing", "missing-recipient-name"} & before.rule_ids:
        greeting_text = GREETING[lang].format(name=name or NO_NAME[lang])
        changes.append(say("greeted" if name else "greeting-slot", lang))

    body = list(kept)
    if best is not None:
        head, question = _opener_parts(best)
        if "no-specific-reference" in before.rule_ids or not body:
            body.insert(0, head)
            changes.append(say("added-about" if best.complete else "added-about-slot", lang))
        if "no-question" in before.rule_ids or (question and not any("?" in s for s in body)):
            body.append(question)
            changes.append(say("question", lang))

    sign_off = text[parts.sign_off[0]:parts.sign_off[1]].strip()
    if not sign_off and channel in ("email", "inmail"):
        register = best.register if best else REGISTER[lang]
        sign_off = SIGN_OFF[lang].get(register, next(iter(SIGN_OFF[lang].values())))
        changes.append(say("sign-off", lang))

    body_text = " ".join(s.strip() for s in body if s.strip())
    if "\n" in text.strip():  # paragraphs; a subject line has a line of its own, so it is here
        body_text = body_text[:1].upper() + body_text[1:]  # the body starts its own paragraph
        blocks = [text[: parts.subject[1]].strip()] if parts.subject else []  # the user's subject line, as is
        blocks += [greeting_text, body_text] + ([sign_off] if sign_off else [])
        new_text = "\n\n".join(blocks)
    else:
        new_text = " ".join(x for x in (greeting_text, body_text, sign_off) if x)
    if text.endswith(("\n", "\r")):
        new_text += "\n"
    after = coach.linter.lint(new_text, lang, channel, recipient)
    return Rewrite(text, new_text, before, after, best, tuple(changes))
