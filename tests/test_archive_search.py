"""Reading the archive: search with every filter, speaker statistics, one speaker, articles
read back, the commands, and exports read back with real readers (pyarrow, csv, json)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spacy.language import Language
from tests.test_archive_store import HAND_WRITTEN, extractor

from saidwhat.archive import Archive
from saidwhat.archive.search import fts_query
from saidwhat.article import Article
from saidwhat.cli import main
from saidwhat.pipeline import extract_articles
from saidwhat.reading import read_inputs


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, saidwhat_nlp: Language) -> Path:
    path = tmp_path_factory.mktemp("archive") / "archive.db"
    with Archive.open(path) as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
    return path


@pytest.fixture
def archive(db: Path):
    with Archive.open(db, readonly=True) as opened:
        yield opened


def test_fts_query_is_always_safe() -> None:
    assert fts_query("NHS waiting") == '"NHS" AND "waiting"'
    assert fts_query('"given up" NHS') == '"given up" AND "NHS"'
    assert fts_query("govern*") == '"govern"*'
    assert fts_query('NHS" OR ( NEAR') == '"NHS" AND "OR" AND "NEAR"'
    assert fts_query("!!!") == ""


def test_search_text_and_filters(archive: Archive) -> None:
    found = archive.search("waiting longer")
    assert len(found) == 3 and all("waiting longer" in q["text"] for q in found)
    assert [q["score"] for q in found] == sorted(q["score"] for q in found)
    assert {q["person"] for q in found} == {"Jonathan Ashworth"}
    assert (
        "told reporters in Leicester"
        in found[[q["outlet"] for q in found].index("Gazette")]["context"]
    )

    ashworth = archive.search(speaker="Jonathan Ashworth")
    assert len(ashworth) == 5 and {q["outlet"] for q in ashworth} == {
        "Gazette",
        "Herald",
        "Courier",
    }
    assert [q["published"] for q in ashworth] == sorted(
        (q["published"] for q in ashworth), reverse=True
    )
    assert {q["quote_id"] for q in archive.search(speaker="Ashworth")} == {
        q["quote_id"] for q in ashworth
    }
    assert {q["outlet"] for q in archive.search(speaker="Ashworth", outlet="herald")} == {"Herald"}
    one_day = archive.search(speaker="Ashworth", since="2019-03-05", until="2019-03-05")
    assert {q["article"] for q in one_day} == {"herald-nhs"}
    assert len(archive.search(until="2019")) == len(archive.search(since="2019", until="2019-12"))
    assert archive.search(since="2021") == []
    assert {q["type"] for q in archive.search(speaker="Ashworth", type="direct")} == {"direct"}
    assert archive.search("hospitals", speaker="Matt Hancock") == []

    # --about: quotes whose content names the person, under any of their names
    about = archive.search(about="Jeremy Corbyn")
    assert [q["article"] for q in about] == ["herald-nhs"] and about[0][
        "person"
    ] == "Jonathan Ashworth"
    assert {q["article"] for q in archive.search("patients", about="NHS")} == {
        "gazette-nhs", "herald-nhs", "courier-nhs"
    }  # fmt: skip

    everything = archive.search(limit=100)
    assert len(everything) == archive.counts()["quotes"]
    pages = archive.search(limit=4) + archive.search(limit=4, offset=4)
    assert pages == everything[:8]
    assert archive.search('NHS" OR (') is not None  # odd input is words, never FTS syntax


def test_archive_methods_are_the_modules_functions_on_its_connection(archive: Archive) -> None:
    import inspect

    from saidwhat.archive import search, store

    functions = {
        "search": search.search, "speakers": search.speakers, "speaker": search.speaker,
        "gender_shares": search.gender_shares, "find_people": search.find_people,
        "article": search.article, "articles": search.articles, "cluster": search.cluster,
        "clusters": search.quote_clusters, "export": search.export, "counts": search.counts,
        "store": store.store_article, "delete": store.delete_article,
    }  # fmt: skip
    for name, function in functions.items():
        method = getattr(archive, name)
        own = list(inspect.signature(function).parameters.values())
        assert own[0].name == "conn"
        assert list(inspect.signature(method).parameters.values()) == own[1:], name
        assert method.__doc__ == function.__doc__
    # positional and keyword calls reach the function as they are
    assert archive.search("NHS", None, None, "Herald", limit=2) == search.search(
        archive.conn, "NHS", outlet="Herald", limit=2
    )
    with pytest.raises(TypeError):
        archive.search(text="NHS", words="NHS")


def test_speakers_and_gender_shares(archive: Archive) -> None:
    top = archive.speakers(top=3)
    assert top[0]["name"] == "Jonathan Ashworth" and top[0]["quotes"] == 5
    assert top[0]["articles"] == 3 and "Labour" in top[0]["affiliations"]
    by_articles = archive.speakers(top=1, by="articles")
    assert by_articles[0]["name"] == "Jonathan Ashworth"
    herald = archive.speakers(outlet="Herald")
    assert {s["name"] for s in herald} == {"Jonathan Ashworth", "John Smith"}
    assert {s["kind"] for s in archive.speakers(top=50, kind="person")} == {"person"}
    on_hospitals = archive.speakers(on="hospitals")  # who is quoted most on hospitals
    assert [(s["name"], s["quotes"]) for s in on_hospitals] == [("Jonathan Ashworth", 1)]
    assert archive.gender_shares(on="hospitals") == {
        "male": {
            "quotes": 1, "quote_share": 1.0, "people": 1, "people_share": 1.0,
            "people_from_name": 0,  # "Mr Ashworth": the article says so
        }
    }  # fmt: skip
    shares = archive.gender_shares()
    people_quotes = sum(s["quotes"] for s in archive.speakers(top=100, kind="person"))
    assert sum(g["quotes"] for g in shares.values()) == people_quotes
    assert shares["female"]["people"] == 2  # Margaret Okafor, Sarah Jenkins
    assert shares["male"]["people_from_name"] == 1  # Jeremy Corbyn: no "he", no "Mr"
    assert abs(sum(g["quote_share"] for g in shares.values()) - 1) < 0.01


def test_one_speaker(archive: Archive) -> None:
    found = archive.speaker("Jonathan Ashworth")
    assert found is not None
    assert [o["outlet"] for o in found["outlets"]] == ["Gazette", "Herald", "Courier"]
    assert found["by_month"] == [{"month": "2019-03", "quotes": 5}]
    assert "patients" in {w["word"] for w in found["top_words"]}
    assert len(found["quotes_list"]) == 5 and len(found["clusters"]) == 1
    assert archive.speaker(found["id"])["name"] == "Jonathan Ashworth"
    assert archive.speaker("Nobody Atall") is None


def test_articles_read_back_as_extracted(archive: Archive, saidwhat_nlp: Language) -> None:
    listed = archive.articles()
    assert [a["article"] for a in listed][:2] == ["herald-smith", "gazette-council"]  # newest
    assert [a["article"] for a in archive.articles(outlet="Courier")] == ["courier-nhs"]
    first = next(read_inputs([HAND_WRITTEN]))
    assert isinstance(first, Article)
    extracted = next(extract_articles([first], saidwhat_nlp))
    stored = archive.article("gazette-nhs")
    assert stored is not None and stored["text"] == first.text and stored["outlet"] == "Gazette"
    back = Article.from_dict(stored)  # every span checked against the text on the way
    assert [q.to_dict() for q in back.quotes] == [q.to_dict() for q in extracted.quotes]
    assert [s.to_dict() for s in back.speakers] == [s.to_dict() for s in extracted.speakers]
    assert archive.article(stored["article_id"])["id"] == "gazette-nhs"
    assert all(q["speaker"]["person_id"] for q in stored["quotes"] if q["speaker"])


def test_exports_read_back(archive: Archive, tmp_path: Path) -> None:
    quotes = archive.counts()["quotes"]
    assert archive.export(tmp_path / "q.parquet", "parquet") == quotes
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.num_rows == quotes
    rows = table.to_pylist()
    assert {"quote_id", "speaker", "person", "outlet", "published", "text"} <= set(rows[0])
    ashworth = [r for r in rows if r["person"] == "Jonathan Ashworth"]
    assert len(ashworth) == 5 and {r["outlet"] for r in ashworth} == {
        "Gazette",
        "Herald",
        "Courier",
    }
    assert str(table.schema.field("confidence").type) == "double"

    assert archive.export(tmp_path / "q.csv", "csv") == quotes
    with (tmp_path / "q.csv").open(encoding="utf-8", newline="") as f:
        assert [r["text"] for r in csv.DictReader(f)] == [r["text"] for r in rows]
    assert archive.export(tmp_path / "q.jsonl", "jsonl") == quotes
    lines = (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows


def test_the_commands(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "waiting longer", "--db", str(db), "-f", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert (
        main(
            ["search", "--speaker", "Ashworth", "--outlet", "Herald", "--db", str(db), "-f", "csv"]
        )
        == 0
    )
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows and {r["outlet"] for r in rows} == {"Herald"}
    assert main(["speakers", "--top", "2", "--db", str(db), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["speakers"][0]["name"] == "Jonathan Ashworth"
    assert main(["speakers", "--on", "library", "--db", str(db), "-f", "json"]) == 0
    assert [s["name"] for s in json.loads(capsys.readouterr().out)["speakers"]] == [
        "Margaret Okafor"  # the title is not part of the name
    ]
    assert main(["speaker", "Mr Ashworth", "--db", str(db)]) == 0
    assert "Shadow Health Secretary" in capsys.readouterr().out
    assert main(["speaker", "Jeremy Corbyn", "--db", str(db)]) == 0
    assert "male (from name)" in capsys.readouterr().out  # no "he" or "Mr" in his article
    assert main(["speaker", "John Smith", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert "joined because" in shown and "in 2 articles: one full name" in shown
    assert main(["speaker", "Nobody Atall", "--db", str(db)]) == 1
    assert (
        main(["export", "--db", str(db), "-f", "parquet", "-o", str(tmp_path / "x.parquet")]) == 0
    )
    assert pq.read_table(tmp_path / "x.parquet").num_rows > 0


# Four attributions, one of each kind of cue, in one article of our own.
KINDS = Article(
    id="kinds",
    text=(
        "Ferry row\n\n"
        "Ann Lowe said that the ferry fares would rise in June.\n\n"
        "Rhys Bevan wrote that the harbour was unsafe after dark.\n\n"
        "Gwen Price believes that the islanders will pay the new fares.\n\n"
        "The audit found that the ferries were late on most days."
    ),
    meta={"outlet": "Island Post", "published": "2025-05-14", "title": "Fares and crossings"},
)


@pytest.fixture(scope="module")
def kinds_archive(
    tmp_path_factory: pytest.TempPathFactory, saidwhat_nlp: Language
) -> Iterator[Archive]:
    with Archive.open(tmp_path_factory.mktemp("kinds") / "archive.db") as opened:
        opened.ingest([KINDS], extractor(saidwhat_nlp))
        yield opened


def test_speech_and_writing_count_unless_asked(kinds_archive: Archive) -> None:
    every = kinds_archive.search(cue_kind="all")
    assert sorted((q["cue"], q["cue_kind"]) for q in every) == [
        ("believes", "thought"), ("found", "other"), ("said", "speech"), ("wrote", "writing"),
    ]  # fmt: skip
    assert {q["cue_kind"] for q in kinds_archive.search()} == {"speech", "writing"}
    assert [q["cue"] for q in kinds_archive.search(cue_kind="thought,other")] == [
        "believes",
        "found",
    ]
    people = {p["name"] for p in kinds_archive.speakers()}
    assert people == {"Ann Lowe", "Rhys Bevan"}
    assert {p["name"] for p in kinds_archive.speakers(cue_kind="all")} >= people | {"Gwen Price"}
    assert kinds_archive.stats()["totals"]["quotes"] == 2
    assert kinds_archive.stats(cue_kind="all")["totals"]["quotes"] == 4
    assert sum(g["quotes"] for g in kinds_archive.gender_shares(cue_kind="all").values()) == 3
    with pytest.raises(ValueError, match="no cue kind 'spoken'"):
        kinds_archive.search(cue_kind="spoken")
    stored = kinds_archive.article("kinds")
    assert stored is not None
    assert [q["cue_kind"] for q in stored["quotes"]] == ["speech", "writing", "thought", "other"]


def test_search_stems_and_says_where_it_matched(kinds_archive: Archive) -> None:
    for words in ("fare", "fares", "faring"):  # porter: all "fare"
        found = kinds_archive.search(words, cue_kind="all")
        assert sorted(q["cue"] for q in found) == ["believes", "said"]
        for q in found:
            assert [q["text"][m["start"] : m["end"]] for m in q["matches"]] == ["fares"]
    assert kinds_archive.search(cue_kind="all")[0]["matches"] == []  # no words, no matches


def test_the_article_list_filters(kinds_archive: Archive) -> None:
    (item,) = kinds_archive.articles()
    assert item["title"] == "Fares and crossings"
    assert kinds_archive.articles(outlet="island post") == [item]
    assert kinds_archive.articles(outlet="Coast Courier") == []
    assert kinds_archive.articles(since="2025-05", until="2025-05-14") == [item]
    assert kinds_archive.articles(since="2025-06") == []
    assert kinds_archive.articles(until="2025-04") == []
    assert kinds_archive.articles(text="harbours") == [item]  # a quote's words, stemmed
    assert kinds_archive.articles(text="and crossings") == [item]  # the title's
    assert kinds_archive.articles(text="libraries") == []
