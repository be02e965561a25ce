"""The resolution loop: takes the registered names; resolves every quote's
source and every narrative pronoun and description in text order, headlines last, and
records each quote's speaker entity (a sourceless quote: its cue's subject, else the
previous quote's speaker close before it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from saidwhat.article import Quote, SpeakerKind
from saidwhat.lexicon import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    INDIVIDUAL_NOUNS,
    INSTITUTIONS,
    KNOWN_ORGS,
    LEXICON_NOUNS,
    NOUN_GENDER,
    ORG_NOUNS,
    PARTIES,
    PERSON_NOUNS,
    RELATION_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from saidwhat.namegender import prior
from saidwhat.speakers.descriptions import (
    club_by_nickname,
    definite_descriptions,
    described_again,
    resolve_description,
)
from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.gender import HONORIFIC_VOTE
from saidwhat.speakers.names import (
    a_people,
    complete,
    match_person,
    party_in_headline,
    plural_name,
)
from saidwhat.speakers.pronouns import resolve_plural, resolve_pronoun
from saidwhat.speakers.syntax import (
    acronym,
    acronyms_of,
    after_the,
    aged,
    apposed,
    called_it,
    counted,
    first_and_surname,
    has_the,
    is_role,
    lemma_of,
    misparsed_head,
    named_as,
    names_a_thing,
    noun_phrase,
    opening_noun,
    opening_word,
    owns_nothing,
    plural_role,
    salience,
    strip_det,
    subject_called_it,
    two_word_nation,
    which_clause,
)
from saidwhat.speakers.titles import describe_name, link_mention, title_phrase
from saidwhat.speakers.words import (
    BODY_NOUNS,
    COMPANY_ROLES,
    CONTINUE_CHARS,
    DOC_NOUNS,
    FIRST,
    HEARSAY,
    NAME_LABELS,
    NAMED,
    NATIONALITY_NOUNS,
    NOT_NAME,
    ORG_LABELS,
    ORG_NAME_ENDS,
    ORG_ONLY_HEADS,
    PLURAL,
    QUANTIFIERS,
    RELATIVE,
    SQUAD_ROLES,
    SUBJECT_DEPS,
    THING_NOUNS,
    THIRD_SINGULAR,
    norm_text,
    word_key,
)


def resolve(st: State) -> None:
    """Resolve quote sources and narrative pronouns in text order, headlines last
    (a headline speaks of who the body goes on to name)."""
    headline_start = st.doc[st.headline_end].idx if st.headline_end < len(st.doc) else 0
    # (in the headline, offset, mention 0 / quote 1, token index or quote number)
    events: list[tuple[bool, int, int, int]] = []
    for n, q in enumerate(st.quotes):
        at = q.sources[0].start if q.sources else q.start
        events.append((at < headline_start, at, 1, n))
    for i in st.pronouns + definite_descriptions(st):
        events.append((i < st.headline_end, st.doc[i].idx, 0, i))
    events.sort()
    speaking = _speaking_pronouns(st)
    last: tuple[int, int, int] | None = None  # (start, end, entity) of the last quote
    for _, _, is_quote, n in events:
        if not is_quote:
            tok = st.doc[n]
            if tok.i in st.by_token:
                continue
            if tok.lower_ in THIRD_SINGULAR:
                said = speaking.get(tok.i)
                st.quoted_names = _named_in(st, said)[1] if said else set()
                resolve_pronoun(st, tok, speaks=said is not None)
                st.quoted_names = set()
            else:
                described_again(st, tok)
            continue
        quote = st.quotes[n]
        st.named_in_quote, st.quoted_names = _named_in(st, quote)
        entity = _quote_speaker(st, quote, last)
        st.named_in_quote = st.quoted_names = set()
        st.assign[id(quote)] = entity
        st.last_speaker = entity if entity is not None else st.last_speaker
        if entity is not None:
            last = (quote.start, max(s.end for s in quote.spans()), entity)


def _quote_speaker(st: State, quote: Quote, last: tuple[int, int, int] | None) -> int | None:
    if not quote.sources:
        verb = _cue_verb(st, quote)
        if st.on("named-not-namer") and _passive_naming(verb):
            return None  # "X was named best actress": by someone the quote does not say
        if st.on("passive-no-speaker") and _passive(verb) and verb.lemma_.lower() in HEARSAY:
            return None  # "players were said to be shocked": by no one the article names
        subject = _cue_subject(st, quote) if st.on("cue-subject") else None
        if subject is not None:  # "Trump …, telling them that …": the cue names its speaker
            st.source_tokens = {t.i for t in subject.subtree}
            index = _resolve_token(st, subject)
            if index is not None:
                return index
        # He added: "…" with no source of its own, or a paragraph that only continues
        # the quote before it (never one before it: headlines are resolved last).
        if not st.on("continue-previous"):
            return None
        if last is not None and last[0] <= quote.start <= last[1] + CONTINUE_CHARS:
            return last[2]
        return None
    root = _source_root(st, quote)
    if root is None or (st.on("named-not-namer") and _named_not_namer(st, quote, root)):
        return None
    named = root.i in st.by_token  # a name, however the tagger read it ("DeBoer" AUX)
    if root.pos_ in ("VERB", "AUX") and not named:  # a source on the verb: its subject
        root = next((t for t in root.children if t.dep_ in SUBJECT_DEPS), None)
        if root is None:
            return None
    if root.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART") and not named:
        return None  # a source span that holds no noun phrase: no speaker to name
    index = _resolve_token(st, root)
    if index is None:
        words = noun_phrase(root) or [root]
        text = strip_det(st.text[words[0].idx : words[-1].idx + len(words[-1])])
        head = root.lemma_.lower()
        thing = st.on("inanimate-no-speaker") and names_a_thing(root, head)
        some = root.lower_ in QUANTIFIERS and len(words) == 1 and st.on("quantifier-is-group")
        kind: SpeakerKind = "group" if some else "unknown"  # "Some said"
        index = st.new(Entity(kind, text, root.i, [norm_text(text)], head=head, thing=thing))
        st.mention(index, words[0].i, words[-1].i + 1, root)
    return index


def _speaking_pronouns(st: State) -> dict[int, Quote]:
    """The he/she tokens that are the first source of a quote, with the quote."""
    out = {}
    for q in st.quotes:
        span = st.doc.char_span(q.sources[0].start, q.sources[0].end) if q.sources else None
        if span is not None and len(span) == 1 and span[0].lower_ in THIRD_SINGULAR:
            out[span[0].i] = q
    return out


def _named_in(st: State, quote: Quote) -> tuple[set[int], set[int]]:
    """The entities a quote's content names ("… a risk of Shrubsall …"): people it speaks of,
    not its speaker, who would say "I"; and of those, the ones named inside quotation marks,
    where the speaker's own words are (a reporter's "He notes that … Trump's microphone" may
    name the speaker)."""
    named: set[int] = set()
    marked: set[int] = set()
    for content in quote.contents:
        span = st.doc.char_span(content.start, content.end, alignment_mode="expand")
        for t in span if span is not None else ():
            if t.pos_ == "PROPN" and t.i in st.by_token:
                named.add(id(st.entities[st.by_token[t.i]]))
                if st.quoted[t.i]:
                    marked.add(id(st.entities[st.by_token[t.i]]))
    return named, marked


def _named_not_namer(st: State, quote: Quote, root: Token) -> bool:
    """Is the source what a passive cue names, not who spoke ("Vera Drake was named best
    film", "she was elected leader")? Only a "by" phrase names the speaker of such a cue."""
    return _passive_naming(_cue_verb(st, quote)) and not (
        root.head.dep_ == "agent" or root.head.lower_ == "by"
    )


def _passive_naming(verb: Token | None) -> bool:
    """Is the cue a naming verb in the passive ("was named", "was elected")?"""
    return _passive(verb) and verb.lemma_.lower() in NAMED


def _passive(verb: Token | None) -> TypeGuard[Token]:
    """Is the cue a verb in the passive ("were said to be", "it is understood")?"""
    return (
        verb is not None and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)
    )


