"""A quote's confidence: takes the tag probabilities of its spans and the calibration
fitted at training (`saidwhat.model.train_calibration.calibrate`); gives the probability
that the quote is right."""

from __future__ import annotations

import math
from collections.abc import Sequence

from saidwhat.model.linking import Found


def raw_confidence(members: list[Found]) -> float:
    """Mean tag marginal of the quote's spans: what the calibration maps to a probability."""
    return sum(f.prob for f in members) / len(members)


def confidence(calibration: Sequence[float], members: list[Found], has_cue: bool) -> float:
    """Calibrated probability that the quote is right: Platt scaling of the logit of its
    raw confidence, with a term for a quote that has no cue."""
    a, b, c = calibration
    return sigmoid(a * logit(raw_confidence(members)) + b + c * (not has_cue))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0)))


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
