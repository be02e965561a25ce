"""Quote clusters: one quote carried by several outlets, with its first appearance and each
outlet's wording differences; on hand-written articles and on PolNeAR dev texts that two
outlets wrote about the same speeches."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.test_archive_store import HAND_WRITTEN, extractor, write_jsonl

from saidwhat.archive import Archive, clusters, search
from saidwhat.archive.clusters import differences, quoted_text, same_quote, tokens
from saidwhat.archive.store import count_person_clusters, regroup_people, store_articles
from saidwhat.article import Article
from saidwhat.reading import read_inputs

# Two pairs of PolNeAR dev articles: one speech each, reported by two outlets.
POLNEAR_PAIRS = [
    "huff-post_2016-09-20_hillary-clinton-speaks-directly-",
    "west-journal_2016-09-21_chris-christie-calls-hillary-cli",
    "politico_2016-10-04_trump-not-walking-the-walk-on-hi",
    "west-journal_2016-10-04_railing-against-trump-sanders-vo",
]


def test_wording_rules() -> None:
    assert quoted_text("“We will win,” … “and we will win big.”", "direct") == (
        "We will win … and we will win big."
    )
    assert quoted_text('that the plan was "a disgrace to the borough"', "mixed") == (
        "a disgrace to the borough"
    )
    assert quoted_text("‘We will not close a library,’", "direct") == "We will not close a library"
    # Marks as quotemarks reads them: a phrase in single marks, a quote the content leaves open.
    assert quoted_text("the cuts were 'the least bad option' for now", "mixed") == (
        "the least bad option"
    )
    assert quoted_text("that voters \"can't stand the plan and never will", "mixed") == (
        "can't stand the plan and never will"
    )
    one = tokens("Patients are waiting longer than ever for the care they need")
    assert same_quote(one, tokens("patients are waiting longer than ever for care they need"))
    assert same_quote(tokens("waiting longer than ever for the care they need"), one)  # a part
    assert not same_quote(one, tokens("Patients are treated faster than ever in this hospital"))
    assert differences("this government has simply given up", "the government has given up") == [
        {"change": "changed", "from": "this", "to": "the"},
        {"change": "left out", "from": "simply", "to": ""},
    ]


def test_one_quote_in_three_outlets_is_one_cluster(tmp_path: Path, saidwhat_nlp: Language) -> None:
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        found = archive.clusters()
        assert len(found) == 1
        cluster = archive.cluster(found[0]["id"])
        assert cluster is not None
        assert (cluster["occurrences"], cluster["outlets"], cluster["variants"]) == (3, 3, 3)
        assert cluster["first_published"] == "2019-03-04"
        outlets = [o["outlet"] for o in cluster["quotes"]]
        assert outlets == ["Gazette", "Herald", "Courier"]  # first appearance first
        assert cluster["text"].startswith("Patients are waiting longer than ever")
        first, herald, courier = cluster["quotes"]
        assert first["differences"] == []
        assert herald["differences"] == [{"change": "left out", "from": "simply", "to": ""}]
        assert {"change": "added", "from": "", "to": "that"} in courier["differences"]
        assert {"change": "changed", "from": "this", "to": "the"} in courier["differences"]
        assert {o["speaker"] for o in cluster["quotes"]} >= {"Jonathan Ashworth"}
        quotes = archive.search("patients waiting", type="direct")
        assert {q["cluster_id"] for q in quotes} == {found[0]["id"]}

        # the first appearance's article replaced by one without the quote: the others stay
        lines = [json.loads(line) for line in HAND_WRITTEN.read_text().splitlines()]
        lines[0]["text"] = lines[0]["text"].split("\n\n")[0]
        archive.ingest(
            read_inputs([write_jsonl(tmp_path / "v2.jsonl", lines)]), extractor(saidwhat_nlp)
        )
        cluster = archive.cluster(found[0]["id"])
        assert cluster is not None and cluster["first_published"] == "2019-03-05"
        assert [o["outlet"] for o in cluster["quotes"]] == ["Herald", "Courier"]
        archive.delete("courier-nhs")
        assert archive.clusters() == [] and archive.cluster(found[0]["id"]) is None


def test_polnear_speeches_reported_by_two_outlets(tmp_path: Path, saidwhat_nlp: Language) -> None:
    folder = need(POLNEAR / "dev" / "text")
    lines = []
    for name in POLNEAR_PAIRS:
        outlet, date, _ = name.split("_", 2)
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        lines.append({"id": name, "outlet": outlet, "published": date, "text": text})
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest(
            read_inputs([write_jsonl(tmp_path / "dev.jsonl", lines)]), extractor(saidwhat_nlp)
        )
        clusters = [archive.cluster(c["id"]) for c in archive.clusters()]
        assert len(clusters) >= 2
        for cluster in clusters:
            assert cluster is not None and cluster["articles"] == cluster["outlets"] == 2
            # a cluster joins occurrences of two different outlets with the same words
            one, two = (tokens(o["text"]) for o in cluster["quotes"][:2])
            assert same_quote(one, two)
        speakers = {o["speaker"] for c in clusters if c for o in c["quotes"]}
        assert "Hillary Clinton" in speakers
        changed = [o for c in clusters if c for o in c["quotes"] if o["differences"]]
        assert changed, "the two outlets word at least one quote differently"
        # the same people across the four articles: one record each
        clinton = archive.find_people("Hillary Clinton")
        assert len(clinton) == 1 and clinton[0]["articles"] >= 2
        trump = archive.speaker("Donald Trump")
        assert trump is not None and trump["articles"] >= 2
        assert {"Donald Trump", "Donald J. Trump"} <= {a["alias"] for a in trump["aliases"]}


def pair_copies(nlp: Language) -> list[tuple[str, Article]]:
    """POLNEAR_PAIRS extracted, each copied under five outlets and dates (one with none)."""
    dev = need(POLNEAR / "dev" / "text")
    extracted = list(extractor(nlp)(read_inputs([dev / f"{n}.txt" for n in POLNEAR_PAIRS])))
    return [
        (f"{a.id}#{i}", replace(a, id=f"{a.id}#{i}", meta=meta))
        for i, meta in enumerate(
            [
                {"outlet": "Herald", "published": "2020-05-01"},
                {"outlet": "Herald", "published": "2021-01-01"},
                {"outlet": "Gazette", "published": "2019-02-01"},  # earlier: the first moves
                {},  # no outlet, no date
                {"outlet": "Post", "published": "2018-07-01"},
            ]
        )
        for a in extracted
    ]


def person_clusters(conn: sqlite3.Connection) -> list[tuple]:
    """Each person's quote clusters and their quotes in each, as the archive keeps them."""
    return [tuple(r) for r in conn.execute("SELECT * FROM person_clusters ORDER BY 1, 2")]


