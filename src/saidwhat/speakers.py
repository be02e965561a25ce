"""Speaker resolution: who each quote's source is, as one entity per person or organisation.

Takes a parsed spaCy Doc (tagger, parser, NER, morphology) and the article's Quotes, whose
cue/sources/contents spans are character offsets into `doc.text`. Gives the article's
Speakers (canonical name = the fullest name the article prints, kind, titles, affiliations,
gender from the article's own pronouns and honorifics, every mention) and sets
`quote.speaker_id` on each quote.

How: one pass over the named entities registers people and organisations, merging
surnames, first names and acronyms into the fullest name; titles and affiliations come
from pre-modifiers ("Shadow Health Secretary Jonathan Ashworth", "Labour's X"),
appositions ("X, the Conservative Chairman"), copulas and party tags ("(R-Utah)"). Then
sources and narrative pronouns are resolved in text order: pronouns to the nearest
compatible earlier entity (subjects first, never a mention inside quotation marks),
descriptions to the entity holding that title or role, else to the sentence's recent
subject ("the Shadow Health Secretary said"), lead descriptions forward to the first
person or organisation named ("A Shadow Cabinet minister…" / "Jonathan Ashworth…"), and a
quote without a source to the previous quote's speaker. What cannot be resolved becomes
kind "unknown" named by its mention, never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from saidwhat.article import Quote, Span, Speaker, SpeakerKind

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
# Common first names, only to keep "she" off Chris Christie while resolving pronouns: a
# speaker's reported gender comes from the article's own pronouns and honorifics alone.
_FEMALE_NAMES = set(
    """
    abigail alexandra alice alison amanda amy andrea angela angelina ann anna anne annie
    barbara betsy betty beverly brenda carly carmel carol caroline catherine cheryl chelsea
    christine claire connie cynthia dana deborah debbie denise diana diane donna doris
    dorothy elaine elisabeth eleanor elizabeth ellen emily emma erin evelyn gillian gloria
    hannah heather heidi helen hillary ivanka jacqueline jane janet janice jean jennifer
    jessica jill jo joan joanne jodi judith judy julia julie karen kate katherine kathleen
    kathy kelly kellyanne kim kimberly laura lauren linda lisa loretta lucy lynn margaret
    maria marie marine martha mary megan melania melanie michelle mildred nancy natalie
    nicola nicole nikki olivia pamela patricia paula penny priti rachel rebecca rosa ruth
    sally samantha sandra sarah sharon sheila shirley sophie stacey stephanie susan suzanne
    teresa theresa tulsi virginia wendy yvette zoe
    """.split()
)
_MALE_NAMES = set(
    """
    aaron adam alan albert alex alexander andrew angus anthony barack ben benjamin bernie
    bill bob boris brian bruce carl charles charlie chris christopher chuck craig dan
    daniel david dennis donald doug douglas ed edward elijah eric frank fred gary george
    gerald gordon greg gregory harry henry howard hugh ian jack jacob james jason jeb
    jeff jeffrey jeremy jerry jim jimmy joe john johnny jon jonathan joseph josh joshua
    keir keith ken kenneth kevin larry lee lindsey marco mark martin matt matthew maury
    michael mike mitch mitt nathan neil nick nicholas nigel patrick paul peter philip
    ralph randy raymond reince richard rick rishi rob robby robert roger ron ronald rudy
    rusty ryan sam samuel scott sean stephen steve steven ted terry thomas tim timothy tom
    tony trey vladimir walter wayne william
    """.split()
)
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
# Gender evidence is weighed, not set by the first pronoun: one stray "she" does not outweigh
# "Mr." or a man's first name, and does not block the "he"s that follow.
_PRONOUN_VOTE = 1
_NAME_VOTE = 2
_HONORIFIC_VOTE = 3


_NOT_WORD = re.compile(r"[^\w\s-]")


def _norm(text: str) -> str:
    return _NOT_WORD.sub("", text.lower().replace("’", "'")).strip()


def _word(token: Token) -> str:
    return token.text.lower().rstrip(".")


@dataclass(slots=True)
class _Entity:
    kind: SpeakerKind
    name: str
    first: int  # token index of the first mention: ties go to the earlier entity
    tokens: list[str] = field(default_factory=list)  # the canonical name's words, lowercased
    head: str = ""  # the head noun's lemma for descriptions ("voter"), "person" for names
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)  # gender -> weight of the evidence
    mentions: dict[tuple[int, int], Span] = field(default_factory=dict)
    surname_used: bool = False
    titled: bool = False  # introduced with a title or honorific ("President Obama")
    title_marks: list[tuple[int, str]] = field(default_factory=list)  # (token, title)
    role_heads: list[int] = field(default_factory=list)  # head tokens of its role phrases

    def add_title(self, title: str, at: int) -> None:
        title = title.strip(" ,;:-()")
        if title:
            self.title_marks.append((at, title))
        if title and _norm(title) not in {_norm(t) for t in self.titles}:
            self.titles.append(title)

    def add_affiliation(self, name: str) -> None:
        name = name.strip(" ,;:-()")
        if name and _norm(name) not in {_norm(a) for a in self.affiliations}:
            self.affiliations.append(name)

    def role_words(self, before: int) -> set[str]:
        """The words of the titles stated before token `before`, with the roles they imply."""
        words: set[str] = set()
        for at, title in self.title_marks:
            if at >= before:
                continue
            for w in _norm(title).replace("-", " ").split():
                words.add(w)
                words.update(_TITLE_ROLES.get(w, ()))
        return words

    def vote(self, gender: str, weight: int = _PRONOUN_VOTE) -> None:
        self.votes[gender] = self.votes.get(gender, 0) + weight

    @property
    def gender(self) -> str | None:
        """What the article's pronouns and honorifics say, by weight; a tie says nothing."""
        return _majority(self.votes)

    def name_gender(self) -> str | None:
        """What the first name suggests, for resolution only (never reported)."""
        if self.kind != "person" or not self.tokens:
            return None
        first = self.tokens[0]
        return "female" if first in _FEMALE_NAMES else "male" if first in _MALE_NAMES else None

    def could_be(self, gender: str, margin: int = 1) -> bool:
        """Compatible with a pronoun of this gender: the article's evidence and the first
        name do not outweigh it by `margin` or more (2: one stray pronoun does not count)."""
        votes = dict(self.votes)
        if named := self.name_gender():
            votes[named] = votes.get(named, 0) + _NAME_VOTE
        other = max((w for g, w in votes.items() if g != gender), default=0)
        return other - votes.get(gender, 0) < margin

    def animate(self) -> bool:
        return self.kind == "person" or (self.kind == "unknown" and self.head in _PERSON_NOUNS)


@dataclass(frozen=True, slots=True, order=True)
class _Mention:
    token: int  # the mention's head token
    entity: int
    rank: int  # 2: subject of the main clause, 1: another subject, 0: anything else
    sent: int


