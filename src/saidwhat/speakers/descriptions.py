"""Descriptions: takes a common-noun source ("the senator", "a spokesman for the
campaign", "the IMF report"); gives the entity it stands for (the same phrase before, a
person holding that role, the organisation by its word, the one named later in that role,
the issuer of a document, a lead's forward reference, the nearest fitting entity) or a new
unnamed one."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator

from spacy.tokens import Token

from saidwhat.article import SpeakerKind
from saidwhat.lexicon import (
    CLUB_NICKNAMES,
    INANIMATE_NOUNS,
    KNOWN_ORGS,
    LEXICON_NOUNS,
    NATIONALITIES,
    NON_ROLE_NOUNS,
    NOUN_GENDER,
    ORG_NOUNS,
    PARTIES,
    PERSON_NOUNS,
    PUBLIC_BODIES,
    RELATION_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from saidwhat.namegender import prior
from saidwhat.speakers.entities import Entity, Mention, State
from saidwhat.speakers.gender import HONORIFIC_VOTE
from saidwhat.speakers.names import common_plural, match_person
from saidwhat.speakers.pronouns import nearest_entity
from saidwhat.speakers.syntax import (
    aged,
    content_words,
    has_the,
    hyphened_noun,
    issued_by,
    lemma_of,
    misparsed_head,
    names_a_thing,
    noun_phrase,
    owners_of,
    plural_noun,
    plural_role,
    pronoun_calling,
    qualifiers_of,
    strip_det,
    two_word_nation,
    what_it_runs,
)
from saidwhat.speakers.titles import affiliations_in, link_mention
from saidwhat.speakers.words import (
    ACHIEVEMENTS,
    AGE,
    AGE_AFTER,
    AGE_AND_SEX,
    BAND_SIZES,
    BRITISH,
    CLUB_ENDINGS,
    COMMERCIAL,
    COUNTING_NOUNS,
    DEMONSTRATIVES,
    DEPUTIES,
    DETERMINERS,
    DOC_NOUNS,
    EPITHET_ORGS,
    FAME_NOUNS,
    GENERIC_TITLES,
    HEAD_GENDER,
    HEAD_ROLES,
    LOOKBACK_SENTS,
    MALE,
    MEMBERS,
    MEMBERS_BODIES,
    NAMED_BODIES,
    NATIONALITY_NOUNS,
    NATIONALITY_OF,
    NO_ANAPHOR,
    NOT_OWNER_LABELS,
    OBJECT_DEPS,
    OFFICES,
    ORG_ALIASES,
    OUTLET_PIECES,
    PEOPLE_SETS,
    PLACE_LABELS,
    PLAYERS,
    POINTERS,
    PUBLIC,
    QUANTIFIERS,
    SEATED,
    SQUAD_ROLES,
    SUBJECT_DEPS,
    THIRD_SINGULAR,
    TITLE_ROLES,
    TRADE_EPITHETS,
    WRITER_NOUNS,
    norm_text,
    pronoun_gender,
    word_key,
)

# Person nouns that are no occupation: one who holds a role may still be someone's friend;
# and a team's captain plays in a position too ("England captain Jason Robinson" … "The
# full-back said")
NOT_OCCUPATIONS = RELATION_NOUNS | NON_ROLE_NOUNS | SQUAD_ROLES


def definite_descriptions(st: State) -> list[int]:
    """Heads of definite person descriptions outside quotation marks ("the woman's")."""
    return [
        t.i
        for t in st.doc
        if t.pos_ == "NOUN"
        and not st.quoted[t.i]
        and lemma_of(t) in PERSON_NOUNS
        and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in t.children)
    ]


def described_again(st: State, tok: Token) -> None:
    """A description a source has used, again outside a source ("The woman's enthusiasm
    …: “…,” she said"): a mention of whoever it was, for the pronouns after it."""
    if not st.on("described-again"):
        return
    phrase = noun_phrase(tok)
    text = strip_det(st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])])
    said = [i for t, i in st.phrases.get(norm_text(text), []) if t < tok.i]
    if said:
        st.mention(said[-1], phrase[0].i, phrase[-1].i + 1, tok)


def _whole_source(st: State, root: Token) -> list[Token]:
    """The source mention as one noun phrase when it ends in `root`, the head the parser
    missed (`misparsed_head`)."""
    if not st.source_tokens or root.i != max(st.source_tokens):
        return []
    span = list(st.doc[min(st.source_tokens) : root.i + 1])
    head = misparsed_head(span)
    return span if head is not None and head.i == root.i else []


_ONE = ("NN", "NNP")  # the tags of a singular noun: "One MP", "one fan"


