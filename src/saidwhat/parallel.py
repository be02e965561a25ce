"""Extraction across worker processes, for more articles than one core gets through.

Takes an iterable of Articles (a stream: it is read only as fast as results are taken);
gives the same Articles with quotes and speakers filled in, in input order, from
`workers` processes that each load the spaCy pipeline once. At most a few batches per
worker are in flight at any time, so memory stays flat however long the input is.

Failures: an article that extraction fails on comes back with `error` set, as from
`extract_articles`, and its batch-mates come back as usual. A worker killed by the system
(out of memory, a crash in native code) breaks the whole process pool: a new pool takes its
place, the batch is extracted again one article at a time, and an article that kills its
worker again comes back with `error` saying so; the batches behind it are sent again.

    for article in extract_parallel(read_articles(), workers=4):
        ...
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from saidwhat.article import Article, Quote, Speaker
from saidwhat.model import encoder
from saidwhat.pipeline import CHUNK_CHARS, Settings, extract_articles, load

BATCH_SIZE = 8  # articles per task: enough for nlp.pipe to batch, few enough to spread evenly
AHEAD = 3  # tasks in flight per worker: keeps every worker busy while the head is awaited
PARENT_CHECK_S = 0.5  # how often a worker looks whether its parent is still there

WORKER_DIED = "its worker process died (killed by the system, out of memory, or a native crash)"

Found = tuple[list[Quote], list[Speaker], str | None]  # quotes, speakers, error


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_parallel(
    articles: Iterable[Article],
    workers: int | None = None,
    settings: Settings | None = None,
    batch_size: int = BATCH_SIZE,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Article]:
    """Every article with its quotes and speakers, in input order; `workers` None means
    every core, and 1 extracts in this process (no workers started); `settings` the
    pipeline's (None: the defaults)."""
    workers = workers or default_workers()
    if workers <= 1:
        nlp = load(settings)
        yield from extract_articles(articles, nlp, batch_size=batch_size, chunk_chars=chunk_chars)
        return
    with WorkerPool(workers, settings, batch_size=batch_size, chunk_chars=chunk_chars) as pool:
        yield from pool.extract(articles)


class WorkerPool:
    """Worker processes that keep their loaded pipeline from one `extract` to the next
    (for a long-running service, or a benchmark that times the work, not the start)."""

    def __init__(
        self,
        workers: int | None = None,
        settings: Settings | None = None,
        batch_size: int = BATCH_SIZE,
        chunk_chars: int = CHUNK_CHARS,
    ) -> None:
        self.workers = workers or default_workers()
        self.batch_size = batch_size
        self.pipeline = settings or Settings()
        self.chunk_chars = chunk_chars
        self.context = _context()
        if self.context.get_start_method() == "fork":  # workers inherit it; a bad name fails here
            load(self.pipeline)
        self.pool = self._new_pool()

    def extract(self, articles: Iterable[Article]) -> Iterator[Article]:
        """As `extract_parallel`: in input order, a few batches per worker in flight."""
        pending: deque[tuple[list[Article], Future[list[Found]]]] = deque()
        try:
            for batch in _batches(articles, self.batch_size):
                pending.append((batch, self._submit(batch)))
                if len(pending) >= self.workers * AHEAD:
                    yield from self._finished(pending)
            while pending:
                yield from self._finished(pending)
        finally:  # the caller stopped early or a worker failed: drop what is queued
            for _, future in pending:
                future.cancel()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers, self.context, initializer=_warm, initargs=(self.pipeline,)
        )

    def _submit(self, batch: list[Article]) -> Future[list[Found]]:
        try:
            return self.pool.submit(
                _extract, batch, self.pipeline, self.batch_size, self.chunk_chars
            )
        except BrokenProcessPool as e:  # broken before its head batch was reached: see there
            broken: Future[list[Found]] = Future()
            broken.set_exception(e)
            return broken

    def _finished(
        self, pending: deque[tuple[list[Article], Future[list[Found]]]]
    ) -> Iterator[Article]:
        """The head batch's articles with what the worker found (the text never travels
        back). When a worker died, every batch not yet done died with the pool: the head
        batch is extracted again in a new pool one article at a time with nothing else in
        flight, so an article that kills its worker again is the one that did; the batches
        behind it are sent again after."""
        batch, future = pending.popleft()
        try:
            found = future.result()
        except BrokenProcessPool:
            self._replace()
            found = [self._alone(article) for article in batch]
            for k, (other, was) in enumerate(pending):
                if not was.done() or was.exception() is not None:
                    pending[k] = (other, self._submit(other))
        for article, (quotes, speakers, error) in zip(batch, found, strict=True):
            yield Article(article.id, article.text, quotes, speakers, dict(article.meta), error)

    def _alone(self, article: Article) -> Found:
        try:
            (found,) = self._submit([article]).result()
        except BrokenProcessPool:
            self._replace()
            return [], [], WORKER_DIED
        return found

    def _replace(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe: workers start at once, sharing the parent's loaded model, and
    a script needs no `if __name__ == "__main__"`. A parent running other threads (a
    progress bar) or one that has run the encoder (`encoder.started`) must not be forked,
    so it spawns fresh workers that load the model."""
    safe = threading.active_count() == 1 and not encoder.started()
    if safe and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _warm(settings: Settings) -> None:
    """A new worker watches its parent (see `_exit_with`) and loads the pipeline before its
    first batch arrives; a failure here is left for that batch to raise, where the caller
    sees it."""
    watch = threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True)
    watch.start()
    with contextlib.suppress(Exception):
        load(settings)


def _exit_with(parent: int) -> None:
    """In a worker: exit once the parent process is gone. A parent killed by SIGKILL tells
    no one, and a forked worker holds its own copy of the parent's end of the task pipe,
    so it would wait for tasks forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _extract(
    batch: list[Article], settings: Settings, batch_size: int, chunk_chars: int
) -> list[Found]:
    """In a worker: the batch's findings, an error for an article that failed (see
    `extract_articles`). The pipeline loads on the first batch (`load` is
    cached), so a load error reaches the caller as itself, not as a broken pool."""
    nlp = load(settings)
    done = extract_articles(batch, nlp, batch_size=batch_size, chunk_chars=chunk_chars)
    return [(a.quotes, a.speakers, a.error) for a in done]
