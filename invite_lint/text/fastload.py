"""Load spaCy's French pipeline in a fraction of `spacy.load`'s time, with the same results.

Most of `spacy.load("fr_core_news_sm")` is Python's `re` compiling one 1.45 MB pattern:
the French tokenizer's `token_match` (hyphenated and elided words), compiled when
`spacy.lang.fr.tokenizer_exceptions` is imported and again from the model's `tokenizer`
file. RE2 compiles the same pattern in about 0.15 s (linear-time automaton, no
backtracking), once `(?iu)` is written `(?i)` and `\\uXXXX` / `\\UXXXXXXXX` become `\\x{...}`.

What this module does, and only on the versions it was verified with (`VERIFIED`):

* the import: while `spacy.lang.fr.tokenizer_exceptions` is imported (once per process),
  `re.compile` is wrapped so that the one pattern whose SHA-256 is pinned below is compiled
  by RE2; every other call goes to `re.compile` unchanged. spaCy has no extension point
  for its import-time constants, so this is the narrowest change possible.
* the model: `spacy.load(..., exclude=[..., "tokenizer"])` skips the tokenizer file (a
  documented `exclude` name), which is then read with `Tokenizer.from_bytes(...,
  exclude=["token_match"])` and given the RE2 matcher through the public
  `Tokenizer.token_match` attribute, after checking that the file's pattern is the pinned one.

Anything else (another spaCy version, another pattern, `INVITE_LINT_FASTLOAD=0`, RE2
failing to compile) takes spaCy's normal path. tests/test_fastload.py checks that tokens,
lemmas, tags and entities are identical to plain spaCy on the corpus, the real messages and
spaCy's own French tokenizer test strings, and that the fallback is taken.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# spaCy versions (and, for each, the SHA-256 of the French token_match pattern, both as
# spacy.lang.fr builds it and as fr_core_news_sm 3.8.0 stores it) this was verified with.
FR_TOKEN_MATCH_SHA256 = "52070ecee59516e7e9ff5d79aeaec973ef15fcf68c34021021bc293f52bd4173"
VERIFIED: dict[str, frozenset[str]] = {
    "3.8.18": frozenset({FR_TOKEN_MATCH_SHA256}),
}
# The only code points Python's `re` and RE2 fold differently in this pattern's letter
# classes and literals (Turkish dotted and dotless i: `re` lowercases both to "i"; RE2's
# case folding keeps them apart), found by tests/test_fastload.py over all of Unicode. A
# word containing one is matched by Python's `re` (compiled then, once), as spaCy would.
FOLDED_APART = frozenset("\u0130\u0131")
# spaCy's language modules that compile a pinned pattern when imported, by language code.
PINNED_IMPORTS = {"fr": "spacy.lang.fr.tokenizer_exceptions"}
ENV = "INVITE_LINT_FASTLOAD"  # "0" turns this module off: spaCy's own path everywhere

_lock = threading.RLock()
_imported = False


def enabled() -> bool:
    if os.environ.get(ENV, "").strip().lower() in ("0", "false", "no", "off"):
        return False
    try:
        import re2  # noqa: F401
        from spacy import about
    except ImportError:
        return False
    return about.__version__ in VERIFIED


def _digest(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()


def _pinned(pattern: object) -> bool:
    if not isinstance(pattern, str) or len(pattern) < 100_000 or not pattern.startswith("(?iu)"):
        return False
    from spacy import about

    return _digest(pattern) in VERIFIED.get(about.__version__, frozenset())


def to_re2(pattern: str) -> str:
    """The pinned pattern in RE2 syntax. It uses no construct RE2 lacks (checked by the
    tests on the pattern itself): only the inline flags and the escapes differ."""
    from spacy.lang import char_classes

    body = pattern[len("(?iu)"):]
    # Nearly every escape sits in a copy of spaCy's letter classes: converting each class
    # once and replacing its copies is a C-speed pass (0.02 s instead of 0.1 s).
    for letters in sorted({char_classes.ALPHA, char_classes.ALPHA_LOWER, char_classes.ALPHA_UPPER},
                          key=len, reverse=True):
        body = body.replace(letters, _escapes_to_re2(letters))
    return "(?i)" + _escapes_to_re2(body)


def _escapes_to_re2(text: str) -> str:
    for escape, digits in (("\\U", 8), ("\\u", 4)):
        parts = text.split(escape)
        text = parts[0] + "".join("\\x{" + part[:digits] + "}" + part[digits:] for part in parts[1:])
    return text


class TokenMatch:
    """`re.Pattern`'s face for the tokenizer: `.match` and `.pattern`, the original pattern,
    so that `Tokenizer.to_bytes` (and pickling a pipeline) write what spaCy would."""

    def __init__(self, pattern: str) -> None:
        import re2

        options = re2.Options()
        options.log_errors = False
        options.max_mem = 256 << 20  # the automaton of a 1.45 MB pattern; the default 8 MiB is too small
        self.pattern = pattern
        self._compiled = re2.compile(to_re2(pattern), options)
        self._python: Any = None

    def match(self, string: str) -> Any:
        if not FOLDED_APART.isdisjoint(string):
            if self._python is None:
                self._python = re.compile(self.pattern)  # a rare word: spaCy's own compile
            return self._python.match(string)
        found = self._compiled.match(string)
        if found is None and string.endswith("\n"):
            # Python's `$` also matches before a final newline (spaCy never passes one: it
            # splits tokens at whitespace, but the matcher should not depend on that).
            found = self._compiled.match(string[:-1])
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (TokenMatch, (self.pattern,))


@contextlib.contextmanager
def _re2_for_pinned_pattern() -> Iterator[None]:
    original = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:  # noqa: A001 - stands in for re.compile
        if flags == 0 and _pinned(pattern):
            matcher = _token_match(pattern)
            if matcher is not None:
                return matcher
        return original(pattern, flags)  # everything else, and the pinned one if RE2 refused it

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original


def prepare(lang: str) -> None:
    """Import spaCy's language data for `lang`, with the pinned pattern compiled by RE2.
    Call before anything imports spacy.lang.<lang> (spacy.blank, spacy.load)."""
    global _imported
    module = PINNED_IMPORTS.get(lang)
    if module is None or _imported or not enabled():
        return
    with _lock:
        if _imported:
            return
        _imported = True
        if module in sys.modules:
            return  # imported already by someone else: spaCy's own compile has been paid
        with _re2_for_pinned_pattern():
            importlib.import_module(module)


def load(model: str, exclude: list[str]) -> Any:
    """`spacy.load(model, exclude=exclude)`, built the same way (spaCy's config, factories
    and `from_disk`), with the tokenizer's token_match compiled by RE2 and the lemmatizer's
    tables read without a Python call per entry. spaCy's own path when not verified."""
    import spacy

    path = _model_path(model)
    if not enabled() or path is None or not (path / "tokenizer").is_file():
        return spacy.load(model, exclude=exclude)
    prepare(_model_lang(path))
    raw = (path / "tokenizer").read_bytes()
    pattern = _stored_token_match(raw)
    matcher = _token_match(pattern) if pattern is not None and _pinned(pattern) else None
    if matcher is None:
        return spacy.load(model, exclude=exclude)
    meta = spacy.util.get_model_meta(path)
    config = spacy.util.load_config(path / "config.cfg")
    nlp = spacy.util.load_model_from_config(config, meta=meta, exclude=exclude)
    lemmatizers = [name for name, pipe in nlp.pipeline if _plain_lemmatizer(pipe, path / name)]
    nlp.from_disk(path, exclude=[*exclude, "tokenizer", *lemmatizers])
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as any callable making a Doc)
    tokenizer.from_bytes(raw, exclude=["vocab", "token_match"])
    tokenizer.token_match = matcher.match
    for name in lemmatizers:
        lemmatizer: Any = nlp.get_pipe(name)  # checked by _plain_lemmatizer: a spacy Lemmatizer
        lemmatizer.initialize(lookups=read_lookups(path / name / "lookups" / "lookups.bin"))
    return nlp


