#!/usr/bin/env python3
"""Does left context help the encoder? The encoder alone, trained with and without it.

Parses PolNeAR train and dev once (`train.load_examples`), then fine-tunes the encoder
(`train.fit_encoder`, the training command's own function: same seed, learning rate and
schedule) once per context size, one run after the other, and scores it alone after every
epoch with the training's own report (CofeNet's exact span F1), on the tuning half of dev
only (`dev_halves.half`): the report half is neither scored nor used. Prints a table of
F1 per role and wall time per epoch. The CRF takes no part. Each run's log is
OUT/cN.log and its encoder OUT/cN/.

    python scripts/encoder_context.py [--polnear ../shared/data/polnear] [--out /tmp/context]
        [--contexts 0 96] [--epochs 2] [--threads 2] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import spacy
import torch
from dev_halves import half

from saidwhat.model.encoder import EncoderSettings
from saidwhat.model.examples import PIPELINE, load_examples
from saidwhat.model.train import fit_encoder

ROOT = Path(__file__).resolve().parent.parent
EPOCH = re.compile(r"^  encoder epoch (\d+)/")
SCORES = re.compile(r"^  encoder alone after epoch (\d+), dev exact F1: (.*)$")


class Run:
    """One training run's log: each line to stdout and OUT/cN.log with its time, and the
    epochs' times and scores read back from the lines train.fit_encoder writes."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.mark = self.started  # the end of the last epoch's scoring
        self.trained = self.started  # the end of the last epoch's training
        self.rows: list[dict] = []

    def __call__(self, line: str) -> None:
        now = time.perf_counter()
        stamped = f"[{now - self.started:6.0f}s] {line}"
        print(stamped, flush=True)
        self.file.write(stamped + "\n")
        self.file.flush()
        if EPOCH.match(line):
            self.rows.append({"train_s": now - self.mark})
            self.trained = now
        elif m := SCORES.match(line):
            words = m.group(2).split()  # source F cue F content F
            scores = dict(zip(words[::2], words[1::2], strict=True))
            self.rows[-1] |= {"score_s": now - self.trained, **scores}
            self.mark = now

    def close(self) -> None:
        self(f"{time.perf_counter() - self.started:.0f}s in all")
        self.file.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--out", type=Path, default=Path("/tmp/context"))
    ap.add_argument("--contexts", type=int, nargs="+", default=[0, 96])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2, help="PyTorch's CPU threads")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, help="only the first N articles of each split")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    parse = Run(args.out / "parse.log")
    nlp = spacy.load(PIPELINE)
    train_set = load_examples(nlp, args.polnear / "train", args.limit, parse)
    tune = [
        ex
        for ex in load_examples(nlp, args.polnear / "dev", args.limit, parse)
        if half(ex.golds[0].id) == "tune"
    ]
    parse(f"{len(train_set)} train articles; {len(tune)} dev articles of the tuning half")
    parse.close()
    results = {}
    for c in args.contexts:
        run = Run(args.out / f"c{c}.log")
        settings = EncoderSettings(epochs=args.epochs, context=c)
        run(f"context {c}: {settings}")
        (args.out / f"c{c}").mkdir(exist_ok=True)
        fit_encoder(train_set, tune, args.out / f"c{c}", settings, args.seed, run)
        run.close()
        results[c] = run.rows
    print(f"\nencoder alone, exact F1 on the {len(tune)} tuning-half dev articles")
    print("context  epoch  source  cue    content  train s  score s")
    for c, rows in results.items():
        for e, r in enumerate(rows, 1):
            print(
                f"{c:7}  {e:5}  {r['source']}   {r['cue']}  {r['content']}    "
                f"{r['train_s']:7.0f}  {r['score_s']:7.0f}"
            )


if __name__ == "__main__":
    main()
