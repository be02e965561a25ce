"""Extraction on Spark, for archives one machine cannot get through in time.

Takes a Spark DataFrame with an article id and text column; gives a DataFrame of quotes,
one row per quote: the article id, the quote's place in its article, cue, sources and
contents as {start, end, text} spans into the article's text, its type, cue kind and
confidence,
and the resolved speaker. An article that extraction fails on gives one row with its id and
`error` (the reason; the quote columns null) instead of failing the job; on other rows `error`
is null. It runs through `mapInArrow`, so each Python worker loads the
spaCy pipeline once and parses whole Arrow batches with `nlp.pipe`.

    spark = session("local[*]")  # from saidwhat.spark_session
    quotes = extract_quotes(spark.read.parquet("articles.parquet"))
    articles = extract_article_rows(spark.read.parquet("articles.parquet"))

`extract_article_rows` gives one row per article instead (ARTICLE_SCHEMA): its id, text and
other input columns, and its quotes and speakers nested as `Article.to_dict` writes them,
which `saidwhat ingest` reads from the Parquet into an archive without extracting again.

Needs the `spark` extra (pyspark, pyarrow) and Java 17.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from saidwhat.article import Article, Span
from saidwhat.formats import speaker_profile
from saidwhat.pipeline import Settings, extract_articles, load

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

ROWS_OUT = 512  # quote rows per Arrow batch handed back to Spark

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
QUOTE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("quote_index", pa.int32()),
        ("type", pa.string()),
        ("cue_kind", pa.string()),
        ("confidence", pa.float64()),
        ("cue", _SPAN),
        ("sources", pa.list_(_SPAN)),
        ("contents", pa.list_(_SPAN)),
        ("speaker_id", pa.string()),
        ("speaker_name", pa.string()),
        ("speaker_kind", pa.string()),
        ("speaker_gender", pa.string()),
        ("speaker_gender_basis", pa.string()),
        ("speaker_titles", pa.list_(pa.string())),
        ("speaker_affiliations", pa.list_(pa.string())),
        ("error", pa.string()),
    ]
)
SPARK_SCHEMA = (
    "article_id string, quote_index int, type string, cue_kind string, confidence double, "
    "cue struct<start: bigint, end: bigint, text: string>, "
    "sources array<struct<start: bigint, end: bigint, text: string>>, "
    "contents array<struct<start: bigint, end: bigint, text: string>>, "
    "speaker_id string, speaker_name string, speaker_kind string, speaker_gender string, "
    "speaker_gender_basis string, speaker_titles array<string>, "
    "speaker_affiliations array<string>, error string"
)


_QUOTE = pa.struct(
    [
        ("cue", _SPAN),
        ("sources", pa.list_(_SPAN)),
        ("contents", pa.list_(_SPAN)),
        ("type", pa.string()),
        ("cue_kind", pa.string()),
        ("confidence", pa.float64()),
        ("speaker", pa.struct([("id", pa.string()), ("name", pa.string())])),
    ]
)
_SPEAKER = pa.struct(
    [
        ("id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("titles", pa.list_(pa.string())),
        ("affiliations", pa.list_(pa.string())),
        ("gender", pa.string()),
        ("gender_basis", pa.string()),
        ("mentions", pa.list_(_SPAN)),
    ]
)
# One row per article, its input's other columns between "text" and "quotes" (`article_schema`).
ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("quotes", pa.list_(_QUOTE)),
        ("speakers", pa.list_(_SPEAKER)),
        ("error", pa.string()),
    ]
)
ARTICLES_OUT = 64  # article rows per Arrow batch handed back to Spark


def extract_quotes(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    settings: Settings | None = None,
    batch_size: int = 16,
) -> DataFrame:
    """One row per quote found in each article of `df`, and one with `error` set for each
    article that extraction failed on (schema: SPARK_SCHEMA); `settings` the pipeline's
    (None: the defaults).

        A DataFrame with fewer partitions than Spark has cores is spread over all of them
        first: parsing, not reading, is what takes the time."""
    from pyspark.sql import functions as F

    settings = settings or Settings()  # made here: the executors get this process's defaults
    articles = _spread(
        df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"))
    )

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return quote_batches(batches, settings, batch_size)

    return articles.mapInArrow(run, SPARK_SCHEMA)


def quote_batches(
    batches: Iterable[pa.RecordBatch], settings: Settings | None = None, batch_size: int = 16
) -> Iterator[pa.RecordBatch]:
    """Arrow batches of (id, text) in, Arrow batches of quote rows (and error rows) out
    (QUOTE_SCHEMA).
    The pipeline is loaded once per worker process (`load` is cached)."""
    nlp = load(settings)

    def articles() -> Iterator[Article]:
        for batch in batches:
            for row in batch.to_pylist():
                if row["text"]:  # a null or empty text has nothing to say
                    yield Article(id=row["id"] or "", text=row["text"])

    rows = (
        row
        for article in extract_articles(articles(), nlp, batch_size=batch_size)
        for row in (quote_rows(article) if article.error is None else [error_row(article)])
    )
    yield from _record_batches(rows, lambda: QUOTE_SCHEMA, ROWS_OUT)


def _record_batches(
    rows: Iterable[dict[str, Any]], schema: Callable[[], pa.Schema | None], size: int
) -> Iterator[pa.RecordBatch]:
    """`rows` as Arrow batches of `size` rows; `schema` is asked once the first rows are
    in, as an article batch's schema is known only from its input."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema())
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema())


