"""The coach's grammar, per language: each language folder's `grammar.py`
(invite_lint/lang/fr/grammar.py, invite_lint/lang/en/grammar.py) behind one interface,
invite_lint.lang.grammar.Grammar. `GRAMMARS["fr"]` reads like the table it replaced; a
language without a grammar is not in it (the coach then speaks the default language)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .. import lang
from ..lang.grammar import NBSP, Grammar, grammar_for

__all__ = ["GRAMMARS", "NBSP", "Grammar"]


class _Grammars(Mapping[str, Grammar]):
    def __getitem__(self, code: str) -> Grammar:
        found = grammar_for(code)
        if found is None:
            raise KeyError(code)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter([code for code in lang.codes() if grammar_for(code) is not None])

    def __len__(self) -> int:
        return len(list(iter(self)))


GRAMMARS: Mapping[str, Grammar] = _Grammars()
