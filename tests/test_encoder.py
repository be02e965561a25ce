"""The encoder's plumbing: words to word-piece windows and back, and the BIO decoding of
its probabilities; then the shipped encoder on real text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from tests.conftest import EXAMPLE_UK, need

from saidwhat.model.encoder import (
    CONTEXT_KEY,
    MAX_CONTEXT,
    POSITIONS,
    TAGS,
    WINDOW,
    Encoder,
    EncoderSettings,
    Window,
    cut,
    load_tokenizer,
    windows,
)
from saidwhat.model.features import paragraphs
from saidwhat.model.tagger import SHIPPED, Tagger
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


PARAS = [
    ["The", "councillors", "met", "on", "Tuesday", "."],
    ["Ms", "Okonkwo-Baptiste", "said", "it", "was", "unaffordable", "."],
    ["She", "walked", "out", "."],
]


def test_no_context_gives_a_paragraph_alone() -> None:
    tokenizer = load_tokenizer(SHIPPED / "tokenizer.json")
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    wins = windows(tokenizer, PARAS, context=0, starts={1})
    assert wins == windows(tokenizer, PARAS)
    for w, para in zip(wins, PARAS, strict=True):
        pieces = [tokenizer.encode(word, add_special_tokens=False).ids for word in para]
        assert w.ids == [cls, *(i for p in pieces for i in p), sep]
        assert w.heads == [1 + sum(map(len, pieces[:k])) for k in range(len(para))]


def test_context_is_the_previous_paragraphs_last_whole_words() -> None:
    tokenizer = load_tokenizer(SHIPPED / "tokenizer.json")
    sep = tokenizer.token_to_id("[SEP]")
    plain = windows(tokenizer, PARAS)
    wins = windows(tokenizer, PARAS, context=6)
    assert wins[0] == plain[0]  # the first paragraph has none

    def context(w: Window) -> list[str]:
        return [tokenizer.id_to_token(i) for i in w.ids[1 : w.ids.index(sep)]]

    assert context(wins[1]) == ["the", "councillors", "met", "on", "tuesday", "."]
    assert context(wins[2]) == ["was", "una", "##ff", "##ord", "##able", "."]
    # Four pieces take no part of "unaffordable": the context stops at a word boundary.
    assert context(windows(tokenizer, PARAS, context=4)[2]) == ["."]
    for w, p in zip(wins[1:], plain[1:], strict=True):
        shift = w.ids.index(sep)  # [CLS], the context, then [SEP]
        # The paragraph follows as it stood alone, and its tags are read there only.
        assert w.ids[shift + 1 :] == p.ids[1:]
        assert w.heads == [h + shift for h in p.heads]
        assert min(w.heads) > shift and (w.para, w.first) == (p.para, p.first)
    # An article's first paragraph, where `paras` runs over several, has none either.
    assert windows(tokenizer, PARAS, context=6, starts={2})[2] == plain[2]


def test_context_goes_on_top_of_every_window_of_a_long_paragraph() -> None:
    tokenizer = load_tokenizer(SHIPPED / "tokenizer.json")
    long = ["councillors"] * (WINDOW + 50)
    wins = windows(tokenizer, [PARAS[0], long], context=MAX_CONTEXT)
    assert [w.para for w in wins] == [0, 1, 1]
    assert all(w.ids[1:8] == wins[0].ids[1:8] for w in wins[1:])
    assert max(len(w.ids) for w in wins) <= WINDOW + 3 + len(PARAS[0]) <= POSITIONS
    assert MAX_CONTEXT + WINDOW + 3 == POSITIONS
    with pytest.raises(ValueError, match="encoder context"):
        EncoderSettings(context=MAX_CONTEXT + 1)


def test_the_model_folder_says_how_much_context_its_encoder_takes(
    nlp: Language, tmp_path: Path
) -> None:
    assert Tagger.load().encoder.context == 0  # type: ignore[union-attr]  # meta.json: absent
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED, folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, CONTEXT_KEY: 32}), encoding="utf-8")
    encoder = Tagger.load(folder).encoder
    assert encoder is not None and encoder.context == 32
    doc = nlp("The councillors met on Tuesday.\n\nMs Okonkwo said it was unaffordable.")
    paras = paragraphs(doc)
    alone, after = Encoder(SHIPPED).probs(doc, paras), encoder.probs(doc, paras)
    assert [p.shape for p in after] == [(len(para), len(TAGS)) for para in paras]
    assert np.array_equal(alone[0], after[0])  # the first paragraph has no context
    assert not np.array_equal(alone[1], after[1])


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
