"""The archive's SQLite file: schema, connections, and storing extracted articles.

Takes a path and extracted Articles (or inputs to extract, with an `extract` function);
gives a database that a person (or Datasette) can read, one transaction per article, and an
`IngestSummary` of what an ingest did.

Safety: WAL mode, so readers never wait for an ingest; every article is stored in one
transaction (articles read back already extracted, up to BATCH together), so a process
killed at any moment leaves only whole articles; each article's
content hash (text and input fields) makes a repeated ingest a no-op and lets a changed
article replace its old extraction. An article that extraction fails on is not stored: it is
recorded in `failures` with the reason, and a later ingest tries it again (a success clears
the record). Storing is deterministic (ids follow input order), so an
interrupted ingest rerun to the end gives the same content as one uninterrupted run.

Keys: an article is replaced only by a later version of itself. An input that names itself
(a JSONL record's "id", an id posted to the API) is keyed by that id; one whose id the reader
made from a file name (`report.txt` is "report") is keyed by the file's resolved path, so
`a/report.txt` and `b/report.txt` are two articles (see `keyed_inputs`).
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import re
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from saidwhat.archive import clusters, people, search
from saidwhat.article import Article, Quote, Span
from saidwhat.lexicon import cue_kind
from saidwhat.namegender import name_gender
from saidwhat.reading import MAX_CHARS, Extracted, InputError, folder_files, read_input

SCHEMA_VERSION = 8

SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);

-- One row per stored article; `key` is the input's id or file (store.input_key),
-- `content_hash` of text and fields.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    published TEXT,
    url TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    quotes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);
CREATE INDEX articles_published ON articles (published);

-- One row per person or organisation across all articles; counts kept up to date.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    gender TEXT,
    quotes INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX people_name ON people (name COLLATE NOCASE);
CREATE INDEX people_quotes ON people (quotes);

-- The names a person is printed under, with how many article speakers used each;
-- `match_key` (a person's surname, an organisation's plain name) finds merge candidates.
CREATE TABLE aliases (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    speakers INTEGER NOT NULL,
    match_key TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX aliases_alias ON aliases (alias COLLATE NOCASE);
CREATE INDEX aliases_match_key ON aliases (match_key);

-- One row per entity of one article (an article's "s1", "s2", ...).
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    gender TEXT,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    UNIQUE (article_id, local_id)
);
CREATE INDEX speakers_person ON speakers (person_id);
CREATE INDEX speakers_name ON speakers (name COLLATE NOCASE);

CREATE TABLE speaker_titles (
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    title TEXT NOT NULL
);
CREATE INDEX speaker_titles_speaker ON speaker_titles (speaker_id);

CREATE TABLE speaker_affiliations (
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    affiliation TEXT NOT NULL
);
CREATE INDEX speaker_affiliations_speaker ON speaker_affiliations (speaker_id);

-- Where each speaker is named or referred to in the article's text.
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_speaker ON mentions (speaker_id);

-- The same (or nearly the same) direct quote found in several articles.
CREATE TABLE quote_clusters (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    first_quote_id INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
    first_published TEXT,
    occurrences INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    variants INTEGER NOT NULL
);

-- One row per attribution: `text` is its content, `context` the sentences around it.
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    confidence REAL NOT NULL,
    cue TEXT,
    source TEXT,
    text TEXT NOT NULL,
    context TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    cluster_id INTEGER REFERENCES quote_clusters (id) ON DELETE SET NULL,
    UNIQUE (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id);
CREATE INDEX quotes_cluster ON quotes (cluster_id);
CREATE INDEX quotes_type ON quotes (type);

-- Every span of a quote, exactly as in the article: text == articles.text[start:end].
CREATE TABLE quote_spans (
    quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('cue', 'source', 'content')),
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX quote_spans_quote ON quote_spans (quote_id);

-- Word-trigram fingerprints of direct quotes, to find the same quote in other articles.
CREATE TABLE quote_shingles (
    shingle INTEGER NOT NULL,
    quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE
);
CREATE INDEX quote_shingles_shingle ON quote_shingles (shingle);
CREATE INDEX quote_shingles_quote ON quote_shingles (quote_id);

-- Full-text search over quote contents, stemmed ("minister" finds "ministers");
-- content="quotes" (double quotes) is how Datasette finds it and gives the quotes table a
-- search box.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, content="quotes", content_rowid="id", tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- A log of ingest runs (the only table whose content depends on when things ran).
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    replaced INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
"""

# Articles that extraction failed on, by key: why, and when. They are not stored until an
# ingest extracts them (each ingest tries again; a success deletes the row).
FAILURES = """
CREATE TABLE failures (
    key TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"""

# Schema 3, people as counted evidence: what each linked person speaker is matched by (its
# name less titles, its surname, the full names of that surname its article prints), why
# speakers were joined into a person or kept apart, and each title, party and affiliation
# of a person with the articles that state it (`people` fills them).
PEOPLE_EVIDENCE = """
ALTER TABLE speakers ADD COLUMN match_name TEXT;
ALTER TABLE speakers ADD COLUMN match_key TEXT;
ALTER TABLE speakers ADD COLUMN named TEXT;
CREATE INDEX speakers_match_key ON speakers (match_key);

CREATE TABLE person_reasons (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    other_id INTEGER REFERENCES people (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('joined', 'apart')),
    reason TEXT NOT NULL
);
CREATE INDEX person_reasons_person ON person_reasons (person_id);

CREATE TABLE person_attributes (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('title', 'party', 'affiliation')),
    value TEXT NOT NULL,
    articles INTEGER NOT NULL,
    article_ids TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    PRIMARY KEY (person_id, kind, value)
);
"""

