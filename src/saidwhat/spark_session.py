"""The Spark session saidwhat's Spark work runs in.

Takes a master URL and Spark settings; gives a session whose Python workers run this
interpreter (the one with spaCy): `session` makes or joins one, `spark_session` lends one
for a command's run and stops it after, unless the caller's was running before. Needs the
`spark` extra (pyspark) and Java 17.

    with spark_session("local[*]") as spark:
        quotes = extract_quotes(spark.read.parquet("articles.parquet"))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def session(
    master: str = "local[*]", app_name: str = "saidwhat", config: dict[str, str] | None = None
) -> SparkSession:
    """A Spark session whose Python workers run this interpreter (the one with spaCy);
    `config` adds Spark settings."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {"spark.ui.enabled": "false", "spark.sql.execution.arrow.pyspark.enabled": "true"}
    for key, value in {**settings, **(config or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@contextmanager
def spark_session(master: str, config: dict[str, str] | None = None) -> Iterator[SparkSession]:
    """`session(master)` for one run, stopped after it; a caller's session, running already,
    is lent as it is: left running, and with its own settings (`config` is not put on it)."""
    from pyspark.sql import SparkSession

    running = SparkSession.getActiveSession()
    spark = session(master, config=config if running is None else None)
    try:
        yield spark
    finally:
        if running is None:
            spark.stop()
