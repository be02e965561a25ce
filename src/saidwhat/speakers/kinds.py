"""The kind model: takes the resolved state; gives each named entity the kind (person,
organisation, group, or no speaker entity) a multinomial logistic model trained on GUM's
gold entity types weighs from the evidence the article holds of it: the NER's labels of
its name mentions, a first name, an honorific, the pronouns resolved to it, the nouns that
head or describe it, the words its name ends in, the lists of known organisations and
parties, and the rules' own decision (`data/kinds.json`; `scripts/train_kinds.py` fits
it). The model overrides the rules only where it is confident."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from saidwhat.article import SpeakerKind
from saidwhat.lexicon import (
    FEMALE_NAMES,
    GENDERED_HONORIFICS,
    KNOWN_ORGS,
    MALE_NAMES,
    ORG_NOUNS,
    PARTIES,
    PERSON_NOUNS,
    TITLE_WORDS,
)
from saidwhat.namegender import prior
from saidwhat.speakers.entities import Entity, State
from saidwhat.speakers.output import reported_kind
from saidwhat.speakers.syntax import lemma_of
from saidwhat.speakers.words import (
    COMPANY_ENDINGS,
    FIRST,
    LEGAL_FORMS,
    ORG_ONLY_HEADS,
    PLURAL,
    THIRD_SINGULAR,
    norm_text,
    word_key,
)

CLASSES = ("person", "organisation", "group", "none")
_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WORK", "OTHER", "NONE")
_WORK = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "FAC"}
_IT = {"it", "its", "itself"}
_PLACE_PREPS = {"in", "at", "from", "to", "into", "across", "near", "around", "throughout"}

FEATURES = (
    "bias",
    *(f"NER {label}" for label in _LABELS),
    "rules: person",
    "rules: organisation",
    "rules: group",
    "rules: unknown, a person noun",
    "rules: unknown, other",
    "rules: no speaker",
    "one word",
    "two words",
    "three words or more",
    "all capitals",
    "a lowercase word inside",
    "of, and or & inside",
    "a digit inside",
    "first word a first name (prior)",
    "first word a first name (lexicon)",
    "ends in a legal form",
    "ends in a company's word",
    "ends in an organisation's word",
    "ends in an organisation noun",
    "ends in a person noun",
    "head a person noun",
    "head an organisation noun",
    "ends in a plural",
    "a known organisation",
    "a party",
    "he/she resolved to it",
    "it/its resolved to it",
    "they resolved to it",
    "I/we resolved to it",
    "honorific or gendered title",
    "titled",
    "has titles",
    "has affiliations",
    "speaks",
    "the before its name",
    "a place preposition before its name",
    "possessive after its name",
    "log mentions",
    "who after its name",
    "which after its name",
    "an age after its name",
    "qualifies a person noun",
    "of it after a person noun",
    "subject of a plural verb",
    "first name prior x NER PERSON",
    "first name prior x NER ORG",
    "one word x NER ORG",
    "one word x NER PERSON",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


def features(st: State, index: int, speaking: set[int]) -> tuple[float, ...] | None:
    """The entity's evidence as FEATURES; None for an entity with no name mention (a
    description or pronouns alone: the rules' nouns decide those)."""
    e = st.entities[index]
    names = [span for span in _name_spans(st, e)]
    if not names:
        return None
    f = [0.0] * len(FEATURES)
    f[0] = 1.0
    for span in names:
        label = span.root.ent_type_ or "NONE"
        label = label if label in _LABELS else "WORK" if label in _WORK else "OTHER"
        f[_INDEX[f"NER {label}"]] += 1 / len(names)
    shown = _rules_kind(st, e)
    f[_INDEX[f"rules: {shown}"]] = 1
    words = e.name.split()
    tokens = e.tokens or norm_text(e.name).split()
    n = len(tokens)
    f[_INDEX["one word" if n <= 1 else "two words" if n == 2 else "three words or more"]] = 1
    f[_INDEX["all capitals"]] = float(e.name.isupper() and len(e.name) >= 2)
    f[_INDEX["a lowercase word inside"]] = float(
        any(w[:1].islower() and w not in ("of", "and", "the", "for") for w in words[1:])
    )
    f[_INDEX["of, and or & inside"]] = float(any(w in ("of", "and", "&", "for") for w in words))
    f[_INDEX["a digit inside"]] = float(any(c.isdigit() for c in e.name))
    first, last = (tokens[0], tokens[-1]) if tokens else ("", "")
    prior_first = n > 1 and first in prior()
    f[_INDEX["first word a first name (prior)"]] = float(prior_first)
    f[_INDEX["first word a first name (lexicon)"]] = float(
        n > 1 and (first in FEMALE_NAMES or first in MALE_NAMES)
    )
    f[_INDEX["ends in a legal form"]] = float(last in LEGAL_FORMS)
    f[_INDEX["ends in a company's word"]] = float(last in COMPANY_ENDINGS)
    f[_INDEX["ends in an organisation's word"]] = float(last in ORG_ONLY_HEADS)
    root = names[0].root
    lemma = lemma_of(root)
    f[_INDEX["ends in an organisation noun"]] = float(lemma in ORG_NOUNS)
    f[_INDEX["ends in a person noun"]] = float(lemma in PERSON_NOUNS)
    f[_INDEX["head a person noun"]] = float(e.head in PERSON_NOUNS and e.head != "person")
    f[_INDEX["head an organisation noun"]] = float(e.head in ORG_NOUNS)
    f[_INDEX["ends in a plural"]] = float(root.tag_ in ("NNS", "NNPS"))
    norm = norm_text(e.name)
    f[_INDEX["a known organisation"]] = float(norm in KNOWN_ORGS)
    f[_INDEX["a party"]] = float(norm in PARTIES or norm.removesuffix(" party") in PARTIES)
    said = [norm_text(s.text) for s in e.mentions.values()]
    f[_INDEX["he/she resolved to it"]] = float(any(w in THIRD_SINGULAR for w in said))
    f[_INDEX["it/its resolved to it"]] = float(any(w in _IT for w in said))
    f[_INDEX["they resolved to it"]] = float(any(w in PLURAL for w in said))
    f[_INDEX["I/we resolved to it"]] = float(any(w in FIRST for w in said))
    f[_INDEX["honorific or gendered title"]] = float(
        any(s.start > 0 and word_key(st.doc[s.start - 1]) in GENDERED_HONORIFICS for s in names)
        or any(word_key(s[0]) in GENDERED_HONORIFICS for s in names)
    )
    f[_INDEX["titled"]] = float(
        e.titled or any(s.start > 0 and word_key(st.doc[s.start - 1]) in TITLE_WORDS for s in names)
    )
    f[_INDEX["has titles"]] = float(bool(e.titles))
    f[_INDEX["has affiliations"]] = float(bool(e.affiliations))
    f[_INDEX["speaks"]] = float(index in speaking)
    before = [st.doc[s.start - 1].lower_ if s.start else "" for s in names]
    f[_INDEX["the before its name"]] = sum(w == "the" for w in before) / len(names)
    f[_INDEX["a place preposition before its name"]] = sum(
        w in _PLACE_PREPS or (s.start > 1 and w == "the" and st.doc[s.start - 2].lower_ in
                              _PLACE_PREPS)
        for w, s in zip(before, names, strict=True)
    ) / len(names)  # fmt: skip
    f[_INDEX["possessive after its name"]] = sum(
        s.end < len(st.doc) and st.doc[s.end].tag_ == "POS" for s in names
    ) / len(names)
    f[_INDEX["log mentions"]] = math.log1p(len(e.mentions))
    after = [_after(st, span) for span in names]
    f[_INDEX["who after its name"]] = float(any(w == "who" for w in after))
    f[_INDEX["which after its name"]] = float(any(w == "which" for w in after))
    f[_INDEX["an age after its name"]] = float(any(w.isdigit() and len(w) <= 3 for w in after))
    f[_INDEX["qualifies a person noun"]] = float(
        any(
            s.root.dep_ in ("compound", "poss") and lemma_of(s.root.head) in PERSON_NOUNS
            for s in names
        )
    )
    f[_INDEX["of it after a person noun"]] = float(
        any(
            s.root.dep_ == "pobj"
            and s.root.head.lower_ == "of"
            and lemma_of(s.root.head.head) in PERSON_NOUNS
            for s in names
        )
    )
    f[_INDEX["subject of a plural verb"]] = float(
        any(
            s.root.dep_ == "nsubj" and s.root.tag_ == "NNP" and s.root.head.tag_ == "VBP"
            for s in names
        )
    )
    f[_INDEX["first name prior x NER PERSON"]] = prior_first * f[_INDEX["NER PERSON"]]
    f[_INDEX["first name prior x NER ORG"]] = prior_first * f[_INDEX["NER ORG"]]
    f[_INDEX["one word x NER ORG"]] = f[_INDEX["one word"]] * f[_INDEX["NER ORG"]]
    f[_INDEX["one word x NER PERSON"]] = f[_INDEX["one word"]] * f[_INDEX["NER PERSON"]]
    return tuple(f)


