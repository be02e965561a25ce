"""Word lists and text normalisation the speaker stages share: honorifics, titles, role
and organisation nouns, parties, pronouns, quotation marks, and the limits of how far back
resolution looks. Takes nothing; gives constants, `_norm` (a name as comparable words) and
`_word` (a token as a lowercased word without its full stop)."""

from __future__ import annotations

import re

from spacy.tokens import Token

# Honorifics and titles written before names: never part of the canonical name.
_GENDERED = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male",
             "dame": "female", "lord": "male", "lady": "female", "mister": "male",
             "baroness": "female", "baron": "male"}  # fmt: skip
_TITLE_WORDS = {
    "dr", "prof", "professor", "rep", "sen", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "adm", "cmdr", "del", "rev", "fr", "president", "senator", "governor", "mayor", "judge",
    "justice", "secretary", "minister", "chancellor", "speaker", "general", "rabbi", "pope",
    "king", "queen", "prince", "princess", "chairman", "chairwoman", "commissioner", "chief",
    "representative", "congressman", "congresswoman", "sheriff", "ambassador", "retired",
    "former", "vice", "deputy", "premier", "prime", "shadow", "attorney", "sergeant",
    "cllr", "councillor", "councilor", "councilman", "councilwoman", "alderman", "assemblyman",
    "assemblywoman", "supt", "superintendent", "insp", "inspector", "det", "detective",
    "constable", "bishop", "archbishop", "cardinal",
}  # fmt: skip
# Offices held over a place: the PERSON the small NER model finds in "the mayor of
# Riverton" or "the governor of Hawaii" is that place.
_OFFICES_OF = {
    "mayor", "governor", "president", "premier", "minister", "secretary", "chancellor",
    "ambassador", "king", "queen", "leader", "chairman", "chairwoman", "commissioner",
    "sheriff", "senator", "bishop", "archbishop",
}  # fmt: skip
_NOT_NAME = set(_GENDERED) | _TITLE_WORDS
# Titles that say whether a person is a man or a woman, as honorifics do.
_TITLE_GENDER = {"congresswoman": "female", "councilwoman": "female", "assemblywoman": "female",
                 "chairwoman": "female", "congressman": "male", "councilman": "male",
                 "assemblyman": "male"}  # fmt: skip
# Abbreviated titles and the role nouns a later description may use for the same person.
_TITLE_ROLES = {
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
}
# Who runs a place, for a description the article names later ("the head of Harwick General
# Hospital" … "Dr Priya Raman, the hospital's chief executive"); a shared qualifier
# ("hospital") is still needed there, so these stay out of _TITLE_ROLES.
_RUNS = {"chief", "executive", "ceo", "director", "leader", "chairman", "chairwoman"}
_HEAD_ROLES = {"head": _RUNS, "boss": _RUNS}
# Singular nouns naming one person by role: a description with one of these as head is a person.
_PERSON_NOUNS = {
    "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "official", "aide",
    "adviser", "advisor", "president", "senator", "governor", "mayor", "chairman", "chairwoman",
    "chair", "leader", "candidate", "nominee", "lawmaker", "congressman", "congresswoman",
    "representative", "member", "mp", "mep", "chancellor", "general", "officer", "commissioner",
    "director", "chief", "manager", "strategist", "attorney", "lawyer", "doctor", "professor",
    "economist", "analyst", "expert", "source", "man", "woman", "father", "mother", "wife",
    "husband", "son", "daughter", "host", "anchor", "reporter", "correspondent", "writer",
    "author", "judge", "justice", "campaigner", "activist", "supporter", "critic", "executive",
    "founder", "ceo", "pollster", "surrogate", "friend", "ally", "colleague", "boss",
    "researcher", "scientist", "veteran", "voter", "resident", "witness",
    "prosecutor", "investigator", "sheriff", "ambassador", "diplomat", "envoy", "negotiator",
    "premier", "king", "queen", "prince", "princess", "pope", "bishop", "priest", "rabbi",
    "imam", "editor", "columnist", "commentator", "student", "teacher", "worker", "owner",
    "person", "insider", "operative", "consultant", "deputy", "democrat", "republican",
    "senior", "speaker", "whip", "counsel", "secretary-general", "ex-minister",
    "businessman", "businesswoman", "billionaire", "mogul", "tycoon", "star", "celebrity",
    "contender", "hopeful", "incumbent", "challenger", "legislator", "politician", "statesman",
    "commander", "admiral", "colonel", "captain", "sergeant", "soldier", "agent", "detective",
    "inspector", "head", "developer", "entrepreneur", "investor", "banker", "physician",
    "surgeon", "nurse", "psychiatrist", "psychologist", "scholar", "historian", "lecturer",
    "principal", "parent", "mom", "dad", "grandmother", "grandfather", "brother", "sister",
    "uncle", "aunt", "fan", "donor", "lobbyist", "staffer", "clerk", "narrator", "announcer",
    "questioner", "moderator", "presenter", "journalist", "blogger", "pundit", "organizer",
    "organiser", "protester", "demonstrator", "citizen", "immigrant", "refugee", "victim",
    "survivor", "suspect", "defendant", "plaintiff", "juror", "councillor", "councilman",
    "councilwoman", "vice-president", "delegate", "winner", "pastor", "reverend",
    "archbishop", "cardinal", "actor", "actress", "singer", "musician", "artist", "novelist",
    "filmmaker", "producer", "comedian", "player", "coach", "athlete", "employee", "farmer",
    "pilot", "cop", "trooper", "firefighter", "specialist", "advocate", "opponent", "rival",
    "partner", "widow", "child", "teenager", "boy", "girl", "individual", "chairperson",
    "secretary-of-state", "lieutenant", "ex-wife", "ex-husband", "granddaughter", "grandson",
    "year-old", "proponent",
}  # fmt: skip
# Heads naming an organisation ("Tory HQ", "the Clinton campaign", "Tulsa police").
_ORG_NOUNS = {
    "hq", "headquarters", "campaign", "committee", "panel", "party", "government",
    "administration", "department", "ministry", "agency", "office", "fund", "bank", "company",
    "firm", "group", "council", "commission", "police", "union", "court", "board", "team",
    "newspaper", "network", "website", "channel", "broadcaster", "institute", "university",
    "foundation", "organisation", "organization", "association", "caucus", "cabinet",
    "authority", "service", "force", "army", "navy", "military", "parliament", "congress",
    "senate", "house", "pac", "corporation", "regulator", "watchdog", "charity",
    "think-tank", "tank", "secretariat", "embassy", "bureau", "federation", "league", "camp",
    "alliance", "coalition", "movement", "society", "centre", "center", "institution",
}  # fmt: skip
# "the company" is no government department, nor "the agency" a bank: a bare description
# of one of these two sorts never stands for an organisation whose name is of the other.
_COMMERCIAL = {"company", "firm", "corporation", "business", "bank", "corp", "inc", "co",
               "llc", "plc", "ltd", "retailer", "carrier", "airline", "insurer"}  # fmt: skip
