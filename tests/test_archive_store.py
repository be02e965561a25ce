"""The archive's SQLite file: schema, repeat and changed ingests, a broken input among good
ones, a kill -9 in the middle of a real `saidwhat ingest`, and readers during a write."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from tests.faults import fail_in_speakers

from saidwhat.archive import Archive, SchemaError, article_key
from saidwhat.archive.search import export_rows
from saidwhat.archive.store import SCHEMA_VERSION, normalise_date
from saidwhat.namegender import name_gender
from saidwhat.pipeline import extract_articles
from saidwhat.reading import read_inputs

HAND_WRITTEN = Path(__file__).parent / "data" / "archive-articles.jsonl"
# HAND_WRITTEN as `saidwhat ingest --extractor rules` stored it at schema 3 (commit 647650a).
SCHEMA_3 = Path(__file__).parent / "data" / "archive-schema3.db"


def extractor(nlp: Language):
    """`extract` for Archive.ingest with the session's pipeline (no second spaCy load)."""

    def extract(articles):
        return extract_articles(articles, nlp)

    return extract


COUNTS = ("outlet_periods", "person_periods")


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every content table (not the run log, not FTS shadow tables)."""
    conn = sqlite3.connect(path)
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'quotes_fts%' AND name != 'ingest_runs' ORDER BY name"
        )
    ]
    keyed = {r[0] for r in conn.execute("SELECT name FROM pragma_table_list WHERE wr")}
    tables = {
        n: conn.execute(
            f"SELECT * FROM {n} ORDER BY {'1, 2' if n in keyed else 'rowid'}"
        ).fetchall()
        for n in names
    }
    for name in set(COUNTS) & set(tables):  # their rows' order is the order ingest kept them
        tables[name] = sorted(tables[name], key=repr)
    tables["fts:said"] = conn.execute(
        "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'government' ORDER BY rowid"
    ).fetchall()
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    conn.close()
    return tables


def corpus(count: int) -> Iterator[dict]:
    """`count` short real-looking local-news articles, each its own speakers and outlet."""
    people = [
        ("Margaret Okafor", "Ms Okafor", "council leader"),
        ("Tom Brierley", "Mr Brierley", "opposition spokesman"),
        ("Priya Raman", "Dr Raman", "public health director"),
        ("David Clarke", "Mr Clarke", "chief constable"),
        ("Helen Morris", "Mrs Morris", "head teacher"),
        ("Samuel Osei", "Mr Osei", "union organiser"),
    ]
    topics = ["the library budget", "bus fares", "school places", "street lighting", "rents"]
    for n in range(count):
        name, short, role = people[n % len(people)]
        other, _, other_role = people[(n + 1) % len(people)]
        topic = topics[n % len(topics)]
        text = (
            f"{name}, the {role}, said on Tuesday that {topic} would be reviewed by March.\n\n"
            f'"We owe residents a straight answer on {topic}, and they will get one," '
            f"{short} told the meeting.\n\n"
            f"{other}, the {other_role}, said the review was {n + 2} years overdue."
        )
        yield {
            "id": f"story-{n:03d}",
            "outlet": ["Gazette", "Herald", "Courier"][n % 3],
            "published": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "text": text,
        }


def write_jsonl(path: Path, items) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_schema_is_readable_and_versioned(tmp_path: Path, saidwhat_nlp: Language) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        conn = archive.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "quotes", "speakers", "people", "aliases", "mentions"} <= tables
        assert {"quote_clusters", "quote_spans", "quotes_fts"} <= tables
        keys = {(r["table"], r["from"]) for r in conn.execute("PRAGMA foreign_key_list(quotes)")}
        assert {("articles", "article_id"), ("speakers", "speaker_id")} <= keys
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # the query Datasette runs to give the quotes table a search box
        fts = conn.execute(
            "SELECT name FROM sqlite_master WHERE rootpage = 0"
            """ AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="quotes"%'"""
        ).fetchall()
        assert [r[0] for r in fts] == ["quotes_fts"]
        # every stored span is exactly its article's text at its offsets
        bad = conn.execute(
            "SELECT count(*) FROM quote_spans s JOIN quotes q ON q.id = s.quote_id"
            " JOIN articles a ON a.id = q.article_id"
            " WHERE substr(a.text, s.char_start + 1, s.char_end - s.char_start) != s.text"
        ).fetchone()[0]
        assert bad == 0
        row = conn.execute("SELECT * FROM articles WHERE key = 'gazette-nhs'").fetchone()
        assert (row["outlet"], row["published"]) == ("Gazette", "2019-03-04")
        assert row["title"] == "Ashworth attacks NHS waiting times"
    sqlite3.connect(db).execute("CREATE TABLE extra (x)").connection.commit()
    (tmp_path / "other.db").write_bytes(b"")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE notes (x)")
    other.commit()
    with pytest.raises(SchemaError):
        Archive.open(tmp_path / "other.db")


