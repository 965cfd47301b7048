"""Languages, one folder each (like spaCy's `spacy/lang/fr/`): `lang/fr/language.yaml`
holds everything invite-lint knows of French outside its rule packs — the spaCy pipelines,
the function words that detect it, greetings, sign-offs, titles and subject lines, the
evidence step's cues. Adding a language is adding a folder (or `register(folder)` at run
time) and rule packs for it; no code names a language.

    from invite_lint import lang
    lang.codes()                      # ('fr', 'en')
    lang.get("fr").parts.greetings    # folded
    lang.register("path/to/it")       # a folder with a language.yaml
"""

from .base import Detection, Language, Parts
from .registry import DEFAULT_LANG, codes, get, languages, register, union, unregister, version

__all__ = ["DEFAULT_LANG", "Detection", "Language", "Parts", "codes", "get", "languages", "register",
           "union", "unregister", "version"]