_PUBLIC = {"department", "ministry", "agency", "office", "bureau", "administration",
           "government", "commission", "council", "committee", "authority", "regulator",
           "court", "police", "army", "navy", "military", "parliament", "congress", "senate",
           "house", "cabinet", "embassy", "secretariat", "service", "force", "party",
           "campaign", "caucus", "watchdog"}  # fmt: skip
# Other heads for a campaign already named: "the Trump team", "the Clinton camp".
_ORG_ALIASES = {"team": "campaign", "camp": "campaign"}
_PARTIES = {
    "labour", "conservative", "conservatives", "tory", "tories", "lib dem", "lib dems",
    "liberal democrat", "liberal democrats", "snp", "green", "greens", "ukip", "plaid cymru",
    "dup", "sinn fein", "sinn féin", "brexit party", "reform uk", "democrat", "democrats",
    "democratic", "republican", "republicans", "gop", "libertarian",
}  # fmt: skip
# Places that speak for an institution ("Downing Street said").
_INSTITUTIONS = {
    "downing street", "no 10", "number 10", "number ten", "white house", "kremlin",
    "whitehall", "pentagon", "elysee", "élysée", "capitol hill", "scotland yard", "holyrood",
    "westminster", "foggy bottom", "quai dorsay", "zhongnanhai", "blue house", "vatican",
}  # fmt: skip
_PARTY_TAG = re.compile(r"\(?\b([RDI])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)?")
_PARTY_OF_TAG = {"R": "Republican", "D": "Democrat", "I": "Independent"}
# What someone puts out: a source "the IMF report" is the IMF when the article names it.
_DOC_NOUNS = {
    "report", "statement", "analysis", "study", "survey", "memo", "letter", "ad", "advert",
    "advertisement", "video", "release", "email", "tweet", "post", "book", "paper", "document",
    "filing", "complaint", "brief", "transcript", "article", "editorial", "column", "piece",
    "blog", "announcement", "proposal", "plan", "commercial",
}  # fmt: skip
_NP_LEFT = {"det", "predet", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod"}
_ATTACHED = {"of", "to", "for", "at", "on", "from", "in", "with"}  # prepositions a phrase keeps
_MAX_ATTACHMENT = 8  # "a spokesman for the campaign", not a whole clause about a system
_NAME_STRIP = " -–—•*·,;:'\"“”‘’()[]"
_FOCUS = {"even", "only", "also", "just", "too", "still"}  # "Even China said"
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
_DEMONSTRATIVES = {"the", "this", "that", "these", "those"}
_RELATIVE = {"who", "that", "which", "whom"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_THIRD_SINGULAR = _MALE | _FEMALE
_FIRST = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
_PLURAL = {"they", "them", "their", "themselves"}
_ORG_LABELS = {"ORG", "GPE", "FAC", "NORP"}
_NAME_LABELS = _ORG_LABELS | {"PERSON"}  # not DATE: "the 45-year-old"
_GENERIC_TITLES = {"man", "woman", "person", "source", "official", "candidate", "member"}
# Descriptions that say the gender, for a person the article later names by first name alone.
_HEAD_GENDER = {"woman": "female", "girl": "female", "mother": "female",
                "man": "male", "boy": "male", "father": "male"}  # fmt: skip
_NO_ANAPHOR = {"man", "woman", "person", "source"}  # "the woman" may be anyone: no link
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_DOUBLE_MARKS = {'"', "“", "”", "«", "»", "''", "``"}
_QUOTE_OPEN = "“«"  # single marks are left out: ’ is far more often an apostrophe
_QUOTE_CLOSE = "”»"
_HEADLINE_TOKENS = 25  # a longer opening paragraph is the lead, not a headline
_LOOKBACK_SENTS = 4  # pronouns and descriptions look this many sentences back, no further
_CONTINUE_CHARS = 600  # a sourceless quote continues a speaker quoted at most this far back
_NOT_WORD = re.compile(r"[^\w\s-]")


def _norm(text: str) -> str:
    return _NOT_WORD.sub("", text.lower().replace("’", "'")).strip()


def _word(token: Token) -> str:
    return token.text.lower().rstrip(".")
