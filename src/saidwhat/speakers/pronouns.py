"""Pronouns: takes a he/she/they/it token; gives the most salient compatible entity
before it within a few sentences (main-clause subjects first, never a mention inside
quotation marks), voting the pronoun's gender onto it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.tokens import Token

from saidwhat.quotemarks import DOUBLE_MARKS
from saidwhat.speakers.entities import Entity, Mention, State
from saidwhat.speakers.ranker import candidates, shipped
from saidwhat.speakers.words import LOOKBACK_SENTS, SUBJECT_DEPS, pronoun_gender


def resolve_pronoun(st: State, tok: Token, source: bool = False) -> int | None:
    """he/she: the nearest earlier person of compatible gender, subjects first; else the
    nearest whose only evidence against is a single pronoun (which may have been wrong)."""
    if tok.i in st.by_token:  # a narrative pronoun that is also a source: one vote
        return st.by_token[tok.i]
    if not st.on("pronoun-nearest"):
        return None
    gender = pronoun_gender(tok) or "female"  # a he/she word: never None here
    introducer = _introducer(st, tok)
    index = nearest_entity(
        st, tok, lambda e: e.animate() and e.could_be(gender) and id(e) not in introducer
    )
    if index is None:
        index = nearest_entity(
            st, tok, lambda e: e.animate() and e.could_be(gender, 2) and id(e) not in introducer
        )
    if st.on("antecedent-ranker") and not source:
        found = candidates(st, tok, gender, index)
        ranked = (st.ranker or shipped()).best(found)
        st.choices.append((tok.i, found, ranked))
        index = ranked if ranked is not None else index
    if index is None:
        return None
    entity = st.entities[index]
    entity.vote(gender)
    st.last_pronoun[gender] = index
    st.mention(index, tok.i, tok.i + 1, tok)
    return index


def _introducer(st: State, tok: Token) -> set[int]:
    """Who introduces the quotation a pronoun sits in ("McCrummen reports: "The first time
    she …""): the subjects of the clause ending in the colon before its opening mark, who
    would say "I" there, not "she"."""
    if not st.quoted[tok.i]:
        return set()
    i = tok.i
    while i > 0 and st.quoted[i - 1]:
        i -= 1
    i -= 1  # the opening mark
    while i > 0 and (st.doc[i - 1].is_space or st.doc[i - 1].text in DOUBLE_MARKS):
        i -= 1
    colon = st.doc[i - 1] if i > 0 else None
    if colon is None or colon.text != ":":
        return set()
    return {
        id(st.entities[st.by_token[t.i]])
        for t in colon.head.children
        if t.dep_ in SUBJECT_DEPS and t.i in st.by_token
    }


def resolve_plural(st: State, tok: Token, organisation_only: bool) -> int | None:
    if not st.on("plural-pronoun"):
        return None
    kinds = ("organisation",) if organisation_only else ("group", "organisation")
    index = nearest_entity(st, tok, lambda e: e.kind in kinds)
    if index is not None:
        st.mention(index, tok.i, tok.i + 1, tok)
    return index


def nearest_entity(
    st: State, tok: Token, fits: Callable[[Entity], bool], mentions: list[Mention] | None = None
) -> int | None:
    """The most salient fitting entity before `tok`, within a few sentences, among
    `mentions` (sorted; None: the state's antecedents).

    Sentence by sentence going back, the main clause's subject beats other subjects,
    which beat other mentions (the leftmost of a rank wins); in the pronoun's own
    sentence only subjects before it count.
    """
    mentions = st.mentions if mentions is None else mentions
    pos = bisect_left(mentions, Mention(tok.i, -1, 0, 0))
    sent = st.sent_of[tok.i]
    fallback: int | None = None
    best: Mention | None = None
    for m in reversed(mentions[max(0, pos - 200) : pos]):
        if st.narrative_distance(m.sent, sent) > LOOKBACK_SENTS:
            break
        if best is not None and m.sent != best.sent:
            return best.entity
        if not fits(st.entities[m.entity]):
            continue
        if m.sent == sent and not m.rank:
            fallback = m.entity if fallback is None else fallback
            continue
        if best is None or m.rank >= best.rank:
            best = m
    return best.entity if best is not None else fallback
