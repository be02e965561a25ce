"""Cross-article people: full-name variants join but nested names do not, a bare surname
joins the one full name that fits it (its article's, its title's, or the archive's only
one, in either order), a differing party or gender keeps two records apart, and speakers
undecided between records share one."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.test_archive_store import HAND_WRITTEN, TO_SCHEMA_2, extractor

from saidwhat.archive import Archive, keyed_inputs
from saidwhat.archive.people import is_name, is_title, parties, same_person_name
from saidwhat.archive.store import (
    SCHEMA_VERSION,
    article_key,
    count_person_clusters,
    store_articles,
)
from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.cli import main
from saidwhat.pipeline import extract_articles
from saidwhat.reading import read_inputs


def test_name_rules() -> None:
    assert same_person_name("Hillary Clinton", "Hillary Rodham Clinton")
    assert same_person_name("Hillary R. Clinton", "Hillary Rodham Clinton")
    assert same_person_name("Donald J. Trump", "Donald Trump")
    assert not same_person_name("Ann Smith", "Mary Ann Smith")  # one ending the other: no
    assert not same_person_name("Crooked Hillary Clinton", "Hillary Clinton")
    assert same_person_name("Mary Smith", "Mary Ann Smith")
    assert same_person_name("Mr. José García", "Jose Garcia")
    assert not same_person_name("Bill Clinton", "Hillary Clinton")
    assert not same_person_name("Hillary Rodham Clinton", "Hillary Diane Clinton")
    assert not same_person_name("John Smith Jr.", "John Smith Sr.")
    assert not same_person_name("Clinton", "Hillary Clinton")  # a bare name is never enough
    assert parties(["Labour"]) == {"Labour"} and parties(["R-Utah"]) == {"Republican"}
    assert parties(["the Tory party"]) == {"Conservative"} and parties(["BBC"]) == set()
    assert parties(["Lib Dem"]) == {"Liberal Democrat"}
    assert is_name("Mrs Clinton") and is_name("Hillary Clinton")
    assert is_name("Ludwig van Beethoven") and is_name("Department of Health")
    assert not is_name("she") and not is_name("the former secretary") and not is_name("The")
    assert not is_name("Sanders's campaign manager")
    assert is_title("Shadow Health Secretary") and is_title("Sen.") and is_title("CEO")
    for junk in ("10:10 a.m.", "Fla.", "Donald Trump’s son", "WASHINGTON —", "former\naide"):
        assert not is_title(junk), junk


def article(key: str, text: str, *speakers: tuple[str, str, str | None, list[str]]) -> Article:
    """An extracted article by hand: each speaker (name, kind, gender, affiliations) says
    the sentence after its first mention (the name as printed in `text`)."""
    found = Article(id=key, text=text)
    for n, (name, kind, gender, affiliations) in enumerate(speakers, 1):
        start = text.index(name)
        mention = Span.of(text, start, start + len(name))
        cue = text.index("said", start)
        content_start = cue + len("said ")
        content_end = text.index(".", content_start)
        found.speakers.append(
            Speaker(
                f"s{n}", name, kind, affiliations=affiliations, mentions=[mention], gender=gender
            )
        )
        found.quotes.append(
            Quote(
                Span.of(text, cue, cue + 4),
                [mention],
                [Span.of(text, content_start, content_end)],
                speaker_id=f"s{n}",
            )
        )
    return found


def person_of(archive: Archive, key: str, local: str = "s1") -> int | None:
    return archive.conn.execute(
        "SELECT s.person_id FROM speakers s JOIN articles a ON a.id = s.article_id"
        " WHERE a.key = ? AND s.local_id = ?",
        (key, local),
    ).fetchone()[0]


@pytest.fixture
def archive(tmp_path: Path):
    with Archive.open(tmp_path / "archive.db") as opened:
        yield opened


def test_full_name_variants_and_bare_surnames(archive: Archive) -> None:
    hillary_clinton = ("Hillary Clinton", "person", "female", [])
    archive.store(article("a", "Hillary Clinton said the plan was sound.", hillary_clinton))
    rodham = ("Hillary Rodham Clinton", "person", None, [])
    archive.store(article("b", "Hillary Rodham Clinton said she would run.", rodham))
    hillary = person_of(archive, "a")
    assert person_of(archive, "b") == hillary
    # a bare surname joins when this article prints her full name ...
    text = "Hillary Clinton spoke in Ohio. Clinton said the vote mattered."
    archive.store(article("c", text, ("Clinton", "person", "female", [])))
    assert person_of(archive, "c") == hillary
    # ... but not when it prints two archived Clintons, nor when it names nobody in full
    archive.store(
        article("d", "Bill Clinton said he had retired.", ("Bill Clinton", "person", "male", []))
    )  # fmt: skip
    text = "Bill Clinton and Hillary Clinton arrived. Clinton said the crowd was large."
    archive.store(article("e", text, ("Clinton", "person", None, [])))
    archive.store(article("f", "Clinton said nothing more.", ("Clinton", "person", None, [])))
    assert person_of(archive, "e") not in {hillary, person_of(archive, "d")}
    assert person_of(archive, "f") == person_of(archive, "e")  # the bare name's own record
    found = archive.speaker(hillary)
    assert found is not None and found["articles"] == 3 and found["gender"] == "female"
    assert {"Hillary Clinton", "Hillary Rodham Clinton", "Clinton"} <= {
        a["alias"] for a in found["aliases"]
    }


def test_a_bare_surname_with_the_title_of_one_person(archive: Archive) -> None:
    barack = article(
        "a", "Barack Obama said the deal was done.", ("Barack Obama", "person", "male", [])
    )
    barack.speakers[0].titles = ["President"]
    archive.store(barack)
    michelle = ("Michelle Obama", "person", "female", [])
    archive.store(article("b", "Michelle Obama said the garden was open.", michelle))
    president = article(
        "c", "President Obama said taxes would rise.", ("Obama", "person", None, [])
    )
    president.speakers[0].titles = ["President"]
    archive.store(president)
    archive.store(article("d", "Obama said nothing.", ("Obama", "person", None, [])))
    archive.store(article("e", "Mr Obama said little.", ("Mr Obama", "person", "male", [])))
    archive.store(article("f", "Obama said less.", ("Obama", "person", None, [])))
    assert person_of(archive, "c") == person_of(archive, "a")
    assert person_of(archive, "d") == person_of(archive, "f")  # one bare-name record
    assert person_of(archive, "d") not in {person_of(archive, k) for k in "abc"}
    assert person_of(archive, "e") == person_of(archive, "a")  # "Mr": Michelle does not fit


def test_one_full_name_is_one_person_whatever_the_party_or_gender_guessed(
    archive: Archive,
) -> None:
    """A party or gender guessed from context is noise, not evidence of a second person;
    two full names that conflict (middle names) are, and a name fitting both joins the one
    named most. The shown party is the best supported one; a rival only where one article
    states both."""
    labour = ("John Smith", "person", "male", ["Labour"])
    archive.store(article("a", "John Smith said the union would strike.", labour))
    tory = ("John Smith", "person", None, ["Tory"])
    archive.store(article("b", "John Smith said taxes must fall.", tory))
    archive.store(article("c", "John Smith said the ballot was fair.", labour))
    archive.store(
        article("d", "Alex Morgan said she agreed.", ("Alex Morgan", "person", "female", []))
    )
    archive.store(
        article("e", "Alex Morgan said he disagreed.", ("Alex Morgan", "person", "male", []))
    )
    assert person_of(archive, "a") == person_of(archive, "b") == person_of(archive, "c")
    assert person_of(archive, "d") == person_of(archive, "e")
    smith = archive.speaker("John Smith")
    assert smith is not None and smith["articles"] == 3
    assert [(p["party"], p["count"]) for p in smith["parties"]] == [("Labour", 2)]
    both = ("John Smith", "person", "male", ["Labour", "Conservative"])
    archive.store(article("f", "John Smith said both parties had failed.", both))
    smith = archive.speaker("John Smith")
    assert smith is not None
    assert [(p["party"], p["count"]) for p in smith["parties"]] == [
        ("Labour", 3),
        ("Conservative", 2),
    ]
    archive.store(
        article("g", "John A. Smith said it rained.", ("John A. Smith", "person", None, []))
    )
    archive.store(
        article("h", "John B. Smith said it snowed.", ("John B. Smith", "person", None, []))
    )
    archive.store(
        article("i", "John B. Smith said it froze.", ("John B. Smith", "person", None, []))
    )
    assert len({person_of(archive, k) for k in "gh"}) == 2
    assert person_of(archive, "h") == person_of(archive, "i")
    # "John Smith" fits both: joins the one named most (John B., 2 speakers)
    assert person_of(archive, "a") == person_of(archive, "h")
    smith = archive.speaker(person_of(archive, "g"))
    assert smith is not None
    apart = [r for r in smith["reasons"] if r["decision"] == "apart"]
    assert apart and apart[0]["other_id"] == person_of(archive, "h")
    assert "different middle names" in apart[0]["reason"]
    # a son's "Jr." is a different full name: the father's names do not take it
    senior = ("Donald J. Trump", "person", "male", [])
    archive.store(article("j", "Donald J. Trump said the wall would rise.", senior))
    archive.store(article("k", "Donald J. Trump said the polls were wrong.", senior))
    junior = ("Donald Trump Jr.", "person", "male", [])
    archive.store(article("l", "Donald Trump Jr. said his father would win.", junior))
    archive.store(article("m", "Donald Trump said it.", ("Donald Trump", "person", None, [])))
    assert person_of(archive, "j") == person_of(archive, "m") != person_of(archive, "l")


def test_organisations_join_and_groups_get_no_record(archive: Archive) -> None:
    text = "The Department of Health said funding had risen."
    archive.store(article("a", text, ("Department of Health", "organisation", None, [])))
    text = "A statement from the department of health said beds were open."
    archive.store(article("b", text, ("department of health", "organisation", None, [])))
    archive.store(
        article("c", "Officials said the roads were shut.", ("Officials", "group", None, []))
    )
    assert person_of(archive, "a") == person_of(archive, "b") is not None
    assert person_of(archive, "c") is None
    assert archive.counts()["people"] == 1


def test_people_across_real_extracted_articles(tmp_path: Path, saidwhat_nlp: Language) -> None:
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest(read_inputs([HAND_WRITTEN]), extractor(saidwhat_nlp))
        ashworth = archive.find_people("Jonathan Ashworth")
        assert len(ashworth) == 1 and ashworth[0]["articles"] == 3
        found = archive.speaker("Mr Ashworth")  # any alias finds him
        assert found is not None and found["name"] == "Jonathan Ashworth"
        assert {"Jonathan Ashworth", "Mr Ashworth", "Ashworth"} <= {
            a["alias"] for a in found["aliases"]
        }
        assert "Shadow Health Secretary" in [t["title"] for t in found["titles"]]
        assert [p["party"] for p in found["parties"]] == ["Labour"]
        # one full name, one person: a Conservative councillor in one article, the Labour MP
        # in another, each party stated once and never together, so neither is shown over
        # the other's article but both are kept as counted evidence
        smith = archive.speaker("John Smith")
        assert smith is not None and smith["articles"] == 2
        assert len(archive.find_people("John Smith")) == 1


def test_a_full_name_never_joins_another_full_name_that_ends_with_it(archive: Archive) -> None:
    mary_ann = ("Mary Ann Smith", "person", "female", [])
    archive.store(article("a", "Mary Ann Smith said the bakery would close.", mary_ann))
    ann = ("Ann Smith", "person", "female", [])
    archive.store(article("b", "Ann Smith said the bakery would stay open.", ann))
    assert person_of(archive, "a") != person_of(archive, "b")
    assert [p["name"] for p in archive.find_people("Ann Smith")] == ["Ann Smith"]
    # a bare surname still joins the one full name its article prints ("Ann Smith" inside
    # "Mary Ann Smith" is not a second one)
    text = "Mary Ann Smith owns the bakery. Smith said the ovens were thirty years old."
    archive.store(article("c", text, ("Smith", "person", "female", [])))
    assert person_of(archive, "c") == person_of(archive, "a")
    # a word the article gave as the speaker's title is not a first name
    hillary = ("Hillary Clinton", "person", "female", [])
    archive.store(article("d", "Hillary Clinton said the vote mattered.", hillary))
    text = "Rival Hillary Clinton said the plan was reckless."
    rival = article("e", text, ("Rival Hillary Clinton", "person", None, []))
    rival.speakers[0].titles = ["Rival"]
    archive.store(rival)
    assert person_of(archive, "e") == person_of(archive, "d")
    # nor is one the article leaves out where it names the speaker again
    text = "Crooked Hillary Clinton said the rally was over. Hillary Clinton left at noon."
    crooked = article("f", text, ("Crooked Hillary Clinton", "person", "female", []))
    start = text.index("Hillary Clinton left")
    crooked.speakers[0].mentions.append(Span.of(text, start, start + len("Hillary Clinton")))
    archive.store(crooked)
    assert person_of(archive, "f") == person_of(archive, "d")


def test_a_bare_surname_joins_the_one_full_name_person_with_it_in_either_order(
    archive: Archive,
) -> None:
    archive.store(article("a", "Obama said the talks had failed.", ("Obama", "person", None, [])))
    barack = ("Barack Obama", "person", "male", [])
    archive.store(article("b", "Barack Obama said the deal was done.", barack))
    assert person_of(archive, "a") == person_of(archive, "b")  # the bare record joined him
    archive.store(article("c", "Obama said the vote was close.", ("Obama", "person", None, [])))
    assert person_of(archive, "c") == person_of(archive, "b")
    found = archive.speaker(person_of(archive, "b"))
    assert found is not None and found["name"] == "Barack Obama" and found["articles"] == 3
    assert [p["name"] for p in archive.find_people("Obama")] == ["Barack Obama"]
    # two full-name Obamas: a bare "Obama" no gender tells apart joins neither
    michelle = ("Michelle Obama", "person", "female", [])
    archive.store(article("d", "Michelle Obama said the garden was open.", michelle))
    archive.store(article("e", "Obama said nothing.", ("Obama", "person", None, [])))
    assert person_of(archive, "e") not in {person_of(archive, "b"), person_of(archive, "d")}
    # nor one whose honorific says another gender than the only full name's; a party, or a
    # gender from a pronoun, does not count
    hillary = ("Hillary Clinton", "person", "female", ["Democratic"])
    archive.store(article("f", "Hillary Clinton said she would run.", hillary))
    archive.store(article("g", "Mr Clinton said he must go.", ("Mr Clinton", "person", "male", [])))
    assert person_of(archive, "g") != person_of(archive, "f")
    republican = ("Clinton", "person", None, ["Republican"])
    archive.store(article("h", "Clinton said the bill must pass.", republican))
    assert person_of(archive, "h") == person_of(archive, "f")
    found = archive.speaker(person_of(archive, "h"))
    assert found is not None
    assert any(
        "honorific fits" in r["reason"] for r in found["reasons"] if r["decision"] == "joined"
    )


def quoted(key: str, name: str, kind: str, words: str, outlet: str = "Herald") -> Article:
    """An article by hand in which one speaker says `words` between quotation marks."""
    found = article(key, f'{name} said "{words}".', (name, kind, None, []))
    found.quotes[0].type = "direct"
    found.meta = {"outlet": outlet}
    return found


def clusters_and_triggers(conn: sqlite3.Connection) -> tuple[list[tuple], list[str]]:
    """person_clusters as the archive keeps it (asserted equal to a recount from the
    quotes), and the archive's triggers."""
    kept = conn.execute("SELECT * FROM person_clusters ORDER BY 1, 2").fetchall()
    conn.execute("SAVEPOINT recount")
    count_person_clusters(conn)
    assert conn.execute("SELECT * FROM person_clusters ORDER BY 1, 2").fetchall() == kept
    conn.execute("ROLLBACK TO recount")
    conn.execute("RELEASE recount")
    names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    return [tuple(r) for r in kept], [r[0] for r in names]


