"""Reading the parse around a mention: a token's noun phrase, its salience, lemma,
owners and qualifiers, whether an entity is a title plus a name or an office over a place.
Takes spaCy tokens and spans; gives tokens, words and flags. No article state."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from saidwhat.lexicon import (
    HONORIFICS,
    INANIMATE_NOUNS,
    LEXICON_NOUNS,
    NAME_SUFFIXES,
    NATIONALITIES,
    ORG_NOUNS,
    PERSON_NOUNS,
    TITLE_WORDS,
)
from saidwhat.namegender import prior
from saidwhat.speakers.words import (
    ARTICLES,
    ATTACHED,
    COMMERCIAL,
    DETERMINERS,
    DOC_NOUNS,
    FOCUS,
    MAX_ATTACHMENT,
    NAME_OPENERS,
    NAMING_VERBS,
    NOT_NAME,
    NP_LEFT,
    OFFICES_OF,
    ORG_ONLY_HEADS,
    PLURAL,
    QUANTIFIERS,
    SUBJECT_DEPS,
    THING_NOUNS,
    THIRD_SINGULAR,
    norm_text,
    word_key,
)


def salience(head: Token) -> int:
    """How salient a mention is for what follows: main-clause subject, subject, other."""
    if head.dep_ in ("compound", "appos", "poss", "flat") and head.head.dep_ in SUBJECT_DEPS:
        head = head.head
    if head.dep_ not in SUBJECT_DEPS:
        return 0
    verb = head.head
    while verb.dep_ in ("conj", "aux") and verb.head.i != verb.i:
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" else 1


def apposed(tok: Token) -> bool:
    """Is this token in apposition to its head? Also a name set off by a comma that the
    parser hung off a two-word role as an adverbial ("The CBI's director general, X, said")."""
    before = tok.left_edge.i - 1
    return tok.dep_ == "appos" or (
        tok.dep_ == "npadvmod" and before >= 0 and tok.doc[before].text == ","
    )


def titled_name(ent: TokenSpan) -> bool:
    """A title and a name the NER took for an organisation: "Councilwoman Rita Ng", not
    "General Motors" (a plural proper noun is a company's or a group's, not a surname)."""
    return (
        ent.label_ == "ORG"
        and len(ent) >= 2
        and word_key(ent[0]) in NOT_NAME
        and all(t.pos_ == "PROPN" for t in ent[1:])
        and lemma_of(ent[-1]) not in ORG_NOUNS
        and ent[-1].tag_ != "NNPS"
    )


def office_over(root: Token) -> bool:
    """Is this the object of "of" after an office: "(the mayor) of Riverton"?"""
    of = root.head
    return root.dep_ == "pobj" and of.lower_ == "of" and lemma_of(of.head) in OFFICES_OF


def plural_role(tok: Token) -> bool:
    """A plural person or organisation noun ("MPs", "Lawmakers"); not a surname after a
    first name or an honorific ("Tony Banks", "Mr Banks")."""
    lemma = lemma_of(tok)
    return lemma in LEXICON_NOUNS and lemma != tok.lower_ and not _surname_after_name(tok)


def _surname_after_name(tok: Token) -> bool:
    """Is this capitalised word right after a first name of the prior or an honorific?"""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (
        before is not None
        and tok.text[:1].isupper()
        and before.text[:1].isupper()
        and before.ent_type_ != "NORP"  # "American", a first name to the prior
        and (norm_text(before.text) in prior() or word_key(before) in HONORIFICS)
    )


def names_a_thing(root: Token, lemma: str) -> bool:
    """Does a description with this head name a thing, never people (INANIMATE_NOUNS: "text
    messages", "the policy")? Not where people are joined to it ("mandates and unions") or
    it only modifies the noun that heads the phrase ("law" of "law enforcement")."""
    return (
        lemma in INANIMATE_NOUNS
        and root.dep_ not in ("compound", "nmod")
        and all(lemma_of(c) in INANIMATE_NOUNS for c in root.conjuncts if c.pos_ == "NOUN")
        and not any(c.pos_ == "PROPN" for c in root.conjuncts)
    )


def called_it(tok: Token) -> bool:
    """Does the name's sentence go on to call it "it" before any "he", "she" or "they"
    ("Barclays said it would review its charges")? Then it names one organisation, neither
    a set of people nor a person."""
    for t in tok.doc[tok.i + 1 : tok.sent.end]:
        if t.lower_ in ("it", "its"):
            return True
        if t.lower_ in PLURAL | THIRD_SINGULAR:
            return False
    return False


def _lone_subject(tok: Token) -> bool:
    """Is this word a clause's subject, and not one of two ("Richards and Menendez stressed
    that it wasn't …")?"""
    return tok.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "conj" for c in tok.children)