class _Resolver:
    """One article's entities and mentions, built up in text order."""

    def __init__(self, doc: Doc, quotes: list[Quote], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.entities: list[_Entity] = []
        self.mentions: list[_Mention] = []
        self.by_token: dict[int, int] = {}  # token index -> entity of the name covering it
        self.phrases: dict[str, list[tuple[int, int]]] = {}  # description -> (token, entity)
        self.source_tokens: set[int] = set()  # the source mention being resolved
        self.assign: dict[int, int | None] = {}  # id(quote) -> its speaker entity
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for i, sent in enumerate(self.sents):
            for t in range(sent.start, sent.end):
                self.sent_of[t] = i
        self.ents = list(doc.ents)
        self.ent_at = {e.start: e for e in self.ents}
        self.quoted, self.pronouns = self._scan()
        self.headline_end, self.lead_end = self._zones()

    # -- set-up -------------------------------------------------------------------------

    def _scan(self) -> tuple[list[bool], list[int]]:
        """Which tokens sit inside double quotation marks (mentions there are not
        antecedents), and the narrative he/she pronouns outside them."""
        inside = [False] * len(self.doc)
        pronouns: list[int] = []
        opened = False
        for tok in self.doc:
            if "\n" in tok.text:
                opened = False  # an unclosed quote ends with its paragraph
                continue
            if tok.text in ('"', "''", "``") or (tok.text in _QUOTE_OPEN + _QUOTE_CLOSE):
                if tok.text in _QUOTE_OPEN or tok.text == "``":
                    opened = True
                elif tok.text in _QUOTE_CLOSE or tok.text == "''":
                    opened = False
                else:
                    opened = not opened
                continue
            inside[tok.i] = opened
            if not opened and tok.lower_ in _THIRD_SINGULAR and tok.pos_ == "PRON":
                pronouns.append(tok.i)
        return inside, pronouns

    def _zones(self) -> tuple[int, int]:
        """Token indices ending the headline (a short opening paragraph, when more follows)
        and the lead (the headline plus the first sentence of the body)."""
        headline = 0
        para = self.text.find("\n\n")
        span = self.doc.char_span(0, para, alignment_mode="expand") if para > 0 else None
        if span is not None and _is_headline(span) and span.end < len(self.doc) - 1:
            headline = span.end
            while headline < len(self.doc) and self.doc[headline].is_space:
                headline += 1
        lead = headline
        if headline < len(self.doc):
            lead = self.doc[headline].sent.end
        return headline, lead

    def register_names(self) -> None:
        """Create entities for every PERSON and ORG the NER finds, merging name variants.

        People come before organisations, so that an ORG that is a known surname ("Trump")
        joins the person. Headline names come last: capitalised headlines confuse the NER
        ("Obama Sees 'Personal Insult'"), so there a name only joins one the body names.
        """
        body = [e for e in self.ents if e.start >= self.headline_end]
        head = [e for e in self.ents if e.start < self.headline_end]
        for ents in (body, head):
            for ent in ents:
                if ent.label_ == "PERSON":
                    self._register(ent)
            for ent in ents:
                if ent.label_ == "ORG":
                    self._register(ent)

    def _register(self, ent: TokenSpan) -> None:
        in_headline = ent.start < self.headline_end
        if _norm(ent.text) in _PARTIES:
            return
        if _norm(_strip_det(ent.text)) in _INSTITUTIONS:
            self._org_name(ent, in_headline)
        elif ent.label_ == "PERSON" and _plural_role(ent[-1]):
            return  # "Tory MPs" is a group the NER took for a name
        elif ent.label_ == "PERSON" and _office_over(ent.root):
            self._org_name(ent, in_headline)
        elif ent.label_ == "PERSON" or self._known_surname(ent) or _titled_name(ent):
            words = self._name_words(ent)
            if words and _norm(" ".join(w.text for w in words)) not in _PARTIES:
                self._person_name(words, ent, in_headline)
        elif _lemma(ent.root) not in _PERSON_NOUNS:  # "Member of House" is no organisation
            self._org_name(ent, in_headline)

    def _known_surname(self, ent: TokenSpan) -> bool:
        last = _norm(ent[-1].text)
        return any(e.kind == "person" and e.tokens and e.tokens[-1] == last for e in self.entities)

    @staticmethod
    def _name_words(ent: TokenSpan) -> list[Token]:
        words = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s", "'", "’")]
        doc, i = ent.doc, ent.start - 1
        while (  # the NER left out a first name: "Sadiq" of "Sadiq Khan"
            ent.label_ == "PERSON"
            and i >= 0
            and doc[i].pos_ == "PROPN"
            and doc[i].dep_ == "compound"
            and doc[i].head.i in range(ent.start, ent.end)
            and not doc[i].ent_type_
            and _word(doc[i]) not in _NOT_NAME
            and doc[i].text[:1].isupper()
        ):
            words.insert(0, doc[i])
            i -= 1
        while len(words) > 1 and _word(words[0]) in _NOT_NAME:
            words = words[1:]
        return [] if len(words) == 1 and _word(words[0]) in _GENDERED else words

    def _person_name(self, words: list[Token], ent: TokenSpan, in_headline: bool = False) -> int:
        names = [_norm(w.text) for w in words]
        before = self.doc[ent.start - 1] if ent.start else None
        hon = _word(before) if before is not None and _word(before) in _GENDERED else _word(ent[0])
        gender = _GENDERED.get(hon)
        if gender is None:  # "Councilwoman Rita Ng", "Congressman Smith"
            title = ent[0] if words[0].i > ent.start else before
            gender = _TITLE_GENDER.get(_word(title)) if title is not None else None
        titled = (
            gender is not None
            or words[0].i > ent.start
            or (before is not None and _word(before) in _TITLE_WORDS)
        )
        if in_headline:
            found = self._match_headline(words)
            if found is None:
                return -1  # the body never names this one: headline NER is unreliable
            index, words = found
            self.entities[index].surname_used |= len(words) == 1
            self._mention(index, words[0].i, words[-1].i + 1, words[-1])
            return index
        index = self._match_person(names, gender)
        text = self.text[words[0].idx : words[-1].idx + len(words[-1].text)]
        if index is None:
            index = self._new(_Entity("person", text, words[0].i, names, head="person"))
            self.entities[index].titled = titled
        else:
            entity = self.entities[index]
            if len(names) > len(entity.tokens):  # a fuller name than seen so far
                entity.name = text.strip(_NAME_STRIP) or text
                entity.tokens = names
            if len(names) == 1:
                entity.surname_used = True
        entity = self.entities[index]
        if gender:
            entity.vote(gender, _HONORIFIC_VOTE)
        start = ent.start - 1 if before is not None and _word(before) in _GENDERED else ent.start
        self._mention(index, start, words[-1].i + 1, words[-1])  # "Mr Ashworth"
        self._describe(index, ent, words)
        return index

    def _match_headline(self, words: list[Token]) -> tuple[int, list[Token]] | None:
        """A headline name: the longest run of its words that names a person of the body."""
        names = [_norm(w.text) for w in words]
        for size in range(len(names), 0, -1):
            for start in range(len(names) - size + 1):
                index = self._match_person(names[start : start + size], None, False)
                if index is not None:
                    return index, words[start : start + size]
        return None

    def _match_person(
        self, names: list[str], gender: str | None, allow_fuller: bool = True
    ) -> int | None:
        """The person these name words are: the same name, a part of it (surname, "de
        Blasio", first name), the same first and last name ("Charles B. Rangel"), or a
        fuller name for a bare surname never introduced by title ("Flynn" … "Michael
        Flynn", but not "President Obama" … "Michelle Obama"). Exact matches win, then
        people already called by the bare name, then the first introduced."""
        best: tuple[int, int, int] | None = None
        n = len(names)
        for i, e in enumerate(self.entities):
            if e.kind != "person" or not e.tokens:
                continue
            if gender and e.gender and gender != e.gender:
                continue
            k = len(e.tokens)
            if e.tokens == names:
                score = 3
            elif (n < k and e.tokens[-n:] == names) or (n == 1 < k and e.tokens[0] == names[0]):
                score = 1 + e.surname_used
            elif n > 1 and k > 1 and e.tokens[0] == names[0] and e.tokens[-1] == names[-1]:
                score = 2
            elif allow_fuller and n > k and names[-k:] == e.tokens and self._may_extend(e, names):
                if any(o is not e and o.kind == "person" and o.tokens[-k:] == e.tokens
                       for o in self.entities):  # fmt: skip
                    continue  # two people share the surname: not clear which one this is
                score = 1
            else:
                continue
            if best is None or (score, -e.first) > (best[0], -best[1]):
                best = (score, e.first, i)
        return best[2] if best else None

    def _may_extend(self, entity: _Entity, names: list[str]) -> bool:
        """May a bare surname seen so far ("Mrs. Clinton") take this fuller name ("Hillary
        Clinton")? Not against its gender ("Mr. Obama" … "Michelle Obama"), and not when a
        title introduced it and nothing tells the gender ("President Obama" … "Michelle")."""
        first = names[0]
        hint = "female" if first in _FEMALE_NAMES else "male" if first in _MALE_NAMES else None
        if entity.gender and hint:
            return entity.gender == hint
        return not entity.titled

    def _org_name(self, ent: TokenSpan, in_headline: bool = False) -> int:
        """An organisation: the same name, its acronym ("IMF"), or its last word ("the Post"
        for "The Washington Post", unless that word is a common one like "House")."""
        words = [t for t in ent if t.tag_ != "POS"]
        while words and (words[0].text[:1].islower() or words[0].lower_ in _DETERMINERS):
            # "the federal Securities and Exchange Commission"
            words = words[1:]
        if not words:
            return -1
        text = self.text[words[0].idx : words[-1].idx + len(words[-1].text)]
        norm = _norm(text)
        index = None
        for i, e in enumerate(self.entities):
            if e.kind != "organisation":
                continue
            name = _norm(e.name)
            if norm == name or norm in _acronyms(e.name) or name in _acronyms(text):
                index = i
                break
            if " " not in norm and name.endswith(" " + norm) and norm not in _ORG_NOUNS:
                index = i
        if index is None:
            if in_headline:
                return -1  # the body never names this one: headline NER is unreliable
            index = self._new(_Entity("organisation", text, words[0].i, norm.split()))
        elif len(text) > len(self.entities[index].name) and _norm(
            self.entities[index].name
        ) in _acronyms(text):
            self.entities[index].name = text
        self._mention(index, words[0].i, words[-1].i + 1, words[-1])
        return index

    def _new(self, entity: _Entity) -> int:
        entity.name = entity.name.strip(_NAME_STRIP) or entity.name  # "-Philip Bump" bullets
        self.entities.append(entity)
        return len(self.entities) - 1

    def _mention(self, index: int, start: int, end: int, head: Token) -> None:
        span = Span.of(
            self.text, self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        )
        entity = self.entities[index]
        if (span.start, span.end) in entity.mentions:
            return
        entity.mentions[(span.start, span.end)] = span
        for t in range(start, end):
            self.by_token.setdefault(t, index)
        if not self.quoted[head.i]:
            insort(self.mentions, _Mention(head.i, index, _rank(head), self.sent_of[head.i]))

    def _describe(self, index: int, ent: TokenSpan, words: list[Token]) -> None:
        """Titles and affiliations the article attaches to this name where it is written."""
        entity = self.entities[index]
        root = words[-1]
        # Pre-modifiers: "Shadow Health Secretary Jonathan Ashworth", "Labour's X", "Rep."
        left: set[int] = set()
        for child in root.lefts:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod") and child.i < ent.start:
                left.update(t.i for t in child.subtree if t.i < ent.start)
        run: list[Token] = []
        i = ent.start - 1
        while i in left:  # the contiguous run that ends right before the name
            run.insert(0, self.doc[i])
            i -= 1
        run += [t for t in ent if t.i < words[0].i]
        run = [t for t in run if t.lower_ not in _DETERMINERS and _word(t) not in _GENDERED]
        cut = max((t.i for t in run if t.tag_ == "POS"), default=None)
        if cut is not None:  # "Labour's X": the possessor is an affiliation, not a title
            self._affiliations_in(entity, [t for t in run if t.i < cut])
            run = [t for t in run if t.i > cut]
        if run:
            entity.add_title(self.text[run[0].idx : run[-1].idx + len(run[-1])], run[0].i)
            entity.role_heads.append(run[-1].i)
            self._affiliations_in(entity, run)
        # Party tag after the name: "Rep. Jason Chaffetz (R-Utah)", "Sen. Tim Kaine, D-Va."
        tail = self.text[ent.end_char : ent.end_char + 16]
        if m := _PARTY_TAG.match(tail.lstrip(" ,")):
            entity.add_affiliation(_PARTY_OF_TAG[m.group(1)])
        # Apposition: "James Cleverly, the Conservative Chairman,"; copula: "X is the Y".
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                self._title_phrase(entity, child)
        described = root.head
        if (  # "An attorney for Pagliano, Mark MacDougall": the parser hangs it on Pagliano
            described.ent_type_
            and described.dep_ == "pobj"
            and described.head.lower_ in ("for", "of", "to")
            and described.head.head.pos_ == "NOUN"
        ):
            described = described.head.head
        if root.dep_ == "appos" and not described.ent_type_ and described.pos_ in ("NOUN", "PROPN"):
            self._title_phrase(entity, described)
        if root.dep_ == "nsubj" and root.head.lemma_ == "be" and root.head.tag_ != "VBG":
            for child in root.head.children:
                if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN") and not child.ent_type_:
                    self._title_phrase(entity, child)

    def _title_phrase(self, entity: _Entity, head: Token) -> None:
        """A role phrase ("the Conservative Chairman") as a title, with its parties."""
        phrase = _phrase(head)
        if not phrase or (head.lower_ in _GENERIC_TITLES and len(phrase) == 1):
            return
        if head.lemma_.lower() not in _PERSON_NOUNS and not any(
            _word(t) in _TITLE_WORDS for t in phrase
        ):
            return
        while phrase and phrase[0].lower_ in _DETERMINERS:
            phrase = phrase[1:]
        if phrase:
            entity.add_title(
                self.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])], phrase[0].i
            )
            entity.role_heads.append(head.i)
            self._affiliations_in(entity, phrase)

    def _affiliations_in(self, entity: _Entity, tokens: list[Token]) -> None:
        """Parties and organisations named in these tokens ("Labour", "NYPD")."""
        seen: set[int] = set()
        for t, nxt in pairwise([*tokens, None]):  # an empty run gives no pairs
            if t.i in seen:
                continue
            if nxt is not None and _norm(f"{t.text} {nxt.text}") in _PARTIES:
                seen.add(nxt.i)  # "Liberal Democrat", "Lib Dem", "Reform UK": one party
                entity.add_affiliation(self.text[t.idx : nxt.idx + len(nxt.text)])
                continue
            if _norm(t.text) in _PARTIES or (t.ent_type_ in ("ORG", "NORP") and t.ent_iob_ == "B"):
                ent = self.ent_at.get(t.i)
                if ent is not None and _titled_name(ent):
                    continue  # the person's own name, which the NER took for an organisation
                after = t.doc[ent.end] if ent is not None and ent.end < len(t.doc) else None
                if (
                    ent is not None
                    and len(ent) == 1
                    and not ent.text.isupper()
                    and after is not None
                    and _word(after) in _TITLE_WORDS | _PERSON_NOUNS
                    and _norm(ent.text) not in _PARTIES
                ):
                    continue  # "Health" of "Health Secretary" is no organisation
                if ent is not None and ent.label_ in ("ORG", "NORP"):
                    seen.update(range(ent.start, ent.end))
                    entity.add_affiliation(ent.text.removesuffix("'s").removesuffix("’s"))
                elif _norm(t.text) in _PARTIES:
                    entity.add_affiliation(t.text)

    # -- resolution ---------------------------------------------------------------------

    def resolve(self) -> None:
        """Resolve quote sources and narrative pronouns in text order, headlines last
        (a headline speaks of who the body goes on to name)."""
        headline_start = self.doc[self.headline_end].idx if self.headline_end < len(self.doc) else 0
        # (in the headline, offset, mention 0 / quote 1, token index or quote number)
        events: list[tuple[bool, int, int, int]] = []
        for n, q in enumerate(self.quotes):
            at = q.sources[0].start if q.sources else q.start
            events.append((at < headline_start, at, 1, n))
        for i in self.pronouns + self._descriptions():
            events.append((i < self.headline_end, self.doc[i].idx, 0, i))
        events.sort()
        last: tuple[int, int, int] | None = None  # (start, end, entity) of the last quote
        for _, _, is_quote, n in events:
            if not is_quote:
                tok = self.doc[n]
                if tok.i in self.by_token:
                    continue
                if tok.lower_ in _THIRD_SINGULAR:
                    self._pronoun(tok)
                else:
                    self._described_again(tok)
                continue
            quote = self.quotes[n]
            entity = self._quote_speaker(quote, last)
            self.assign[id(quote)] = entity
            if entity is not None:
                last = (quote.start, max(s.end for s in quote.spans()), entity)

    def _descriptions(self) -> list[int]:
        """Heads of definite person descriptions outside quotation marks ("the woman's")."""
        return [
            t.i
            for t in self.doc
            if t.pos_ == "NOUN"
            and not self.quoted[t.i]
            and _lemma(t) in _PERSON_NOUNS
            and any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in t.children)
        ]

    def _described_again(self, tok: Token) -> None:
        """A description a source has used, again outside a source ("The woman's enthusiasm
        …: “…,” she said"): a mention of whoever it was, for the pronouns after it."""
        phrase = _phrase(tok)
        text = _strip_det(self.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])])
        said = [i for t, i in self.phrases.get(_norm(text), []) if t < tok.i]
        if said:
            self._mention(said[-1], phrase[0].i, phrase[-1].i + 1, tok)

    def _horizon(self, tok: Token) -> tuple[int, int]:
        """(token, character) before which what is known counts for `tok`: everything for a
        headline, else what comes before it."""
        if tok.i < self.headline_end:
            return len(self.doc), len(self.text)
        return tok.i, tok.idx

    def _quote_speaker(self, quote: Quote, last: tuple[int, int, int] | None) -> int | None:
        if not quote.sources:
            subject = self._cue_subject(quote)
            if subject is not None:  # "Trump …, telling them that …": the cue names its speaker
                self.source_tokens = {t.i for t in subject.subtree}
                index = self._resolve_token(subject, quote)
                if index is not None:
                    return index
            # He added: "…" with no source of its own, or a paragraph that only continues
            # the quote before it (never one before it: headlines are resolved last).
            if last is not None and last[0] <= quote.start <= last[1] + _CONTINUE_CHARS:
                return last[2]
            return None
        root = self._source_root(quote)
        if root is None:
            return None
        if root.pos_ in ("VERB", "AUX"):  # a source span on the verb: its subject speaks
            root = next((t for t in root.children if t.dep_ in _SUBJECT_DEPS), None)
            if root is None:
                return None
        if root.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART"):
            return None  # a source span that holds no noun phrase: no speaker to name
        index = self._resolve_token(root, quote)
        if index is None:
            words = _phrase(root) or [root]
            text = _strip_det(self.text[words[0].idx : words[-1].idx + len(words[-1])])
            head = root.lemma_.lower()
            index = self._new(_Entity("unknown", text, root.i, [_norm(text)], head=head))
            self._mention(index, words[0].i, words[-1].i + 1, root)
        return index

    def _cue_subject(self, quote: Quote) -> Token | None:
        """Who a sourceless quote's cue verb says spoke: its subject, or for a participle or
        a conjoined verb ("Trump spoke to …, promising to …") the subject of the verb it
        hangs on; never an expletive ("It was revealed"), nor words inside quotation marks or
        inside what a quote reports ("X says [Y accepted …] — asserting …" is X's)."""
        if quote.cue is None:
            return None
        span = self.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        verb = span.root if span is not None and span.root.pos_ == "VERB" else None
        subject = None
        for _ in range(3):  # a participle hanging on a participle at most
            if verb is None or any(t.dep_ == "nsubjpass" for t in verb.children):
                return None  # "Her diagnosis was confirmed": no speaker there
            subject = next((t for t in verb.lefts if t.dep_ == "nsubj"), None)
            if subject is not None:
                break
            if verb.dep_ in ("advcl", "conj", "xcomp"):
                verb = verb.head
            elif verb.dep_ == "pcomp":  # "by telling them"
                verb = verb.head.head
            else:
                return None
            verb = verb if verb.pos_ in ("VERB", "AUX") else None
        if subject is None:
            return None
        speaker_like = (
            subject.i in self.by_token
            or subject.ent_type_ in _NAME_LABELS
            or (subject.pos_ == "PRON" and subject.lower_ not in ("it", "this", "that", "what"))
            or _lemma(subject) in _PERSON_NOUNS | _ORG_NOUNS
        )  # not "talk", "suspicions", "the statements"
        if (
            not speaker_like
            or self.quoted[subject.i]
            or any(c.start <= subject.idx < c.end for q in self.quotes for c in q.contents)
        ):
            return None
        return subject

    def _source_root(self, quote: Quote) -> Token | None:
        """The head of the quote's first source mention (a conjunct: its first)."""
        source = quote.sources[0]
        span = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if span is None:
            return None
        tokens = [t for t in span if not (t.is_punct or t.is_space or t.tag_ == "POS")]
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        self.source_tokens = inside
        people = [
            t
            for t in tokens
            if t.i in self.by_token
            and self.entities[self.by_token[t.i]].kind == "person"
            and self.by_token.get(t.head.i) != self.by_token[t.i]
            and t.dep_ != "poss"
        ]
        # "Robby Mook" in "Hillary Clinton's campaign manager Robby Mook"; "Mark MacDougall"
        # in "An attorney for Pagliano, Mark MacDougall"; "Chuck Jordan" in "Tulsa police
        # Chief Chuck Jordan".
        named = [t for t in people if t in heads] or [
            t
            for t in people
            if t.dep_ == "appos" or (t.dep_ == "conj" and t.head.pos_ == "NOUN" and t.head in heads)
        ]
        nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
        root = (named or nouns or heads or tokens)[0]
        owned = [t for t in tokens if t.i > root.i and t.pos_ in ("NOUN", "PROPN")]
        if not named and owned and any(t.tag_ == "POS" and t.head.i == root.i for t in span):
            return owned[-1]  # a misparse made the possessor the head: "the candidate's doctor"
        return root

    def _resolve_token(self, root: Token, quote: Quote | None) -> int | None:
        low = root.lower_
        if root.pos_ == "PRON" or low in _RELATIVE | _FIRST | _PLURAL | _THIRD_SINGULAR:
            if low in _RELATIVE:
                verb = root.head
                if verb.dep_ not in ("relcl", "acl") or verb.head.i == verb.i:
                    return None
                antecedent = verb.head
                if (  # "the nominee for president, who": the nominee
                    antecedent.dep_ == "pobj"
                    and antecedent.head.head.pos_ in ("NOUN", "PROPN")
                    and antecedent.head.lower_ in ("for", "of")
                    and _lemma(antecedent.head.head) in _PERSON_NOUNS
                ):
                    antecedent = antecedent.head.head
                return self._resolve_token(antecedent, quote)
            if low in _FIRST:
                return self._first_person(root, quote)
            if low in _THIRD_SINGULAR:
                return self._pronoun(root)
            if low in _PLURAL or low == "it":
                return self._plural(root, organisation_only=low == "it")
            return None
        if root.dep_ == "appos" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children
        ):  # "Future45, a super PAC that …": Future45, even where the NER took "PAC" for a name
            head = root.head
            index = self.by_token.get(head.i)
            if (
                index is None
                and head.pos_ == "PROPN"
                and head.ent_type_ in _NAME_LABELS
                and (head.ent_type_ == "PERSON" or _lemma(root) not in _PERSON_NOUNS)
            ):  # but not "the town hall in Ho Chi Minh City, a young woman who …"
                self.source_tokens = {head.i}
                index = self._proper(head)
            if index is not None:
                return self._link(index, _phrase(root), root)
        if root.i in self.by_token and (
            self.entities[self.by_token[root.i]].kind == "person"
            or _lemma(root) not in _PERSON_NOUNS
        ):
            return self.by_token[root.i]
        for child in root.children:  # "An attorney for Pagliano, Mark MacDougall"
            if child.dep_ == "appos" and child.i in self.by_token:
                index = self.by_token[child.i]
                if self.entities[index].kind == "person":
                    self._title_phrase(self.entities[index], root)
                phrase = _phrase(root)
                self._mention(index, phrase[0].i, phrase[-1].i + 1, root)
                return index
        if root.dep_ == "appos" and root.head.i in self.by_token:  # "Future45, a super PAC"
            return self._link(self.by_token[root.head.i], _phrase(root), root)
        role = _lemma(root) in _PERSON_NOUNS | _ORG_NOUNS
        if (root.pos_ == "PROPN" or root.ent_type_ in _NAME_LABELS) and not role:
            return self._proper(root)
        if root.text[:1].isupper() and not role:  # a headline's "Trump" tagged as a noun
            index = self._match_person([_norm(root.text)], None, False)
            if index is not None:
                self._mention(index, root.i, root.i + 1, root)
                return index
        return self._description(root)

    def _proper(self, root: Token) -> int | None:
        """A name the NER missed or labelled oddly: a person's name, else an organisation."""
        words = [root]
        for step in (-1, 1):  # the run of proper nouns around the head
            i = root.i + step
            while i in self.source_tokens and self.doc[i].pos_ == "PROPN":
                if step < 0:
                    words.insert(0, self.doc[i])
                else:
                    words.append(self.doc[i])
                i += step
        words = [t for t in words if _word(t) not in _NOT_NAME] or [root]
        names = [_norm(t.text) for t in words]
        hon = next((_GENDERED[_word(t)] for t in root.lefts if _word(t) in _GENDERED), None)
        index = self._match_person(names, hon, allow_fuller=False)
        if index is None:
            norm = _norm(" ".join(names))
            index = next(
                (
                    i
                    for i, e in enumerate(self.entities)
                    if e.kind == "organisation"
                    and (norm == _norm(e.name) or norm in _acronyms(e.name))
                ),
                None,
            )
        if index is not None:
            self._mention(index, words[0].i, words[-1].i + 1, root)
            return index
        if _norm(" ".join(names)) in _INSTITUTIONS:
            text = self.text[words[0].idx : words[-1].idx + len(words[-1])]
            index = self._new(_Entity("organisation", text, words[0].i, names, head="place"))
            self._mention(index, words[0].i, words[-1].i + 1, root)
            return index
        if root.ent_type_ in _ORG_LABELS or root.lemma_.lower() in _ORG_NOUNS:
            return self._description(root)
        if root.pos_ == "PROPN" and all(t.text[:1].isupper() for t in words):
            text = self.text[words[0].idx : words[-1].idx + len(words[-1])]
            index = self._new(_Entity("person", text, words[0].i, names, head="person"))
            self._mention(index, words[0].i, words[-1].i + 1, root)
            return index
        return None

    def _first_person(self, root: Token, quote: Quote | None) -> int | None:
        """'I' or 'we' inside another quote's words is that quote's speaker."""
        for other in self.quotes:
            if other is quote or not other.sources:
                continue
            if any(c.start <= root.idx < c.end for c in other.contents):
                inner = self._source_root(other)
                if inner is None or inner.lower_ in _FIRST:
                    return None
                index = self._resolve_token(inner, other)
                if index is not None:
                    self._mention(index, root.i, root.i + 1, root)
                return index
        return None

    def _pronoun(self, tok: Token) -> int | None:
        """he/she: the nearest earlier person of compatible gender, subjects first; else the
        nearest whose only evidence against is a single pronoun (which may have been wrong)."""
        if tok.i in self.by_token:  # a narrative pronoun that is also a source: one vote
            return self.by_token[tok.i]
        gender = "male" if tok.lower_ in _MALE else "female"
        index = self._nearest(tok, lambda e: e.animate() and e.could_be(gender))
        if index is None:
            index = self._nearest(tok, lambda e: e.animate() and e.could_be(gender, 2))
        if index is None:
            return None
        entity = self.entities[index]
        entity.vote(gender)
        self._mention(index, tok.i, tok.i + 1, tok)
        return index

    def _plural(self, tok: Token, organisation_only: bool) -> int | None:
        kinds = ("organisation",) if organisation_only else ("group", "organisation")
        index = self._nearest(tok, lambda e: e.kind in kinds)
        if index is not None:
            self._mention(index, tok.i, tok.i + 1, tok)
        return index

    def _nearest(self, tok: Token, fits: Callable[[_Entity], bool]) -> int | None:
        """The most salient fitting entity before `tok`, within a few sentences.

        Sentence by sentence going back, the main clause's subject beats other subjects,
        which beat other mentions (the leftmost of a rank wins); in the pronoun's own
        sentence only subjects before it count.
        """
        pos = bisect_left(self.mentions, _Mention(tok.i, -1, 0, 0))
        sent = self.sent_of[tok.i]
        fallback: int | None = None
        best: _Mention | None = None
        for m in reversed(self.mentions[max(0, pos - 200) : pos]):
            if m.sent < sent - _LOOKBACK_SENTS:
                break
            if best is not None and m.sent != best.sent:
                return best.entity
            if not fits(self.entities[m.entity]):
                continue
            if m.sent == sent and not m.rank:
                fallback = m.entity if fallback is None else fallback
                continue
            if best is None or m.rank >= best.rank:
                best = m
        return best.entity if best is not None else fallback

    def _description(self, root: Token) -> int | None:
        """A common-noun source: an organisation, a group, or a person by role."""
        phrase = _phrase(root)
        if not phrase:
            return None
        text = self.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]
        det = phrase[0].lower_ if phrase[0].lower_ in _DETERMINERS else ""
        possessor = next((t for t in root.lefts if t.dep_ == "poss"), None)
        if possessor is not None:
            det = "'s"  # "his advisers", "Obama's former campaign strategist"
        lemma = _lemma(root)
        if lemma == "old" and any(t.lower_ == "year" for t in phrase):
            lemma = "year-old"  # "the 45-year-old"
        plural = (
            root.tag_ in ("NNS", "NNPS")
            or "Plur" in root.morph.get("Number")
            or (root.pos_ == "PROPN" and lemma != root.lower_)  # "Black Lawmakers"
        )
        in_lead = root.i < self.lead_end
        definite = det in _DEMONSTRATIVES or det == "'s"
        kind: SpeakerKind
        if lemma in _PERSON_NOUNS and not plural:
            kind = "person"
        elif lemma in _ORG_NOUNS or root.ent_type_ in ("ORG", "FAC", "GPE"):
            kind = "organisation"
        elif plural or root.ent_type_ == "NORP":
            kind = "group"
        elif any(_word(t) in _TITLE_WORDS for t in phrase):
            kind = "person"
        else:
            kind = "unknown"
        name = _strip_det(text)
        horizon, _ = self._horizon(root)
        # The same phrase again, or "the X"/"these Xs"/"his Xs" for an X seen before.
        said = [(t, i) for t, i in self.phrases.get(_norm(name), []) if t < horizon]
        if said and (kind != "person" or self.entities[said[-1][1]].kind != "organisation"):
            return self._link(said[-1][1], phrase, root)
        if kind != "person" and definite:
            # "the campaign" is the last campaign; "the Trump campaign" only a Trump one, which
            # "the Trump team" and "the Trump camp" are too
            words = _content_words(phrase) - {lemma, _norm(root.text)}
            heads = {lemma, _ORG_ALIASES.get(lemma)}
            before = self.mentions[: bisect_left(self.mentions, _Mention(horizon, -1, 0, 0))]
            for m in reversed(before):
                e = self.entities[m.entity]
                if (
                    e.kind == kind
                    and (e.head or _norm(e.name).rpartition(" ")[2]) in heads
                    and m.token != root.i
                    and words <= self._words_of(m.entity)
                ):
                    return self._link(m.entity, phrase, root)
        index: int | None = None
        if kind == "unknown" and lemma in _DOC_NOUNS:  # "the IMF report", "Trump's statement"
            owners = [t for t in root.lefts if t.dep_ in ("compound", "poss")]
            owners += [  # "a statement from the Department of Energy", "a report by the IMF"
                obj
                for prep in root.rights
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by")
                for obj in prep.children
                if obj.dep_ == "pobj"
            ]
            named = [self.by_token[t.i] for t in owners if t.i in self.by_token]
            if not owners and det in _DEMONSTRATIVES:  # "The statement also referenced…"
                issuer = self._issuer(root, lemma)
                named = [issuer] if issuer is not None else []
            if named and self.entities[named[-1]].kind in ("person", "organisation"):
                return self._link(named[-1], phrase, root)
        if kind == "organisation":
            if definite or not det:
                index = self._org_by_word(root, phrase)
            bare = not (_content_words(phrase) - {lemma, _norm(root.text)})
            if index is None and bare and det in _DEMONSTRATIVES and not plural:  # "the agency"
                index = self._nearest(
                    root,
                    lambda e: (
                        e.kind == "organisation" and e.head != "place" and _same_sort(lemma, e)
                    ),
                )
            if index is None and in_lead and det in ("a", "an", "", "'s"):
                index = self._forward(root, "organisation")
        elif kind == "person":
            index = self._person_by_role(root, phrase)
            # Only the lead introduces someone before naming them ("A Shadow Cabinet
            # minister has dismissed…" / "Jonathan Ashworth conceded…"); later, "a
            # spokesman" is somebody new.
            if index is None and in_lead and det in ("a", "an", "", "'s"):
                index = self._forward(root, "person")
                if index is not None:
                    return self._link(index, phrase, root)
            # "the senator" is someone just mentioned; "Obama's strategist" too, but not
            # Obama; "his attorney" and "the state's party leader" are someone new.
            owner = self._owner(possessor) if possessor is not None else None
            # A role the article ties to a name further on beats a guess at the nearest person
            if index is None:  # "his attorney" … "An attorney for Pagliano, Mark MacDougall"
                index = self._named_later(root, phrase, owner)
            if index is None and det in _DEMONSTRATIVES:  # "The woman" … "Melanie thought"
                index = self._first_named_later(root, lemma)
            if (
                index is None
                and definite
                and lemma not in _NO_ANAPHOR
                and (possessor is None or (owner is not None and possessor.pos_ != "PRON"))
            ):
                mates = self._clausemates(root)
                # "the head of the nursing union" is not whoever was just called the head of
                # a hospital: what a head is "of" must be among the titles they were given
                # ("the secretary of state" has its "of" in the title itself: left alone)
                ran = _what_it_runs(root) if lemma in _HEAD_ROLES else set()
                index = self._nearest(
                    root,
                    lambda e: (
                        e.kind == "person"
                        and e is not owner
                        and id(e) not in mates
                        and (not ran or bool(ran & e.role_words(root.i)))
                    ),
                )
            if index is not None:
                return self._link(index, phrase, root, title=definite)
        if index is not None:
            return self._link(index, phrase, root)
        kind = "unknown" if kind == "person" else kind  # an unnamed person
        index = self._new(_Entity(kind, name, root.i, [_norm(name)], head=lemma))
        self._mention(index, phrase[0].i, phrase[-1].i + 1, root)
        self._said(index, phrase)
        self._affiliations_in(self.entities[index], phrase)
        return index

    def _issuer(self, root: Token, lemma: str) -> int | None:
        """Who put out the document "the <lemma>" names again: the subject of the clause
        where the article last mentioned one, a few sentences back ("In a statement, the
        union called…", "The union released a report")."""
        first = self.sents[max(0, self.sent_of[root.i] - _LOOKBACK_SENTS)].start
        for t in reversed(self.doc[first : root.i]):
            if _lemma(t) != lemma or t.pos_ != "NOUN":
                continue
            verb = t.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i != t.i]
            found = [self.by_token[c.i] for c in subjects if c.i in self.by_token]
            return found[0] if found else None
        return None

    def _named_later(self, root: Token, phrase: list[Token], owner: _Entity | None) -> int | None:
        """The one person the article names later with this role by apposition, copula or
        title ("the attorney, Mark MacDougall", "MacDougall, his attorney", "attorney Mark
        MacDougall"), whose stated owner, if any, is not someone else's, and whose role
        phrase shares a word with the description's qualifiers, if any ("a school spokesman"
        is no ministry spokesman, "its vice president" not President Obama)."""
        lemma = _lemma(root)
        if lemma in _GENERIC_TITLES:
            return None  # "a man", "an official": many people; a later one is not this one
        owners = _owners(root)
        if owner is None:
            owner = next((self._owner(t) for t in owners), None)
        roles = {lemma} | _TITLE_ROLES.get(lemma, set())
        runs = _HEAD_ROLES.get(lemma, set())
        # "the head of the nursing union" is no hospital's chief executive: they must share
        # a word of what they run
        ran = _what_it_runs(root) if runs else set()
        qualifiers = _qualifiers(phrase, root, owners)
        found: set[int] = set()
        for i, e in enumerate(self.entities):
            if e.kind != "person" or e is owner:
                continue
            for h in e.role_heads:
                head = self.doc[h]
                role = _lemma(head)
                if h <= root.i or (role not in roles and role not in runs):
                    continue
                words = {_norm(t.text) for t in _phrase(head)}
                if role not in roles and not ran & words:
                    continue
                theirs = next((self._owner(t) for t in _owners(head)), None)
                if owner is not None and theirs is not None and theirs is not owner:
                    continue
                if qualifiers and not qualifiers & words:
                    continue
                found.add(i)
        return found.pop() if len(found) == 1 else None

    def _first_named_later(self, root: Token, lemma: str) -> int | None:
        """The one person a profile's "the woman" turns out to be: someone the article names
        after it by a known first name of that gender alone ("Melanie"), never in full."""
        gender = _HEAD_GENDER.get(lemma)
        found = [
            i
            for i, e in enumerate(self.entities)
            if e.kind == "person"
            and len(e.tokens) == 1
            and e.first > root.i
            and not e.titled
            and gender is not None
            and e.name_gender() == gender
        ]
        return found[0] if len(found) == 1 else None

    def _clausemates(self, root: Token) -> set[int]:
        """Entities that are the subject of the clause this description sits in: "Melanie
        said to the Republican nominee" — the nominee is not Melanie."""
        verb = root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        return {
            id(self.entities[self.by_token[t.i]])
            for t in verb.children
            if t.dep_ in _SUBJECT_DEPS and t.i in self.by_token and t.i != root.i
        }

    def _words_of(self, index: int) -> set[str]:
        """Every word the article has used to name or describe the entity."""
        words = set(_norm(self.entities[index].name).split())
        for span in self.entities[index].mentions.values():
            words.update(_norm(span.text).replace("'s", "").split())
        return words

    def _said(self, index: int, phrase: list[Token]) -> None:
        """Remember a description, so that the same words later are the same entity."""
        text = _strip_det(self.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])])
        self.phrases.setdefault(_norm(text), []).append((phrase[0].i, index))

    def _owner(self, possessor: Token) -> _Entity | None:
        """Who "Obama" in "Obama's strategist" is: never the strategist."""
        index = self.by_token.get(possessor.i)
        return self.entities[index] if index is not None else None

    def _link(self, index: int, phrase: list[Token], root: Token, title: bool = False) -> int:
        entity = self.entities[index]
        self._mention(index, phrase[0].i, phrase[-1].i + 1, root)
        self._said(index, phrase)
        if title and entity.kind == "person" and root.lower_ not in _GENERIC_TITLES:
            self._title_phrase(entity, root)
        return index

    def _org_by_word(self, root: Token, phrase: list[Token]) -> int | None:
        """'the fund' → International Monetary Fund; 'Tory HQ' only matches itself."""
        words = {_norm(t.text) for t in phrase if t.lower_ not in _DETERMINERS} - {""}
        lemma = root.lemma_.lower()
        best, best_seen = None, -1
        for i, e in enumerate(self.entities):
            if e.kind != "organisation":
                continue
            name = set(_norm(e.name).split())
            if words <= name or (len(words) == 1 and lemma in name):
                seen = self._last_seen(i, self._horizon(root)[1])
                if seen > best_seen:
                    best, best_seen = i, seen
        return best

    def _last_seen(self, index: int, before: int) -> int:
        """Where the entity was last mentioned before character `before` (-1: not yet)."""
        return max((s for s, _ in self.entities[index].mentions if s < before), default=-1)

    def _person_by_role(self, root: Token, phrase: list[Token]) -> int | None:
        """The latest person already titled with this role ('the mayor' → Mayor Bill de
        Blasio, 'the senator' → Sen. Ted Cruz)."""
        words = {_norm(t.text) for t in phrase if t.lower_ not in _DETERMINERS} - {""}
        head = root.lemma_.lower()
        best, best_seen = None, -1
        for i, e in enumerate(self.entities):
            if e.kind != "person" or not e.titles:
                continue
            roles = e.role_words(self._horizon(root)[0])
            if head in roles and (len(words) == 1 or len(words & roles) >= len(words) - 1):
                seen = self._last_seen(i, self._horizon(root)[1])
                if seen > best_seen:
                    best, best_seen = i, seen
        return best

    def _forward(self, root: Token, kind: str) -> int | None:
        """A lead or indefinite description: the first such entity a following sentence
        names as a subject (else names at all), at most two sentences on."""
        sent = self.sent_of[max(root.i, self.headline_end - 1)]
        first: int | None = None
        for m in self.mentions[bisect_left(self.mentions, _Mention(root.i + 1, -1, 0, 0)) :]:
            if m.sent > sent + 2:
                break
            if self.entities[m.entity].kind == kind and m.sent > sent:
                if m.rank:
                    return m.entity
                first = m.entity if first is None else first
        return first

    # -- output -------------------------------------------------------------------------

    def weak_affiliations(self) -> None:
        """A person with no stated party gets the one party named in two sentences where
        that person is a subject, outside quotation marks and not describing someone else
        ("a Tory friend", "the Labour leader"), with no other party in them."""
        votes: dict[int, dict[int, str]] = {}
        for m in self.mentions:
            e = self.entities[m.entity]
            if e.kind != "person" or e.affiliations or not m.rank:
                continue
            parties = {
                _norm(t.text): t.text
                for t in self.sents[m.sent]
                if _norm(t.text) in _PARTIES
                and not self.quoted[t.i]
                and t.i not in self.by_token
                and t.head.i not in self.by_token
                and t.head.lemma_.lower() not in _PERSON_NOUNS
            }
            if len(parties) == 1:
                votes.setdefault(m.entity, {})[m.sent] = next(iter(parties.values()))
        for index, by_sent in votes.items():
            named = {_norm(p) for p in by_sent.values()}
            if len(by_sent) >= 2 and len(named) == 1:
                self.entities[index].add_affiliation(next(iter(by_sent.values())))

    def speakers(self) -> list[Speaker]:
        """The entities that speak, as Speakers in order of first appearance; sets each
        quote's `speaker_id`."""
        self.weak_affiliations()
        used = sorted(
            {i for i in self.assign.values() if i is not None},
            key=lambda i: min(self.entities[i].mentions, default=(len(self.text), 0)),
        )
        ids = {index: f"s{n + 1}" for n, index in enumerate(used)}
        for quote in self.quotes:
            index = self.assign.get(id(quote))
            quote.speaker_id = ids.get(index) if index is not None else None
        out = []
        for index in used:
            e = self.entities[index]
            out.append(
                Speaker(
                    id=ids[index],
                    name=e.name,
                    kind=e.kind,
                    titles=list(e.titles),
                    affiliations=list(e.affiliations),
                    mentions=sorted(e.mentions.values()),
                    gender=e.gender if e.kind in ("person", "unknown") else None,
                )
            )
        return out


