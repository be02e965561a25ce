"""Coreference check: takes CoNLL-U documents with gold coreference (GUM's `Entity=`
brackets) and the resolver's entities for their texts; gives how often the resolver's links
from third-person pronouns and descriptions to an entity agree with the gold, how many
gold he/she pronouns it left unlinked, and how often an entity's kind (person, group,
organisation, or no speaker entity) fits the gold sort of its anchor, by genre.

A link is a mention the resolver put in an entity first mentioned elsewhere (the entity's
anchor: its first name, else its first description). It is right when the gold puts the
mention and the anchor in one entity. The resolver is run as users run it (the whole
pipeline, quotes included), so the narrative's pronouns and every quote's source count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.output import reported_kind
from saidwhat.speakers.words import FIRST, NO_SPEAKER, PLURAL, THIRD_SINGULAR

KINDS = ("he/she", "they/it", "description")
# What an entity of each gold sort may be reported as. GUM's person is one person, or a set
# where its head is plural or conjoined; an organization is one, or a set where its head is
# a plural common noun ("the banks"); a place is its government where it speaks ("Britain
# said") or no speaker entity; any other sort (abstract, event, object, time, …) is no
# speaker entity. "unknown" counts as a set, as ../shared/tools/score_people.py reads it.
GOLD_KINDS = ("person", "group", "organisation", "place", "none")
_RIGHT_KINDS = {
    "person": {"person"},
    "group": {"group", "unknown"},
    "organisation": {"organisation"},
    "place": {"organisation", "none"},
    "none": {"none"},
}
_BRACKET = re.compile(r"\(([^()|]+)|(\d+)\)|\)")
_GENRE = re.compile(r"^GUM_([a-z]+)_")


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    entity: str  # the document's entity number
    etype: str  # person, organization, place, abstract, …
    plural: bool = False  # its head is plural or has a conjunct ("Parents", "Ann and Bo")
    proper: bool = False  # its head is a proper noun ("Democrats", "United Nations")


@dataclass(slots=True)
class GoldDoc:
    """One document: its text as a reader sees it and every gold mention in it."""

    id: str
    genre: str
    text: str
    mentions: list[GoldMention]

    def mention_at(self, start: int, end: int) -> GoldMention | None:
        """The gold mention of exactly these characters; else the shortest one ending
        there (English heads come last: "President Obama" for "Obama"); else the shortest
        one around them."""
        exact = [m for m in self.mentions if m.start == start and m.end == end]
        if exact:
            return exact[-1]  # the innermost of nested mentions of the same span
        around = [m for m in self.mentions if m.start <= start and end <= m.end]
        same_end = [m for m in around if m.end == end]
        pool = same_end or around
        return min(pool, key=lambda m: m.end - m.start) if pool else None


def read_conllu(path: Path) -> GoldDoc:
    """A GUM document: sentences joined by spaces, paragraphs (`# newpar`) by a blank line,
    tokens by their `SpaceAfter`; each `Entity=` bracket becomes a GoldMention."""
    text: list[str] = []
    length = 0
    mentions: list[GoldMention] = []
    open_: dict[str, list[tuple[int, str]]] = {}
    pending_space = ""
    # a multiword token ("can't" over "ca" and "n't"): its last word's number and its span,
    # which each of its words' mentions take
    multiword: tuple[int, tuple[int, int]] | None = None
    last_opened = ""
    # the sentence's words so far: number -> (head's number, relation, POS, features)
    words: dict[int, tuple[int, str, str, str]] = {}

    def emit(form: str, space_after: bool) -> tuple[int, int]:
        nonlocal length, pending_space
        if pending_space and length:
            text.append(pending_space)
            length += len(pending_space)
        start = length
        text.append(form)
        length += len(form)
        pending_space = " " if space_after else ""
        return start, length

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            pending_space = "\n\n" if length else ""
            continue
        if not line:
            words = {}
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        misc = dict(
            item.split("=", 1) if "=" in item else (item, "") for item in cols[9].split("|")
        )
        space_after = misc.get("SpaceAfter") != "No"
        if "-" in cols[0]:
            multiword = (int(cols[0].split("-")[1]), emit(cols[1], space_after))
            continue
        if "." in cols[0]:
            continue  # an empty node holds no characters
        number = int(cols[0])
        words[number] = (int(cols[6]) if cols[6].isdigit() else 0, cols[7], cols[3], cols[5])
        if multiword is not None and number <= multiword[0]:
            span = multiword[1]
        else:
            multiword = None
            span = emit(cols[1], space_after)
        for opened, closed_id, bare in _brackets(misc.get("Entity", "")):
            if opened is not None:
                fields = opened.split("-")
                open_.setdefault(fields[0], []).append((span[0], fields[1], number))
                last_opened = fields[0]
            elif bare:
                closed_id = last_opened
            if closed_id is not None:
                start, etype, first = open_[closed_id].pop()
                plural, proper = _number(words, first, number)
                mentions.append(GoldMention(start, span[1], closed_id, etype, plural, proper))
    doc_id = path.stem
    genre = m.group(1) if (m := _GENRE.match(doc_id)) else "other"
    return GoldDoc(doc_id, genre, "".join(text), sorted(mentions, key=lambda m: m.start))


def _number(
    words: dict[int, tuple[int, str, str, str]], first: int, last: int
) -> tuple[bool, bool]:
    """(plural, proper) of the mention over words first..last of the sentence: of its head,
    the word whose head lies outside it; plural too where a conjunct hangs on the head."""
    inside = range(first, last + 1)
    head = next((n for n in inside if n in words and words[n][0] not in inside), None)
    if head is None:  # a mention running across sentences: nothing to say of its number
        return False, False
    _, _, pos, feats = words[head]
    conjoined = any(words[n][0] == head and words[n][1] == "conj" for n in inside if n in words)
    return "Number=Plur" in feats or conjoined, pos == "PROPN"


def _brackets(value: str) -> Iterator[tuple[str | None, str | None, bool]]:
    """(opened fields, closed id, bare close) for each bracket of an `Entity=` value."""
    for m in _BRACKET.finditer(value):
        if m.group(1) is not None:
            yield m.group(1), None, False
        elif m.group(2) is not None:
            yield None, m.group(2), False
        else:
            yield None, None, True


def read_splits(path: Path) -> dict[str, str]:
    """GUM's split of each document (`document<TAB>split` lines)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return {row[0]: row[1] for row in rows if len(row) == 2}