# Schema 4, where each gender comes from: "article" (the article's own words) or "name" (the
# first-name prior, `namegender`); a person's is "article" when any of their speakers' is.
# Every gender an older archive holds came from its article.
GENDER_BASIS = """
ALTER TABLE speakers ADD COLUMN gender_basis TEXT CHECK (gender_basis IN ('article', 'name'));
ALTER TABLE people ADD COLUMN gender_basis TEXT CHECK (gender_basis IN ('article', 'name'));
UPDATE speakers SET gender_basis = 'article' WHERE gender NOT NULL;
"""

# Schema 5, what kind of attribution each quote is: its cue's kind (`lexicon.cue_kind`:
# speech, writing, thought or other), which counts choose by.
CUE_KINDS = """
ALTER TABLE quotes ADD COLUMN cue_kind TEXT NOT NULL DEFAULT 'speech'
    CHECK (cue_kind IN ('speech', 'writing', 'thought', 'other'));
UPDATE quotes SET cue_kind = saidwhat_cue_kind(cue);
CREATE INDEX quotes_cue_kind ON quotes (cue_kind);
"""
# Also schema 5: the quotes' full-text index stemmed (a new archive has it from the start).
STEMMED_SEARCH = """
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, content="quotes", content_rowid="id", tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
"""

# Schema 6, the dashboard's counts kept by ingest, so that reading them costs the same
# however large the archive grows (`stats`): articles and quotes per outlet and period, and
# per person, outlet and period. `outlet` is '' for none; `period` is the first 7 characters
# of the publication date ("2024-03"; '' for none), which answers every date filter of a
# year or a month as the articles' own dates would. Quotes are counted per cue kind (a
# column each), and articles by `kinds`, the set of cue kinds of their quotes (of the
# person's, in person_periods) as bits in CUE_KINDS's order (speech 1, writing 2, thought 4,
# other 8; 0: no quotes), so that the articles with a quote of any kinds asked for are a
# sum (`search.kind_counts`). `store` keeps outlet_periods; `people.refresh` recounts a
# person's person_periods (and their people's index on `quotes`).
AGGREGATES = """
CREATE TABLE outlet_periods (
    outlet TEXT NOT NULL,
    period TEXT NOT NULL,
    kinds INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    speech INTEGER NOT NULL,
    writing INTEGER NOT NULL,
    thought INTEGER NOT NULL,
    other INTEGER NOT NULL,
    PRIMARY KEY (outlet, period, kinds)
);

CREATE TABLE person_periods (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    period TEXT NOT NULL,
    kinds INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    speech INTEGER NOT NULL,
    writing INTEGER NOT NULL,
    thought INTEGER NOT NULL,
    other INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    PRIMARY KEY (person_id, outlet, period, kinds)
);
CREATE INDEX person_periods_period ON person_periods (period);
CREATE INDEX people_kind_quotes ON people (kind, quotes);
-- The newest quotes first, a page at a time (`search` without words or a speaker).
CREATE INDEX articles_newest ON articles ((published IS NULL), published DESC, id);
"""
# Schema 7, people linked incrementally: each linked person speaker's form, what
# `people.regroup` reads of it (its name less titles, surname, gender, the gender its
# honorifics give, titles, the full names of that surname its article prints), counted
# (speakers, articles) with the person it belongs to, so that a surname is regrouped over
# the ways it is printed, not over every speaker; and each person's names and genders with
# their speakers, and each attribute's spellings, so that a new article's people are
# brought up to date by adding what it brings (`people.add_speakers`), not by recounting.
# Its quotes' fingerprints are indexed with the quote, so a quote's first copy is found
# at once however often it was copied, and each quote cluster's outlets are kept
# (`cluster_outlets`), so a cluster grows by what a new quote adds (`clusters.grow`).
FORMS = """
CREATE TABLE name_forms (
    id INTEGER PRIMARY KEY,
    match_key TEXT NOT NULL,
    match_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    said TEXT NOT NULL,
    titles TEXT NOT NULL,
    named TEXT NOT NULL,
    speakers INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    UNIQUE (match_key, match_name, gender, said, titles, named)
);
ALTER TABLE speakers ADD COLUMN form_id INTEGER;  -- name_forms.id
CREATE INDEX speakers_form ON speakers (form_id);

CREATE TABLE person_names (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    basis TEXT NOT NULL,
    speakers INTEGER NOT NULL,
    PRIMARY KEY (person_id, name, gender, basis)
);
ALTER TABLE person_attributes ADD COLUMN spellings TEXT NOT NULL DEFAULT '{}';

-- The outlets that carry each quote cluster, so that a quote from another outlet is
-- counted without reading the cluster's quotes (`clusters.grow`).
CREATE TABLE cluster_outlets (
    cluster_id INTEGER NOT NULL REFERENCES quote_clusters (id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    PRIMARY KEY (cluster_id, outlet)
);
INSERT INTO cluster_outlets SELECT DISTINCT q.cluster_id, a.outlet FROM quotes q
    JOIN articles a ON a.id = q.article_id
    WHERE q.cluster_id NOT NULL AND coalesce(a.outlet, '') != '';

-- A quote's first copy found without sorting all its copies (`clusters.place`).
DROP INDEX quote_shingles_shingle;
CREATE INDEX quote_shingles_shingle ON quote_shingles (shingle, quote_id);
"""
# Schema 8, the quote clusters each person is quoted in, and their quotes in each, so that a
# person's page lists their clusters without reading all their quotes. Triggers keep it,
# whatever writes the quotes' speakers and clusters or the speakers' people (ingest,
# replace, delete, regroup): a quote counts for the person of its speaker. A speaker about
# to be deleted lets go of its quotes first, so each is taken away once, while its person
# is still known (a batch of articles does the work of two of them once, CLUSTER_TRIGGERS).
# Also the people by articles, the order `search.speakers` can read them in.
PERSON_CLUSTERS = """
CREATE TABLE person_clusters (
    person_id INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (person_id, cluster_id)
) WITHOUT ROWID;
CREATE TRIGGER person_clusters_quote_insert AFTER INSERT ON quotes
WHEN new.cluster_id NOT NULL AND new.speaker_id NOT NULL BEGIN
    INSERT INTO person_clusters SELECT person_id, new.cluster_id, 1 FROM speakers
        WHERE id = new.speaker_id AND person_id NOT NULL
        ON CONFLICT DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER person_clusters_quote_delete AFTER DELETE ON quotes
WHEN old.cluster_id NOT NULL AND old.speaker_id NOT NULL BEGIN
    UPDATE person_clusters SET quotes = quotes - 1 WHERE cluster_id = old.cluster_id
        AND person_id = (SELECT person_id FROM speakers WHERE id = old.speaker_id);
    DELETE FROM person_clusters WHERE quotes <= 0 AND cluster_id = old.cluster_id
        AND person_id = (SELECT person_id FROM speakers WHERE id = old.speaker_id);
END;
CREATE TRIGGER person_clusters_quote_update AFTER UPDATE OF speaker_id, cluster_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id OR old.cluster_id IS NOT new.cluster_id BEGIN
    UPDATE person_clusters SET quotes = quotes - 1 WHERE cluster_id = old.cluster_id
        AND person_id = (SELECT person_id FROM speakers WHERE id = old.speaker_id);
    DELETE FROM person_clusters WHERE quotes <= 0 AND cluster_id = old.cluster_id
        AND person_id = (SELECT person_id FROM speakers WHERE id = old.speaker_id);
    INSERT INTO person_clusters SELECT person_id, new.cluster_id, 1 FROM speakers
        WHERE id = new.speaker_id AND person_id NOT NULL AND new.cluster_id NOT NULL
        ON CONFLICT DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER person_clusters_speaker_update AFTER UPDATE OF person_id ON speakers
WHEN old.person_id IS NOT new.person_id BEGIN
    UPDATE person_clusters SET quotes = quotes - (SELECT count(*) FROM quotes
        WHERE speaker_id = new.id AND cluster_id = person_clusters.cluster_id)
        WHERE person_id = old.person_id
        AND cluster_id IN (SELECT cluster_id FROM quotes WHERE speaker_id = new.id);
    DELETE FROM person_clusters WHERE quotes <= 0 AND person_id = old.person_id
        AND cluster_id IN (SELECT cluster_id FROM quotes WHERE speaker_id = new.id);
    INSERT INTO person_clusters SELECT * FROM (SELECT new.person_id, cluster_id, count(*)
        FROM quotes WHERE speaker_id = new.id AND cluster_id NOT NULL
        AND new.person_id NOT NULL GROUP BY cluster_id) WHERE 1
        ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes;
END;
CREATE TRIGGER person_clusters_speaker_delete BEFORE DELETE ON speakers
WHEN old.person_id NOT NULL BEGIN
    UPDATE quotes SET speaker_id = NULL WHERE speaker_id = old.id AND cluster_id NOT NULL;
END;
CREATE INDEX people_articles ON people (articles);
CREATE INDEX people_kind_articles ON people (kind, articles);
"""