def _majority(votes: dict[str, int]) -> str | None:
    """The gender with the most weight, None on a tie or with no evidence."""
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _rank(head: Token) -> int:
    """How salient a mention is for what follows: main-clause subject, subject, other."""
    if head.dep_ in ("compound", "appos", "poss", "flat") and head.head.dep_ in _SUBJECT_DEPS:
        head = head.head
    if head.dep_ not in _SUBJECT_DEPS:
        return 0
    verb = head.head
    while verb.dep_ in ("conj", "aux") and verb.head.i != verb.i:
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" else 1


def _is_headline(span: TokenSpan) -> bool:
    """A short opening paragraph in Title Case, or in headline-ese (no past tense, no
    quotation marks), rather than a lead sentence."""
    if len(span) > _HEADLINE_TOKENS:
        return False
    words = [t for t in span if t.is_alpha and len(t) > 3]
    capitals = sum(t.text[0].isupper() for t in words)
    if words and capitals >= 0.6 * len(words):
        return True
    return not any(t.tag_ == "VBD" or t.text in _DOUBLE_MARKS for t in span)


def _owners(head: Token) -> list[Token]:
    """Who a role noun is of: "his" or "Pagliano's" attorney, attorney "for Pagliano"."""
    owners = [t for t in head.children if t.dep_ == "poss"]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "to"):
            owners += [t for t in prep.children if t.dep_ == "pobj"]
    return owners


