"""Extracted articles into the archive without a second extraction: saidwhat's own JSONL
(`extract --format jsonl --with-text`) and article Parquet (`spark.article_batches`, as
`spark-extract --articles` writes it) give the archive that ingesting the raw texts gives:
the same articles, quotes, speakers, people and clusters (stored in batches, the people
may be numbered otherwise)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.test_archive_store import extractor

from saidwhat.archive import Archive, keyed_inputs, search
from saidwhat.archive.search import _common, fts_query
from saidwhat.archive.stats import _counted, _recounted
from saidwhat.archive.store import count_aggregates, count_person_clusters, store_articles
from saidwhat.article import Article
from saidwhat.cli import main
from saidwhat.lexicon import cue_kind
from saidwhat.pipeline import extract_articles
from saidwhat.reading import Extracted, InputError, read_inputs, record_article
from saidwhat.spark import article_batches

_NAME = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def raw_articles(count: int = 10) -> list[dict]:
    """The shortest PolNeAR dev articles, with the outlet and date their names give."""
    paths = sorted(need(POLNEAR / "dev" / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    found = []
    for path in paths[:count]:
        name = _NAME.match(path.name)
        assert name, path.name
        text = path.read_text(encoding="utf-8")
        found.append({"id": path.stem, "outlet": name["outlet"], "published": name["date"],
                      "text": text})  # fmt: skip
    return found


def contents(path: Path) -> dict[str, list]:
    """What an archive holds, whatever its ids: each article as `Archive.article` reads it
    back, the people with their counts, names and reasons, and the quote clusters."""
    with Archive.open(path, readonly=True) as archive:
        conn = archive.conn
        articles = []
        for (key,) in conn.execute("SELECT key FROM articles ORDER BY key").fetchall():
            stored = archive.article(key) or {}
            del stored["article_id"]
            articles.append(Article.from_dict(stored).to_dict(include_text=True))
        people = conn.execute(
            "SELECT p.name, p.kind, p.gender, p.gender_basis, p.quotes, p.articles,"
            " p.first_seen, p.last_seen, (SELECT group_concat(alias || ':' || speakers, '|')"
            " FROM (SELECT * FROM aliases WHERE person_id = p.id ORDER BY alias)),"
            " (SELECT group_concat(decision || ':' || reason, '|') FROM (SELECT * FROM"
            " person_reasons WHERE person_id = p.id ORDER BY decision, reason))"
            " FROM people p ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
        ).fetchall()
        linked = conn.execute(
            "SELECT a.key, s.local_id, p.name FROM speakers s JOIN articles a"
            " ON a.id = s.article_id LEFT JOIN people p ON p.id = s.person_id ORDER BY 1, 2"
        ).fetchall()
        groups = conn.execute(
            "SELECT text, first_published, occurrences, articles, outlets, variants"
            " FROM quote_clusters ORDER BY 1, 2, 3"
        ).fetchall()
        return {
            "articles": articles,
            "people": [tuple(r) for r in people],
            "linked": [tuple(r) for r in linked],
            "clusters": [tuple(r) for r in groups],
        }


def never(articles):
    raise AssertionError("an extracted article was sent to extraction")


def raw_archive(tmp_path: Path, nlp: Language, items: list[dict]) -> Path:
    source = tmp_path / "raw.jsonl"
    source.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    path = tmp_path / "raw.db"
    with Archive.open(path) as archive:
        summary = archive.ingest(keyed_inputs([source]), extractor(nlp))
    assert summary.added == len(items) and summary.quotes > 20
    return path


def test_extracted_jsonl_gives_the_archive_of_the_raw_texts(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    items = raw_articles()
    reference = raw_archive(tmp_path, saidwhat_nlp, items)
    extracted = tmp_path / "extracted.jsonl"
    code = main(["extract", str(tmp_path / "raw.jsonl"), "-f", "jsonl", "--with-text",
                 "-o", str(extracted), "-w", "1"])  # fmt: skip
    assert code == 0
    lines = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines()]
    assert [line["text"] for line in lines] == [i["text"] for i in items]
    assert all(isinstance(a, Extracted) for a in read_inputs([extracted]))

    path = tmp_path / "from-jsonl.db"
    with Archive.open(path) as archive:
        summary = archive.ingest(keyed_inputs([extracted]), never)
        assert summary.added == len(items)
        assert summary.quotes == sum(len(line["quotes"]) for line in lines)
    assert contents(path) == contents(reference)

    # the same articles, raw or extracted, are the same articles: nothing to do again
    with Archive.open(path) as archive:
        again = archive.ingest(keyed_inputs([tmp_path / "raw.jsonl"]), never)
    assert again.unchanged == len(items) and again.added == 0
    assert main(["ingest", str(extracted), "--db", str(path)]) == 0


def test_an_extracted_line_whose_spans_miss_its_text_is_skipped_and_the_rest_stored(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    items = raw_articles(3)
    lines = []
    for item in items:
        article = record_article(item, item["id"], "test")
        (done,) = extract_articles([article], saidwhat_nlp)
        lines.append(done.to_dict(include_text=True))
    assert lines[1]["quotes"]
    lines[1]["quotes"][0]["contents"][0]["text"] += " and more"  # not what the text says
    source = tmp_path / "extracted.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        summary = archive.ingest(keyed_inputs([source]), never)
    assert summary.added == 2
    (skipped,) = summary.skipped
    assert isinstance(skipped, InputError) and skipped.source.endswith(":2")
    assert "do not fit its text" in skipped.reason


def full_text(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """The schema's statements, and every word of the quotes' full-text index with where
    it is (FTS5's own view of it), after FTS5's integrity check."""
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY 1, 2").fetchall()
    conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, quotes_fts, 'instance')")
    words = conn.execute("SELECT * FROM temp.words ORDER BY 1, 2, 3, 4").fetchall()
    conn.execute("DROP TABLE temp.words")
    return [tuple(r) for r in schema], [tuple(r) for r in words]


def test_a_batch_indexes_its_quotes_as_one_article_at_a_time_does_and_a_failed_one_undoes_all(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    # a batch writes its quotes' full-text entries at its end, its index trigger off
    # meanwhile: the same entries and schema as the trigger gives, an article replaced in
    # the batch included, and a batch that fails leaves the archive as it was, trigger on
    items = raw_articles(4)
    done = extract_articles([record_article(i, i["id"], "test") for i in items], saidwhat_nlp)
    articles = [(a.id, a) for a in done]
    first = articles[0][1]
    changed = Article(first.id, first.text + "\nMore.", first.quotes, first.speakers, first.meta)
    batch = [*articles, (first.id, changed)]
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    with Archive.open(one) as archive:
        for key, article in batch:
            assert store_articles(archive.conn, [(key, article)]) in (["added"], ["replaced"])
    with Archive.open(many) as archive:
        assert store_articles(archive.conn, batch) == ["added"] * 4 + ["replaced"]
        expected = full_text(archive.conn)
        assert len(expected[1]) > 100
        with sqlite3.connect(one) as conn:
            assert full_text(conn) == expected

        twice = Article("twice", first.text, first.quotes, first.speakers * 2)
        with pytest.raises(sqlite3.IntegrityError):  # one speaker id twice in an article
            store_articles(archive.conn, [("new", changed), ("twice", twice)])
        assert full_text(archive.conn) == expected
        assert archive.counts()["articles"] == 4
        assert archive.store(replace(changed, id="new")) == "added"  # by the trigger
        indexed = {r[1] for r in full_text(archive.conn)[1]}
        assert indexed == {r[0] for r in archive.conn.execute("SELECT id FROM quotes")}


def test_article_parquet_gives_the_archive_of_the_raw_texts(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    items = raw_articles()
    reference = raw_archive(tmp_path, saidwhat_nlp, items)
    given = pa.RecordBatch.from_pylist(
        [{"id": i["id"], "text": i["text"], "outlet": i["outlet"],
          "published": i["published"]} for i in items]
    )  # fmt: skip
    batches = list(article_batches([given.slice(0, 4), given.slice(4)]))
    assert batches[0].schema.names == [
        "id", "text", "outlet", "published", "quotes", "speakers", "error"
    ]  # fmt: skip
    folder = tmp_path / "articles.parquet"
    folder.mkdir()
    pq.write_table(pa.Table.from_batches(batches), folder / "part-00000.parquet")
    (folder / "_SUCCESS").write_text("")  # as Spark leaves it: no input of its own

    path = tmp_path / "from-parquet.db"
    with Archive.open(path) as archive:
        summary = archive.ingest(keyed_inputs([folder]), never)
    assert (summary.added, summary.skipped) == (len(items), [])
    assert contents(path) == contents(reference)


def test_each_quotes_cue_kind_is_stored_as_its_line_states_it_else_from_its_cue(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    given = [record_article(item, "one", "test") for item in raw_articles(8)]
    done = next(a for a in extract_articles(given, saidwhat_nlp) if len(a.quotes) >= 2)
    line = done.to_dict(include_text=True)
    quotes = line["quotes"]
    assert len(quotes) >= 2 and all(q["cue_kind"] for q in quotes)
    expected = [cue_kind(q["cue"]["text"] if q["cue"] else None) for q in quotes]
    del quotes[0]["cue_kind"]  # a line written before cue kinds: the lexicon's
    quotes[1]["cue_kind"] = "thought" if expected[1] != "thought" else "other"  # as stated
    expected[1] = quotes[1]["cue_kind"]
    source = tmp_path / "extracted.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    path = tmp_path / "kinds.db"
    with Archive.open(path) as archive:
        assert archive.ingest(keyed_inputs([source]), never).added == 1
        stored = archive.conn.execute("SELECT cue_kind FROM quotes ORDER BY position")
        assert [r[0] for r in stored] == expected
        # and so does the Parquet of such articles: the kind it states is read back
        table = pa.Table.from_pylist([{"id": done.id, "text": done.text}])
        (batch,) = article_batches(table.to_batches())
        assert batch.schema.field("quotes").type.value_type.get_field_index("cue_kind") >= 0
        rows = batch.to_pylist()
        rows[0]["quotes"][1]["cue_kind"] = expected[1]
        pq.write_table(pa.Table.from_pylist(rows, schema=batch.schema), tmp_path / "a.parquet")
        (read,) = read_inputs([tmp_path / "a.parquet"])
        assert isinstance(read, Extracted)
        assert [q.cue_kind for q in read.quotes][1:2] == expected[1:2]
        assert read.quotes[0].cue_kind == quotes[0].get("cue_kind", expected[0])


def recount(path: Path) -> dict[str, list[tuple]]:
    """The aggregates as ingest left them, and as counted from scratch."""
    conn = sqlite3.connect(path)
    tables = ("outlet_periods", "person_periods", "person_clusters")
    kept = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    conn.execute("BEGIN")
    count_aggregates(conn)
    count_person_clusters(conn)
    fresh = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    conn.execute("ROLLBACK")
    conn.close()
    return {"kept": kept, "fresh": fresh}


def test_the_dashboards_counts_stay_exact_through_ingest_replace_and_delete(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    items = raw_articles(12)
    path = raw_archive(tmp_path, saidwhat_nlp, items[:8])
    extracted = []
    for item in items[4:]:  # four already stored (one changed below), four new
        article = record_article(item, item["id"], "test")
        (done,) = extract_articles([article], saidwhat_nlp)
        extracted.append(done.to_dict(include_text=True))
    extracted[0]["published"] = "2017-01-15"  # the same article, changed: replaced
    extracted[0]["outlet"] = "another-outlet"
    source = tmp_path / "extracted.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in extracted), encoding="utf-8")
    with Archive.open(path) as archive:
        summary = archive.ingest(keyed_inputs([source]), never)
        assert (summary.added, summary.replaced, summary.unchanged) == (4, 1, 3)
        assert archive.delete(items[1]["id"])
        counted = recount(path)
        assert counted["kept"] == counted["fresh"]
        assert len(counted["kept"]["person_periods"]) > 10

        # every filter of a year or month, of any cue kinds, is read from the counts; equal
        # to a recount
        conn = archive.conn
        held = dict(conn.execute("SELECT cue_kind, count(*) FROM quotes GROUP BY 1").fetchall())
        assert len(held) >= 3 and held["speech"] > held.get("writing", 0) > 0, held
        outlets = [None, items[0]["outlet"], "another-outlet", "none-such"]
        dates = [None, "2016", "2016-09", "2016-10", "2017"]
        for outlet in outlets:
            for since in dates:
                for until in dates:
                    for kinds in CUE_KIND_FILTERS:
                        fast = _counted(conn, since, until, outlet, 5, kinds)
                        slow = _recounted(conn, since, until, outlet, None, 5, kinds)
                        assert fast == slow, (outlet, since, until, kinds)
        # and so are the speaker pages and the list of the most quoted: equal to what an
        # archive without the counts (the same one, read as an older one is) recounts
        top = [p["person_id"] for p in archive.speakers(8)]
        kept = [archive.speaker(p) for p in top]
        lists = _speaker_lists(archive, outlets)
    older = tmp_path / "older.db"
    shutil.copy(path, older)
    conn = sqlite3.connect(older)
    conn.executescript("DROP TABLE person_periods; DROP TABLE outlet_periods;")
    conn.close()
    with Archive.open(older, readonly=True) as archive:
        assert [archive.speaker(p) for p in top] == kept
        assert _speaker_lists(archive, outlets) == lists
    with Archive.open(path) as archive:
        conn = archive.conn
        found = archive.stats(cue_kind="all")
        assert (
            found["totals"]["quotes"] == conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        )
        spoken = conn.execute(
            "SELECT count(*) FROM quotes WHERE cue_kind IN ('speech', 'writing')"
        ).fetchone()[0]
        assert archive.stats()["totals"]["quotes"] == spoken < found["totals"]["quotes"]
        assert found["gender_total"]["women"] + found["gender_total"]["men"] > 5


# The cue kinds counted by default, all, and others (`search.cue_kinds`).
CUE_KIND_FILTERS = (None, "all", "speech", "writing,thought", "thought,other", "other")


def _speaker_lists(archive: Archive, outlets: list[str | None]) -> list:
    return [
        (
            archive.speakers(6, by, outlet, kind, cue_kind=kinds),
            archive.gender_shares(outlet, cue_kind=kinds),
        )
        for outlet in outlets
        for by in ("quotes", "articles")
        for kind in (None, "person", "organisation")
        for kinds in CUE_KIND_FILTERS
    ]


def test_quotes_by_speaker_come_newest_first_whichever_way_they_are_read(
    tmp_path: Path, saidwhat_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a much quoted person's page is read in the order of the newest quotes, another's by
    # sorting theirs (`search._common`): the same quotes in the same order either way
    lines = []
    for item in raw_articles(3):  # each copied 20 times, on 20 days: its people quoted often
        (done,) = extract_articles([record_article(item, item["id"], "test")], saidwhat_nlp)
        for copy in range(20):
            line = done.to_dict(include_text=True)
            line.update(id=f"{done.id}-{copy}", published=f"2016-10-{1 + copy:02d}")
            lines.append(line)
    source = tmp_path / "copies.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    path = tmp_path / "copies.db"
    with Archive.open(path) as archive:
        assert archive.ingest(keyed_inputs([source]), never).added == 60
    with Archive.open(path, readonly=True) as archive:
        conn = archive.conn
        (person,) = conn.execute(
            "SELECT id FROM people WHERE kind = 'person' ORDER BY quotes DESC LIMIT 1"
        ).fetchone()
        expected = [
            r[0]
            for r in conn.execute(
                "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id JOIN speakers s"
                " ON s.id = q.speaker_id WHERE s.person_id = ?"
                " ORDER BY a.published IS NULL, a.published DESC, q.id",
                (person,),
            )
        ]
        assert len(expected) > 4
        ways = set()
        for offset in range(len(expected)):
            ways.add(_common(conn, [person], 1 + offset))
            found = archive.search(speaker=person, limit=1, offset=offset, cue_kind="all")
            assert [r["quote_id"] for r in found] == expected[offset : offset + 1]
        assert ways == {True, False}
        everything = archive.search(speaker=person, limit=len(expected), cue_kind="all")
        assert [r["quote_id"] for r in everything] == expected
        # with words: best bm25 first, then newest, then by id, on every page, the copies'
        # scores tied, with and without filters (`search._best_matches`)
        (said,) = conn.execute(
            "SELECT q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
            " WHERE s.person_id = ? AND q.cue_kind IN ('speech', 'writing') ORDER BY q.id LIMIT 1",
            (person,),
        ).fetchone()
        word = max(re.findall(r"[^\W\d_]+", said), key=len)
        for filters, extra in (({}, ""), ({"speaker": person, "since": "2016-10-05"},
            " AND s.person_id = ? AND a.published >= '2016-10-05'")):  # fmt: skip
            found = [
                r[0]
                for r in conn.execute(
                    "SELECT q.id FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
                    " JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s"
                    " ON s.id = q.speaker_id WHERE quotes_fts MATCH ?"
                    f" AND q.cue_kind IN ('speech', 'writing'){extra} ORDER BY bm25(quotes_fts),"
                    " a.published IS NULL, a.published DESC, q.id",
                    (fts_query(word), *([person] if extra else [])),
                )
            ]
            assert len(found) > 10
            monkeypatch.setattr(search, "MATCH_CHUNK", 2)  # the rows read a few at a time
            for limit in (1, 7, 100):
                for offset in range(0, len(found) + 1, 5):
                    page = archive.search(word, limit=limit, offset=offset, **filters)
                    assert [r["quote_id"] for r in page] == found[offset : offset + limit]
                    assert all(r["matches"] for r in page)
