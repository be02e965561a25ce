"""Benchmark: saidwhat against the bare spaCy parse of the same texts, side by side.

Prints articles/s, words/s, the ratio to the bare parse and the peak memory of each run,
measured in one go on PolNeAR dev (../shared) or on the files given:

- the bare spaCy parse (nlp.pipe), what every run below pays at least;
- saidwhat in this process (1 worker), and over all cores (worker processes started and
  their pipelines loaded before the clock runs: WorkerPool);
- saidwhat on Spark in local mode (extract_quotes, all cores), session and Python
  workers started before the clock runs, as a cluster would have them;
- textacy's direct-quotation extractor on the same parse.

Rounds alternate between the runs and the best round of each counts, since the machine
is shared and noisy. Peak memory sums the resident memory of the processes a run uses
(this one; its worker processes; Spark's JVM and Python workers), sampled as it goes.

    python scripts/bench.py [--rounds 2] [--extractor rules] [--no-spark] [FILES...]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import spacy

from saidwhat.article import Article
from saidwhat.parallel import WorkerPool, default_workers, extract_parallel
from saidwhat.pipeline import Settings, extractor_names, load, spacy_model_name

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev" / "text"
PAGE = os.sysconf("SC_PAGE_SIZE")


def resident(who: str) -> int:
    """Bytes of resident memory of the processes a run uses: "self" this process alone,
    "workers" it and its worker processes, "spark" it and Spark's JVM with its Python
    workers (every process under this one that multiprocessing did not start)."""
    me = os.getpid()
    if who == "self":
        return _pages(me) * PAGE
    pool = {p.pid for p in multiprocessing.active_children()}
    if who == "workers":
        return sum(_pages(pid) for pid in pool | {me}) * PAGE
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [me]
    while todo:
        pid = todo.pop()
        total += _pages(pid)
        todo += [c for c in children.get(pid, []) if c not in pool]
    return total * PAGE


def _pages(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def timed(run: Callable[[], None], who: str) -> tuple[float, int]:
    """Seconds the run took, and the peak resident memory of its processes meanwhile."""
    peak, done = resident(who), threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, resident(who))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak


def textacy_run(nlp: spacy.Language, texts: list[str]) -> Callable[[], None]:
    from textacy.extract.triples import direct_quotations

    def run() -> None:
        for doc in nlp.pipe(texts, batch_size=16):
            # textacy refuses a text with an odd number of quotation marks
            with contextlib.suppress(ValueError):
                list(direct_quotations(doc))

    return run


def spark_run(texts: list[str], extractor: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """The timed Spark run, and a stop; the session and its workers are warmed up here."""
    from saidwhat.spark import extract_quotes
    from saidwhat.spark_session import session

    spark = session("local[*]", "saidwhat-bench", {"spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("ERROR")
    rows = [(str(i), t) for i, t in enumerate(texts)]
    df = spark.createDataFrame(rows, "id string, text string").cache()
    df.count()
    warm = spark.createDataFrame(rows[: spark.sparkContext.defaultParallelism * 2], df.schema)

    def run(frame=df) -> None:
        extract_quotes(frame, settings=Settings(extractor=extractor)).write.format("noop").mode(
            "overwrite"
        ).save()

    run(warm)  # every Python worker loads the pipeline once, before the clock
    return run, spark.stop


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--extractor", action="append", choices=extractor_names())
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--no-spark", action="store_true", help="leave Spark out")
    args = parser.parse_args()
    paths = args.files or sorted(DEV.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    bare = spacy.load(spacy_model_name())
    words = sum(len(doc) for doc in bare.pipe(texts))  # also warms the model up
    runs: dict[str, Callable[[], None]] = {
        # Docs are dropped as they come, as every run below drops its Docs
        "bare spaCy parse": lambda: deque(bare.pipe(texts, batch_size=16), maxlen=0)
    }
    stops: list[Callable[[], None]] = []
    for extractor in args.extractor or ["rules"]:
        load(Settings(extractor=extractor))  # loaded before the clock, as the workers' below
        pool = WorkerPool(args.workers, Settings(extractor=extractor))
        list(pool.extract(articles[: args.workers]))
        stops.append(pool.close)
        runs[f"saidwhat {extractor}, 1 worker"] = lambda e=extractor: list(
            extract_parallel(articles, 1, Settings(extractor=e))
        )
        runs[f"saidwhat {extractor}, {args.workers} workers"] = lambda p=pool: list(
            p.extract(articles)
        )
        if not args.no_spark:
            runs[f"Spark local[*], {extractor}"], stop = spark_run(texts, extractor)
            stops.append(stop)
    runs["textacy direct quotations"] = textacy_run(bare, texts)

    best = {name: (float("inf"), 0) for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            who = "workers" if "workers" in name else "spark" if "Spark" in name else "self"
            seconds, peak = timed(run, who)
            best[name] = (min(best[name][0], seconds), max(best[name][1], peak))
    for stop in stops:
        stop()

    base = best["bare spaCy parse"][0]
    print(
        f"{len(texts)} articles, {words:,} words; {spacy_model_name()}; {os.cpu_count()} cores;"
        f" best of {args.rounds} rounds"
    )
    print(f"{'run':<30} {'articles/s':>10} {'words/s':>9} {'ratio':>6} {'peak RSS':>9}")
    for name, (seconds, peak) in best.items():
        rates = f"{len(texts) / seconds:>10.1f} {words / seconds:>9,.0f}"
        print(f"{name:<30} {rates} {base / seconds:>6.2f} {peak / 2**20:>6,.0f} MB")


if __name__ == "__main__":
    main()
