"""The fast paths give the answers of the slow ones.

The engine runs every pattern of a rule set through one bank of matchers, grouped by the
first token (kinds.bank), and settles a language by its function words before asking
langdetect (text.language). Both are optimisations: these tests hold them to the results of
the straightforward way, on the whole corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from invite_lint import Linter
from invite_lint.evaluation.corpus import load_corpus
from spacy.attrs import IDS, LOWER

from invite_lint.kinds.bank import Anchor, anchor_of, max_length
from invite_lint.kinds.pattern import PatternCheck
from invite_lint.text import language
from invite_lint.text.analysis import Analysis

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus_texts() -> dict[str, list[str]]:
    entries = load_corpus(ROOT / "corpus")
    return {lang: [e.text for e in entries if e.lang == lang] for lang in ("fr", "en")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bank_finds_what_each_pattern_finds_alone(linter: Linter, corpus_texts: dict[str, list[str]], lang: str) -> None:
    pipeline = linter.engine.pipeline(lang)
    bank = linter.engine.bank(lang, pipeline)
    patterns = [c for c in bank.checks if isinstance(c, PatternCheck)]
    windowed = sum(anchor_of(p) is not None for c in patterns for p in c.patterns)
    assert windowed >= 10, "the bank should have patterns to run in windows"
    compared = found = 0
    for doc in pipeline.nlp.pipe(corpus_texts[lang]):
        with_bank = Analysis(doc.text, doc, pipeline.nlp, lang, "email", None, bank)
        alone = Analysis(doc.text, doc, pipeline.nlp, lang, "email", None, None)
        for check in patterns:
            expected = check._all_hits(alone)
            assert bank.hits(check, with_bank) == expected, (check.patterns, doc.text)
            compared += 1
            found += len(expected)
    assert compared > 1000 and found > 100


def test_window_length_of_a_pattern() -> None:
    assert max_length([{"LOWER": "a"}, {"IS_ALPHA": True, "OP": "{,2}"}, {"LOWER": "b", "OP": "?"}]) == 4
    assert max_length([{"LOWER": "a"}, {"OP": "{3}"}]) == 4
    assert max_length([{"LOWER": "a"}, {"OP": "{1,}"}]) is None
    assert max_length([{"LOWER": "a"}, {"OP": "+"}]) is None
    assert anchor_of([{"LOWER": {"IN": ["votre", "vos"]}}, {"IS_ALPHA": True}]) == Anchor(0, LOWER, ("votre", "vos"))
    # the rarer word anchors, at its distance from the start
    assert anchor_of([{"LOWER": "je"}, {"LOWER": "recrute"}], frozenset({"je"})) == Anchor(1, LOWER, ("recrute",))
    assert anchor_of([{"LOWER": "votre", "OP": "?"}, {"LOWER": "x"}]) is None  # distance not fixed
    assert anchor_of([{"NORM": {"NOT_IN": ["a"]}}]) is None
    assert anchor_of([{"IS_PUNCT": False}, {"IS_TITLE": True}]) == Anchor(1, flags=((IDS["IS_TITLE"], True),))
    assert anchor_of([{"IS_PUNCT": False, "IS_SPACE": False}]) is None  # almost every token: no anchor


def test_function_word_shortcut_agrees_with_langdetect(corpus_texts: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = {t: language.detect(t).lang for texts in corpus_texts.values() for t in texts}
    assert sum(language.detect(t).method == "function-words" for t in fast) > len(fast) / 2
    monkeypatch.setattr(language, "_decisive", lambda words, *known: None)
    slow = {t: language.detect(t).lang for t in fast}
    disagree = [t for t in fast if fast[t] != slow[t]]
    assert len(disagree) <= len(fast) // 100, disagree[:5]


@pytest.mark.parametrize("text, lang", [
    ("Hola Jordi, he llegit el teu article sobre les energies renovables i et vull dir que m'ha agradat molt. "
     "Qui et va inspirar?", "ca"),
    ("Hola Ana, les escribo porque vi su presentación y me pareció excelente, ¿cómo llegaron a esa conclusión?", "es"),
    ("Hallo Jan, ik zag je artikel over duurzaamheid en ik vond het echt geweldig, hoe ben je begonnen?", "nl"),
])
def test_shared_function_words_do_not_make_a_text_french(text: str, lang: str) -> None:
    assert language.detect(text).lang == lang
