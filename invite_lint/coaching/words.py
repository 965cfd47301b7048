"""What the coach says around its openers, in the draft's language: slots for what is
missing, the questions to answer, and the notes on facts it could not use."""

from __future__ import annotations

SLOT_TEXT = {
    "fr": {"name": "[son prénom]", "about": "[qu'avez-vous lu ou vu de son travail ?]",
           "met": "[où vous êtes-vous rencontrés ?]", "discussed": "[quel sujet ?]",
           "changed": "[qu'est-ce que son aide a changé pour vous ?]",
           "introduction": "[une mise en relation avec qui, ou pour quel poste ?]"},
    "en": {"name": "[their first name]", "about": "[what of theirs did you read or see?]",
           "met": "[where did you meet?]", "discussed": "[which topic?]",
           "changed": "[what did their help change for you?]",
           "introduction": "[an introduction to whom, or for which role?]"},
}
QUESTIONS = {
    "fr": {
        "name": "Quel est le prénom de la personne ?",
        "about": "Qu'avez-vous lu, vu ou entendu de son travail (un article, une intervention, un projet) ?",
        "detail": "Qu'est-ce qui vous a frappé dedans (« les couleurs », « la partie sur ... ») ?",
        "interest": "Qu'avez-vous en commun : un intérêt, une valeur ?",
        "met": "Où vous êtes-vous croisés, ou qui vous a parlé de cette personne ?",
        "discussed": "De quoi avez-vous parlé ?",
        "changed": "Qu'est-ce que son aide a changé pour vous (« j'ai réécrit mon CV ») ? Donnez-le avec --detail.",
        "introduction": "À qui voulez-vous être présenté, ou pour quel poste (« une mise en relation avec la "
                        "responsable data de votre équipe ») ? Donnez-le avec --ask.",
    },
    "en": {
        "name": "What is the person's first name?",
        "about": "What of theirs did you read, see or hear (an article, a talk, a project)?",
        "detail": "What struck you in it (\"the colours\", \"the part on ...\")?",
        "interest": "What do you have in common: an interest, a value?",
        "met": "Where did you meet, or who told you about them?",
        "discussed": "What did you talk about?",
        "changed": "What did their help change for you (\"I rewrote my CV\")? Give it with --detail.",
        "introduction": "Whom would you like to be introduced to, or for which role (\"an introduction to the analytics "
                        "lead on your team\")? Give it with --ask.",
    },
}
NOTES = {
    "fr": {
        "ask-job": "la demande « {value} » est laissée de côté : un premier message parle de son travail, pas d'un poste "
                   "ni d'une recommandation",
        "ask-vague": "la demande « {value} » est laissée de côté : proposez une suite légère, comme « un café » ou "
                     "« un appel de 20 minutes »",
        "unused": "{fact} « {value} » n'est utilisé par aucune accroche : {why}",
        "no-template": "aucun modèle pour ce type de message ({kind}) ne l'emploie",
        "too-long": "avec lui, l'accroche dépasse les {limit} caractères du canal",
        "not-ready": "les accroches qui l'emploient ne passent pas les règles du linter",
        "extra": "le brouillon mentionne « {value} » ({what}) : aucune accroche ne le reprend, gardez-le dans vos "
                 "propres phrases si vous le voulez",
    },
    "en": {
        "ask-job": "the ask '{value}' was left out: a first message asks about their work, not for a job or a referral",
        "ask-vague": "the ask '{value}' was left out: give a light next step such as 'a coffee' or 'a 20-minute call'",
        "unused": "{fact} '{value}' is not used by any opener: {why}",
        "no-template": "no template for this kind of message ({kind}) uses it",
        "too-long": "with it, the opener goes over the channel's {limit} characters",
        "not-ready": "the openers using it do not pass the linter's rules",
        "extra": "the draft mentions '{value}' ({what}): no opener takes it up; keep it in your own sentences if you "
                 "want it",
    },
}
FACT_NAMES = {
    "fr": {"about": "ce que vous avez vu", "interest": "l'intérêt commun", "met": "la rencontre", "ask": "la demande",
           "detail": "le détail", "discussed": "le sujet discuté", "figure": "le chiffre", "shared": "le point commun"},
    "en": {"about": "what you saw", "interest": "the shared interest", "met": "the meeting", "ask": "the ask",
           "detail": "the detail", "discussed": "what was discussed", "figure": "the figure",
           "shared": "what you share"},
}
QUESTION_SLOT = {"fr": "[quelle question sur ce travail précis ?]", "en": "[what question about that very work?]"}