def test_repeat_ingest_is_a_no_op_and_a_changed_article_replaces_its_old_one(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        first = archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        assert (first.added, first.unchanged, first.skipped) == (5, 0, [])
        before = dump(db)
        extracted: list[str] = []

        def counting(articles):
            for article in extract_articles(articles, saidwhat_nlp):
                extracted.append(article.id)
                yield article

        again = archive.ingest(read_inputs([HAND_WRITTEN]), counting)
        assert (again.added, again.replaced, again.unchanged) == (0, 0, 5)
        assert extracted == []  # unchanged articles are not even extracted again
        assert dump(db) == before

        lines = [json.loads(line) for line in HAND_WRITTEN.read_text().splitlines()]
        lines[4]["text"] = lines[4]["text"].replace("broken promises", "empty promises")
        changed = archive.ingest(read_inputs([write_jsonl(tmp_path / "v2.jsonl", lines)]), counting)
        assert (changed.replaced, changed.unchanged, extracted) == (1, 4, ["herald-smith"])
        assert archive.search("empty promises") and not archive.search('"broken promises"')
        assert archive.counts() == {k: len(v) for k, v in before.items() if k in archive.counts()}
        conn = archive.conn
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = "SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM speakers"
        assert conn.execute(orphans + " WHERE person_id NOT NULL)").fetchone()[0] == 0
        assert archive.delete("herald-smith") and not archive.delete("herald-smith")
        assert archive.article("herald-smith") is None
        assert conn.execute(orphans + " WHERE person_id NOT NULL)").fetchone()[0] == 0


def test_a_broken_file_among_many_is_reported_and_skipped(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for item in corpus(4):
        (folder / f"{item['id']}.txt").write_text(item["text"], encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owner said".encode("latin-1"))
    lines = list(corpus(6))[4:]
    write_jsonl(folder / "feed.jsonl", lines)
    with (folder / "feed.jsonl").open("a") as feed:
        feed.write('{"id": "cut-off", "text": "The mayor said\n')
    with Archive.open(tmp_path / "archive.db") as archive:
        summary = archive.ingest(read_inputs([folder]), extractor(saidwhat_nlp))
        reasons = {Path(e.source).name: e.reason for e in summary.skipped}
        assert set(reasons) == {"scan.txt", "latin1.txt", "feed.jsonl:3"}
        assert "UTF-8" in reasons["latin1.txt"] and "JSON" in reasons["feed.jsonl:3"]
        assert summary.added == 6
        assert sorted(a["article"] for a in archive.articles()) == [
            f"story-{n:03d}" for n in range(6)
        ]


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name: state, parent pid, ..."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):  # gone meanwhile
                pass
    return found


def running(pid: int) -> bool:
    try:
        return _stat(pid)[0] != "Z"  # a zombie has exited, waiting for its parent to reap it
    except FileNotFoundError:
        return False


def test_kill_9_in_the_middle_then_rerun_equals_one_uninterrupted_run(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    items = list(corpus(64))
    source = write_jsonl(tmp_path / "corpus.jsonl", items)
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "saidwhat", "ingest", str(source), "--db", str(killed)]
    command += ["--workers", "2"]  # worker processes even on a one-core machine
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while stored == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
        try:
            with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:  # not created yet
            pass
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert workers  # the ingest ran in worker processes, and they go with their parent
    deadline = time.monotonic() + 30
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(running, workers))

    # what the killed run left opens, is sound, and holds only whole articles
    with Archive.open(killed) as archive:
        conn = archive.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 0 < count < len(items)
        whole = conn.execute(
            "SELECT count(*) FROM articles a WHERE a.quotes !="
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
        ).fetchone()[0]
        assert whole == 0

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr

    reference = tmp_path / "reference.db"
    with Archive.open(reference) as archive:
        archive.ingest(read_inputs([source]), extractor(saidwhat_nlp))
    assert dump(killed) == dump(reference)


def test_readers_are_not_blocked_by_a_write_in_progress(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        writer = archive.conn
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM quotes")  # not committed while the readers read
        seen: list[tuple[int, int]] = []

        def read() -> None:  # each thread gets its own connection from the same Archive
            found = len(archive.search("government", limit=100))
            seen.append((found, archive.counts()["quotes"]))  # one append: threads interleave

        threads = [threading.Thread(target=read) for _ in range(4)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
        waited = time.monotonic() - began
        writer.execute("ROLLBACK")
        assert len(seen) == 4 and all(found > 0 for found, _ in seen)
        assert waited < 5  # a blocked reader would wait the 30 s busy timeout
        quotes = archive.counts()["quotes"]
        assert [count for _, count in seen] == [quotes] * 4


def test_dates_are_normalised_for_filtering() -> None:
    assert normalise_date("2019-03-04") == "2019-03-04"
    assert normalise_date("2019-03-04T00:00:00Z") == "2019-03-04"
    assert normalise_date("2019-03-04T10:15:00+00:00") == "2019-03-04T10:15:00+00:00"
    assert normalise_date("March 4, 2019") == "2019-03-04"
    assert normalise_date("4 March 2019") == "2019-03-04"
    assert normalise_date("last spring") == "last spring"
    assert normalise_date("") is None


def test_ingest_command_reports_skipped_inputs(
    tmp_path: Path, saidwhat_nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    from saidwhat.cli import main

    folder = tmp_path / "corpus"
    folder.mkdir()
    for item in corpus(3):
        (folder / f"{item['id']}.txt").write_text(item["text"], encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    db = folder / "archive.db"  # inside the folder it ingests: its own files are not inputs
    assert main(["ingest", str(folder), "--db", str(db)]) == 1
    out = " ".join(capsys.readouterr().err.split())  # as rich wraps it, unwrapped
    assert "empty.txt: empty input" in out and "inputs skipped │ 1" in out
    assert main(["ingest", str(folder / "story-000.txt"), "--db", str(db)]) == 0
    with Archive.open(db, readonly=True) as archive:
        assert archive.counts()["articles"] == 3


def test_a_failed_article_is_recorded_and_the_next_ingest_retries_it(
    tmp_path: Path,
    saidwhat_nlp: Language,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from saidwhat.cli import main

    source = write_jsonl(tmp_path / "corpus.jsonl", list(corpus(4)))
    db = tmp_path / "archive.db"
    ingest = ["ingest", str(source), "--db", str(db), "--workers", "1"]
    fail_in_speakers(monkeypatch, "school places")  # story-002 only
    assert main(ingest) == 1
    err = capsys.readouterr().err
    assert "failed story-002: ValueError: cannot resolve school places (faults.py:" in err
    assert "1 of 4 articles failed" in err and "Traceback" not in err
    conn = sqlite3.connect(db)
    ((key, article, reason),) = conn.execute("SELECT key, article, reason FROM failures")
    assert (key, article) == ("story-002", "story-002")
    assert reason.startswith("ValueError: cannot resolve school places (faults.py:")
    keys = [r[0] for r in conn.execute("SELECT key FROM articles ORDER BY key")]
    assert keys == ["story-000", "story-001", "story-003"]  # nothing stored for it
    run = "SELECT added, unchanged, failed FROM ingest_runs ORDER BY id DESC LIMIT 1"
    assert conn.execute(run).fetchone() == (3, 0, 1)

    monkeypatch.undo()  # the bug is fixed: the next ingest tries it again, and only it
    assert main(ingest) == 0
    assert "failed story" not in capsys.readouterr().err
    assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert conn.execute(run).fetchone() == (1, 3, 0)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    conn.close()


# What takes an archive of schema 8 back to what schema 7 wrote: no person_clusters (its
# triggers go with it) and no people index by articles.
TO_SCHEMA_7 = (
    "DROP TABLE person_clusters; DROP INDEX people_articles; DROP INDEX people_kind_articles;"
    " DROP TRIGGER person_clusters_quote_insert; DROP TRIGGER person_clusters_quote_delete;"
    " DROP TRIGGER person_clusters_quote_update; DROP TRIGGER person_clusters_speaker_update;"
    " DROP TRIGGER person_clusters_speaker_delete; UPDATE schema_version SET version = 7;"
)
# What takes it back to what schema 6 wrote: no name forms, people names, attribute
# spellings or cluster outlets.
TO_SCHEMA_6 = TO_SCHEMA_7 + (
    "DROP INDEX speakers_form; ALTER TABLE speakers DROP COLUMN form_id; DROP TABLE name_forms;"
    " DROP TABLE person_names; ALTER TABLE person_attributes DROP COLUMN spellings;"
    " DROP TABLE cluster_outlets; DROP INDEX quote_shingles_shingle;"
    " CREATE INDEX quote_shingles_shingle ON quote_shingles (shingle);"
    " UPDATE schema_version SET version = 6;"
)
# What takes it back to what schema 5 wrote: no dashboard counts.
TO_SCHEMA_5 = TO_SCHEMA_6 + (
    "DROP TABLE outlet_periods; DROP TABLE person_periods; DROP INDEX people_kind_quotes;"
    " DROP INDEX articles_newest; UPDATE schema_version SET version = 5;"
)
# What takes it back to what schema 4 wrote: no cue kinds, and a quote index that does not
# stem.
TO_SCHEMA_4 = TO_SCHEMA_5 + (
    "DROP INDEX quotes_cue_kind; ALTER TABLE quotes DROP COLUMN cue_kind; DROP TABLE quotes_fts;"
    " CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content='quotes', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2');"
    " INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');"
    " UPDATE schema_version SET version = 4;"
)
# What takes it back to what schema 3 wrote: no gender from a name, and no column saying
# where a gender comes from.
TO_SCHEMA_3 = TO_SCHEMA_4 + (
    "UPDATE speakers SET gender = NULL WHERE gender_basis = 'name';"
    " UPDATE people SET gender = NULL WHERE gender_basis = 'name';"
    " ALTER TABLE speakers DROP COLUMN gender_basis; ALTER TABLE people DROP COLUMN gender_basis;"
)
# What takes an archive of schema 7 back to what schema 2 wrote.
TO_SCHEMA_2 = TO_SCHEMA_3 + (
    "DROP TABLE person_reasons; DROP TABLE person_attributes; DROP INDEX speakers_match_key;"
    " ALTER TABLE speakers DROP COLUMN match_name; ALTER TABLE speakers DROP COLUMN match_key;"
    " ALTER TABLE speakers DROP COLUMN named; UPDATE schema_version SET version = 2;"
)


def test_an_archive_of_schema_1_is_read_as_it_is_and_upgraded_when_written(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        counts = archive.counts()
    before = dump(db)
    conn = sqlite3.connect(db)  # back to what version 1 wrote
    conn.executescript(
        TO_SCHEMA_2 + "DROP TABLE failures; ALTER TABLE ingest_runs DROP COLUMN failed;"
        " UPDATE schema_version SET version = 1;"
    )
    conn.close()
    with Archive.open(db, readonly=True) as archive:
        assert archive.counts() == counts
        assert archive.conn.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    with Archive.open(db) as archive:
        conn = archive.conn
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert "failed" in {r["name"] for r in conn.execute("PRAGMA table_info(ingest_runs)")}
    # failures is back, empty; the people evidence as a new archive holds it; nothing else
    # changed (the rows the upgrade wrote again may come in another order)
    assert {t: sorted(rows, key=repr) for t, rows in dump(db).items()} == {
        t: sorted(rows, key=repr) for t, rows in before.items()
    }


def rows_of(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(sql).fetchall(), key=repr)
    finally:
        conn.close()


GENDERS = "SELECT name, kind, gender, gender_basis FROM speakers"
PEOPLE = "SELECT name, kind, gender, gender_basis, quotes, articles FROM people"
OUTLET_COUNTS = "SELECT * FROM outlet_periods"
PERSON_COUNTS = (
    "SELECT p.name, x.outlet, x.period, x.kinds, x.articles, x.speech, x.writing, x.thought,"
    " x.other, x.first_seen, x.last_seen FROM person_periods x JOIN people p ON p.id = x.person_id"
)


def test_a_real_schema_3_archive_gets_gender_basis_and_the_name_prior_when_written(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    db = tmp_path / "old.db"
    shutil.copy(SCHEMA_3, db)
    before = rows_of(db, "SELECT name, kind, gender FROM speakers")
    with Archive.open(db, readonly=True) as archive:  # read as it is: no basis yet
        assert archive.conn.execute("SELECT version FROM schema_version").fetchone()[0] == 3
        article = archive.article("gazette-nhs")
        assert article is not None
        assert {s["gender_basis"] for s in article["speakers"]} == {None}
        assert {p["gender_basis"] for p in archive.speakers(10)} == {None}
        assert all(r["speaker_gender_basis"] is None for r in export_rows(archive.conn))
        assert archive.gender_shares()["male"]["people_from_name"] == 0
    with Archive.open(db) as archive:
        version = archive.conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == SCHEMA_VERSION
    after = rows_of(db, GENDERS)
    # every gender the old file held came from its article; a person it left without one
    # gets their first name's where that is clear
    for (name, kind, old), (_, _, new, basis) in zip(before, after, strict=True):
        if old is not None:
            assert (new, basis) == (old, "article")
        elif kind == "person":
            assert (new, basis) == (
                (name_gender(name), "name") if name_gender(name) else (None, None)
            )
    assert ("Jeremy Corbyn", "person", "male", "name") in after
    people = {r[0]: r[2:4] for r in rows_of(db, PEOPLE)}
    assert people["Jonathan Ashworth"] == ("male", "article")  # one speaker without: still article
    assert people["Jeremy Corbyn"] == ("male", "name")
    # what a new archive of the same articles holds, for the entities today's resolver and
    # the one that wrote the old file both found alike (it has since learnt that an unnamed
    # spokeswoman is a person, and that "figures" say nothing)
    with Archive.open(tmp_path / "new.db") as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
    new = tmp_path / "new.db"
    alike = {r[:2] for r in rows_of(new, GENDERS)} & {r[:2] for r in after}
    assert len(alike) >= 6

    def common(rows: list[tuple]) -> list[tuple]:
        return [r for r in rows if r[:2] in alike]

    def same(new_rows: list[tuple], old_rows: list[tuple]) -> None:
        """The same rows, but that today's resolver may find in the article a gender the
        old file took from the name (a role in apposition: "Sam Ng, a spokeswoman"),
        never the other way."""
        assert len(new_rows) == len(old_rows)
        for n, o in zip(new_rows, old_rows, strict=True):
            assert n[:3] + n[4:] == o[:3] + o[4:]
            assert n[3] == o[3] or (n[3], o[3]) == ("article", "name")

    same(common(rows_of(new, GENDERS)), common(after))
    same(common(rows_of(new, PEOPLE)), common(rows_of(db, PEOPLE)))
    # and the counts the dashboard reads, per cue kind, as the new archive's ingest kept them
    names = {name for name, _ in alike}
    person_counts = [[r for r in rows_of(d, PERSON_COUNTS) if r[0] in names] for d in (new, db)]
    assert person_counts[0] == person_counts[1] != []
    assert rows_of(new, OUTLET_COUNTS) != []


def test_an_article_without_an_id_is_keyed_by_its_content(tmp_path: Path) -> None:
    from saidwhat.article import Article

    posted = Article(id="", text="The mayor said the bridge would reopen in May.")
    with Archive.open(tmp_path / "archive.db") as archive:
        assert archive.store(posted) == "added"
        assert archive.store(posted) == "unchanged"
        assert archive.store(Article(id="", text="Another text entirely.")) == "added"
        key = article_key(posted)
        assert key.startswith("text-") and archive.article(key)["text"] == posted.text
        assert archive.article("1")["id"] == key  # an id from a URL: the article_id
        assert archive.counts()["articles"] == 2


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", list(corpus(6)))
    dbs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        command = [sys.executable, "-m", "saidwhat", "ingest", str(source), "--db", str(db)]
        done = subprocess.run([*command, "--workers", workers], capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr
        dbs.append(dump(db))
    assert dbs[0] == dbs[1] and dbs[0]["quotes"]


REPORTS = {  # two papers' reports, each saved as report.txt in its own folder
    "gazette": "Councillor Ruth Adeyemi said on Monday that the swimming pool would close for "
    'repairs in June.\n\n"We cannot keep patching a roof that leaks every winter," Ms '
    "Adeyemi told the finance committee.",
    "herald": "Head teacher Colin Marsh said the school would open its library to families in "
    'the evenings.\n\n"Reading together is the best homework there is," Mr Marsh said.',
}


def write_reports(root: Path) -> dict[str, Path]:
    files = {}
    for paper, text in REPORTS.items():
        (root / paper).mkdir(parents=True, exist_ok=True)
        files[paper] = root / paper / "report.txt"
        files[paper].write_text(text, encoding="utf-8")
    return files


def test_two_folders_files_of_one_name_are_two_articles(
    tmp_path: Path, saidwhat_nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    from saidwhat.archive import keyed_inputs
    from saidwhat.cli import main

    files = write_reports(tmp_path / "news")
    extracted: list[str] = []

    def counting(articles):
        for article in extract_articles(articles, saidwhat_nlp):
            extracted.append(article.id)
            yield article

    with Archive.open(tmp_path / "one-run.db") as archive:  # both in one run
        first = archive.ingest(keyed_inputs([tmp_path / "news"]), counting)
        assert (first.added, first.replaced, first.unchanged) == (2, 0, 0)
        keys = sorted(a["article"] for a in archive.articles())
        assert keys == sorted(f.resolve().as_posix() for f in files.values())
        assert archive.search("roof leaks") and archive.search("homework")
        extracted.clear()
        again = archive.ingest(keyed_inputs([files["herald"], files["gazette"]]), counting)
        assert (again.added, again.replaced, again.unchanged, extracted) == (0, 0, 2, [])

        # an edited file replaces its own older version, and only that
        files["herald"].write_text(REPORTS["herald"].replace("homework", "lesson"), "utf-8")
        edited = archive.ingest(keyed_inputs([tmp_path / "news"]), counting)
        assert (edited.added, edited.replaced, edited.unchanged) == (0, 1, 1)
        assert archive.search("lesson") and not archive.search("homework")
        assert archive.search("roof leaks") and archive.counts()["articles"] == 2

    # one run each: the second file is added beside the first, as the command prints it
    db = tmp_path / "two-runs.db"
    for paper, added in (("gazette", 1), ("herald", 1), ("herald", 0)):
        assert main(["ingest", str(files[paper]), "--db", str(db), "--workers", "1"]) == 0
        out = " ".join(capsys.readouterr().err.split())
        assert f"added │ {added}" in out and f"unchanged │ {1 - added}" in out
    with Archive.open(db, readonly=True) as archive:
        assert archive.counts()["articles"] == 2
        assert archive.search("roof leaks") and archive.search("lesson")


def test_lines_without_ids_and_stdin_texts_are_keyed_apart(tmp_path: Path) -> None:
    from saidwhat.archive.store import input_key
    from saidwhat.article import Article

    feeds = [tmp_path / paper / "feed.jsonl" for paper in REPORTS]
    for feed, text in zip(feeds, REPORTS.values(), strict=True):
        feed.parent.mkdir()
        write_jsonl(feed, [{"text": text}, {"id": "shared-7", "text": text}])
    from saidwhat.archive import keyed_inputs

    keyed = [item for item in keyed_inputs([tmp_path]) if isinstance(item, tuple)]
    assert [key for key, _ in keyed] == [
        f"{feeds[0].resolve().as_posix()}:1",
        "shared-7",  # the record's own id: the same article wherever it is read from
        f"{feeds[1].resolve().as_posix()}:1",
        "shared-7",
    ]
    one, two = (Article(id="stdin", text=text) for text in REPORTS.values())
    assert input_key(one, None) != input_key(two, None)  # `saidwhat ingest -` twice: two


def test_an_archive_keyed_by_file_stems_is_taken_over_unchanged(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    from saidwhat.archive import keyed_inputs

    files = write_reports(tmp_path / "news")
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:  # as an archive before path keys holds a file: its stem
        archive.ingest(read_inputs([files["gazette"]]), extractor(saidwhat_nlp))
        assert [a["article"] for a in archive.articles()] == ["report"]
        before = dump(db)
        again = archive.ingest(keyed_inputs([files["gazette"]]), extractor(saidwhat_nlp))
        assert (again.added, again.unchanged) == (0, 1)
        after = dump(db)
        assert [a["article"] for a in archive.articles()] == [files["gazette"].resolve().as_posix()]
        assert {k: v for k, v in after.items() if k != "articles"} == {
            k: v for k, v in before.items() if k != "articles"
        }
        key = [c[1] for c in archive.conn.execute("PRAGMA table_info(articles)")].index("key")
        rekeyed = [r[:key] + r[key + 1 :] for r in after["articles"]]
        assert rekeyed == [r[:key] + r[key + 1 :] for r in before["articles"]]  # the same row
        # the other folder's report.txt is another article, not a new version of "report"
        other = archive.ingest(keyed_inputs([files["herald"]]), extractor(saidwhat_nlp))
        assert (other.added, other.replaced) == (1, 0)
        assert archive.counts()["articles"] == 2


def test_an_archive_of_schema_4_gets_cue_kinds_and_stemmed_search_when_written(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        kinds = rows_of(db, "SELECT id, cue, cue_kind FROM quotes")
        stemmed = [r["quote_id"] for r in archive.search("governments")]
    before = dump(db)
    conn = sqlite3.connect(db)
    conn.executescript(TO_SCHEMA_4)
    conn.close()
    with Archive.open(db, readonly=True) as archive:  # read as it is: kinds from the cues
        assert archive.conn.execute("SELECT version FROM schema_version").fetchone()[0] == 4
        found = archive.search(cue_kind="all", limit=500)
        got = [(r["quote_id"], r["cue"], r["cue_kind"]) for r in found]
        assert sorted(got, key=repr) == kinds
        assert archive.search("governments") == []  # the old index does not stem
    with Archive.open(db) as archive:
        version = archive.conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        assert [r["quote_id"] for r in archive.search("governments")] == stemmed != []
    assert rows_of(db, "SELECT id, cue, cue_kind FROM quotes") == kinds
    # nothing else changed (schema 7 relinks the people: their rows may come in another order)
    assert {t: sorted(rows, key=repr) for t, rows in dump(db).items()} == {
        t: sorted(rows, key=repr) for t, rows in before.items()
    }
