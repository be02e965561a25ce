"""The transformer half of the attribution model: MiniLM-L6 fine-tuned on PolNeAR.

Takes a spaCy Doc, tokenized (it reads only the words, so it can run before the parse),
and its paragraphs (lists of token indices, see `features.paragraphs`); gives, per
paragraph, each token's probabilities of the seven BIO tags (`TAGS`). The network runs
through onnxruntime from `encoder.onnx` (int8 weights) with the WordPiece vocabulary in
`tokenizer.json`, both in the model folder; no PyTorch at run time. It is built by
`saidwhat train` (see `saidwhat.model.train_encoder`). A model trained with left context
(`EncoderSettings.context`, `encoder_context` in `meta.json`) sees the end of the previous
paragraph before each paragraph, and is fed so at tagging time too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import onnxruntime
from tokenizers import Tokenizer

if TYPE_CHECKING:  # only a type here: the encoder and its trainer run without spaCy
    from spacy.tokens import Doc

TAGS = ("O", "B-cue", "I-cue", "B-source", "I-source", "B-content", "I-content")
TAG_INDEX = {t: k for k, t in enumerate(TAGS)}
MODEL_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
# Word pieces per window, [CLS] and [SEP] aside: a longer paragraph is cut into windows at
# word boundaries. Training used the same windows.
WINDOW = 254
# Fine-tuning epochs of the shipped encoder (saidwhat.model.train_encoder); here because the
# trainer itself needs PyTorch, which the CLI's defaults must not import.
ENCODER_EPOCHS = 8
# MiniLM's positions: a window's context goes on top of WINDOW, [CLS] and two [SEP]s.
POSITIONS = 512
MAX_CONTEXT = POSITIONS - WINDOW - 3
# The model folder's meta.json key of the context the encoder was trained with (absent: 0).
CONTEXT_KEY = "encoder_context"


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """How the encoder is trained: `epochs` of fine-tuning (0: none, the CRF alone) and
    `context`, the most word pieces of the previous paragraph's end put before each window
    (0: a paragraph alone, as the shipped encoder was trained)."""

    epochs: int = ENCODER_EPOCHS
    context: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.context <= MAX_CONTEXT:
            raise ValueError(f"encoder context {self.context}: from 0 to {MAX_CONTEXT} pieces")


@dataclass(slots=True)
class Window:
    """One network input: word pieces of paragraph `para`'s words from `first` on, with
    the position of each word's first piece (where its tags are read), after any context."""

    para: int
    first: int
    ids: list[int]
    heads: list[int]


def load_tokenizer(path: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def windows(
    tokenizer: Tokenizer,
    paras: Sequence[Sequence[str]],
    context: int = 0,
    starts: Collection[int] = (),
) -> list[Window]:
    """The windows of paragraphs given as their words; what training and tagging feed.
    With `context`, each window of a paragraph is [CLS] context [SEP] paragraph [SEP], the
    context the previous paragraph's last words of at most that many pieces in all; the
    first paragraph has none, nor do those in `starts` (where `paras` runs over several
    articles, the indices of their first paragraphs)."""
    cls, sep, unk = (tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[UNK]"))
    words = [w for para in paras for w in para]
    # A word the vocabulary cannot spell (an emoji, a control character) is [UNK].
    pieces = [e.ids or [unk] for e in tokenizer.encode_batch(words, add_special_tokens=False)]
    out = []
    k = 0
    for p, para in enumerate(paras):
        left = [] if p == 0 or p in starts else tail(pieces[k - len(paras[p - 1]) : k], context)
        for first, last in cut(pieces[k : k + len(para)], WINDOW):
            ids, heads = [cls, *left, sep] if left else [cls], []
            for w in range(k + first, k + last):
                heads.append(len(ids))
                ids += pieces[w][:WINDOW]
            ids.append(sep)
            out.append(Window(p, first, ids, heads))
        k += len(para)
    return out


_started = False


def started() -> bool:
    """Whether this process has made an onnxruntime session. Its threads do not survive a
    fork, and a forked child of such a process hangs in its own first session: parallel.py
    spawns its workers then, and forks them only from a process that has not."""
    return _started


class Encoder:
    """A fine-tuned token classifier: call `probs(doc, paras)`."""

    def __init__(self, folder: Path, context: int = 0) -> None:
        self.path = folder / MODEL_FILE
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no encoder in this model folder")
        self.tokenizer = load_tokenizer(folder / TOKENIZER_FILE)
        self.context = context  # what it was trained with (meta.json's CONTEXT_KEY)
        self._session: onnxruntime.InferenceSession | None = None

    def session(self) -> onnxruntime.InferenceSession:
        """The onnxruntime session, made on first use (see `started`), on one thread:
        one window at a time is too small a product to share out, and worker processes
        (parallel.py) use the other cores."""
        global _started
        if self._session is None:
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(
                str(self.path), options, providers=["CPUExecutionProvider"]
            )
            _started = True
        return self._session

    def probs(self, doc: Doc, paras: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Tag probabilities, one (tokens x 7) array per paragraph."""
        out = [np.zeros((len(para), len(TAGS)), np.float32) for para in paras]
        session = self.session()
        # One window a run: padding a batch to its longest window cost more than the
        # batching saved (2,900 against 8,500 words/s on PolNeAR dev), and int8 activations
        # are scaled per run, so a paragraph's tags do not depend on its neighbours.
        words = [[doc[i].text for i in para] for para in paras]
        for w in windows(self.tokenizer, words, self.context):
            ids = np.array([w.ids], np.int64)
            inputs = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            (logits,) = session.run(None, inputs)
            out[w.para][w.first : w.first + len(w.heads)] = softmax(logits[0, w.heads])
        return out


def cut(pieces: Sequence[Sequence[int]], window: int) -> list[tuple[int, int]]:
    """[first, last) word ranges whose pieces fit in `window` (a word longer than the
    window is cut to it and stands alone)."""
    out: list[tuple[int, int]] = []
    first, used = 0, 0
    for w, p in enumerate(pieces):
        n = min(len(p), window)
        if w > first and used + n > window:
            out.append((first, w))
            first, used = w, 0
        used += n
    if len(pieces) > first:
        out.append((first, len(pieces)))
    return out


def tail(pieces: Sequence[Sequence[int]], context: int) -> list[int]:
    """The pieces of the last whole words that fit in `context` pieces."""
    out: list[int] = []
    for p in reversed(pieces):
        if len(out) + len(p) > context:
            break
        out[:0] = p
    return out


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)
