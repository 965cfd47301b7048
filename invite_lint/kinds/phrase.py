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
from spacy.util import filter_spans

from ..text.analysis import Analysis
from ..text.parts import Span
from ..text.pipeline import fold_norms
from .base import BuildContext, Hit, Params, within
from .compiled import PerPipeline

SIGNATURE = "phrases"
KEYS = ("phrases", "attr")
ATTRS = ("NORM", "LOWER", "LEMMA")


class PhraseCheck:
    def __init__(self, phrases: list[str], attr: str) -> None:
        self.phrases = phrases
        self.attr = attr
        self.needs = frozenset({"lemma"}) if attr == "LEMMA" else frozenset()
        self._matchers: PerPipeline[PhraseMatcher] = PerPipeline(self._compile)

    def _compile(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr=self.attr)
        if self.attr == "LEMMA":
            docs = list(nlp.pipe(self.phrases))
        else:
            docs = [fold_norms(nlp.make_doc(p)) for p in self.phrases]
        matcher.add("phrase", [d for d in docs if len(d)])
        return matcher

    def _all_hits(self, analysis: Analysis) -> list[Hit]:
        doc = analysis.doc
        matches = self._matchers.get(analysis.nlp)(doc)
        return [Hit(s.start_char, s.end_char) for s in filter_spans([doc[s:e] for _, s, e in matches])]

    def find(self, analysis: Analysis, span: Span) -> list[Hit]:
        # Matched once per message, whatever the number of scopes and sentences asked about;
        # through the engine's bank when there is one (one pass for all the rules' matchers).
        bank = analysis.bank
        if bank is not None and bank.knows(self):
            return within(bank.hits(self, analysis), span)
        return within(analysis.memo((id(self), "hits"), lambda: self._all_hits(analysis)), span)


def build(params: Params, ctx: BuildContext) -> PhraseCheck:
    phrases = params.strings("phrases", required=True)
    attr = str(params.get("attr", str, "NORM")).upper()
    if attr not in ATTRS:
        raise ctx.error(f"'attr' must be one of {', '.join(ATTRS)}, not '{attr}'", params.line_of("attr"))
    return PhraseCheck(phrases, attr)
