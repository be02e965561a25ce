"""The speaker stages' own word lists and text normalisation, beside the lexicon's shared
knowledge (honorifics, titles, role nouns, parties): what roles and offices imply, sorts of
organisation, documents, pronouns, determiners, dependency labels, and how far back
resolution looks. Takes nothing; gives constants, `norm_text` (a name as comparable words) and
`word_key` (a token as a lowercased word without its full stop)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from saidwhat.lexicon import GENDERED_HONORIFICS, ORG_NOUNS, PERSON_NOUNS, ROLE_NOUNS, TITLE_WORDS

# Offices held over a place: the PERSON the small NER model finds in "the mayor of
# Riverton" or "the governor of Hawaii" is that place.
OFFICES_OF = {
    "mayor", "governor", "president", "premier", "minister", "secretary", "chancellor",
    "ambassador", "king", "queen", "leader", "chairman", "chairwoman", "commissioner",
    "sheriff", "senator", "bishop", "archbishop",
}  # fmt: skip
NOT_NAME = set(GENDERED_HONORIFICS) | TITLE_WORDS
# Nouns for one who holds a role or is a person of some sort ("actress", "promoter")
HOLDER_NOUNS = PERSON_NOUNS | ROLE_NOUNS
# Offices one person holds at most one of at a time, by the word a description uses: the
# prime minister is not "the president" (a premier is a prime minister), nor the home
# secretary (a secretary of state is a minister, as a Shadow Cabinet minister may be the
# Shadow Health Secretary).
# A team's players and those who run it are apart too: "the 26-year-old centre" is not the
# coach just named.
PLAYERS = {"player", "striker", "forward", "midfielder", "winger", "defender", "goalkeeper",
            "keeper", "centre", "center", "centre-back", "center-back", "full-back", "fullback",
            "wing-back", "half-back", "fly-half", "scrum-half", "flanker", "batsman", "bowler",
            "linebacker", "quarterback", "shortstop", "catcher", "pitcher", "hooker",
            "wicketkeeper", "wicket-keeper", "all-rounder", "spinner", "paceman", "seamer",
            "centre-half", "centre-forward", "left-back", "right-back", "playmaker"}  # fmt: skip
# What anyone famous may be called, whatever they do: "the star" is the actress just named
FAME_NOUNS = {"star", "superstar", "legend", "icon"}
# What any player of a team may be besides a position: its captain, a cap for a country
SQUAD_ROLES = {"captain", "skipper", "international"}
OFFICES = {"president": "president", "premier": "prime", "chancellor": "chancellor",
           "governor": "governor", "mayor": "mayor", "king": "king", "queen": "queen",
           "secretary": "minister", "coach": "coach", "manager": "coach",
           "boss": "coach"} | dict.fromkeys(PLAYERS, "player")  # fmt: skip
# Abbreviated titles and the role nouns a later description may use for the same person.
TITLE_ROLES = {
    "rep": {"representative", "congressman", "congresswoman", "lawmaker"},
    "sen": {"senator", "lawmaker"},
    "senator": {"lawmaker"},
    "gov": {"governor"},
    "gen": {"general"},
    "del": {"delegate", "lawmaker"},
    "pres": {"president"},
    "attorney": {"lawyer"},
    "lawyer": {"attorney"},
    "dr": {"doctor"},
    "prof": {"professor"},
    "striker": {"forward"},  # a striker is a forward
    "forward": {"striker"},
    "manager": {"coach"},  # a football club's manager is its coach
    "coach": {"manager"},
    # a trade's kinds go by the trade's noun: a novelist is a writer, a surgeon a doctor
    "novelist": {"writer", "author"},
    "poet": {"writer"},
    "playwright": {"writer", "dramatist"},
    "author": {"writer"},
    "writer": {"author"},
    "journalist": {"writer", "reporter"},
    "solicitor": {"lawyer"},
    "barrister": {"lawyer"},
    "surgeon": {"doctor"},
    "gp": {"doctor"},
    "physician": {"doctor"},
    "vocalist": {"singer"},
    "frontman": {"singer"},
    "pop": {"singer"},  # a pop star, a pop idol sings
    "soprano": {"singer"},
    "tenor": {"singer"},
    "filmmaker": {"director"},
}
# Who runs a place, for a description the article names later ("the head of Harwick General
# Hospital" … "Dr Priya Raman, the hospital's chief executive"); a shared qualifier
# ("hospital") is still needed there, so these stay out of TITLE_ROLES.
_RUNS = {"chief", "executive", "ceo", "director", "leader", "chairman", "chairwoman"}
HEAD_ROLES = {"head": _RUNS, "boss": _RUNS}
# "the company" is no government department, nor "the agency" a bank: a bare description
# of one of these two sorts never stands for an organisation whose name is of the other.
COMMERCIAL = {"company", "firm", "corporation", "business", "bank", "corp", "inc", "co",
               "llc", "plc", "ltd", "retailer", "carrier", "airline", "insurer", "newspaper",
               "paper", "tabloid", "magazine", "publisher", "broadcaster", "channel", "studio",
               "label"}  # fmt: skip
# What only a company owns: "Expedia's shares" (not "his share of the vote"), its profits,
# shareholders or stores; a person's name is never the owner
COMPANY_POSSESSIONS = {"shares", "shareholders", "profits", "profit", "revenues", "revenue",
                       "turnover", "subsidiary", "subsidiaries", "subscribers", "stores",
                       "branches", "headquarters", "workforce"}  # fmt: skip
# The words a council's name opens with after its place ("East Devon" | "District Council",
# "Hampshire" | "County Council"), where the NER may start the name
COUNCIL_WORDS = {"district", "county", "city", "borough", "parish", "town", "council"}
# What a candidate's campaign has as a company does: "Trump headquarters", "the headquarters
# of Obama" say nothing of a company; "Expedia's headquarters" does
CAMPAIGN_HAS = {"headquarters"}
# Offices only a company or a body has, whoever owns them is one: "Populus's managing
# director", "Mori's founder", "the BBC's chairman" (a person has an agent or a spokesman)
COMPANY_OFFICERS = {"chairman", "chairwoman", "chairperson", "chief executive",
                    "managing director", "founder", "board"}  # fmt: skip
# Verbs whose passive keeps its source back ("Players were said to be shocked", "He is
# understood to have quit"): no one the article names, not the last speaker
HEARSAY = {"say", "understand", "believe", "think", "expect", "report", "rumour", "rumor",
           "announce", "confirm", "reveal", "allege", "claim", "know", "fear", "estimate",
           "consider"}  # fmt: skip
# A trade's nouns a company holds as often as a person: "Her publisher, Headline," and "The
# show's producer, Endemol," are companies (a one-word name that is no first name)
COMPANY_ROLES = {"publisher", "producer", "distributor", "sponsor", "supplier", "owner",
                 "promoter", "organiser", "operator", "developer", "maker", "manufacturer",
                 "backer", "buyer", "bidder", "landlord", "employer", "broker", "auditor",
                 "insurer", "lender", "contractor", "retailer", "label"}  # fmt: skip
# A person's nouns that a company or a club is called as often ("US rival Vertex Micro",
# "Super League rivals", "its publisher, Headline"): no evidence of a person
BODY_ROLES = COMPANY_ROLES | {"rival", "competitor"}
# Nouns only a business is called by with its trade: "the furniture giant" is no ambulance
# service
TRADE_EPITHETS = {"giant", "maker", "carmaker", "automaker", "chipmaker", "drugmaker", "lender",
                  "chain", "manufacturer", "supermarket", "brewer"}  # fmt: skip
# A band by its size ("the trio"), which counts the members of a set too ("a trio of PACs")
BAND_SIZES = {"trio", "duo", "quartet", "quintet"}
# Nouns a company or a body is called by with its trade or cause, once named: "the software
# giant", "the oil firm", "the anti-graft group", "the children's charity", "the Anfield club"
EPITHET_ORGS = COMMERCIAL | TRADE_EPITHETS | {"operator", "provider", "publisher", "broadcaster",
                                              "group", "charity", "watchdog", "regulator",
                                              "organisation", "organization", "body", "tank",
                                              "club", "band"} | BAND_SIZES  # fmt: skip
PUBLIC = {"department", "ministry", "agency", "office", "bureau", "administration",
           "government", "commission", "council", "committee", "authority", "regulator",
           "court", "police", "army", "navy", "military", "parliament", "congress", "senate",
           "house", "cabinet", "embassy", "secretariat", "service", "force", "party",
           "campaign", "caucus", "watchdog", "trust"}  # fmt: skip
# Organisation nouns no person is called by ("firm", "label"), and of those the ones no role
# is either (not "centre", a team's position)
BODY_NOUNS = ORG_NOUNS - PERSON_NOUNS
ROLELESS_BODY_NOUNS = ORG_NOUNS - ROLE_NOUNS
# Bodies a bare description names only by a word of their name: "the army" is no
# charity just named, "the police" no company, "the government" no police force; initials
# ("the IDF") may be any.
_FORCES = {"army", "military", "navy", "forces", "force", "defence", "defense", "troops"}
_POLICE = {"police", "constabulary", "yard", "policing"}
NAMED_BODIES = {"army": _FORCES, "military": _FORCES, "navy": _FORCES, "police": _POLICE,
                "court": {"court", "tribunal"}, "council": {"council"},
                "embassy": {"embassy"}, "university": {"university"},
                "hospital": {"hospital", "infirmary"},
                "government": {"government", "administration", "executive", "cabinet",
                               "downing", "kremlin", "whitehall"}}  # fmt: skip
# The last word of an organisation's name that is no one's surname: "Levada Center" is an
# organisation whatever the NER labelled it ("Bank", "Church" or "House" may be surnames).
ORG_ONLY_HEADS = {"center", "centre", "institute", "foundation", "association", "agency",
                   "bureau", "commission", "committee", "council", "corporation", "federation",
                   "institution", "ministry", "organisation", "organization", "society",
                   "university", "secretariat", "department", "embassy", "coalition",
                   "authority", "inc", "corp", "llc", "plc", "ltd", "network", "union",
                   "league", "alliance", "fund", "forum", "partnership", "trust",
                   "club", "international", "watch"}  # fmt: skip
# The heads of bodies of members, which a word before them only qualifies ("Local Government
# Association", "Police Federation")
MEMBERS_BODIES = {"association", "federation", "union", "league", "alliance", "society",
                  "institute", "foundation", "trust", "forum", "network", "coalition", "club",
                  "fund", "watch", "partnership", "commission", "committee", "council"}  # fmt: skip
# A company's legal form, and the words its short name drops too: "Facebook" is "Facebook
# Inc.", "Suncor" "Suncor Energy". The legal form is no part of the name it gets (but
# "Corporation" is, in "Canada Mortgage and Housing Corporation").
LEGAL_FORMS = {"inc", "incorporated", "corp", "co", "ltd", "limited", "llc", "plc", "lp",
                "llp"}  # fmt: skip
COMPANY_ENDINGS = LEGAL_FORMS | {"company", "corporation", "group", "holdings", "energy",
                                 "resources", "industries", "technologies", "technology",
                                 "enterprises", "airlines", "pharmaceuticals", "communications",
                                 "records", "studios", "motors", "airways", "systems",
                                 "entertainment", "brands", "foods", "networks", "warehouse",
                                 "stores", "bank", "insurance", "software", "games", "capital",
                                 "securities", "investments", "electronics", "publishing",
                                 "pictures", "productions", "television", "radio", "airport",
                                 "travel", "hotels", "leisure", "logistics", "partners",
                                 "associates", "laboratories", "trains", "buses", "tickets",
                                 "concerts", "events", "promotions", "homes", "properties",
                                 "finance", "gas", "oil", "telecom", "telecoms", "music",
                                 "renewables"}  # fmt: skip
# The last words of a charity's or a campaign's name: "Arthritis Care", "Age Concern",
# "Christian Aid", "Comic Relief", "Carers UK"
CAUSE_ENDINGS = {"care", "concern", "aid", "relief", "uk", "action", "rescue"}
# The last words of a sports club's name ("Grimsby Rovers", "Stoke City"): no surname.
CLUB_ENDINGS = {"united", "city", "town", "county", "rovers", "wanderers", "hotspur", "albion",
                "athletic", "rangers", "argyle", "fc", "afc"}  # fmt: skip
# The last words of a sport's governing body ("Zimbabwe Cricket", "British Cycling", "UK
# Athletics"): a sport is no surname.
SPORT_ENDINGS = {"cricket", "rugby", "football", "athletics", "cycling", "sport", "hockey",
                 "swimming", "rowing", "gymnastics", "golf", "tennis", "racing"}  # fmt: skip
# The last words of a name that make it an organisation's, whatever the NER label; the
# last set's are no company's beside its short name ("Facebook" is no "Facebook Research")
ORG_NAME_ENDS = (
    ORG_ONLY_HEADS
    | COMPANY_ENDINGS
    | CAUSE_ENDINGS
    | CLUB_ENDINGS
    | SPORT_ENDINGS
    | {"news", "media", "research", "analytics", "consulting", "consultants", "consultancy"}
)
# Other heads for a campaign already named: "the Trump team", "the Clinton camp".
ORG_ALIASES = {"team": "campaign", "camp": "campaign"}
# What someone puts out: a source "the IMF report" is the IMF when the article names it.
DOC_NOUNS = {
    "report", "statement", "analysis", "study", "survey", "memo", "letter", "ad", "advert",
    "advertisement", "video", "release", "email", "tweet", "post", "book", "paper", "document",
    "filing", "complaint", "brief", "transcript", "article", "editorial", "column", "piece",
    "blog", "announcement", "proposal", "plan", "commercial", "website", "figure", "number",
    "data", "finding", "poll", "decision", "ruling", "bill", "law", "lawsuit", "legislation",
    "amendment", "initiative", "petition", "manifesto", "guidance", "treaty", "programme",
    "program", "documentary", "episode", "broadcast", "film", "drama", "quiz", "tally",
}  # fmt: skip
# Document nouns that also count: "a number of members" is those members, "a poll of
# voters" stays a poll; and a band's sizes, which count too ("a trio of PACs" is the PACs,
# "the trio" alone a band).
COUNTING_NOUNS = {"number"} | BAND_SIZES
# What a study or a count gives, and works of reference: "The results show", "Estimates
# suggest", "the literature says" report things, not someone's words (a document noun above
# may still stand for its owner).
THING_NOUNS = {
    "result", "estimate", "example", "datum", "research", "literature", "project", "review",
    "section", "map", "theory", "precedent", "investigation", "statistic", "projection",
    "forecast", "chart", "graph", "table", "evidence", "footage", "image", "picture",
    "photo", "photograph", "page", "website", "site", "model", "experiment", "test",
    "record", "guideline", "threat", "version", "story", "guide", "poem", "inquiry",
    "enquiry", "inquest", "probe", "audit", "autopsy",
}  # fmt: skip
NP_LEFT = {"det", "predet", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod"}
ATTACHED = {"of", "to", "for", "at", "on", "from", "in", "with"}  # prepositions a phrase keeps
MAX_ATTACHMENT = 8  # "a spokesman for the campaign", not a whole clause about a system
NAME_STRIP = " -–—•*·,;:'\"“”‘’()[]"
# Titles of those known by a first name ("Prince Charles", "Pope Benedict XVI"), whose
# title stays in the name; and a regnal number after such a name
ROYAL_TITLES = {"prince", "princess", "king", "queen", "pope", "emperor", "empress", "sheikh",
                "sheikha", "sultan"}  # fmt: skip
REGNAL = re.compile(r"[IVX]+")
# The endings of English nouns that name a doer: "dealer", "juror", "confidant", "analyst",
# "student", "guardian", "trainee"
DOER_ENDINGS = ("er", "or", "ant", "ent", "ist", "ian", "ee")
# Roles held for a seat, which the seat's name tells apart ("the MP for Medway" is no
# "Blackpool North MP")
SEATED = {"mp", "msp", "mep", "am", "mla"}
# An age as news gives it: "the 34-year-old", "28-year-old Daniel Morris"; and after a name
# set off by commas, "Mr Eisner, 62,"
AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b")
AGE_AFTER = re.compile(r",\s*(\d{1,3}),")
# A peer's rank before the name of a peerage, whose territorial part follows "of" ("Lord
# Hurd of Westwell", "Baroness Kennedy of The Shaws"): a place in the title, no one's body
PEERAGES = {"lord", "baroness", "lady", "baron", "viscount", "viscountess", "earl",
            "countess"}  # fmt: skip
PARTICLES = {"al", "el", "ul", "abd", "abu", "bin", "ibn"}  # "al-Rashid": part of the name
# Nouns for one person of a nation or a region ("the Frenchman said", "the Yorkshireman"),
# which the NER labels anything
NATIONALITY_NOUNS = frozenset(
    "frenchman frenchwoman englishman englishwoman dutchman dutchwoman irishman irishwoman"
    " scotsman scotswoman welshman welshwoman spaniard scot dane swede finn pole turk briton"
    " brit croat serb slovak kiwi aussie yorkshireman yorkshirewoman cornishman ulsterman"
    " londoner glaswegian mancunian scouser geordie lancastrian".split()
)
# A nationality's noun -> its adjective, as the other words of NATIONALITIES are: "the
# Spaniard" is no one the article calls Portuguese; the nations of the UK are British.
NATIONALITY_OF = {"spaniard": "spanish", "frenchman": "french", "frenchwoman": "french",
                  "englishman": "english", "englishwoman": "english", "dutchman": "dutch",
                  "dutchwoman": "dutch", "irishman": "irish", "irishwoman": "irish",
                  "scotsman": "scottish", "scotswoman": "scottish", "scot": "scottish",
                  "scots": "scottish", "welshman": "welsh", "welshwoman": "welsh",
                  "briton": "british", "brit": "british", "dane": "danish", "swede": "swedish",
                  "finn": "finnish", "pole": "polish", "turk": "turkish", "croat": "croatian",
                  "serb": "serbian", "argentinian": "argentine", "slovakian": "slovak",
                  "slovene": "slovenian"}  # fmt: skip
BRITISH = {"british", "english", "scottish", "welsh"}
# Lower-case words inside a surname ("Erik ten Hag", "Ursula von der Leyen", "Faf du Plessis")
SURNAME_PARTICLES = frozenset("van von der den de ten ter da di du dos das del della".split())
NAMING_VERBS = {"name", "call", "identify", "know"}  # "a spokeswoman named Jo Ng"
# Verbs whose passive subject is what is named, not the speaker: PolNeAR train gives such
# cues a source only in a "by" phrase ("was named best film", "was elected leader")
NAMED = frozenset("name appoint elect nominate crown vote dub choose select".split())
NAME_JOINERS = {"-", "&", ".", "'"}  # marks inside a printed name: "G-Unit", "AT&T"
QUANTIFIERS = {"many", "some", "several", "most", "few", "numerous", "both", "all", "other",
               "various", "dozens", "hundreds", "thousands", "millions"}  # fmt: skip
OTHERS = {"others", "ones"}  # plurals that stand for a new set each time they are used
FOCUS = {"even", "only", "also", "just", "too", "still"}  # "Even China said"
# Quantifiers of one: "another pollster" says no more of the role than "a pollster"
ONE_OF = frozenset({"another", "one", "each", "every", "any", "some"})
# Before a copula, a modal or an infinitive makes a role one to come ("will be the nominee"),
# a negation one denied ("is not a journalist")
NOT_YET = frozenset({"will", "would", "could", "might", "may", "shall", "should", "to", "'ll",
                     "not", "n't", "never"})  # fmt: skip
# Pieces of writing an outlet publishes: "an editorial in the Register" is the Register's
OUTLET_PIECES = {"editorial", "article", "column", "op-ed", "oped", "piece"}
# Labels of names that own no document: "a new Ohio poll", "Monday's report"
NOT_OWNER_LABELS = {"GPE", "LOC", "DATE", "TIME", "NORP", "EVENT", "CARDINAL", "ORDINAL"}
# A source that names no one: pronouns left unresolved and negative words ("nobody
# suggests …"). Quantifiers ("some", "many") are groups of people and stay, and so does an
# unresolved "I" or "we": the writer, or someone the article does not name.
NO_SPEAKER = {"you", "he", "him", "she", "her", "it", "they", "them",
              "this", "that", "these", "those", "who", "which", "what", "nobody", "no one",
              "none", "nothing", "neither", "noone", "anyone", "anybody", "everyone",
              "everybody", "someone", "somebody", "its", "their", "his", "hers", "our",
              "your", "my"}  # fmt: skip
POINTERS = {"the", "this", "that", "these", "those", "both"}  # words a name does without
ARTICLES = ("a", "an", "the")
DETERMINERS = {*ARTICLES, "this", "that", "these", "those"}
# "this reporter", "your correspondent": the article's own writer, whom it never names
WRITER_NOUNS = {"reporter", "writer", "correspondent", "columnist", "author"}
# Organisation nouns that open names ("Team Estonia", "Club Med", "Police Scotland"), unlike
# a trade's noun before a name ("Retailer Game")
NAME_OPENERS = frozenset("team club group bank house party union council police".split())
# Descriptions by age or sex, which fit a person of any occupation ("the 63-year-old")
AGE_AND_SEX = frozenset({"year-old", "man", "woman", "boy", "girl", "teenager"})
# What someone has won, whatever they do: "the Olympic silver medallist" is the boxer just named
ACHIEVEMENTS = frozenset({"champion", "medallist", "medalist", "winner", "finalist"})
# One noun for several people together: "The family said" is a set of people, no person
PEOPLE_SETS = {"family", "household", "crowd", "audience", "pair"}
MEMBERS = {"member", "official"}  # "Board members": an organisation's people, speaking for it
DEMONSTRATIVES = {"the", "this", "that", "these", "those"}
RELATIVE = {"who", "that", "which", "whom"}
MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
THIRD_SINGULAR = MALE | _FEMALE
FIRST = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
PLURAL = {"they", "them", "their", "themselves"}
OWNING = {"its", "their"}  # possessives an organisation may be: "its chief executive"
ORG_LABELS = {"ORG", "GPE", "FAC", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = ORG_LABELS | {"PERSON"}  # not DATE: "the 45-year-old"
RELABEL = ORG_LABELS | {"LOC", "PRODUCT", "WORK_OF_ART"}  # labels a person's name may get
# Roles held "for" a seat or a brief, not an organisation: "the MP for Wood Green", "Minister
# for Children", "Secretary for Border Security".
SEATS = (TITLE_WORDS - {"attorney"}) | {"mp", "msp", "mep", "mla", "mpp", "member", "candidate"}
# Briefs a minister or secretary holds, which the NER takes for organisations: "State" of
# "Secretary of State", "Homeland Security" of "Homeland Security Deputy Secretary", "Press"
# of "Press Secretary"; and the rank of "Cabinet minister".
PORTFOLIOS = {"state", "labor", "defense", "defence", "finance", "health", "cabinet",
              "education", "energy", "transportation", "transport", "commerce", "treasury",
              "justice", "agriculture", "interior", "environment", "homeland security",
              "veterans affairs", "housing", "trade", "culture", "sport", "foreign affairs",
              "home affairs", "immigration", "press"}  # fmt: skip
# Chambers a journalist or an aide covers ("House editor", "Senate aide"): no employer
CHAMBERS = {"house", "senate", "congress", "commons", "lords", "parliament", "assembly"}
GENERIC_TITLES = {"man", "woman", "person", "source", "official", "candidate", "member"}
# Descriptions that say the gender, for a person the article later names by first name alone.
HEAD_GENDER = {"woman": "female", "girl": "female", "mother": "female",
                "man": "male", "boy": "male", "father": "male"}  # fmt: skip
NO_ANAPHOR = {"man", "woman", "person", "source"}  # "the woman" may be anyone: no link
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# A rank below the role it qualifies: a vice presidential nominee is not "the nominee"
# Words that make a title another's than the office it names: a deputy's, or the
# opposition's ("Shadow Chancellor Oliver Letwin" is not "the Chancellor")
DEPUTIES = {"vice", "deputy", "assistant", "associate", "lieutenant", "shadow"}
OBJECT_DEPS = {"dobj", "dative", "obj", "iobj"}  # a verb's objects (not "attr": "X is the judge")
HEADLINE_TOKENS = 25  # a longer opening paragraph is the lead, not a headline
LOOKBACK_SENTS = 4  # pronouns and descriptions look this many sentences back, no further
RANKER_SENTS = 8  # the ranker weighs people mentioned this many narrative sentences back
CONTINUE_CHARS = 600  # a sourceless quote continues a speaker quoted at most this far back
_NOT_WORD = re.compile(r"[^\w\s-]")


def norm_text(text: str) -> str:
    """Text as names are compared: lowercased, apostrophes straight, other marks dropped."""
    return _NOT_WORD.sub("", text.lower().replace("’", "'")).strip()


def word_key(token: Token) -> str:
    """A token as word lists hold it: lowercased, without a final full stop ("Sen.")."""
    return token.text.lower().rstrip(".")


def pronoun_gender(tok: Token) -> str | None:
    """The gender of a he/she word ("his" male, "herself" female); None for any other."""
    if tok.lower_ not in THIRD_SINGULAR:
        return None
    return "male" if tok.lower_ in MALE else "female"
