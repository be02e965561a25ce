"""The resolution state: takes the document view; gives `State`, the article's
entities (`Entity`: name, kind, titles, affiliations, gender votes, mentions) and salient
mentions (`Mention`) in text order, with the operations that add an entity or a mention."""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from saidwhat.article import Quote, Span, SpeakerKind
from saidwhat.lexicon import (
    FEMALE_NAMES,
    LEXICON_NOUNS,
    MALE_NAMES,
    NATIONALITIES,
    PARTIES,
    PERSON_NOUNS,
)
from saidwhat.namegender import initials, prior
from saidwhat.speakers.document import DocumentView
from saidwhat.speakers.gender import NAME_VOTE, PRONOUN_VOTE, majority_gender
from saidwhat.speakers.rules import SpeakerSettings
from saidwhat.speakers.syntax import acronyms_of, lemma_of, salience, strip_det
from saidwhat.speakers.words import NAME_STRIP, ROYAL_TITLES, TITLE_ROLES, norm_text


@dataclass(slots=True)
class Entity:
    """One person, organisation, group or unnamed someone, with all the article says of it."""

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
    thing: bool = False  # a description naming a thing, no one (`inanimate-no-speaker`)

    def add_title(self, title: str, at: int) -> None:
        title = title.strip().strip(",;:-()").strip()  # "Sen.\xa0" of "Sen.\xa0Sanders"
        if title:
            self.title_marks.append((at, title))
        if title and norm_text(title) not in {norm_text(t) for t in self.titles}:
            self.titles.append(title)

    def add_affiliation(self, name: str) -> None:
        """Add an organisation or party once, by its name without "the" as entities have
        theirs: "Democrat" and "Democratic" are one party."""
        name = strip_det(name.strip(" ,;:-()'’"))  # "Fox News'" is Fox News
        words = norm_text(self.name).split()
        described = any(w in LEXICON_NOUNS or w[:-1] in PERSON_NOUNS for w in words)
        proper = all(w[:1].isupper() for w in self.name.split())
        itself = proper and (not described or self.kind == "organisation")
        if set(norm_text(name).split()) <= set(words) and itself:
            # "Symbian" is no member of Symbian, nor "Pambakian" of Rosette Pambakian, nor the
            # "Democratic Unionist Party" of itself (but "Labour MPs" are Labour's)
            return
        if name and _party(name) not in {_party(a) for a in self.affiliations}:
            self.affiliations.append(name)

    def role_words(self, before: int, held: bool = False) -> set[str]:
        """The words of the titles stated before token `before`, with the roles they imply,
        but a nationality, which is no role ("Portuguese defender X" is no "the Portuguese"
        more than any other is); `held`: only of roles still held ("Former chat show host X"
        is an MEP now)."""
        words: set[str] = set()
        for at, title in self.title_marks:
            if at >= before or (held and title.lower().startswith(("former ", "ex-", "ex "))):
                continue
            for w in norm_text(title).replace("-", " ").split():
                if w not in NATIONALITIES:
                    words.add(w)
                    words.update(TITLE_ROLES.get(w, ()))
        return words

    def vote(self, gender: str, weight: int = PRONOUN_VOTE) -> None:
        self.votes[gender] = self.votes.get(gender, 0) + weight

    @property
    def gender(self) -> str | None:
        """What the article's pronouns and honorifics say, by weight; a tie says nothing."""
        return majority_gender(self.votes)

    def name_gender(self) -> str | None:
        """What the first name suggests, for resolution only (never reported)."""
        if self.kind != "person" or not self.tokens:
            return None
        first = self.given_name()
        return "female" if first in FEMALE_NAMES else "male" if first in MALE_NAMES else None

    def first_name_gender(self, by_prior: bool = True) -> str | None:
        """What the first name suggests: the lexicon's common names, and with `by_prior` the
        name prior's for a name of two words or more (not "Clinton")."""
        if (named := self.name_gender()) is not None or not by_prior:
            return named
        if self.kind != "person" or len(self.tokens) < 2:
            return None
        return prior().get(self.given_name())

    def given_name(self) -> str:
        """The first word of the name, after a royal title ("benedict" of "Pope Benedict
        XVI"); none for initials ("JK Rowling")."""
        tokens = self.tokens
        first = 1 if len(tokens) > 1 and tokens[0] in ROYAL_TITLES else 0
        written = self.name.split()
        return "" if first < len(written) and initials(written[first]) else tokens[first]

    def could_be(self, gender: str, margin: int = 1, by_prior: bool = False) -> bool:
        """Compatible with a pronoun of this gender: the article's evidence and the first
        name do not outweigh it by `margin` or more (2: one stray pronoun does not count).
        The first name is the lexicon's common names', and with `by_prior` also the name
        prior's ("Glenn Douglas said …" is no "she" who speaks next)."""
        votes = dict(self.votes)
        named = self.first_name_gender(by_prior)
        if named:
            votes[named] = votes.get(named, 0) + NAME_VOTE
        other = max((w for g, w in votes.items() if g != gender), default=0)
        return other - votes.get(gender, 0) < margin

    def words(self) -> set[str]:
        """Every word the article has used to name or describe the entity."""
        words = set(norm_text(self.name).split())
        for span in self.mentions.values():
            words.update(norm_text(span.text).replace("'s", "").split())
        return words

    def animate(self) -> bool:
        return self.kind == "person" or (self.kind == "unknown" and self.head in PERSON_NOUNS)


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A mention outside quotation marks, as pronouns and descriptions look back on it."""

    token: int  # the mention's head token
    entity: int
    rank: int  # 2: subject of the main clause, 1: another subject, 0: anything else
    sent: int


class State(DocumentView):
    """One article's entities and mentions, built up in text order by the stages that
    register names and resolve sources; the only thing those stages change."""

    def __init__(
        self,
        doc: Doc,
        quotes: list[Quote],
        text: str | None = None,
        settings: SpeakerSettings | None = None,
        ranker: Any = None,
    ) -> None:
        super().__init__(doc, quotes, text, settings)
        self.ranker = ranker  # a ranker.Ranker to weigh he/she with (None: the shipped one)
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        # organisations named only as a person's employer ("Vexa spokeswoman"): antecedents
        # for a description of an organisation, not for a pronoun
        self.employers: list[Mention] = []
        self.by_token: dict[int, int] = {}  # token index -> entity of the name covering it
        # titles "its" or "their" owns ("Its chief executive, X"): (entity, the pronoun)
        self.owned_titles: list[tuple[Entity, Token]] = []
        self.phrases: dict[str, list[tuple[int, int]]] = {}  # description -> (token, entity)
        self.source_tokens: set[int] = set()  # the source mention being resolved
        self.named_in_quote: set[int] = set()  # id() of entities the quote being resolved names
        self.quoted_names: set[int] = set()  # and of those, named inside quotation marks
        self.assign: dict[int, int | None] = {}  # id(quote) -> its speaker entity
        self.last_speaker: int | None = None  # the speaker of the last quote resolved
        self.last_pronoun: dict[str, int] = {}  # gender -> entity of the last he (she)
        # each he/she weighed by the ranker: (token, its candidates, the entity chosen)
        self.choices: list[tuple[int, list, int | None]] = []

    def new(self, entity: Entity) -> int:
        entity.name = entity.name.strip(NAME_STRIP) or entity.name  # "-Philip Bump" bullets
        self.entities.append(entity)
        return len(self.entities) - 1

    def mention(self, index: int, start: int, end: int, head: Token) -> None:
        span = Span.of(
            self.text, self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        )
        entity = self.entities[index]
        if (span.start, span.end) in entity.mentions:
            return
        entity.mentions[(span.start, span.end)] = span
        for t in range(start, end):
            self.by_token.setdefault(t, index)
        modifier = (  # "the Vexa pipeline"
            head.dep_ == "compound"
            and head.head.pos_ == "NOUN"
            and self.on("modifier-no-antecedent")
        )
        if self.quoted[head.i] or self.in_aside(head):
            return  # words in quotation marks, credits and teasers are no antecedents
        mention = Mention(head.i, index, salience(head), self.sent_of[head.i])
        if not modifier:  # nor is a name modifying a noun
            insort(self.mentions, mention)
        elif (  # but "Vexa spokeswoman" names whom "the company" may be next
            entity.kind == "organisation"
            and lemma_of(head.head) in PERSON_NOUNS
            and self.on("employer-antecedent")
        ):
            insort(self.employers, mention)

    def named(
        self, kind: SpeakerKind, norm: str, short: bool = False, acronym: bool = False
    ) -> int | None:
        """The first entity of this kind that `norm` (a name through `norm_text`) names
        exactly: by its name; with `short`, also by its name words, which keep the acronym
        an organisation was first seen as; with `acronym`, also by its name's initials or
        the short name in brackets after it.
        A person by part of a name is `names.match_person`'s."""
        for i, e in enumerate(self.entities):
            if e.kind == kind and (
                norm == norm_text(e.name)
                or (short and norm == " ".join(e.tokens))
                or (acronym and norm in acronyms_of(e.name))
                or (acronym and self.short_names.get(norm) == norm_text(e.name))
            ):
                return i
        return None

    def last_seen(self, index: int, before: int) -> int:
        """Where the entity was last mentioned before character `before` (-1: not yet)."""
        return max((s for s, _ in self.entities[index].mentions if s < before), default=-1)

    def owner(self, possessor: Token) -> Entity | None:
        """Who "Obama" in "Obama's strategist" is: never the strategist."""
        index = self.by_token.get(possessor.i)
        return self.entities[index] if index is not None else None

    def reported(self, at: int) -> bool:
        """Is this character offset inside what a quote reports (its contents)?"""
        return any(c.start <= at < c.end for q in self.quotes for c in q.contents)

    def said(self, index: int, phrase: list[Token]) -> None:
        """Remember a description, so that the same words later are the same entity."""
        text = strip_det(self.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1])])
        self.phrases.setdefault(norm_text(text), []).append((phrase[0].i, index))


def _party(name: str) -> str:
    """The party a name spells (lexicon.PARTIES), else the name as comparable words."""
    norm = norm_text(name)
    return PARTIES.get(norm, norm)
