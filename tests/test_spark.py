"""Spark local mode with real PySpark finds the quotes a plain extract finds, with the rules
and with the trained model (whose encoder runs onnxruntime in a thread, in worker processes
that Spark starts, not this one).

One small session (local[1], three short PolNeAR dev articles) for the whole module, as
Spark is slow to start; skipped where pyspark or Java is not installed."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need

from saidwhat.article import Article
from saidwhat.cli import main
from saidwhat.pipeline import Settings, extract_articles, load

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 (make java installs it)", allow_module_level=True)

from pyspark.sql import DataFrame

from saidwhat.spark import extract_quotes
from saidwhat.spark_session import session

NAMED = ("trump_count", "clinton_count")  # metadata.tsv's counts of the two names


@pytest.fixture(scope="module")
def spark() -> Iterator:
    spark = session("local[1]", "saidwhat-test")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def dev_articles() -> list[Article]:
    paths = sorted(need(POLNEAR / "dev" / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths[:3]]


def _key(article_id: str, quote: dict) -> tuple:
    def spans(items: list[dict]) -> tuple:
        return tuple((s["start"], s["end"], s["text"]) for s in items)

    cue = quote["cue"]
    return (
        article_id,
        (cue["start"], cue["end"], cue["text"]) if cue else None,
        spans(quote["sources"]),
        spans(quote["contents"]),
        quote["type"],
        quote["speaker_name"],
        quote["speaker_gender"],
        tuple(quote["speaker_titles"]),
    )


def _plain(articles: list[Article], nlp: Language) -> list[tuple]:
    found = []
    for article in extract_articles(articles, nlp):
        by_id = {s.id: s for s in article.speakers}
        for quote in article.quotes:
            data = quote.to_dict()
            speaker = by_id.get(quote.speaker_id or "")
            data["speaker_name"] = speaker.name if speaker else None
            data["speaker_gender"] = speaker.gender if speaker else None
            data["speaker_titles"] = speaker.titles if speaker else []
            found.append(_key(article.id, data))
    return sorted(found, key=repr)


def test_spark_quotes_equal_plain_extract_and_the_cli_writes_them(
    spark, dev_articles: list[Article], saidwhat_nlp: Language, tmp_path: Path
) -> None:
    expected = _plain(dev_articles, saidwhat_nlp)
    assert len(expected) > 5

    df = spark.createDataFrame([(a.id, a.text) for a in dev_articles], "id string, text string")
    rows = [r.asDict(recursive=True) for r in extract_quotes(df).collect()]
    assert sorted((_key(r["article_id"], r) for r in rows), key=repr) == expected
    assert any(r["speaker_gender"] for r in rows)  # so the comparison covers gender

    source, output = tmp_path / "articles.jsonl", tmp_path / "quotes.parquet"
    source.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in dev_articles),
        encoding="utf-8",
    )
    assert main(["spark-extract", str(source), str(output), "--master", "local[1]"]) == 0
    written = [r.asDict(recursive=True) for r in spark.read.parquet(str(output)).collect()]
    assert sorted((_key(r["article_id"], r) for r in written), key=repr) == expected
    assert main(["spark-extract", str(source), str(output)]) == 2  # never overwrites


def test_spark_with_the_trained_model_equals_plain_extract(
    spark, dev_articles: list[Article]
) -> None:
    expected = _plain(dev_articles, load(Settings(extractor="model")))
    assert len(expected) > 5
    df = spark.createDataFrame([(a.id, a.text) for a in dev_articles], "id string, text string")
    rows = [
        r.asDict(recursive=True)
        for r in extract_quotes(df, settings=Settings(extractor="model")).collect()
    ]
    assert sorted((_key(r["article_id"], r) for r in rows), key=repr) == expected


def test_spark_article_rows_ingest_into_the_archive_the_raw_texts_give(
    spark, dev_articles: list[Article], saidwhat_nlp: Language, tmp_path: Path
) -> None:
    from tests.test_archive_bulk import contents
    from tests.test_archive_store import extractor

    from saidwhat.archive import Archive, keyed_inputs

    source, output = tmp_path / "articles.jsonl", tmp_path / "articles.parquet"
    source.write_text(
        "".join(
            json.dumps({"id": a.id, "outlet": a.id.split("_")[0], "text": a.text}) + "\n"
            for a in dev_articles
        ),
        encoding="utf-8",
    )
    reference = tmp_path / "raw.db"
    with Archive.open(reference) as archive:
        archive.ingest(keyed_inputs([source]), extractor(saidwhat_nlp))
    command = ["spark-extract", str(source), str(output), "--articles", "--master", "local[1]"]
    assert main(command) == 0

    def never(articles):
        raise AssertionError("an extracted article was sent to extraction")

    path = tmp_path / "from-spark.db"
    with Archive.open(path) as archive:
        summary = archive.ingest(keyed_inputs([output]), never)
    assert (summary.added, summary.skipped, summary.failed) == (len(dev_articles), [], [])
    assert summary.quotes > 5
    # Spark writes the articles in its own order, so the archives' ids differ
    assert contents(path) == contents(reference)


def _linked(rows: Iterable[Iterable[Any]]) -> dict[Any, frozenset[tuple[str, str]]]:
    """Each person of (person, article key, local id) rows: the speakers linked to them."""
    found: dict[Any, set[tuple[str, str]]] = {}
    for person, key, local_id in rows:
        found.setdefault(person, set()).add((key, local_id))
    return {p: frozenset(s) for p, s in found.items()}


def test_spark_stats_equal_the_stats_of_an_archive_of_the_same_articles(
    spark, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ten shortest PolNeAR dev texts that name Trump or Clinton ten times or more (so
    people recur across articles), with their outlet and date, the last without either as a
    feed may give it; extracted on Spark, then stored by `ingest` and counted by
    `spark-stats`: the same people, count tables and dashboard, table by table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from saidwhat.archive import Archive
    from saidwhat.archive.stats import TABLES, table_csv
    from saidwhat.spark import ARTICLE_SCHEMA
    from saidwhat.spark_stats import count_tables, dashboard, read_extracted

    with need(POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        meta = {r["filename"]: r for r in csv.DictReader(f, delimiter="\t")}
    texts = sorted(need(POLNEAR / "dev" / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    named = [p for p in texts if sum(int(meta[p.stem][k]) for k in NAMED) >= 10][:10]
    source, extracted = tmp_path / "articles.jsonl", tmp_path / "articles.parquet"
    with source.open("w", encoding="utf-8") as out:
        for path in named:
            row = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
            if path != named[-1]:
                row.update(
                    outlet=meta[path.stem]["publisher"],
                    published=meta[path.stem]["publication_date"],
                )
            out.write(json.dumps(row) + "\n")
    command = ["spark-extract", str(source), str(extracted), "--articles", "--master", "local[1]"]
    assert main(command) == 0
    db = tmp_path / "archive.db"
    assert main(["ingest", str(extracted), "--db", str(db)]) == 0

    shuffled = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.set("spark.sql.shuffle.partitions", "2")  # tiny tables: Spark's 200 cost seconds
    conn = sqlite3.connect(db)
    try:
        tables = count_tables(read_extracted(spark, [str(extracted)]))
        held = _linked(
            conn.execute(
                "SELECT s.person_id, a.key, s.local_id FROM speakers s"
                " JOIN articles a ON a.id = s.article_id WHERE s.person_id NOT NULL"
            )
        )
        found = _linked(tables.speakers.select("person_id", "key", "local_id").collect())
        # the same people, each of the same speakers; some quoted in several articles
        assert sorted(held.values(), key=sorted) == sorted(found.values(), key=sorted)
        assert len(held) > 20
        assert sum(len({key for key, _ in s}) > 1 for s in held.values()) >= 2
        twice = conn.execute(  # "Donald Trump" and "Donald J. Trump": one person
            "SELECT count(*) FROM (SELECT person_id FROM speakers WHERE person_id NOT NULL"
            " GROUP BY person_id HAVING count(DISTINCT coalesce(match_name, name)) > 1)"
        ).fetchone()[0]
        assert twice >= 1
        ids = {
            a: next(m for m, s in found.items() if s == speakers) for a, speakers in held.items()
        }

        def archived(sql: str) -> list[tuple]:
            """The archive's rows, a person's id (the first column) as Spark's."""
            return sorted((ids[r[0]], *r[1:]) if r[0] in ids else r for r in conn.execute(sql))

        def counted(df: DataFrame) -> list[tuple]:
            return sorted(tuple(r) for r in df.collect())

        assert archived("SELECT * FROM outlet_periods") == counted(tables.outlet_periods)
        assert {r[1] for r in archived("SELECT * FROM outlet_periods")} >= {"", "2016-09"}
        assert archived("SELECT * FROM person_periods") == counted(tables.person_periods)
        assert archived(
            "SELECT id, name, kind, gender, gender_basis, quotes, articles, first_seen,"
            " last_seen FROM people"
        ) == counted(tables.people)

        with Archive.open(db, readonly=True) as archive:
            for filters in (
                {},
                {"cue_kind": "all", "top": 1000},
                {"outlet": "POLITICO", "since": "2016-09", "until": "2016", "top": 3},
            ):
                expected = archive.stats(**filters)
                for table in ("top_people", "top_organisations"):
                    for row in expected[table]:
                        row["person_id"] = ids[row["person_id"]]
                assert dashboard(spark, tables, **filters) == expected, filters
                assert expected["totals"]["quotes"] > 0
            assert archive.stats()["totals"]["people_gender_from_name"] > 0

        # the command, given also rows no archive stores (each named, and exit status 1):
        # the same numbers, printed and written
        bad = tmp_path / "bad.parquet"
        rows = [
            {"id": "failed", "text": "Words.", "quotes": [], "speakers": [], "error": "parse"},
            {"id": "blank", "text": "  ", "quotes": [], "speakers": [], "error": None},
        ]
        pq.write_table(pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA), bad)
        out = tmp_path / "stats"
        command = ["spark-stats", str(extracted), str(bad), "-o", str(out), "--master", "local[1]"]
        capsys.readouterr()
        assert main([*command, "--format", "json"]) == 1
        printed, told = capsys.readouterr()
        assert f"skipped {bad}:1 (failed): extraction failed: parse\n" in told
        assert f"skipped {bad}:2 (blank): empty text\n" in told
        written = json.loads((out / "stats.json").read_text(encoding="utf-8"))
        assert json.loads(printed) == written == dashboard(spark, tables)
        for table in TABLES:
            kept = (out / f"{table}.csv").read_bytes().decode("utf-8")  # CSV's \r\n kept
            assert kept == table_csv(written, table)
        assert spark.read.parquet(str(out / "people")).count() == len(held)
        assert main(command) == 2  # never overwrites
    finally:
        conn.close()
        spark.conf.set("spark.sql.shuffle.partitions", shuffled)
