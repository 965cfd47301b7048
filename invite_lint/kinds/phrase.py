"""`phrase` rules: lists of phrases, found with spaCy's PhraseMatcher.

`attr` chooses what is compared, token by token:
- NORM (default): lower-cased and accent-folded words ("Reseau" finds "réseau");
- LOWER: lower-cased, accents kept;
- LEMMA: lower-cased, accent-folded lemmas ("souhaiterais" finds "souhaiter"); needs the
  language's statistical model, and phrases are lemmatised out of context.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..text.pipeline import fold_norms
from .base import BuildContext, Params, RuleKind
from .compiled import MatcherCheck

KEYS = ("phrases", "attr")
ATTRS = ("NORM", "LOWER", "LEMMA")


class PhraseCheck(MatcherCheck):
    def __init__(self, phrases: list[str], attr: str) -> None:
        self.phrases = phrases
        self.attr = attr
        self.needs = frozenset({"lemma"}) if attr == "LEMMA" else frozenset()
        super().__init__()

    def phrase_docs(self, nlp: Language) -> list[Doc]:
        """The phrases as the matcher compares them (lemmatised, or folded norms)."""
        if self.attr == "LEMMA":
            docs = list(nlp.pipe(self.phrases))
        else:
            docs = [fold_norms(nlp.make_doc(p)) for p in self.phrases]
        return [d for d in docs if len(d)]

    def _compile(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr=self.attr)
        matcher.add("phrase", self.phrase_docs(nlp))
        return matcher


def build(params: Params, ctx: BuildContext) -> PhraseCheck:
    phrases = params.strings("phrases", required=True)
    attr = str(params.get("attr", str, "NORM")).upper()
    if attr not in ATTRS:
        raise ctx.error(f"'attr' must be one of {', '.join(ATTRS)}, not '{attr}'", params.line_of("attr"))
    return PhraseCheck(phrases, attr)


KIND = RuleKind('phrase', KEYS, build, matcher_key="phrases",
                description='Phrases matched on tokens (spaCy PhraseMatcher), on NORM, LOWER or LEMMA.')