def pronoun_calling(tok: Token, said: bool = False) -> str | None:
    """The pronoun a subject's own clause first calls it by, in lower case ("it" of "Symbian
    said it would …", "she" of "Edith Barnes said she had never …"): the subject of the
    clause the verb says, or its possessor ("said its phones were safe"); not a pronoun of
    quoted words ("revealed …: 'pleased to do it'"), nor of one of two subjects. With
    `said`, only of a clause the verb reports ("said she was"), not of one beside it
    ("ordered a quarantine, even though she did not carry the virus")."""
    if not _lone_subject(tok):
        return None
    verb = tok.head
    pronouns = {"it", "its"} | PLURAL | THIRD_SINGULAR
    word = next((t for t in verb.subtree if t.i > tok.i and t.lower_ in pronouns), None)
    subject = word.head if word is not None and word.lower_ == "its" else word
    if (
        word is not None
        and subject is not None
        and subject.dep_ in ("nsubj", "nsubjpass")
        and subject.head.head.i == verb.i
        and (not said or subject.head.dep_ == "ccomp")
    ):
        return word.lower_
    return None


def subject_called_it(tok: Token, they: bool = False) -> bool:
    """Is this name a subject its own clause goes on to call "it" before any "he", "she"
    or "they" ("Symbian said it would …"), or that the next sentence opens on "Its" of
    ("Abta said …. Its spokesman")? With `they`, a "they" there counts as "it" does,
    British English calling a club or a band "they" ("Molde said they were sad"), and so
    does a next sentence whose subject is "the firm" ("Wanadoo warned …. The French-owned
    firm said")."""
    if not _lone_subject(tok):
        return False
    said = pronoun_calling(tok)
    if said in ("it", "its"):
        return True
    # not a plural ("Many Latinos said they", "The Khans said they")
    if they and said == "they" and tok.tag_ == "NNP" and tok.lower_[-1:] != "s":
        return True
    doc, i = tok.doc, tok.sent.end
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i < len(doc) and doc[i].lower_ == "its":
        return True
    opener = doc[i] if i < len(doc) else None
    return (
        they
        and opener is not None
        and opener.lower_ == "the"
        and opener.head.dep_ in ("nsubj", "nsubjpass")
        and opener.head.head.dep_ == "ROOT"
        and lemma_of(opener.head) in COMMERCIAL
    )


def which_clause(ent: TokenSpan) -> bool:
    """Does a clause on "which" follow the name ("BAA, which runs the airports, said")?
    English says "who" of a person. A shop's "'s" may stand between ("Sainsbury's, which")."""
    doc = ent.doc
    end = ent.end + 1 if ent.end < len(doc) and doc[ent.end].tag_ == "POS" else ent.end
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "which":
        return False
    clause = doc[end + 1].head
    return (
        clause.dep_ == "relcl"
        and clause.head.i in range(ent.start, ent.end)
        # not "(signed) the letter to Obama, which …", which may be the letter
        and not (ent.root.dep_ == "pobj" and thing_before(ent.root.head.head))
    )


def thing_before(head: Token) -> bool:
    """Is what a preposition hangs on a noun, or a verb with a noun object?"""
    return head.pos_ in ("NOUN", "PROPN") or any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children
    )


# "Retailer Game", not "Team Estonia", nor a name's head: "Network Rail", "Alliance & Leicester"
_TRADE_NOUNS = ORG_NOUNS - NAME_OPENERS - ORG_ONLY_HEADS


def opens_sentence(tok: Token) -> bool:
    """Does this word open its sentence, or its paragraph, which the parser may have run
    into a headline's sentence?"""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (
        before is None
        or tok.is_sent_start
        or before.text in (".", "!", "?")
        or (before.is_space and "\n" in before.text)
    )


def opening_word(tok: Token, words: set[str] | frozenset[str]) -> bool:
    """Is this one of `words`, capitalised only as it opens its sentence ("Lifeguard",
    "Rival", "Retailer")?"""
    return opens_sentence(tok) and tok.text[1:].islower() and tok.lower_ in words