def _cue_verb(st: State, quote: Quote) -> Token | None:
    """The head word of the quote's cue (None: no cue)."""
    if quote.cue is None:
        return None
    span = st.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span.root if span is not None else None


def _cue_subject(st: State, quote: Quote) -> Token | None:
    """Who a sourceless quote's cue verb says spoke: its subject, or for a participle or
    a conjoined verb ("Trump spoke to …, promising to …") the subject of the verb it
    hangs on; never an expletive ("It was revealed"), nor words inside quotation marks or
    inside what a quote reports ("X says [Y accepted …] — asserting …" is X's)."""
    verb = _cue_verb(st, quote)
    verb = verb if verb is not None and verb.pos_ == "VERB" else None
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
        subject.i in st.by_token
        or subject.ent_type_ in NAME_LABELS
        # a name the NER missed: "Local MSP Fergus Ewing welcomed the news, saying …"
        or (not subject.ent_type_ and first_and_surname(subject))
        or (subject.pos_ == "PRON" and subject.lower_ not in ("it", "this", "that", "what"))
        or lemma_of(subject) in LEXICON_NOUNS
    )  # not "talk", "suspicions", "the statements"
    if not speaker_like or st.quoted[subject.i] or st.reported(subject.idx):
        return None
    return subject


def _in_relative_clause(tok: Token, inside: set[int]) -> bool:
    """Is this word inside a relative clause on "whose" of the source's phrase ("The firm,
    whose former boss Mikhail Volkonsky is in jail, said"): someone the source owns, not the
    source? Also where the parser hangs the clause's noun on the source as an apposition
    ("Dorothy Woods, whose husband, Navy SEAL Ty Woods,"). Not a name the parser hung on
    another clause ("The editor I was talking to, Tim Grieve,")."""
    while tok.head.i in inside and tok.head.i != tok.i:
        if tok.dep_ == "relcl" and any(t.tag_ == "WP$" for t in tok.subtree):
            return True
        tok = tok.head
        if any(c.tag_ == "WP$" for c in tok.children):
            return True
    return False


