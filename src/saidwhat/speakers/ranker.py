"""The antecedent ranker: takes a he/she pronoun and the resolution state; gives each
candidate entity (the people and unnamed someones mentioned in the narrative sentences
before it) the features a reader weighs, and the candidate a logistic model trained on GUM's
gold coreference ranks first (`data/antecedents.json`; `scripts/train_ranker.py` fits it).
The rules' own choice is one of the features, and where the model has no candidate the
rules decide."""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from saidwhat.speakers.entities import Mention, State
from saidwhat.speakers.words import RANKER_SENTS, SUBJECT_DEPS

FEATURES = (
    "bias",
    "same sentence",
    "1 sentence back",
    "2 sentences back",
    "3 sentences back",
    "4+ sentences back",
    "same paragraph",
    "main subject",
    "other subject",
    "pronoun is subject, candidate main subject",
    "most recent candidate",
    "second most recent candidate",
    "fits the gender",
    "fits but for one pronoun",
    "gender said by the article",
    "gender said otherwise",
    "first name fits",
    "first name says otherwise",
    "log mentions",
    "named",
    "rules' choice",
    "last speaker",
    "speaker of the quote it is in",
    "last he/she of this gender",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: int
    features: tuple[float, ...]


def candidates(st: State, tok: Token, gender: str, rule_pick: int | None) -> list[Candidate]:
    """The animate entities mentioned in the narrative before `tok` within RANKER_SENTS
    sentences (asides neither count nor hold antecedents), with their features."""
    sent = st.sent_of[tok.i]
    seen: dict[int, list] = {}  # entity -> [last sentence, last rank, count, order]
    pos = bisect_left(st.mentions, Mention(tok.i, -1, 0, 0))
    for m in reversed(st.mentions[:pos]):
        distance = st.narrative_distance(m.sent, sent)
        if distance > RANKER_SENTS:
            break
        if m.sent == sent and not m.rank:
            continue  # in its own sentence only a subject before it is an antecedent
        entity = st.entities[m.entity]
        if not entity.animate() or not entity.could_be(gender, 2):
            continue  # what the article says of their gender rules them out
        if m.entity not in seen:
            seen[m.entity] = [m.sent, m.rank, 0, len(seen)]
        elif seen[m.entity][0] == m.sent:
            seen[m.entity][1] = max(seen[m.entity][1], m.rank)
        seen[m.entity][2] += 1
    chain = st.last_pronoun.get(gender)
    if chain is not None and chain not in seen and st.entities[chain].could_be(gender, 2):
        seen[chain] = [-1, 0, 1, len(seen)]
    in_quote_of = quote_speakers(st, tok)
    own_subject = tok.dep_ in SUBJECT_DEPS
    other = "female" if gender == "male" else "male"
    out = []
    for index, (last_sent, rank, count, order) in seen.items():
        e = st.entities[index]
        f = [0.0] * len(FEATURES)
        f[_INDEX["bias"]] = 1
        distance = RANKER_SENTS if last_sent < 0 else st.narrative_distance(last_sent, sent)
        f[_INDEX[_DISTANCES[min(distance, 4)]]] = 1
        f[_INDEX["same paragraph"]] = float(
            last_sent >= 0 and st.paragraph_of_sent(last_sent) == st.paragraph_of_sent(sent)
        )
        f[_INDEX["main subject"]] = float(rank == 2)
        f[_INDEX["other subject"]] = float(rank == 1)
        f[_INDEX["pronoun is subject, candidate main subject"]] = float(rank == 2 and own_subject)
        f[_INDEX["most recent candidate"]] = float(order == 0)
        f[_INDEX["second most recent candidate"]] = float(order == 1)
        f[_INDEX["fits the gender"]] = float(e.could_be(gender))
        f[_INDEX["fits but for one pronoun"]] = float(e.could_be(gender, 2))
        f[_INDEX["gender said by the article"]] = float(e.votes.get(gender, 0) > 0)
        f[_INDEX["gender said otherwise"]] = float(e.votes.get(other, 0) > 0)
        named = e.name_gender()
        f[_INDEX["first name fits"]] = float(named == gender)
        f[_INDEX["first name says otherwise"]] = float(named == other)
        f[_INDEX["log mentions"]] = math.log1p(count)
        f[_INDEX["named"]] = float(e.kind == "person")
        f[_INDEX["rules' choice"]] = float(index == rule_pick)
        f[_INDEX["last speaker"]] = float(index == st.last_speaker)
        f[_INDEX["speaker of the quote it is in"]] = float(index in in_quote_of)
        f[_INDEX["last he/she of this gender"]] = float(index == chain)
        out.append(Candidate(index, tuple(f)))
    return out


_DISTANCES = (
    "same sentence",
    "1 sentence back",
    "2 sentences back",
    "3 sentences back",
    "4+ sentences back",
)


def quote_speakers(st: State, tok: Token) -> set[int]:
    """The speakers of the quotes whose contents hold the token (reported speech: "X said
    she would …")."""
    return {
        index
        for q in st.quotes
        if (index := st.assign.get(id(q))) is not None
        and any(c.start <= tok.idx < c.end for c in q.contents)
    }


@dataclass(frozen=True, slots=True)
class Ranker:
    """A logistic model over FEATURES; a candidate scoring under `threshold` is never
    chosen."""

    weights: tuple[float, ...]
    threshold: float = 0.0

    def score(self, candidate: Candidate) -> float:
        z = sum(w * x for w, x in zip(self.weights, candidate.features, strict=True))
        return 1 / (1 + math.exp(-z))

    def best(self, found: list[Candidate]) -> int | None:
        best = max(found, key=self.score, default=None)
        return best.entity if best is not None and self.score(best) >= self.threshold else None

    def to_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.weights, strict=True))

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> Ranker:
        if set(data) != set(FEATURES):
            raise ValueError("the ranker's weights name other features than FEATURES")
        return cls(tuple(float(data[name]) for name in FEATURES))


@cache
def shipped() -> Ranker:
    """The ranker shipped in the package's data folder."""
    data = json.loads(files("saidwhat").joinpath("data/antecedents.json").read_text("utf-8"))
    return Ranker.from_dict(data["weights"])
