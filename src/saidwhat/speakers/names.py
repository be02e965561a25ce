"""Names: takes the NER's PERSON and ORG spans; registers one entity per person or
organisation, merging surnames, first names, acronyms and fuller names, people before
organisations and headline names last (a headline name only joins one the body names);
a role inside a PERSON span is left to its titles, and a person called by surname alone
takes the one first name the article prints before that surname; at the end, a speaker is
mentioned wherever its name is printed again, and a speaker's name nothing makes a person's
is an organisation's."""

from __future__ import annotations

from difflib import SequenceMatcher

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from saidwhat.lexicon import (
    FEMALE_NAMES,
    GENDERED_HONORIFICS,
    INSTITUTIONS,
    KNOWN_ORGS,
    MALE_NAMES,
    NATIONALITIES,
    ORG_NOUNS,
    PARTIES,
    PERSON_NOUNS,
    POST_NOMINALS,
    TITLE_GENDER,
    TITLE_WORDS,
)
from saidwhat.namegender import given_name, initials, prior
from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.gender import HONORIFIC_VOTE
from saidwhat.speakers.syntax import (
    acronyms_of,
    after_the,
    called_it,
    camel_case,
    counted,
    is_role,
    lemma_of,
    office_over,
    owns_nothing,
    plural_noun,
    plural_role,
    pronoun_calling,
    strip_det,
    titled_name,
)
from saidwhat.speakers.titles import describe_name, in_longer_name
from saidwhat.speakers.words import (
    BODY_ROLES,
    COMPANY_ENDINGS,
    DETERMINERS,
    LEGAL_FORMS,
    NAME_JOINERS,
    NAME_STRIP,
    NO_SPEAKER,
    NOT_NAME,
    ORG_NAME_ENDS,
    ORG_ONLY_HEADS,
    OTHERS,
    REGNAL,
    ROYAL_TITLES,
    THIRD_SINGULAR,
    norm_text,
    word_key,
)


def register_names(st: State) -> None:
    """Create entities for every PERSON and ORG the NER finds, merging name variants.

    People come before organisations, so that an ORG that is a known surname ("Trump")
    joins the person. Headline and subheading names come last: capitalised headings
    confuse the NER ("Obama Sees 'Personal Insult'"), so there a name only joins one the
    body names.
    """
    body = [e for e in st.ents if not st.in_heading(e.start)]
    head = [e for e in st.ents if st.in_heading(e.start)]
    for ents in (body, head):
        for ent in ents:
            if ent.label_ == "PERSON":
                _register(st, ent)
        for ent in ents:
            if ent.label_ == "ORG":
                _register(st, ent)


def _register(st: State, ent: TokenSpan) -> None:
    in_headline = st.in_heading(ent.start)
    if norm_text(strip_det(ent.text)) in PARTIES:  # "The Lib Dems", a PERSON to the NER
        return
    if norm_text(strip_det(ent.text)) in INSTITUTIONS:
        _org_name(st, ent, in_headline)
    elif ent.label_ == "PERSON" and plural_role(ent[-1]):
        return  # "Tory MPs" is a group the NER took for a name
    elif len(ent) == 1 and (family_name(st, ent[0]) or a_people(st, ent[0])):
        return  # "the Khans", a family, "Thais": a set of people, resolution makes a group
    elif (
        ent.label_ != "PERSON"
        and len(ent) == 1
        and common_plural(st, ent[0])
        and not (_after_body_noun(ent) and st.on("classified-name"))
    ):
        return  # "Retailers said": a set, resolution makes a group
    elif ent.label_ == "PERSON" and (leader := _party_leader(ent)) is not None:
        _register(st, leader)  # the party itself, if plural, is register_party_groups'
    elif ent.label_ == "PERSON" and (
        office_over(ent.root) or _org_head(st, ent) or _after_the(st, ent)
    ):
        _org_name(st, ent, in_headline)
    elif (
        ent.label_ == "PERSON"
        or _known_surname(st, ent)
        or (titled_name(ent) and not _org_head(st, ent))  # "Premier Li", not "Premier Foods"
    ):
        words = _name_words(ent, st.on("role-in-name"), st.on("first-name-starts"))
        if words and norm_text(" ".join(w.text for w in words)) not in PARTIES:
            _person_name(st, words, ent, in_headline)
    elif (
        lemma_of(ent.root) not in PERSON_NOUNS
        or (norm_text(ent.text) in KNOWN_ORGS and st.on("known-organisation"))
        or (_executive_body(ent) and st.on("org-word-in-name"))
        # "The United Nations High Commissioner for Refugees (UNHCR) said it was studying"
        or (pronoun_calling(ent.root, said=True) in ("it", "its") and st.on("called-it"))
    ):
        _org_name(st, ent, in_headline)  # "Member of House" is none, "Friends of the Earth" one