def _source_root(st: State, quote: Quote) -> Token | None:
    """The head of the quote's source mention: of several, the cue verb's subject ("McNeely
    was afraid … But he told her, …" is his), else the first (a conjunct: its first),
    passing over an "I" or "we" when a later source names someone (a pull quote's
    signature)."""
    named = [s for s in quote.sources if s.text.lower() not in FIRST]
    sources = named if named and st.on("signed-pull-quote") else quote.sources
    subject = _cue_nsubj(st, quote) if len(sources) > 1 and st.on("source-is-subject") else None
    source = next(
        (s for s in sources if subject is not None and s.start <= subject.idx < s.end), sources[0]
    )
    span = st.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    tokens = [t for t in span if not (t.is_punct or t.is_space or t.tag_ == "POS")]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    st.source_tokens = inside
    people = [
        t
        for t in tokens
        if t.i in st.by_token
        and st.entities[st.by_token[t.i]].kind == "person"
        and st.by_token.get(t.head.i) != st.by_token[t.i]
        and t.dep_ != "poss"
        and not _in_relative_clause(t, inside)
    ]
    # "Robby Mook" in "Hillary Clinton's campaign manager Robby Mook"; "Mark MacDougall"
    # in "An attorney for Pagliano, Mark MacDougall"; "Chuck Jordan" in "Tulsa police
    # Chief Chuck Jordan".
    given = st.on("named-description")
    named = [t for t in people if t in heads] or [
        t
        for t in people
        if apposed(t)
        or (t.dep_ == "conj" and t.head.pos_ == "NOUN" and t.head in heads)
        or (given and named_as(t) in heads)  # "A spokeswoman named Jo Ng"
    ]
    if not named and st.on("person-in-misparsed-source"):
        # "Falcons director of rugby Rob Andrew", parsed as a director of the man
        named = [t for t in people if t.i == tokens[-1].i and _role_of_a_field(t, heads)]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    if not nouns and tokens[-1].lower_ == "old" and aged(tokens):
        nouns = [tokens[-1]]  # "the 42-year-old told reporters", parsed as one noun phrase
    if given and not named and len(nouns) > 1:
        # "The border agency Frontex said", "Video games publisher Eidos has confirmed",
        # parsed as two subjects: a role or organisation noun right before a name is that
        # name's description
        named = [t for t in nouns[1:] if t.i in st.by_token and _described_name(st, t, inside)]
    if not named and not nouns and people and st.on("person-in-misparsed-source"):
        # A source span is a noun phrase: a role noun read as its verb ("advocate") is the
        # parser's mistake. When the span ends in a person's name, the roles are theirs.
        last = st.by_token.get(tokens[-1].i)
        if {st.by_token[t.i] for t in people} == {last} and any(is_role(t) for t in heads):
            named = people
    if not named and st.on("unnamed-individual") and (last := misparsed_head(list(span))):
        nouns = [last]  # "A Department for Work and Pensions spokesman"
    if (
        not named
        and len(nouns) > 1
        and [t.i for t in nouns] == [t.i for t in tokens]
        and all(t.pos_ == "NOUN" for t in nouns)
        and lemma_of(nouns[-1]) in PERSON_NOUNS
        and st.on("unnamed-individual")
    ):
        nouns = [nouns[-1]]  # a headline's "Police chief attacks …", parsed as two heads
    root = (named or nouns or heads or tokens)[0]
    owned = [t for t in tokens if t.i > root.i and t.pos_ in ("NOUN", "PROPN")]
    possessive = [t for t in span if t.tag_ == "POS" and t.head.i == root.i]
    # a misparse made the possessor the head: "the candidate's doctor"; not a shop's "'s"
    # that owns nothing ("Rival Sainsbury's, which is trying to win back customers,")
    if not named and owned and possessive and not owns_nothing(possessive[0]):
        return owned[-1]
    return root


