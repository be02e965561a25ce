"""Benchmark: saidwhat against the bare spaCy parse of the same texts, side by side.

Prints articles/s, words/s and the ratio to the bare parse, for each extractor, measured
in one run on PolNeAR dev (../shared) or on the files given. Rounds alternate between the
runs and the best round of each counts, since the machine is shared and noisy.

    python scripts/bench.py [--rounds 3] [--extractor rules] [FILES...]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from saidwhat.article import Article
from saidwhat.pipeline import extract_articles, load, spacy_model_name

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev" / "text"


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extractor", action="append", choices=["rules", "model"])
    args = parser.parse_args()
    paths = args.files or sorted(DEV.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    bare = spacy.load(spacy_model_name())
    words = sum(len(doc) for doc in bare.pipe(texts))  # also warms the model up
    runs: dict[str, Callable[[], None]] = {
        "bare spaCy parse": lambda: list(bare.pipe(texts, batch_size=16))
    }
    for extractor in args.extractor or ["rules"]:
        nlp = load(None, extractor)
        articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
        runs[f"saidwhat ({extractor})"] = lambda nlp=nlp, a=articles: list(extract_articles(a, nlp))
    best = {name: float("inf") for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            best[name] = min(best[name], timed(run))
    base = best["bare spaCy parse"]
    model = spacy_model_name()
    print(f"{len(texts)} articles, {words:,} words; {model}; best of {args.rounds} rounds")
    print(f"{'run':<24} {'articles/s':>10} {'words/s':>10} {'ratio':>6}")
    for name, seconds in best.items():
        rates = f"{len(texts) / seconds:>10.1f} {words / seconds:>10,.0f}"
        print(f"{name:<24} {rates} {base / seconds:>6.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS) {peak:,.0f} MB")


if __name__ == "__main__":
    main()