def aged(tokens: Iterable[Token]) -> bool:
    """Do these words hold an age ("the 69-year-old farmer", "a 15-year-old schoolgirl")?"""
    return {"year", "old"} <= {t.lower_ for t in tokens}


# A word written in camel case as companies write their names ("easyJet", "eBay", "mmO2"),
# not as one maker writes its products ("iPod")
_CAMEL_CASE = re.compile(r"(?!i[A-Z])[a-z]{1,4}[A-Z][A-Za-z0-9]*")


def camel_case(tok: Token) -> bool:
    """Is this word a company's name in camel case ("easyJet", "eBay")?"""
    return _CAMEL_CASE.fullmatch(tok.text) is not None


def owns_nothing(possessive: Token) -> bool:
    """Does this "'s" after a name own nothing, the name a shop's or a charity's ("Barnardo's
    said", "at Sainsbury's.")? Not before what it owns ("the Parole Board of Canada's
    logic", "Cisco System's Talos unit")."""
    doc, i = possessive.doc, possessive.i
    owned = doc[i + 1] if i + 1 < len(doc) else None
    return (
        possessive.tag_ == "POS"
        and i > 0
        and not doc[i - 1].whitespace_
        and doc[i - 1].dep_ != "poss"
        and (
            owned is None
            or owned.text in (".", ",", ";", ":")
            or "\n" in owned.text
            or (owned.is_lower and owned.tag_ in ("VBD", "VBZ", "VBP", "MD"))
        )
    )


def opening_noun(tok: Token) -> bool:
    """Is this an organisation's common noun of the lexicon, capitalised as it opens its
    sentence, before a name ("Retailer Game said", "Carmaker Halvorsen Motors said":
    capitals hide the noun from the tagger)? Not a noun that opens names ("Team Estonia"),
    nor one before another such noun ("Justice Department")."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if not opening_word(tok, {tok.lower_}) or after is None or not after.text[:1].isupper():
        return False
    forms = {tok.lower_, tok.lower_.removesuffix("s"), tok.lower_.removesuffix("es")}
    return bool(forms & _TRADE_NOUNS) and lemma_of(after) not in LEXICON_NOUNS


def hyphened_noun(root: Token) -> str:
    """The word a hyphen joins the noun to, written whole ("full-back"); "" if none."""
    doc, i = root.doc, root.i
    joined = i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
    if joined and not doc[i - 1].whitespace_:
        return f"{doc[i - 2].lower_}-{lemma_of(root)}"
    return ""


def first_and_surname(surname: Token) -> bool:
    """Is this proper noun a surname after a first name of the name prior, both capitalised
    words ("Dwain" "Chambers"), as a name the NER missed may be? Not after a title word."""
    doc, i = surname.doc, surname.i
    first = doc[i - 1] if i > 0 else None
    return (
        first is not None
        and surname.pos_ == "PROPN"
        and first.pos_ == "PROPN"
        and first.dep_ == "compound"
        and all(w.text[:1].isupper() and w.is_alpha for w in (first, surname))
        and norm_text(first.text) in prior()
        and word_key(first) not in NOT_NAME
    )


def has_the(tok: Token) -> bool:
    """Does "the" determine this word ("the Scot", "the feeder Tour")?"""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts)


def two_word_nation(tok: Token) -> bool:
    """Is this word the end of a nationality of two words ("African" of "South African",
    "Zealander" of "New Zealander", "Irishman" of "Northern Irishman")?"""
    return tok.i > 0 and norm_text(f"{tok.doc[tok.i - 1].text} {tok.text}") in NATIONALITIES


def after_the(words: list[Token]) -> bool:
    """Capitalised words of a name, two or more, right after "the" and heading their
    phrase, which no person's name does: "the Sydney Morning Herald" names an
    organisation ("the Bernie Sanders campaign" a campaign)."""
    start = words[0].i
    return (
        len(words) >= 2
        and start > 0
        and words[0].doc[start - 1].lower_ == "the"
        and all(t.text[:1].isupper() for t in words)
        and words[-1].dep_ not in ("compound", "amod", "nmod", "poss")
    )


def plural_noun(tok: Token) -> bool:
    """A plural common noun ("peers", "bodies"), not a mass noun ("police")."""
    return tok.tag_ == "NNS" and tok.lemma_.lower() != tok.lower_


def is_role(tok: Token) -> bool:
    """A title or a noun naming someone by role ("coach", "MP", "Leader")."""
    return word_key(tok) in NOT_NAME | PERSON_NOUNS or lemma_of(tok) in PERSON_NOUNS


# Nouns a capitalised plural may be ("Polls in Ohio show", the parser's PROPN)
COMMON_NOUNS = LEXICON_NOUNS | DOC_NOUNS | THING_NOUNS


def lemma_of(tok: Token) -> str:
    """The lowercased lemma, singular also for capitalised plurals ("Lawmakers", "Polls")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in COMMON_NOUNS:
        return lemma[:-1]
    return lemma


