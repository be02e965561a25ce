"""Training the attribution model (saidwhat.model.tagger) from PolNeAR, stage by stage.

Takes a PolNeAR folder (`train/` and `dev/`, each with `text/` and `attributions/`); gives a
model folder (`model.crfsuite`, `meta.json`, `clusters.npy`, with an encoder `encoder.onnx`
and `tokenizer.json`) and the dev scores. The stages: parse (`examples`), the CRF
(`train_crf`), the encoder (`train_encoder`), then on dev the CRF's share of the mix (`mix`)
and the confidence's calibration and threshold (`train_calibration`). With `Choices` from a
model trained on train alone, it trains on train and dev together instead. Deterministic:
the same data, seed and device give the same model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language

from saidwhat.model.encoder import CONTEXT_KEY, Encoder, EncoderSettings
from saidwhat.model.examples import (
    PIPELINE,
    Example,
    Log,
    evaluate,
    f1_line,
    load_examples,
    mean_f1,
    span_scores,
)
from saidwhat.model.features import (
    Clusters,
    paragraphs,
)
from saidwhat.model.tagger import CLUSTERS_FILE, Tagger
from saidwhat.model.tags import decode
from saidwhat.model.train_calibration import calibrate, min_confidence
from saidwhat.model.train_crf import GRID, ITERATIONS, build_lexicon, fit_clusters, fit_crf

# With an encoder, the CRF's share of each token's tag probabilities: tried on dev.
CRF_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
# How the shipped encoder was trained: eight epochs, each paragraph alone.
SHIPPED_ENCODER = EncoderSettings()


def paragraph_tags(ex: Example) -> list[tuple[list[str], list[list[str]]]]:
    """What the encoder trains on from an example: each paragraph's words and its tags per
    annotator."""
    return [
        ([ex.doc[i].text for i in para], [[labels[i] for i in para] for labels in ex.labels])
        for para in paragraphs(ex.doc)
    ]


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
    data = [paragraph_tags(ex) for ex in train_set]
    dev_paras = [(k, para) for k, ex in enumerate(dev_set) for para in paragraphs(ex.doc)]

    def report(epoch: int, probs: list[np.ndarray]) -> None:
        if not dev_set:  # trained on all the data: nothing left to score
            return
        preds = [["O"] * len(ex.doc) for ex in dev_set]
        for (k, para), p in zip(dev_paras, probs, strict=True):
            for i, tag in zip(para, decode(p), strict=True):
                preds[k][i] = tag
        scores = span_scores(dev_set, preds)
        log(f"  encoder alone after epoch {epoch}, dev exact F1: {f1_line(scores)}")

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
        mean = mean_f1(scores)
        log(f"  CRF share {w}: dev exact F1 {f1_line(scores)} (mean {mean:.3f})")
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
        if not {"training", "calibration", "min_confidence"} <= meta.keys():
            raise ValueError("its meta.json is not one `saidwhat train` wrote (no training record)")
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
    best = fit_crf(train_set, dev_set, lexicon, clusters, grid, iterations, seed, model_file, log)
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