def resolve_description(st: State, root: Token) -> int | None:
    """A common-noun source: an organisation, a group, or a person by role."""
    source = _whole_source(st, root)
    phrase = source or noun_phrase(root)
    if not phrase:
        return None
    text = st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]
    named = _named_organisation(st, phrase)
    if named is None and st.on("classified-name"):
        named = _classified_organisation(st, root)
    if named is not None:  # "Zentrix urged …", the tagger reading the name as a noun
        return link_mention(st, named, phrase, root)
    det = phrase[0].lower_ if phrase[0].lower_ in DETERMINERS else ""
    before = st.doc[phrase[0].i - 1] if phrase[0].i > 0 else None
    if (
        not det
        and before is not None
        and before.dep_ == "det"
        and root.dep_ in ("compound", "amod")
    ):
        # "the post read", parsed as the noun "post read" with its "the"; "the 42-year-old
        # told reporters", as a noun phrase
        det = before.lower_
    possessor = next((t for t in root.lefts if t.dep_ == "poss"), None)
    if possessor is not None:
        det = "'s"  # "his advisers", "Obama's former campaign strategist"
    elif not det and phrase[0].lower_ == "one" and phrase[0].head == root and root.tag_ in _ONE:
        det = "a"  # "One MP told the BBC": one of many, as "an MP" is, none named
    lemma = lemma_of(root)
    if lemma == "old" and aged(phrase):
        lemma = "year-old"  # "the 45-year-old"
    if lemma == "piece" and any(c.like_num for c in root.lefts):
        lemma = "band"  # "the four-piece"
    if (hyphened := hyphened_noun(root)) in PERSON_NOUNS:
        lemma = hyphened  # "the full-back", which the tokenizer splits
    if lemma == "number" and any(c.like_num and c.i == root.i + 1 for c in root.children):
        lemma = "number-one"  # "the British number one", a ranked player
    # "Many said", "Some said": a set of people, a new one each time it is said
    alone = root.lower_ in QUANTIFIERS and len(phrase) == 1 and st.on("quantifier-is-group")
    plural = (
        alone
        or root.tag_ in ("NNS", "NNPS")
        or "Plur" in root.morph.get("Number")
        or (root.pos_ == "PROPN" and lemma != root.lower_)  # "Black Lawmakers"
    )
    counting = lemma in COUNTING_NOUNS and st.on("sets-are-groups")
    of_people = lemma in INANIMATE_NOUNS and st.on("inanimate-no-speaker")  # "a slew of"
    if (counting or of_people) and (members := _set_of_people(root)):
        lemma, plural = lemma_of(members), True  # "a number of members": members, no document
    elif (
        counting
        and lemma in BAND_SIZES
        and (members := next((p for p in _of(root) if p.tag_ in ("NNS", "NNPS")), None))
    ):
        lemma, plural = lemma_of(members), True  # "a trio of PACs": a set of whatever they are
    elif root.lower_ == "one" and st.on("one-of-people") and (members := _set_of_people(root)):
        lemma = lemma_of(members)  # "One of Britain's most senior police officers": one officer
    elif root.lower_ == "one" and st.on("one-of-people") and (members := _people_before(st, root)):
        lemma = lemma_of(members)  # "Fans reacted angrily. One wrote: …": one fan
    elif lemma in ORG_NOUNS and st.on("inanimate-no-speaker") and (stuff := _of_things(root)):
        lemma = lemma_of(stuff)  # "a large body of work": work, no organisation
    in_lead = root.i < st.lead_end
    definite = det in DEMONSTRATIVES or det == "'s"
    kind: SpeakerKind
    # "authorities", "airlines": a set of organisations is a group; "police" is one force
    counted = plural and lemma != root.lower_ and st.on("sets-are-groups")
    whole = source or noun_phrase(root, whole=True)
    known = st.text[whole[0].idx : whole[-1].idx + len(whole[-1])] if whole else text
    if norm_text(strip_det(known)) in KNOWN_ORGS and st.on("known-organisation"):
        kind = "organisation"  # "Friends of the Earth", "Age Concern": no friends, no concern
    elif lemma in PERSON_NOUNS and not plural:
        kind = "person"
    elif lemma in ROLE_NOUNS and not plural and aged(phrase) and st.on("age-or-sex"):
        kind = "person"  # "The 26-year-old centre said": a player, no centre of anything
    elif lemma in ACHIEVEMENTS and not plural and st.on("achievement-fits"):
        kind = "person"  # "the champion said", which is no title ("a champion for X")
    elif (
        (root.ent_type_ == "NORP" or lemma in NATIONALITY_NOUNS or two_word_nation(root))
        and root.tag_ in ("NN", "NNP")  # not "the Democratic [platform]"
        and not root.lower_.endswith("ist")  # "The Federalist" is a magazine
        and det == "the"
        # "the 17-year-old Russian", "the South African", "the Northern Irishman"
        and all(_ageing(t) for t in phrase[1:-1] if not two_word_nation(t.doc[t.i + 1]))
        and st.on("nationality-epithet")
    ):
        kind = "person"  # "The Italian said": a person just named, as "the goalkeeper" is
    elif plural and _capitalised_set(st, root):
        kind = "organisation"  # "the Friends of the Lake District"
    elif (
        (lemma in ORG_NOUNS and not counted)
        # not a plural of people the NER took for a name ("MPs said")
        or (
            root.ent_type_ in ("ORG", "FAC", "GPE")
            # a common noun's plural is a set, whatever the NER ("Hauliers said")
            and not (counted and (lemma in PERSON_NOUNS or common_plural(st, root)))
        )
        # a nationality speaks as a plural ("Americans"); one proper noun the NER took for
        # one ("Symbian said") names an organisation
        or (
            root.ent_type_ == "NORP"
            and st.on("sets-are-groups")
            and root.tag_ == "NNP"
            and not det  # "a Republican" is a person
            and len(phrase) == 1  # "Rosette Pambakian", a name the NER took for one, is no firm
            and lemma == root.lower_  # "Americans"
            and not any(c.dep_ == "appos" for c in root.children)  # "X, a Tinder spokeswoman"
            # nor the surname of a name printed in full ("Roman Smbatyan" … "Smbatyan added")
            and not any(len(e) > 1 and e[-1].lower_ == root.lower_ for e in st.ents)
            and norm_text(root.text) not in PARTIES
        )
    ):
        kind = "organisation"
    elif (
        plural
        or root.ent_type_ == "NORP"
        or (_people_set(root, lemma) and st.on("sets-are-groups"))
    ):
        kind = "group"
    elif any(word_key(t) in TITLE_WORDS for t in phrase):
        kind = "person"
    else:
        kind = "unknown"
    if (
        kind == "organisation"
        and not root.ent_type_
        and st.on("sets-are-groups")
        and _set_of_people(root) is not None
    ):
        kind = "group"  # "a panel of experts", "a coalition of charities"
    if (
        kind in ("unknown", "group")
        and lemma in DOC_NOUNS
        and st.on("document-owner")
        and st.on("owner-in-phrase")
    ):
        # "A Reuters rolling poll", "an email from Jo Ng", "a study by Jo Ng" (not the
        # study the article spoke of before, by others): the owner the phrase names
        found = (_owner_entity(st, t) for t in issued_by(root) + _owners_within(root, lemma))
        owned = [i for i in found if i is not None]
        if owned:  # "a CNN/ORC poll": the first its noun names (ORC), as before
            return link_mention(st, owned[0], phrase, root)
    name = strip_det(text)
    horizon, _ = st.horizon(root)
    # The same phrase again, or "the X"/"these Xs"/"his Xs" for an X seen before.
    said = [(t, i) for t, i in st.phrases.get(norm_text(name), []) if t < horizon and not alone]
    bare = not (content_words(phrase) - {lemma, norm_text(root.text)})
    if (
        not said and kind == "person" and det in DEMONSTRATIVES and bare
    ):  # "the judge" after "the Nova Scotia judge", whom the article never named
        said = [
            (e.first, i)
            for i, e in enumerate(st.entities)
            if e.kind == "unknown" and e.head == lemma and e.first < horizon
        ]
    if (
        said
        and st.on("same-description")
        and (kind != "person" or st.entities[said[-1][1]].kind != "organisation")
        # "The Portuguese said" after "Portuguese defender Paulo Ferreira" is whoever was
        # just named, if no other nationality is said of them (`_nations_agree`)
        and (kind != "person" or _nation(norm_text(root.text)) is None)
        # "the company" that stood for a company named is the company named last, below
        and not (kind == "organisation" and bare and not st.entities[said[-1][1]].head)
    ):
        return link_mention(st, said[-1][1], phrase, root)
    if kind != "person" and definite and st.on("org-by-head"):
        # "the campaign" is the last campaign; "the Trump campaign" only a Trump one, which
        # "the Trump team" and "the Trump camp" are too
        words = content_words(phrase) - {lemma, norm_text(root.text)}
        heads = {lemma, ORG_ALIASES.get(lemma)}
        before = st.mentions[: bisect_left(st.mentions, Mention(horizon, -1, 0, 0))]
        for m in reversed(before):
            e = st.entities[m.entity]
            if (
                e.kind == kind
                and (e.head or norm_text(e.name).rpartition(" ")[2]) in heads
                and m.token != root.i
                and words <= e.words()
            ):
                return link_mention(st, m.entity, phrase, root)
    index: int | None = None
    if kind == "group" and lemma in MEMBERS and st.on("org-by-word"):
        # "Board members noted …": the board, named in full before, speaks through them
        by_words = (_org_by_word(st, t, noun_phrase(t)) for t in root.lefts if t.dep_ == "compound")
        found = [i for i in by_words if i is not None]
        if found:
            return link_mention(st, found[-1], phrase, root)
    if kind in ("unknown", "group") and lemma in DOC_NOUNS:  # "the IMF report"
        owners = issued_by(root)
        named = [st.by_token[t.i] for t in owners if t.i in st.by_token]
        if not named:  # "the parole board decision": the Parole Board of Canada's; but a
            # common word is no name's ("state law" is not Islamic State's)
            by_words = (
                _org_by_word(st, t, noun_phrase(t))
                for t in owners
                if t.dep_ == "compound" and (t.text[:1].isupper() or lemma_of(t) in ORG_NOUNS)
            )
            named = [i for i in by_words if i is not None]
        if not st.on("document-owner"):
            named = []
        if (
            not owners and det in DEMONSTRATIVES and st.on("document-issuer")
        ):  # "The statement also referenced…"
            issuer = _issuer(st, root, lemma)
            named = [issuer] if issuer is not None else []
        if named and st.entities[named[-1]].kind in ("person", "organisation", "group"):
            return link_mention(st, named[-1], phrase, root)
    if kind == "organisation":
        if (definite or not det) and st.on("org-by-word"):
            index = _org_by_word(st, root, phrase)
        ranked = lemma in EPITHET_ORGS and _of_a_field(phrase, possessor)
        if (  # "the agency", "the software giant", "the world's biggest chip maker", "European
            # football's governing body"
            index is None
            and (bare or _epithet(phrase, root, lemma) or ranked)
            and (det in DEMONSTRATIVES or ranked)
            and not plural
            and st.on("nearest-organisation")
        ):
            # "the Wal-Mart-owned chain" is no Wal-Mart: none the phrase itself names
            inside = {id(st.entities[st.by_token[t.i]]) for t in phrase if t.i in st.by_token}
            index = nearest_entity(
                st,
                root,
                lambda e: (
                    e.kind == "organisation"
                    and e.head in ("", lemma)
                    and _same_sort(st, lemma, e)
                    and id(e) not in inside
                    and (not st.on("org-nation-agrees") or _org_nations_agree(st, e, phrase))
                ),
                sorted(st.mentions + st.employers) if st.employers else None,  # "Vexa …"
            )
        # "Manchester United's board" is the club's own, no organisation named after it
        owned = possessor is not None and possessor.i in st.by_token
        if (
            index is None
            and in_lead
            and det in ("a", "an", "", "'s")
            and not owned
            and st.on("lead-forward")
        ):
            index = _forward(st, root, "organisation")
    elif kind == "person" and not (
        st.on("writer-is-unnamed") and _the_writer(phrase, lemma, possessor)
    ):  # "this reporter" is the article's writer, as "I" is: someone it names is not
        # "a friend" is somebody new, not whoever was last called a friend, and "another
        # analyst" someone other than any named
        other = phrase[0].lower_ == "another"
        anew = (det in ("a", "an") or other) and st.on("indefinite-is-new")
        by_role = st.on("person-by-role") and not anew
        index = _person_by_role(st, root, phrase, possessor) if by_role else None
        # Only the lead introduces someone before naming them ("A Shadow Cabinet
        # minister has dismissed…" / "Jonathan Ashworth conceded…"); later, "a
        # spokesman" is somebody new.
        if index is None and in_lead and det in ("a", "an", "", "'s") and st.on("lead-forward"):
            # "Luther Vandross has died, his publicist has said": whoever "his" is, named
            # in the sentence before it, is not the publicist named after it
            before = _named_before(st, root) if possessor is not None else set()
            index = _forward(st, root, "person", lambda e: id(e) not in before)
            if index is not None:
                return link_mention(st, index, phrase, root)
        # "the senator" is someone just mentioned; "Obama's strategist" too, but not
        # Obama; "his attorney" and "the state's party leader" are someone new.
        owner = st.owner(possessor) if possessor is not None else None
        # A role the article ties to a name further on beats a guess at the nearest person
        # "his attorney" … "An attorney for Pagliano, Mark MacDougall"
        if index is None and st.on("named-later") and not other:
            index = _named_later(st, root, phrase, owner)
        # "The woman" … "Melanie thought"
        if index is None and det in DEMONSTRATIVES and st.on("first-named-later"):
            index = _first_named_later(st, root, lemma)
        # "The world's richest man", "Britain's most successful Olympian": one a field's
        # superlative names, as "the" names one
        ranked = _of_a_field(phrase, possessor) and any(t.tag_ in ("JJS", "RBS") for t in phrase)
        if (
            index is None
            and definite
            and (lemma not in NO_ANAPHOR or ranked)
            and st.on("nearest-person")
            and (possessor is None or (owner is not None and possessor.pos_ != "PRON") or ranked)
        ):
            mates = _clausemates(st, root)
            # "the head of the nursing union" is not whoever was just called the head of
            # a hospital: what a head is "of" must be among the titles they were given
            # ("the secretary of state" has its "of" in the title itself: left alone)
            ran = what_it_runs(root) if lemma in HEAD_ROLES else set()
            office = _office(phrase, lemma) if st.on("offices-apart") else None
            agree = st.on("role-agrees")
            agrees = _agreement(st, phrase, lemma)
            # "the BBC's correspondent", and (`works-for-person`) "Mr Brown's spokesman": only
            # someone the article ties to that owner (or, for a person's, holds no office)
            employer = owner is not None and (
                owner.kind == "organisation"
                or (owner.kind == "person" and st.on("works-for-person"))
            )
            # "the 63-year-old", "the woman", "the 69-year-old farmer": what anyone is,
            # whatever their occupation (an age tells the reader more of someone named)
            won = lemma in ACHIEVEMENTS and st.on("achievement-fits")
            # "Actress Imelda Staunton" … "The British star said"; not "the Philippine Star"
            famed = lemma in FAME_NOUNS and root.is_lower
            anyone = (
                ((lemma in AGE_AND_SEX or aged(phrase)) and st.on("age-or-sex")) or won or famed
            )
            # "Bid leader Lord Coe said … The former athlete told reporters": what one did
            # once stands against nothing one does now, for the subject of the sentence
            # before, where no one's role fits it (a title alone fitting none: "London Mayor
            # Ken Livingstone" was no athlete)
            was = st.on("former-role-fits") and any(t.lower_ in ("former", "ex") for t in phrase)
            # "Liberal Democrat Treasury spokesman Vincent Cable" … "the Twickenham MP said"
            seated = st.on("spokesman-sits")

            def fits(e: Entity, loose: bool) -> bool:
                return (
                    # an age or a sex may be one introduced unnamed ("A teenager has admitted
                    # … The 18-year-old told the court")
                    (e.kind == "person" or (anyone and not won and e.animate()))
                    and e is not owner
                    and id(e) not in mates
                    and id(e) not in st.named_in_quote
                    and (
                        root.ent_type_ == "NORP"
                        or lemma in NATIONALITY_NOUNS
                        or two_word_nation(root)
                        or anyone
                        or loose
                        or _role_fits(e, lemma, root.i, titles_fit=not was, seated=seated)
                    )
                    and (office is None or _holds_no_other_office(e, office, root.i))
                    and (
                        not agree
                        or not employer
                        or _works_for(e, owner)
                        # "… Obama's former campaign strategist said": a person with no
                        # office yet, just named, may be a person's aide; a shadow
                        # chancellor is not, nor a character an actor plays two
                        # sentences back ("who plays Ken Barlow … Roache's agent said")
                        or (owner.kind == "person" and not e.titles and _just_named(st, e, root))
                    )
                    and (not ran or bool(ran & e.role_words(root.i)))
                    # what was won says nothing the person must agree with ("Olympic")
                    and (not agree or won or agrees(e, root.i))
                )

            index = nearest_entity(st, root, lambda e: fits(e, False))
            if index is None and was:
                sent = st.sent_of[root.i] - 1
                just = {id(st.entities[m.entity]) for m in st.mentions if m.sent == sent and m.rank}
                index = nearest_entity(st, root, lambda e: id(e) in just and fits(e, True))
        if (
            index is None
            and in_lead
            and det == "the"
            and lemma not in NO_ANAPHOR
            and st.on("lead-forward-definite")
        ):  # "The education secretary has defended …" / "Alan Johnson said …"
            agrees = _agreement(st, phrase, lemma)
            index = _forward(
                st, root, "person", lambda e: _role_fits(e, lemma, e.first) and agrees(e, e.first)
            )
        if index is not None:
            return link_mention(st, index, phrase, root, title=definite)
    if index is not None:
        return link_mention(st, index, phrase, root)
    kind = "unknown" if kind == "person" else kind  # an unnamed person
    label, named = name, phrase
    # the whole description, not "person" alone, but never past the source ("Multiple
    # outlets" reported on Wednesday …)
    if (
        lemma not in DOC_NOUNS
        and st.on("whole-description")
        and all(t.i in st.source_tokens for t in whole)
    ):
        named = whole
        label = strip_det(st.text[named[0].idx : named[-1].idx + len(named[-1])])
    if kind == "group" and st.on("set-name"):
        label = _group_name(st, root, named, label)
    thing = st.on("inanimate-no-speaker") and names_a_thing(root, lemma)
    index = st.new(Entity(kind, label, root.i, [norm_text(name)], head=lemma, thing=thing))
    if kind == "unknown" and lemma in NOUN_GENDER and st.on("unnamed-individual"):
        st.entities[index].vote(NOUN_GENDER[lemma], HONORIFIC_VOTE)
    st.mention(index, phrase[0].i, phrase[-1].i + 1, root)
    st.said(index, phrase)
    affiliations_in(st, st.entities[index], phrase, root)
    for name in (c for t in phrase for c in t.children if c.dep_ == "appos"):
        # "A spokesman for her record company, Sony,": the company's name set beside it (an
        # organisation's own noun's is its own name: "Mr Taylor's group, March for Bernie,")
        body = st.doc[name.left_edge.i - 2] if name.left_edge.i > 1 else None
        if (
            kind == "unknown"
            and body is not None
            and body.i != root.i
            and body.i in {t.i for t in phrase}
            and lemma_of(body) in ORG_NOUNS
        ):
            affiliations_in(st, st.entities[index], list(name.subtree))
    if kind == "unknown" and possessor is not None and possessor.lower_ in ("its", "their"):
        st.owned_titles.append((st.entities[index], possessor))  # "Its spokesman said"
    if kind == "unknown" and lemma in _SPOKES and possessor is None and st.on("speaks-for"):
        _speaks_for(st, st.entities[index], phrase, root)
    return index