# An article's id, outlet, period, the bits of its quotes' kinds and its quotes of each kind, as
# SQL over `articles a` (`where` picks them); one row an article.
ARTICLE_KINDS = (
    "SELECT a.id AS article_id, coalesce(a.outlet, '') AS outlet,"
    " coalesce(substr(a.published, 1, 7), '') AS period,"
    f" {people.KIND_BITS} AS kinds, {people.KIND_SUMS}"
    " FROM articles a LEFT JOIN quotes q ON q.article_id = a.id WHERE {where} GROUP BY a.id"
)


def count_aggregates(conn: sqlite3.Connection) -> None:
    """Schema 5 to 6: the aggregates counted from scratch (and what a test compares ingest's
    running counts with)."""
    conn.execute("DELETE FROM outlet_periods")
    conn.execute(
        "INSERT INTO outlet_periods SELECT outlet, period, kinds, count(*), sum(speech),"
        f" sum(writing), sum(thought), sum(other) FROM ({ARTICLE_KINDS.format(where='1')})"
        " GROUP BY 1, 2, 3"
    )
    conn.execute("DELETE FROM person_periods")
    conn.execute(f"INSERT INTO person_periods {people.person_periods('1')}")


def count_person_clusters(conn: sqlite3.Connection) -> None:
    """Schema 7 to 8: person_clusters counted from scratch (and what a test compares the
    triggers' running counts with)."""
    conn.execute("DELETE FROM person_clusters")
    conn.execute(
        "INSERT INTO person_clusters SELECT s.person_id, q.cluster_id, count(*) FROM quotes q"
        " JOIN speakers s ON s.id = q.speaker_id WHERE q.cluster_id NOT NULL"
        " AND s.person_id NOT NULL GROUP BY 1, 2"
    )


# What takes an archive of the version to the next (SQL, and a function of the connection
# that fills what the SQL added, run once every step's SQL has run); an older archive is
# brought up to date when it is opened for writing (read only, it is read as it is: these
# only add).
MIGRATIONS: dict[int, tuple[str, Callable[[sqlite3.Connection], None] | None]] = {
    1: (FAILURES + "ALTER TABLE ingest_runs ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;\n", None),
    2: (PEOPLE_EVIDENCE, None),  # its people are relinked after schema 4's column is there
    3: (GENDER_BASIS, lambda conn: name_genders(conn)),  # the people relinked by 6's
    4: (CUE_KINDS + STEMMED_SEARCH, None),
    5: (AGGREGATES, lambda conn: count_aggregates(conn)),
    6: (FORMS, lambda conn: relink_people(conn)),
    7: (PERSON_CLUSTERS, lambda conn: count_person_clusters(conn)),
}