def _what_it_runs(head: Token) -> set[str]:
    """The nouns of what a role noun is "of": "the head of [the nursing union]"."""
    return {
        _norm(t.text)
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
        for t in obj.subtree
        if t.pos_ in ("NOUN", "PROPN")
    }


def _qualifiers(phrase: list[Token], head: Token, owners: list[Token]) -> set[str]:
    """The words narrowing a role down, beside its owner: "school" of "a school spokesman",
    "vice" of "its senior vice president" (not "his", "senior" or "Pagliano's")."""
    skip = {head.i} | {t.i for o in owners for t in o.subtree}
    return {
        _norm(t.text)
        for t in phrase
        if t.i not in skip and (t.pos_ in ("NOUN", "PROPN") or _word(t) in _TITLE_WORDS)
    } - {""}


def _content_words(phrase: list[Token]) -> set[str]:
    return {
        _norm(t.text)
        for t in phrase
        if t.lower_ not in _DETERMINERS and t.tag_ not in ("POS", "PRP$") and not t.is_punct
    } - {""}


def _same_sort(lemma: str, entity: _Entity) -> bool:
    """May a bare "the <lemma>" stand for this organisation (see _COMMERCIAL, _PUBLIC)?"""
    words = set(entity.tokens) | set(_norm(entity.name).split())
    if lemma in _COMMERCIAL:
        return not words & _PUBLIC
    if lemma in _PUBLIC:
        return not words & _COMMERCIAL
    return True


