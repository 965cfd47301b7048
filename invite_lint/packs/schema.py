"""The fields every rule has, checked and turned into a RuleSpec + compiled Rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import RulePackError, raise_all
from ..kinds import KINDS, BuildContext, Params, Rule, build_matchers
from ..model import CHANNELS, MESSAGE_KINDS, SCOPES, Example, Fix, Recipient, RuleSpec, Severity, Source
from ..text.saferegex import RegexError, SafeRegex

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^(?:[a-z]{2}|any)$")
MIN_EXAMPLES = 2

COMMON_KEYS = (
    "id",
    "kind",
    "description",
    "rationale",
    "severity",
    "languages",
    "channels",
    "message",
    "suggestion",
    "scope",
    "link",
    "examples",
    "unless",
    "fix",
    "kinds",
)
REQUIRED_TEXT = ("description", "rationale")
TRANSLATED_TEXT = ("message", "suggestion")
_EXAMPLE_KEYS = ("text", "lang", "channel", "recipient", "kind")


def _examples(params: Params, ctx: BuildContext) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    raw = params.get("examples", dict, required=True)
    sub = Params(raw, ctx, ("flag", "pass"))
    out = []
    for key in ("flag", "pass"):
        items = sub.get(key, list, required=True)
        if len(items) < MIN_EXAMPLES:
            raise ctx.error(f"'examples.{key}' needs at least {MIN_EXAMPLES} examples", sub.line_of(key))
        examples = []
        for i, item in enumerate(items):
            line = items.line_of(i) if hasattr(items, "line_of") else sub.line_of(key)
            if isinstance(item, str) and item.strip():
                examples.append(Example(item))
            elif isinstance(item, dict):
                ex = Params(item, ctx, _EXAMPLE_KEYS)
                text = ex.get("text", str, required=True)
                channel = ex.get("channel", str)
                if channel is not None and channel not in CHANNELS:
                    raise ctx.error(f"example channel must be one of {', '.join(CHANNELS)}", line)
                recipient = ex.get("recipient", dict)
                kind = ex.get("kind", str)
                if kind is not None and kind not in MESSAGE_KINDS:
                    raise ctx.error(f"example kind must be one of {', '.join(MESSAGE_KINDS)}", line)
                examples.append(Example(text, ex.get("lang", str), channel, Recipient.from_dict(recipient), kind))
            else:
                raise ctx.error(f"'examples.{key}' item {i + 1} must be a text or a mapping with 'text'", line)
        out.append(tuple(examples))
    return out[0], out[1]


def _translated(params: Params, key: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A text, or a mapping of language code to text (shown in the message's language)."""
    value = params.get(key, (str, dict), required=True)
    if isinstance(value, str):
        if not value.strip():
            raise params.ctx.error(f"'{key}' must not be empty", params.line_of(key))
        return value.strip(), ()
    pairs = []
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE.match(lang) or lang == "any":
            raise params.ctx.error(f"'{key}' translations are keyed by language code (fr, en...), not {lang!r}",
                                   params.line_of(key))
        if not isinstance(text, str) or not text.strip():
            raise params.ctx.error(f"'{key}.{lang}' must be a non-empty text", params.line_of(key))
        pairs.append((lang, text.strip()))
    if not pairs:
        raise params.ctx.error(f"'{key}' must not be empty", params.line_of(key))
    fallback = dict(pairs).get("en", pairs[0][1])
    return fallback, tuple(pairs)


def _fix(params: Params, ctx: BuildContext) -> Fix | None:
    if "fix" not in params:
        return None
    raw = params.get("fix", dict)
    fix = Params(raw, ctx, ("with", "replace", "pattern"))
    line = params.line_of("fix")
    if "replace" in fix:
        table = fix.get("replace", dict)
        if "with" in fix or "pattern" in fix or not table:
            raise ctx.error("'fix.replace' is a non-empty mapping, used alone", line)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise ctx.error("'fix.replace' maps texts to texts", line)
        return Fix(replacements=tuple((k.lower(), v) for k, v in table.items()))
    if "with" not in fix:
        raise ctx.error("'fix' needs 'with' (a text) or 'replace' (a mapping)", line)
    constant = fix.get("with", str)
    pattern = fix.get("pattern", str)
    if pattern is not None:
        try:
            SafeRegex(pattern)
        except RegexError as exc:
            raise ctx.error(f"'fix.pattern': {exc}", line) from None
    return Fix(constant=constant, pattern=pattern)


def _choices(params: Params, key: str, allowed: tuple[str, ...] | re.Pattern[str]) -> frozenset[str]:
    values = params.strings(key, required=True)
    for value in values:
        ok = allowed.match(value) if isinstance(allowed, re.Pattern) else value in allowed
        if not ok:
            hint = "two-letter language codes or any" if isinstance(allowed, re.Pattern) else ", ".join(allowed)
            raise params.ctx.error(f"'{key}' has '{value}' (use {hint})", params.line_of(key))
    return frozenset(values)


def _message_kinds(params: Params) -> tuple[str, ...]:
    """`kinds: [follow_up_after_meeting, thank_you]`: the message kinds a rule applies to."""
    if "kinds" not in params:
        return ("any",)
    values = params.strings("kinds")
    for value in values:
        if value != "any" and value not in MESSAGE_KINDS:
            raise params.ctx.error(f"'kinds' has '{value}' (use {', '.join(MESSAGE_KINDS)} or any)",
                                   params.line_of("kinds"))
    return ("any",) if "any" in values else tuple(dict.fromkeys(values))


