"""Titles and affiliations: takes a registered name or a description and the parse
around it; adds to the entity the titles ("Shadow Health Secretary"), parties and
organisations the article attaches to it (pre-modifiers, appositions, copulas, party tags,
"Labour's X"), and a party stated only by context (`weak_affiliations`). A title is a
role of the lexicon (`role_of`), never a relation, a description or a party alone; an
affiliation is an organisation or a party, never a nationality, a person or a brief."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from saidwhat.lexicon import (
    INDIVIDUAL_NOUNS,
    JUDGING_WORDS,
    NATIONALITIES,
    NON_ROLE_NOUNS,
    NOUN_GENDER,
    ORG_NOUNS,
    PARTIES,
    PARTY_OF_TAG,
    PARTY_TAG,
    PERSON_NOUNS,
    RELATION_NOUNS,
    ROLE_NOUNS,
    ROLELESS_HONORIFICS,
    TITLE_WORDS,
    UNHELD_WORDS,
)
from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.gender import ROLE_VOTE
from saidwhat.speakers.pronouns import nearest_entity
from saidwhat.speakers.syntax import (
    acronym,
    acronyms_of,
    apposed,
    is_role,
    lemma_of,
    noun_phrase,
    strip_det,
    titled_name,
)
from saidwhat.speakers.words import (
    ARTICLES,
    CHAMBERS,
    DETERMINERS,
    FOCUS,
    GENERIC_TITLES,
    HOLDER_NOUNS,
    NOT_YET,
    ONE_OF,
    ORG_ONLY_HEADS,
    OWNING,
    PORTFOLIOS,
    SEATS,
    norm_text,
    word_key,
)


def describe_name(st: State, index: int, ent: TokenSpan, words: list[Token]) -> None:
    """Titles and affiliations the article attaches to this name where it is written."""
    entity = st.entities[index]
    root = words[-1]
    # Pre-modifiers: "Shadow Health Secretary Jonathan Ashworth", "Labour's X", "Rep."
    left: set[int] = set()
    # the name's own modifiers, and those of a title the NER took into the name ("Chief" of
    # "Chief" | "Constable Paul Garvin")
    heads = [root, *(t for t in ent if t.i < words[0].i)]
    for child in (c for head in heads for c in head.lefts):
        if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod") and child.i < ent.start:
            left.update(t.i for t in child.subtree if t.i < ent.start)
    run: list[Token] = []
    i = ent.start - 1
    while i in left:  # the contiguous run that ends right before the name
        run.insert(0, st.doc[i])
        i -= 1
    run += [t for t in ent if t.i < words[0].i]
    if run and st.on("title-whole-words"):  # "Arsenal vice-chairman David Dein": the parse
        run = _prefixed(run)  # leaves the "vice-" apart
    # a title never reaches across a line break into the headline ("…stroke\n\nVeteran
    # US television host Dick Clark")
    run = run[max((n + 1 for n, t in enumerate(run) if "\n" in t.text), default=0) :]
    if st.on("title-outside-name"):
        # nor into the name ("Nachman" of "Nachman Shai", "DNC Chair Debbie"), a dateline or
        # another conjunct ("JERUSALEM - Israeli Prime Minister", "Christie and Ohio Gov.")
        run = [t for t in run if t.i < words[0].i]
        breaks = (n + 1 for n, t in enumerate(run) if _breaks(t) and not _joins_brief(st, run, n))
        run = run[max(breaks, default=0) :]
    owner = next((t for t in run if t.lower_ in OWNING), None)  # "Its chief executive X"
    run = [
        t
        for t in run
        if t.lower_ not in DETERMINERS
        and not (t.lower_ in FOCUS and st.on("title-no-judgement"))  # "Even HBO comedian X"
        and not (t.tag_ == "PRP$" and st.on("title-is-a-role"))  # "his campaign manager"
        and word_key(t) not in ROLELESS_HONORIFICS
        and not st.in_aside(t)  # "Open this photo in gallery"
    ]
    cut = max((t.i for t in run if t.tag_ == "POS"), default=None)
    if cut is not None:  # "Labour's X": the possessor is an affiliation, not a title
        affiliations_in(st, entity, [t for t in run if t.i < cut])
        run = [t for t in run if t.i > cut]
    if run:
        run = _unjudged(st, run, _run_head(run))
    # a role or a nationality, never an adjective alone ("the ruling Ann Lowe")
    roles = st.on("title-is-a-role")
    if (
        run
        and (not roles or any(_nominal(t) or t.ent_type_ == "NORP" for t in run))
        and not _namesakes_title(st, entity, head := _run_head(run))
        and _is_title(st, entity, run, head)
    ):
        entity.add_title(st.text[run[0].idx : run[-1].idx + len(run[-1])], run[0].i)
        entity.role_heads.append(run[-1].i)
        affiliations_in(st, entity, run)
        if owner is not None:
            st.owned_titles.append((entity, owner))
    # Party tag after the name: "Rep. Jason Chaffetz (R-Utah)", "Sen. Tim Kaine, D-Va."
    tail = st.text[ent.end_char : ent.end_char + 16]
    if m := PARTY_TAG.match(tail.lstrip(" ,")):
        entity.add_affiliation(PARTY_OF_TAG[m.group(1)])
    if st.on("affiliation-of-name"):
        _of_organisation(st, entity, root)
    # Apposition: "James Cleverly, the Conservative Chairman,"; copula: "X is the Y".
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            title_phrase(st, entity, child)
            _role_gender(st, entity, child)
    described = root.head
    if (  # "An attorney for Pagliano, Mark MacDougall": the parser hangs it on Pagliano
        described.ent_type_
        and described.dep_ == "pobj"
        and described.head.lower_ in ("for", "of", "to")
        and described.head.head.pos_ == "NOUN"
    ):
        described = described.head.head
    if apposed(root) and not described.ent_type_ and described.pos_ in ("NOUN", "PROPN"):
        title_phrase(st, entity, described)
        if root.dep_ == "appos":
            _role_gender(st, entity, described)
    # "X will be the nominee", "want X to be the next president": a role to come; "X is
    # not even a legitimate member": one denied
    aux = {c.lower_ for c in root.head.children if c.dep_ in ("aux", "auxpass", "neg")}
    to_come = bool(aux & NOT_YET) and st.on("title-is-held")
    copula = root.dep_ == "nsubj" and root.head.lemma_ == "be" and root.head.tag_ != "VBG"
    # what a quote says someone is, in words that judge, is the speaker's praise, no title
    # ("Alan Johnson said Mr Blunkett had been a great reforming home secretary")
    if copula:
        for child in root.head.children:
            if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN") and not child.ent_type_:
                judged = st.on("title-is-held") and _judged(noun_phrase(child), child)
                if judged and st.reported(root.idx):
                    continue
                if to_come:  # the party of a nomination to come is still the person's
                    _parties_in(st, entity, noun_phrase(child), child)
                else:
                    title_phrase(st, entity, child)


def _judged(phrase: list[Token], head: Token) -> bool:
    """Do the words before the head judge or rank ("a great reforming home secretary", "the
    only candidate", "a “change agent")?"""
    return any(
        t.i < head.i
        and (
            t.lower_ in JUDGING_WORDS
            or t.lower_ in ("only", "first")
            or t.tag_ in ("JJS", "RBS")
            or t.is_quote
        )
        for t in phrase
    )


def _role_gender(st: State, entity: Entity, noun: Token) -> None:
    """The gender a person's apposed role gives ("Sam Ng, a spokeswoman for the council,"),
    weighed below an honorific (`role-gender`); not a relation, which a list of people read as
    an apposition misplaces ("Higuchi, her mother and her sister"). A role in "-man" is held
    by women too, as one in "-woman" is by no man: a woman's first name, of the lexicon or
    the name prior, stands against it ("Chairman of the judges Joan Bakewell", "Nica
    Burns"; but "Sam Ng, a spokeswoman")."""
    lemma = lemma_of(noun)
    said = NOUN_GENDER.get(lemma) if lemma not in RELATION_NOUNS else None
    if said == "male" and entity.first_name_gender() == "female":
        return
    if said is not None and entity.kind == "person" and st.on("role-gender"):
        entity.vote(said, ROLE_VOTE)


def _of_organisation(st: State, entity: Entity, root: Token) -> None:
    """The organisation a name's "of", "from" or "at" names, set off by a comma: "Judith
    Gillespie, of the Scottish Parent Teacher Council,", "Dr Jo Ng, from the University of
    Leeds," (an organisation's name, or a run of capitalised words ending in an
    organisation's word the NER missed); not a place ("Jo Ng, of Leeds,"). An organisation's
    name after "of" needs no comma ("said Kevin Norrish of Barclays Capital"); one after
    "from" or "at" does ("Sarah Willis from Bristol" is where she lives, "Mr Effron, then at
    UBS," where he worked)."""
    for prep in root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "at"):
            continue
        comma = st.doc[prep.i - 1].text == ","
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = st.ent_of(obj.i)
            if ent is not None and ent.label_ == "ORG" and (comma or prep.lower_ == "of"):
                entity.add_affiliation(ent.text)
                continue
            if not comma:
                continue
            start = obj.i
            while start > prep.i + 1 and st.doc[start - 1].text[:1].isupper():
                start -= 1  # "Scottish Parent Teacher" of "… Council"
            if word_key(obj) in ORG_ONLY_HEADS and obj.text[:1].isupper() and start < obj.i:
                entity.add_affiliation(st.text[st.doc[start].idx : obj.idx + len(obj)])


