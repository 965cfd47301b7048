"""The fast French load (invite_lint/text/fastload.py) gives exactly what plain spaCy gives:
tokens, lemmas, tags, morphology and entities on the whole corpus, the real
messages (when ../shared is there) and spaCy's own French tokenizer test strings; the RE2
token_match agrees with Python's `re` word by word; other spaCy versions take spaCy's path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.lang import char_classes
from spacy.lang.fr.punctuation import ELISION, HYPHENS

from invite_lint.evaluation.corpus import load_corpus
from invite_lint.text import fastload

ROOT = Path(__file__).resolve().parent.parent
MODEL = "fr_core_news_sm"
REALWORLD = ROOT.parent / "shared" / "realworld" / "messages.jsonl"
SPACY_STRINGS = ROOT / "tests" / "data" / "spacy_fr_tokenizer_strings.json"

# What a Doc says, token by token: the comparison is on all of it.
FEATURES = """
def features(doc):
    return [[t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, str(t.morph), t.ent_iob_, t.ent_type_]
            for t in doc]
"""

REFERENCE = FEATURES + """
import json, sys, spacy
nlp = spacy.load(%r, exclude=["parser"])
texts, words = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump([[features(doc) for doc in nlp.pipe(texts)], [[[t.text, t.whitespace_] for t in nlp.make_doc(w)] for w in words]],
          open(sys.argv[2], "w", encoding="utf-8"))
""" % MODEL


def spacy_test_strings() -> list[str]:
    data = json.loads(SPACY_STRINGS.read_text(encoding="utf-8"))
    return [s for strings in data["strings"].values() for s in strings]


def exception_words() -> list[str]:
    """spaCy's list of 15,628 hyphenated and elided French words, 40 to a line."""
    from spacy.lang.fr._tokenizer_exceptions_list import FR_BASE_EXCEPTIONS

    words = list(FR_BASE_EXCEPTIONS)
    return [" ".join(words[i:i + 40]) for i in range(0, len(words), 40)]