def _self_reproducing(check: Any, fix: Fix | None) -> str | None:
    """A regex rule's fix whose replacement its own regex matches again (`a` -> `aaaa`):
    each --fix round would re-create, and multiply, what it fixes."""
    regexes = getattr(check, "regexes", None)
    if fix is None or not regexes:
        return None
    texts = [v for _, v in fix.replacements] if fix.replacements else [fix.constant or ""]
    for text in texts:
        for regex in regexes:
            if text and regex.search(text):
                return f"its fix writes {text!r}, which its own regex {regex.source!r} matches again " \
                       "(each --fix round would re-create what it fixes)"
    return None


def build_rule(data: Any, path: str, line: int | None, errors: list[RulePackError] | None = None) -> Rule | None:
    """Validate one rule mapping and compile it. Raises RulePackError (file, rule, line) --
    or, given `errors`, adds every error found in the rule to it (as a compiler goes on
    after an error) and returns None when there was any."""
    found: list[RulePackError] = [] if errors is None else errors
    before = len(found)
    rule = _build_rule(data, path, line, found)
    found[before:] = sorted(found[before:], key=lambda e: e.line or 0)  # a rule's errors in line order
    if errors is None:
        raise_all(found)
    return rule if len(found) == before else None


def _attempt(errors: list[RulePackError], step: Callable[[], Any], default: Any = None) -> Any:
    """Run one independent check of a rule; on an error, note it and go on with the next."""
    try:
        return step()
    except RulePackError as exc:
        errors.append(exc)
        return default


def _build_rule(data: Any, path: str, line: int | None, errors: list[RulePackError]) -> Rule | None:
    before = len(errors)
    if not isinstance(data, dict):
        errors.append(BuildContext(path).error("each rule must be a mapping (id: ..., kind: ...)", line))
        return None
    rule_id = data.get("id")
    ctx = BuildContext(path, rule_id if isinstance(rule_id, str) else None)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        errors.append(ctx.error(f"'id' must be kebab-case (like 'too-short'), not {rule_id!r}",
                                getattr(data, "line", line)))
    kind_name = data.get("kind")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        errors.append(ctx.error(f"unknown kind {kind_name!r} (use {', '.join(KINDS)})",
                                getattr(data, "line_of", lambda k: line)("kind")))
    # with an unknown kind, any kind's keys are taken as known: one error, not one per key
    kind_keys = kind.keys if kind is not None else tuple(k for known in KINDS.values() for k in known.keys)
    params = Params(data, ctx, (*COMMON_KEYS, *kind_keys), errors)

    def required_text(key: str) -> None:
        if not str(params.get(key, str, required=True)).strip():
            raise ctx.error(f"'{key}' must not be empty", params.line_of(key))

    for key in REQUIRED_TEXT:
        _attempt(errors, lambda key=key: required_text(key))  # type: ignore[misc]
    translated = {key: _attempt(errors, lambda key=key: _translated(params, key), ("", ()))  # type: ignore[misc]
                  for key in TRANSLATED_TEXT}

    def severity_of() -> Severity:
        severity_name = params.get("severity", str, required=True)
        try:
            return Severity(severity_name)
        except ValueError:
            raise ctx.error(f"'severity' must be error, warning or info, not '{severity_name}'",
                            params.line_of("severity")) from None

    def scope_of() -> str:
        scope = params.get("scope", str, "message")
        if scope not in SCOPES:
            raise ctx.error(f"unknown scope '{scope}' (use {', '.join(SCOPES)})", params.line_of("scope"))
        return str(scope)

    severity = _attempt(errors, severity_of)
    scope = _attempt(errors, scope_of)
    examples = _attempt(errors, lambda: _examples(params, ctx), ((), ()))
    languages = _attempt(errors, lambda: _choices(params, "languages", LANGUAGE))
    channels = _attempt(errors, lambda: _choices(params, "channels", (*CHANNELS, "any")))
    link = _attempt(errors, lambda: params.get("link", str))
    fix = _attempt(errors, lambda: _fix(params, ctx))
    check = _attempt(errors, lambda: kind.build(params, ctx)) if kind is not None else None  # the kind reads its own
    unless: tuple[Any, ...] = ()
    if "unless" in data:
        unless = _attempt(errors, lambda: build_matchers(data["unless"], ctx, "unless", params.line_of("unless")), ())
    looping = _self_reproducing(check, fix) if check is not None else None
    if looping:
        errors.append(ctx.error(looping, params.line_of("fix")))
    # "unknown key 'phrase' (did you mean 'phrases'?)" already says that 'phrases' is missing
    errors[before:] = [e for e in errors[before:]
                       if not any(e.problem == f"missing required key '{key}'" for key in params.suggested)]
    if len(errors) > before:
        return None
    assert isinstance(rule_id, str) and kind_name is not None and check is not None  # no error: all were built
    spec = RuleSpec(
        id=rule_id,
        kind=kind_name,
        description=params.get("description", str).strip(),
        rationale=params.get("rationale", str).strip(),
        severity=severity,
        languages=languages,
        channels=channels,
        message=translated["message"][0],
        suggestion=translated["suggestion"][0],
        messages=translated["message"][1],
        suggestions=translated["suggestion"][1],
        scope=scope,
        link=link,
        flag_examples=examples[0],
        pass_examples=examples[1],
        source=Source(path, getattr(data, "line", line)),
        fix=fix,
        message_kinds=_attempt(errors, lambda: _message_kinds(params)) or ("any",),
    )
    needs = frozenset(check.needs).union(*(m.needs for m in unless))
    return Rule(spec=spec, check=check, unless=unless, needs=needs)