def _speaks_for(st: State, entity: Entity, phrase: list[Token], root: Token) -> None:
    """An unnamed spokesman whose phrase says nothing of a body but an organisation's noun
    ("The Home Office said … "…," a spokesman said", "Ofcom said … A spokeswoman for the
    regulator added") speaks for the organisation the article has just had speak, if the
    nearest earlier person or organisation is one: affiliated to it. Not "a council
    spokeswoman", "a spokesman for the family" or "for Sony", which say whose."""
    if entity.affiliations or not all(
        t.i == root.i
        or t.dep_ == "det"
        or (t.lower_ == "for" and t.head.i == root.i)
        or (t.dep_ == "pobj" and t.pos_ == "NOUN" and lemma_of(t) in ORG_NOUNS)
        for t in phrase
    ):
        return
    near = nearest_entity(st, root, lambda e: e.kind in ("person", "organisation"))
    if near is not None and st.entities[near].kind == "organisation":
        entity.add_affiliation(st.entities[near].name)


def _capitalised_set(st: State, root: Token) -> bool:
    """Is this plural a name's first word, capitalised in the body before a preposition and
    a name, after "the" ("the Friends of the Lake District") or before a preposition
    capitalised too ("Farmers For Action"): an organisation (`capitalised-set`), not "MPs",
    "the Armenians of Israel" or "Democrats on Long Island"."""
    the = root.i > 0 and st.doc[root.i - 1].lower_ == "the"
    return (
        st.on("capitalised-set")
        and root.text[:1].isupper()
        and root.text[1:].islower()
        and root.ent_type_ != "NORP"
        and norm_text(root.text) not in PARTIES
        and not st.in_heading(root.i)
        and any(
            c.dep_ == "prep"
            and c.i == root.i + 1
            and (the or c.text[:1].isupper())
            and t.dep_ == "pobj"
            and t.text[:1].isupper()
            for c in root.children
            for t in c.children
        )
    )