def _titled_name(ent: TokenSpan) -> bool:
    """A title and a name the NER took for an organisation: "Councilwoman Rita Ng"."""
    return (
        ent.label_ == "ORG"
        and len(ent) >= 2
        and _word(ent[0]) in _NOT_NAME
        and all(t.pos_ == "PROPN" for t in ent[1:])
        and _lemma(ent[-1]) not in _ORG_NOUNS
    )


def _office_over(root: Token) -> bool:
    """Is this the object of "of" after an office: "(the mayor) of Riverton"?"""
    of = root.head
    return root.dep_ == "pobj" and of.lower_ == "of" and _lemma(of.head) in _OFFICES_OF


def _plural_role(tok: Token) -> bool:
    """A plural person or organisation noun ("MPs", "Lawmakers")."""
    lemma = _lemma(tok)
    return lemma in _PERSON_NOUNS | _ORG_NOUNS and lemma != tok.lower_


def _lemma(tok: Token) -> str:
    """The lowercased lemma, singular also for capitalised plurals ("Lawmakers")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in _PERSON_NOUNS | _ORG_NOUNS:
        return lemma[:-1]
    return lemma


def _acronyms(name: str) -> set[str]:
    """The initials of the capitalised words: "imf" for "International Monetary Fund",
    "aros" for "Alliance to Reclaim Our Schools"; also "va" for "Department of Veterans
    Affairs", leaving out a leading department-like word."""
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'-]*", name)
        if w[0].isupper() and w.lower() not in ("the", "a", "an")
    ]
    found = set()
    for start in (0, 1) if words and words[0].lower() in _ORG_NOUNS else (0,):
        if len(words) - start > 1:
            found.add("".join(w[0] for w in words[start:]).lower())
    return found