def quote_rows(article: Article) -> list[dict[str, Any]]:
    """The article's quotes as flat rows with the article id and the resolved speaker."""
    speakers = {s.id: s for s in article.speakers}
    rows = []
    for k, quote in enumerate(article.quotes):
        speaker = speakers.get(quote.speaker_id or "")
        rows.append(
            {
                "article_id": article.id,
                "quote_index": k,
                "type": quote.type,
                "cue_kind": quote.cue_kind,
                "confidence": quote.confidence,
                "cue": _span(quote.cue) if quote.cue else None,
                "sources": [_span(s) for s in quote.sources],
                "contents": [_span(s) for s in quote.contents],
                "speaker_id": speaker.id if speaker else None,
                "speaker_name": speaker.name if speaker else None,
                **speaker_profile(speaker),
                "error": None,
            }
        )
    return rows


def error_row(article: Article) -> dict[str, Any]:
    """The row of an article that extraction failed on: its id and why."""
    row: dict[str, Any] = dict.fromkeys(QUOTE_SCHEMA.names)
    row.update(article_id=article.id, error=article.error)
    return row


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def read_articles(spark: SparkSession, path: str) -> DataFrame:
    """Parquet (a file or folder) or JSON lines, told apart by the name's ending."""
    if path.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz", ".json.gz")):
        return spark.read.json(path)
    return spark.read.parquet(path)


def article_schema(given: pa.Schema) -> pa.Schema:
    """ARTICLE_SCHEMA with the input's other columns (`given` less id and text) after the
    text; a column named as one of ARTICLE_SCHEMA's is the extraction's, not the input's."""
    own = ARTICLE_SCHEMA
    others = [f for f in given if f.name not in own.names]
    found = [own.field(name) for name in ("quotes", "speakers", "error")]
    return pa.schema([own.field("id"), own.field("text"), *others, *found])


def _spread(articles: DataFrame) -> DataFrame:
    """The articles over at least as many partitions as Spark has cores: parsing, not
    reading, is what takes the time."""
    cores = articles.sparkSession.sparkContext.defaultParallelism
    return articles.repartition(cores) if articles.rdd.getNumPartitions() < cores else articles


def extract_article_rows(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    settings: Settings | None = None,
    batch_size: int = 16,
) -> DataFrame:
    """One row per article of `df` with a text: its id and text, its other columns as
    they are, and the quotes and speakers extraction found in it nested (`article_schema`);
    an article that extraction fails on keeps its row, with `error` set."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    settings = settings or Settings()
    own = set(ARTICLE_SCHEMA.names)
    others = [c for c in df.columns if c not in {text_col, id_col} | own]
    articles = _spread(
        df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"), *others)
    )
    schema = from_arrow_schema(article_schema(to_arrow_schema(articles.schema)))

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return article_batches(batches, settings, batch_size)

    return articles.mapInArrow(run, schema)


def article_batches(
    batches: Iterable[pa.RecordBatch], settings: Settings | None = None, batch_size: int = 16
) -> Iterator[pa.RecordBatch]:
    """Arrow batches of articles (id, text and other columns) in, Arrow batches of the
    extracted articles out (`article_schema` of the input's); a null or empty text is no
    article. The pipeline is loaded once per worker process (`load` is cached)."""
    nlp = load(settings)
    schema: pa.Schema | None = None

    def articles() -> Iterator[Article]:
        nonlocal schema
        for batch in batches:
            schema = schema or article_schema(batch.schema)
            for row in batch.to_pylist():
                article_id, text = row.pop("id"), row.pop("text")
                if text:
                    yield Article(id=article_id or "", text=text, meta=row)

    rows = (
        article.to_dict(include_text=True)
        for article in extract_articles(articles(), nlp, batch_size=batch_size)
    )
    yield from _record_batches(rows, lambda: schema, ARTICLES_OUT)