def acronym(tok: Token) -> bool:
    """Capitals that are no name's words: "RCMP", not "III" or "JR"."""
    return tok.is_upper and tok.is_alpha and len(tok) > 1 and word_key(tok) not in NAME_SUFFIXES


def acronyms_of(name: str) -> set[str]:
    """The initials of the capitalised words: "imf" for "International Monetary Fund",
    "aros" for "Alliance to Reclaim Our Schools"; also "va" for "Department of Veterans
    Affairs", leaving out a leading department-like word."""
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'-]*", name)
        if w[0].isupper() and w.lower() not in ARTICLES
    ]
    found = set()
    for start in (0, 1) if words and words[0].lower() in ORG_NOUNS else (0,):
        if len(words) - start > 1:
            found.add("".join(w[0] for w in words[start:]).lower())
    return found


def misparsed_head(span: list[Token]) -> Token | None:
    """The last word of a noun phrase whose parse took a name inside it for the head: "A
    Department for Work and Pensions spokesman", parsed as the department with a spokesman
    hanging on it, is a spokesman, as an English noun phrase ends in its head; so are "the
    Arsenal forward", its noun tagged an adverb, and "the Sale full-back". Only a plain
    phrase (an article, then nouns, names, adjectives and prepositions, no other article,
    verb or clause) ending in a singular person noun, whose other parsed heads are all
    names."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) < 3 or words[0].lower_ not in ARTICLES:
        return None
    last, inside = words[-1], {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    # no article inside: "The Kentucky Republican and the New York businessman" is two
    plain = all(t.pos_ in ("PROPN", "NOUN", "ADJ", "ADP", "CCONJ") for t in words[1:-1])
    # no comma, no apposition or clause: only a hyphen inside a word ("full-back")
    one_phrase = all(
        t.i + 1 < len(t.doc) and hyphened_noun(t.doc[t.i + 1]) for t in span if t not in words
    )
    adverb = last.tag_ == "RB"  # "forward", read as in "went forward"
    if (
        plain
        and one_phrase
        and (hyphened_noun(last) or lemma_of(last)) in PERSON_NOUNS
        and (last.tag_ == "NN" or adverb)
        and (adverb or last not in heads)
        and all(t.pos_ == "PROPN" for t in heads if t != last)
    ):
        return last
    return None


def strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ARTICLES and rest else text


def noun_phrase(head: Token, whole: bool = False) -> list[Token]:
    """A noun phrase without its appositions, clauses, datelines and asides: its own left
    modifiers plus attachments (ATTACHED: "a spokesman for the campaign", "parents with kids
    in charter schools"); `whole`, also an adjective or participle phrase after the noun
    ("a person familiar with the talks", "officials briefed on the plan")."""
    keep = {head.i}
    for child in head.lefts:
        if (
            child.dep_ in NP_LEFT
            or (child.dep_ == "advmod" and head.pos_ == "NUM")
            or (child.dep_ == "npadvmod" and head.lower_ == "old")  # "42-year" of "42-year-old"
        ):
            keep.update(t.i for t in child.subtree)
    for child in head.rights:
        if (child.dep_ == "prep" and child.lower_ in ATTACHED) or (whole and _post_modifier(child)):
            sub = list(child.subtree)
            cut = next((n for n, t in enumerate(sub) if t.is_punct and t.text in ",;("), len(sub))
            if cut <= MAX_ATTACHMENT:  # up to an apposition: "Officials at X, a division…"
                keep.update(t.i for t in sub[:cut])
        elif child.dep_ in ("compound", "flat", "nummod") and child.i == max(keep) + 1:
            keep.update(t.i for t in child.subtree)
    lo, hi = min(keep), max(keep)
    # never across a line break: a headline's last words are no part of the body's phrase
    breaks = [i for i in range(lo, hi + 1) if "\n" in head.doc[i].text]
    lo = max([lo] + [i + 1 for i in breaks if i < head.i])
    hi = min([hi] + [i - 1 for i in breaks if i > head.i])
    tokens = [head.doc[i] for i in range(lo, hi + 1)]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in FOCUS):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].is_space
        or (tokens[-1].tag_ == "POS" and not _shop_name(tokens[-1]))
    ):
        tokens = tokens[:-1]
    return tokens


def _shop_name(pos: Token) -> bool:
    """Is this "'s" the end of a name ("a spokeswoman for Sainsbury's said"), not of a
    possessor ("the front-runner's attacks")? It follows a name and owns nothing after it."""
    after = pos.doc[pos.i + 1] if pos.i + 1 < len(pos.doc) else None
    owns = after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "ADV")
    return pos.head.pos_ == "PROPN" and pos.head.i == pos.i - 1 and not owns


def _post_modifier(child: Token) -> bool:
    """An adjective or a participle after its noun with a preposition of its own and no
    object: "familiar with the talks", "close to the ministry", "briefed on the plan"."""
    adjective = child.dep_ == "amod" and child.pos_ == "ADJ"
    if not adjective and (child.dep_ != "acl" or child.tag_ != "VBN"):
        return False  # nor a clause ("who spoke on condition …")
    kids = list(child.children)
    return bool(kids) and kids[0].dep_ == "prep" and all(k.dep_ == "prep" for k in kids)


def named_as(name: Token) -> Token | None:
    """The noun a naming participle gives this name to: "a spokeswoman named Jo Ng", "a
    man called Ray", "a woman identified as Ann Lee", "the base chief known as Bob"."""
    verb = name.head
    if name.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
    elif name.dep_ not in ("oprd", "attr", "dobj", "xcomp"):
        return None
    if verb.dep_ != "acl" or verb.lemma_.lower() not in NAMING_VERBS:
        return None
    return verb.head if verb.head.pos_ == "NOUN" else None


def owners_of(head: Token) -> list[Token]:
    """Who a role noun is of: "his" or "Pagliano's" attorney, attorney "for Pagliano"."""
    owners = [t for t in head.children if t.dep_ == "poss"]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "to"):
            owners += [t for t in prep.children if t.dep_ == "pobj"]
    return owners