def _role_of_a_field(name: Token, heads: list[Token]) -> bool:
    """Is this name the object of "of" after a source's role, a common noun of a field
    before it ("director of rugby Rob Andrew", "head of news Jo Ng"): the role's holder,
    whom the parser took for the field's?"""
    of = name.head
    return (
        name.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head in heads
        and is_role(of.head)
        and any(c.dep_ == "compound" and c.is_lower for c in name.lefts)
    )


def _described_name(st: State, name: Token, inside: set[int]) -> bool:
    """Does a role's or an organisation's noun of the source stand right before the name
    this word ends ("agency" of "The border agency Frontex", "group" of "Campaign group
    the Electronic Frontier Foundation")?"""
    first = name.i
    while (
        first - 1 in inside
        and (st.doc[first - 1].pos_ == "PROPN" or st.doc[first - 1].lower_ == "the")
    ) or (st.doc[first - 1].text == "-" and first - 2 in inside):
        first -= 1  # "Chart-Track" whole, its hyphen no word of the source
    noun = st.doc[first - 1] if first - 1 in inside else None
    return noun is not None and noun.pos_ == "NOUN" and lemma_of(noun) in LEXICON_NOUNS


def _opens_body_name(st: State, root: Token) -> bool:
    """Is this person's noun, capitalised, the head of an organisation's name, singular
    ("The Health and Safety Executive said") or with more after it ("Environmental group
    Friends of the Earth said")? Not a plural ending one ("Senate Republicans", a set)."""
    index = st.by_token[root.i]
    return (
        root.text[:1].isupper()
        and st.entities[index].kind == "organisation"
        and (st.by_token.get(root.i + 1) == index or root.tag_ not in ("NNS", "NNPS"))
    )


def _party_by_members(st: State, root: Token) -> bool:
    """Is this person noun a party named by its members ("the Democrats"), the party's
    organisation (`party-by-members`)?"""
    return (
        st.on("party-by-members")
        and st.entities[st.by_token[root.i]].kind == "organisation"
        and root.text[:1].isupper()
        and norm_text(root.text) in PARTIES
    )


def _cue_nsubj(st: State, quote: Quote) -> Token | None:
    """The subject of the quote's cue verb, if it has one ("But he told her, …")."""
    verb = _cue_verb(st, quote)
    return next((t for t in verb.lefts if t.dep_ == "nsubj"), None) if verb is not None else None


def _main_subjects(st: State, tok: Token) -> Iterator[Token]:
    """The subjects of main clauses before `tok`, nearest first, in its sentence or the one
    before and outside quotation marks: not a subject of reported words ("girls thought
    [that nice girls don't]")."""
    sent = st.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        if sent - st.sent_of[i] > 1:
            return
        t = st.doc[i]
        if t.dep_ in SUBJECT_DEPS and salience(t) == 2 and not st.quoted[i]:
            yield t


def _plural_subject(st: State, tok: Token) -> Token | None:
    """The nearest main-clause subject before `tok` that is a plural of people or
    organisations ("European Union finance ministers are meeting …, where they are to
    discuss"): what a "they" no entity fits is."""
    return next((t for t in _main_subjects(st, tok) if plural_role(t)), None)


def _couple(st: State, root: Token) -> int | None:
    """ "Mr and Mrs Evans": an honorific alone, joined to a name, is the two of them, a group
    named by both (`couple`); not a person "Mr"."""
    if word_key(root) not in HONORIFICS or not st.on("couple"):
        return None
    name = next((c for c in root.conjuncts if c.i > root.i and c.i in st.by_token), None)
    if name is None or st.entities[st.by_token[name.i]].kind != "person":
        return None
    text = st.text[root.idx : name.idx + len(name)]
    index = st.named("group", norm_text(text))
    if index is None:
        index = st.new(Entity("group", text, root.i, [norm_text(text)], head="couple"))
    st.mention(index, root.i, name.i + 1, root)
    return index


