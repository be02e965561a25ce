"""Extracted articles into the archive without a second extraction: saidwhat's own JSONL
(`extract --format jsonl --with-text`) and article Parquet (`spark.article_batches`, as
`spark-extract --articles` writes it) give the archive that ingesting the raw texts gives,
row for row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.test_archive_store import dump, extractor

from saidwhat.archive import Archive, keyed_inputs
from saidwhat.cli import main
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
    assert dump(path) == dump(reference)

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
    assert dump(path) == dump(reference)