def _strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("a", "an", "the") and rest else text


def _phrase(head: Token) -> list[Token]:
    """A noun phrase without its appositions, clauses, datelines and asides: its own left
    modifiers plus attachments (_ATTACHED: "a spokesman for the campaign", "parents with kids
    in charter schools")."""
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in _NP_LEFT or (child.dep_ == "advmod" and head.pos_ == "NUM"):
            keep.update(t.i for t in child.subtree)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _ATTACHED:
            sub = list(child.subtree)
            cut = next((n for n, t in enumerate(sub) if t.is_punct and t.text in ",;("), len(sub))
            if cut <= _MAX_ATTACHMENT:  # up to an apposition: "Officials at X, a division…"
                keep.update(t.i for t in sub[:cut])
        elif child.dep_ in ("compound", "flat", "nummod") and child.i == max(keep) + 1:
            keep.update(t.i for t in child.subtree)
    lo, hi = min(keep), max(keep)
    tokens = [head.doc[i] for i in range(lo, hi + 1)]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in _FOCUS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def resolve_speakers(doc: Doc, quotes: list[Quote], text: str | None = None) -> list[Speaker]:
    """The article's speakers; sets `quote.speaker_id` on each quote (None where no source).
    `text` is `doc.text`, which spaCy rebuilds token by token, for a caller that has it."""
    resolver = _Resolver(doc, quotes, text)
    resolver.register_names()
    resolver.resolve()
    return resolver.speakers()