def test_a_batch_counts_each_persons_quote_clusters_as_a_recount_does(archive: Archive) -> None:
    """A batch counts its quotes into person_clusters once for all its articles, its
    triggers off meanwhile: equal to a recount when its articles replace others, when a
    regroup moves speakers stored before to another person, when an organisation's quote
    starts a cluster that a later article of the batch joins; the triggers are there after
    it, and after a batch that fails."""
    plan = "the harbour plan will cost far more than anyone has admitted"
    ferry = "the ferry timetable was cut without a single word of warning"
    conn = archive.conn
    _, triggers = clusters_and_triggers(conn)
    assert {"person_clusters_quote_insert", "person_clusters_speaker_update"} <= set(triggers)
    first = [
        quoted("a", "Anna Smith", "person", plan),
        quoted("b", "Smith", "person", plan, "Gazette"),  # the only full-name Smith's
        quoted("c", "Smith", "person", plan, "Post"),
        quoted("d", "Harbour Trust", "organisation", plan),
    ]
    store_articles(conn, [(a.id, a) for a in first])
    kept, _ = clusters_and_triggers(conn)
    anna = person_of(archive, "a")
    assert person_of(archive, "b") == person_of(archive, "c") == anna
    assert (anna, 1, 3) in kept
    second = [
        quoted("e", "John Smith", "person", plan, "Times"),  # a second Smith: "Smith" is apart
        quoted("b", "Smith", "person", plan, "Courier"),  # replaced
        quoted("d", "Harbour Trust", "organisation", plan, "Times"),  # replaced
        quoted("f", "Harbour Trust", "organisation", ferry),  # its quote starts a cluster
        quoted("g", "Anna Smith", "person", ferry, "Post"),  # that this one joins
    ]
    outcomes = store_articles(conn, [(a.id, a) for a in second])
    assert outcomes == ["added", "replaced", "replaced", "added", "added"]
    kept, after = clusters_and_triggers(conn)
    assert after == triggers
    assert person_of(archive, "c") not in {anna, None}  # stored before, moved by the regroup
    assert person_of(archive, "b") == person_of(archive, "c")
    assert len({c for _, c, _ in kept}) == 2 and len({p for p, _, _ in kept}) == 4
    # a batch that fails halfway leaves the counts and the triggers as they were
    twice = quoted("twice", "Smith", "person", ferry)
    twice.speakers *= 2  # one speaker id twice in an article
    with pytest.raises(sqlite3.IntegrityError):
        store_articles(conn, [("h", quoted("h", "Smith", "person", ferry)), ("twice", twice)])
    assert clusters_and_triggers(conn) == (kept, triggers)


