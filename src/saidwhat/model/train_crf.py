"""Training the CRF half of the model: takes train's Examples; gives the cue lexicon, the
k-means codebooks of the token vectors (features.Clusters) and `model.crfsuite`. Each setting
of the CRF's regularisation is one round, the best on dev kept. Deterministic: seeded
k-means, crfsuite's L-BFGS.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

from saidwhat.model.examples import Example, Log, evaluate, f1_line, mean_f1
from saidwhat.model.features import (
    Clusters,
    featurize,
    half_norms,
    lexicon_of,
    nearest,
    paragraphs,
)
from saidwhat.model.tagger import Tagger

# (c1, c2): L1 keeps the model small, L2 smooths it. Rounds are tried in this order. On dev
# c1 0.3, 0.6, 1.2 and 2.5 scored rising on every role (the CRF memorises train otherwise);
# 5.0 scored as 2.5 did (content 61.4 against 61.5) and c2 0.1 lower, so one round is left.
GRID = ((2.5, 0.01),)
ITERATIONS = 200
# k-means codebooks over the token vectors: a fine and a coarse one (see features.Clusters).
CLUSTER_SIZES = (256, 32)
CLUSTER_SAMPLE = 200_000
CLUSTER_ROUNDS = 25


def build_lexicon(examples: Sequence[Example]) -> dict[str, str]:
    """Cue words of the training gold, by lemma."""
    cue: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for ex in examples:
        for tok, lab in zip(ex.doc, ex.labels[0], strict=True):
            lemma = tok.lemma_.lower()
            every[lemma] += 1
            cue[lemma] += lab.endswith("-cue")
    return lexicon_of(cue, every)


def fit_clusters(
    examples: Sequence[Example],
    seed: int,
    sizes: Sequence[int] = CLUSTER_SIZES,
    sample: int = CLUSTER_SAMPLE,
    rounds: int = CLUSTER_ROUNDS,
) -> Clusters:
    """k-means (Lloyd's rounds, seeded starts) over a seeded sample of the train tokens'
    vectors, one codebook per size."""
    x = np.concatenate([ex.doc.tensor for ex in examples]).astype(np.float32)
    rng = np.random.default_rng(seed)
    x = x[rng.choice(len(x), min(sample, len(x)), replace=False)]
    books = []
    for k in sizes:
        c = x[rng.choice(len(x), k, replace=False)].copy()
        for _ in range(rounds):
            closest = nearest(x, c, half_norms(c))
            for j in range(k):
                members = x[closest == j]
                if len(members):
                    c[j] = members.mean(0)
        books.append(c)
    return Clusters(np.concatenate(books), sizes)


def sequences(
    examples: Sequence[Example], lexicon: dict[str, str], clusters: Clusters | None = None
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, tags) per paragraph per annotator."""
    for ex in examples:
        feats = featurize(ex.doc, ex.quotations, lexicon, clusters)
        for para in paragraphs(ex.doc):
            xseq = [feats[i] for i in para]
            for labels in ex.labels:
                yield xseq, [labels[i] for i in para]


class _Trainer(pycrfsuite.Trainer):
    """crfsuite's trainer, reporting every 25th iteration to `log` and nothing else."""

    log: Log = print

    def on_iteration(self, log: str, info: dict) -> None:
        if info["num"] % 25 == 0:
            self.log(f"    iteration {info['num']}: loss {info['loss']:.0f}, {info['time']:.1f}s")

    def on_start(self, log: str) -> None: ...
    def on_featgen_progress(self, log: str, percent: float) -> None: ...
    def on_featgen_end(self, log: str) -> None: ...
    def on_prepared(self, log: str) -> None: ...
    def on_optimization_end(self, log: str) -> None: ...
    def on_end(self, log: str) -> None: ...


def fit(
    examples: Sequence[Example],
    lexicon: dict[str, str],
    clusters: Clusters | None,
    path: Path,
    c1: float,
    c2: float,
    iterations: int,
    seed: int,
    log: Log = print,
) -> None:
    """Train one CRF and write it to `path`."""
    trainer = _Trainer(verbose=True)
    trainer.log = log
    items = list(sequences(examples, lexicon, clusters))
    random.Random(seed).shuffle(items)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def fit_crf(
    train_set: Sequence[Example],
    dev_set: Sequence[Example],
    lexicon: dict[str, str],
    clusters: Clusters,
    grid: Sequence[tuple[float, float]],
    iterations: int,
    seed: int,
    model_file: Path,
    log: Log,
) -> dict:
    """One CRF per setting of `grid`, the best on dev written to `model_file`; returns its
    round, setting and dev scores (without a dev set, the one setting's CRF, unscored)."""
    best: dict | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for k, (c1, c2) in enumerate(grid, 1):
            t0 = time.perf_counter()
            log(f"round {k}/{len(grid)}: c1={c1} c2={c2}, {iterations} iterations")
            path = Path(tmp) / f"round{k}.crfsuite"
            fit(train_set, lexicon, clusters, path, c1, c2, iterations, seed, log)
            record = {"round": k, "c1": c1, "c2": c2, "path": path}
            if dev_set:
                scores = evaluate(Tagger(path, {"lexicon": lexicon}, clusters), dev_set)
                record.update(mean_f1=round(mean_f1(scores), 4), dev=scores)
                log(
                    f"  dev exact F1: {f1_line(scores)} (mean {record['mean_f1']:.3f};"
                    f" {time.perf_counter() - t0:.0f}s)"
                )
            if best is None or record.get("mean_f1", 0) > best.get("mean_f1", 0):
                best = record
        assert best is not None
        model_file.write_bytes(best.pop("path").read_bytes())
    return best