# Words before "Executive" that make it a person's title ("the Chief Executive")
_EXECUTIVE_ROLES = {"chief", "deputy", "vice", "managing", "senior", "junior", "group", "joint"}


def _executive_body(ent: TokenSpan) -> bool:
    """Is this "the … Executive", a body in British usage, after a name and no rank ("The
    Health and Safety Executive", "the Northern Ireland Executive"; not "the Chief
    Executive")?"""
    words = [t for t in ent if t.lower_ != "the"]
    doc = ent.doc
    return (
        len(words) > 1
        and words[-1].lower_ == "executive"
        and words[-1].text[0].isupper()
        and (ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the"))
        and words[-2].text[:1].isupper()
        and words[-2].lower_ not in _EXECUTIVE_ROLES
    )


def _after_body_noun(ent: TokenSpan) -> bool:
    """Does an organisation's noun stand right before this name ("Supermarket chain
    Morrisons", whose "Morrisons" the tagger reads as a plural)?"""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and lemma_of(before) in ORG_NOUNS


def common_plural(st: State, tok: Token) -> bool:
    """A plural the tagger reads as a common noun's ("Hauliers", "Retailers"), not a name's
    ("Rangers"): a set, whatever the NER label (`common-plural-is-group`)."""
    return tok.tag_ == "NNS" and st.on("common-plural-is-group")


def family_name(st: State, tok: Token) -> bool:
    """A surname made plural, of someone the article names: a family ("the Khans" beside
    "Amir Khan"), whatever the NER made of it (`plural-name-alone`)."""
    word = tok.text
    if not st.on("plural-name-alone") or len(word) < 3 or word[-1] != "s" or word[-2] in "siu'":
        return False
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == word[:-1] for e in st.ents)


def a_people(st: State, tok: Token) -> bool:
    """A people named by the plural of the nationality the article prints ("Thais" beside
    "Thai food"), whatever the NER made of it (`plural-name-alone`)."""
    word = tok.text
    if not st.on("plural-name-alone") or len(word) < 4 or word[-1] != "s":
        return False
    return word[:-1] in st.nationalities


def plural_name(st: State, tok: Token) -> bool:
    """A proper noun that names a set of people (`plural-name-alone`): a family, or, where
    the NER took it for no person, a plural the tagger says ("NNPS") or whose singular the
    article prints too, not as a name ("Latinos" beside "Latino voters"; not "Williams"
    beside "William Hague"). A surname that ends as a plural would ("Sanders") is a
    person's where the article names that person: resolution tries that first."""
    if family_name(st, tok) or a_people(st, tok):
        return True
    word = tok.text
    if not st.on("plural-name-alone") or tok.ent_type_ == "PERSON" or len(word) < 4:
        return False
    if word[-1] != "s" or word[-2] in "siu'" or called_it(tok):
        return False
    return tok.tag_ == "NNPS" or word[:-1] in st.unnamed_words


def _party_leader(ent: TokenSpan) -> TokenSpan | None:
    """The leader in a party the NER took for a person with its leader ("Justin Trudeau's
    Liberals", "Corbyn's Labour"); none in a name that merely ends like a party ("Douglas
    Green")."""
    mark = next((t.i for t in ent if t.tag_ == "POS"), None)
    if mark is None or mark == ent.start or norm_text(ent[-1].text) not in PARTIES:
        return None
    return TokenSpan(ent.doc, ent.start, mark, label="PERSON")


def _after_the(st: State, ent: TokenSpan) -> bool:
    """The NER's PERSON a name of no person (`after-the`), "the" before it."""
    return st.on("after-the") and after_the(list(ent))


def _org_head(st: State, ent: TokenSpan) -> bool:
    """A name of two words or more ending in a word no surname is ("Levada Center"), or
    with `org-word-in-name` a company's ending, an outlet's or a sports club's ("Harwick
    Energy", "Riverton News", "Grimsby Rovers")."""
    heads = ORG_NAME_ENDS if st.on("org-word-in-name") else ORG_ONLY_HEADS
    return len(ent) >= 2 and word_key(ent[-1]) in heads


