"""The quote archive: many articles' quotes, speakers and people in one SQLite file.

Takes inputs to extract (or extracted Articles) and questions; gives a database that answers
who said what, about whom, where and when, across articles and outlets.

    from saidwhat.archive import Archive, keyed_inputs
    with Archive.open("archive.db") as archive:
        summary = archive.ingest(keyed_inputs(paths))      # -> IngestSummary
        archive.search("NHS", speaker="Jonathan Ashworth", since="2019")

Writing (one transaction per article; safe to repeat and to kill at any moment):
- `Archive.open(path, readonly=False) -> Archive`: creates the schema in a new file.
- `keyed_inputs(paths)`: `reading.read_inputs`, each Article paired with its key: the
  input's own id (a JSONL record's "id"), else its file's resolved path, so two folders'
  `report.txt` are two articles (`store.input_key`).
- `archive.ingest(items, extract=None, on_article=None) -> IngestSummary`: `items` as
  `keyed_inputs` yields them (or bare Articles, keyed as `store` keys them; InputErrors are
  reported); unchanged articles (same key, same content hash) are skipped before
  extraction, a changed one replaces the article under its key; an article that extraction
  fails on is not stored but recorded in the `failures` table with its reason, and the next
  ingest tries it again; `extract` maps Articles to extracted Articles, one each, in order
  (default `pipeline.extract_articles`; a parallel extractor fits here; `iter` for Articles
  already extracted). `reading.Extracted` articles (saidwhat's own JSONL with text, article
  Parquet) are stored as they are, up to `store.BATCH` in one transaction.
- `archive.store(article, key=None) -> "added" | "replaced" | "unchanged"`: one extracted
  Article, stored under `key` or `article_key(article)` (its id, or `text-<hash>`).
- `archive.delete(key) -> bool`.
- `archive.regroup() -> int`: every quoted speaker linked and grouped into people again, in
  full (`saidwhat regroup`); ingest links each new article incrementally, to the same people.

Reading (plain dicts and lists, ready for JSON); each method is the `search` module's
function of that name (`clusters`: `quote_clusters`) on the calling thread's connection,
whose parameters and docstring it shows (`store` and `delete` likewise from `store`):
- `archive.search(text=None, speaker=None, about=None, outlet=None, since=None, until=None,
  type=None, limit=50, offset=0, cue_kind="speech,writing") -> list[dict]`: quotes with
  article, speaker, person, context sentence, `cue_kind`, bm25 `score` (lower is better) and
  the `matches` of the (stemmed) words in `text`. `cue_kind` here and below: the kinds of
  attribution counted (speech and writing, as the Gender Gap Tracker; "all").
- `archive.speakers(top=20, by="quotes"|"articles", outlet=None, kind=None, on=None,
  cue_kind=...) -> list[dict]` (`on="NHS"`: who is quoted most on the NHS);
  `archive.gender_shares(outlet=None, on=None, cue_kind=...) -> dict`.
- `archive.speaker(person_id or name) -> dict | None`: aliases, titles and affiliations over
  time, outlets, quotes by month, top words, quotes, clusters, others of the same name.
- `archive.find_people(name) -> list[dict]`.
- `archive.article(key or article_id) -> dict | None` (`Article.from_dict` reads it back);
  `archive.articles(limit=50, offset=0, outlet=None, since=None, until=None, text=None)
  -> list[dict]`: each with its title (else its first line), never only its file's path.
- `archive.cluster(id) -> dict | None`: counts, first appearance, and `quotes`, each
  occurrence with its wording `differences` from the first;
  `archive.clusters(limit=50, offset=0) -> list[dict]`.
- `archive.stats(since=None, until=None, outlet=None, about=None, top=10, cue_kind=...)
  -> dict`: the dashboard's numbers (`stats`): women's share of the people quoted, by
  outlet and month, the most quoted people and organisations, quotes per outlet per month.
- `archive.export(path, fmt="parquet"|"csv"|"jsonl") -> int`; `archive.counts() -> dict`.

Modules: store (schema, ingest, the counts the dashboard reads), people (cross-article
persons), clusters (same quote in several articles), search (reading, export), stats (the
dashboard's overview), tables (terminal rendering for the CLI).

Threads: each thread gets its own connection (made on first use), and WAL mode lets reads go
on while another thread or process ingests. Datasette opens the file as it is
(`datasette archive.db`): quotes_fts gives the quotes table a search box.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from saidwhat.archive import search as _search
from saidwhat.archive import stats as _stats
from saidwhat.archive import store as _store
from saidwhat.archive.store import (
    Extract,
    Failure,
    IngestSummary,
    Keyed,
    SchemaError,
    article_key,
    keyed_inputs,
)
from saidwhat.article import Article
from saidwhat.reading import InputError

__all__ = ["Archive", "Failure", "IngestSummary", "SchemaError", "article_key", "keyed_inputs"]

P = ParamSpec("P")
R = TypeVar("R")


def _on_conn(
    function: Callable[Concatenate[sqlite3.Connection, P], R],
) -> Callable[Concatenate[Archive, P], R]:
    """An `Archive` method that calls `function` with the calling thread's connection: the
    parameters, their defaults and the docstring are `function`'s, written once."""

    @functools.wraps(function)
    def method(self: Archive, *args: P.args, **kwargs: P.kwargs) -> R:
        return function(self.conn, *args, **kwargs)

    return method


class Archive:
    """One archive file; open it with `Archive.open(path)`."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._connections = _store.Connections(self.path, readonly)

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Archive:
        archive = cls(path, readonly)
        if readonly and not archive.path.exists():
            raise FileNotFoundError(f"no archive at {path}")
        _store.ensure_schema(archive.conn, readonly)
        return archive

    @property
    def conn(self) -> sqlite3.Connection:  # the calling thread's own
        return self._connections.get()

    def close(self) -> None:
        self._connections.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        items: Iterable[Article | Keyed | InputError],
        extract: Extract | None = None,
        on_article: Callable[[Article, str], None] | None = None,
    ) -> IngestSummary:
        return _store.ingest(self.conn, self._not_mine(items), extract, on_article)

    def _not_mine(
        self, items: Iterable[Article | Keyed | InputError]
    ) -> Iterator[Article | Keyed | InputError]:
        """The items, less the archive's own files (ingesting the folder that holds it)."""
        mine = {str(self.path.resolve()) + end for end in ("", "-wal", "-shm", "-journal")}
        for item in items:
            if not (isinstance(item, InputError) and str(Path(item.source).resolve()) in mine):
                yield item

    store = _on_conn(_store.store_article)
    delete = _on_conn(_store.delete_article)
    search = _on_conn(_search.search)
    speakers = _on_conn(_search.speakers)
    gender_shares = _on_conn(_search.gender_shares)
    speaker = _on_conn(_search.speaker)
    find_people = _on_conn(_search.find_people)
    article = _on_conn(_search.article)
    articles = _on_conn(_search.articles)
    cluster = _on_conn(_search.cluster)
    clusters = _on_conn(_search.quote_clusters)
    export = _on_conn(_search.export)
    counts = _on_conn(_search.counts)
    stats = _on_conn(_stats.stats)
    regroup = _on_conn(_store.regroup_people)