# Articles already extracted that `ingest` stores in one transaction, by input position
# (the 1st to the 4096th, ...), so an ingest killed and run again stores what one
# uninterrupted run stores; an article extracted by the ingest is stored on its own. In a
# large archive a batch's index inserts land all over the file: a page they share is
# written once a batch, so fewer, larger batches write less (the pages 4,096 articles
# dirty stay within INGEST_CACHE).
BATCH = 4096
FTS_TRIGGER = "quotes_fts_insert"  # SCHEMA's trigger that indexes a new quote
# PERSON_CLUSTERS's triggers that count a new quote, and a speaker's quotes when its person
# is set, for its person (`_store_hashed` does their work once for many articles)
CLUSTER_TRIGGERS = ("person_clusters_quote_insert", "person_clusters_speaker_update")
INGEST_CACHE = -524288  # KiB of pages an ingest keeps in memory (512 MB at most)
INGEST_GC = 50_000  # objects made between two passes of the cyclic collector while ingesting
# The input fields that get their own column; the rest stay in `articles.meta` as JSON.
ARTICLE_FIELDS = ("title", "outlet", "published", "url")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


class SchemaError(RuntimeError):
    """The file is not an archive this version can read."""


@dataclass(frozen=True)
class Failure:
    """An article that extraction failed on: its id, the key it is archived under, and why."""

    id: str
    key: str
    reason: str


@dataclass
class IngestSummary:
    """What one ingest did: counts, each skipped input and each failed article with its
    reason."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quotes: int = 0
    speakers: int = 0
    skipped: list[InputError] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "quotes": self.quotes,
            "speakers": self.speakers,
            "skipped": [{"source": e.source, "reason": e.reason} for e in self.skipped],
            "failed": [{"id": f.id, "key": f.key, "reason": f.reason} for f in self.failed],
            "seconds": round(self.seconds, 3),
        }


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection set up for the archive: WAL, foreign keys, a wait instead of 'locked'."""
    if readonly:
        conn = sqlite3.connect(
            f"{Path(path).resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=30,
            isolation_level=None,
            check_same_thread=False,  # used by one thread only; closed by `Connections.close`
        )
    else:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    # a quote's kind from its cue, for schema 5's upgrade and for reading an older archive
    conn.create_function("saidwhat_cue_kind", 1, cue_kind, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    # 64 MB of pages, not SQLite's 2 MB: a large archive's indexes stay in memory
    conn.execute("PRAGMA cache_size = -65536")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # durable across crashes of the process
    return conn


def ensure_schema(conn: sqlite3.Connection, readonly: bool = False) -> None:
    """Create the tables in an empty file, and bring an older archive up to date (read only,
    an older one is read as it is); refuse a file of another schema version."""
    if "schema_version" not in _tables(conn):
        with transaction(conn):  # under the write lock: two processes never both create it
            tables = _tables(conn)
            if tables and "schema_version" not in tables:
                raise SchemaError("this SQLite file holds other tables: not a saidwhat archive")
            if not tables:
                _run_script(
                    conn,
                    SCHEMA
                    + FAILURES
                    + PEOPLE_EVIDENCE
                    + GENDER_BASIS
                    + CUE_KINDS
                    + AGGREGATES
                    + FORMS
                    + PERSON_CLUSTERS,
                )
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
    version = _version(conn)
    if version in MIGRATIONS and not readonly:
        with transaction(conn):
            version = _version(conn)  # again under the lock: another process may have done it
            fills = []  # run once every table is there: a relink fills the aggregates too
            while version in MIGRATIONS:
                sql, fill = MIGRATIONS[version]
                _run_script(conn, sql)
                fills += [fill] if fill is not None else []
                version += 1
            for fill in fills:
                fill(conn)
            conn.execute("UPDATE schema_version SET version = ?", (version,))
    if version != SCHEMA_VERSION and not (readonly and version in MIGRATIONS):
        raise SchemaError(f"archive schema version {version}; this saidwhat reads {SCHEMA_VERSION}")


def _version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]


