#!/usr/bin/env python3
"""The robustness run: all the real text we have through the CLI, then a check of its output.

Runs `saidwhat extract INPUTS --format jsonl --workers N -o OUT` with the shipped default
extractor (the trained model; $SAIDWHAT_EXTRACTOR is cleared for the run), then checks:

- every article read is written: count in = count out, the same ids in the same order;
- the CLI exits 0 and writes no traceback to stderr;
- every span is exact against the input text (quotes' cue, sources and contents, and
  speakers' mentions: text == input[start:end], inside the text);
- every quote's speaker id names one of the article's speakers, and confidences lie in 0..1.

The input texts are read with the CLI's own reader (`saidwhat.reading`), so HTML and JSONL
inputs are checked against the text the offsets refer to. Prints the counts and every
problem, and exits 1 when there is one.

    python scripts/robustness.py                      # PolNeAR train + dev, GGT dev, examples
    python scripts/robustness.py corpus/ more.jsonl --workers 2 --keep out.jsonl
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
from typing import Any

from saidwhat.reading import InputError, read_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_INPUTS = [
    SHARED / "data" / "polnear" / "train" / "text",
    SHARED / "data" / "polnear" / "dev" / "text",
    SHARED / "data" / "ggt" / "dev.jsonl",
    ROOT / "examples",
    SHARED / "examples",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "inputs", nargs="*", type=Path, help="files or folders (default: ../shared ones)"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument("--keep", type=Path, help="keep the CLI's JSONL output here")
    args = parser.parse_args()
    inputs = args.inputs or [p for p in DEFAULT_INPUTS if p.exists()]
    if not inputs:
        parser.error("no inputs given and none of the default ../shared inputs is here")

    expected, unreadable = [], []
    for item in read_inputs(inputs):
        (unreadable if isinstance(item, InputError) else expected).append(item)
    print(f"inputs: {', '.join(str(p) for p in inputs)}")
    print(f"articles read: {len(expected)}, inputs the reader refused: {len(unreadable)}")
    for problem in unreadable:
        print(f"  refused: {problem}")

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "out.jsonl"
        env = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_EXTRACTOR"}
        command = [sys.executable, "-m", "saidwhat", "extract", *map(str, inputs)]
        command += ["--format", "jsonl", "--workers", str(args.workers), "-o", str(out)]
        started = time.perf_counter()
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []

    problems = []
    expected_rc = 1 if unreadable else 0  # the CLI exits 1 when it skipped an input
    if run.returncode != expected_rc:
        problems.append(f"the CLI exited {run.returncode}, not {expected_rc}")
    tracebacks = run.stderr.count("Traceback")
    if tracebacks:
        problems.append(f"{tracebacks} traceback(s) on stderr:\n{run.stderr[-4000:]}")
    outputs = [json.loads(line) for line in lines if line.strip()]
    if len(outputs) != len(expected):
        problems.append(f"{len(expected)} articles in, {len(outputs)} out")
    quotes = mentions = spans = 0
    for article, data in zip(expected, outputs, strict=False):
        if data.get("id") != article.id:
            problems.append(f"out of order: {data.get('id')!r} where {article.id!r} was expected")
            break
        found = check_article(data, article.text)
        problems += [f"{article.id}: {p}" for p in found.pop("problems")]
        quotes, mentions, spans = (
            quotes + found["quotes"],
            mentions + found["mentions"],
            spans + found["spans"],
        )

    print(f"articles out: {len(outputs)} in {seconds:.0f} s with {args.workers} workers")
    print(f"quotes: {quotes} ({spans} spans), speaker mentions: {mentions}")
    print(f"tracebacks on stderr: {tracebacks}, CLI exit status: {run.returncode}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def check_article(data: dict[str, Any], text: str) -> dict[str, Any]:
    """Counts of one output article's quotes, mentions and spans, and what is wrong in it."""
    problems: list[str] = []
    if "error" in data:
        problems.append(f"the article failed: {data['error']}")
    speaker_ids = {s["id"] for s in data.get("speakers", [])}
    spans = []
    for q in data.get("quotes", []):
        spans += [s for s in [q["cue"], *q["sources"], *q["contents"]] if s]
        speaker = q.get("speaker")
        if speaker and speaker["id"] not in speaker_ids:
            problems.append(f"quote's speaker {speaker['id']!r} is not among the speakers")
        if not 0.0 <= q["confidence"] <= 1.0:
            problems.append(f"confidence {q['confidence']} outside 0..1")
    mentions = [m for s in data.get("speakers", []) for m in s["mentions"]]
    for span in spans + mentions:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text) or text[start:end] != span["text"]:
            problems.append(f"span {start}:{end} {span['text']!r} is not the text's slice")
    quotes = len(data.get("quotes", []))
    return {"problems": problems, "quotes": quotes, "mentions": len(mentions), "spans": len(spans)}


if __name__ == "__main__":
    sys.exit(main())
