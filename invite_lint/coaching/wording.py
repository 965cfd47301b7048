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
    "none": {"en": "No opener passed the linter's own checks: give a more precise --about (what exactly, and where), "
                   "or a --detail.",
             "fr": "Aucune accroche ne passe les règles du linter : précisez --about (quoi exactement, et où), ou "
                   "ajoutez --detail."},
    # one line under each opener: its template, the facts used (and where each came from), its verdict
    "opener-line": {"en": "template {template} · facts: {facts} · score {score}, {verdict} · {length}",
                    "fr": "modèle {template} · faits : {facts} · score {score}, {verdict} · {length}"},
    "one-character": {"en": "1 character", "fr": "1 caractère"},
    "characters": {"en": "{count} characters", "fr": "{count} caractères"},
    "kind": {"en": "kind {kind} ({source})", "fr": "type {kind} ({source})"},
    "given": {"en": "given", "fr": "donné"},
    "draft": {"en": "draft", "fr": "brouillon"},
    "detected": {"en": "detected", "fr": "détecté"},
    "default": {"en": "default", "fr": "par défaut"},
    "no-change": {"en": "(no change)", "fr": "(aucun changement)"},
    "dry-run": {"en": "(dry run: add --write to save it)", "fr": "(essai à blanc : ajoutez --write pour l'enregistrer)"},
    "wrote": {"en": "wrote {path}", "fr": "{path} enregistré"},
    "scores": {"en": "{path}: score {before} ({before_verdict}) -> {after} ({after_verdict})",
               "fr": "{path} : score {before} ({before_verdict}) -> {after} ({after_verdict})"},
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


def length(count: int, lang: str) -> str:
    """'1 character', '120 caractères'."""
    return say("one-character", lang) if count == 1 else say("characters", lang, count=count)


def source(name: str, lang: str) -> str:
    """Where a fact or a kind came from (given, draft, detected, default), in `lang`."""
    return say(name, lang) if name in WORDING else name


def say(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (English when there is no translation)."""
    texts = WORDING[key]
    return texts.get(lang, texts["en"]).format(**values)
