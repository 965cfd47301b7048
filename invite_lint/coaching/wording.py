"""The coach's own words around its openers (the header above them, the notes of a rewrite),
in the draft's language: a French draft gets French, as findings do."""

from __future__ import annotations

# key -> language -> text; "one"/"many" variants where a count decides.
WORDING: dict[str, dict[str, str]] = {
    "starting-point": {
        "en": "Nothing is invented: here is a starting point, with [slots] for what only you know.",
        "fr": "Rien n'est inventé : voici un point de départ, avec entre [crochets] ce qu'il vous revient de compléter.",
    },
    "answer": {
        "en": "Answer these, then run again (or add --interactive):",
        "fr": "Répondez à ces questions, puis relancez (ou ajoutez --interactive) :",
    },
    "answer-no-terminal": {
        "en": "Answer these, then run again with the answers as options (--name, --about, --interest, --met, --ask):",
        "fr": "Répondez à ces questions, puis relancez avec les réponses en options (--name, --about, --interest, "
              "--met, --ask) :",
    },
    "suggested": {"en": "Suggested openers ({where}):", "fr": "Accroches proposées ({where}) :"},
    "note": {"en": "note: {note}", "fr": "remarque : {note}"},
    "replaced-one": {"en": "replaced 1 generic sentence ({rules})", "fr": "1 phrase générique remplacée ({rules})"},
    "replaced-many": {"en": "replaced {count} generic sentences ({rules})",
                      "fr": "{count} phrases génériques remplacées ({rules})"},
    "greeted": {"en": "greeted the person by name", "fr": "salutation avec son prénom"},
    "greeting-slot": {"en": "added a greeting (with a slot for the name)",
                      "fr": "salutation ajoutée (avec un emplacement pour le prénom)"},
    "added-about": {"en": "added what of theirs struck you", "fr": "ajout de ce qui vous a marqué dans son travail"},
    "added-about-slot": {"en": "added a slot for what of theirs you saw",
                         "fr": "ajout d'un emplacement pour ce que vous avez vu de son travail"},
    "question": {"en": "ended on an open question about their work",
                 "fr": "fin sur une question ouverte sur son travail"},
    "sign-off": {"en": "added a sign-off", "fr": "formule de fin ajoutée"},
}


def say(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (English when there is no translation)."""
    texts = WORDING[key]
    return texts.get(lang, texts["en"]).format(**values)
