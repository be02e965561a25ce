"""Spark local mode with real PySpark finds the quotes a plain extract finds, with the rules
and with the trained model (whose encoder runs onnxruntime in a thread, in worker processes
that Spark starts, not this one).

One small session (local[1], three short PolNeAR dev articles) for the whole module, as
Spark is slow to start; skipped where pyspark or Java is not installed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

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

from saidwhat.spark import extract_quotes, session


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