def _namesakes_title(st: State, entity: Entity, head: Token) -> bool:
    """Is this the title of another person of the same surname, which this one does not
    hold ("Secretary Clinton" where Bill Clinton is the president and Hillary Clinton the
    secretary)? Then the name, whomever it was matched to, is the namesake's."""
    if not st.on("title-of-namesake") or len(entity.tokens) < 2:
        return False
    role = word_key(head)
    namesakes = [  # another person: another first name ("Gov. Fallin" may be Mary Fallin)
        e
        for e in st.entities
        if e.kind == "person"
        and len(e.tokens) > 1
        and e.tokens[-1] == entity.tokens[-1]
        and e.tokens[0] != entity.tokens[0]
    ]
    end = len(st.doc)
    return any(role in e.role_words(end) for e in namesakes) and role not in entity.role_words(end)


def _prefix(tok: Token) -> bool:
    """Is this word the prefix of a hyphenated one ("co" of "co-chairman"), not a noun of
    its own that the hyphens run on from ("editor" of "editor-in-chief")?"""
    doc = tok.doc
    return (
        word_key(tok) not in PERSON_NOUNS
        and not tok.is_stop
        and tok.i + 2 < len(doc)
        and not tok.whitespace_
        and doc[tok.i + 1].text == "-"
        and not doc[tok.i + 1].whitespace_
        and doc[tok.i + 2].is_alpha
    )


