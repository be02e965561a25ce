"""Reading input: files, HTML pages, JSONL and stdin become Articles to extract from.

Takes paths (or `-` for stdin); gives, in input order, an `Article` with its text and
passed-through fields for each readable input, or an `InputError` saying clearly why one
could not be read. A bad input never stops the others.

HTML is reduced to its article body with trafilatura; the extracted text is what the
offsets refer to, and it is kept in the Article.

saidwhat's own output reads back as `Extracted` articles, with their quotes and speakers: a
JSONL line with "text", "quotes" and "speakers" (`extract --format jsonl --with-text`), and
Parquet rows of the same fields (`spark-extract --articles`); a Parquet row with only an id
and a text is an article to extract. A Spark output folder's `_SUCCESS` marker is no input.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saidwhat.article import Article

MAX_CHARS = 1_000_000  # a news article is far shorter; more is refused unless asked for
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
# Unicode's control characters (category Cc) but for tab, line feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What saidwhat's own output holds besides the id and the input's fields.
EXTRACTED_FIELDS = frozenset({"text", "quotes", "speakers"})
PARQUET_ROWS = 1024  # rows read at a time: memory stays flat however large the file


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not become an Article: `source` (path[:line]) and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Extracted(Article):
    """An article read together with what extraction found in it (saidwhat's own output):
    `ingest` stores it as it is, without extracting it again."""


Item = Article | InputError


def read_inputs(paths: Iterable[str | Path], max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """Every article of every input, in order; `-` reads stdin (text or JSONL)."""
    for path in paths:
        yield from read_input(path, max_chars)


def folder_files(folder: Path) -> list[Path]:
    """The files a folder's input is read from, in order: all below it, hidden ones left out."""
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and not f.name.startswith(".") and f.name != "_SUCCESS"
    )


def read_input(path: str | Path, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    name = str(path)
    if name == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "stdin", "stdin", "", max_chars)
        return
    p = Path(path)
    if p.is_dir():
        files = folder_files(p)
        if not files:
            yield InputError(name, "folder holds no files")
        for f in files:
            yield from read_input(f, max_chars)
        return
    if p.suffix.lower() in JSONL_SUFFIXES:
        yield from _stream_jsonl(p, name, max_chars)
        return
    if p.suffix.lower() in PARQUET_SUFFIXES:
        yield from _read_parquet(p, name, max_chars)
        return
    try:
        data = p.read_bytes()
    except OSError as e:
        yield InputError(name, e.strerror or str(e))
        return
    yield from read_bytes(data, name, p.stem, p.suffix.lower(), max_chars)


def read_bytes(
    data: bytes, source: str, article_id: str, suffix: str = "", max_chars: int = MAX_CHARS
) -> Iterator[Item]:
    """Articles from one input's bytes; `suffix` (".html", ".jsonl", ...) picks the reader,
    and content sniffing decides for stdin and unknown suffixes."""
    text, error = decode(data)
    if error:
        yield InputError(source, error)
        return
    if suffix in JSONL_SUFFIXES or (not suffix and _looks_like_jsonl(text)):
        yield from _read_jsonl(text, source, max_chars)
        return
    if suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text"} and _looks_like_html(text)):
        text = html_to_text(text)
        if text is None:
            yield InputError(source, "HTML page has no article text that could be extracted")
            return
    yield make_article(text, article_id, {}, source, max_chars)


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a BOM dropped) or a reason it is not text."""
    if not data.strip():
        return "", "empty input"
    if b"\x00" in data[:8192]:
        return "", "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return "", f"not valid UTF-8 (byte {e.start}: {data[e.start : e.start + 1]!r})"
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 0.05 * min(len(text), 8192):
        return "", "binary file (mostly control characters), not text"
    return text, None


def make_article(
    text: str, article_id: str, meta: dict[str, Any], source: str, max_chars: int = MAX_CHARS
) -> Item:
    """An Article, or the reason this text cannot be one."""
    if not text.strip():
        return InputError(source, "empty text")
    if len(text) > max_chars:
        return InputError(
            source, f"text of {len(text):,} characters is over the limit of {max_chars:,}"
        )
    return Article(id=article_id, text=text, meta=meta)


def _stream_jsonl(path: Path, source: str, max_chars: int) -> Iterator[Item]:
    """A JSONL file read line by line, so one of any size streams through in flat memory.
    A line that is not UTF-8 is reported and the next lines still read (each line is an
    article of its own); NUL bytes mean a binary file, which stops it."""
    try:
        with path.open("rb") as f:
            empty = True
            for number, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                empty = False
                line, error = decode(raw)
                if error:
                    yield InputError(f"{source}:{number}", error)
                    if b"\x00" in raw:
                        return
                    continue
                yield from _jsonl_records([(number, line)], source, max_chars)
            if empty:
                yield InputError(source, "empty input")
    except OSError as e:
        yield InputError(source, e.strerror or str(e))


def _read_jsonl(text: str, source: str, max_chars: int) -> Iterator[Item]:
    yield from _jsonl_records(enumerate(text.splitlines(), 1), source, max_chars)


def _jsonl_records(lines: Iterable[tuple[int, str]], source: str, max_chars: int) -> Iterator[Item]:
    stem = Path(source).stem
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"invalid JSON ({e.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, 'a line must be an object with a "text" string')
            continue
        article_id = str(record["id"]) if record.get("id") is not None else f"{stem}-{number}"
        yield record_article(record, article_id, where, max_chars)


def record_article(
    record: dict[str, Any], article_id: str, source: str, max_chars: int = MAX_CHARS
) -> Item:
    """The Article of one record (a JSONL line, a Parquet row) with a "text" string: an
    `Extracted` one when it also holds "quotes" and "speakers" (saidwhat's own output),
    whose every span must fit the text."""
    meta = {k: v for k, v in record.items() if k not in {"id", "text"}}
    article = make_article(record["text"], article_id, meta, source, max_chars)
    if isinstance(article, InputError) or not record.keys() >= EXTRACTED_FIELDS:
        return article
    try:
        found = Article.from_dict({**record, "id": article_id})
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        return InputError(source, f"its quotes or speakers do not fit its text: {e}")
    return Extracted(found.id, found.text, found.quotes, found.speakers, found.meta, found.error)


def _read_parquet(path: Path, source: str, max_chars: int) -> Iterator[Item]:
    """A Parquet file's rows, a batch at a time: each with an "id" and a "text" column is an
    article (`record_article`); its other columns are the input's fields."""
    import pyarrow.parquet as pq  # imported here: only Parquet input needs it

    try:
        table = pq.ParquetFile(path)
    except (OSError, ValueError) as e:  # pyarrow's ArrowInvalid is a ValueError
        yield InputError(source, f"not a readable Parquet file ({e})")
        return
    if not {"id", "text"} <= set(table.schema_arrow.names):
        yield InputError(source, 'a Parquet input needs an "id" and a "text" column')
        return
    number = 0
    for batch in table.iter_batches(batch_size=PARQUET_ROWS):
        for record in batch.to_pylist():
            number += 1
            where = f"{source}:{number}"
            if not isinstance(record["text"], str):
                yield InputError(where, "no text")
            elif record["id"] is None:
                yield InputError(where, "no id")
            else:
                yield record_article(record, str(record["id"]), where, max_chars)


def html_to_text(html: str) -> str | None:
    import trafilatura  # imported here: loading it costs a second most runs do not need

    return trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    if first != "{":
        return False
    try:
        return isinstance(json.loads(text.lstrip().splitlines()[0]), dict)
    except json.JSONDecodeError:
        return False