def _owners_within(root: Token, lemma: str) -> list[Token]:
    """Names deeper in a document's own phrase than `issued_by` looks: one modifying a
    modifier ("Reuters" of "a Reuters rolling poll", of "a Reuters/Ipsos poll"), and the
    outlet a piece of writing is "in" ("an editorial in the Register")."""
    found = [
        t
        for left in root.lefts
        if left.dep_ in ("compound", "amod", "nmod")
        for t in left.lefts
        if t.dep_ in ("compound", "nmod", "poss") and t.pos_ == "PROPN"
    ]
    if lemma in OUTLET_PIECES:
        found += [
            t
            for prep in root.rights
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for t in prep.children
            if t.dep_ == "pobj" and t.pos_ == "PROPN"
        ]
    return found


def _owner_entity(st: State, tok: Token) -> int | None:
    """The person or organisation a name inside a document's phrase is: one the article
    has, else one it can be: an organisation by its NER label or a closing acronym ("the
    State IG report"), a person by a first name the prior knows before a surname ("an
    email from Jo Ng", whatever the NER's label). Never a place, a date or a people."""
    if tok.i in st.by_token:
        known = st.by_token[tok.i]
        return known if st.entities[known].kind in ("person", "organisation") else None
    if tok.pos_ != "PROPN" or st.in_aside(tok):
        return None
    words = [tok]
    while words[0].i > 0 and st.doc[words[0].i - 1].pos_ == "PROPN":
        if st.doc[words[0].i - 1].head.i != tok.i:  # the name's own words only
            break
        words.insert(0, st.doc[words[0].i - 1])
    if words[0].idx and not st.text[words[0].idx - 1].isspace():
        return None  # a piece of a word: "III" of "G-III reports"
    names = [norm_text(t.text) for t in words]
    text = st.text[words[0].idx : words[-1].idx + len(words[-1])]
    last = words[-1]
    index: int | None = None
    if tok.ent_type_ == "ORG" or (last.is_upper and last.is_alpha and len(last) > 1):
        kind: SpeakerKind = "organisation"
    elif len(words) >= 2 and names[0] in prior() and tok.ent_type_ not in NOT_OWNER_LABELS:
        kind = "person"
        index = match_person(st, names, None, allow_fuller=False)
    else:
        return None
    if index is None:
        index = st.named(kind, norm_text(text))
    if index is None:
        head = "person" if kind == "person" else ""
        index = st.new(Entity(kind, text, words[0].i, names, head=head))
    st.mention(index, words[0].i, words[-1].i + 1, tok)
    return index