def _prefixed(phrase: list[Token]) -> list[Token]:
    """The phrase with the prefix its first word is hyphened to ("co-chairman of the rules
    committee", "the vice-president of the party"), which the parser leaves out."""
    doc, first = phrase[0].doc, phrase[0].i
    if first >= 2 and doc[first - 1].text == "-" and _prefix(doc[first - 2]):
        return [doc[first - 2], doc[first - 1], *phrase]
    return phrase


def _nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN")


def _breaks(tok: Token) -> bool:
    """A mark, conjunction or verb no title runs across: a comma, a quotation mark, a dash
    with space around it, "and", a sentence's end (not the hyphen of "front-runner" nor the
    "&" of "AT&T"), an auxiliary or a verb with one ("Southampton have sacked manager X",
    which the parser hangs on the name; not "acting", "retired", nor the "would-be" of "a
    would-be president", which says the role is not held)."""
    if tok.dep_ == "cc" and tok.lower_ in ("and", "or", "but"):
        return True
    doc = tok.doc
    hyphened = (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_) or (
        tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    )
    if not hyphened and (
        tok.pos_ == "AUX"
        or (tok.pos_ == "VERB" and any(c.dep_ in ("aux", "auxpass") for c in tok.children))
    ):
        return True
    if len(tok.text) > 1 and tok.text[0].islower() and tok.text.endswith(".") and tok.whitespace_:
        return True  # "cost £40m. BA chief executive X": a sentence's end kept in a word
    if not tok.is_punct or tok.text in (".", "&", "'", "’"):
        return False
    joined = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_
    return not (joined and tok.text in ("-", "/"))


def _joins_brief(st: State, run: list[Token], n: int) -> bool:
    """Does the "and" at run[n] join the words of one brief ("Work and Pensions Secretary",
    "work and pensions spokesman") or of one organisation's name, not two people or two
    roles ("Christie and Ohio Gov.",
    "senator and former Gov.")? No role and no name of a person or place stands before it
    (nor a word the article names a person by), and a noun right before it."""
    if run[n].lower_ != "and" or n + 1 >= len(run) or n == 0:
        return False
    name = st.ent_of(run[n].i)  # an organisation's own "and": "England and Wales Cricket Board"
    if name is not None and name.label_ == "ORG" and name.start < run[n].i < name.end - 1:
        return True
    if not _nominal(run[n - 1]):
        return False
    start = max((k + 1 for k in range(n) if _breaks(run[k])), default=0)
    return all(  # a party is no role here ("Liberal Democrat work and pensions spokesman")
        t.ent_type_ not in ("PERSON", "GPE", "LOC")
        and t.lower_ not in st.person_words
        and (not is_role(t) or norm_text(t.text) in PARTIES)
        for t in run[start:n]
    )


def _run_head(run: list[Token]) -> Token:
    """The word a run of pre-modifiers hangs on ("secretary" of "Former US secretary of
    state"): the last one whose head is outside the run."""
    inside = {t.i for t in run}
    last = run[-1]
    if last.dep_ == "conj" and is_role(last):  # "Secretary" of "Work and Pensions Secretary"
        return last
    return next((t for t in reversed(run) if t.head.i not in inside), last)


def _word_of(tok: Token) -> list[str]:
    """The hyphenated word a token ends ("front-runner", "82-year-old") and its endings
    after each hyphen ("runner", "year-old", "old"), lower case without a final stop."""
    doc, i = tok.doc, tok.i
    while i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text == "-" or doc[i].text == "-"):
        i -= 1
    parts = [t.text.lower().rstrip(".") for t in doc[i : tok.i + 1] if t.text != "-"]
    return ["-".join(parts[n:]) for n in range(len(parts))]


