"""`pattern` rules: spaCy Matcher token patterns, written in YAML exactly as in Python.

    patterns:
      - [{LEMMA: {IN: [aimer, souhaiter]}}, {LEMMA: rejoindre}, {LOWER: votre}, {LEMMA: réseau}]

Patterns are validated with spaCy's own schema when the pack loads. LEMMA and NORM values
are lower-cased and accent-folded, as invite-lint folds the text's lemmas and norms, so
`{LEMMA: réseau}` also finds "reseau"; LOWER values are lower-cased.

`REGEX` predicates run with RE2, not Python's backtracking `re` (spaCy's own REGEX would
let a crafted pack hang the linter): each one becomes a boolean token extension computed
by RE2. Custom `_` extensions are refused: a pack cannot rely on code it does not ship.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..text.folding import fold
from ..text.saferegex import RegexError, SafeRegex
from .base import BuildContext, Params, RuleKind
from .compiled import MatcherCheck

KEYS = ("patterns",)

# Which token features a pattern key reads (see text.pipeline.FEATURES).
_NEEDS = {
    "LEMMA": "lemma",
    "POS": "pos",
    "TAG": "pos",
    "MORPH": "morph",
    "DEP": "dep",
    "ENT_TYPE": "ner",
    "ENT_IOB": "ner",
    "ENT_ID": "ner",
    "ENT_KB_ID": "ner",
}
_FOLDED = {"LEMMA", "NORM"}
_validation_vocab: Vocab | None = None

# Token attribute -> how to read it as a string, for REGEX predicates run by RE2.
_STRING_ATTRS: dict[str, Callable[[Token], str]] = {
    "TEXT": lambda t: t.text,
    "ORTH": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "LEMMA": lambda t: t.lemma_,
    "SHAPE": lambda t: t.shape_,
    "PREFIX": lambda t: t.prefix_,
    "SUFFIX": lambda t: t.suffix_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
}


def _extension_name(attr: str, source: str) -> str:
    return "invite_lint_re2_" + hashlib.sha1(f"{attr}\0{source}".encode()).hexdigest()[:16]


def register_re2_extension(attr: str, source: str) -> str:
    """A boolean token extension, true when RE2 finds `source` in the token's `attr`.

    Registered per process (and again after unpickling, by PatternCheck._compile)."""
    name = _extension_name(attr, source)
    if not Token.has_extension(name):
        regex = SafeRegex(source, ignore_case=False)  # raises RegexError on invalid RE2
        read = _STRING_ATTRS[attr]

        def matching(doc: Doc) -> frozenset[int]:
            # The Matcher asks once per token and per pattern state: scan the doc once instead.
            key = f"invite_lint_re2:{name}"
            if key not in doc.user_data:
                doc.user_data[key] = frozenset(t.i for t in doc if regex.search(read(t)))
            return doc.user_data[key]

        Token.set_extension(name, getter=lambda token: token.i in matching(token.doc))
    return name


def _move_regexes(token: dict[str, Any], used: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    extensions: dict[str, bool] = {}
    for key, value in token.items():
        if isinstance(value, dict) and "REGEX" in value:
            if key not in _STRING_ATTRS:
                raise ValueError(f"REGEX is not supported on {key}")
            if not isinstance(value["REGEX"], str) or not value["REGEX"]:
                raise ValueError(f"{key}: REGEX must be one pattern (a text), not {value['REGEX']!r}")
            extensions[register_re2_extension(key, value["REGEX"])] = True
            used.append((key, value["REGEX"]))
            rest = {k: v for k, v in value.items() if k != "REGEX"}
            if rest:
                out[key] = rest
        else:
            out[key] = value
    if extensions:
        out["_"] = extensions
    return out


def _normalise_value(value: Any, transform: Any) -> Any:
    if isinstance(value, str):
        return transform(value)
    if isinstance(value, list):
        return [_normalise_value(v, transform) for v in value]
    if isinstance(value, dict):
        # Set operators (IN, NOT_IN...) hold lists of values; REGEX and comparison values stay as written.
        return {k: (_normalise_value(v, transform) if str(k).upper() in ("IN", "NOT_IN", "IS_SUBSET",
                    "IS_SUPERSET", "INTERSECTS") else v) for k, v in value.items()}
    return value


def normalise_token(token: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    out: dict[str, Any] = {}
    needs: set[str] = set()
    for key, value in token.items():
        upper = str(key).upper()
        if upper in _NEEDS:
            needs.add(_NEEDS[upper])
        if upper in _FOLDED:
            value = _normalise_value(value, fold)
        elif upper == "LOWER":
            value = _normalise_value(value, str.lower)
        out[upper if upper != "_" else key] = value
    return out, needs


def _to_plain(value: Any) -> Any:
    """LineMap/LineList to plain dict/list, which spaCy's validator expects."""
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    return value