def _after(st: State, span) -> str:
    """The word after a name and its comma ("X, who", "X, 45,")."""
    i = span.end + (span.end < len(st.doc) and st.doc[span.end].text == ",")
    return st.doc[i].lower_ if i < len(st.doc) else ""


def _name_spans(st: State, e: Entity) -> list:
    """The token spans of the entity's mentions that are names: a proper noun or a name the
    NER marked at their head, not a pronoun."""
    out = []
    for s, end in sorted(e.mentions):
        span = st.doc.char_span(s, end, alignment_mode="expand")
        if span is None or span.root.pos_ == "PRON":
            continue
        if span.root.pos_ == "PROPN" or span.root.ent_type_:
            out.append(span)
    return out


def _rules_kind(st: State, e: Entity) -> str:
    kind = reported_kind(st, e)
    if kind is None:
        return "no speaker"
    if e.kind == "unknown":
        return "unknown, a person noun" if kind == "person" else "unknown, other"
    return kind


@dataclass(frozen=True, slots=True)
class KindModel:
    """A multinomial logistic model over FEATURES, one row of weights per class of CLASSES;
    it overrides the rules where its probability is at least `threshold`."""

    weights: tuple[tuple[float, ...], ...]
    threshold: float = 0.5

    def probabilities(self, x: tuple[float, ...]) -> list[float]:
        z = [sum(w * v for w, v in zip(row, x, strict=True)) for row in self.weights]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def decide(self, x: tuple[float, ...], speaks: bool = False) -> tuple[str, float]:
        """The most probable class and its probability; never "none" for an entity that
        speaks a quote (the quote keeps its speaker)."""
        p = self.probabilities(x)
        classes = [k for k, c in enumerate(CLASSES) if not (speaks and c == "none")]
        best = max(classes, key=p.__getitem__)
        return CLASSES[best], p[best]

    def to_dict(self) -> dict:
        return {
            "threshold": self.threshold,
            "weights": {
                c: dict(zip(FEATURES, row, strict=True))
                for c, row in zip(CLASSES, self.weights, strict=True)
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> KindModel:
        weights = data["weights"]
        if set(weights) != set(CLASSES) or any(set(w) != set(FEATURES) for w in weights.values()):
            raise ValueError("the kind model's weights name other classes or features")
        return cls(
            tuple(tuple(float(weights[c][f]) for f in FEATURES) for c in CLASSES),
            float(data.get("threshold", 0.5)),
        )


@cache
def shipped() -> KindModel:
    """The kind model shipped in the package's data folder."""
    data = json.loads(files("saidwhat").joinpath("data/kinds.json").read_text("utf-8"))
    return KindModel.from_dict(data)


def decide_kinds(st: State, model: KindModel | None = None) -> None:
    """Each named entity takes the kind the model gives it where the model is confident;
    "none" marks it as no speaker entity."""
    model = model or shipped()
    speaking = {i for i in st.assign.values() if i is not None}
    for index, e in enumerate(st.entities):
        x = features(st, index, speaking)
        if x is None:
            continue
        kind, p = model.decide(x, index in speaking)
        if p < model.threshold:
            continue
        if kind == "none":
            e.thing = True
        else:
            e.kind = _KIND[kind]
            e.thing = False


_KIND: dict[str, SpeakerKind] = {
    "person": "person",
    "organisation": "organisation",
    "group": "group",
}