def role_of(tok: Token) -> str:
    """What a title's head word is: "role" (a role noun of the lexicon), "party" ("a
    Republican", "Democrat of Delaware"), "not" (a relation or a description) or "" (any
    other word)."""
    forms = [*_word_of(tok), lemma_of(tok)]
    owned = any(c.dep_ == "poss" for c in tok.children)
    if any(
        f in NON_ROLE_NOUNS or (f in RELATION_NOUNS and (owned or f != "partner")) for f in forms
    ):
        return "not"
    if any(f in ROLE_NOUNS for f in forms):
        return "role"
    return "party" if norm_text(tok.text) in PARTIES and tok.text[:1].isupper() else ""


def _is_title(st: State, entity: Entity, phrase: list[Token], head: Token) -> bool:
    """Whether a phrase headed by `head` may be the entity's title: a role, not a party (its
    party becomes an affiliation), a relation, a description, or a set's plural on one person."""
    if _not_held(st, phrase, head):
        _parties_in(st, entity, phrase, head)  # "the likely Republican nominee": still one
        return _described(st, entity, phrase, head)
    what = role_of(head)
    if not what and any(word_key(t) in TITLE_WORDS for t in phrase if t.i < head.i):
        what = "role"  # a title the parser did not make the head ("a former secretary of
        # homeland security" hung on "security")
    if what == "party" and st.on("party-not-a-title"):
        affiliations_in(st, entity, phrase, head)
        return _described(st, entity, phrase, head)
    if st.on("title-needs-role") and what != "role":
        # a nationality alone stays ("Russian Ivan Petrov"), a party word does not
        if head.ent_type_ == "NORP" and what != "party" and len(phrase) == 1:
            return True
        return what == "not" and _described(st, entity, phrase, head)
    plural = head.tag_ in ("NNS", "NNPS") and not head.text.endswith(".")
    if plural and entity.kind == "person" and st.on("person-title-singular"):
        affiliations_in(st, entity, phrase, head)  # each is still of the set's party
        return _described(st, entity, phrase, head)
    return True


_AGE = re.compile(r"[\w.]+-years?-old")
# A word of a name is never a judgement ("Fine Gael", "Good Morning America"); a number or
# a date may be ("57-year-old", "one").
_UNNAMED = ("", "CARDINAL", "DATE", "ORDINAL", "QUANTITY")


def _parties_in(st: State, entity: Entity, phrase: list[Token], head: Token) -> None:
    """The parties of a role not held ("the likely Republican nominee" is a Republican), but
    no organisation, which the person does not belong to yet ("the next head of the NAACP")."""
    affiliations_in(st, entity, [t for t in phrase if norm_text(t.text) in PARTIES], head)


def _not_held(st: State, phrase: list[Token], head: Token) -> bool:
    """Does a word before the head say the person does not hold the role ("the next
    president", "a would-be candidate", "the likely nominee", "no candidate"), or rank them
    in someone's eyes ("the most able candidate", "the best player")? Neither is a title."""
    before = [t for t in phrase if t.i < head.i and t.ent_type_ in _UNNAMED]
    if st.on("title-is-held"):
        words = {"".join(t.text for t in w).lower() for w in _hyphened(before)}
        if words & UNHELD_WORDS or "no" in words:
            return True
    return st.on("title-no-judgement") and any(t.tag_ in ("JJS", "RBS") for t in before)


def _unjudged(st: State, phrase: list[Token], head: Token) -> list[Token]:
    """The phrase less what its words before the head say of the person but not of the
    role: an adjective that judges ("a powerful surrogate"), with the adverb that grades it
    ("highly respected"), an age ("the 57-year-old scientist"), a quantifier ("another
    pollster"). A title says what one does."""
    before = [t for t in phrase if t.i < head.i and t.ent_type_ in _UNNAMED]
    if not st.on("title-no-judgement") or any(t.tag_ in ("JJS", "RBS") for t in before):
        return phrase  # a superlative makes no title at all (`_not_held`)
    drop: set[int] = set()
    for word in _hyphened(before):
        text = "".join(t.text for t in word).lower()
        if text in JUDGING_WORDS:
            drop.update(d.i for t in word for d in t.subtree if d.i < head.i)
        elif _AGE.fullmatch(text) or text in ONE_OF:
            drop.update(t.i for t in word)
    if not drop:
        return phrase
    kept = [t for t in phrase if t.i not in drop]
    while kept and kept[0].i < head.i and (kept[0].is_punct or kept[0].dep_ == "cc"):
        kept = kept[1:]  # "respected and" of "a respected and seasoned operative"
    return kept


def _hyphened(tokens: list[Token]) -> list[list[Token]]:
    """The tokens grouped into words, a hyphenated word one ("57-year-old", "well-known")."""
    words: list[list[Token]] = []
    for t in tokens:
        prev = words[-1][-1] if words else None
        joined = prev is not None and prev.i == t.i - 1 and not prev.whitespace_
        if joined and "-" in (prev.text, t.text):
            words[-1].append(t)
        else:
            words.append([t])
    return words