def _run_script(conn: sqlite3.Connection, sql: str) -> None:
    """Each statement of `sql` in turn (executescript would commit the transaction)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


class transaction:
    """`with transaction(conn):` one write transaction, rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not mid-way
        return self.conn

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if not self.conn.in_transaction:
            return
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def content_hash(article: Article) -> str:
    """sha256 of the text and the input's fields: equal hash, nothing to do again."""
    data = json.dumps([article.text, article.meta], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def normalise_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD, or date and time) when the value reads as one, else as given."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for pattern in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y"):
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        else:
            return text
    if len(text) <= 10 or (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat()


def article_key(article: Article) -> str:
    """The key of an article given on its own (`store`, the API): its id, the same article
    when it comes again (a changed one replaces it), or for an article without one, a key
    made from its content hash."""
    return article.id or f"text-{content_hash(article)[:16]}"


# An input article with the key it is archived under (`keyed_inputs` gives them).
Keyed = tuple[str, Article]


def input_key(article: Article, source: Path | None) -> str:
    """The key of an article read from the file `source` (None: stdin).

    The reader names a file's article after the file ("report" for a/report.txt, "feed-3"
    for line 3 of feed.jsonl when the line has no "id"): two folders' report.txt would share
    that name, so such an article is keyed by the file's resolved path (with ":3" for a
    line), and one read from stdin by its content. An id the input gave itself (a JSONL
    record's "id") is the key as it is: a later record with that id, from any file, is the
    same article changed and replaces it."""
    stem = source.stem if source else "stdin"
    made = re.fullmatch(re.escape(stem) + r"(?:-(\d+))?", article.id)
    if made is None:
        return article.id
    if source is None:
        return f"text-{content_hash(article)[:16]}"
    path = source.resolve().as_posix()
    return f"{path}:{made[1]}" if made[1] else path


def keyed_inputs(
    paths: Iterable[str | Path], max_chars: int = MAX_CHARS
) -> Iterator[Keyed | InputError]:
    """`reading.read_inputs` of the paths, each Article with its `input_key`."""
    for path in paths:
        given = Path(path)
        # a folder's files as `read_input` walks them; an empty folder reports itself
        files = (folder_files(given) if given.is_dir() else []) or [given]
        for file in files:
            source = None if str(path) == "-" else file
            for item in read_input(file, max_chars):
                yield item if isinstance(item, InputError) else (input_key(item, source), item)


def stored_hash(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT content_hash FROM articles WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def store_article(conn: sqlite3.Connection, article: Article, key: str | None = None) -> str:
    """Store one extracted article under `key` (default `article_key`) in one transaction:
    'added', 'replaced' (a changed version of the article under that key) or 'unchanged'."""
    return store_articles(conn, [(key or article_key(article), article)])[0]


@dataclass
class Touched:
    """What storing articles leaves to bring up to date once for them all: the articles
    stored, the surnames they name, the quote clusters their quotes joined (with those
    quotes), and, while the full-text trigger is off (`store_articles`), the quotes it has
    not indexed yet (None while it is on); `uncounted`: whether CLUSTER_TRIGGERS are off,
    the new person speakers' quotes then counted in person_clusters once they are linked."""

    articles: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    clusters: dict[int, list[int]] = field(default_factory=dict)
    unindexed: list[int] | None = None
    uncounted: bool = False
    forms: Counter[int] = field(default_factory=Counter)  # the articles of each name form

    def settle(self, conn: sqlite3.Connection) -> None:
        """Count the name forms' new articles and regroup the surnames over their forms;
        the people whose speakers moved are recounted in full, and the others get what the
        new articles add."""
        conn.executemany(
            "UPDATE name_forms SET articles = articles + ? WHERE id = ?",
            [(n, form) for form, n in sorted(self.forms.items())],
        )
        self.forms.clear()
        _count_articles(conn, self.articles, 1)
        if self.unindexed:
            conn.execute(
                "INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(self.unindexed),),
            )
            self.unindexed.clear()
        moved: set[int] = set()
        for key in sorted(self.keys):
            moved |= people.regroup(conn, key)
        people.assign(conn, self.articles)
        people.refresh(conn, moved)  # their quote clusters recounted too
        new, skip = json.dumps(self.articles), json.dumps(sorted(moved))
        picked = (
            "s.article_id IN (SELECT value FROM json_each(?))"
            " AND s.person_id NOT IN (SELECT value FROM json_each(?))"
        )
        people.add_speakers(conn, picked, (new, skip))
        if self.uncounted:  # the person speakers `assign` linked (an organisation's quotes
            # were counted as they were stored, `_insert_article`)
            people.add_clusters(conn, f"s.form_id NOT NULL AND {picked}", (new, skip))
        people.settle(conn, {r[0] for r in conn.execute(
            f"SELECT DISTINCT s.person_id FROM speakers s WHERE s.person_id NOT NULL AND {picked}",
            (new, skip),
        )})  # fmt: skip
        for cluster, quotes in sorted(self.clusters.items()):
            clusters.grow(conn, cluster, quotes)
        self.articles, self.keys, self.clusters = [], set(), {}


def store_articles(conn: sqlite3.Connection, batch: list[Keyed]) -> list[str]:
    """Store extracted articles, each under its key, in one transaction, as `store_article`
    stores each: the people of each surname they name are regrouped, and the people and
    quote clusters they touch recounted, once for the batch (what makes a bulk ingest
    fast)."""
    return _store_hashed(conn, [(key, article, content_hash(article)) for key, article in batch])


def _store_hashed(conn: sqlite3.Connection, batch: list[tuple[str, Article, str]]) -> list[str]:
    """`store_articles` of articles whose content hash is known (`ingest` has it)."""
    outcomes = []
    with transaction(conn):
        touched = Touched()
        # Many articles' quotes indexed for full-text search in one statement: by the
        # trigger, each statement that follows one quote's flushes FTS5's pending terms
        # into a segment of their own, which FTS5 then merges again and again (most of
        # what storing a quote cost). The trigger is dropped and made again, as it was,
        # inside this transaction: no other connection ever sees the archive without it.
        # So are CLUSTER_TRIGGERS, whose counts are added for many quotes and speakers at
        # once (`Touched.settle`); speakers that a regroup moves belong to people
        # recounted in full (`people.refresh`), their quote clusters too.
        triggers = _triggers(conn, (FTS_TRIGGER, *CLUSTER_TRIGGERS)) if len(batch) > 1 else {}
        for name in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        if FTS_TRIGGER in triggers:
            touched.unindexed = []
        touched.uncounted = all(name in triggers for name in CLUSTER_TRIGGERS)
        for key, article, digest in batch:
            conn.execute("DELETE FROM failures WHERE key = ?", (key,))
            old = conn.execute(
                "SELECT id, content_hash FROM articles WHERE key = ?", (key,)
            ).fetchone()
            if old and old["content_hash"] == digest:
                outcomes.append("unchanged")
                continue
            if old:  # the batch so far settled first: the old article's people are up to date
                touched.settle(conn)  # and its quotes indexed: their entries are deleted
                _delete_article(conn, old["id"])
            _insert_article(conn, article, key, digest, touched)
            outcomes.append("replaced" if old else "added")
        touched.settle(conn)
        for sql in triggers.values():
            conn.execute(sql)
    return outcomes


def _triggers(conn: sqlite3.Connection, names: tuple[str, ...]) -> dict[str, str]:
    """The SQL that made each of the named triggers that the archive has."""
    return dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND name IN (SELECT value FROM json_each(?)) ORDER BY name",
            (json.dumps(names),),
        ).fetchall()
    )


def record_failure(conn: sqlite3.Connection, key: str, article: Article, reason: str) -> None:
    """Note that extraction failed on the article under `key`, and why."""
    with transaction(conn):
        conn.execute(
            "INSERT OR REPLACE INTO failures (key, article, content_hash, reason, at)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, article.id, content_hash(article), reason, _now()),
        )