def register_party_groups(st: State) -> None:
    """A party written as its members in the narrative ("the Liberals", "Tories"): one
    entity per party, which a later "they" may stand for. Capitalised plurals only
    ("liberals" is an outlook), outside the headline, quotation marks and credits. With
    `party-by-members` it is the party, an organisation (the one the article names, if
    any: "the Labour Party"), the end of a longer name another party ("the Neo
    Democrats"), and a counted set ("three Tories") stays a group."""
    if not st.on("party-groups"):
        return
    as_party = st.on("party-by-members")
    entities: dict[tuple[str, bool], int] = {}  # (party, is the party itself)
    for tok in st.doc[st.headline_end :]:
        if (  # the cheap tests first: this runs on every token
            tok.tag_ not in ("NNPS", "NNS")
            or not tok.text[:1].isupper()
            or tok.text.isupper()
            or st.quoted[tok.i]
            or tok.i in st.by_token
            or (party := PARTIES.get(norm_text(tok.text))) is None
        ):
            continue
        start = tok.i
        pair = (  # the word before; a paragraph break is none
            norm_text(st.doc[tok.i - 1 : tok.i + 1].text)
            if tok.i and not st.doc[tok.i - 1].is_space
            else ""
        )
        if as_party and (pair in PARTIES or in_longer_name(st, tok)):
            start = tok.i - 1  # "the Liberal Democrats"; "the Neo Democrats", another party
            if start in st.by_token:
                continue
            party = PARTIES.get(pair, pair)
        key = (party, as_party and not counted(tok))
        if key not in entities:
            entities[key] = (
                _party_entity(st, st.doc[start : tok.i + 1], party)
                if key[1]
                else st.new(Entity("group", tok.text, tok.i, [norm_text(tok.text)]))
            )
        st.mention(entities[key], start, tok.i + 1, tok)


def party_in_headline(st: State, tok: Token) -> int | None:
    """The party's organisation the body names, for its members' capitalised plural in the
    headline ("Tories pledge to cut immigration" above "The Conservatives have promised"),
    with `party-by-members`; else None."""
    party = PARTIES.get(norm_text(tok.text))
    if (
        party is None
        or not st.on("party-by-members")
        or tok.i >= st.headline_end
        or tok.tag_ not in ("NNPS", "NNS")
        or not tok.text[:1].isupper()
        or tok.text.isupper()
        or any(True for _ in tok.lefts)  # "Some Republicans", "Gay Republicans": members
    ):
        return None
    return next((i for i, e in enumerate(st.entities) if _party_of(e) == party), None)


def _party_entity(st: State, name: TokenSpan, party: str) -> int:
    """The party's organisation: the one the article already names, else a new one
    named as the article writes the party here ("Conservatives", "Neo Democrats")."""
    for index, entity in enumerate(st.entities):
        if _party_of(entity) == party:
            return index
    return st.new(Entity("organisation", name.text, name.start, [norm_text(name.text)]))


def complete_names(st: State) -> None:
    """A person the article calls by surname alone gets the first name it prints before
    that surname once, where the NER missed it or the headline zone kept it out ("Part of
    Ian Poulter's punishment" … "Poulter said"): the one such fuller name, not another
    person's, not against the gender, never from a photo credit."""
    for index in range(len(st.entities)):
        complete(st, index)


def register_missed_surnames(st: State) -> None:
    """A person's surname where the small NER saw no name ("it took Cable some time",
    "told Cable she loved him") is a mention of that person, so that the pronouns after it
    find them: only a capitalised proper noun standing alone, in the body, outside credits,
    and the surname of exactly one person the article names in full."""
    if not st.on("missed-surnames"):
        return
    owners: dict[str, list[int]] = {}
    for i, e in enumerate(st.entities):
        if e.kind == "person" and len(e.tokens) > 1:
            owners.setdefault(e.tokens[-1], []).append(i)
    if not owners:
        return
    for tok in st.doc[st.headline_end :]:
        if (
            tok.tag_ != "NNP"
            or tok.i in st.by_token
            or tok.ent_type_
            or not tok.text[:1].isupper()
            or len(owners.get(norm_text(tok.text), ())) != 1
            or any(n.pos_ == "PROPN" for n in _neighbours(tok))
            or st.in_aside(tok)
        ):
            continue
        st.mention(owners[norm_text(tok.text)][0], tok.i, tok.i + 1, tok)


