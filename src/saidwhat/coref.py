"""Coreference check: takes CoNLL-U documents with gold coreference (GUM's `Entity=`
brackets) and the resolver's entities for their texts; gives how often the resolver's links
from third-person pronouns and descriptions to an entity agree with the gold, and how many
gold he/she pronouns it left unlinked, by genre.

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
from saidwhat.speakers.words import FIRST, PLURAL, THIRD_SINGULAR

KINDS = ("he/she", "they/it", "description")
_BRACKET = re.compile(r"\(([^()|]+)|(\d+)\)|\)")
_GENRE = re.compile(r"^GUM_([a-z]+)_")


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    entity: str  # the document's entity number
    etype: str  # person, organization, place, abstract, …


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
        if not line or line.startswith("#"):
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
        if multiword is not None and int(cols[0]) <= multiword[0]:
            span = multiword[1]
        else:
            multiword = None
            span = emit(cols[1], space_after)
        for opened, closed_id, bare in _brackets(misc.get("Entity", "")):
            if opened is not None:
                fields = opened.split("-")
                open_.setdefault(fields[0], []).append((span[0], fields[1]))
                last_opened = fields[0]
            elif bare:
                closed_id = last_opened
            if closed_id is not None:
                start, etype = open_[closed_id].pop()
                mentions.append(GoldMention(start, span[1], closed_id, etype))
    doc_id = path.stem
    genre = m.group(1) if (m := _GENRE.match(doc_id)) else "other"
    return GoldDoc(doc_id, genre, "".join(text), sorted(mentions, key=lambda m: m.start))


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


@dataclass(slots=True)
class LinkCounts:
    """Links scored for one set of documents, by kind, and the gold he/she left unlinked."""

    linked: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    unlinked: int = 0
    gold_pronouns: int = 0  # gold he/she with an earlier non-pronoun mention of their entity

    def add(self, other: LinkCounts) -> None:
        self.linked.update(other.linked)
        self.right.update(other.right)
        self.unlinked += other.unlinked
        self.gold_pronouns += other.gold_pronouns

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
    """The resolver's links in one document, scored against its gold."""
    counts = LinkCounts()
    linked_pronouns: set[int] = set()
    for entity in st.entities:
        anchor = anchor_of(st.doc, entity)
        if anchor is None:
            continue
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