def gold_kind(mention: GoldMention) -> str:
    """The kind (GOLD_KINDS) the resolver should give the entity of this gold mention."""
    if mention.etype == "person":
        return "group" if mention.plural else "person"
    if mention.etype == "organization":
        return "group" if mention.plural and not mention.proper else "organisation"
    return "place" if mention.etype == "place" else "none"


@dataclass(slots=True)
class KindCounts:
    """Entity kinds scored for one set of documents: (gold kind, reported kind) pairs, and
    the entities whose anchor no gold mention covers."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    unmatched: int = 0

    def add(self, other: KindCounts) -> None:
        self.confusion.update(other.confusion)
        self.unmatched += other.unmatched

    @property
    def scored(self) -> int:
        return sum(self.confusion.values())

    @property
    def right(self) -> int:
        return sum(n for (g, p), n in self.confusion.items() if p in _RIGHT_KINDS[g])

    def accuracy(self) -> float:
        return self.right / self.scored if self.scored else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "scored": self.scored,
            "right": self.right,
            "accuracy": round(self.accuracy(), 4),
            "no gold mention": self.unmatched,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


@dataclass(slots=True)
class LinkCounts:
    """Links scored for one set of documents, by kind, and the gold he/she left unlinked."""

    linked: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    unlinked: int = 0
    gold_pronouns: int = 0  # gold he/she with an earlier non-pronoun mention of their entity
    kinds: KindCounts = field(default_factory=KindCounts)  # every entity with an anchor
    speaker_kinds: KindCounts = field(default_factory=KindCounts)  # those that speak

    def add(self, other: LinkCounts) -> None:
        self.linked.update(other.linked)
        self.right.update(other.right)
        self.unlinked += other.unlinked
        self.gold_pronouns += other.gold_pronouns
        self.kinds.add(other.kinds)
        self.speaker_kinds.add(other.speaker_kinds)

    def accuracy(self, kind: str) -> float:
        return self.right[kind] / self.linked[kind] if self.linked[kind] else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            kind: {
                "linked": self.linked[kind],
                "right": self.right[kind],
                "accuracy": round(self.accuracy(kind), 4),
            }
            for kind in KINDS
        }
        out["he/she unlinked"] = self.unlinked
        out["he/she gold"] = self.gold_pronouns
        out["kind"] = self.kinds.to_dict()
        out["speaker kind"] = self.speaker_kinds.to_dict()
        return out


def mention_kind(doc: Doc, start: int, end: int) -> str | None:
    """he/she, they/it, description, or None for a name or a first-person pronoun."""
    low = doc.text[start:end].lower()
    if low in THIRD_SINGULAR:
        return "he/she"
    if low in PLURAL or low in ("it", "its", "itself"):
        return "they/it"
    if low in FIRST:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.pos_ in ("PROPN", "PRON") or span.root.ent_type_:
        return None
    return "description"


def anchor_of(doc: Doc, entity: Entity) -> tuple[int, int] | None:
    """The entity's first name, else its first description: what its other mentions are
    links to."""
    spans = sorted(entity.mentions)
    kinds = [mention_kind(doc, s, e) for s, e in spans]
    names = [
        span
        for span, kind in zip(spans, kinds, strict=True)
        if kind is None and doc.text[span[0] : span[1]].lower() not in FIRST
    ]
    if names:
        return names[0]
    descriptions = [span for span, kind in zip(spans, kinds, strict=True) if kind == "description"]
    return descriptions[0] if descriptions else None


def score_document(gold: GoldDoc, st: State) -> LinkCounts:
    """The resolver's links and entity kinds in one document, scored against its gold."""
    counts = LinkCounts()
    linked_pronouns: set[int] = set()
    speaking = {i for i in st.assign.values() if i is not None}
    for index, entity in enumerate(st.entities):
        anchor = anchor_of(st.doc, entity)
        if anchor is None:
            continue
        if not _pronoun(st.doc, *anchor):  # "you", "someone": a pronoun is no entity of a kind
            shown = reported_kind(st, entity) or "none"
            _score_kind(gold, anchor, shown, counts.kinds)
            if index in speaking:
                _score_kind(gold, anchor, shown, counts.speaker_kinds)
        anchor_gold = gold.mention_at(*anchor)
        for span in entity.mentions:
            kind = mention_kind(st.doc, *span)
            if kind is None or span == anchor or anchor_gold is None:
                continue
            counts.linked[kind] += 1
            if kind == "he/she":
                linked_pronouns.add(span[0])
            mention = gold.mention_at(*span) if kind != "he/she" else _exact(gold, span)
            if mention is not None and mention.entity == anchor_gold.entity:
                counts.right[kind] += 1
    for m in _resolvable_pronouns(gold):
        counts.gold_pronouns += 1
        if m.start not in linked_pronouns:
            counts.unlinked += 1
    return counts