def _neighbours(tok: Token) -> list[Token]:
    doc = tok.doc
    return [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]


def complete(st: State, index: int) -> None:
    """complete_names for one entity (also one _proper makes during resolution)."""
    entity = st.entities[index]
    if entity.kind != "person" or len(entity.tokens) != 1 or not st.on("name-completion"):
        return
    fuller: dict[tuple[str, ...], list[Token]] = {}
    for tok in st.doc:
        if norm_text(tok.text) != entity.tokens[0] or st.in_aside(tok):
            continue
        words, i = [tok], tok.i - 1
        while (  # the first names the parser hangs on the surname: "Jose Maria Olazabal"
            i >= 0
            and st.doc[i].pos_ == "PROPN"
            and st.doc[i].dep_ == "compound"
            and st.doc[i].head.i in {w.i for w in words}
            and st.doc[i].text[:1].isupper()
            and not is_role(st.doc[i])
            and st.by_token.get(i, index) == index
        ):
            words.insert(0, st.doc[i])
            i -= 1
        if len(words) > 1:
            fuller[tuple(norm_text(w.text) for w in words)] = words
    if len(fuller) != 1:
        return
    names, words = next(iter(fuller.items()))
    if match_person(st, list(names), None, False) not in (None, index):
        return  # another person's full name
    if not _may_extend(st, entity, list(names)):
        return
    entity.name = st.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    entity.tokens = list(names)
    entity.surname_used = True
    st.mention(index, words[0].i, words[-1].i + 1, words[-1])


def _known_surname(st: State, ent: TokenSpan) -> bool:
    last = norm_text(ent[-1].text)
    return any(e.kind == "person" and e.tokens and e.tokens[-1] == last for e in st.entities)


def _name_words(ent: TokenSpan, roles_out: bool = True, first: bool = True) -> list[Token]:
    words = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s", "'", "’")]
    doc, i = ent.doc, ent.start - 1
    first_name = first and norm_text(ent[0].text) in prior()
    while (  # the NER left out a first name: "Sadiq" of "Sadiq Khan"
        ent.label_ == "PERSON"
        and i >= 0
        # not before a first name, but another first name ("Jose" of "Jose Maria Olazabal"):
        # "Families" of "Minister for … and Families Margaret Hodge" is the title's
        and (not first_name or norm_text(doc[i].text) in prior())
        and doc[i].pos_ == "PROPN"
        and doc[i].dep_ == "compound"
        and doc[i].head.i in range(ent.start, ent.end)
        and not doc[i].ent_type_
        and word_key(doc[i]) not in NOT_NAME
        and doc[i].text[:1].isupper()
    ):
        words.insert(0, doc[i])
        i -= 1
    while len(words) > 1 and word_key(words[0]) in NOT_NAME:
        words = words[1:]
    # A name starts at its first name: an adjective before it is a nationality or a
    # description ("Russian Ivan Petrov", "Veteran Jo Ng"), when a surname follows; so is
    # a nationality the tagger reads as a name ("Kenyan Martin Lel": the prior holds
    # "Kenyan" as a first name too)
    while (
        first
        and len(words) > 2
        and (words[0].tag_ == "JJ" or word_key(words[0]) in NATIONALITIES)
        and norm_text(words[1].text) in prior()
    ):
        words = words[1:]
    # A role inside the span is a title, with what comes before it: "Carolina coach Rod
    # Smith", "NDP MP Ann Lee" (never the last word: "Gary Player" is a name)
    roles = [n for n, w in enumerate(words[:-1]) if is_role(w)]
    if roles_out and roles and all(w.text[:1].isupper() for w in words[roles[-1] + 1 :]):
        words = words[roles[-1] + 1 :]
    if len(words) == 1 and word_key(words[0]) in GENDERED_HONORIFICS:
        return []
    # "Prince Charles", "King Abdullah", "Pope Benedict XVI": one known by a first name keeps
    # the title that makes it a name, and is no one else of that first name
    before = doc[words[0].i - 1] if words and words[0].i > 0 else None
    alone = len(words) == 1 or (len(words) == 2 and REGNAL.fullmatch(words[1].text) is not None)
    if before is not None and alone and word_key(before) in ROYAL_TITLES and before.is_title:
        return [before, *words]
    return words