def _named_organisation(st: State, phrase: list[Token]) -> int | None:
    """The organisation a capitalised phrase spells exactly, by its name or short name; not
    a plural of people the NER took for one ("MPs said"), a set (`sets-are-groups`)."""
    if not all(t.text[:1].isupper() for t in phrase):
        return None
    if len(phrase) == 1 and plural_role(phrase[0]) and st.on("sets-are-groups"):
        return None
    text = st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]
    return st.named("organisation", norm_text(text), short=True)


def _classified_organisation(st: State, root: Token) -> int | None:
    """The organisation a company's noun follows the name of ("the Sun newspaper", "the
    Guardian newspaper"): that organisation, not another by the noun's name."""
    names = [c for c in root.lefts if c.dep_ == "compound"]
    if lemma_of(root) not in COMMERCIAL or not names:
        return None
    ent = st.ent_of(names[0].i)
    if ent is None or ent.label_ != "ORG" or ent.end != root.i:
        return None
    words = [t for t in ent if t.lower_ != "the"]
    name = st.text[words[0].idx : words[-1].idx + len(words[-1])]
    index = st.named("organisation", norm_text(name))
    if index is None:
        index = st.new(Entity("organisation", name, words[0].i, [norm_text(name)]))
    return index


def _people_set(root: Token, lemma: str) -> bool:
    """Is this one noun for several people together ("The family said", "the pair"), not a
    set of things ("The pair of editorials")?"""
    return lemma in PEOPLE_SETS and not any(
        lemma_of(t) in DOC_NOUNS or lemma_of(t) in INANIMATE_NOUNS for t in _of(root)
    )


def _of(root: Token) -> Iterator[Token]:
    """What a noun is "of": the words its "of" governs."""
    return (
        c
        for prep in root.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for c in prep.children
    )


def _of_things(root: Token) -> Token | None:
    """The thing an organisation's noun is "of", which makes it no organisation ("a large
    body of work", the learned list of inanimate nouns)."""
    return next(
        (
            p
            for p in _of(root)
            if p.dep_ == "pobj" and p.pos_ == "NOUN" and lemma_of(p) in INANIMATE_NOUNS
        ),
        None,
    )


def _set_of_people(root: Token) -> Token | None:
    """The plural people or organisations a collective noun is "of" ("a panel of experts",
    "the rest of Americans"): a set, not one body."""
    return next(
        (
            p
            for p in _of(root)
            if (plural_noun(p) and lemma_of(p) in LEXICON_NOUNS)
            or (p.tag_ == "NNPS" and p.ent_type_ == "NORP")
        ),
        None,
    )


def club_by_nickname(st: State, root: Token) -> int | None:
    """The football club just named, for its nickname after "the" ("Chelsea have been fined
    … The Blues said they would appeal", `club-nickname`): the nearest organisation named
    before it in the last sentences that is a club of that nickname ("Norwich City have
    signed Celtic's striker, the Canaries said" is Norwich); else None, and the nickname is
    a name of its own."""
    if (
        not st.on("club-nickname")
        or (clubs := CLUB_NICKNAMES.get(norm_text(root.text))) is None
        or not root.text[:1].isupper()
        or not has_the(root)
    ):
        return None

    named = [set(club.split()) for club in clubs]

    def so_called(e: Entity) -> bool:  # "Norwich" or "Norwich City" for "norwich city"
        words = set(norm_text(e.name).split())
        return e.kind == "organisation" and any(words <= c or c <= words for c in named)

    return nearest_entity(st, root, so_called)


def _people_before(st: State, root: Token) -> Token | None:
    """For "One" alone opening its sentence, a plural of people that is a subject in the
    sentence before ("Fans reacted angrily. One wrote: …"), of whom it is one."""
    sent = st.sent_of[root.i]
    if any(True for _ in root.children) or sent == 0 or root.i != st.sents[sent].start:
        return None
    return next(
        (
            t
            for t in st.sents[sent - 1]
            if t.dep_ == "nsubj" and plural_noun(t) and lemma_of(t) in PERSON_NOUNS
        ),
        None,
    )


def _group_name(st: State, root: Token, phrase: list[Token], name: str) -> str:
    """A set of people named by all its description: its conjuncts too ("backbenchers and
    Labour peers", "airlines and aviation bodies"), without a demonstrative or "both" that
    only points at it ("those Brownite briefers")."""
    words = list(phrase)
    conj = [c for c in root.rights if c.dep_ == "conj" and c.pos_ == "NOUN"]
    if conj and plural_noun(conj[-1]):
        more = noun_phrase(conj[-1])
        if more and not any("\n" in t.text for t in st.doc[words[-1].i : more[-1].i]):
            words = st.doc[words[0].i : more[-1].i + 1]
    while len(words) > 1 and words[0].lower_ in POINTERS:
        words = words[1:]
    if len(words) == len(phrase) and words[0].i == phrase[0].i:
        return name
    return st.text[words[0].idx : words[-1].idx + len(words[-1])]


def _role_fits(
    entity: Entity, lemma: str, before: int, titles_fit: bool = True, seated: bool = True
) -> bool:
    """May "the <lemma>" be this person? Not one the article has given another occupation:
    "the judge" is not the prosecutor. Offices may go together (a Shadow Cabinet minister
    is the Shadow Health Secretary), so a title alone stands against no role (but with
    `titles_fit` off, any role stands against it); nor does a role held no longer ("Former
    chat show host X" … "The MEP said"); with `seated`, a party's spokesman is a member
    for a seat."""
    words = entity.role_words(before, held=True) | entity.words()
    # an occupation: not a party ("Republican front-runner"), a relation or a description
    roles = {w for w in words if w in PERSON_NOUNS} - PARTIES.keys() - NOT_OCCUPATIONS
    if lemma in roles or roles & TITLE_ROLES.get(lemma, set()):
        return True
    if lemma in SQUAD_ROLES and roles & PLAYERS:
        return True  # "Arsenal defender Ashley Cole" … "The England international said"
    if seated and lemma in SEATED and roles <= _SPOKES and _of_a_party(entity):
        return True  # "Liberal Democrat Treasury spokesman Vincent Cable" sits for a seat
    return not (roles - TITLE_WORDS if titles_fit else roles)


_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}


def _of_a_party(entity: Entity) -> bool:
    """Is this person affiliated to a party?"""
    return any(norm_text(a) in PARTIES for a in entity.affiliations)


def _just_named(st: State, entity: Entity, root: Token) -> bool:
    """Is the entity mentioned in this word's sentence or the one before it, outside what a
    quote reports ("Mr Blair said the world was safer without Saddam Hussein. Mr Blair's
    official spokesman …" is not Saddam Hussein)?"""
    sent = st.sent_of[root.i]
    start = st.sents[max(0, sent - 1)].start_char
    return any(start <= s < root.idx and not st.reported(s) for s, _ in entity.mentions)


def _works_for(person: Entity, employer: Entity) -> bool:
    """Has the article tied this person to this organisation, by an affiliation or a title
    that names it? "The BBC's technology correspondent" is no one else just named."""
    names = {norm_text(employer.name)} | {norm_text(m.text) for m in employer.mentions.values()}
    held = [f" {norm_text(x)} " for x in person.affiliations + person.titles]
    return any(f" {n} " in h for n in names if n for h in held)


