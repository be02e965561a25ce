"""Calibrating the model's confidence: takes a tagger and dev's Examples; gives the weights
`calibration.confidence` applies (a logistic fit of whether a quote is right on its raw
confidence), its error measured on held-out halves, and the threshold under which the
pipeline leaves a quote out.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from saidwhat.article import Quote
from saidwhat.model.calibration import logit, raw_confidence, sigmoid
from saidwhat.model.examples import Example, Log
from saidwhat.model.tagger import Tagger


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
