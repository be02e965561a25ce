"""Reading input: files, HTML pages, JSONL and stdin become Articles to extract from.

Takes paths (or `-` for stdin); gives, in input order, an `Article` with its text and
passed-through fields for each readable input, or an `InputError` saying clearly why one
could not be read. A bad input never stops the others.

HTML is reduced to its article body with trafilatura; the extracted text is what the
offsets refer to, and it is kept in the Article.

A text (a file, stdin, an HTML page's body) says what it can of itself (`text_fields`): its
title, from a first line that reads as a headline, and its publication date, from a
dateline; a JSONL record's own fields say that instead. `shown_title` is what stands for an
article without a title: its first line, never its file's path.

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
from datetime import date
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
    yield make_article(text, article_id, text_fields(text), source, max_chars)


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


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan", "february feb", "march mar", "april apr", "may", "june jun",
            "july jul", "august aug", "september sep sept", "october oct", "november nov",
            "december dec",
        ),
        1,
    )
    for name in names.split()
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Before a dateline's date: "Published:", a place in capitals ("LONDON,"), a weekday.
_LEAD = (
    r"(?:(?:published|updated|posted)(?: on)?:?\s*)?(?:[A-Z][A-Z .'’-]{1,40},\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
)
# After it: the line's end, a time, an agency in brackets, a dash or a comma.
_TRAIL = r"(?=\s*(?:$|[-–—(,|]|\d{1,2}[:.]\d\d))"
_DATELINES = [
    re.compile(_LEAD + date_pattern + _TRAIL, re.IGNORECASE)
    for date_pattern in (
        _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,  # March 5, 2024
        _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR,  # 5 March 2024
        _YEAR + r"-(?P<month>\d\d)-(?P<day>\d\d)",  # 2024-03-05
    )
]
HEADLINE_WORDS = 20  # a first line longer than this is the article's first sentence


def text_fields(text: str) -> dict[str, str]:
    """What a plain text says of itself: its `title`, when its first line reads as a
    headline (`headline`), and its `published` date (ISO), when a dateline near its top
    gives one ("LONDON, March 5, 2024 (Reuters) -", "Published: 5 March 2024")."""
    fields: dict[str, str] = {}
    lines = [line.strip() for line in text.strip().splitlines()]
    title = headline(text)
    if title is not None:
        fields["title"] = title
    for line in [line for line in lines if line][1 if title else 0 :][:3]:
        for pattern in _DATELINES:
            if (found := pattern.match(line)) and (day := _date(found)):
                fields["published"] = day
                return fields
    return fields


def headline(text: str) -> str | None:
    """The text's first line when it reads as a headline: a line of two to
    `HEADLINE_WORDS` words with more text after it, not ending as a clause does (a colon or
    a comma) nor with a full stop, unless written in title case as some outlets print
    headlines ("Voters Abandon Party for Rival.")."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    words = first.split()
    if not rest.strip() or not 2 <= len(words) <= HEADLINE_WORDS or first[-1] in ":,;":
        return None
    if first.endswith(".") and not first.endswith("..."):
        long_words = [w for w in words if len(w.strip("\"'“”‘’(")) > 3]
        capitals = sum(w.strip("\"'“”‘’(")[:1].isupper() for w in long_words)
        if not long_words or capitals < 0.75 * len(long_words):
            return None
    if any(pattern.match(first) for pattern in _DATELINES):
        return None  # a date line is no title
    return first


def _date(found: re.Match[str]) -> str | None:
    month = found["month"]
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return date(int(found["year"]), number, int(found["day"])).isoformat()
    except ValueError:
        return None


def shown_title(title: str | None, text: str | None, most: int = 80) -> str:
    """An article's title, else its first line, cut at a word within `most` characters:
    what pages and tables show for it, rather than a file's path."""
    if title:
        return title
    first = (text or "").strip().partition("\n")[0].strip()
    if len(first) <= most:
        return first
    return first[:most].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


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
