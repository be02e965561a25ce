"""Benchmark: `saidwhat ingest` into a fresh archive beside the bare extraction, in one run.

Takes PolNeAR train+dev texts (../shared; outlet and date read from their file names) or the
files given; prints articles/s and words/s of bare extraction (`extract_articles`, results
dropped) and of ingest (the same extraction, stored in SQLite), with the share of ingest
time spent storing, then what a repeated (no-op) ingest costs, search latency, the
archive's size and counts. The corpus is cut into chunks and each chunk is first extracted
bare, then ingested, so load from others on a shared machine falls on both alike.

    python scripts/bench_ingest.py [--db bench.db] [--chunks 8] [--json out.json] [FILES...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from saidwhat.archive import Archive
from saidwhat.article import Article
from saidwhat.pipeline import extract_articles, load

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"
_NAME = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def read(paths: list[Path]) -> list[Article]:
    articles = []
    for path in paths:
        meta = {}
        if found := _NAME.match(path.name):
            meta = {"outlet": found["outlet"], "published": found["date"]}
        articles.append(Article(id=path.stem, text=path.read_text(encoding="utf-8"), meta=meta))
    return articles


class Timed:
    """An `extract` for Archive.ingest that counts the seconds spent extracting, so the
    rest of the ingest's time is storing."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.seconds = 0.0

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        found = extract_articles(articles, self.nlp)
        while True:
            began = time.perf_counter()
            article = next(found, None)
            self.seconds += time.perf_counter() - began
            if article is None:
                return
            yield article


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--db", type=Path, help="archive to create (default: a temporary file)")
    parser.add_argument("--chunks", type=int, default=8)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    paths = args.files or sorted(
        p for split in ("train", "dev") for p in (POLNEAR / split / "text").glob("*.txt")
    )
    articles = read(paths)
    nlp = load()
    words = sum(len(t.split()) for t in (a.text for a in articles))
    list(extract_articles(articles[:4], nlp))  # warm up
    db = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    for old in db.parent.glob(db.name + "*"):
        old.unlink()
    size = -(-len(articles) // args.chunks)
    bare = ingest = 0.0
    timed = Timed(nlp)
    with Archive.open(db) as archive:
        for start in range(0, len(articles), size):
            chunk = articles[start : start + size]
            began = time.perf_counter()
            for _ in extract_articles(chunk, nlp):
                pass
            bare += time.perf_counter() - began
            began = time.perf_counter()
            summary = archive.ingest(chunk, timed)
            ingest += time.perf_counter() - began
            assert summary.added == len(chunk), summary.to_dict()
            print(f"  {start + len(chunk)}/{len(articles)} articles", flush=True)
        began = time.perf_counter()
        again = archive.ingest(articles, timed)
        repeat = time.perf_counter() - began
        assert again.unchanged == len(articles)
        searches = []
        for query in ("health care", "taxes", "emails", "border wall", "jobs", "Russia"):
            began = time.perf_counter()
            archive.search(query, limit=50)
            searches.append(time.perf_counter() - began)
        counts = archive.counts()
        top = archive.speakers(top=5)
    storing = ingest - timed.seconds
    results = {
        "articles": len(articles),
        "words": words,
        "bare_extraction": {"seconds": bare, "articles_per_s": len(articles) / bare,
                            "words_per_s": words / bare},
        "ingest": {"seconds": ingest, "articles_per_s": len(articles) / ingest,
                   "words_per_s": words / ingest},
        "ingest_over_bare": bare / ingest,
        "storing_seconds": storing,
        "storing_ms_per_article": 1000 * storing / len(articles),
        "storing_share_of_ingest": storing / ingest,
        "repeat_ingest_seconds": repeat,
        "search_ms_median": 1000 * statistics.median(searches),
        "db_mb": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6,
        "counts": counts,
        "top_speakers": [(s["name"], s["quotes"], s["articles"]) for s in top],
    }  # fmt: skip
    print(f"{len(articles)} articles, {words:,} words; archive {db}")
    print(f"{'':24}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    for name, key in (("bare extraction", "bare_extraction"), ("ingest (extract+store)", "ingest")):
        r = results[key]
        print(f"{name:24}{r['seconds']:9.1f}{r['articles_per_s']:12.2f}{r['words_per_s']:10.0f}")
    print(f"ingest rate / bare rate: {results['ingest_over_bare']:.3f}")
    print(
        f"storing: {storing:.1f} s in all, {results['storing_ms_per_article']:.1f} ms an article,"
        f" {100 * results['storing_share_of_ingest']:.1f}% of ingest"
    )
    print(f"repeat ingest (all unchanged): {repeat:.2f} s")
    print(f"search, median of 6 queries: {results['search_ms_median']:.1f} ms")
    print(f"archive: {results['db_mb']:.1f} MB, {counts}")
    print(f"top speakers: {results['top_speakers']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