def _described(st: State, entity: Entity, phrase: list[Token], head: Token) -> bool:
    """Remember what a phrase that is no title says of the entity, for the descriptions
    that name it again ("his father" is the one called "his father, Rafael"; "the
    billionaire", "this Democrat"); returns False (no title)."""
    text = st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]
    entity.title_marks.append((phrase[0].i, text.strip(" ,;:-()")))
    entity.role_heads.append(head.i)
    return False


def title_phrase(st: State, entity: Entity, head: Token) -> None:
    """A role phrase ("the Conservative Chairman") as a title, with its parties."""
    phrase = noun_phrase(head)
    roles = st.on("title-is-a-role")
    bare = [t for t in phrase if t.lower_ not in DETERMINERS or not roles]
    if not phrase or (head.lower_ in GENERIC_TITLES and len(bare) == 1):
        return  # "the man" says no role
    if st.on("title-whole-words") and _prefix(head):
        return  # "vice" of "vice-president", a word's prefix and no head
    lexicon_role = st.on("title-needs-role") and role_of(head) == "role"  # "the frontman"
    if (
        head.lemma_.lower() not in PERSON_NOUNS
        and not any(word_key(t) in TITLE_WORDS for t in phrase)
        and not lexicon_role
    ):
        return
    if not _is_title(st, entity, phrase, head):
        return
    # "its president", "the club's managing director": a possessor the title does not
    # name is a reference, not part of the role ("Clark's publicist" keeps its name); a
    # party's is an affiliation ("Labour's shadow health secretary")
    # the last before the head: "her husband's Treasury secretary", "X's director general"
    owner = next((t for t in reversed(phrase) if t.dep_ == "poss" and t.i < head.i), None)
    # "Labour's", "the European Union's", "the CBI's": a party's or an organisation's of
    # two words or more or of initials, an affiliation (not "Manafort's", a person's name
    # the NER took for one)
    ent = None
    if owner is not None and owner.ent_type_:  # a name: which of the article's entities
        ent = st.ent_of(owner.i)
    body = (
        ent is not None
        and ent.label_ == "ORG"
        and (" " in norm_text(strip_det(ent.text)).removesuffix("'s") or acronym(owner))
        and not _no_organisation(st, owner, ent)
    )
    party = owner is not None and (norm_text(owner.text) in PARTIES or body)
    # ("The 30-year-old's solicitor": an age, which the tagger reads as an adjective)
    aged_owner = owner is not None and owner.lower_ == "old"
    if owner is not None and (owner.pos_ in ("PRON", "NOUN") or party or aged_owner) and roles:
        if party:
            # the party's whole name: "The Liberal Democrats' education spokesman"
            named = [*(t for t in owner.lefts if t.dep_ == "compound"), owner]
            affiliations_in(st, entity, list(ent) if body and ent is not None else named)
        if owner.lower_ in OWNING:
            st.owned_titles.append((entity, owner))
        phrase = [t for t in phrase if t.i > owner.i and t.tag_ != "POS"]
    while phrase and phrase[0].lower_ in DETERMINERS:
        phrase = phrase[1:]
    if st.on("title-outside-name"):  # "Former foreign secretary" of "… Lord Hurd of
        # Westwell", the parser hanging the name and the peerage on the role
        name = next((c for c in head.rights if c.dep_ == "appos" and _named(st, c)), None)
        phrase = [t for t in phrase if name is None or t.i < name.left_edge.i]
    if phrase and st.on("title-whole-words"):
        phrase = _prefixed(phrase)
    phrase = _unjudged(st, phrase, head)
    if phrase:
        entity.add_title(st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])], phrase[0].i)
        entity.role_heads.append(head.i)
        affiliations_in(st, entity, phrase, head)


def _named(st: State, tok: Token) -> bool:
    """Is this word a person's name, to the NER or to the article's view of it?"""
    ent = st.ent_of(tok.i)
    return tok.ent_type_ == "PERSON" or (ent is not None and ent.label_ == "PERSON")


