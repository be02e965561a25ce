"""The CRF's features: takes a parsed Doc, the quotation spans the rules found and the cue
lexicon; gives each token's feature strings (Citron's kind: words, lemmas, the parse, the
quotation marks, where the cue words are) and the nearest centroids of spaCy's token vectors
(`Clusters`). Also the paragraphs a Doc is tagged in, one sequence each."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from saidwhat.article import Span

if TYPE_CHECKING:  # only types here: see tags.py
    from spacy.tokens import Doc, Token

# Token distances are bucketed so that the CRF sees few distinct feature values.
_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (3, "3"), (5, "4-5"), (10, "6-10"), (20, "11-20"))


def _bucket(n: int) -> str:
    return next((name for top, name in _BUCKETS if n <= top), "20+")


def paragraphs(doc: Doc) -> list[list[int]]:
    """Token indices per paragraph, whitespace tokens left out; a newline splits."""
    paras: list[list[int]] = [[]]
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and paras[-1]:
                paras.append([])
            continue
        paras[-1].append(tok.i)
        if "\n" in tok.whitespace_ and paras[-1]:
            paras.append([])
    return [p for p in paras if p]


def lexicon_of(cue_counts: dict[str, int], all_counts: dict[str, int]) -> dict[str, str]:
    """Cue lemmas with how often the lemma is a cue when it appears: high, mid or low."""
    lexicon = {}
    for lemma, n in cue_counts.items():
        if n < 3:
            continue
        ratio = n / max(all_counts.get(lemma, n), n)
        lexicon[lemma] = "h" if ratio >= 0.5 else "m" if ratio >= 0.15 else "l"
    return lexicon


def tokens_in(doc: Doc, starts: list[int], s: int, e: int) -> range:
    """Indices of the tokens that share a character with [s, e)."""
    first = max(bisect_right(starts, s) - 1, 0)
    if first < len(doc) and doc[first].idx + len(doc[first].text) <= s:
        first += 1
    return range(first, bisect_left(starts, e))


def _quote_marks(
    doc: Doc, quotations: Sequence[Span], lex: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """Per token: inside a quotation (q) or not; whether it opens/closes one; and whether
    a cue word follows the quotation closely (A), precedes it (B) or neither (N)."""
    inside = [""] * len(doc)
    edge = [""] * len(doc)
    near = [""] * len(doc)
    starts = [t.idx for t in doc]
    for q in quotations:
        toks = [i for i in tokens_in(doc, starts, q.start, q.end) if not doc[i].is_space]
        if not toks:
            continue
        after = _words(doc, toks[-1] + 1, 1, 4)
        before = _words(doc, toks[0] - 1, -1, 6)
        cue = (
            "A"
            if any(lex[j] in ("h", "m") for j in after)
            else "B"
            if any(lex[j] in ("h", "m") for j in before)
            else "N"
        )
        for i in toks:
            inside[i], near[i] = "q", cue
        edge[toks[0]] = "open"
        edge[toks[-1]] = "close"
    return inside, edge, near


def _words(doc: Doc, start: int, step: int, count: int) -> list[int]:
    """Up to `count` non-space tokens from `start` on, in the direction of `step`, not
    crossing a paragraph break."""
    out: list[int] = []
    i = start
    while 0 <= i < len(doc) and len(out) < count:
        if doc[i].is_space:
            if "\n" in doc[i].text:
                break
        else:
            out.append(i)
        i += step
    return out


class Clusters:
    """Codebooks over the spaCy pipeline's token vectors (`Doc.tensor`, the tok2vec output
    that tagging and parsing already paid for): a token's nearest centroid in each is a
    feature, so the CRF sees context the sparse features do not, at one matrix product
    per Doc. Trained by k-means on PolNeAR train (see `saidwhat.model.train_crf.fit_clusters`)."""

    def __init__(self, centroids: np.ndarray, sizes: Sequence[int]) -> None:
        self.books = np.split(centroids.astype(np.float32), np.cumsum(sizes)[:-1])
        self.sizes = list(sizes)
        self._half_norms = [half_norms(c) for c in self.books]  # once, not per Doc

    @classmethod
    def load(cls, path: Path, sizes: Sequence[int]) -> Clusters:
        return cls(np.load(path), sizes)

    def save(self, path: Path) -> None:
        np.save(path, np.concatenate(self.books))

    def ids(self, doc: Doc) -> list[np.ndarray]:
        """The nearest centroid of each token, one array per codebook."""
        x = doc.tensor
        if x.ndim != 2 or x.shape != (len(doc), self.books[0].shape[1]):
            raise ValueError(
                "the attribution model needs the spaCy pipeline's token vectors (Doc.tensor, "
                f"width {self.books[0].shape[1]}); this Doc has shape {x.shape}: parse it "
                "with the pipeline the model was trained with, tok2vec included"
            )
        x = x.astype(np.float32, copy=False)
        return [nearest(x, c, h) for c, h in zip(self.books, self._half_norms, strict=True)]


def half_norms(centroids: np.ndarray) -> np.ndarray:
    return 0.5 * (centroids * centroids).sum(1)


def nearest(x: np.ndarray, centroids: np.ndarray, halves: np.ndarray) -> np.ndarray:
    """Index of each row's nearest centroid: argmin |x - c|^2 = argmax x.c - |c|^2 / 2."""
    return (x @ centroids.T - halves).argmax(1)