def _agreement(st: State, phrase: list[Token], lemma: str) -> Callable[[Entity, int], bool]:
    """Whether nothing the description says contradicts what the article says of a person
    before token `before`, the description read once for all the people tried: "the
    businessman" is no one the article calls "she", nor, where it says nothing, a Greta;
    "the Democratic nominee" no one of another party only; "the New Jersey governor" no one
    titled governor of another place only; one its own clause calls "she" ("The American
    said she was feeling better") no one the article calls "he"; "the Spaniard" no one it
    calls Portuguese."""
    gender = NOUN_GENDER.get(lemma)
    head = next((t for t in phrase if t.head.i == t.i or t.head not in phrase), None)
    # "Her attorney said she had answered": "she" may be whoever "her" is
    owned = head is None or any(c.dep_ == "poss" for c in head.children)
    called = pronoun_calling(head, said=True) if not owned else None
    sex = None if called not in THIRD_SINGULAR else "male" if called in MALE else "female"
    nation = _nation(norm_text(head.text)) if head is not None else None
    said = {PARTIES[w] for t in phrase if (w := norm_text(t.text)) in PARTIES}
    age = AGE.search(st.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]) if phrase else None

    def agrees(entity: Entity, before: int) -> bool:
        if age is not None and (ages := _ages(st, entity, before)) and age.group(1) not in ages:
            return False  # "The 34-year-old" is no "28-year-old Daniel Morris"
        if gender is not None and not entity.could_be(gender, margin=2):
            return False
        if sex is not None and not entity.could_be(sex, by_prior=True):
            return False
        if nation is not None and not _nations_agree(entity, nation):
            return False
        if gender is not None and not entity.votes and entity.tokens:
            # the article says nothing: a first name almost always given to the other gender
            other = prior().get(entity.tokens[0])
            if other is not None and other != gender and len(entity.tokens) > 1:
                return False
        if not _places_agree(st, entity, phrase, lemma, before):
            return False
        if not said:
            return True
        held = {PARTIES.get(norm_text(a)) for a in entity.affiliations}
        held |= {PARTIES[w] for w in entity.role_words(before) if w in PARTIES}
        held.discard(None)
        return not held or bool(said & held)

    return agrees


def _ages(st: State, entity: Entity, before: int) -> set[str]:
    """The ages the article gives this person before token `before`: in a mention ("the
    26-year-old sprinter"), before a name ("28-year-old Daniel Morris") or after it set off by
    commas ("Mr Eisner, 62,")."""
    end = st.doc[before].idx if before < len(st.doc) else len(st.text)
    out = set()
    for start, stop in entity.mentions:
        if start >= end:
            continue
        out |= {m.group(1) for m in AGE.finditer(st.text, max(0, start - 16), stop)}
        if m := AGE_AFTER.match(st.text, stop):
            out.add(m.group(1))
    return out


def _nations_agree(entity: Entity, said: str) -> bool:
    """Is the nationality a description says ("spanish" of "the Spaniard") the one the
    article gives this person, if it gives one ("Portuguese defender Paulo Ferreira" is no
    Spaniard; a Scot is British)?"""
    words = entity.words() | {w for t in entity.titles for w in norm_text(t).split()}
    return _nations_fit({said}, words)


def _nations_fit(said: set[str], words: set[str]) -> bool:
    """Are the nationalities a description says among those these words give, if they give
    any? A Scot is British."""
    theirs = {n for w in words if (n := _nation(w)) is not None}
    return not theirs or bool(said & theirs) or said | theirs <= BRITISH


def _nation(word: str) -> str | None:
    """A nationality's word as its adjective ("spaniard" → "spanish"), None for any other."""
    return NATIONALITY_OF.get(word, word) if word in NATIONALITIES else None


def _places_agree(st: State, entity: Entity, phrase: list[Token], lemma: str, before: int) -> bool:
    """Are the places the description names among those of the person's titles with
    this role, if those name any?"""
    seated = lemma in SEATED  # "the MP for Medway" is no "Blackpool North MP"
    said = _places(phrase, seated)
    words = {norm_text(t.text) for t in phrase}
    held: set[str] = set()
    deputy = []  # per title with this role: is it only a deputy's ("vice presidential nominee")?
    for at, title in entity.title_marks:
        start = st.doc[at].idx
        span = st.doc.char_span(start, start + len(title), alignment_mode="expand")
        if at < before and span is not None and any(lemma_of(t) == lemma for t in span):
            held |= _places(list(span), seated)
            deputy.append(bool(DEPUTIES & ({norm_text(t.text) for t in span} - words)))
    if deputy and all(deputy):
        return False
    return not said or not held or said <= held


def _of_a_field(phrase: list[Token], possessor: Token | None) -> bool:
    """Is the phrase's owner the world, a place or a field of work, no one named ("the
    world's biggest maker of computer chips", "Britain's largest bank", "European football's
    governing body")? It then names one, as "the" does; a plural owner only says what sort
    it is ("a patients' group", "the farmers' union"), as an indefinite one does."""
    return possessor is not None and (
        possessor.lower_ == "world"
        or (possessor.ent_type_ in PLACE_LABELS and any(t.tag_ == "JJS" for t in phrase))
        or (
            possessor.pos_ == "NOUN"
            and possessor.is_lower
            and possessor.tag_ == "NN"
            and not any(c.lower_ in ("a", "an") for c in possessor.children)
        )
    )


def _places(phrase: list[Token], seats: bool = False) -> set[str]:
    """The words of the places a phrase names ("New", "Jersey" of "the New Jersey governor");
    with `seats`, of a constituency the NER may miss ("Medway" of "the MP for Medway"): any
    proper noun but a party's, a nationality's or a title's."""
    return {
        norm_text(t.text)
        for t in phrase
        if t.pos_ == "PROPN"
        and (
            t.ent_type_ in PLACE_LABELS
            or (
                seats
                and t.text[:1].isupper()
                and norm_text(t.text) not in PARTIES
                and norm_text(t.text) not in NATIONALITIES
                and word_key(t) not in TITLE_WORDS
                and lemma_of(t) not in SEATED
            )
        )
    }


def _office(phrase: list[Token], lemma: str) -> str | None:
    """The head of state, government or city a description names: "the president", "the
    prime minister" (as "prime", with "the premier"), "the mayor"; None for any other, or
    for one held no longer ("the former Bath flanker" may be a coach now)."""
    if any(t.lower_ in ("former", "ex") for t in phrase):
        return None
    if lemma == "minister":
        return "prime" if any(t.lower_ == "prime" for t in phrase) else None
    return OFFICES.get(lemma)


def _holds_no_other_office(entity: Entity, office: str, before: int) -> bool:
    """May a person the article has called by one such office be "the <office>"? Not by
    another: the prime minister is not "the president" he speaks of."""
    words = entity.role_words(before) | entity.words()
    held = {OFFICES[w] for w in words if w in OFFICES}
    if "minister" in words:  # a foreign minister is not the prime minister
        held.add("prime" if "prime" in words else "minister")
    return not held or office in held