def _claim_unchanged(conn: sqlite3.Connection, key: str, article: Article, digest: str) -> bool:
    """Whether an archive written before files were keyed by path holds this article,
    unchanged, under its id (its file's stem): it takes its path key, so a repeat ingest
    after the upgrade stays a no-op. A changed one is added beside it, never over it: under
    a stem, it may be another folder's file."""
    if key == article.id or stored_hash(conn, key) is not None:
        return False
    if stored_hash(conn, article.id) != digest:
        return False
    with transaction(conn):  # checked again under the write lock: another writer may be on
        moved = conn.execute(
            "UPDATE articles SET key = ? WHERE key = ? AND content_hash = ?"
            " AND NOT EXISTS (SELECT 1 FROM articles WHERE key = ?)",
            (key, article.id, digest, key),
        ).rowcount
    return moved == 1


def delete_article(conn: sqlite3.Connection, key: str) -> bool:
    """Remove an article and what was found in it; False when there was none."""
    with transaction(conn):
        row = conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        if row:
            _delete_article(conn, row["id"])
    return row is not None


def name_genders(conn: sqlite3.Connection) -> None:
    """Schema 3 to 4: the first-name prior for each person speaker its article left without
    a gender (as an ingest with the default `--gender-from name` gives); the people are
    linked again by schema 7's `relink_people`, their genders and its basis with them."""
    rows = conn.execute(
        "SELECT id, name FROM speakers WHERE kind = 'person' AND gender IS NULL"
    ).fetchall()
    for row in rows:
        if (gender := name_gender(row["name"])) is not None:
            conn.execute(
                "UPDATE speakers SET gender = ?, gender_basis = 'name' WHERE id = ?",
                (gender, row["id"]),
            )


def relink_people(conn: sqlite3.Connection) -> None:
    """A full regroup (`saidwhat regroup`, and schemas 2 to 6 upgraded): every quoted
    speaker linked again, every surname regrouped from its forms counted afresh, and every
    person recounted; the people are then what an incremental ingest of the same articles,
    in any order, gives, each keeping the id most of its speakers had (an organisation is
    made again, in the order of the articles)."""
    persons = {r[0] for r in conn.execute("SELECT id FROM people")}
    people.rebuild_forms(conn)
    # organisations are linked again in the order their articles came (`link` joins one to
    # the organisation already printed under its name), as ingest linked them
    organisations = "SELECT id FROM people WHERE kind = 'organisation'"
    conn.execute(f"DELETE FROM aliases WHERE person_id IN ({organisations})")
    conn.execute(f"UPDATE speakers SET person_id = NULL WHERE person_id IN ({organisations})")
    keys: set[str] = set()
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
        extracted = Article.from_dict(search.article(conn, article_id) or {})
        ids = dict(
            conn.execute("SELECT local_id, id FROM speakers WHERE article_id = ?", (article_id,))
        )
        keys |= _link_speakers(conn, extracted, ids, article_id)
    conn.execute(  # each form starts with the person most of its speakers had
        "UPDATE name_forms SET person_id = (SELECT s.person_id FROM speakers s"
        " JOIN people p ON p.id = s.person_id AND p.kind = 'person'"
        " WHERE s.form_id = name_forms.id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)"
    )
    taken: set[int] = set()
    for key in sorted(keys):
        people.regroup(conn, key, taken)
    conn.execute(
        "UPDATE speakers SET person_id = (SELECT person_id FROM name_forms f"
        " WHERE f.id = speakers.form_id) WHERE form_id NOT NULL"
    )
    linked = conn.execute("SELECT DISTINCT person_id FROM speakers WHERE person_id NOT NULL")
    people.refresh(conn, persons | {r[0] for r in linked})


def regroup_people(conn: sqlite3.Connection) -> int:
    """`relink_people` in one transaction (`saidwhat regroup`); the number of people."""
    with transaction(conn):
        relink_people(conn)
    return conn.execute("SELECT count(*) FROM people").fetchone()[0]


def _link_speakers(
    conn: sqlite3.Connection, article: Article, rows: dict[str, int], article_id: int
) -> set[str]:
    """Link the article's quoted speakers (people are who the archive quotes, not everyone
    named) and count its forms; the surnames to regroup."""
    quoted = {q.speaker_id for q in article.quotes}
    keys = set()
    for speaker in article.speakers:
        if speaker.id in quoted:
            key = people.link(conn, rows[speaker.id], speaker, article.text)
            if key:
                keys.add(key)
    people.count_forms(conn, article_id, 1)
    return keys


def _delete_article(conn: sqlite3.Connection, article_id: int) -> None:
    _count_articles(conn, [article_id], -1)
    persons, keys = people.unlink_article(conn, article_id)
    groups = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT cluster_id FROM quotes WHERE article_id = ? AND cluster_id NOT NULL",
            (article_id,),
        )
    ]
    people.count_forms(conn, article_id, -1)
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    touched = set(persons)
    for key in keys:
        touched |= people.regroup(conn, key)
    people.refresh(conn, touched)
    clusters.refresh(conn, groups)


def _count_articles(conn: sqlite3.Connection, article_ids: list[int], sign: int) -> None:
    """Add the articles, their quotes stored, to outlet_periods (`sign` 1) or take them
    away (-1); the rows they make come in the order of their first article, as one
    article at a time makes them."""
    conn.execute(
        "INSERT INTO outlet_periods (outlet, period, kinds, articles, speech, writing, thought,"
        " other) SELECT outlet, period, kinds, ? * count(*), ? * sum(speech), ? * sum(writing),"
        " ? * sum(thought), ? * sum(other)"
        f" FROM ({ARTICLE_KINDS.format(where='a.id IN (SELECT value FROM json_each(?))')})"
        " GROUP BY outlet, period, kinds ORDER BY min(article_id)"
        " ON CONFLICT (outlet, period, kinds) DO UPDATE SET"
        " articles = articles + excluded.articles, speech = speech + excluded.speech,"
        " writing = writing + excluded.writing, thought = thought + excluded.thought,"
        " other = other + excluded.other",
        (sign, sign, sign, sign, sign, json.dumps(article_ids)),
    )
    if sign < 0:
        conn.execute("DELETE FROM outlet_periods WHERE articles <= 0")