def test_clusters_grown_batch_by_batch_equal_a_full_recount(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    """Ingest grows each cluster by what new articles add (an outlet, a wording, an earlier
    first appearance) without counting its members again: copies of real articles under
    other outlets and dates, stored in batches, give the clusters a full recount gives."""
    path = tmp_path / "archive.db"
    copies = pair_copies(saidwhat_nlp)
    with Archive.open(path) as archive:
        for start in range(0, len(copies), 6):  # batches that split the copies
            store_articles(archive.conn, copies[start : start + 6])
        grown = archive.conn.execute("SELECT * FROM quote_clusters ORDER BY id").fetchall()
        kept = person_clusters(archive.conn)
        assert len(kept) >= 2 and max(r[2] for r in kept) >= 5
        # each wording's trigrams are kept once, by its first copy; the other copies keep
        # only the fingerprint of all their words
        holders = archive.conn.execute(
            "SELECT q.cluster_id, count(*) FROM quotes q WHERE q.cluster_id NOT NULL AND"
            " (SELECT count(*) FROM quote_shingles s WHERE s.quote_id = q.id) > 1 GROUP BY 1"
        ).fetchall()
        assert dict(holders) == {r["id"]: r["variants"] for r in grown}
        carried = "SELECT cluster_id, outlet FROM cluster_outlets ORDER BY 1, 2"
        outlets = archive.conn.execute(carried).fetchall()
        clusters.refresh(archive.conn, [r["id"] for r in grown])
        recounted = archive.conn.execute("SELECT * FROM quote_clusters ORDER BY id").fetchall()
        assert archive.conn.execute(carried).fetchall() == outlets
        count_person_clusters(archive.conn)  # the triggers' counts equal a recount's
        assert person_clusters(archive.conn) == kept
    assert [tuple(r) for r in grown] == [tuple(r) for r in recounted]
    assert max(r["outlets"] for r in grown) == 3 and max(r["occurrences"] for r in grown) >= 10
    assert {r["first_published"] for r in grown} == {"2018-07-01"}


def test_each_persons_clusters_stay_exact_through_replace_delete_and_regroup(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    """The clusters a person's page lists come from person_clusters, which the archive's
    triggers keep as quotes, speakers and people come and go: after each step it equals a
    recount from the quotes, and the page lists what the quotes give."""
    copies = pair_copies(saidwhat_nlp)

    def exact(conn: sqlite3.Connection) -> list[tuple]:
        kept = person_clusters(conn)
        count_person_clusters(conn)
        assert person_clusters(conn) == kept
        for (person,) in conn.execute("SELECT DISTINCT person_id FROM person_clusters"):
            listed = [c["id"] for c in search.speaker(conn, person)["clusters"]]
            assert listed == [r[0] for r in conn.execute(
                "SELECT DISTINCT q.cluster_id FROM quotes q JOIN speakers s"
                " ON s.id = q.speaker_id WHERE s.person_id = ? AND q.cluster_id NOT NULL"
                " ORDER BY 1", (person,))]  # fmt: skip
        return sorted(  # by name: a regroup may number the people otherwise
            (r[0], r[1], cluster, quotes)
            for person, cluster, quotes in kept
            for r in conn.execute("SELECT name, kind FROM people WHERE id = ?", (person,))
        )

    with Archive.open(tmp_path / "archive.db") as archive:
        conn = archive.conn
        for start in range(0, len(copies), 7):
            store_articles(conn, copies[start : start + 7])
        full = exact(conn)
        assert len({r[0] for r in full}) >= 2 and max(r[3] for r in full) >= 5
        key, article = copies[1]  # replaced by a version under another outlet
        store_articles(conn, [(key, replace(article, meta={"outlet": "Times"}))])
        assert exact(conn) == full
        for key, _ in copies[::3]:  # a third of the copies deleted
            assert archive.delete(key)
        fewer = exact(conn)
        assert sum(r[3] for r in fewer) < sum(r[3] for r in full)
        regroup_people(conn)  # every speaker's person set again
        assert exact(conn) == fewer
        store_articles(conn, copies[::3])  # and stored again
        assert exact(conn) == full
        clusters.refresh(conn, [r[0] for r in conn.execute("SELECT id FROM quote_clusters")])
        assert exact(conn) == full
        conn.execute("DELETE FROM quote_clusters WHERE id = (SELECT min(cluster_id) FROM quotes)")
        assert len(exact(conn)) < len(full)
        # a quote stored with its speaker linked already, and one moved to another speaker
        (quote, speaker) = conn.execute(
            "SELECT id, speaker_id FROM quotes WHERE cluster_id NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
        (other,) = conn.execute(
            "SELECT s.id FROM speakers s JOIN speakers t ON t.id = ? WHERE s.person_id NOT NULL"
            " AND s.person_id != t.person_id ORDER BY s.id LIMIT 1",
            (speaker,),
        ).fetchone()
        before = exact(conn)
        conn.execute(
            "INSERT INTO quotes (article_id, position, speaker_id, type, confidence, cue, source,"
            " text, context, char_start, char_end, cluster_id, cue_kind) SELECT article_id, 999,"
            " ?, type, confidence, cue, source, text, context, char_start, char_end, cluster_id,"
            " cue_kind FROM quotes WHERE id = ?",
            (other, quote),
        )
        assert sum(r[3] for r in exact(conn)) == sum(r[3] for r in before) + 1
        conn.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", (other, quote))
        assert exact(conn) != before
        # a speaker deleted on its own: its quotes are no one's
        conn.execute("DELETE FROM speakers WHERE id = ?", (other,))
        assert sum(r[3] for r in exact(conn)) < sum(r[3] for r in before)
