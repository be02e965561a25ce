#!/usr/bin/env python3
"""Fuzz the whole pipeline for as long as it is given, with tests/test_fuzz.py's strategies.

Rounds of hypothesis (random seeds, no example database) take turns over four targets:
`extract` with the trained model (the default), `extract` with the rules,
`extract_articles` with the model on batches of articles parsed in small pieces, and the
CLI's reader (plain, HTML and JSONL files, sniffed or not) before the rules. Each
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
from tests.mutations import MUTATIONS, as_input, check_article, mutated, seed_paragraphs  # noqa: E402

from saidwhat.article import Article  # noqa: E402
from saidwhat.pipeline import Settings, extract, extract_articles, load  # noqa: E402
from saidwhat.reading import InputError, read_bytes  # noqa: E402

ROUND = 50  # examples a round: short enough that the time budget is kept to within a round
TARGETS = ("model", "rules", "model-pieces", "reader")


@dataclass
class Failure:
    stage: str
    error: str
    shown: str
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
    checks = {t: _checker(t) for t in targets}
    tally = Tally()
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    rounds = 0
    while time.monotonic() < deadline:
        target = targets[rounds % len(targets)]
        round_seed = rng.getrandbits(64)
        strategy = _strategy(target, seeds, kinds)
        _round(target, checks[target], strategy, round_seed, deadline, tally)
        rounds += 1
        elapsed = time.monotonic() - started
        print(
            f"[{elapsed / 60:5.1f} min] round {rounds} ({target}, seed {round_seed}): "
            f"{sum(tally.examples.values())} examples, {len(tally.failures)} failure(s)",
            flush=True,
        )
    _report(tally, time.monotonic() - started, rounds)
    return 1 if tally.failures else 0


Case = tuple[object, list[str]]  # (what goes in: a text, or a file's bytes and suffix, kinds)


def _checker(target: str) -> Callable[[list[Case]], None]:
    """Runs cases the way `target` says and checks every article that comes out."""
    nlp = load(Settings(extractor="rules" if target in ("rules", "reader") else "model"))

    def one_by_one(cases: list[Case]) -> None:
        for text, _ in cases:
            check_article(extract(str(text), nlp), str(text))

    def pieces(cases: list[Case]) -> None:
        articles = [Article(id=str(k), text=str(t)) for k, (t, _) in enumerate(cases)]
        done = list(extract_articles(articles, nlp, batch_size=2, chunk_chars=400))
        assert [a.id for a in done] == [a.id for a in articles], "articles lost or reordered"
        for article, given_in in zip(done, articles, strict=True):
            check_article(article, given_in.text)

    def reader(cases: list[Case]) -> None:
        for (data, suffix), _ in cases:  # type: ignore[misc]
            for item in read_bytes(data, "fuzz" + suffix, "fuzz", suffix):
                assert isinstance(item, Article | InputError), item
                if isinstance(item, Article):
                    check_article(extract(item.text, nlp), item.text)

    return {"model": one_by_one, "rules": one_by_one, "model-pieces": pieces}.get(target, reader)


def _strategy(target: str, seeds: tuple[str, ...], kinds: tuple[str, ...]) -> st.SearchStrategy:
    """Lists of cases: four articles a batch for model-pieces, files for the reader."""
    if target == "reader":
        case = as_input(seeds, kinds).map(lambda c: ((c[0], c[1]), c[2]))
        return st.lists(case, min_size=1, max_size=1)
    batch = 4 if target == "model-pieces" else 1
    return st.lists(mutated(seeds, kinds), min_size=1, max_size=batch)


def _shown(cases: list[Case]) -> str:
    """The cases' inputs as Python literals."""
    return "\n".join(repr(given_in) for given_in, _ in cases)


def _size(given_in: object) -> int:
    return len(given_in[0]) if isinstance(given_in, tuple) else len(str(given_in))


def _round(
    target: str,
    check: Callable[[list[Case]], None],
    strategy: st.SearchStrategy,
    round_seed: int,
    deadline: float,
    tally: Tally,
) -> None:
    """One hypothesis run of ROUND examples; a failure ends it, shrunk to its minimum."""
    last: list[list[Case]] = [[]]
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
    @given(strategy)
    def attempt(cases: list[Case]) -> None:
        nonlocal failing
        if time.monotonic() > deadline and not failing:
            return  # out of time: let the round end without work
        last[0] = cases
        begun = time.process_time()  # CPU seconds (all threads): the machine may be shared
        try:
            check(cases)
        except BaseException:
            failing = True
            raise
        if not failing:
            seconds = time.process_time() - begun
            kinds = [k for _, ks in cases for k in ks]
            tally.examples[target] += 1
            tally.kinds.update(kinds)
            chars = sum(_size(given_in) for given_in, _ in cases)
            tally.slowest.append((seconds, chars, target, kinds))
            tally.slowest = sorted(tally.slowest, reverse=True)[:5]

    try:
        attempt()
    except Exception as e:  # the minimal example was the last one run
        trace = traceback.format_exc()
        key = (type(e).__name__, _stage(e))
        if key in tally.failures:
            tally.failures[key].seen += 1
            return
        shown = _shown(last[0])
        error = f"{type(e).__name__}: {e}"
        kinds = [k for _, ks in last[0] for k in ks]
        tally.failures[key] = Failure(key[1], error, shown, kinds, trace, target)
        print(f"FAILURE in {key[1]} ({target}): {error[:300]}\n  minimal input: {shown}")


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
    print("mutations applied (one to four an example; a reader example also says its file kind):")
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
        print(f"minimal input: {failure.shown}")
        print(failure.trace[-3000:])


if __name__ == "__main__":
    sys.exit(main())