def _insert_article(
    conn: sqlite3.Connection, article: Article, key: str, digest: str, touched: Touched
) -> None:
    """Insert the article and what was found in it; its people and clusters are left to
    `touched.settle`."""
    meta = dict(article.meta)
    columns = {name: meta.pop(name, None) for name in ARTICLE_FIELDS}
    columns["published"] = normalise_date(columns["published"])
    columns = {k: (None if v is None else str(v)) for k, v in columns.items()}
    article_id = conn.execute(
        "INSERT INTO articles (key, content_hash, title, outlet, published, url, text, meta,"
        " quotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            digest,
            columns["title"],
            columns["outlet"],
            columns["published"],
            columns["url"],
            article.text,
            json.dumps(meta, ensure_ascii=False, default=str),
            len(article.quotes),
        ),
    ).lastrowid
    # each quoted speaker linked as it is stored (people are who the archive quotes, not
    # everyone named): an organisation to its person, a person to its name form
    quoted = {q.speaker_id for q in article.quotes}
    speaker_rows: dict[str, int] = {}
    printed: list[tuple[str, str]] = []  # the titles printed in names, by local id
    forms: set[int] = set()
    organisations: set[str] = set()  # the speakers linked already (to an organisation)
    for speaker in article.speakers:
        found = people.match(conn, speaker, article.text) if speaker.id in quoted else None
        linked = found.columns if found else {}
        if linked.get("person_id") is not None:
            organisations.add(speaker.id)
        speaker_rows[speaker.id] = conn.execute(
            "INSERT INTO speakers (article_id, local_id, name, kind, gender, gender_basis,"
            " person_id, match_name, match_key, named, form_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                speaker.id,
                speaker.name,
                speaker.kind,
                speaker.gender,
                speaker.gender_basis if speaker.gender else None,
                *(linked.get(c) for c in people.LINK_COLUMNS),
            ),
        ).lastrowid
        if found:
            printed += [(speaker.id, t) for t in found.titles]
        if found and found.key:  # a person: the surname regrouped, the form counted
            touched.keys.add(found.key)
            forms.add(linked["form_id"])
    touched.forms.update(forms)  # an article each
    rows = [(speaker_rows[s.id], s) for s in article.speakers]
    conn.executemany(
        "INSERT INTO speaker_titles (speaker_id, title) VALUES (?, ?)",
        [(row, t) for row, s in rows for t in s.titles]
        + [(speaker_rows[local], t) for local, t in printed],
    )
    conn.executemany(
        "INSERT INTO speaker_affiliations (speaker_id, affiliation) VALUES (?, ?)",
        [(row, a) for row, s in rows for a in s.affiliations],
    )
    conn.executemany(
        "INSERT INTO mentions (speaker_id, char_start, char_end, text) VALUES (?, ?, ?, ?)",
        [(row, m.start, m.end, m.text) for row, s in rows for m in s.mentions],
    )
    touched.articles.append(article_id)
    # each quote's cluster found before its article's quotes are stored, all at once: a
    # quote is matched with other articles' quotes only
    placed = [
        clusters.place(conn, article_id, q) if q.type in {"direct", "mixed"} else ([], None)
        for q in article.quotes
    ]
    conn.executemany(
        "INSERT INTO quotes (article_id, position, speaker_id, type, cue_kind, confidence, cue,"
        " source, text, context, char_start, char_end, cluster_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            _quote_row(article, article_id, position, quote, speaker_rows, cluster)
            for position, (quote, (_, cluster)) in enumerate(
                zip(article.quotes, placed, strict=True)
            )
        ],
    )
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM quotes WHERE article_id = ? ORDER BY position", (article_id,)
        )
    ]
    conn.executemany(
        "INSERT INTO quote_spans (quote_id, role, char_start, char_end, text)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (quote_id, role, s.start, s.end, s.text)
            for quote_id, quote in zip(ids, article.quotes, strict=True)
            for role, s in _roles(quote)
        ],
    )
    conn.executemany(  # the fingerprints, for the quotes that come later (`clusters.place`)
        "INSERT INTO quote_shingles (shingle, quote_id) VALUES (?, ?)",
        [(g, quote_id) for quote_id, (prints, _) in zip(ids, placed, strict=True) for g in prints],
    )
    clustered = False
    for quote_id, quote, (_, cluster) in zip(ids, article.quotes, placed, strict=True):
        if cluster is not None:
            touched.clusters.setdefault(cluster, []).append(quote_id)
            clustered |= quote.speaker_id in organisations
    if touched.uncounted and clustered:  # as CLUSTER_TRIGGERS count them: at once (a later
        # article's quote may take one of them into a new cluster, which a trigger counts)
        people.add_clusters(conn, "s.article_id = ?", (article_id,))
    if touched.unindexed is not None:
        touched.unindexed += ids


def _quote_row(
    article: Article,
    article_id: int,
    position: int,
    quote: Quote,
    speaker_rows: dict[str, int],
    cluster: int | None,
) -> tuple[Any, ...]:
    """A quote's row of `quotes`, as stored."""
    spans = quote.spans()
    start = min((s.start for s in spans), default=0)
    end = max((s.end for s in spans), default=0)
    return (
        article_id,
        position,
        speaker_rows.get(quote.speaker_id or ""),
        quote.type,
        quote.cue_kind,
        round(quote.confidence, 4),
        quote.cue.text if quote.cue else None,
        " … ".join(s.text for s in quote.sources) or None,
        " … ".join(c.text for c in quote.contents),
        context(article.text, start, end),
        start,
        end,
        cluster,
    )


def _roles(quote: Quote) -> list[tuple[str, Span]]:
    """A quote's spans with their roles, in the order `quote_spans` holds them."""
    rows = [("cue", quote.cue)] if quote.cue else []
    return rows + [("source", s) for s in quote.sources] + [("content", c) for c in quote.contents]


