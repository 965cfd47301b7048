"""The words the evidence step (text.evidence) reads, per language, folded (lower case, no
accents, typographic apostrophes as "'"). Data, not logic: a language is added here.

Each set answers one question about a token: does it make a clause the sender's, point at
the recipient, name a kind of work, a move of a company, a meeting, a shared past?
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Cues:
    first_person: frozenset[str]  # a clause with these and no second person is the sender's
    first_subjects: frozenset[str]  # "I", "je", "on": a clause they open first is the sender's
    second_subjects: frozenset[str]  # "you", "vous", "tu"
    second_person: frozenset[str]
    possessive: frozenset[str]  # second-person possessives: "your", "votre"
    vague: frozenset[str]  # things of theirs that say nothing in particular: profile, background
    artefacts: frozenset[str]  # kinds of work worth naming: post, talk, book, PR
    topic_preps: frozenset[str]  # "on", "about", "sur": what follows is a topic
    relatives: frozenset[str]  # "that", "qui": what follows says which one
    employer_preps: frozenset[str]  # "at", "chez": a company in this place is an employer
    connectors: frozenset[str]  # words allowed inside a multi-word name: "of", "de"
    not_names: frozenset[str]  # capitalised words that are not names of anything
    moves: frozenset[str]  # what a company does that one can name: launch, shift, raised
    numbers_excluded_after: frozenset[str]  # "15 minutes": the length of an ask, not a fact
    magnitude: frozenset[str]  # "millions", "k": a number that is a fact on its own
    you_did: frozenset[str]  # verbs after "you" that point at something they did
    you_did_not: frozenset[str]  # ...except these, which say nothing of their work
    meeting_verbs: frozenset[str]  # met, croisé, échangé
    meeting_nouns: frozenset[str]  # our call, notre café
    when_words: frozenset[str]  # yesterday, hier, last week
    event_words: frozenset[str]  # conference, salon, meetup
    shared_phrases: tuple[tuple[str, ...], ...]  # "moi aussi", "we both", "worked together"
    shared_needs_name: tuple[tuple[str, ...], ...]  # "alumni of", "ancienne de": + a name
    referral_verbs: tuple[tuple[str, ...], ...]  # "suggested i", "m'a conseille": after a name
    referral_before: tuple[tuple[str, ...], ...]  # "de la part de", "on behalf of": before a name
    question_words: frozenset[str]  # how, why, comment: an open question
    perceived: frozenset[str]  # read, saw, finished, acheté: what the sender took in of theirs
    thanks: frozenset[str]  # thanks, congrats, merci, bravo: for something named


EN = Cues(
    first_person=_words("i i'm i've i'd i'll me my mine myself we we're we've we'd we'll our ours us ourselves im ive"),
    first_subjects=_words("i i'm i've i'd i'll we we're we've we'd we'll im ive"),
    second_subjects=_words("you you're you've you'd you'll u"),
    second_person=_words("you your yours you're you've you'd you'll yourself ur yr u"),
    possessive=_words("your ur yr"),
    vague=_words(
        "profile background experience expertise career journey company business team role position time "
        "network inbox calendar help advice thoughts insights feedback skills skill set opportunity "
        "opportunities growth needs goals revenue sales organisation organization industry field area space "
        "clients customers own current next services offer work page content achievements resume cv "
        "accomplishments path department firm site website linkedin day week consideration availability "
        "interest success disposal kitchen inbox pipeline costs cost budget mission values culture goals "
        "efforts dedication commitment generosity passion energy"
    ),
    artefacts=_words(
        "article articles post posts piece essay op-ed column blog newsletter thread talk talks keynote "
        "presentation webinar workshop panel lecture speech session demo book books novel podcast episode "
        "interview video videos documentary film study paper papers preprint report survey thesis repo "
        "repository library package crate project projects startup shop store studio gallery exhibition "
        "painting paintings canvas mural photo photos photograph series album song app product tool course "
        "class initiative campaign collection show comment answer question announcement launch release "
        "framework design guide checklist slides deck chart map recipe channel feature prototype portfolio "
        "illustration sculpture write-up writeup breakdown teardown notebook letter poster benchmark "
        "tutorial plugin dataset model visualization visualisation diagram menu game pr contribution review "
        "findings argument point take framing analogy quote remark idea approach method methodology "
        "decision move switch transition promotion fundraise experiment pilot rollout migration redesign "
        "rebrand proposal issue docs documentation thread story stories reel track playlist file sheet "
        "comparison handout zine request training tour visit workshop cheatsheet cheat-sheet figures numbers poster"
    ),
    topic_preps=_words("on about around regarding covering comparing explaining re toward towards into for"),
    relatives=_words("that which where who when"),
    employer_preps=_words("at @ with for"),
    connectors=_words("of the & and de du des la le for"),
    not_names=_words(
        "i i'm i've i'd i'll linkedin google facebook instagram twitter internet hi hello hey dear thanks "
        "thank best regards cheers mr ms mrs dr monday tuesday wednesday thursday friday saturday sunday "
        "january february march april may june july august september october november december senior "
        "junior engineer manager director head lead vp ceo cto cfo coo cmo cpo founder co-founder analyst "
        "developer designer recruiter partner associate consultant specialist officer executive hr cv "
        "resume ai b2b b2c saas q1 q2 q3 q4 you your please ok sales marketing product data operations team "
        "talent acquisition it qa ux ui api roi kpi kpis crm erp seo pdf faq ps p.s. hope looking would "
        "could can will just also great quick open worth interested noticed saw given building running "
        "circling following congrats congratulations love loved really the a an this that these those "
        "what how why when where which who is are was we our my me us so if as but and or in on at to of "
        "for with by from yes no not all any some one two three first new tech business digital remote "
        "freelance full-stack"
        " microsoft azure aws amazon excel word powerpoint outlook salesforce hubspot slack teams notion chatgpt openai copilot zoom gmail whatsapp youtube tiktok meta apple android iphone sap oracle shopify wordpress canva "
        " dsi poc mvp rgpd gdpr kpi okr okrs esn pme eti tpe drh daf dg pdg cio sdr bdr ae ia ml llm llmops mlops devops sdk bi rpa iot asap fyi tbd vs xyz abc xxx ps nb  llms genai b2b2c"
    ),
    moves=_words(
        "shift move moved moving launch launched launching launches release released releasing shipped "
        "shipping ships expansion expanded expanding acquisition acquired acquiring merger merged raise "
        "raised raising funding ipo spin-out spinning spun rebrand rebranded pivot pivoted opening opened "
        "opens announced announcement migration migrated rollout rolled crossed "
        "passed reached hit surpassed reaching partnership partnered "
        "introduced redesign redesigned adoption adopted transition transitioned switched switch"
    ),
    numbers_excluded_after=_words(
        "minute minutes min mins hour hours hr hrs second seconds -minute -min call calls slot slots "
        "am pm"
    ),
    magnitude=_words("million millions billion billions thousand thousands k m bn +"),
    you_did=_words(
        "wrote written published shared presented launched built founded co-founded created described "
        "explained posted gave given spoke talked hosted organised organized led ran painted designed "
        "released announced started argued covered raised showed shown discussed answered taught outlined "
        "highlighted shipped open-sourced drew photographed recorded produced directed moved switched "
        "opened won defended quoted cited proposed sketched tweeted documented compared measured tested "
        "migrated rebuilt restored cooked baked brewed curated edited translated chose picked dropped "
        "replaced turned made put broke filmed summarised summarized set"
    ),
    you_did_not=_words(
        "worked used connected accepted viewed visited received liked interested based looked wanted "
        "needed seemed noticed appeared considered supposed asked reached contacted expected tried decided "
        "applied been had"
    ),
    meeting_verbs=_words("met meet meeting spoke speaking chatted chatting chat talked talking crossed"),
    meeting_nouns=_words("call chat conversation coffee meeting exchange lunch dinner talk discussion session booth stand "
                       "visit tour drinks breakfast"),
    when_words=_words("yesterday today tonight monday tuesday wednesday thursday friday saturday sunday"),
    event_words=_words(
        "conference conf summit meetup meet-up fair expo forum festival hackathon workshop webinar panel "
        "event dinner lunch breakfast afterwork happy gala congress convention symposium bootcamp "
        "devfest camp days week show booth"
    ),
    shared_phrases=(
        ("we", "both"), ("we", "are", "both"), ("we're", "both"), ("both", "members"), ("worked", "together"), ("when", "we", "were"), ("our", "time", "at"), ("we", "used", "to"),
        ("also", "went", "to"), ("also", "studied"), ("also", "graduated"), ("also", "attended"),
        ("also", "an", "alum"), ("also", "a", "member"), ("fellow",), ("same", "cohort"), ("same", "class"),
        ("same", "program"), ("same", "school"), ("same", "university"), ("alum",), ("alumni",),
        ("alumnus",), ("alumna",), ("former", "colleague"), ("ex-colleague",), ("back", "at"),
    ),
    shared_needs_name=(
        ("we", "both"), ("we", "are", "both"), ("we're", "both"), ("both", "members"), ("fellow",),
        ("alum",), ("alumni",), ("alumnus",), ("alumna",), ("also", "went", "to"), ("also", "studied"),
        ("also", "graduated"), ("also", "attended"), ("also", "an", "alum"), ("also", "a", "member"),
        ("same", "cohort"), ("same", "class"), ("same", "program"), ("same", "school"), ("same", "university"),
        ("back", "at"), ("our", "time", "at"), ("when", "we", "were"),
    ),
    referral_verbs=(
        ("said", "you"), ("says", "you"), ("told", "me", "you"), ("suggested",), ("recommended",), ("told", "me"), ("mentioned", "you"), ("introduced",),
        ("gave", "me", "your"), ("pointed", "me"), ("speaks", "highly"), ("spoke", "highly"),
        ("passed", "along"), ("referred", "me"), ("thought", "we", "should"),
    ),
    referral_before=(("on", "behalf", "of"), ("introduced", "by"), ("referred", "by"), ("through",)),
    question_words=_words("how why which what"),
    perceived=_words("saw seen read watched heard listened attended used bought visited tried downloaded played "
                     "installed finished binged followed caught spotted tasted borrowed reread rewatched devoured "
                     "noticed learned learnt"),
    thanks=_words("thanks thank cheers congrats congratulations kudos"),
)

FR = Cues(
    first_person=_words("je j' j me m' moi mon ma mes nous notre nos"),
    first_subjects=_words("je j' j nous on"),
    second_subjects=_words("vous tu"),
    second_person=_words("vous votre vos tu te t' toi ton ta tes"),
    possessive=_words("votre vos ton ta tes"),
    vague=_words(
        "profil parcours experience experiences expertise carriere entreprise societe equipe role poste "
        "temps reseau agenda aide avis conseils retour competences opportunite opportunites croissance "
        "besoins objectifs chiffre ventes organisation secteur domaine metier clients activite offre "
        "travail page contenu realisations cv trajectoire dynamique structure site linkedin journee semaine "
        "disponibilite interet succes approche vision disposition engagement equipes couts cout budget "
        "mission valeurs culture objectif ambitions efforts passion energie service"
    ),
    artefacts=_words(
        "article articles post posts publication publications billet tribune chronique blog newsletter fil "
        "conference conferences intervention interventions keynote presentation webinaire webinar atelier "
        "table ronde talk demo livre livres roman podcast episode interview entretien video videos "
        "documentaire film etude these rapport enquete papier depot bibliotheque projet projets startup "
        "boutique atelier galerie exposition toile toiles tableau tableaux peinture peintures fresque photo "
        "photos serie album chanson application appli produit outil cours formation initiative campagne "
        "collection spectacle commentaire reponse question annonce lancement framework design guide "
        "checklist slides schema carte recette chaine fonctionnalite prototype portfolio illustration "
        "sculpture analyse carnet lettre affiche tutoriel plugin jeu pr contribution critique idee "
        "methode methodologie decision choix demarche travaux ouvrage memoire recherche recherches "
        "programme emission reportage post-mortem retour fiche comparatif fichier tableur guide vitrine "
        "baume recettes fil visite tour poster chiffres"
    ),
    topic_preps=_words("sur autour concernant propos consacre consacree consacres vers pour"),
    relatives=_words("qui que qu' ou dont lequel laquelle"),
    employer_preps=_words("chez @ pour"),
    connectors=_words("de du des la le l' d' et & les"),
    not_names=_words(
        "je j' bonjour bonsoir salut madame monsieur cher chere merci cordialement bien linkedin google "
        "facebook lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin "
        "juillet aout septembre octobre novembre decembre directeur directrice responsable chef cheffe "
        "manager ingenieur ingenieure fondateur fondatrice consultant consultante dg pdg drh rh ceo cto "
        "cfo it ia ai b2b b2c saas cv qvt rse pme eti tpe api crm erp seo pdf vous votre vos tu ton ta tes "
        "le la les un une des ce cet cette ces et ou mais donc si en au aux du de d' l' a il elle nous on "
        "qui que quoi comment pourquoi quel quelle quels quelles super bravo felicitations hello hey ps "
        "est sont suis ai avez avons oui non pas tres plus j'ai j'aimerais j'espere c'est belle bel beau "
        " microsoft azure aws amazon excel word powerpoint outlook salesforce hubspot slack teams notion chatgpt openai copilot zoom gmail whatsapp youtube tiktok meta apple android iphone sap oracle shopify wordpress canva "
        "top ravi ravie heureux heureuse cdi cdd stage alternance freelance tech business digital excellent excellente superbe joli jolie bel enchante enchantee"
        " dsi poc mvp rgpd gdpr kpi okr okrs esn pme eti tpe drh daf dg pdg cio sdr bdr ae ia ml llm llmops mlops devops sdk bi rpa iot asap fyi tbd vs xyz abc xxx chez avec pour dans sur en au aux par ps nb "
    ),
    moves=_words(
        "lancement lance lancee lancer ouverture ouvert ouverte ouvre levee leve rachat rachete fusion "
        "passage virage arrivee demenagement expansion croissance transition bascule migration deploiement "
        "deploye nomination acquisition partenariat depasse depasser atteint atteindre franchi franchir "
        "annonce annonces inaugure inauguration refonte sortie sorti publie creation cree recrute recrutement "
        "developpement ouvrir lancer passe passer traite traiter accompagne"
    ),
    numbers_excluded_after=_words("minute minutes min mn heure heures h seconde secondes creneau creneaux appel appels"),
    magnitude=_words("million millions milliard milliards mille k m md +"),
    you_did=_words(
        "ecrit publie partage presente lance construit fonde cree decrit explique poste donne anime "
        "organise dirige peint concu sorti annonce demarre souleve montre repondu enseigne realise "
        "photographie enregistre produit ouvert gagne defendu propose dessine documente compare mesure "
        "teste migre reconstruit restaure cuisine traduit choisi remplace tourne filme resume signe redige "
        "developpe imagine mene pilote initie"
    ),
    you_did_not=_words("accepte vu consulte ete eu visite recu aime contacte demande essaye postule"),
    # matched on the lower-cased word with its accents: "échangé" met, "échange" did not
    meeting_verbs=_words("rencontré rencontrés rencontrée rencontrées croisé croisés croisée croisées échangé "
                         "discuté parlé rencontrer"),
    meeting_nouns=_words(
        "echange echanges appel cafe rendez-vous rencontre conversation discussion dejeuner diner entretien "
        "stand visio reunion visite"
    ),
    when_words=_words("hier avant-hier aujourd'hui lundi mardi mercredi jeudi vendredi samedi dimanche"),
    event_words=_words(
        "salon conference conferences congres forum meetup afterwork soiree atelier webinaire webinar "
        "table sommet festival hackathon journee journees rencontres evenement dejeuner diner petit-dejeuner "
        "colloque seminaire stand expo meetup"
    ),
    shared_phrases=(
        ("moi", "aussi"), ("moi", "aussi", "!"), ("comme", "vous"), ("comme", "toi"), ("tous", "les", "deux"),
        ("toutes", "les", "deux"), ("travaillions", "ensemble"), ("avons", "travaille", "ensemble"),
        ("avons", "collabore"), ("quand", "nous", "etions"), ("lorsque", "nous", "etions"),
        ("notre", "passage"), ("ancien",), ("ancienne",), ("anciens",), ("anciennes",),
        ("egalement", "diplome"), ("egalement", "diplomee"), ("meme", "promo"), ("meme", "promotion"),
        ("meme", "ecole"), ("meme", "association"), ("membres", "du"), ("membre", "du"), ("ex-collegue",),
        ("ancien", "collegue"), ("ancienne", "collegue"), ("alumni",),
    ),
    shared_needs_name=(
        ("moi", "aussi"), ("comme", "vous"), ("comme", "toi"), ("tous", "les", "deux"), ("toutes", "les", "deux"),
        ("ancien",), ("ancienne",), ("anciens",), ("anciennes",), ("egalement", "diplome"),
        ("egalement", "diplomee"), ("meme", "promo"), ("meme", "promotion"), ("meme", "ecole"),
        ("meme", "association"), ("membres", "du"), ("membre", "du"), ("alumni",), ("notre", "passage"),
        ("quand", "nous", "etions"), ("lorsque", "nous", "etions"),
    ),
    referral_verbs=(
        ("m'a", "conseille"), ("m'a", "recommande"), ("m'a", "suggere"), ("m'a", "parle"), ("m'a", "donne"),
        ("m'a", "oriente"), ("m'a", "transmis"), ("m'a", "propose"), ("m'a", "dit"), ("m'a", "invite"),
        ("m", "'a", "conseille"), ("m'", "a", "conseille"), ("m'", "a", "recommande"), ("m'", "a", "suggere"),
        ("m'", "a", "parle"), ("m'", "a", "donne"), ("m'", "a", "oriente"), ("nous", "a", "presentes"),
        ("m'", "a", "transmis"), ("m'", "a", "dit"),
    ),
    referral_before=(
        ("de", "la", "part", "de"), ("sur", "les", "conseils", "de"), ("sur", "le", "conseil", "de"),
        ("sur", "la", "recommandation", "de"), ("recommande", "par"), ("recommandee", "par"), ("via",),
        ("grace", "a"),
    ),
    question_words=_words("comment pourquoi quel quelle quels quelles qu'est-ce qu'est"),
    perceived=_words("lu vu regarde ecoute assiste achete visite essaye teste telecharge goute decouvert "
                     "suivi fini termine feuillete parcouru appris"),
    thanks=_words("merci bravo felicitations"),
)

CUES: dict[str, Cues] = {"en": EN, "fr": FR}