def _score_kind(gold: GoldDoc, anchor: tuple[int, int], shown: str, counts: KindCounts) -> None:
    if (at := _kind_mention(gold, *anchor)) is None:
        counts.unmatched += 1
    else:
        counts.confusion[gold_kind(at), shown] += 1


def _pronoun(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return doc.text[start:end].lower() in NO_SPEAKER or (
        span is not None and span.root.pos_ == "PRON"
    )


def _kind_mention(gold: GoldDoc, start: int, end: int) -> GoldMention | None:
    """The gold mention an entity's anchor names: the one ending where it ends (a
    possessive "'s" aside on either side: GUM keeps it in the mention) with the nearest
    start, the innermost of equals ("President Obama" for "Obama", "Obama" for "President
    Obama" where the gold has both); None where no gold mention ends there."""
    key = _less_possessive(gold.text, start, end)
    same_end = [m for m in gold.mentions if _less_possessive(gold.text, m.start, m.end) == key]
    if not same_end:
        return None
    return min(same_end, key=lambda m: (abs(m.start - start), m.end - m.start))


def _less_possessive(text: str, start: int, end: int) -> int:
    return end - 2 if end - start > 2 and text[end - 2 : end] in ("'s", "’s") else end


def _exact(gold: GoldDoc, span: tuple[int, int]) -> GoldMention | None:
    return next((m for m in gold.mentions if (m.start, m.end) == span), None)


def _resolvable_pronouns(gold: GoldDoc) -> Iterator[GoldMention]:
    """Gold he/she mentions whose entity was mentioned before by something not a pronoun."""
    named: set[str] = set()
    for m in gold.mentions:
        word = gold.text[m.start : m.end].lower()
        if word in THIRD_SINGULAR:
            if m.entity in named:
                yield m
        elif word not in FIRST and word not in PLURAL:
            named.add(m.entity)


def evaluate_coref(
    docs: Iterable[GoldDoc], resolve: Any, splits: dict[str, str] | None = None
) -> dict[str, dict[str, LinkCounts]]:
    """Counts by split ("all" too) and genre ("all" too); `resolve(text)` gives a State."""
    out: dict[str, dict[str, LinkCounts]] = {}
    for gold in docs:
        counts = score_document(gold, resolve(gold.text))
        split = (splits or {}).get(gold.id, "all")
        for s in {split, "all"}:
            for genre in (gold.genre, "all"):
                out.setdefault(s, {}).setdefault(genre, LinkCounts()).add(counts)
    return out