def _thing_subject(st: State, tok: Token) -> Token | None:
    """The subject of the last main clause before this "it" (`_main_subjects`), where it is
    a document or a thing ("The report also provided details … It said"): what the "it" is
    (`it-is-the-thing`)."""
    if not st.on("it-is-the-thing"):
        return None
    t = next(_main_subjects(st, tok), None)
    if t is None or t.pos_ != "NOUN":
        return None
    lemma = lemma_of(t)
    return t if lemma in DOC_NOUNS | THING_NOUNS or names_a_thing(t, lemma) else None


def _resolve_token(st: State, root: Token) -> int | None:
    low = root.lower_
    pronoun = root.pos_ == "PRON" and root.i not in st.by_token  # not "Brind'Amour"
    initials = _pronoun_initials(st, root)  # "WHO say"
    if (pronoun or low in RELATIVE | FIRST | PLURAL | THIRD_SINGULAR) and not initials:
        if low in RELATIVE:
            verb = root.head
            if (
                not st.on("relative-pronoun")
                or verb.dep_ not in ("relcl", "acl")
                or verb.head.i == verb.i
            ):
                return None
            antecedent = verb.head
            if (  # "the nominee for president, who": the nominee
                antecedent.dep_ == "pobj"
                and antecedent.head.head.pos_ in ("NOUN", "PROPN")
                and antecedent.head.lower_ in ("for", "of")
                and lemma_of(antecedent.head.head) in PERSON_NOUNS
            ):
                antecedent = antecedent.head.head
            return _resolve_token(st, antecedent)
        if low in FIRST:  # the writer, or someone the article does not name
            return None
        if low in THIRD_SINGULAR:
            return resolve_pronoun(st, root, source=True)
        if low == "it" and (thing := _thing_subject(st, root)) is not None:
            return _resolve_token(st, thing)
        if low in PLURAL or low == "it":
            index = resolve_plural(st, root, organisation_only=low == "it")
            if index is None and low in PLURAL and st.on("plural-description"):
                antecedent = _plural_subject(st, root)
                index = _resolve_token(st, antecedent) if antecedent is not None else None
                if index is not None:
                    st.mention(index, root.i, root.i + 1, root)
            return index
        return None
    if (party := party_in_headline(st, root)) is not None:
        st.mention(party, root.i, root.i + 1, root)
        return party
    if (club := club_by_nickname(st, root)) is not None:
        st.mention(club, root.i, root.i + 1, root)
        return club
    apposition = st.on("apposition")
    if (
        apposition
        and root.dep_ == "appos"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children)
    ):  # "Future45, a super PAC that …": Future45, even where the NER took "PAC" for a name
        head = root.head
        index = st.by_token.get(head.i)
        if (
            index is None
            and head.pos_ == "PROPN"
            and head.ent_type_ in NAME_LABELS
            and (head.ent_type_ == "PERSON" or lemma_of(root) not in PERSON_NOUNS)
        ):  # but not "the town hall in Ho Chi Minh City, a young woman who …"
            st.source_tokens = {head.i}
            index = _proper(st, head)
        if index is not None:
            return link_mention(st, index, noun_phrase(root), root)
    if root.i in st.by_token and (
        st.entities[st.by_token[root.i]].kind == "person"
        or lemma_of(root) not in PERSON_NOUNS
        or _party_by_members(st, root)
        or _opens_body_name(st, root)
    ):
        index = st.by_token[root.i]
        described = named_as(root) if st.on("named-description") else None
        if described is not None and st.entities[index].kind == "person":
            title_phrase(st, st.entities[index], described)  # "a spokeswoman named Jo Ng"
            if (said := NOUN_GENDER.get(lemma_of(described))) is not None:
                st.entities[index].vote(said, HONORIFIC_VOTE)
        return index
    lemma = lemma_of(root)
    person = lemma in PERSON_NOUNS or lemma in INDIVIDUAL_NOUNS
    for child in root.children if apposition else ():  # "An attorney for Pagliano, X"
        index = st.by_token.get(child.i) if apposed(child) else None
        if (
            index is None
            and apposed(child)
            and not person
            and lemma in ORG_NOUNS
            and _capitalised_name(child)
        ):
            name = norm_text(child.text)
            index = st.named("organisation", name, acronym=True)
            if index is None:  # one word, so the NER missed it
                index = st.new(Entity("organisation", child.text, child.i, [name]))
        if (
            index is None
            and apposed(child)
            and (_honoured(child) or (person and _first_named(child)))
        ):
            # "The judge, Mr Justice Eady,", "One victim, 81-year-old Edna Price,": a name
            # the NER missed, made sure by its "Mr", or by its first name beside a person's
            # noun (not a headline's "Judicial Watch: … Key Clinton Benghazi Email")
            st.source_tokens = {t.i for t in child.subtree}
            index = _proper(st, child)
        if (
            index is not None
            and person
            # "The newspaper's publisher, Trinity Mirror," is the firm, "The show's producer,
            # Endemol," too; "The Brits' organisers, the BPI," the body
            and lemma not in ORG_NOUNS | COMPANY_ROLES
            and root.tag_ == "NN"
            and st.entities[index].kind == "organisation"
        ):
            continue  # "A spokesman for the venue, the SECC,": the venue's name, no person's
        if index is not None:
            if st.entities[index].kind == "person":
                title_phrase(st, st.entities[index], root)
            phrase = noun_phrase(root)
            st.mention(index, phrase[0].i, phrase[-1].i + 1, root)
            return index
    if apposition and root.dep_ == "appos" and root.head.i in st.by_token:  # "Future45, a PAC"
        return link_mention(st, st.by_token[root.head.i], noun_phrase(root), root)
    if (couple := _couple(st, root)) is not None:
        return couple
    role = (
        # "the England international", but not "Transparency International", a name
        (lemma in PERSON_NOUNS and not (lemma in SQUAD_ROLES and not root.is_lower))
        or lemma in ORG_NOUNS
        or not st.on("unregistered-name")
        # "the Scot said": a person just named, as "the Portuguese" is, whatever the NER
        or (
            has_the(root)
            and (root.lower_ in NATIONALITY_NOUNS or two_word_nation(root))
            and st.on("nationality-epithet")
        )
    )
    named = root.pos_ == "PROPN" or root.ent_type_ in NAME_LABELS or initials
    if (named or _named_body(st, root)) and not role:
        return _proper(st, root)
    if root.text[:1].isupper() and not role:  # a headline's "Trump" tagged as a noun
        index = match_person(st, [norm_text(root.text)], None, False)
        if index is not None:
            st.mention(index, root.i, root.i + 1, root)
            return index
    return resolve_description(st, root)


