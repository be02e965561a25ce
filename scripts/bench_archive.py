"""Benchmark: an archive of many quotes built by the bulk ingest, and what reading it costs.

Takes saidwhat's extracted articles (`saidwhat extract --format jsonl --with-text`), and
replicates them under new ids, five outlets and dates over 2020-24 until the archive holds
`--quotes` quotes; stores them with `Archive.ingest` (nothing extracted again) and prints
its articles/s (wall clock, and per second of the process's own CPU time, which a busy
machine does not stretch; with the rate of each stretch of 10,000 articles as it grows),
then the p50 and p95 of each archive call the API's routes and the dashboard make, and
of each archive command start to end (a fresh interpreter, as a user runs it), each with
its median CPU time, and, with `--raw FILE`, what those raw articles cost to ingest
(extracted then) into an empty archive and into this one, and to store once extracted.
`export` writes every quote, so its time grows with them: it streams, and the first 1,000
quotes it yields are timed as a route is, the whole file as quotes per second. With `--db`
naming an archive already built, that archive is timed as it is (nothing stored).

    python scripts/bench_archive.py extracted.jsonl --quotes 100000 [--db big.db] [--raw new.jsonl]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from pathlib import Path

from saidwhat.archive import Archive, keyed_inputs, search
from saidwhat.article import Article

OUTLETS = ("Gazette", "Herald", "Courier", "Post", "Times")


def replicate(source: Path, quotes: int, out: Path) -> int:
    """Copies of the extracted articles under new ids, outlets and dates, until `quotes`."""
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    count = written = 0
    with out.open("w", encoding="utf-8") as f:
        while count < quotes:
            item = dict(lines[written % len(lines)])
            item["id"] = f"{item['id']}#{written}"
            item["outlet"] = OUTLETS[written % len(OUTLETS)]
            year, month = 2020 + (written // 7) % 5, 1 + (written // 3) % 12
            item["published"] = f"{year}-{month:02d}-{1 + written % 28:02d}"
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += len(item["quotes"])
            written += 1
    return written


def never(articles: object) -> object:
    raise SystemExit("an article of the replicated file was sent to extraction")


def children_cpu() -> float:
    """Seconds of CPU the finished child processes used, all together."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(
    label: str,
    call: Callable[[], object],
    runs: int = 7,
    warm: bool = True,
    cpu: Callable[[], float] = time.thread_time,
) -> float:
    """The median wall-clock ms of `runs` calls (printed with the 95th percentile and the
    median CPU ms, which a machine busy with other work stretches less)."""
    if warm:
        call()  # warm the cache, as a server's is
    times, used = [], []
    for _ in range(runs):
        began, cpu_began = time.perf_counter(), cpu()
        call()
        times.append(1000 * (time.perf_counter() - began))
        used.append(1000 * (cpu() - cpu_began))
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    print(
        f"| {label} | {statistics.median(times):.1f} | {p95:.1f} | {statistics.median(used):.1f} |",
        flush=True,
    )
    return statistics.median(times)


def routes(archive: Archive) -> None:
    conn = archive.conn
    person = conn.execute(
        "SELECT id FROM people WHERE kind = 'person' ORDER BY quotes DESC LIMIT 1"
    ).fetchone()[0]
    print("| call (route) | p50 ms | p95 ms | CPU p50 ms |\n|---|---|---|---|")
    timed("stats (/v1/stats, /dashboard)", lambda: archive.stats())
    timed("stats outlet+since", lambda: archive.stats(since="2022", outlet=OUTLETS[1]))
    timed("stats about (full-text)", lambda: archive.stats(about="economy"))
    timed("speakers (/v1/speakers)", lambda: archive.speakers(21))
    timed("gender_shares", lambda: archive.gender_shares())
    timed("speaker (/v1/speakers/{id})", lambda: archive.speaker(person))
    timed("search speaker= (/v1/quotes)", lambda: archive.search(speaker=person, limit=21))
    timed("search q= (/v1/quotes)", lambda: archive.search("economy", limit=21))
    timed("search, no filter (/v1/quotes)", lambda: archive.search(limit=21))
    timed("search offset 100000", lambda: archive.search(limit=21, offset=100_000))
    timed("articles (/v1/articles)", lambda: archive.articles(limit=21))
    timed("clusters (/v1/clusters)", lambda: archive.clusters(limit=21))
    timed("counts (/v1/archive)", lambda: archive.counts())
    timed("export, the first 1,000 quotes", lambda: list(islice(search.export_rows(conn), 1000)))


