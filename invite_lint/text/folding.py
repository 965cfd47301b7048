"""Folding lives with the languages (`invite_lint.lang.folding`), the layer below: kept
here for the modules and users that import it from text."""

from ..lang.folding import fold, fold_word

__all__ = ["fold", "fold_word"]