def _honoured(tok: Token) -> bool:
    """A proper noun with an honorific before it ("Mr Justice Eady")."""
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "compound" and word_key(c) in HONORIFICS for c in tok.lefts
    )


def _capitalised_name(tok: Token) -> bool:
    """A proper noun with capitals inside ("RegTP", "BAA"): a name, no word that opens a
    sentence; beside an organisation's noun ("The German telecoms regulator, RegTP,"), the
    organisation's, though the NER missed it."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and any(c.isupper() for c in tok.text[1:])


def _first_named(tok: Token) -> bool:
    """A proper noun after a first name of the name prior ("Edna Price")."""
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and norm_text(c.text) in prior()
        for c in tok.lefts
    )


# Roles' nouns that may open a sentence before a company's name ("Promoter SJM Concerts"); not
# title words, which open companies' names ("General Electric Company")
_OPENING_ROLES = ROLE_NOUNS - TITLE_WORDS


def _named_body(st: State, root: Token) -> bool:
    """A capitalised word the tagger took for a common noun, beside an organisation's noun:
    "Liberty, the civil rights group," is a name."""
    return (
        root.text[:1].isupper()
        and root.tag_ in ("NN", "NNP")  # not "Thousands of Oromos, a minority group,"
        and st.on("apposition")
        and any(apposed(c) and lemma_of(c) in BODY_NOUNS for c in root.children)
    )


def _proper(st: State, root: Token) -> int | None:
    """A name the NER missed or labelled oddly: a person's name, else an organisation."""
    words = [root]
    for step in (-1, 1):  # the run of proper nouns around the head
        i = root.i + step
        while i in st.source_tokens and st.doc[i].pos_ == "PROPN":
            if step < 0:
                words.insert(0, st.doc[i])
            else:
                words.append(st.doc[i])
            i += step
    opening = (
        len(words) > 1
        and opening_noun(words[0])
        and st.on("opening-noun-apart")
        # not "Network Rail said" where the article prints "Network Rail" as a name
        and norm_text(" ".join(t.text for t in words)) not in {norm_text(e.text) for e in st.ents}
    )
    if opening:
        words = words[1:]  # "Retailer Game said": the shop Game
    elif st.on("opening-noun-apart") and (
        (len(words) > 1 and opening_word(words[0], RELATION_NOUNS))  # "Rival Creative said"
        # "Promoter SJM Concerts said": the company, not its trade
        or (
            len(words) > 2
            and word_key(words[-1]) in ORG_NAME_ENDS
            and opening_word(words[0], _OPENING_ROLES)
        )
    ):
        words = words[1:]
    run = TokenSpan(st.doc, words[0].i, words[-1].i + 1, label="PERSON")  # "Det Insp Jo Ng"
    if not (len(words) > 1 and word_key(words[-1]) in ORG_NAME_ENDS):  # "Premier Foods"
        # a title, with what comes before it, is no part of the name: "Irish Taoiseach Bertie
        # Ahern", "Local MSP Fergus Ewing"
        last = max((n for n, t in enumerate(words[:-1]) if word_key(t) in NOT_NAME), default=-1)
        words = [t for t in words[last + 1 :] if word_key(t) not in NOT_NAME] or [root]
    names = [norm_text(t.text) for t in words]
    hon = next(
        (
            GENDERED_HONORIFICS[word_key(t)]
            for t in root.lefts
            if word_key(t) in GENDERED_HONORIFICS
        ),
        None,
    )
    norm = norm_text(" ".join(names))
    index = match_person(st, names, hon, allow_fuller=False)
    if index is None:
        index = st.named("organisation", norm, acronym=True)
    first = words[0].i
    while first > 0 and st.doc[first - 1].dep_ == "compound" and st.doc[first - 1].pos_ == "PROPN":
        first -= 1  # "the Daily Beast, which …", a relative's antecedent read from its head
    if index is None and first < words[0].i:
        index = st.named("organisation", norm_text(st.doc[first : words[-1].i + 1].text))
    # "Redline denied" after "Redline Records"; not "Chinese" of "Chinese Air Force"
    short = len(names) == 1 and root.ent_type_ != "NORP" and st.on("company-short-name")
    if index is None and short:
        longer = (
            i
            for i, e in enumerate(st.entities)
            if e.kind == "organisation" and len(e.tokens) > 1 and e.tokens[0] == norm
        )
        index = next(longer, None)
    if index is not None:
        return _mentioned(st, index, words, root)
    # "RT said"; a party the NER missed or took for a person ("Plaid Cymru said", "Labour
    # said"), where no one the article names has it as surname (tried above)
    known = (norm in KNOWN_ORGS or norm in PARTIES) and st.on("known-organisation")
    if norm in INSTITUTIONS or known:
        text = st.text[words[0].idx : words[-1].idx + len(words[-1])]
        head = "place" if norm in INSTITUTIONS else ""
        organisation = Entity("organisation", text, words[0].i, names, head=head)
        return _mentioned(st, st.new(organisation), words, root)
    people = root.ent_type_ == "ORG" and len(words) == 1 and a_people(st, root)  # "Thais"
    if (
        (root.ent_type_ in ORG_LABELS and not people)
        or root.lemma_.lower() in ORG_NOUNS
        or (  # "Polls in Ohio show": a capitalised common noun the parser took for a name
            len(words) == 1
            and lemma_of(root) in DOC_NOUNS | THING_NOUNS
            and st.on("not-a-person-name")
        )
    ):
        return resolve_description(st, root)
    proper = root.pos_ == "PROPN" or _pronoun_initials(st, root) or _named_body(st, root)
    if not (proper and all(t.text[:1].isupper() for t in words)):
        return None
    text = st.text[words[0].idx : words[-1].idx + len(words[-1])]
    checked = st.on("not-a-person-name")
    if checked and _not_a_name(st, root):
        return None
    if st.on("acronym-is-organisation") and (initials := _initials_after(st, words, text)):
        index = st.named("organisation", initials)  # "NRW", which the NER found alone
        if index is None:
            index = st.new(Entity("organisation", text, words[0].i, names))
        else:
            st.entities[index].name = text
        return _mentioned(st, index, words, root)
    lone = (  # "the IAAF said"; not a transcript's "TAPPER:", a name in capitals
        len(words) == 1
        and len(root) > 2
        and not (root.i + 1 < len(st.doc) and st.doc[root.i + 1].text == ":")
        and st.on("lone-acronym")
    )
    org_word = len(words) > 1 and (  # "Riverton News", "Network Rail"
        word_key(words[-1]) in ORG_NAME_ENDS or word_key(words[0]) in ORG_ONLY_HEADS
    )
    body = (
        (org_word and st.on("org-word-in-name"))
        or (st.on("after-the") and after_the(words))  # "the Sydney Morning Herald"
        # "Ash, the anti-smoking group,": a name beside an organisation's noun, or after
        # one run into it ("Games retailer Gamestation")
        or (
            st.on("apposition")
            and any(apposed(c) and lemma_of(c) in BODY_NOUNS for c in root.children)
        )
        or (
            st.on("classified-name")
            and any(
                c.dep_ == "compound" and c.i == words[0].i - 1 and lemma_of(c) in BODY_NOUNS
                for c in root.children
            )
        )
        # "Republic, which campaigns for …, said": English says "who" of a person
        or (
            st.on("classified-name")
            and which_clause(TokenSpan(st.doc, words[0].i, words[-1].i + 1))
        )
        # "Abta said …. Its spokesman said": one word that is no first name, which the
        # article calls "it" and names no one by in full, is no person
        or (
            len(words) == 1
            and norm not in prior()
            and st.on("called-it")
            and subject_called_it(root, st.on("called-they"))
        )
        # "Barclays said it would …": a plural name the article calls "it"
        or (
            len(words) == 1
            and root.tag_ == "NNPS"
            and st.on("plural-name-alone")
            and called_it(root)
        )
    )
    # "Rival Sainsbury's, which is …, reports": a shop's "'s" that owns nothing, the NER's miss
    after = st.doc[words[-1].i + 1] if words[-1].i + 1 < len(st.doc) else None
    shop = after is not None and owns_nothing(after) and st.on("whole-name")
    body = body or opening or shop
    if (checked and acronym(words[-1]) and (lone or not all(map(acronym, words)))) or body:
        # "Burnaby RCMP"; a title word is part of an organisation's name ("the Daily Beast")
        whole = [t for t in run if t.text[:1].isupper()] if body else words
        last = after if shop and after is not None else whole[-1]
        text = st.text[whole[0].idx : last.idx + len(last)]
        names = [norm_text(t.text) for t in whole]
        organisation = Entity("organisation", text, whole[0].i, names)
        return _mentioned(st, st.new(organisation), whole, root)
    lone = len(words) == 1 and plural_name(st, root)  # "Latinos say", "the Khans said"
    if st.on("plural-name-is-group") and (counted(root) or lone):  # "Many Latinos said"
        group = Entity("group", text, words[0].i, names, head=root.lower_)
        return _mentioned(st, st.new(group), words, root)
    person = Entity("person", text, words[0].i, names, head="person")
    if hon is not None:
        person.vote(hon, HONORIFIC_VOTE)  # "Mr Justice Eady", a name the NER missed
    index = _mentioned(st, st.new(person), words, root)
    complete(st, index)
    titles = [t for t in run if t.i < words[0].i]
    if titles and all(word_key(t) in TITLE_WORDS for t in titles) and st.on("role-in-name"):
        describe_name(st, index, run, words)  # "Det Insp" of "Det Insp Jo Ng", as NER names
    return index