def _issuer(st: State, root: Token, lemma: str) -> int | None:
    """Who put out the document "the <lemma>" names again: the subject of the clause
    where the article last mentioned one, a few sentences back ("In a statement, the
    union called…", "The union released a report")."""
    first = st.sents[max(0, st.sent_of[root.i] - LOOKBACK_SENTS)].start
    for t in reversed(st.doc[first : root.i]):
        if lemma_of(t) != lemma or t.pos_ != "NOUN":
            continue
        verb = t.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != t.i]
        # who put it out in that clause, else whom the document itself names ("According
        # to the Civic Action study, …" … "the study")
        found = [st.by_token[c.i] for c in subjects + issued_by(t) if c.i in st.by_token]
        return found[0] if found else None
    return None


def _named_later(st: State, root: Token, phrase: list[Token], owner: Entity | None) -> int | None:
    """The one person the article names later with this role by apposition, copula or
    title ("the attorney, Mark MacDougall", "MacDougall, his attorney", "attorney Mark
    MacDougall"), whose stated owner, if any, is not someone else's, and whose role
    phrase shares a word with the description's qualifiers, if any ("a school spokesman"
    is no ministry spokesman, "its vice president" not President Obama)."""
    lemma = lemma_of(root)
    if lemma in GENERIC_TITLES:
        return None  # "a man", "an official": many people; a later one is not this one
    owners = owners_of(root)
    if owner is None:
        owner = next((st.owner(t) for t in owners), None)
    roles = {lemma} | TITLE_ROLES.get(lemma, set())
    runs = HEAD_ROLES.get(lemma, set())
    # "the head of the nursing union" is no hospital's chief executive: they must share
    # a word of what they run
    ran = what_it_runs(root) if runs else set()
    qualifiers = qualifiers_of(phrase, root, owners)
    found: set[int] = set()
    agree = st.on("role-agrees")
    agrees = _agreement(st, phrase, lemma)
    # "Downing Street said … A spokesman said": with no owner stated, the organisation
    # just speaking is the one meant, and someone named later as another's is not this one
    implied = None
    anyone_of_it = phrase[0].lower_ in ("a", "an")
    if owner is None and agree:
        near = nearest_entity(st, root, lambda e: e.kind == "organisation")
        implied = st.entities[near] if near is not None else None
    for i, e in enumerate(st.entities):
        if e.kind != "person" or e is owner:
            continue
        for h in e.role_heads:
            head = st.doc[h]
            role = lemma_of(head)
            if h <= root.i or (role not in roles and role not in runs):
                continue
            words = {norm_text(t.text) for t in noun_phrase(head)}
            if role not in roles and not ran & words:
                continue
            theirs = next((st.owner(t) for t in owners_of(head)), None)
            if theirs is not None and (owner or implied or theirs) is not theirs:
                continue
            # nor, for "a spokesman", one whose role names a party ("Liberal Democrat defence
            # spokesman Paul Keetch" is no spokesman of the ministry just speaking)
            party = _party_before(head) if theirs is None and anyone_of_it else None
            if party is not None and implied is not None and party != implied.name:
                continue
            if qualifiers and not qualifiers & words:
                continue
            # "the New Jersey governor" is no "former New York governor", "New" shared;
            # "a Democratic senator" no Republican
            if agree and not agrees(e, len(st.doc)):
                continue
            found.add(i)
    return found.pop() if len(found) == 1 else None


def _party_before(role: Token) -> str | None:
    """The party named before a role noun, whose role it is ("Liberal Democrat" of "Liberal
    Democrat defence spokesman"), which is no entity of the article; not a title's own words
    ("Scottish Finance Minister")."""
    words = [t for left in role.lefts for t in left.subtree if t.i < role.i]
    return PARTIES.get(" ".join(norm_text(t.text) for t in words if t.text[:1].isupper()))


def _first_named_later(st: State, root: Token, lemma: str) -> int | None:
    """The one person a profile's "the woman" turns out to be: someone the article names
    after it by a known first name of that gender alone ("Melanie"), never in full."""
    gender = HEAD_GENDER.get(lemma)
    found = [
        i
        for i, e in enumerate(st.entities)
        if e.kind == "person"
        and len(e.tokens) == 1
        and e.first > root.i
        and not e.titled
        and gender is not None
        and e.name_gender() == gender
    ]
    return found[0] if len(found) == 1 else None


def _clausemates(st: State, root: Token) -> set[int]:
    """Entities that are the subject of the clause this description sits in: "Melanie
    said to the Republican nominee" — the nominee is not Melanie; or its object."""
    verb = root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    args = [t for t in verb.children if t.dep_ in SUBJECT_DEPS]
    if st.on("clause-apart"):  # "The judge agreed with Ivana Trump": not Ivana Trump
        args += [t for t in verb.children if t.dep_ in OBJECT_DEPS]
        args += [
            o
            for p in verb.children
            if p.dep_ in ("prep", "agent")
            for o in p.children
            if o.dep_ == "pobj"
        ]
    return {id(st.entities[st.by_token[t.i]]) for t in args if t.i in st.by_token and t.i != root.i}


def _org_by_word(st: State, root: Token, phrase: list[Token]) -> int | None:
    """'the fund' → International Monetary Fund; 'Tory HQ' only matches itself."""
    words = {norm_text(t.text) for t in phrase if t.lower_ not in DETERMINERS} - {""}
    lemma = root.lemma_.lower()
    best, best_seen = None, -1
    for i, e in enumerate(st.entities):
        if e.kind != "organisation":
            continue
        name = set(norm_text(e.name).split())
        if (words <= name or (len(words) == 1 and lemma in name)) and not (
            len(words) == 1 and root.is_lower and _qualifier_only(lemma, e.name)
        ):
            seen = st.last_seen(i, st.horizon(root)[1])
            if seen > best_seen:
                best, best_seen = i, seen
    return best


def _qualifier_only(word: str, name: str) -> bool:
    """Is the word in this organisation's name only to qualify the head of a body of
    members? "the government" is no "Local Government Association", "the police" no "Police
    Federation" (but the "Police Department")."""
    last = norm_text(name).split()[-1:]
    return bool(last) and last[0] != word and last[0] in MEMBERS_BODIES


def _person_by_role(
    st: State, root: Token, phrase: list[Token], possessor: Token | None = None
) -> int | None:
    """The latest person already titled with this role ('the mayor' → Mayor Bill de
    Blasio, 'the senator' → Sen. Ted Cruz); with a possessor ("his lawyer"), one whose
    title is that possessor's, or no one's stated."""
    words = {norm_text(t.text) for t in phrase if t.lower_ not in DETERMINERS} - {""}
    head = root.lemma_.lower()
    before, seen_by = st.horizon(root)
    agree = st.on("role-agrees")
    agrees = _agreement(st, phrase, head)
    owner = possessor if st.on("owner-agrees") else None
    best, best_seen = None, -1
    for i, e in enumerate(st.entities):
        if e.kind != "person" or not e.title_marks:  # titles, and descriptions no title
            continue
        roles = e.role_words(before)
        if (
            head in roles
            and (len(words) == 1 or len(words & roles) >= len(words) - 1)
            and (not agree or agrees(e, before))
            and (owner is None or _same_owner(st, e, owner, head, before))
        ):
            seen = st.last_seen(i, seen_by)
            if seen > best_seen:
                best, best_seen = i, seen
    return best


