#!/usr/bin/env python3
"""Fuzz the whole pipeline for as long as it is given, with tests/test_fuzz.py's strategies.

Rounds of hypothesis (random seeds, no example database) take turns over three targets:
`extract` with the trained model (the default), `extract` with the rules, and
`extract_articles` with the model on batches of articles parsed in small pieces. Each
example is checked by tests/mutations.py's `check_article` (no exception, every span exact
and inside the text, speaker ids resolving, confidences in 0..1). A failure is shrunk by
hypothesis to a minimal input, which is printed with the stage (the saidwhat module) that
raised; the same failure found again is counted, not shrunk again.

Prints a line a round, then what it tried: examples per target, per mutation kind, the
slowest examples, and every distinct failure. Exits 1 when it found one.

    python scripts/fuzz.py --minutes 30
    python scripts/fuzz.py --minutes 5 --targets rules --kinds quote_marks,possessives
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.mutations, the strategies the tests use

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.mutations import MUTATIONS, check_article, mutated, seed_paragraphs  # noqa: E402

from saidwhat.article import Article  # noqa: E402
from saidwhat.pipeline import extract, extract_articles, load  # noqa: E402

ROUND = 50  # examples a round: short enough that the time budget is kept to within a round
TARGETS = ("model", "rules", "model-pieces")


@dataclass
class Failure:
    stage: str
    error: str
    text: str
    kinds: list[str]
    trace: str
    target: str
    seen: int = 1


@dataclass
class Tally:
    examples: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    slowest: list[tuple[float, int, str, list[str]]] = field(default_factory=list)
    failures: dict[tuple[str, str], Failure] = field(default_factory=dict)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="time budget (default: 5)")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"of {', '.join(TARGETS)}")
    parser.add_argument("--kinds", default=",".join(MUTATIONS), help="mutation kinds to draw")
    parser.add_argument("--seed", type=int, help="seed of the first round (default: random)")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = [t for t in targets if t not in TARGETS] + [k for k in kinds if k not in MUTATIONS]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")
    rng = random.Random(args.seed)
    seeds = seed_paragraphs()
    print(f"{len(seeds)} seed paragraphs; targets {', '.join(targets)}; {len(kinds)} mutations")
    runners = {t: _runner(t) for t in targets}
    tally = Tally()
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    rounds = 0
    while time.monotonic() < deadline:
        target = targets[rounds % len(targets)]
        round_seed = rng.getrandbits(64)
        _round(target, runners[target], seeds, kinds, round_seed, deadline, tally)
        rounds += 1
        elapsed = time.monotonic() - started
        print(
            f"[{elapsed / 60:5.1f} min] round {rounds} ({target}, seed {round_seed}): "
            f"{sum(tally.examples.values())} examples, {len(tally.failures)} failure(s)",
            flush=True,
        )
    _report(tally, time.monotonic() - started, rounds)
    return 1 if tally.failures else 0


def _runner(target: str) -> Callable[[list[str]], list[Article]]:
    """Extracts texts the way `target` says, giving one Article per text."""
    if target == "rules":
        nlp = load(extractor="rules")
        return lambda texts: [extract(t, nlp) for t in texts]
    nlp = load(extractor="model")
    if target == "model":
        return lambda texts: [extract(t, nlp) for t in texts]

    def pieces(texts: list[str]) -> list[Article]:
        articles = [Article(id=str(k), text=t) for k, t in enumerate(texts)]
        return list(extract_articles(articles, nlp, batch_size=2, chunk_chars=400))

    return pieces


def _round(
    target: str,
    run: Callable[[list[str]], list[Article]],
    seeds: tuple[str, ...],
    kinds: tuple[str, ...],
    round_seed: int,
    deadline: float,
    tally: Tally,
) -> None:
    """One hypothesis run of ROUND examples; a failure ends it, shrunk to its minimum."""
    size = 4 if target == "model-pieces" else 1
    last: dict[str, object] = {}
    failing = False

    @seed(round_seed)
    @settings(
        max_examples=ROUND,
        deadline=None,
        database=None,
        report_multiple_bugs=False,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(mutated(seeds, kinds), min_size=1, max_size=size))
    def attempt(cases: list[tuple[str, list[str]]]) -> None:
        nonlocal failing
        if time.monotonic() > deadline and not failing:
            return  # out of time: let the round end without work
        texts = [text for text, _ in cases]
        last.update(texts=texts, kinds=[k for _, ks in cases for k in ks])
        begun = time.process_time()  # CPU seconds (all threads): the machine may be shared
        try:
            done = run(texts)
            assert len(done) == len(texts), f"{len(texts)} articles in, {len(done)} out"
            for article, text in zip(done, texts, strict=True):
                check_article(article, text)
        except BaseException:
            failing = True
            raise
        if not failing:
            seconds = time.process_time() - begun
            tally.examples[target] += 1
            tally.kinds.update(last["kinds"])  # type: ignore[arg-type]
            chars = sum(len(t) for t in texts)
            tally.slowest.append((seconds, chars, target, list(last["kinds"])))  # type: ignore[arg-type]
            tally.slowest = sorted(tally.slowest, reverse=True)[:5]

    try:
        attempt()
    except Exception as e:  # the minimal example was the last one run
        trace = traceback.format_exc()
        key = (type(e).__name__, _stage(e))
        if key in tally.failures:
            tally.failures[key].seen += 1
            return
        text = "\n\n".join(last.get("texts", []))  # type: ignore[arg-type]
        error = f"{type(e).__name__}: {e}"
        kinds_seen: list[str] = last.get("kinds", [])  # type: ignore[assignment]
        tally.failures[key] = Failure(key[1], error, text, kinds_seen, trace, target)
        print(f"FAILURE in {key[1]} ({target}): {error[:300]}\n  minimal input: {text!r}")


def _stage(error: BaseException) -> str:
    """The innermost saidwhat frame of the error (module:function:line), else its test."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/saidwhat/" in f.filename] or frames[-1:]
    frame = ours[-1]
    return f"{Path(frame.filename).stem}:{frame.name}:{frame.lineno}"


def _report(tally: Tally, seconds: float, rounds: int) -> None:
    print(f"\nran {seconds / 60:.1f} min, {rounds} rounds")
    print(f"examples checked: {sum(tally.examples.values())}")
    for target, count in tally.examples.most_common():
        print(f"  {target}: {count}")
    print("mutations applied (an example applies one to four):")
    for kind, count in sorted(tally.kinds.items()):
        print(f"  {kind}: {count}")
    print("slowest examples:")
    for secs, chars, target, kinds in tally.slowest:
        print(f"  {secs:.2f} s of CPU, {chars} chars, {target}: {', '.join(kinds)}")
    print(f"distinct failures: {len(tally.failures)}")
    for failure in tally.failures.values():
        print(f"\n--- {failure.stage} ({failure.target}), found {failure.seen} time(s)")
        print(f"{failure.error[:2000]}")
        print(f"mutations: {', '.join(failure.kinds)}")
        print(f"minimal input: {failure.text!r}")
        print(failure.trace[-3000:])


if __name__ == "__main__":
    sys.exit(main())
