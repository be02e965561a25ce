"""The trained attribution model: a linear-chain CRF over spaCy token features, mixed with
a fine-tuned transformer (saidwhat.model.encoder) where the model folder has one.

Takes a parsed spaCy Doc and the quotation spans the rules found; gives Quotes with exact
cue, source and content spans, their type and a confidence calibrated on PolNeAR dev.
Each paragraph is one sequence of BIO tags over three roles (a PolNeAR token has at most
one): the CRF's Viterbi path, or with an encoder the best well-formed path through the
weighted mean of both halves' tag probabilities. Predicted spans are then linked to their
nearest cue. A model folder holds `model.crfsuite`, `meta.json` (cue lexicon, the CRF's
share of the mix, calibration, the confidence a quote needs to be kept), `clusters.npy`
(centroids of spaCy's token vectors) and optionally `encoder.onnx` and `tokenizer.json`;
the shipped one is `saidwhat/models/attribution`, rebuilt by `saidwhat train`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from saidwhat.article import Quote, Span
from saidwhat.model import layout
from saidwhat.model.calibration import confidence
from saidwhat.model.encoder import CONTEXT_KEY, MODEL_FILE, TAG_INDEX, TAGS, Encoder
from saidwhat.model.features import Clusters, featurize, paragraphs
from saidwhat.model.linking import Found, char_span, nearest_cue, share_sources
from saidwhat.model.tags import ROLES, decode, spans_of
from saidwhat.quotemarks import quote_type

SHIPPED = Path(__file__).parent.parent / "models" / "attribution"
CLUSTERS_FILE = "clusters.npy"

_TRAILING = {".", ",", ";", ":"}
_ARTICLES = {"a", "an", "the"}
# A span the layout rules wrote has no marginal of its own: they are near-certain on dev.
LAYOUT_PROB = 1.0


class Tagger:
    """A trained model: call it on a parsed Doc to get the Doc's Quotes."""

    def __init__(
        self,
        model_file: Path,
        meta: dict,
        clusters: Clusters | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model_file))
        self.lexicon: dict[str, str] = meta["lexicon"]
        self.calibration: list[float] = meta.get("calibration", [1.0, 0.0, 0.0])
        self.clusters = clusters
        self.encoder = encoder
        # With an encoder, a token's tag probabilities are this much the CRF's marginals
        # and the rest the encoder's; the mix is decoded as one BIO sequence.
        self.crf_weight: float = meta.get("crf_weight", 1.0)
        # The confidence below which the pipeline leaves a quote out (see train.py).
        self.min_confidence: float = meta.get("min_confidence", 0.0)

    @classmethod
    def load(cls, path: Path | None = None) -> Tagger:
        """The model in folder `path`; None means the model shipped with saidwhat."""
        folder = Path(path) if path is not None else SHIPPED
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        sizes = meta.get("clusters")
        clusters = Clusters.load(folder / CLUSTERS_FILE, sizes) if sizes else None
        context = meta.get(CONTEXT_KEY, 0)
        encoder = Encoder(folder, context) if (folder / MODEL_FILE).exists() else None
        return cls(folder / "model.crfsuite", meta, clusters, encoder)

    def encode(self, doc: Doc) -> list[np.ndarray] | None:
        """The encoder's tag probabilities per paragraph, None without an encoder. It reads
        the tokens only, so it can run as soon as the Doc is tokenized (see `find`)."""
        return self.encoder.probs(doc, paragraphs(doc)) if self.encoder is not None else None

    def find(
        self,
        doc: Doc,
        quotations: Sequence[Span] = (),
        encoded: list[np.ndarray] | None = None,
    ) -> list[list[Found]]:
        """Predicted spans per paragraph, in text order; `encoded` is `encode(doc)` when
        the caller ran it already."""
        feats = featurize(doc, quotations, self.lexicon, self.clusters)
        paras = paragraphs(doc)
        is_transcript = layout.transcript(doc, paras)
        if encoded is None:
            encoded = self.encode(doc)
        out = []
        for n, para in enumerate(paras):
            xseq = [feats[i] for i in para]
            if encoded is None:
                labels = self.crf.tag(xseq)
                probs = None
            else:
                self.crf.set(xseq)
                crf = [[self.crf.marginal(t, k) for t in TAGS] for k in range(len(para))]
                w = self.crf_weight
                probs = w * np.array(crf) + (1 - w) * encoded[n]
                labels = decode(probs)
            tagged = list(labels)
            layout.apply(doc, para, labels, is_transcript)
            pos_of = {tok: k for k, tok in enumerate(para)}
            found = []
            for role, first, last in spans_of(labels, para):
                if (
                    role != "cue"
                    and first == last
                    and (doc[first].lower_ in _ARTICLES or doc[first].is_punct)
                ):
                    continue  # names nobody, says nothing (dev: 6 sources, 6 contents, none right)
                ks = range(pos_of[first], pos_of[last] + 1)
                if any(labels[k] != tagged[k] for k in ks):
                    found.append(Found(role, first, last, LAYOUT_PROB))
                    continue
                if role == "content" and last > first and doc[last].text in _TRAILING:
                    last -= 1  # PolNeAR leaves the sentence's own full stop out of a content
                    ks = ks[:-1]
                if probs is None:
                    prob = sum(self.crf.marginal(labels[k], k) for k in ks) / len(ks)
                else:
                    prob = float(np.mean([probs[k, TAG_INDEX[labels[k]]] for k in ks]))
                found.append(Found(role, first, last, prob))
            out.append(found)
        return out

    def __call__(
        self,
        doc: Doc,
        quotations: Sequence[Span] = (),
        encoded: list[np.ndarray] | None = None,
    ) -> list[Quote]:
        return [q for q, _ in self.link(doc, self.find(doc, quotations, encoded))]

    def link(self, doc: Doc, found: list[list[Found]]) -> list[tuple[Quote, list[Found]]]:
        """Link each paragraph's sources and contents to a cue; score each quote."""
        text = doc.text
        quotes: list[tuple[Quote, list[Found]]] = []
        for para in found:
            cues = [f for f in para if f.role == "cue"]
            groups: dict[int, list[Found]] = {id(c): [c] for c in cues}
            orphans: list[Found] = []
            for f in para:
                if f.role == "cue":
                    continue
                cue = nearest_cue(doc, f, cues)
                if cue is not None:
                    groups[id(cue)].append(f)
                elif f.role == "content" and quotes and quotes[-1][0].cue is not None:
                    # A quote running on from the paragraph before, with no cue of its own.
                    quotes[-1][1].append(f)
                    quotes[-1][0].contents.append(char_span(text, doc, f))
                else:
                    orphans.append(f)
            for members in [*(groups[id(c)] for c in cues), *([orphans] if orphans else [])]:
                quotes.append((self._quote(text, doc, members), members))
            share_sources(doc, [q for q, _ in quotes[len(quotes) - len(cues) - bool(orphans) :]])
        for quote, members in quotes:
            quote.type = quote_type(quote.contents)
            quote.confidence = self.confidence(members, quote.cue is not None)
        return quotes

    def _quote(self, text: str, doc: Doc, members: list[Found]) -> Quote:
        # `text` is doc.text, built once by the caller: spaCy rebuilds it on every access
        spans = {r: [char_span(text, doc, f) for f in members if f.role == r] for r in ROLES}
        return Quote(
            cue=spans["cue"][0] if spans["cue"] else None,
            sources=spans["source"],
            contents=spans["content"],
        )

    def confidence(self, members: list[Found], has_cue: bool) -> float:
        """Calibrated probability that the quote is right (see `calibration`)."""
        return confidence(self.calibration, members, has_cue)