def featurize(
    doc: Doc,
    quotations: Sequence[Span],
    lexicon: dict[str, str],
    clusters: Clusters | None = None,
) -> list[list[str]]:
    """CRF features (Citron's kind, plus token-vector clusters) for every token of the Doc."""
    n = len(doc)
    lower = [t.lower_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]
    pos = [t.pos_ for t in doc]
    dep = [t.dep_ for t in doc]
    lex = [lexicon.get(lemma[i], "") for i in range(n)]
    inside, edge, near = _quote_marks(doc, quotations, lex)
    # Where the nearest cue word is in each sentence, to place sources and contents.
    lex_left = [-1] * n
    lex_right = [-1] * n
    # Whitespace tokens are left out of sentences and windows: a text may end with a
    # newline or without one, and the features must not tell the two apart.
    sent_of = [-1] * n
    sent_first = [0] * n
    sent_last = [0] * n
    words = [t.i for t in doc if not t.is_space]
    at = {i: k for k, i in enumerate(words)}
    for k, sent in enumerate(doc.sents):
        toks = [t.i for t in sent if not t.is_space] or [sent.start]
        for i in toks:
            sent_of[i], sent_first[i], sent_last[i] = k, toks[0], toks[-1]
        last_seen = -1
        for i in range(sent.start, sent.end):
            lex_left[i] = last_seen
            if lex[i] in ("h", "m"):
                last_seen = i
        last_seen = -1
        for i in range(sent.end - 1, sent.start - 1, -1):
            lex_right[i] = last_seen
            if lex[i] in ("h", "m"):
                last_seen = i
    feats = []
    for tok in doc:
        i = tok.i
        head = tok.head
        f = [
            "b",
            "w=" + lower[i],
            "l=" + lemma[i],
            "p=" + pos[i],
            "t=" + tok.tag_,
            "d=" + dep[i],
            "s=" + tok.shape_[:4],
            "x=" + lower[i][-3:],
            "e=" + tok.ent_type_,
            "hl=" + lemma[head.i],
            "hd=" + dep[head.i] + "|" + dep[i],
            "hp=" + pos[head.i] + "|" + dep[i],
            "hx=" + lex[head.i] + "|" + dep[i],
            "lx=" + lex[i],
            "lxp=" + lex[i] + "|" + pos[i],
            "q=" + inside[i],
            "qc=" + near[i],
            "qe=" + edge[i],
            "sp=" + _bucket(i - sent_first[i]),
            "se=" + _bucket(sent_last[i] - i),
        ]
        f.extend("k=" + c.dep_ for c in tok.children if c.dep_ in _KIDS)
        anc = _cue_ancestor(tok, lex)
        if anc is not None:
            child, cue, depth = anc
            rel = child.dep_
            f += [
                "a=" + rel,
                "ab=" + rel + "|" + lex[cue.i],
                "ad=" + _bucket(depth),
                "al=" + rel + "|" + lemma[cue.i],
                "as=" + ("L" if i < cue.i else "R") + rel,
            ]
            # The edges of the cue's clause are where content spans start and end.
            if i == child.left_edge.i:
                f.append("ae=L" + rel)
            if i == child.right_edge.i:
                f.append("ae=R" + rel)
        if lex_left[i] >= 0:
            f.append("ll=" + _bucket(i - lex_left[i]))
        if lex_right[i] >= 0:
            f.append("lr=" + _bucket(lex_right[i] - i))
        for off in (-2, -1, 1, 2):
            k = at.get(i, -9) + off
            j = words[k] if 0 <= k < len(words) else -1
            if j >= 0 and sent_of[j] == sent_of[i]:
                f += [f"{off}w=" + lower[j], f"{off}p=" + pos[j]]
                if off in (-1, 1):
                    f += [f"{off}d=" + dep[j], f"{off}lx=" + lex[j], f"{off}q=" + edge[j]]
                    f += [
                        f"{off}l=" + lemma[j],
                        f"{off}b=" + lower[min(i, j)] + "|" + lower[max(i, j)],
                    ]
            else:
                f.append(f"{off}none")
        feats.append(f)
    if clusters is not None:
        fine, coarse = clusters.ids(doc)
        for i, f in enumerate(feats):
            f += [f"c={fine[i]}", f"cs={coarse[i]}"]
            if i > 0:
                f.append(f"-1cs={coarse[i - 1]}")
            if i + 1 < n:
                f.append(f"+1cs={coarse[i + 1]}")
    return feats


_KIDS = {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "agent", "advcl", "parataxis"}


def _cue_ancestor(tok: Token, lex: list[str]) -> tuple[Token, Token, int] | None:
    """The nearest ancestor that is a cue word: the child of it on the way up (whose
    relation says how the token hangs from the cue), the cue and how deep."""
    child, node, depth = tok, tok.head, 1
    while node.i != child.i and depth <= 12:
        if lex[node.i]:
            return child, node, depth
        child, node, depth = node, node.head, depth + 1
    return None
