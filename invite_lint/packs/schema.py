"""The fields every rule has, checked and turned into a RuleSpec + compiled Rule."""

from __future__ import annotations

import re
from typing import Any

from ..kinds import KINDS, BuildContext, Params, Rule, build_matchers
from ..model import CHANNELS, SCOPES, Example, Fix, Recipient, RuleSpec, Severity, Source
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
)
REQUIRED_TEXT = ("description", "rationale")
TRANSLATED_TEXT = ("message", "suggestion")
_EXAMPLE_KEYS = ("text", "lang", "channel", "recipient")


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
                examples.append(Example(text, ex.get("lang", str), channel, Recipient.from_dict(recipient)))
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


def build_rule(data: Any, path: str, line: int | None) -> Rule:
    """Validate one rule mapping and compile it. Raises RulePackError (file, rule, line)."""
    if not isinstance(data, dict):
        raise BuildContext(path).error("each rule must be a mapping (id: ..., kind: ...)", line)
    rule_id = data.get("id")
    ctx = BuildContext(path, rule_id if isinstance(rule_id, str) else None)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise ctx.error(f"'id' must be kebab-case (like 'too-short'), not {rule_id!r}", getattr(data, "line", line))
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise ctx.error(f"unknown kind {kind_name!r} (use {', '.join(KINDS)})", getattr(data, "line_of", lambda k: line)("kind"))
    kind = KINDS[kind_name]
    params = Params(data, ctx, (*COMMON_KEYS, *kind.KEYS))
    for key in REQUIRED_TEXT:
        if not str(params.get(key, str, required=True)).strip():
            raise ctx.error(f"'{key}' must not be empty", params.line_of(key))
    translated = {key: _translated(params, key) for key in TRANSLATED_TEXT}
    severity_name = params.get("severity", str, required=True)
    try:
        severity = Severity(severity_name)
    except ValueError:
        raise ctx.error(f"'severity' must be error, warning or info, not '{severity_name}'",
                        params.line_of("severity")) from None
    scope = params.get("scope", str, "message")
    if scope not in SCOPES:
        raise ctx.error(f"unknown scope '{scope}' (use {', '.join(SCOPES)})", params.line_of("scope"))
    flag, passing = _examples(params, ctx)
    spec = RuleSpec(
        id=rule_id,
        kind=kind_name,
        description=params.get("description", str).strip(),
        rationale=params.get("rationale", str).strip(),
        severity=severity,
        languages=_choices(params, "languages", LANGUAGE),
        channels=_choices(params, "channels", (*CHANNELS, "any")),
        message=translated["message"][0],
        suggestion=translated["suggestion"][0],
        messages=translated["message"][1],
        suggestions=translated["suggestion"][1],
        scope=scope,
        link=params.get("link", str),
        flag_examples=flag,
        pass_examples=passing,
        source=Source(path, getattr(data, "line", line)),
        fix=_fix(params, ctx),
    )
    check = kind.build(params, ctx)  # unknown keys were refused above; the kind reads its own
    looping = _self_reproducing(check, spec.fix)
    if looping:
        raise ctx.error(looping, params.line_of("fix"))
    unless = ()
    if "unless" in data:
        unless = build_matchers(data["unless"], ctx, "unless", params.line_of("unless"))
    needs = frozenset(check.needs).union(*(m.needs for m in unless))
    return Rule(spec=spec, check=check, unless=unless, needs=needs)