def _the_writer(phrase: list[Token], lemma: str, possessor: Token | None) -> bool:
    """Does the description stand for the article's own writer: "this reporter", "this
    writer", "your correspondent"?"""
    pointer = possessor.lower_ == "your" if possessor is not None else phrase[0].lower_ == "this"
    return lemma in WRITER_NOUNS and pointer


def _same_owner(st: State, entity: Entity, possessor: Token, head: str, before: int) -> bool:
    """May "his lawyer" be this person, titled lawyer before? Not the possessor itself,
    nor one the article calls the lawyer of someone else: of another entity than the one
    a named possessor is, of someone "his" cannot be (a woman, an organisation), or "her"
    lawyer. A pronoun is weighed by its gender only: what it was resolved to is a guess."""
    ours = st.owner(possessor) if possessor.pos_ != "PRON" else None
    if ours is entity:
        return False
    gender = pronoun_gender(possessor)
    for h in entity.role_heads:
        if h >= before or lemma_of(st.doc[h]) != head:
            continue
        for t in owners_of(st.doc[h]):
            if t.pos_ == "PRON":  # "her lawyer" is not "his lawyer"
                if gender is not None and pronoun_gender(t) not in (None, gender):
                    return False
                continue
            theirs = st.owner(t)
            if theirs is None:
                continue
            wrong_gender = gender is not None and (
                theirs.kind != "person" or not theirs.could_be(gender, margin=2)
            )
            if wrong_gender or (ours is not None and theirs is not ours):
                return False
    return True


def _named_before(st: State, root: Token) -> set[int]:
    """The entities (by `id`) the sentence names before this word."""
    sent = st.sent_of[root.i]
    return {
        id(st.entities[m.entity])
        for m in st.mentions[: bisect_left(st.mentions, Mention(root.i, -1, 0, 0))]
        if m.sent == sent
    }


def _forward(
    st: State, root: Token, kind: str, fits: Callable[[Entity], bool] | None = None
) -> int | None:
    """A lead or indefinite description: the first such entity (that `fits`) a following
    sentence names as a subject (else names at all), at most two sentences on. A headline
    is a sentence of its own, even where the parser runs it into the first."""
    sent = st.sent_of[max(root.i, st.headline_end - 1)]
    first: int | None = None
    for m in st.mentions[bisect_left(st.mentions, Mention(root.i + 1, -1, 0, 0)) :]:
        if m.sent > sent + 2:
            break
        later = m.sent > sent or root.i < st.headline_end <= m.token
        entity = st.entities[m.entity]
        if entity.kind == kind and later and (fits is None or fits(entity)):
            if m.rank:
                return m.entity
            first = m.entity if first is None else first
    return first


def _epithet(phrase: list[Token], root: Token, lemma: str) -> bool:
    """Is this a trade's epithet for a company, "the software giant", "the mobile phone
    maker", "the anti-graft group", "the Japanese electronics giant", "the Dublin-based
    carrier", "the French-owned firm", "the Goodison Park club": a noun of EPITHET_ORGS
    whose other words are lower-case common words, no name, or a nationality, a country,
    where it is based or whose it is, or a club's ground? Where it comes from may follow
    ("The four-piece from Manchester")."""
    home = [
        t.i
        for prep in root.rights
        if prep.dep_ == "prep" and prep.lower_ == "from"
        for t in prep.subtree
        if t.i == prep.i or (t.pos_ == "PROPN" and t.text[:1].isupper())
    ]
    words = [
        t
        for t in phrase
        if t.i != root.i and t.lower_ not in DETERMINERS | {"-"} and t.i not in home
    ]
    return (
        lemma in EPITHET_ORGS
        and bool(words)
        and all(
            (t.text.islower() and t.pos_ in ("NOUN", "ADJ") and not t.ent_type_)
            or t.ent_type_ in ("NORP", "GPE")
            or (t.ent_type_ == "FAC" and lemma == "club")  # "the Goodison Park club"
            or (t.like_num and lemma == "band")  # "the four-piece"
            or _based(t)  # "the Dublin-based carrier"
            for t in words
        )
    )


def _ageing(tok: Token) -> bool:
    """A word of an age or a lower-case adjective before a nationality ("the 17-year-old
    Russian", "the young Frenchman")."""
    return (
        tok.like_num or tok.lower_ in ("-", "year", "old") or (tok.pos_ == "ADJ" and tok.is_lower)
    )


_BASED = ("based", "owned", "run")


def _based(tok: Token) -> bool:
    """A word of "<place>-based", "<country>-owned", "<state>-run": the participle, or a
    capitalised word before it, of a name hyphened too ("Wal-Mart-owned")."""
    doc = tok.doc
    if tok.lower_ in _BASED:
        return tok.i > 1 and doc[tok.i - 1].text == "-"
    i = tok.i
    while tok.text[:1].isupper() and i + 2 < len(doc) and doc[i + 1].text == "-":
        if doc[i + 2].lower_ in _BASED:
            return True
        if not doc[i + 2].text[:1].isupper():
            return False
        i += 2
    return False


def _introduced_by(st: State, entity: Entity) -> set[str]:
    """The organisation's nouns right before a mention of it, its own: "Regulator" of
    "Regulator Ofcom said", "watchdog" of "the consumer watchdog Which?"."""
    out = set()
    for mention in entity.mentions.values():
        span = st.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        before = span.doc[span.start - 1] if span is not None and span.start > 0 else None
        if (
            before is not None
            and before.dep_ == "compound"
            and span.start <= before.head.i < span.end
            and lemma_of(before) in ORG_NOUNS
        ):
            out.add(lemma_of(before))
    return out


def _org_nations_agree(st: State, entity: Entity, phrase: list[Token]) -> bool:
    """Is the nationality a description says ("the Scottish firm") the one the article
    gives this organisation, if it gives one ("Dutch drinks group Van der Berg" is no
    Scottish firm; a Scottish one is British)? The words before a mention in its own phrase
    give it."""
    said = {n for t in phrase if (n := _nation(norm_text(t.text))) is not None}
    if not said:
        return True
    words = set(norm_text(entity.name).split())
    for mention in entity.mentions.values():
        span = st.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            words.update(norm_text(t.text) for t in st.doc[span.root.left_edge.i : span.start])
    return _nations_fit(said, words)


def _same_sort(st: State, lemma: str, entity: Entity) -> bool:
    """May a bare "the <lemma>" stand for this organisation (see COMMERCIAL, PUBLIC,
    NAMED_BODIES)? Its name's words say, and the nouns it was introduced by: "Regulator
    Ofcom" is not "the broadcaster", nor is a public body known by a short name ("Ofcom said
    … The channel said" is no Ofcom)."""
    words = set(entity.tokens) | set(norm_text(entity.name).split()) | _introduced_by(st, entity)
    if lemma == "club":  # a club's name is one word or ends so ("Stoke City"): no "Mail"
        named = norm_text(entity.name).split()
        return len(named) == 1 or named[-1] in CLUB_ENDINGS or lemma in words
    if (body := NAMED_BODIES.get(lemma)) is not None and not entity.name.isupper():
        return any(w in body and not _qualifier_only(w, entity.name) for w in words)
    if lemma in COMMERCIAL or lemma in TRADE_EPITHETS:
        return not words & PUBLIC and norm_text(entity.name) not in PUBLIC_BODIES
    if lemma in PUBLIC:
        return not words & COMMERCIAL
    return True
