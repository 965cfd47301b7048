"""All the spaCy matchers of a rule set, run in one pass per message.

Each pattern and phrase check could run its own Matcher over the Doc: with the built-in
packs that is some thirty passes per message. The bank puts every pattern under one
Matcher (and the phrases under one PhraseMatcher per attribute), runs them once per
message, and hands each check its own matches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.util import filter_spans

from ..text.analysis import Analysis
from ..text.pipeline import fold_norms
from .base import Hit
from .compiled import PerPipeline
from .pattern import PatternCheck, register_re2_extension
from .phrase import PhraseCheck


def walk(node: Any) -> Iterator[Any]:
    """Every check reachable from a rule (its check, its `unless` matchers, nested groups)."""
    yield node
    for attribute in ("check", "matchers", "members", "unless"):
        child = getattr(node, attribute, None)
        if child is None:
            continue
        for item in child if isinstance(child, (tuple, list)) else (child,):
            yield from walk(item)


def signature(check: Any) -> str:
    """What a check matches, as a key: the same YAML anchor used by three rules builds three
    equal checks, which the bank runs once."""
    if isinstance(check, PatternCheck):
        return repr(("pattern", check.patterns))
    return repr(("phrase", check.attr, check.phrases))


class Bank:
    def __init__(self, checks: Iterable[Any]) -> None:
        unique: dict[str, Any] = {}
        for check in checks:
            if isinstance(check, (PatternCheck, PhraseCheck)):
                unique.setdefault(signature(check), check)
        self.checks = list(unique.values())
        self._index = {key: i for i, key in enumerate(unique)}
        self._keys: dict[int, str] = {}  # id(check) -> signature, filled as checks ask
        self._compiled: PerPipeline[tuple[Matcher, dict[str, PhraseMatcher]]] = PerPipeline(self._compile)

    def _key(self, check: Any) -> str:
        key = self._keys.get(id(check))
        if key is None:
            key = self._keys[id(check)] = signature(check)
        return key

    def knows(self, check: Any) -> bool:
        return self._key(check) in self._index

    def _compile(self, nlp: Language) -> tuple[Matcher, dict[str, PhraseMatcher]]:
        matcher = Matcher(nlp.vocab)
        phrase_matchers: dict[str, PhraseMatcher] = {}
        for i, check in enumerate(self.checks):
            if isinstance(check, PatternCheck):
                for attr, source in check.regexes:
                    register_re2_extension(attr, source)
                matcher.add(f"check{i}", check.patterns)
            else:
                if check.attr not in phrase_matchers:
                    phrase_matchers[check.attr] = PhraseMatcher(nlp.vocab, attr=check.attr)
                docs = list(nlp.pipe(check.phrases)) if check.attr == "LEMMA" else [
                    fold_norms(nlp.make_doc(p)) for p in check.phrases]
                phrase_matchers[check.attr].add(f"check{i}", [d for d in docs if len(d)])
        return matcher, phrase_matchers

    def _run(self, analysis: Analysis) -> dict[int, list[Hit]]:
        matcher, phrase_matchers = self._compiled.get(analysis.nlp)
        doc = analysis.doc
        strings = analysis.nlp.vocab.strings
        spans: dict[int, list[Any]] = defaultdict(list)
        for found in (matcher, *phrase_matchers.values()):
            if len(found):
                for key, start, end in found(doc):
                    spans[int(strings[key][5:])].append(doc[start:end])
        return {i: [Hit(s.start_char, s.end_char) for s in filter_spans(found)] for i, found in spans.items()}

    def hits(self, check: Any, analysis: Analysis) -> list[Hit]:
        """All of `check`'s matches in the message (the bank runs once per message)."""
        found = analysis.memo(("bank", id(self)), lambda: self._run(analysis))
        return found.get(self._index[self._key(check)], [])
