"""Scale checks: time linear in an article's length, memory flat in the number of articles.

    python scripts/scale.py linear [--mb 1 2]      # one long article made of PolNeAR dev texts
    python scripts/scale.py memory [--n 1000 10000] [--workers 2] [--shortest 10]

`linear` times extract_articles on one article of each size (CPU and wall seconds per MB).
`memory` writes a JSONL of N articles by repeating PolNeAR dev texts under new ids, runs
`saidwhat extract FILE -f jsonl --workers W` on it, and samples the summed RSS of the
command and its worker processes: the peak should not grow with N.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev" / "text"
PAGE = os.sysconf("SC_PAGE_SIZE")


def dev_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]


def linear(sizes: list[float]) -> None:
    from saidwhat.article import Article
    from saidwhat.pipeline import extract_articles, load

    nlp = load()
    texts = dev_texts()
    print(f"{'MB':>5} {'quotes':>7} {'cpu s':>7} {'wall s':>7} {'cpu s/MB':>9} {'wall s/MB':>9}")
    for mb in sizes:
        parts, size, k = [], 0, 0
        while size < mb * 1_000_000:
            parts.append(texts[k % len(texts)])
            size += len(parts[-1]) + 2
            k += 1
        article = Article(id=f"{mb}MB", text="\n\n".join(parts))
        wall, cpu = time.perf_counter(), time.process_time()
        (done,) = extract_articles([article], nlp)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        mbs = len(article.text) / 1e6
        print(
            f"{mbs:>5.2f} {len(done.quotes):>7} {cpu:>7.1f} {wall:>7.1f}"
            f" {cpu / mbs:>9.1f} {wall / mbs:>9.1f}",
            flush=True,
        )


def tree_rss(root: int) -> int:
    """Bytes of resident memory of `root` and every process under it."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = pages * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def memory(counts: list[int], workers: int, shortest: int) -> None:
    texts = sorted(dev_texts(), key=len)[:shortest] if shortest else dev_texts()
    print(f"articles repeat the {len(texts)} shortest PolNeAR dev texts; --workers {workers}")
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>10} {'peak RSS, all processes':>24}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            source, out = Path(tmp) / f"{n}.jsonl", Path(tmp) / f"{n}.out.jsonl"
            with source.open("w", encoding="utf-8") as f:
                for i in range(n):
                    f.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n")
            command = [sys.executable, "-m", "saidwhat", "extract", str(source)]
            command += ["-f", "jsonl", "-o", str(out), "--workers", str(workers)]
            start, peak = time.perf_counter(), 0
            proc = subprocess.Popen(command, stderr=subprocess.DEVNULL)
            while proc.poll() is None:
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.25)
            seconds = time.perf_counter() - start
            lines = sum(1 for _ in out.open(encoding="utf-8"))
            if proc.returncode or lines != n:
                raise SystemExit(f"extract failed: exit {proc.returncode}, {lines} of {n} lines")
            print(f"{n:>9,} {seconds:>8.0f} {n / seconds:>10.1f} {peak / 2**20:>21,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    lin = commands.add_parser("linear")
    lin.add_argument("--mb", type=float, nargs="+", default=[1, 2])
    mem = commands.add_parser("memory")
    mem.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    mem.add_argument("--workers", type=int, default=2)
    mem.add_argument("--shortest", type=int, default=10, help="use the N shortest texts (0: all)")
    args = parser.parse_args()
    if args.command == "linear":
        linear(args.mb)
    else:
        memory(args.n, args.workers, args.shortest)


if __name__ == "__main__":
    main()