def _person_name(st: State, words: list[Token], ent: TokenSpan, in_headline: bool = False) -> int:
    named = words  # the name, without the letters after it ("Sam Kurtz MS", "… FRS")
    while len(named) > 2 and named[-1].is_upper and word_key(named[-1]) in POST_NOMINALS:
        named = named[:-1]
    names = [norm_text(w.text) for w in named]
    before = st.doc[ent.start - 1] if ent.start else None
    hon = (
        word_key(before)
        if before is not None and word_key(before) in GENDERED_HONORIFICS
        else word_key(ent[0])
    )
    i = ent.start - 1
    while i > 0 and word_key(st.doc[i]) in TITLE_WORDS and st.doc[i].head.i == words[-1].i:
        i -= 1  # an honorific before a title: "Lord Justice Rix", "Mr Justice Forbes"
    if hon not in GENDERED_HONORIFICS and i < ent.start - 1 and st.on("honorific-before-title"):
        hon = word_key(st.doc[i])
    gender = GENDERED_HONORIFICS.get(hon)
    if gender is None:  # "Councilwoman Rita Ng", "Congressman Smith"
        title = ent[0] if words[0].i > ent.start else before
        gender = TITLE_GENDER.get(word_key(title)) if title is not None else None
    titled = (
        gender is not None
        or words[0].i > ent.start
        or (before is not None and word_key(before) in TITLE_WORDS)
    )
    if in_headline:
        found = _match_headline(st, words)
        if found is None:
            return -1  # the body never names this one: headline NER is unreliable
        index, words = found
        st.entities[index].surname_used |= len(words) == 1
        st.mention(index, words[0].i, words[-1].i + 1, words[-1])
        return index
    index = match_person(st, names, gender)
    text = st.text[named[0].idx : named[-1].idx + len(named[-1].text)]
    if index is None:
        index = st.new(Entity("person", text, words[0].i, names, head="person"))
        st.entities[index].titled = titled
    else:
        entity = st.entities[index]
        if len(names) > len(entity.tokens):  # a fuller name than seen so far
            entity.name = text.strip(NAME_STRIP) or text
            entity.tokens = names
        if len(names) == 1:
            entity.surname_used = True
    entity = st.entities[index]
    if gender:
        entity.vote(gender, HONORIFIC_VOTE)
    start = (
        ent.start - 1
        if before is not None and word_key(before) in GENDERED_HONORIFICS
        else ent.start
    )
    st.mention(index, start, words[-1].i + 1, words[-1])  # "Mr Ashworth"
    describe_name(st, index, ent, words)
    return index


def _match_headline(st: State, words: list[Token]) -> tuple[int, list[Token]] | None:
    """A headline name: the longest run of its words that names a person of the body,
    the last such run of a length first (a surname before a first name)."""
    names = [norm_text(w.text) for w in words]
    for size in range(len(names), 0, -1):
        # the rightmost run first: "Vladimir Putin" is the body's Putin, not its
        # "Vladimir Frolov"
        for start in range(len(names) - size, -1, -1):
            index = match_person(st, names[start : start + size], None, False)
            if index is not None:
                return index, words[start : start + size]
    return None


def match_person(st, names: list[str], gender: str | None, allow_fuller: bool = True) -> int | None:
    """The person these name words are: the same name, a part of it (surname, "de
    Blasio", first name), the same first and last name ("Charles B. Rangel"), or a
    fuller name for a bare surname never introduced by title ("Flynn" … "Michael
    Flynn", but not "President Obama" … "Michelle Obama"). Exact matches win, then
    people already called by the bare name, then the first introduced."""
    best: tuple[int, int, int] | None = None
    n = len(names)
    for i, e in enumerate(st.entities):
        if e.kind != "person" or not e.tokens:
            continue
        if gender and e.gender and gender != e.gender:
            continue
        k = len(e.tokens)
        if e.tokens == names:
            score = 3
        elif (n < k and e.tokens[-n:] == names) or (n == 1 < k and e.given_name() == names[0]):
            score = 1 + e.surname_used
        elif n > 1 and k > 1 and e.tokens[0] == names[0] and e.tokens[-1] == names[-1]:
            score = 2
        elif allow_fuller and n > k and names[-k:] == e.tokens and _may_extend(st, e, names):
            if any(o is not e and o.kind == "person" and o.tokens[-k:] == e.tokens
                   for o in st.entities):  # fmt: skip
                continue  # two people share the surname: not clear which one this is
            score = 1
        else:
            continue
        if best is None or (score, -e.first) > (best[0], -best[1]):
            best = (score, e.first, i)
    return best[2] if best else None