def _pronoun_initials(st: State, tok: Token) -> bool:
    """Three capitals or more that read as a pronoun ("WHO say"): initials, no relative
    "who" (`lone-acronym`)."""
    return (
        (tok.pos_ == "PRON" or tok.lower_ in RELATIVE | FIRST | PLURAL | THIRD_SINGULAR)
        and len(tok.text) > 2
        and tok.text.isupper()
        and st.on("lone-acronym")
    )


def _mentioned(st: State, index: int, words: list[Token], root: Token) -> int:
    """The entity, mentioned where these words name it."""
    st.mention(index, words[0].i, words[-1].i + 1, root)
    return index


def _initials_after(st: State, words: list[Token], text: str) -> str | None:
    """The initials in brackets right after a name, where they are its words' ("Natural
    Resources Wales (NRW)"): only an organisation is named so."""
    after = st.doc[words[-1].i + 1 : words[-1].i + 4]
    if len(after) < 3 or after[0].text != "(" or after[2].text != ")":
        return None
    initials = after[1].lower_
    if after[1].is_upper and initials in acronyms_of(text):
        return initials
    # "The Association for Payment Clearing Services (Apacs)" (`bracketed-short-name`)
    return initials if st.short_names.get(initials) == norm_text(strip_det(text)) else None


def _not_a_name(st: State, root: Token) -> bool:
    """A proper noun that names no one new: in a teaser line or credit (another story's),
    after "a" or right before a number ("a Model 3" shows off: a product; "Jo Ng, 45," has
    an age)."""
    return (
        st.in_aside(root)
        or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.lefts)
        or any(c.i == root.i + 1 and c.like_num for c in root.rights)
    )
