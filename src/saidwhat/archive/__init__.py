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
  extraction, a changed one replaces the article under its key; `extract` maps Articles to
  extracted Articles, one each, in order (default `pipeline.extract_articles`; a parallel
  extractor fits here; `iter` for Articles already extracted).
- `archive.store(article) -> "added" | "replaced" | "unchanged"`: one extracted Article,
  stored under `article_key(article)` (its id, or `text-<hash>` when it has none).
- `archive.delete(key) -> bool`.

Reading (plain dicts and lists, ready for JSON):
- `archive.search(text=None, speaker=None, about=None, outlet=None, since=None, until=None,
  type=None, limit=50, offset=0) -> list[dict]`: quotes with article, speaker, person,
  context sentence and bm25 `score` (lower is better).
- `archive.speakers(top=20, by="quotes"|"articles", outlet=None, kind=None, on=None)
  -> list[dict]` (`on="NHS"`: who is quoted most on the NHS);
  `archive.gender_shares(outlet=None, on=None) -> dict`.
- `archive.speaker(person_id or name) -> dict | None`: aliases, titles and affiliations over
  time, outlets, quotes by month, top words, quotes, clusters, others of the same name.
- `archive.find_people(name) -> list[dict]`.
- `archive.article(key or article_id) -> dict | None` (`Article.from_dict` reads it back);
  `archive.articles(limit=50, offset=0, outlet=None) -> list[dict]`.
- `archive.cluster(id) -> dict | None`: counts, first appearance, and `quotes`, each
  occurrence with its wording `differences` from the first;
  `archive.clusters(limit=50, offset=0) -> list[dict]`.
- `archive.export(path, fmt="parquet"|"csv"|"jsonl") -> int`; `archive.counts() -> dict`.

Modules: store (schema, ingest), people (cross-article persons), clusters (same quote in
several articles), search (reading, export), tables (terminal rendering for the CLI).

Threads: each thread gets its own connection (made on first use), and WAL mode lets reads go
on while another thread or process ingests. Datasette opens the file as it is
(`datasette archive.db`): quotes_fts gives the quotes table a search box.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from saidwhat.archive import search as _search
from saidwhat.archive import store as _store
from saidwhat.archive.store import (
    Extract,
    IngestSummary,
    Keyed,
    SchemaError,
    article_key,
    keyed_inputs,
)
from saidwhat.article import Article
from saidwhat.reading import InputError

__all__ = ["Archive", "IngestSummary", "SchemaError", "article_key", "keyed_inputs"]


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
        _store.ensure_schema(archive.conn)
        return archive

    @property
    def conn(self):  # sqlite3.Connection of the calling thread
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

    def store(self, article: Article) -> str:
        return _store.store_article(self.conn, article)

    def delete(self, key: str) -> bool:
        return _store.delete_article(self.conn, key)

    def search(
        self,
        text: str | None = None,
        speaker: int | str | None = None,
        about: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        return _search.search(
            self.conn, text, speaker, about, outlet, since, until, type, limit, offset
        )

    def speakers(
        self,
        top: int = 20,
        by: str = "quotes",
        outlet: str | None = None,
        kind: str | None = None,
        on: str | None = None,
    ) -> list[dict[str, Any]]:
        return _search.speakers(self.conn, top, by, outlet, kind, on)

    def gender_shares(self, outlet: str | None = None, on: str | None = None) -> dict[str, Any]:
        return _search.gender_shares(self.conn, outlet, on)

    def speaker(self, who: int | str) -> dict[str, Any] | None:
        return _search.speaker(self.conn, who)

    def find_people(self, name: str) -> list[dict[str, Any]]:
        return _search.find_people(self.conn, name)

    def article(self, which: int | str) -> dict[str, Any] | None:
        return _search.article(self.conn, which)

    def articles(
        self, limit: int = 50, offset: int = 0, outlet: str | None = None
    ) -> list[dict[str, Any]]:
        return _search.articles(self.conn, limit, offset, outlet)

    def cluster(self, cluster_id: int) -> dict[str, Any] | None:
        return _search.cluster(self.conn, cluster_id)

    def clusters(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        return _search.quote_clusters(self.conn, limit, offset)

    def export(self, path: str | Path, fmt: str = "parquet") -> int:
        return _search.export(self.conn, path, fmt)

    def counts(self) -> dict[str, int]:
        return _search.counts(self.conn)
