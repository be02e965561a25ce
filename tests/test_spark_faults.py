"""Spark: an article that extraction fails on is an error row, and the job goes on.

A session of its own (local[1]) whose Python workers start as `tests.spark_worker`, which
registers the failing component of faults.py: one fresh process per task, without Spark's
forking daemon, so it runs apart from test_spark's session. Skipped where pyspark or Java is
not installed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.faults import RAISE

from saidwhat.article import Article
from saidwhat.cli import main

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 (make java installs it)", allow_module_level=True)

from tests.test_spark import _key, _plain

from saidwhat.pipeline import Settings
from saidwhat.spark import extract_quotes
from saidwhat.spark_session import session


@pytest.fixture(scope="module")
def spark() -> Iterator:
    workers = {"spark.python.use.daemon": "false"}
    workers["spark.python.worker.module"] = "tests.spark_worker"
    spark = session("local[1]", "saidwhat-test-faults", workers)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def dev_articles() -> list[Article]:
    paths = sorted(need(POLNEAR / "dev" / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths[:2]]


def test_a_failing_article_is_an_error_row_and_the_job_goes_on(
    spark, dev_articles: list[Article], saidwhat_nlp: Language, faulty_model: Path, tmp_path: Path
) -> None:
    expected = _plain(dev_articles, saidwhat_nlp)
    refused = Article(id="refused", text=f'"We won the vote," {RAISE} said.')
    rows = [(a.id, a.text) for a in [dev_articles[0], refused, *dev_articles[1:]]]
    df = spark.createDataFrame(rows, "id string, text string")
    quotes = extract_quotes(df, settings=Settings(model=str(faulty_model)))
    found = [r.asDict(recursive=True) for r in quotes.collect()]
    errors = [r for r in found if r["error"] is not None]
    assert [r["article_id"] for r in errors] == ["refused"]
    assert errors[0]["error"].startswith("RuntimeError: the test component refuses this article")
    assert {k for k, v in errors[0].items() if v is not None} == {"article_id", "error"}
    rest = [r for r in found if r["error"] is None]
    assert sorted((_key(r["article_id"], r) for r in rest), key=repr) == expected

    source, output = tmp_path / "articles.jsonl", tmp_path / "quotes.parquet"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    command = ["spark-extract", str(source), str(output), "--model", str(faulty_model)]
    assert main(command) == 1
    written = spark.read.parquet(str(output))
    assert written.where("error IS NOT NULL").select("article_id").collect()[0][0] == "refused"
    assert written.where("error IS NULL").count() == len(expected)