def _may_extend(st: State, entity: Entity, names: list[str]) -> bool:
    """May a bare surname seen so far ("Mrs. Clinton") take this fuller name ("Hillary
    Clinton")? Not against its gender ("Mr. Obama" … "Michelle Obama"), and not when a
    title introduced it and nothing tells the gender ("President Obama" … "Michelle")."""
    first = names[0]
    hint = "female" if first in FEMALE_NAMES else "male" if first in MALE_NAMES else None
    if entity.gender and hint:
        return entity.gender == hint
    return not entity.titled


def _org_name(st: State, ent: TokenSpan, in_headline: bool = False) -> int:
    """An organisation: the same name, its acronym ("IMF"), or its last word ("the Post"
    for "The Washington Post", unless that word is a common one like "House")."""
    # "Barnardo's said" keeps the "'s" that ends it (`whole-name`), "Labour's X" none
    shop = st.on("whole-name")
    words = [t for t in ent if t.tag_ != "POS" or (shop and t.i == ent.end - 1 and owns_nothing(t))]
    while words and (
        (words[0].text[:1].islower() and not camel_case(words[0]))  # "easyJet" stays
        or words[0].lower_ in DETERMINERS
    ):
        # "the federal Securities and Exchange Commission"
        words = words[1:]
    if not words:
        return -1
    text = st.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    norm = norm_text(text)
    index = None
    for i, e in enumerate(st.entities):
        if e.kind != "organisation":
            continue
        name = norm_text(e.name)
        if (
            norm == name
            or norm in acronyms_of(e.name)
            or name in acronyms_of(text)
            or st.short_names.get(norm) == name  # "Apacs" of "… Clearing Services (Apacs)"
        ):
            index = i
            break
        if st.on("company-short-name") and (
            _company_short(norm, name, st.places) or _company_short(name, norm, st.places)
        ):
            index = i
            # The fuller name, less a legal form: the article shows it goes without one.
            fuller = _less_legal_form(text if len(norm) > len(name) else e.name)
            e.name, e.tokens = fuller, norm_text(fuller).split()
            break
        if " " not in norm and name.endswith(" " + norm) and norm not in ORG_NOUNS:
            index = i
    if index is None:
        if in_headline:
            return -1  # the body never names this one: headline NER is unreliable
        index = st.new(Entity("organisation", text, words[0].i, norm.split()))
    elif len(text) > len(st.entities[index].name) and norm_text(
        st.entities[index].name
    ) in acronyms_of(text):
        st.entities[index].name = text
    st.mention(index, words[0].i, words[-1].i + 1, words[-1])
    return index


def _company_short(short: str, full: str, places: set[str]) -> bool:
    """Is `short` the company `full` without the words its short name drops ("suncor" of
    "suncor energy inc"), and no place's name? Both normalised."""
    s, f = short.split(), full.split()
    return (
        0 < len(s) < len(f)
        and f[: len(s)] == s
        and all(w in COMPANY_ENDINGS for w in f[len(s) :])
        and short not in places
    )


