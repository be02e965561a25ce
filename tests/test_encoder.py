"""The encoder's plumbing: words to word-piece windows and back, and the BIO decoding of
its probabilities; then the shipped encoder on real text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from tests.conftest import EXAMPLE_UK, need

from saidwhat.model.encoder import TAGS, WINDOW, Encoder, cut, load_tokenizer, windows
from saidwhat.model.features import paragraphs
from saidwhat.model.tagger import SHIPPED
from saidwhat.model.tags import decode


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(SHIPPED)


@given(st.lists(st.integers(1, 300), max_size=60), st.integers(4, 300))
def test_cut_covers_every_word_once_within_the_window(sizes: list[int], window: int) -> None:
    pieces = [[7] * n for n in sizes]
    ranges = cut(pieces, window)
    assert [w for first, last in ranges for w in range(first, last)] == list(range(len(sizes)))
    for first, last in ranges:
        used = sum(min(n, window) for n in sizes[first:last])
        assert used <= window or last - first == 1  # only a lone overlong word overflows


def test_windows_read_each_word_at_its_first_piece() -> None:
    tokenizer = load_tokenizer(SHIPPED / "tokenizer.json")
    paras = [["Ms", "Okonkwo-Baptiste", "said", "it", "was", "unaffordable", "."], ["🙂"]]
    wins = windows(tokenizer, paras)
    cls, sep, unk = (tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[UNK]"))
    assert [(w.para, w.first, len(w.heads)) for w in wins] == [(0, 0, 7), (1, 0, 1)]
    first = wins[0]
    assert first.ids[0] == cls and first.ids[-1] == sep
    assert tokenizer.id_to_token(first.ids[first.heads[2]]) == "said"
    # A hyphenated name is several pieces; the next word starts after all of them.
    assert first.heads[2] - first.heads[1] > 1
    assert wins[1].ids[1] in (unk, *tokenizer.encode("🙂", add_special_tokens=False).ids)


def test_a_paragraph_longer_than_a_window_is_split() -> None:
    tokenizer = load_tokenizer(SHIPPED / "tokenizer.json")
    words = ["councillors"] * (WINDOW + 50)
    wins = windows(tokenizer, [words])
    assert len(wins) >= 2
    assert sum(len(w.heads) for w in wins) == len(words)
    assert all(len(w.ids) <= WINDOW + 2 for w in wins)


def test_decode_gives_well_formed_bio() -> None:
    # The most probable tag of the second token is I-content after a cue: not allowed.
    probs = np.full((3, len(TAGS)), 0.01)
    probs[0, TAGS.index("B-cue")] = 0.9
    probs[1, TAGS.index("I-content")] = 0.6
    probs[1, TAGS.index("B-content")] = 0.3
    probs[2, TAGS.index("I-content")] = 0.9
    assert decode(probs) == ["B-cue", "B-content", "I-content"]
    opening = np.full((1, len(TAGS)), 0.01)
    opening[0, TAGS.index("I-source")] = 0.9
    assert decode(opening)[0] != "I-source"


def test_shipped_encoder_on_a_real_article(nlp: Language, encoder: Encoder) -> None:
    doc = nlp(need(EXAMPLE_UK).read_text(encoding="utf-8"))
    paras = paragraphs(doc)
    probs = encoder.probs(doc, paras)
    assert [p.shape for p in probs] == [(len(para), len(TAGS)) for para in paras]
    assert all(np.allclose(p.sum(1), 1.0, atol=1e-4) for p in probs)
    # "Mr Ashworth also said ...": the encoder alone finds the cue and its source.
    said = next(t for t in doc if t.text == "said" and doc[t.i - 2].text == "Ashworth")
    k = next(n for n, para in enumerate(paras) if said.i in para)
    tags = decode(probs[k])
    at = paras[k].index(said.i)
    assert tags[at - 3 : at + 1] == ["B-source", "I-source", "B-cue", "I-cue"]


def test_no_paragraphs_no_work(nlp: Language, encoder: Encoder) -> None:
    assert encoder.probs(nlp(""), []) == []