_matchers: dict[str, TokenMatch] = {}


def _token_match(pattern: str) -> TokenMatch | None:
    """One RE2 automaton per pattern and process: the language's import and the model's
    tokenizer file carry the same pattern."""
    key = _digest(pattern)
    with _lock:
        if key not in _matchers:
            try:
                _matchers[key] = TokenMatch(pattern)
            except Exception:  # RE2 refused it: spaCy's path
                return None
        return _matchers[key]


def _plain_lemmatizer(pipe: Any, folder: Path) -> bool:
    """spaCy's lookup lemmatizer itself (or a language's subclass), whose only stored data
    is lookups/lookups.bin."""
    from spacy.pipeline import Lemmatizer

    if not isinstance(pipe, Lemmatizer) or type(pipe).from_disk is not Lemmatizer.from_disk:
        return False
    return folder.is_dir() and sorted(p.name for p in folder.iterdir()) == ["lookups"] \
        and sorted(p.name for p in (folder / "lookups").iterdir()) == ["lookups.bin"]


class WordList(list[str]):
    """A list of words equal to (and serialised as) spaCy's, whose `in` is a set lookup.

    spaCy's rule lemmatizer asks `word in index[pos]` of lists of up to 50,000 French words:
    a scan per new word (85 µs), which made the lemmatizer the slowest step on long drafts.
    spaCy never changes these lists; changing one here is refused rather than left unseen."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        try:
            return word in self._members
        except TypeError:  # unhashable: what list.__contains__ would answer
            return list.__contains__(self, word)

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the lemmatizer's word lists are read-only")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse  # type: ignore[assignment]
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse  # type: ignore[assignment]


def read_lookups(file: Path) -> Any:
    """`Lookups().from_disk(folder)`, the same tables with the same keys and values, built
    with C-level inserts: the stored keys are already string hashes, so `Table.__setitem__`
    (a Python call per entry, 200,000 entries for French) would only hash them again."""
    import collections
    import itertools

    import srsly
    from preshed.bloom import BloomFilter
    from spacy.lookups import Lookups, Table

    lookups = Lookups()
    for name, data in srsly.msgpack_loads(file.read_bytes()).items():
        if not isinstance(data, dict) or not all(type(key) is int for key in data):
            lookups.set_table(name, Table(name, data))  # spaCy's own way
            continue
        if name == "lemma_index":
            data = {pos: WordList(words) if isinstance(words, list) and all(isinstance(w, str) for w in words)
                    else words for pos, words in data.items()}
        table = Table(name, {})  # an empty table: its Bloom filter is replaced just below
        table.bloom = BloomFilter.from_error_rate(max(len(data), 1))
        collections.deque(map(collections.OrderedDict.__setitem__, itertools.repeat(table), data.keys(),
                              data.values()), maxlen=0)
        collections.deque(map(table.bloom.add, data.keys()), maxlen=0)
        lookups.set_table(name, table)
    return lookups


def _model_path(model: str) -> Path | None:
    import spacy

    try:
        root = Path(spacy.util.get_package_path(model))
    except Exception:
        return None
    for candidate in [root, *sorted(p.parent for p in root.glob("*/config.cfg"))]:
        if (candidate / "config.cfg").is_file():
            return candidate
    return None


def _model_lang(path: Path) -> str:
    import srsly

    try:
        return str(srsly.read_json(path / "meta.json").get("lang", ""))
    except Exception:
        return ""


def _stored_token_match(raw: bytes) -> str | None:
    import srsly

    try:
        value = srsly.msgpack_loads(raw).get("token_match")
    except Exception:
        return None
    return value if isinstance(value, str) else None
