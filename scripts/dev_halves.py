#!/usr/bin/env python3
"""Honest selection on PolNeAR dev: the choices fitted to dev, fitted on half of it.

Dev is split once, by article, into a tuning half and a report half (an article's half is
fixed by a hash of its name, so the split never changes). With the shipped model's CRF,
clusters and encoder, the choices that the training command makes on all of dev are made
again on the tuning half alone: the CRF's share of the mix (`train.mix`), the confidence
calibration (`train_calibration.calibrate`) and the threshold, half the mean F1
(`train_calibration.min_confidence`).
Then both the shipped model and the tuning-half model extract both halves, and each half is
scored with CofeNet's metric (`score_cofenet.py`, exact span F1, source / cue / content).
The report half's number with the tuning-half model is the one to quote: nothing was fitted
on it (the encoder's epochs and learning rate, and the layout rules, were chosen on all of
dev while the model was developed, so even that number is not wholly out of sample).

    python scripts/dev_halves.py [--polnear ../shared/data/polnear] [--keep DIR]
        [--encoder DIR [--context N]]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy

from saidwhat.article import Article
from saidwhat.formats import to_citron
from saidwhat.model.encoder import CONTEXT_KEY, MODEL_FILE, TOKENIZER_FILE, Encoder
from saidwhat.model.examples import PIPELINE, load_examples
from saidwhat.model.features import Clusters
from saidwhat.model.tagger import CLUSTERS_FILE, SHIPPED, Tagger
from saidwhat.model.train import mix
from saidwhat.model.train_calibration import calibrate, min_confidence
from saidwhat.pipeline import Settings, extract_articles, load

ROOT = Path(__file__).resolve().parent.parent


def half(article_id: str) -> str:
    """ "tune" or "report", fixed by the article's name."""
    return "tune" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "report"


def tuned_model(
    polnear: Path, folder: Path, ids: set[str], encoder_dir: Path | None = None, context: int = 0
) -> dict:
    """The shipped model with mix, calibration and threshold fitted on the articles `ids`
    of dev, written to `folder`; returns what was fitted. With `encoder_dir`, that folder's
    encoder (trained with `context` pieces of left context) replaces the shipped one."""
    shutil.copytree(SHIPPED, folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if encoder_dir is not None:
        for name in (MODEL_FILE, TOKENIZER_FILE):
            shutil.copyfile(encoder_dir / name, folder / name)
        meta.pop(CONTEXT_KEY, None)
        if context:
            meta[CONTEXT_KEY] = context
    nlp = spacy.load(PIPELINE)
    tune = [ex for ex in load_examples(nlp, polnear / "dev") if ex.golds[0].id in ids]
    clusters = Clusters.load(folder / CLUSTERS_FILE, meta["clusters"])
    encoder = Encoder(folder, meta.get(CONTEXT_KEY, 0))
    weight, scores, mean = mix(folder / "model.crfsuite", meta, clusters, encoder, tune)
    meta["crf_weight"] = weight
    tagger = Tagger(folder / "model.crfsuite", meta, clusters, encoder)
    calibration = calibrate(tagger, tune, seed=0)
    meta["calibration"] = calibration["weights"]
    meta["min_confidence"] = min_confidence(mean)
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    return {"articles": len(tune), "crf_weight": weight, "tune_f1": scores, **meta_of(meta)}


def meta_of(meta: dict) -> dict:
    return {k: meta.get(k) for k in ("crf_weight", "calibration", "min_confidence")}


def score(polnear: Path, model_dir: Path | None, ids: list[str], work: Path) -> dict:
    """CofeNet's exact F1 per role of the model on the dev articles `ids`."""
    texts = polnear / "dev" / "text"
    articles = [Article(i, (texts / f"{i}.txt").read_text(encoding="utf-8")) for i in ids]
    nlp = load(Settings(model_dir=str(model_dir) if model_dir else None))
    pred = work / "pred"
    shutil.rmtree(pred, ignore_errors=True)
    pred.mkdir(parents=True)
    for article in extract_articles(articles, nlp):
        data = json.dumps(to_citron(article), ensure_ascii=False)
        (pred / f"{article.id}.json").write_text(data, encoding="utf-8")
    lines = (polnear / "cofenet-dev.jsonl").read_text(encoding="utf-8").splitlines()
    keep = set(ids)
    subset = work / "cofenet.jsonl"
    subset.write_text(
        "".join(line + "\n" for line in lines if json.loads(line)["id"].rsplit("_", 1)[0] in keep),
        encoding="utf-8",
    )
    scorer = ROOT.parent / "shared" / "tools" / "score_cofenet.py"
    command = [sys.executable, str(scorer), "--cofenet", str(subset), "--texts", str(texts)]
    out = subprocess.run(
        [*command, "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(out.stdout)["scores"]
    return {r: round(100 * scores[r]["exact"]["f1"], 1) for r in ("source", "cue", "content")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--keep", type=Path, help="write the tuning-half model here")
    ap.add_argument("--encoder", type=Path, help="a folder with another encoder to use")
    ap.add_argument("--context", type=int, default=0, help="the pieces of context it takes")
    args = ap.parse_args()
    ids = sorted(p.stem for p in (args.polnear / "dev" / "text").glob("*.txt"))
    halves = {h: [i for i in ids if half(i) == h] for h in ("tune", "report")}
    print(f"dev: {len(halves['tune'])} tuning articles, {len(halves['report'])} report articles")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = args.keep or work / "model"
        fitted = tuned_model(args.polnear, folder, set(halves["tune"]), args.encoder, args.context)
        shipped = json.loads((SHIPPED / "meta.json").read_text(encoding="utf-8"))
        print(f"shipped (fitted on all dev): {meta_of(shipped)}")
        print(f"fitted on the tuning half:  {meta_of(fitted)}")
        print("CofeNet exact F1, source / cue / content")
        for name, model_dir in (("shipped model", None), ("tuning-half model", folder)):
            for h in ("tune", "report"):
                f1 = score(args.polnear, model_dir, halves[h], work)
                print(f"  {name:18} {h:6} half: {f1['source']} / {f1['cue']} / {f1['content']}")


if __name__ == "__main__":
    main()