def context(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentences holding text[start:end]: from the sentence end before `start` to the
    one after `end`, at most `reach` characters further each way."""
    before = text[max(0, start - reach) : start]
    cuts = [m.end() for m in _SENTENCE_END.finditer(before)]
    left = start - len(before) + cuts[-1] if cuts else max(0, start - reach)
    after = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    right = after.start() + 1 if after else min(len(text), end + reach)
    return " ".join(text[left:right].split())


Extract = Callable[[Iterable[Article]], Iterator[Article]]


def ingest(
    conn: sqlite3.Connection,
    items: Iterable[Article | Keyed | InputError],
    extract: Extract | None = None,
    on_article: Callable[[Article, str], None] | None = None,
) -> IngestSummary:
    """Extract and store many inputs; unchanged articles are skipped before extraction.

    `items` are read inputs: `(key, Article)` pairs from `keyed_inputs` (files), Articles
    (keyed by `article_key`), or InputErrors, which are counted as skipped. `extract` turns
    Articles into extracted Articles, one for each, in input order (default:
    `pipeline.extract_articles` with the default pipeline; `--workers` passes its own);
    `extract=iter` stores Articles that are already extracted, and an `Extracted` one
    (saidwhat's own output, read back) is never extracted again. An extracted Article with
    `error` set is not stored but recorded in `failures` (and the summary), and the rest go
    on. `on_article(article, outcome)` is called after each article is stored ("added",
    "replaced", "unchanged") or has failed ("failed").

    An article extracted here is stored in a transaction of its own; `Extracted` ones in
    transactions of up to BATCH (`store_articles`), their people and clusters brought up to
    date once for each, which is what makes a bulk ingest of extracted articles fast."""
    summary = IngestSummary()
    began = time.perf_counter()
    # a large archive's indexes in memory while it grows (the fingerprints' are written
    # in no order), not only the 64 MB a reader keeps
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {INGEST_CACHE}")
    # a batch of articles read back (some 100,000 objects, none in a reference cycle:
    # counting references frees them) lives while it is stored; Python's cyclic collector,
    # which goes over the young objects every 700 made and then over them all as they pile
    # up, runs less often meanwhile
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], INGEST_GC), *threshold[1:])
    try:
        return _ingest(conn, items, extract, on_article, summary, began)
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
        gc.set_threshold(*threshold)


def _ingest(
    conn: sqlite3.Connection,
    items: Iterable[Article | Keyed | InputError],
    extract: Extract | None,
    on_article: Callable[[Article, str], None] | None,
    summary: IngestSummary,
    began: float,
) -> IngestSummary:
    run = _start_run(conn)
    # (key, id, input position, content hash) of each article sent to `extract`
    keys: deque[tuple[str, str, int, str]] = deque()

    def todo() -> Iterator[Article]:
        for position, item in enumerate(items):
            if isinstance(item, InputError):
                summary.skipped.append(item)
                continue
            key, article = item if isinstance(item, tuple) else (article_key(item), item)
            digest = content_hash(article)
            if stored_hash(conn, key) == digest or _claim_unchanged(conn, key, article, digest):
                summary.unchanged += 1
                if on_article:
                    on_article(article, "unchanged")
            else:
                keys.append((key, article.id, position, digest))
                yield article

    def found() -> Iterator[Article]:
        """The articles extracted, in input order: an `Extracted` one (saidwhat's own
        output) as it came; each run of others through `extract`, the pipeline loaded only
        when something needs extracting."""
        nonlocal extract
        for done, group in itertools.groupby(todo(), key=lambda a: isinstance(a, Extracted)):
            if done:
                yield from group
                continue
            if extract is None:
                from saidwhat.pipeline import extract_articles

                extract = extract_articles
            yield from extract(group)

    # to store together: key, article, content hash, `group`
    batch: list[tuple[str, Article, str, int]] = []

    def store(batch: list[tuple[str, Article, str, int]]) -> None:
        outcomes = _store_hashed(
            conn, [(key, article, digest) for key, article, digest, _ in batch]
        )
        for (_, article, _, _), outcome in zip(batch, outcomes, strict=True):
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome != "unchanged":
                summary.quotes += len(article.quotes)
                summary.speakers += len(article.speakers)
            if on_article:
                on_article(article, outcome)
        batch.clear()

    for article in found():
        key, expected, position, digest = keys.popleft()
        if article.id != expected:  # a key stored on the wrong article would lose one
            raise RuntimeError(f"extract gave {article.id!r} where {expected!r} was due")
        if article.error is not None:
            record_failure(conn, key, article, article.error)
            summary.failed.append(Failure(article.id, key, article.error))
            if on_article:
                on_article(article, "failed")
            continue
        if isinstance(article, Extracted):  # as read: its hash is the one `todo` found
            group = position // BATCH
        else:  # the pipeline's: hashed as it stores it
            group, digest = -1 - position, content_hash(article)
        if batch and group != batch[-1][3]:
            store(batch)
        batch.append((key, article, digest, group))
    store(batch)
    summary.seconds = time.perf_counter() - began
    _finish_run(conn, run, summary)
    return summary


def _start_run(conn: sqlite3.Connection) -> int:
    with transaction(conn):
        return (
            conn.execute("INSERT INTO ingest_runs (started) VALUES (?)", (_now(),)).lastrowid or 0
        )


def _finish_run(conn: sqlite3.Connection, run: int, summary: IngestSummary) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE ingest_runs SET finished = ?, added = ?, replaced = ?, unchanged = ?,"
            " skipped = ?, failed = ? WHERE id = ?",
            (
                _now(),
                summary.added,
                summary.replaced,
                summary.unchanged,
                len(summary.skipped),
                len(summary.failed),
                run,
            ),
        )


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Connections:
    """One connection per thread to one archive file: sqlite3 connections must not be shared
    across threads, and with WAL each thread's reads go on while another thread writes."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, self.readonly)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
