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


def _quoting(st: State, tok: Token) -> set[int]:
    """id() of the speaker of the quote whose cue verb says the clause this pronoun is in,
    not in a clause of its own inside it ("Simon Cowell said she deserved her success";
    not "X called out Y …, which he believes …")."""
    clause = tok
    while clause.dep_ != "ccomp":
        if clause.dep_ in ("relcl", "acl", "advcl", "ROOT") or clause.head.i == clause.i:
            return set()
        clause = clause.head
    verb = clause.head
    out = set()
    for q in st.quotes:
        if q.cue is not None and q.cue.start <= verb.idx < q.cue.end:
            index = st.assign.get(id(q))
            if index is not None:
                out.add(id(st.entities[index]))
    return out


def _source_possessor(st: State, tok: Token) -> bool:
    """Is this pronoun the possessor in a quote's source ("Her husband, Paul, said")?"""
    return tok.dep_ == "poss" and any(
        s.start <= tok.idx < s.end for q in st.quotes for s in q.sources
    )


def resolve_pronoun(
    st: State, tok: Token, source: bool = False, speaks: bool = False
) -> int | None:
    """he/she: the nearest earlier person of compatible gender, subjects first; else the
    nearest whose only evidence against is a single pronoun (which may have been wrong).
    `source`: asked for a quote's source, with no ranker; `speaks`: a narrative pronoun
    that is a quote's source, someone its quoted words do not name where anyone fits
    (`st.quoted_names`)."""
    if tok.i in st.by_token:  # a narrative pronoun that is also a source: one vote
        return st.by_token[tok.i]
    if not st.on("pronoun-nearest"):
        return None
    gender = pronoun_gender(tok) or "female"  # a he/she word: never None here
    introducer = _introducer(st, tok)
    # a speaker is the subject of "His agent, Jo Ng, said …", not "his" (a narrative "he"
    # after "His father, Jo, was …" is the man of the story still)
    speaker = source or speaks
    heads = speaker and st.on("subject-over-possessor")
    # a speaker's first name is weighed by the name prior too (`name-prior-speaker`), and so
    # is that of the speaker of the clause the pronoun is in ("Simon Cowell said she
    # deserved …" is no Simon)
    by_prior: bool | set[int] = False
    if st.on("name-prior-speaker"):
        by_prior = speaker or _source_possessor(st, tok) or _quoting(st, tok)
    # whom the quoted words name is not who says them ("Ashley has done nothing wrong,"
    # he said), where someone else may be, unless the subject of the pronoun's own
    # sentence ("Trump returned …, where he suggested: "… loving Donald Trump …"")
    named = st.quoted_names - _subjects_before(st, tok) if st.on("not-named-in-quote") else set()
    index, choice = None, None
    for others in (introducer | named, introducer) if named else (introducer,):
        index = _nearest_person(st, tok, gender, others, heads, by_prior)
        if st.on("antecedent-ranker") and not source:
            found = [
                c
                for c in candidates(st, tok, gender, index)
                if id(st.entities[c.entity]) not in others
            ]
            ranked = (st.ranker or shipped()).best(found)
            choice = (tok.i, found, ranked)
            index = ranked if ranked is not None else index
        if index is not None:
            break
    if choice is not None:
        st.choices.append(choice)
    if index is None:
        return None
    entity = st.entities[index]
    entity.vote(gender)
    st.last_pronoun[gender] = index
    st.mention(index, tok.i, tok.i + 1, tok)
    return index


def _subjects_before(st: State, tok: Token) -> set[int]:
    """id() of the entities a subject before `tok` in its sentence mentions."""
    sent, found = st.sent_of[tok.i], set()
    for m in reversed(st.mentions[: bisect_left(st.mentions, Mention(tok.i, -1, 0, 0))]):
        if m.sent != sent:
            break
        if m.rank:
            found.add(id(st.entities[m.entity]))
    return found


def _nearest_person(
    st: State, tok: Token, gender: str, others: set[int], heads: bool, by_prior: bool | set[int]
) -> int | None:
    """The nearest fitting person but `others`, of the pronoun's gender if any is; a first
    name weighed by the name prior for all (`by_prior` True) or for these id()s."""
    for margin in (1, 2):
        index = nearest_entity(
            st,
            tok,
            lambda e, m=margin: (
                e.animate()
                and e.could_be(gender, m, by_prior is True or id(e) in (by_prior or ()))
                and id(e) not in others
            ),
            heads=heads,
        )
        if index is not None:
            return index
    return None


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
    st: State,
    tok: Token,
    fits: Callable[[Entity], bool],
    mentions: list[Mention] | None = None,
    heads: bool = False,
) -> int | None:
    """The most salient fitting entity before `tok`, within a few sentences, among
    `mentions` (sorted; None: the state's antecedents).

    Sentence by sentence going back, the main clause's subject beats other subjects,
    which beat other mentions (the leftmost of a rank wins; with `heads`, a subject beats
    its own possessor); in the pronoun's own sentence only subjects before it count.
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
        if best is None or _weight(st, m, heads) >= _weight(st, best, heads):
            best = m
    return best.entity if best is not None else fallback


def _weight(st: State, m: Mention, heads: bool) -> tuple[int, bool]:
    """A mention's rank, and with `heads` whether it names a person and is no possessor
    ("His agent, Jo Ng": Jo Ng before "His"; "Jo Ng's brother, Sam," Sam before Jo Ng; but
    "Jo Ng's doctor" and "Her daughter" leave the possessor first)."""
    named = st.entities[m.entity].head == "person"
    return m.rank, heads and named and st.doc[m.token].dep_ != "poss"
