"""Distilling teachers into the encoder (`train_encoder.fine_tune`'s `soft`): the teachers'
probabilities must land on the very words whose tags they are. A teacher that is the gold
itself (one-hot, one annotator) makes the loss the plain one, so the same network; any
other teacher moves it. Built on sentences of our own: this tests the plumbing, not PolNeAR."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from saidwhat.model.encoder import TAG_INDEX, TAGS, EncoderSettings
from saidwhat.model.train_encoder import fine_tune, tag_probs

WORDS = [
    ["The", "mayor", "said", "the", "budget", "was", "fair", "."],
    ["Critics", "called", "it", "a", "give-away", "to", "developers", "."],
    ["It", "passed", "on", "Tuesday", "."],
]
TAGGED = [
    ["O", "B-source", "B-cue", "B-content", "I-content", "I-content", "I-content", "O"],
    ["B-source", "B-cue", "B-content", "I-content", "I-content", "I-content", "I-content", "O"],
    ["O", "O", "O", "O", "O"],
]
# Two articles, the second one paragraph long: paragraphs run on across articles.
ARTICLES = [
    [(WORDS[0], [TAGGED[0]]), (WORDS[1], [TAGGED[1]])],
    [(WORDS[2], [TAGGED[2]])],
]
WORDS_BY_ARTICLE = [[words for words, _ in article] for article in ARTICLES]


def one_hot(tags: list[str]) -> np.ndarray:
    out = np.zeros((len(tags), len(TAGS)), np.float32)
    out[np.arange(len(tags)), [TAG_INDEX[t] for t in tags]] = 1.0
    return out


def tuned(soft: list[np.ndarray] | None) -> torch.nn.Module:
    settings = EncoderSettings(epochs=2)
    return fine_tune(ARTICLES, [], lambda *_: None, settings, seed=5, soft=soft, log=lambda _: None)


@pytest.fixture(scope="module")
def plain() -> list[np.ndarray]:
    torch.set_num_threads(1)
    return tag_probs(tuned(None), WORDS_BY_ARTICLE, 0)


def test_tag_probs_are_one_distribution_per_word(plain: list[np.ndarray]) -> None:
    assert [p.shape for p in plain] == [(len(w), len(TAGS)) for w in WORDS]
    for p in plain:
        assert np.allclose(p.sum(1), 1.0, atol=1e-5)


def test_a_teacher_that_is_the_gold_changes_nothing(plain: list[np.ndarray]) -> None:
    taught = tag_probs(tuned([one_hot(t) for t in TAGGED]), WORDS_BY_ARTICLE, 0)
    for a, b in zip(plain, taught, strict=True):
        assert np.allclose(a, b, atol=1e-4)


def test_a_teacher_moves_the_student(plain: list[np.ndarray]) -> None:
    # A teacher sure that the last paragraph's "Tuesday" opens a source.
    teacher = [one_hot(t) for t in TAGGED]
    teacher[2][3] = one_hot(["B-source"])[0]
    taught = tag_probs(tuned(teacher), WORDS_BY_ARTICLE, 0)
    source = TAG_INDEX["B-source"]
    assert taught[2][3, source] > plain[2][3, source] + 0.01