def test_a_name_is_one_person_whatever_the_gender_guessed(archive: Archive) -> None:
    """An extractor's female "Bill Clinton" beside the male one is one person, of the gender
    most of its articles give."""
    male, female, unknown = (("Bill Clinton", "person", g, []) for g in ("male", "female", None))
    archive.store(article("a", "Bill Clinton said he had retired.", male))
    archive.store(article("b", "Bill Clinton said she would run.", female))
    archive.store(article("c", "Bill Clinton said the vote was close.", unknown))
    archive.store(article("d", "Bill Clinton said he was proud.", male))
    assert len({person_of(archive, k) for k in "abcd"}) == 1
    found = archive.find_people("Bill Clinton")
    assert [(p["gender"], p["articles"]) for p in found] == [("male", 4)]


def test_obama_is_one_person_across_real_polnear_articles(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    """A bare "Obama" quoted before any article names Barack Obama in full joins him once
    he comes; Bill Clinton in two articles is one person."""
    dev, train = need(POLNEAR / "dev" / "text"), need(POLNEAR / "train" / "text")
    paths = [
        dev / "nyt_2016-09-19_obama-sees-personal-insult-if-bl.txt",  # "Mr. Obama" only
        dev / "west-journal_2016-09-12_obama-seeks-more-muslim-refugees.txt",  # "Barack Obama"
        dev / "breitbart_2016-10-04_bill-clinton-calls-obamacare-cra.txt",
        train / "breitbart_2016-04-12_bill-clinton-hillary-better-qual.txt",
    ]
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest(keyed_inputs(paths), extractor(saidwhat_nlp))
        obama = [p for p in archive.find_people("Obama") if p["kind"] == "person"]
        assert [(p["name"], p["articles"]) for p in obama] == [("Barack Obama", 2)]
        bill = archive.find_people("Bill Clinton")
        assert [(p["name"], p["articles"]) for p in bill] == [("Bill Clinton", 2)]


def people_of(db: Path) -> set[tuple]:
    """Each person of an archive file as what it holds: kind, name, gender, counts, aliases
    (with how many speakers used each) and attributes (with how many articles state each)."""
    conn = sqlite3.connect(db)
    found = set()
    for person, *row in conn.execute(
        "SELECT id, kind, name, gender, quotes, articles, first_seen, last_seen FROM people"
    ):
        aliases = conn.execute(
            "SELECT alias, speakers FROM aliases WHERE person_id = ? ORDER BY alias", (person,)
        ).fetchall()
        held = conn.execute(
            "SELECT kind, value, articles FROM person_attributes WHERE person_id = ?"
            " ORDER BY kind, value",
            (person,),
        ).fetchall()
        found.add((*row, tuple(aliases), tuple(held)))
    conn.close()
    return found


@pytest.fixture(scope="module")
def campaign(saidwhat_nlp: Language) -> list[Article]:
    """Real PolNeAR articles on the 2016 campaign, extracted once: Trump, Clinton and Obama
    under full names, bare surnames and titles, across articles."""
    dev = need(POLNEAR / "dev" / "text")
    files = sorted(f for f in dev.glob("*.txt") if any(n in f.name for n in ("trump", "clinton")))
    return list(extract_articles(read_inputs(files[:16]), saidwhat_nlp))


def test_the_same_articles_in_another_order_give_the_same_people(
    tmp_path: Path, campaign: list[Article]
) -> None:
    for name, order in (("forward", campaign), ("backward", campaign[::-1])):
        with Archive.open(tmp_path / f"{name}.db") as archive:
            archive.ingest(order, iter)
    forward, backward = people_of(tmp_path / "forward.db"), people_of(tmp_path / "backward.db")
    assert forward == backward
    trump = [p for p in forward if p[0] == "person" and p[1] == "Donald Trump"]
    assert len(trump) == 1 and trump[0][4] >= 5  # one person, in many articles
    assert not [p for p in forward if p[0] == "person" and p[1] == "Trump"]


def reasons_of(db: Path) -> set[tuple]:
    """Why each person's speakers were joined or kept apart, by the people's names, and
    each attribute with the keys of the articles that state it and their dates."""
    conn = sqlite3.connect(db)
    try:
        keys = dict(conn.execute("SELECT id, key FROM articles").fetchall())
        reasons = set(
            conn.execute(
                "SELECT p.kind, p.name, r.decision, r.reason, o.name FROM person_reasons r"
                " JOIN people p ON p.id = r.person_id LEFT JOIN people o ON o.id = r.other_id"
            ).fetchall()
        )
        stated = {
            (kind, name, what, value, tuple(sorted(keys[i] for i in json.loads(ids))), *dates)
            for kind, name, what, value, ids, *dates in conn.execute(
                "SELECT p.kind, p.name, x.kind, x.value, x.article_ids, x.first_seen,"
                " x.last_seen FROM person_attributes x JOIN people p ON p.id = x.person_id"
            )
        }
        return reasons | stated
    finally:
        conn.close()


def test_a_full_regroup_gives_the_people_of_incremental_ingest_in_any_order(
    tmp_path: Path, campaign: list[Article]
) -> None:
    """Ingest links each new article only to the people its surnames can join; `saidwhat
    regroup` groups every quoted speaker again from scratch. Both give the same people
    (names, kinds, genders, counts, aliases, attributes) and reasons, whichever order the
    articles came in, one a transaction or all in one, and after some were deleted and
    stored again."""
    shuffled = random.Random(30).sample(campaign, len(campaign))
    found = {}
    for name in ("forward", "backward", "shuffled"):
        db = tmp_path / f"{name}.db"
        with Archive.open(db) as archive:
            if name == "forward":  # one article a transaction
                archive.ingest(campaign, iter)
            elif name == "backward":  # all in one transaction, the people settled once
                store_articles(archive.conn, [(article_key(a), a) for a in campaign[::-1]])
            else:  # the first half deleted and stored again after the rest
                archive.ingest(shuffled, iter)
                for article in shuffled[:8]:
                    assert archive.delete(article_key(article))
                archive.ingest(shuffled[:8], iter)
        incremental = (people_of(db), reasons_of(db))
        assert main(["regroup", "--db", str(db)]) == 0
        assert (people_of(db), reasons_of(db)) == incremental, name
        found[name] = incremental
    assert found["forward"] == found["backward"] == found["shuffled"]
    people, reasons = found["forward"]
    trump = [p for p in people if p[:2] == ("person", "Donald Trump")]
    assert len(trump) == 1 and trump[0][4] >= 5 and len(trump[0][7]) >= 2  # several aliases
    assert any(r[1] == "Donald Trump" and "the article names" in r[3] for r in reasons)


def test_an_archive_of_schema_2_gets_its_people_regrouped_when_written(
    tmp_path: Path, campaign: list[Article]
) -> None:
    """Schema 2 split people on a guessed party or gender; the upgrade links every quoted
    speaker again, so the people are those a new archive of the same articles holds."""
    with Archive.open(tmp_path / "new.db") as archive:
        archive.ingest(campaign, iter)
    with Archive.open(tmp_path / "old.db") as archive:
        archive.ingest(campaign, iter)
    conn = sqlite3.connect(tmp_path / "old.db")  # back to schema 2, every speaker its own person
    conn.executescript(
        TO_SCHEMA_2 + "DELETE FROM aliases; PRAGMA foreign_keys = OFF; DELETE FROM people;"
        " INSERT INTO people (id, name, kind) SELECT id, name, kind FROM speakers"
        " WHERE person_id NOT NULL; UPDATE speakers SET person_id = id WHERE person_id NOT NULL;"
    )
    conn.close()
    with Archive.open(tmp_path / "old.db", readonly=True) as archive:  # read as it is
        found = archive.speaker("Donald Trump")
        assert found is not None and found["reasons"] == [] and found["parties"] == []
    with Archive.open(tmp_path / "old.db") as archive:
        version = archive.conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == SCHEMA_VERSION
    assert people_of(tmp_path / "old.db") == people_of(tmp_path / "new.db")