MAX_REPEAT = 10  # tokens a quantified pattern token may match: bounded work per message
_RANGE = re.compile(r"^\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}$")


def _unbounded(token: dict[str, Any]) -> str | None:
    """Why a token's OP is refused, or None. `+`, `*` and `{n,}` let one pattern token match
    any stretch of a message: `[{OP: '+'}]` matches every span of it, time and memory
    quadratic in its length (2,000 tokens: 16 s, 1 GB). A pack is untrusted data: repeats
    must be bounded, as the built-in packs write them (`{,3}`)."""
    op = token.get("OP")
    if not isinstance(op, str):
        return None
    if op in ("+", "*"):
        return f"OP '{op}' is unbounded (it can match any stretch of a message); write a bound such as " \
               f"'{{{'1' if op == '+' else ''},{MAX_REPEAT}}}' (at most {MAX_REPEAT} tokens)"
    found = _RANGE.match(op)
    if found:
        low, comma, high = found.groups()
        bound = int(high) if high else (int(low) if low and not comma else None)
        if bound is None or bound > MAX_REPEAT:
            return f"OP '{op}' repeats more than {MAX_REPEAT} tokens; write a bound of at most {MAX_REPEAT}"
    return None


def _validate(pattern: list[dict[str, Any]]) -> str | None:
    global _validation_vocab
    if _validation_vocab is None:
        _validation_vocab = Vocab()
    try:
        Matcher(_validation_vocab, validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises ValueError / MatchPatternError with a multi-line text
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip() and not ln.startswith("=")]
        return " ".join(lines)[:300] or type(exc).__name__
    return None


class PatternCheck(MatcherCheck):
    def __init__(self, patterns: list[list[dict[str, Any]]], needs: frozenset[str],
                 regexes: tuple[tuple[str, str], ...] = ()) -> None:
        self.patterns = patterns
        self.needs = needs
        self.regexes = regexes  # (attr, RE2 source) behind the "_" predicates
        super().__init__()

    def register_extensions(self) -> None:
        """The RE2 token extensions its patterns read, in this process (again after unpickling)."""
        for attr, source in self.regexes:
            register_re2_extension(attr, source)

    def _compile(self, nlp: Language) -> Matcher:
        self.register_extensions()
        matcher = Matcher(nlp.vocab)
        matcher.add("pattern", self.patterns)
        return matcher


def build(params: Params, ctx: BuildContext) -> PatternCheck:
    raw = params.get("patterns", list, required=True)
    if not raw:
        raise ctx.error("'patterns' must not be empty", params.line_of("patterns"))
    patterns: list[list[dict[str, Any]]] = []
    needs: set[str] = set()
    regexes: list[tuple[str, str]] = []
    for i, pattern in enumerate(raw):
        line = raw.line_of(i) if hasattr(raw, "line_of") else params.line_of("patterns")
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise ctx.error(f"pattern {i + 1} must be a non-empty list of token mappings", line)
        tokens = []
        for token in pattern:
            if "_" in token:
                raise ctx.error(f"pattern {i + 1}: custom extensions ('_') are not available to rule packs", line)
            unbounded = _unbounded(token)
            if unbounded:
                raise ctx.error(f"pattern {i + 1}: {unbounded}", line)
            normalised, token_needs = normalise_token(_to_plain(token))
            tokens.append(normalised)
            needs |= token_needs
        try:  # REGEX predicates become RE2-backed extensions first: spaCy would compile them with `re`
            tokens = [_move_regexes(t, regexes) for t in tokens]
        except (RegexError, ValueError) as exc:
            raise ctx.error(f"pattern {i + 1}: {exc}", line) from None
        problem = _validate(tokens)
        if problem:
            raise ctx.error(f"invalid spaCy pattern {i + 1}: {problem}", line)
        patterns.append(tokens)
    return PatternCheck(patterns, frozenset(needs), tuple(dict.fromkeys(regexes)))


KIND = RuleKind('pattern', KEYS, build, matcher_key="patterns",
                description='spaCy Matcher token patterns, REGEX predicates run by RE2.')
