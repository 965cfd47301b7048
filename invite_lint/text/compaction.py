"""Rebuild the two hash tables that spaCy's memory zone leaves growing (issue 11, item 7).

A memory zone frees the lexemes and strings of a message's new words, but the tables that
index them are preshed maps (preshed 3.0): clearing a key leaves a tombstone that still
counts as a filled slot, and a table that fills only ever doubles. So `Vocab._by_orth` and
`StringStore._map` grow by about 16 bytes a slot for every distinct word ever seen, about
1 MiB per 1,000 rows of new words in a batch (bench/RESULTS.md). Nothing public rebuilds
them; these two calls do, in place, so every compiled matcher and hash stays valid:

- `StringStore._reset_and_load(list(strings))`: a fresh table holding the permanent strings
  (outside a zone there are no others), with the same hashes;
- `Vocab.from_bytes` with every field excluded: its side effect is a fresh, empty lexeme
  table. Lexemes made before stay allocated in the vocabulary's pool (the tokenizer's special
  cases point at them) and are made again on demand, with the same attributes. It also
  re-wraps the NORM getter, so the getters are restored as they were.

Only ever called between zones, under the pipeline's zone lock. If spaCy's internals differ
(another minor version), nothing is compacted: memory grows as before, results never change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# New lexemes between two rebuilds. A rebuild re-adds the model's ~150,000 strings (0.2-0.4 s
# for the French model on the shared 2-core machine); 200,000 new words is some 7,000
# messages of 30 new words, and keeps both tables within about 20 MiB of their loaded size.
COMPACT_AFTER = 200_000

_LEXEMES_AT_LAST_REBUILD: dict[int, int] = {}  # id(vocab) -> len(vocab) just after a rebuild


def compact_if_grown(nlp: Language, after: int | None = None) -> bool:
    """Rebuild the vocabulary's tables if `after` (default COMPACT_AFTER) lexemes were added
    since the last rebuild. `len(vocab)` counts cleared slots too. True if rebuilt."""
    after = COMPACT_AFTER if after is None else after
    vocab: Any = nlp.vocab  # spaCy's vocab.pyi leaves out in_memory_zone and lex_attr_getters
    if vocab.in_memory_zone:
        return False
    added = len(vocab) - _LEXEMES_AT_LAST_REBUILD.setdefault(id(vocab), len(vocab))
    if added < after:
        return False
    rebuilt = rebuild_tables(nlp)
    _LEXEMES_AT_LAST_REBUILD[id(vocab)] = len(vocab)
    return rebuilt


def rebuild_tables(nlp: Language) -> bool:
    """Fresh string and lexeme tables for `nlp`'s vocabulary (see the module's docstring)."""
    import srsly

    vocab: Any = nlp.vocab
    strings = vocab.strings
    reset = getattr(strings, "_reset_and_load", None)
    if reset is None or vocab.in_memory_zone:
        return False
    reset(list(strings))
    getters = dict(vocab.lex_attr_getters)
    vocab.from_bytes(srsly.msgpack_dumps({}), exclude=["strings", "vectors", "lookups"])
    vocab.lex_attr_getters.clear()
    vocab.lex_attr_getters.update(getters)
    return True