BY_OR_FROM = ("by", "from")  # "a report by the IMF", "a release sent from the council"


def issued_by(doc_noun: Token) -> list[Token]:
    """Who a document noun says put it out: "the IMF report", "Trump's statement", "a
    statement from the ministry", "a report by the IMF", "a study released by the IMF", "a
    statement e-mailed by Jo Ng", "a release sent from the council"."""
    owners = [t for t in doc_noun.lefts if t.dep_ in ("compound", "poss")]
    for child in doc_noun.rights:
        if child.dep_ == "prep" and child.lower_ in BY_OR_FROM:
            owners += [t for t in child.children if t.dep_ == "pobj"]
        elif child.dep_ in ("acl", "relcl"):
            owners += [
                t
                for agent in child.children
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ in BY_OR_FROM)
                for t in agent.children
                if t.dep_ == "pobj"
            ]
    return owners


def what_it_runs(head: Token) -> set[str]:
    """The nouns of what a role noun is "of": "the head of [the nursing union]"."""
    return {
        norm_text(t.text)
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
        for t in obj.subtree
        if t.pos_ in ("NOUN", "PROPN")
    }


def qualifiers_of(phrase: list[Token], head: Token, owners: list[Token]) -> set[str]:
    """The words narrowing a role down, beside its owner: "school" of "a school spokesman",
    "vice" of "its senior vice president" (not "his", "senior" or "Pagliano's")."""
    skip = {head.i} | {t.i for o in owners for t in o.subtree}
    return {
        norm_text(t.text)
        for t in phrase
        if t.i not in skip and (t.pos_ in ("NOUN", "PROPN") or word_key(t) in TITLE_WORDS)
    } - {""}


def content_words(phrase: list[Token]) -> set[str]:
    return {
        norm_text(t.text)
        for t in phrase
        if t.lower_ not in DETERMINERS and t.tag_ not in ("POS", "PRP$") and not t.is_punct
    } - {""}


def counted(root: Token) -> bool:
    """A proper noun counted as a plural: after a quantifier ("many Latinos", "some
    Scientologists", "two Britons")."""
    return any(
        c.lower_ in QUANTIFIERS or (c.like_num and c.lower_ not in ("one", "1"))
        for c in root.lefts
        if c.dep_ in ("amod", "det", "nummod")
    )