def affiliations_in(
    st: State, entity: Entity, tokens: list[Token], head: Token | None = None
) -> None:
    """Parties and organisations named in these tokens ("Labour", "NYPD"); with the
    phrase's `head`, only those that qualify it ("Labour MPs", "a spokesman for anti-virus
    firm Sophos"), not another noun of the phrase ("owners of Nokia phones")."""
    seen: set[int] = set()
    checked = st.on("affiliation-qualifies")
    head = head if checked else None
    for t, nxt in pairwise([*tokens, None]):  # an empty run gives no pairs
        if t.i in seen:
            continue
        pair = nxt is not None and norm_text(f"{t.text} {nxt.text}") in PARTIES
        if head is not None and not _qualifies(st, nxt if pair else t, head):
            continue
        if pair:
            seen.add(nxt.i)  # "Liberal Democrat", "Lib Dem", "Reform UK": one party
            entity.add_affiliation(st.text[t.idx : nxt.idx + len(nxt.text)])
            continue
        ent = st.ent_at.get(t.i)
        if checked and in_longer_name(st, t):
            continue  # "Green" of "Wood Green"
        if st.on("affiliation-is-an-organisation") and _no_organisation(st, t, ent):
            continue
        if norm_text(t.text) in PARTIES or (ent is not None and ent.label_ in ("ORG", "NORP")):
            if ent is not None and titled_name(ent):
                continue  # the person's own name, which the NER took for an organisation
            after = t.doc[ent.end] if ent is not None and ent.end < len(t.doc) else None
            if (
                ent is not None
                and len(ent) == 1
                and not ent.text.isupper()
                and after is not None
                and word_key(after) in TITLE_WORDS | PERSON_NOUNS
                and norm_text(ent.text) not in PARTIES
                and norm_text(ent.text) in PORTFOLIOS | CHAMBERS
            ):
                continue  # "Health" of "Health Secretary" is no organisation ("Sony" of
                # "a Sony spokesman" is)
            if ent is not None and _part_of_owner(st, ent):
                continue  # "GP" of "the BMA's GP committee": a part of the BMA
            if ent is not None and ent.label_ in ("ORG", "NORP"):
                if st.on("affiliation-whole-name") and ent.label_ == "ORG":
                    ent = _whole_name(ent)
                seen.update(range(ent.start, ent.end))
                entity.add_affiliation(ent.text.removesuffix("'s").removesuffix("’s"))
            elif norm_text(t.text) in PARTIES:
                entity.add_affiliation(t.text)


def _part_of_owner(st: State, ent: TokenSpan) -> bool:
    """Is this one word qualifying a noun right after an organisation's possessive, the name
    of a part of it ("the BMA's GP committee", "Sony's PlayStation unit")?"""
    doc = ent.doc
    if len(ent) != 1 or ent.start < 2 or doc[ent.start - 1].tag_ != "POS":
        return False
    owner = st.ent_of(ent.start - 2)
    return (
        owner is not None
        and owner.label_ == "ORG"
        and ent.root.dep_ == "compound"
        and ent.root.head.pos_ == "NOUN"
    )


