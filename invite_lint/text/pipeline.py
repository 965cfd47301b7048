"""spaCy pipelines: loaded once per (language, needed features), with only the components
the active rules need.

A rule never asks for a component by name; it declares the token features it reads
("lemma", "pos", "morph", "ner", "dep"), and this module works out from the model's own
config which components provide them (and which shared tok2vec they listen to). A rule
set made only of regex and metric rules therefore loads the tokenizer and nothing else.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # spaCy is imported when a pipeline is first needed: `rules list` never pays it
    from spacy.language import Language
    from spacy.tokens import Doc

from .. import lang as languages
from ..model import MAX_MESSAGE_CHARS
from . import fastload
from .compaction import compact_if_grown
from .folding import fold_word

if TYPE_CHECKING:
    from thinc.types import Ints2d

FEATURES = ("lemma", "pos", "morph", "ner", "dep")


FOLD_COMPONENT = "invite_lint_fold"


# Per StringStore: hash of a norm or lemma -> hash of its folded form. A message's words are
# mostly words seen before, so folding becomes a dictionary lookup per token.
_FOLDED_HASHES: dict[int, dict[int, int]] = {}


COMPONENT_CACHE_LIMIT = 20_000
_ZONE_LOCKS: dict[int, threading.Lock] = {}
_ZONE_ADDED: dict[int, list[int]] = {}  # per StringStore in a zone: the folding cache's new keys


@contextlib.contextmanager
def memory_zone(nlp: Language) -> Iterator[None]:
    """spaCy's memory zone (the strings and lexemes of new words are freed at its end, as
    spaCy advises for long-running services), and the folding cache forgets the same
    words. One zone at a time per pipeline: a zone's end would free what another thread's
    Doc still reads."""
    with _lock:
        zone_lock = _ZONE_LOCKS.setdefault(id(nlp), threading.Lock())
    with zone_lock:
        strings = id(nlp.vocab.strings)
        known = _FOLDED_HASHES.setdefault(strings, {})
        added = _ZONE_ADDED[strings] = []
        try:
            with nlp.memory_zone():
                yield
        finally:
            del _ZONE_ADDED[strings]
            for key in added:
                known.pop(key, None)
            compact_if_grown(nlp)  # the zone's cleared slots still take room (text/compaction.py)
            for _, component in nlp.pipeline:  # spaCy's lemmatizers cache every word, unbounded
                cache = getattr(component, "cache", None)
                if isinstance(cache, dict) and len(cache) > COMPONENT_CACHE_LIMIT:
                    cache.clear()


def fold_norms(doc: Doc) -> Doc:
    """Make NORM (and LEMMA, when set) case- and accent-insensitive.

    Runs last, so the statistical components still see spaCy's own norms. Works on the
    Doc's arrays rather than token by token: no spaCy Token object is made.
    """
    if not len(doc):
        return doc
    import numpy
    from spacy.attrs import LEMMA, NORM

    strings = doc.vocab.strings
    known = _FOLDED_HASHES.setdefault(id(strings), {})
    added = _ZONE_ADDED.get(id(strings))
    columns = doc.to_array([NORM, LEMMA])
    values = columns.tolist()
    changed = False
    for row in values:
        for j, value in enumerate(row):
            if value:
                folded = known.get(value)
                if folded is None:
                    text = strings[value]
                    folded = known[value] = strings.add(fold_word(text)) if fold_word(text) != text else value
                    if added is not None:
                        added.append(value)
                if folded != value:
                    row[j] = folded
                    changed = True
    if changed:
        doc.from_array([NORM, LEMMA], cast("Ints2d", numpy.asarray(values, dtype=columns.dtype)))
    return doc


def register_components() -> None:
    """Make our folding step a spaCy component (once; on import too when spaCy is loaded
    already, as when a pipeline is unpickled in a worker)."""
    from spacy.language import Language

    if not Language.has_factory(FOLD_COMPONENT):
        Language.component(FOLD_COMPONENT, func=fold_norms)


if "spacy" in sys.modules:
    register_components()


@dataclass(frozen=True)
class Pipeline:
    lang: str
    nlp: Language
    model: str | None  # the package name, or None for a blank (tokenizer-only) pipeline
    provides: frozenset[str]  # the features of FEATURES its docs carry

    def missing(self, needs: frozenset[str]) -> frozenset[str]:
        return needs - self.provides


def _find_listeners(node: Any) -> bool:
    if isinstance(node, dict):
        arch = node.get("@architectures", "")
        if isinstance(arch, str) and "Listener" in arch:
            return True
        return any(_find_listeners(v) for v in node.values())
    return False


def _model_config(package: str) -> Any | None:
    import spacy

    try:
        path = Path(spacy.util.get_package_path(package))
    except Exception:
        return None
    for candidate in [path / "config.cfg", *sorted(path.glob("*/config.cfg"))]:
        if candidate.is_file():
            return spacy.util.load_config(candidate)
    return None


def plan_components(config: Any, needs: frozenset[str]) -> tuple[set[str], frozenset[str]]:
    """Which components of a model provide `needs`, and which features they then provide."""
    names = list(config["nlp"]["pipeline"])
    factory = {n: config["components"][n].get("factory", n) for n in names}

    def first(*factories: str) -> str | None:
        return next((n for n in names if factory[n] in factories), None)

    want: set[str] = set()
    provides: set[str] = set()
    if "lemma" in needs and (lemmatizer := first("lemmatizer", "trainable_lemmatizer")):
        want.add(lemmatizer)
        provides.add("lemma")
        if config["components"][lemmatizer].get("mode", "rule") in ("rule", "pos_lookup"):
            needs = needs | {"pos"}
    if needs & {"pos", "morph"} and (tagger := first("morphologizer", "tagger")):
        want.add(tagger)
        provides.update({"pos", "morph"} if factory[tagger] == "morphologizer" else {"pos"})
        if ruler := first("attribute_ruler"):
            want.add(ruler)
    if "ner" in needs and (ner := first("ner")):
        want.add(ner)
        provides.add("ner")
    if "dep" in needs and (parser := first("parser")):
        want.add(parser)
        provides.add("dep")
    if any(_find_listeners(config["components"][n].get("model", {})) for n in want):
        if tok2vec := first("tok2vec", "transformer"):
            want.add(tok2vec)
    return want, frozenset(provides & needs)


_lock = threading.Lock()
_cache: dict[tuple[str, frozenset[str]], Pipeline] = {}


def available_model(lang: str) -> str | None:
    import spacy

    # the models a language folder lists, best first (the French one is a dependency; an
    # English one is used when the user has installed it)
    language = languages.get(lang)
    return next((m for m in (language.models if language else ()) if spacy.util.is_package(m)), None)


def _blank(lang: str) -> Language:
    import spacy

    try:
        fastload.prepare(lang)
        return spacy.blank(lang)
    except Exception:  # a language spaCy has no tokenizer rules for
        return spacy.blank("xx")


def get_pipeline(lang: str, needs: frozenset[str] = frozenset()) -> Pipeline:
    """The pipeline for `lang` that provides as much of `needs` as the installed models can.

    Cached for the life of the process: a model is loaded once, however many Linters ask.
    """
    needs = frozenset(needs) & frozenset(FEATURES)
    key = (lang, needs)
    register_components()
    with _lock:
        if key in _cache:
            return _cache[key]
        model = available_model(lang)
        config = _model_config(model) if model else None
        if model and config is not None:
            want, provides = plan_components(config, needs)
            exclude = [n for n in config["nlp"]["pipeline"] if n not in want]
            nlp = fastload.load(model, exclude)  # spacy.load, faster where verified
        else:
            nlp, provides, model = _blank(lang), frozenset(), None
        nlp.add_pipe(FOLD_COMPONENT, last=True)
        nlp.max_length = MAX_MESSAGE_CHARS + 1  # the enforced limit is ours (Engine.run), not E088
        pipeline = Pipeline(lang=lang, nlp=nlp, model=model, provides=provides)
        _cache[key] = pipeline
        return pipeline
