"""Load test: N concurrent clients post real articles to a saidwhat server for a fixed time.

Takes article files (text; default: examples/*.txt), a server on this machine (--url, or
--serve to start one on a free port), the number of clients and seconds; gives throughput,
latency percentiles and errors, beside the single-process extraction rate measured on the
same articles in this process before the load (the server's ceiling on the same cores).

Every response is checked, not only its status: an article's quotes must be the same in
every answer, so a request that interferes with another shows up as an error.

    python scripts/load_test.py --serve --clients 4 --seconds 30
    python scripts/load_test.py --url http://127.0.0.1:8000 --articles DIR_OF_TXT --clients 8

Bounded: it stops at --seconds (requests still open then finish within --timeout), and at
--max-requests; it only talks to loopback addresses.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    args = _parser().parse_args()
    texts = _articles(args.articles, args.limit)
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters")
    if not args.no_baseline:
        rate, chars = baseline(texts, args.seconds / 2)
        print(f"single process, no server: {rate:.2f} articles/s, {chars:,.0f} characters/s")
    server = _serve() if args.serve else None
    url = server[1] if server else args.url
    _loopback_only(url)
    try:
        _wait(url)
        report = run(url, texts, args.clients, args.seconds, args.timeout, args.max_requests)
    finally:
        if server:
            server[0].terminate()
            server[0].wait(timeout=30)
    print(json.dumps(report, indent=2))
    return 1 if report["errors"] else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server's base URL")
    parser.add_argument("--serve", action="store_true", help="start a server for the test")
    parser.add_argument("--articles", nargs="*", type=Path, help="text files or folders")
    parser.add_argument("--limit", type=int, default=40, help="at most this many articles")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30, help="how long to post")
    parser.add_argument("--timeout", type=float, default=120, help="one request's limit")
    parser.add_argument("--max-requests", type=int, default=10_000)
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-process rate")
    return parser


def _articles(paths: list[Path] | None, limit: int) -> list[str]:
    files: list[Path] = []
    for path in paths or [ROOT / "examples"]:
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    texts = [f.read_text(encoding="utf-8") for f in files[:limit]]
    if not texts:
        sys.exit("no articles to post")
    return texts


def _loopback_only(url: str) -> None:
    host = urlparse(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"{host}: this load test only targets a server on this machine")


def baseline(texts: list[str], seconds: float) -> tuple[float, float]:
    """Articles and characters per second of plain in-process extraction, one at a time."""
    from saidwhat.pipeline import extract, load

    nlp = load()
    extract(texts[0], nlp)  # warm up
    done, characters, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        text = texts[done % len(texts)]
        extract(text, nlp)
        done += 1
        characters += len(text)
    elapsed = time.perf_counter() - start
    return done / elapsed, characters / elapsed


def _serve() -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "saidwhat", "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}"


def _wait(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit(f"no server answered at {url}")


def run(
    url: str, texts: list[str], clients: int, seconds: float, timeout: float, max_requests: int
) -> dict:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    expected: dict[int, list] = {}  # article -> its quotes, from the first answer
    lock = threading.Lock()
    issued = 0
    characters = 0
    start = time.perf_counter()
    deadline = start + seconds

    def client(k: int) -> None:
        nonlocal issued, characters
        with httpx.Client(base_url=url, timeout=timeout) as http:
            n = k
            while time.perf_counter() < deadline:
                with lock:
                    if issued >= max_requests:
                        return
                    issued += 1
                which = n % len(texts)
                n += clients
                sent = time.perf_counter()
                try:
                    response = http.post("/v1/extract", json={"text": texts[which]})
                except httpx.HTTPError as e:
                    with lock:
                        errors[type(e).__name__] += 1
                    continue
                took = time.perf_counter() - sent
                with lock:
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code}"] += 1
                        continue
                    quotes = response.json()["quotes"]
                    if expected.setdefault(which, quotes) != quotes:
                        errors["answer differs from the first for this article"] += 1
                        continue
                    latencies.append(took)
                    characters += len(texts[which])

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)

    def pct(p: float) -> float | None:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 3) if ordered else None

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "ok": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "articles_per_s": round(len(latencies) / elapsed, 2),
        "characters_per_s": round(characters / elapsed),
        "latency_s": {
            "mean": round(statistics.fmean(ordered), 3) if ordered else None,
            "p50": pct(0.50),
            "p90": pct(0.90),
            "p99": pct(0.99),
            "max": round(ordered[-1], 3) if ordered else None,
        },
    }


if __name__ == "__main__":
    sys.exit(main())