def commands(db: Path, quotes: int) -> None:
    print("\n| command, start to end | p50 ms | p95 ms | CPU p50 ms |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for args, runs in (
            (["search", "economy"], 7), (["stats"], 7), (["speakers"], 7), (["speaker", "1"], 7),
            (["export", "-f", "jsonl", "-o", f"{tmp}/out.jsonl"], 3),
        ):  # fmt: skip
            command = [sys.executable, "-m", "saidwhat", *args, "--db", str(db)]
            took = timed(
                f"`{args[0]}`",
                lambda command=command: subprocess.run(command, capture_output=True, check=True),
                runs,
                warm=args[0] != "export",
                cpu=children_cpu,
            )
    print(f"\n`export` of all {quotes:,} quotes: {1000 * quotes / took:,.0f} quotes/s", flush=True)


class Progress:
    """Prints the rate of each stretch of `every` articles stored, as the archive grows."""

    def __init__(self, every: int = 10_000) -> None:
        self.every, self.done = every, 0
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __call__(self, article: Article, outcome: str) -> None:
        self.done += 1
        if self.done % self.every == 0:
            wall, cpu = time.perf_counter(), time.process_time()
            print(
                f"  {self.done:,} stored: {self.every / (wall - self.wall):.0f} articles/s,"
                f" {self.every / (cpu - self.cpu):.0f} per CPU second",
                flush=True,
            )
            self.wall, self.cpu = wall, cpu


def raw_ingest(archive: Archive, raw: Path, label: str, extracted: list[Article]) -> None:
    """The raw articles ingested (extracted as they are stored), then the same articles
    stored once extracted, under other ids."""
    cpu = time.process_time()
    summary = archive.ingest(keyed_inputs([raw]))
    print(
        f"| {label} | {summary.added} | {summary.seconds:.1f} | {time.process_time() - cpu:.1f} |",
        end=" ",
    )
    again = [replace(a, id=f"{a.id}#stored") for a in extracted]
    summary = archive.ingest(again, iter)
    print(f"{summary.seconds:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("extracted", type=Path, help="extract --format jsonl --with-text output")
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument(
        "--db", type=Path, help="the archive to build (default: a temp file), or to time if built"
    )
    parser.add_argument("--raw", type=Path, help="raw articles to ingest (extracted) at the end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        built = db.exists() and db.stat().st_size > 0
        with Archive.open(db) as archive:
            if built:
                print(f"{db}, already built: {archive.counts()['quotes']:,} quotes\n")
            else:
                copies = Path(tmp) / "copies.jsonl"
                articles = replicate(args.extracted, args.quotes, copies)
                cpu = time.process_time()
                summary = archive.ingest(keyed_inputs([copies]), never, Progress())
                cpu = time.process_time() - cpu
                print(
                    f"bulk ingest: {summary.added:,} of {articles:,} articles, {summary.quotes:,}"
                    f" quotes in {summary.seconds:.1f} s ({cpu:.1f} s of CPU):"
                    f" {summary.added / summary.seconds:.0f} articles/s,"
                    f" {summary.added / cpu:.0f} per CPU second\n"
                )
            routes(archive)
            quotes = archive.counts()["quotes"]
        commands(db, quotes)
        if args.raw:
            from saidwhat.pipeline import extract_articles
            from saidwhat.reading import read_inputs

            extracted = list(extract_articles(read_inputs([args.raw])))  # the model loaded
            print(
                "\n| raw articles into | added | ingest s | CPU s | stored once extracted, s |"
                "\n|---|---|---|---|---|"
            )
            with Archive.open(Path(tmp) / "empty.db") as empty:
                raw_ingest(empty, args.raw, "an empty archive", extracted)
            with Archive.open(db) as archive:
                raw_ingest(archive, args.raw, "this archive", extracted)


if __name__ == "__main__":
    main()