def all_texts() -> list[str]:
    """Compared on every feature: the corpus, the real messages, spaCy's French test strings."""
    texts = [e.text for e in load_corpus(ROOT / "corpus")]
    if REALWORLD.is_file():
        texts += [json.loads(line)["text"] for line in REALWORLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts + spacy_test_strings()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], subprocess.Popen[bytes], Path]:
    """Plain spaCy in a process of its own (invite_lint never imported), started at once so
    that it runs beside the fast load of the test itself."""
    folder = tmp_path_factory.mktemp("fastload")
    texts = all_texts()
    (folder / "texts.json").write_text(json.dumps([texts, exception_words()], ensure_ascii=False), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", REFERENCE, str(folder / "texts.json"), str(folder / "out.json")])
    return texts, process, folder / "out.json"


def test_the_installed_spacy_is_a_verified_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The equality test below is only meaningful on the fast path: on this machine's spaCy
    (the pinned dependency) it must be taken."""
    assert spacy.__version__ in fastload.VERIFIED
    monkeypatch.delenv(fastload.ENV, raising=False)
    assert fastload.enabled()
    monkeypatch.setenv(fastload.ENV, "0")
    assert not fastload.enabled()


def test_fast_load_gives_what_spacy_gives_on_every_text(reference: tuple[list[str], subprocess.Popen[bytes], Path]) -> None:
    texts, process, out = reference
    nlp = fastload.load(MODEL, exclude=["parser"])  # the parser is the slowest, and no rule reads it
    assert isinstance(nlp.tokenizer.token_match.__self__, fastload.TokenMatch)
    config = spacy.util.load_config(fastload._model_path(MODEL) / "config.cfg")
    assert nlp.component_names == [n for n in config["nlp"]["pipeline"] if n != "parser"]
    assert nlp.disabled == config["nlp"]["disabled"]
    namespace: dict = {}
    exec(FEATURES, namespace)
    ours = [namespace["features"](doc) for doc in nlp.pipe(texts)]
    assert process.wait(timeout=600) == 0
    theirs, their_words = json.loads(out.read_text(encoding="utf-8"))
    assert len(ours) == len(theirs) == len(texts)
    differ = [i for i, (a, b) in enumerate(zip(ours, theirs)) if a != [list(x) for x in b]]
    assert not differ, f"{len(differ)} texts differ, first: {texts[differ[0]][:200]!r}"
    assert sum(len(doc) for doc in theirs) > 80_000  # the comparison covered real volume
    # spaCy's 15,628 hyphenated and elided exception words: what token_match decides, the tokens
    words = exception_words()
    assert [[[t.text, t.whitespace_] for t in nlp.make_doc(w)] for w in words] == their_words


def test_tokenizer_serialises_as_spacys_own() -> None:
    """to_bytes writes the original pattern: a pipeline sent to a worker or saved is spaCy's."""
    nlp = fastload.load(MODEL, exclude=["parser", "ner"])
    stored = spacy.util.srsly.msgpack_loads((fastload._model_path(MODEL) / "tokenizer").read_bytes())
    written = spacy.util.srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    assert written["token_match"] == stored["token_match"]
    assert written == stored


@pytest.fixture(scope="module")
def patterns() -> tuple[str, object, fastload.TokenMatch]:
    pattern = spacy.util.srsly.msgpack_loads((fastload._model_path(MODEL) / "tokenizer").read_bytes())["token_match"]
    return pattern, re.compile(pattern), fastload.TokenMatch(pattern)


def test_token_match_agrees_with_python_re_word_by_word(patterns: tuple[str, object, fastload.TokenMatch]) -> None:
    _, python, fast = patterns
    words = {w for text in [*all_texts(), *exception_words()] for w in text.split()}
    words |= {v for w in list(words) for v in (w.lower(), w.upper(), w.title(), w.swapcase(), w + "\n")}
    words |= {"", "-", "'", "a-", "-a", "a--b", "l'", "ſaint-denis", "KILO-octet", "İle-de-france",
              "antİ-ıa", "anti-İnflammatoire", "entr'İ", "Iİ-la-ıi"}
    disagree = sorted(w for w in words if bool(python.match(w)) != bool(fast.match(w)))  # type: ignore[attr-defined]
    assert not disagree, disagree[:20]
    assert sum(bool(fast.match(w)) for w in words) > 3_000  # the words did exercise the pattern


def test_letter_classes_fold_case_the_same_in_both_engines() -> None:
    """The pattern is spaCy's letter, hyphen and elision classes and literal letters, matched
    case-insensitively: for each, the set of code points RE2 matches is the set `re` matches
    (İ and ı excepted: `re` folds them to i, RE2 does not; a word with one goes to `re`)."""
    import re2

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    pattern = spacy.util.srsly.msgpack_loads((fastload._model_path(MODEL) / "tokenizer").read_bytes())["token_match"]
    literals = sorted({c for c in re.sub(r"\[[^\]]*\]|\\[uU][0-9a-fA-F]+|\\.", "", pattern) if c.isalpha()})
    options = re2.Options()
    options.max_mem = 64 << 20
    for atom in (char_classes.ALPHA, char_classes.ALPHA_LOWER, HYPHENS, ELISION, "".join(literals)):
        python = set(re.findall(f"(?iu)[{atom}]", everything))
        ours = set(re2.findall(fastload.to_re2(f"(?iu)[{atom}]"), everything, options))
        assert ours <= python, (atom[:40], sorted(ours - python))
        # where `re` matches more, the word goes to `re` (TokenMatch.match)
        assert python - ours <= fastload.FOLDED_APART, (atom[:40], sorted(python - ours)[:20])


def test_the_fast_conversion_is_the_general_one(patterns: tuple[str, object, fastload.TokenMatch]) -> None:
    pattern, _, _ = patterns
    general = "(?i)" + re.sub(r"\\U([0-9a-fA-F]{8})|\\u([0-9a-fA-F]{4})", lambda m: "\\x{%s}" % (m.group(1) or m.group(2)),
                              pattern[len("(?iu)"):])
    assert fastload.to_re2(pattern) == general
    assert fastload._digest(pattern) == fastload.FR_TOKEN_MATCH_SHA256


def test_lemma_tables_are_spacys() -> None:
    from spacy.lookups import Lookups

    folder = fastload._model_path(MODEL) / "lemmatizer" / "lookups"
    theirs = Lookups().from_disk(folder)
    ours = fastload.read_lookups(folder / "lookups.bin")
    assert ours.tables == theirs.tables
    for name in theirs.tables:
        a, b = ours.get_table(name), theirs.get_table(name)
        assert type(a) is type(b) and a.name == b.name and list(a.items()) == list(b.items())
        assert all(key in a for key in list(b.keys())[:5000])  # the Bloom filter knows every key
    assert ours.to_bytes() == theirs.to_bytes()  # serialised as spaCy's
    index = ours.get_table("lemma_index")
    words = next(iter(index.values()))
    assert isinstance(words, fastload.WordList) and words[0] in words and "pas-un-mot-xyz" not in words
    with pytest.raises(TypeError):
        words.append("x")


FALLBACK = """
import re, sys
import spacy
from spacy import about
%s
from invite_lint.text import fastload
from invite_lint.text.pipeline import get_pipeline
nlp = get_pipeline("fr", frozenset({"lemma", "pos"})).nlp
matcher = nlp.tokenizer.token_match
assert not fastload.enabled()
assert isinstance(matcher.__self__, re.Pattern), matcher
import spacy.lang.fr.tokenizer_exceptions as exc
assert isinstance(exc.TOKEN_MATCH.__self__, re.Pattern)
doc = nlp("Aujourd'hui, l'entr'acte de grand-mère à Châteauneuf-la-Forêt.")
print([(t.text, t.lemma_, t.pos_) for t in doc])
"""


@pytest.mark.parametrize("how", ["other-version", "switched-off"])
def test_another_spacy_version_takes_spacys_path(how: str) -> None:
    """On a version not in VERIFIED (simulated) or with INVITE_LINT_FASTLOAD=0, nothing is
    swapped: spaCy compiles its own pattern, and the results are the same."""
    setup = 'about.__version__ = "3.8.999"' if how == "other-version" else ""
    env = {**os.environ, fastload.ENV: "0" if how == "switched-off" else "1"}
    slow = subprocess.run([sys.executable, "-c", FALLBACK % setup], capture_output=True, text=True, env=env, timeout=300)
    assert slow.returncode == 0, slow.stderr[-2000:]
    from invite_lint.text.pipeline import get_pipeline

    nlp = get_pipeline("fr", frozenset({"lemma", "pos"})).nlp
    assert isinstance(nlp.tokenizer.token_match.__self__, fastload.TokenMatch)
    doc = nlp("Aujourd'hui, l'entr'acte de grand-mère à Châteauneuf-la-Forêt.")
    assert slow.stdout.strip() == str([(t.text, t.lemma_, t.pos_) for t in doc])


def test_a_changed_pattern_is_not_swapped() -> None:
    pattern = spacy.util.srsly.msgpack_loads((fastload._model_path(MODEL) / "tokenizer").read_bytes())["token_match"]
    assert fastload._pinned(pattern)
    assert not fastload._pinned(pattern.replace("sexualis", "sexualiz", 1))
    assert not fastload._pinned("(?iu)" + "a" * 200_000)
