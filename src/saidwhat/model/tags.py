"""BIO tags over three roles (a PolNeAR token has at most one): takes character spans by
role or tag probabilities; gives each token's tag (`token_roles`, as CofeNet's gold was
made), the spans a paragraph's tags hold (`spans_of`) and the most probable well-formed tag
sequence (`decode`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from saidwhat.model.encoder import TAGS
from saidwhat.model.features import tokens_in

if TYPE_CHECKING:  # only a type here: decoding and scoring run without spaCy (a GPU's trainer)
    from spacy.tokens import Doc

ROLES = ("cue", "source", "content")
PRIORITY = ("cue", "source", "content")  # a token in two gold spans takes the first role


def token_roles(doc: Doc, spans: dict[str, Iterable[tuple[int, int]]]) -> list[str]:
    """BIO tag per token for character spans by role, covered as CofeNet's gold was made:
    a token belongs to a span holding its last character or starting at its first."""
    role_at: list[str | None] = [None] * len(doc)
    starts: set[tuple[str, int]] = set()
    offsets = [t.idx for t in doc]
    for role in reversed(PRIORITY):  # higher priority written last, so it wins
        for s, e in spans.get(role, ()):
            first = True
            for i in tokens_in(doc, offsets, s, e):
                tok = doc[i]
                te = tok.idx + len(tok.text)
                if tok.is_space or not (s <= te - 1 < e or s == tok.idx < e):
                    continue
                role_at[tok.i] = role
                if first:
                    starts.add((role, tok.i))
                    first = False
    labels = []
    before = None  # the role of the previous word: whitespace tokens do not break a span
    for i, role in enumerate(role_at):
        if role is None:
            labels.append("O")
        elif (role, i) in starts or before != role:
            labels.append("B-" + role)
        else:
            labels.append("I-" + role)
        if not doc[i].is_space:
            before = role
    return labels


def spans_of(labels: Sequence[str], index: Sequence[int]) -> list[tuple[str, int, int]]:
    """(role, first, last) runs of a paragraph's tags; `index` maps positions to tokens."""
    out: list[tuple[str, int, int]] = []
    cur, start = None, 0
    for k, lab in enumerate([*labels, "O"]):
        if lab.startswith("I-") and lab[2:] == cur:
            continue
        if cur is not None:
            out.append((cur, index[start], index[k - 1]))
            cur = None
        if lab != "O":  # an I- after another role opens a span, as B- does
            cur, start = lab[2:], k
    return out


def _allowed(a: str, b: str) -> bool:
    """May tag b follow tag a? I-x only continues an x span; B-x may not open right where
    an x span ends: PolNeAR dev has 37 such touching pairs in 7,019 spans, and the model
    made them mostly by cutting one content in two (dev content F1 +0.5 without them)."""
    if b.startswith("I-"):
        return a[2:] == b[2:]
    return not (b.startswith("B-") and a[2:] == b[2:])


# A paragraph may not open with an I- tag either.
_STEP = np.array([[0.0 if _allowed(a, b) else -np.inf for b in TAGS] for a in TAGS])
_OPEN = np.array([-np.inf if t.startswith("I-") else 0.0 for t in TAGS])


def decode(probs: np.ndarray) -> list[str]:
    """The most probable well-formed BIO sequence for per-token tag probabilities."""
    logp = np.log(np.maximum(probs, 1e-9))
    score = _OPEN + logp[0]
    back = []
    for row in logp[1:]:
        step = score[:, None] + _STEP
        back.append(step.argmax(0))
        score = step.max(0) + row
    best = [int(score.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return [TAGS[k] for k in reversed(best)]