def _whole_name(ent: TokenSpan) -> TokenSpan:
    """The organisation's whole name where the NER cut it: the capitalised words before it
    ("Republican" of "Republican National Committee"), and a name that runs on through
    "for" or "of" on either side ("Committee for a Responsible Federal Budget", "Centre for
    the National Interest", "Animal Protection Services of Saskatchewan")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start > 0:
        if _name_word(doc[start - 1]) and doc[start - 1].whitespace_:
            start -= 1
        elif (
            start > 1
            and doc[start - 1].lower_ in ("for", "of")
            and _name_word(doc[start - 2], places=True)
        ):
            start -= 2  # "Centre" "for" | "the National Interest"
        else:
            break
    run_on = end + 1
    if run_on < len(doc) and doc[run_on].lower_ in ARTICLES:
        run_on += 1
    if (
        end < len(doc)
        and doc[end].lower_ in ("for", "of")
        and run_on < len(doc)
        and _name_word(doc[run_on], places=True)
    ):
        end = run_on
        while end < len(doc) and (_name_word(doc[end], places=True) or doc[end].lower_ == "of"):
            end += 1
        while doc[end - 1].lower_ == "of":
            end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return TokenSpan(doc, start, end, label=ent.label_)


def _name_word(t: Token, places: bool = False) -> bool:
    """A capitalised word of a name that no entity holds (but a place's, with `places`:
    "of Saskatchewan"), on the same line, and no title or party."""
    return (
        t.text[:1].isupper()
        and t.is_alpha
        and (not t.ent_type_ or (places and t.ent_type_ in ("GPE", "LOC")))
        and t.tag_ in ("NNP", "NNPS")
        and "\n" not in t.whitespace_
        and word_key(t) not in TITLE_WORDS | PERSON_NOUNS
        and norm_text(t.text) not in PARTIES
    )


_ROLES_ONLY = ROLE_NOUNS - ORG_NOUNS  # "Taoiseach", "Actress"; not "Carrier", a firm too


def _no_organisation(st: State, tok: Token, ent: TokenSpan | None) -> bool:
    """A word the NER or the party list takes for an organisation that is none: a
    nationality ("Ethiopian marathoner"), an office ("The Taoiseach"), an ideology in lower
    case ("conservative activist", "liberals"), a person's name ("Rubio's aide"), a brief
    ("State" of "Secretary of State"), a place ("observers in Virginia", "the Ohio chapter
    of …"), a plural of people opening a sentence ("Farmers' leaders")."""
    text = ent.text if ent is not None else tok.text
    if norm_text(text) in PARTIES:
        # a party's name is written with a capital, and is no one's surname here
        return not text[:1].isupper() or _surname(st, tok)
    if ent is None:
        return False
    if ent.label_ == "NORP" or norm_text(ent.text) in NATIONALITIES:
        return True  # "Kuwaiti" of "the Kuwaiti oil minister", an ORG to the NER
    if len(ent) == 1 and lemma_of(ent[0]) in _ROLES_ONLY:
        return True  # "The Taoiseach", an office the NER took for an organisation ("Carrier"
        # may be one)
    if len(ent) <= 2 and ent[0].is_sent_start and _common_people(ent[0]):
        return True  # "Farmers' leaders": a common noun a sentence opens with
    place = (
        len(ent) == 1
        and tok.ent_type_ in ("GPE", "LOC")
        and not ent.text.isupper()
        and ent.root.dep_ != "appos"  # "his record label, Polydor,": the view's ORG holds
    )
    if place and st.on("place-no-affiliation"):
        # "observers in Virginia": a place, made an ORG beside "Virginia AFL-CIO"; not an
        # initialism ("E.U. leaders"), nor a word the NER reads alone as an organisation
        word = norm_text(ent.text)
        return not any(
            len(e) == 1 and e.label_ == "ORG" and norm_text(e.text) == word for e in tok.doc.ents
        )
    if _persons_name(st, norm_text(ent.text.removesuffix("'s").removesuffix("’s"))):
        return True  # a person's name the NER took for an organisation ("Rubio's aide")
    doc = tok.doc
    before = doc[ent.start - 1] if ent.start else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return norm_text(ent.text) in PORTFOLIOS and (
        (before is not None and before.lower_ == "of" and word_key(before.head) in ROLE_NOUNS)
        or (after is not None and word_key(after) in ROLE_NOUNS)
    )


_PEOPLE = PERSON_NOUNS | INDIVIDUAL_NOUNS


def _common_people(tok: Token) -> bool:
    """A plural noun that names people by what they do ("Farmers", "Teachers")."""
    lemma = lemma_of(tok)
    return lemma != tok.lower_ and lemma in _PEOPLE


def _surname(st: State, tok: Token) -> bool:
    """Is this party word a name of a person of the article ("Both Green and Smith
    confirmed" after "Dan Green")?"""
    if not st.on("party-not-a-surname"):
        return False
    word = norm_text(tok.text)
    return any(e.kind == "person" and len(e.tokens) > 1 and word in e.tokens for e in st.entities)


def in_longer_name(st: State, tok: Token) -> bool:
    """Is this party word the end of a longer proper name ("Wood Green", a place), not
    the party? A capitalised proper noun before it in the same name says so."""
    if norm_text(tok.text) not in PARTIES or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return (
        (before.pos_ == "PROPN" or before.tag_ == "NNP")
        and before.whitespace_ != ""
        and word_key(before) not in TITLE_WORDS
        and before.text[:1].isupper()
        and norm_text(before.text) not in PARTIES
        and before.ent_type_ != "PERSON"
    )


def _qualifies(st: State, tok: Token, head: Token) -> bool:
    """Does the name starting at `tok` qualify `head` itself: directly, through a
    preposition or through the organisation noun that classifies it ("firm Sophos")?"""
    ent = st.ent_at.get(tok.i)
    root = ent.root if ent is not None else tok
    up = root.head
    for _ in range(6):  # a few steps: "spokesman" <- "for" <- "firm" <- "Sophos"
        if up.lower_ == "for" and word_key(up.head) in SEATS:
            return False  # "the MP for Wood Green", "Minister for Children": a seat, a brief
        if root.i == head.i or up.i == head.i:
            return True
        if up.i == up.head.i or (up.pos_ != "ADP" and lemma_of(up) not in ORG_NOUNS):
            return False
        up = up.head
    return False


def link_mention(
    st: State, index: int, phrase: list[Token], root: Token, title: bool = False
) -> int:
    entity = st.entities[index]
    st.mention(index, phrase[0].i, phrase[-1].i + 1, root)
    st.said(index, phrase)
    if title and entity.kind == "person" and root.lower_ not in GENERIC_TITLES:
        title_phrase(st, entity, root)
    return index


def owners_of_titles(st: State) -> None:
    """A title "its" or "their" owns is held at the organisation the pronoun names, the
    one the article last made its subject ("Tesco said … Its chief executive, X, said"),
    as "the club's managing director" is the club's (`title-owner`); an unnamed holder is
    named by it ("Its spokesman" is the "Tesco spokesman"), if it was a subject just
    before."""
    if not st.on("title-owner"):
        return
    for entity, owner in st.owned_titles:
        # "their" may be a group's, and then the title is no organisation's ("The rebels
        # said … Their leader")
        kinds = ("organisation",) if owner.lower_ == "its" else ("organisation", "group")
        found = nearest_entity(st, owner, lambda e, kinds=kinds: e.kind in kinds)
        if found is None or st.entities[found].kind != "organisation":
            continue
        held = st.entities[found]
        if entity.kind != "unknown":
            entity.add_affiliation(held.name)
        elif _subject_just_before(st, found, owner):
            entity.add_affiliation(held.name)
            if entity.name.lower().startswith(f"{owner.lower_} "):
                entity.name = f"{held.name} {entity.name[len(owner.text) + 1 :]}"


def employers_in_titles(st: State) -> None:
    """An organisation of the article that a person's title names before the role is the
    person's affiliation, where the NER saw no organisation there ("BPI chairman Peter
    Jamieson" after "the British Phonographic Industry (BPI)", "Bloomsbury chief executive
    Nigel Newton" after "Publisher Bloomsbury said"): by its name, its words or its
    initials, never a party, an office's brief or a nationality."""
    if not st.on("employer-in-title"):
        return
    for entity in st.entities:
        if entity.kind != "person":
            continue
        for title in entity.titles:
            words = title.split()
            run = []
            for word in words:
                if not word[:1].isupper():
                    break
                run.append(word.removesuffix("'s").removesuffix("’s"))
                if run[-1] != word:
                    break  # the owner's ("Clinton's Latino vote director" is Clinton's aide)
            if len(run) == len(words):
                # a title in capitals throughout names its employer by initials before the
                # role ("AFT President"); else it may be a name ("New Hampshire Union Leader")
                run = run[:-1] if all(w.isupper() for w in run[:-1]) else []
            found = _organisation_in(st, run)
            if found is None:
                continue
            name = st.entities[found].name
            # not one it is affiliated to already, by part of its name ("World Snooker") or
            # its initials ("ECB")
            named = set(norm_text(name).split()) - _NAME_LINKS
            initials = acronyms_of(name)
            held = [norm_text(a) for a in entity.affiliations]
            if not any(
                named & set(a.split()) or a in initials or st.short_names.get(a) == norm_text(name)
                for a in held
            ):
                entity.add_affiliation(name)


_NAME_LINKS = {"of", "and", "for", "the", "&"}


def _persons_name(st: State, name: str) -> bool:
    """Is this the name or the surname of a person of the article?"""
    people = (e for e in st.entities if e.kind == "person")
    return any(name in (norm_text(e.name), *e.tokens[-1:]) for e in people)


def _organisation_in(st: State, words: list[str]) -> int | None:
    """The organisation entity that some of these words name, the longest first."""
    for n in range(len(words), 0, -1):
        for start in range(len(words) - n + 1):
            name = norm_text(" ".join(words[start : start + n]))
            # "London Mayor", "US trade representative": a place's, never the initials of a
            # body ("University of Sussex")
            # nor a body's common noun ("Police Commissioner"), no name of one
            if name in PARTIES or name in PORTFOLIOS | CHAMBERS | NATIONALITIES | ORG_NOUNS:
                continue
            if name in st.places or _persons_name(st, name):
                continue  # "Rubio's deputy campaign manager": the NER's organisation
            if any(w in st.nationalities for w in words[start : start + n]):
                continue  # "Latino" of "Clinton's Latino vote director"
            found = st.named("organisation", name, short=True, acronym=True)
            if found is not None:
                return found
    return None


def _subject_just_before(st: State, index: int, owner: Token) -> bool:
    """Was the entity a subject in the owner's sentence or the one before ("The LGA said ….
    Its spokesman said")? Only then is an unnamed "its spokesman" named by it."""
    sent = st.sent_of[owner.i]
    return any(
        m.entity == index and m.rank and m.token < owner.i and sent - 1 <= m.sent <= sent
        for m in st.mentions
    )


def weak_affiliations(st: State) -> None:
    """A person with no stated party gets the one party named in two sentences where
    that person is a subject, outside quotation marks and not describing someone else
    ("a Tory friend", "the Labour leader"), with no other party in them."""
    if not st.on("party-from-context"):
        return
    votes: dict[int, dict[int, str]] = {}
    for m in st.mentions:
        e = st.entities[m.entity]
        if e.kind != "person" or e.affiliations or not m.rank:
            continue
        parties = {
            norm_text(t.text): t.text
            for t in st.sents[m.sent]
            if norm_text(t.text) in PARTIES
            and not st.quoted[t.i]
            and t.i not in st.by_token
            and t.head.i not in st.by_token
            # "a Tory friend", "Republican frontrunner Trump": the party of someone else
            and t.head.lemma_.lower() not in HOLDER_NOUNS
            and not _surname(st, t)
        }
        if len(parties) == 1:
            votes.setdefault(m.entity, {})[m.sent] = next(iter(parties.values()))
    for index, by_sent in votes.items():
        named = {norm_text(p) for p in by_sent.values()}
        if len(by_sent) >= 2 and len(named) == 1:
            st.entities[index].add_affiliation(next(iter(by_sent.values())))
