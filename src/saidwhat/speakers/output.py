"""Output: takes the resolved state; gives the Speakers that speak, in order of
first appearance (an unnamed individual as a person; an unresolved pronoun, a word naming
no one or a document with no known owner as no speaker), and sets each quote's
`speaker_id`."""

from __future__ import annotations

from saidwhat.article import Speaker, SpeakerKind
from saidwhat.lexicon import INANIMATE_NOUNS, INDIVIDUAL_NOUNS, ORG_NOUNS
from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.names import repeated_names
from saidwhat.speakers.titles import employers_in_titles, owners_of_titles, weak_affiliations
from saidwhat.speakers.words import (
    DETERMINERS,
    DOC_NOUNS,
    DOER_ENDINGS,
    NO_SPEAKER,
    THING_NOUNS,
    norm_text,
)


def speakers(st: State) -> list[Speaker]:
    """The entities that speak, as Speakers in order of first appearance; sets each
    quote's `speaker_id`."""
    owners_of_titles(st)
    employers_in_titles(st)
    weak_affiliations(st)
    used = sorted(
        {
            i
            for i in st.assign.values()
            if i is not None and reported_kind(st, st.entities[i]) is not None
        }
    )
    repeated_names(st, used)  # may find a name printed before the first mention so far
    used.sort(key=lambda i: min(st.entities[i].mentions, default=(len(st.text), 0)))
    ids = {index: f"s{n + 1}" for n, index in enumerate(used)}
    for quote in st.quotes:
        index = st.assign.get(id(quote))
        quote.speaker_id = ids.get(index) if index is not None else None
    out = []
    for index in used:
        e = st.entities[index]
        gender = e.gender if e.kind in ("person", "unknown") else None
        kind = shown_kind(st, e)
        out.append(
            Speaker(
                id=ids[index],
                name=e.name,
                kind=kind,
                titles=list(e.titles),
                affiliations=list(e.affiliations),
                mentions=sorted(e.mentions.values()),
                gender=gender,
                gender_basis="article" if gender else None,
            )
        )
    return out


def shown_kind(st: State, entity: Entity) -> SpeakerKind:
    """The kind a speaker is reported with: an unnamed individual ("a spokeswoman for the
    firm") is a person, named by the description; only an unresolved mention of no known
    sort stays "unknown"."""
    # "a pensioner" too (`individual-by-noun`), though no he or she is sought among such
    one = (
        entity.kind == "unknown" and entity.head in INDIVIDUAL_NOUNS and st.on("individual-by-noun")
    )
    unnamed = (
        entity.animate()
        or one
        or norm_text(entity.name) in ("i", "me")
        or (_one_of_a_set(entity) and st.on("one-is-a-person"))
    )
    return "person" if unnamed and st.on("unnamed-individual") else entity.kind


def _one_of_a_set(entity: Entity) -> bool:
    """Is this unresolved description one of a set of people who speaks, "one" and a noun
    that names a doer ("one leading shareholder", "One bond dealer", "one Trump confidant"),
    not a share ("One in four voters"), nor a body, a document or a thing ("one bank", "one
    report", "One ranking", "one" alone: often a thing the article lists)?"""
    words = norm_text(entity.name).split()
    return (
        entity.kind == "unknown"
        and len(words) > 1
        and words[0] == "one"
        and words[1] != "in"
        and entity.head.endswith(DOER_ENDINGS)
        and entity.head not in ORG_NOUNS | DOC_NOUNS | THING_NOUNS | INANIMATE_NOUNS
        and not entity.thing
    )


def reported_kind(st: State, entity: Entity) -> SpeakerKind | None:
    """What the output would make of the entity were it quoted: its kind, or None where it
    is no speaker entity (`_speaks`)."""
    if st.on("no-speaker") and not _speaks(st, entity):
        return None
    return shown_kind(st, entity)


def _speaks(st: State, entity: Entity) -> bool:
    """Is this entity someone who can be quoted? Not a pronoun no one was found for ("you",
    an "it" that is the row, not a party), a word that names no one ("nobody"), a document
    whose owner is not known ("a statement"), nor (`things-no-speaker`) what a study gives or
    a work of reference ("the results", "estimates of the cost"), nor (`inanimate-no-speaker`)
    a thing ("text messages"): those stay unresolved, with no speaker, rather than a
    speaker of their own."""
    if entity.kind != "unknown" and entity.kind != "group":
        return True
    name = norm_text(entity.name)
    return (
        name not in NO_SPEAKER
        # a word at least, not "the" or the "'s" of "Let's" ("I" is the writer)
        and any((len(w) > 1 or w == "i") and w not in DETERMINERS for w in name.split())
        and not (  # "statement", "the report"; with `things-no-speaker` any document
            entity.head in DOC_NOUNS and (len(name.split()) <= 2 or st.on("things-no-speaker"))
        )
        and not (entity.head in THING_NOUNS and st.on("things-no-speaker"))
        and not entity.thing
    )