def _less_legal_form(name: str) -> str:
    """A company's name less a trailing legal form ("Suncor Energy" of "Suncor Energy,
    Inc."); never nothing."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".,") in LEGAL_FORMS:
        words.pop()
    return " ".join(words).rstrip(",")


def repeated_names(st: State, indexes: list[int]) -> None:
    """An entity is mentioned wherever the article prints its name again, before the
    mention that made it a speaker too ("by the IAAF" … "the IAAF said"): the words of
    its proper-name mentions, capitalised as printed, a party by any of its names
    ("Labour" of "the Labour Party"), and a set named by a bare plural ("prosecutors")
    wherever that plural recurs. Longer names claim words first; a word another entity
    owns, a credit or a teaser stays out."""
    if not st.on("name-repeats"):
        return
    patterns: list[tuple[int, tuple[str, ...], bool]] = []  # (entity, words, any case)
    for index in indexes:
        entity = st.entities[index]
        if entity.kind == "group":
            words = _bare_plural(st, entity)
            if words:
                patterns.append((index, words, True))
            continue
        if entity.kind not in ("person", "organisation"):
            continue
        for span in list(entity.mentions.values()):
            if words := _printed_name(st, span.start, span.end):
                patterns.append((index, words, False))
    patterns.sort(key=lambda p: -len(p[1]))
    for index, words, any_case in dict.fromkeys(patterns):
        for start in _occurrences(st, words, any_case):
            _claim(st, index, start, start + len(words))
    _party_names(st, indexes)


def _printed_name(st: State, start: int, end: int) -> tuple[str, ...] | None:
    """The words of a body mention that is a proper name as printed ("Mr Blair" gives
    "Blair", "the IAAF's" "IAAF"); None for a pronoun, a description or a role ("the
    Minister"), and in a headline, where every word is capitalised."""
    tokens = list(st.doc.char_span(start, end, alignment_mode="expand") or ())
    if not tokens or st.in_heading(tokens[0].i) or any(map(is_role, tokens)):
        return None
    while tokens and _pointer(tokens[0]):
        tokens.pop(0)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if not any(t.is_alpha and t.text[:1].isupper() for t in tokens) or any(
        t.pos_ == "PRON" or t.lower_ in NO_SPEAKER for t in tokens
    ):
        return None  # "He" at a sentence's start is no name
    for t in tokens:
        if not (t.text[:1].isupper() or t.like_num or t.text in NAME_JOINERS):
            return None
    return tuple(t.text for t in tokens)


def _pointer(tok: Token) -> bool:
    """A word a name goes without: "the", an honorific, a possessive mark."""
    return (
        tok.lower_ in DETERMINERS
        or word_key(tok) in GENDERED_HONORIFICS
        or tok.tag_ == "POS"
        or tok.is_punct
    )


def _bare_plural(st: State, entity: Entity) -> tuple[str, ...] | None:
    """The words of a set named by a plural without determiner ("prosecutors", "Labour
    MPs"), lowercased; None for any other name ("its developers", "some")."""
    for span in entity.mentions.values():
        if norm_text(span.text) != norm_text(entity.name):
            continue
        tokens = st.doc.char_span(span.start, span.end, alignment_mode="expand")
        if (
            tokens is not None
            and len(tokens) <= 3
            and (plural_noun(tokens[-1]) or plural_role(tokens[-1]))
            and all(t.is_alpha for t in tokens)
            and tokens[0].pos_ not in ("DET", "PRON", "NUM")
            and tokens[0].lower_ not in NO_SPEAKER
            and tokens[-1].lower_ not in OTHERS
        ):
            return tuple(t.lower_ for t in tokens)
    return None


def _occurrences(st: State, words: tuple[str, ...], any_case: bool) -> list[int]:
    """Token indexes where these words stand printed, outside credits and teasers, as a
    name: the proper noun, not a sentence's first word that only looks like it; a set's
    plural (`any_case`) only where nothing else modifies it."""
    doc, n, found = st.doc, len(words), []
    for tok in doc:
        if (tok.lower_ if any_case else tok.text) != words[0]:
            continue
        if tuple(t.lower_ if any_case else t.text for t in doc[tok.i : tok.i + n]) != words:
            continue
        if not any_case and tok.is_sent_start and tok.pos_ != "PROPN":
            continue
        if any_case and any(  # "prosecutors" again, not "some", "their" or "energy" ones
            _modifies(st, c, tok.i, n) for c in doc[tok.i + n - 1].children
        ):
            continue
        if st.in_aside(tok):
            continue
        found.append(tok.i)
    return found


def _modifies(st: State, child: Token, start: int, n: int) -> bool:
    """Does this child of a set's plural at `start` (n words) modify it? Not one of its own
    words, a mark, nor a headline the parser ran into the first sentence."""
    return not (
        start <= child.i < start + n
        or child.is_punct
        or child.is_space
        or (st.in_heading(child.i) and not st.in_heading(start))
    )


def _claim(st: State, index: int, start: int, end: int, in_sets: bool = False) -> None:
    """The tokens as a mention of the entity, unless another entity holds one of them (a
    group's, with `in_sets`: "Labour MPs" mentions Labour too) or the entity already has a
    mention there."""
    for i in range(start, end):
        other = st.by_token.get(i, index)
        if other != index and not (in_sets and st.entities[other].kind == "group"):
            return
    first, last = st.doc[start].idx, st.doc[end - 1].idx + len(st.doc[end - 1])
    if any(s < last and first < e for s, e in st.entities[index].mentions):
        return
    st.mention(index, start, end, st.doc[end - 1])


def _party_names(st: State, indexes: list[int]) -> None:
    """A party organisation is mentioned by each name of the party, capitalised."""
    parties = {p: i for i in indexes if (p := _party_of(st.entities[i])) is not None}
    if not parties:
        return
    for tok in st.doc:
        if not tok.text[:1].isupper() or st.in_aside(tok):
            continue
        for size in range(3, 0, -1):
            run = st.doc[tok.i : tok.i + size]
            party = PARTIES.get(norm_text(run.text)) if len(run) == size else None
            if party in parties:
                _claim(st, parties[party], tok.i, tok.i + size, in_sets=True)
                break


def _party_of(entity: Entity) -> str | None:
    """The party an organisation is ("the Labour Party" is Labour), else None."""
    if entity.kind != "organisation":
        return None
    norm = norm_text(entity.name)
    return PARTIES.get(norm) or PARTIES.get(norm.removesuffix(" party"))


def unevidenced_persons(st: State) -> None:
    """A name the NER took for a person's that speaks and that nothing in the article makes
    a person's is an organisation's ("Variety said", "Lucasfilm said in a statement",
    "Point Topic", "Warren Buffett's Berkshire Hathaway"): news gives a person a first name,
    an honorific, a role (not one a body holds as often: "US rival Vertex Micro") or a he or
    she, and calls a person by surname; a body is named by its name alone. Run after
    resolution, which gives the he and she; never an all-capitals word ("FDR") or initials,
    never a surname the article prints after a first name ("Nate Cohn" … "Cohn wrote") or in
    a hyphenated name."""
    if not st.on("person-needs-evidence"):
        return
    speaking = {i for i in st.assign.values() if i is not None}
    for index, entity in enumerate(st.entities):
        written = entity.name.split()
        if (
            not written
            or index not in speaking
            or entity.kind != "person"
            or entity.votes
            or entity.titles
            or entity.titled
            or any(lemma_of(st.doc[h]) not in BODY_ROLES for h in entity.role_heads)
            # a person's surname alone ("Romelu Lukaku" … "Lukaku"), not a body's name again
            or (len(written) > 1 and entity.surname_used)
            or any(not w[:1].isupper() or w.isupper() or initials(w) for w in written)
            or any(given_name(part) for w in written for part in w.split("-"))
            or any(_personal(span.text) for span in entity.mentions.values())
            or _after_a_first_name(st, entity.tokens)
            or (len(written) == 1 and _like_a_surname(st, entity))
            or _cited(st, entity)
        ):
            continue
        entity.kind = "organisation"


def _like_a_surname(st: State, entity: Entity) -> bool:
    """Is this one word a surname of a person the article names in full, misspelt or cut
    ("Water said" of Kathryn Waters, "Keidis" of Anthony Kiedis, "Session's")?"""
    word = entity.tokens[0]
    return any(
        other.kind == "person"
        and len(other.tokens) > 1
        and SequenceMatcher(None, word, other.tokens[-1]).ratio() >= 0.8
        for other in st.entities
    )


def _cited(st: State, entity: Entity) -> bool:
    """Is the name an author's in a citation, a year in brackets after it ("Spang (1983)")?"""
    doc = st.doc
    for start, end in entity.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end + 2 < len(doc):
            after = doc[span.end : span.end + 3]
            if after[0].text == "(" and after[1].like_num and len(after[1]) == 4:
                return True
    return False


def _personal(text: str) -> bool:
    """Does a mention say it is a person's: he or she, or a person's noun ("the analyst")?"""
    words = set(norm_text(text).split())
    singulars = {w[:-1] for w in words}  # "analysts", as the nouns are listed
    return bool(words & THIRD_SINGULAR or (words | singulars) & PERSON_NOUNS)


def _after_a_first_name(st: State, tokens: list[str]) -> bool:
    """Does the article print the name's first word after a capitalised first name, or as
    the end of a hyphenated name ("Inzamam-ul-Haq")?"""
    return any(
        t.i > 0
        and norm_text(t.text) == tokens[0]
        and (
            # "-Nate Cohn", a list's bullet run into the first name
            (given_name(first := st.doc[t.i - 1].text.strip(NAME_STRIP)) and first[:1].isupper())
            or (st.doc[t.i - 1].text == "-" and not st.doc[t.i - 1].whitespace_)
        )
        for t in st.doc
    )
