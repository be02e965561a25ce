"""Cross-article people: full-name variants join but nested names do not, a bare surname
joins the one full name that fits it (its article's, its title's, or the archive's only
one, in either order), a differing party or gender keeps two records apart, and speakers
undecided between records share one."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.test_archive_store import HAND_WRITTEN, extractor

from saidwhat.archive import Archive, keyed_inputs
from saidwhat.archive.people import is_name, parties, same_person_name
from saidwhat.article import Article, Quote, Span, Speaker
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
    archive.store(article("e", "Obama said little.", ("Obama", "person", "male", [])))
    archive.store(article("f", "Obama said less.", ("Obama", "person", None, [])))
    assert person_of(archive, "c") == person_of(archive, "a")
    assert person_of(archive, "d") == person_of(archive, "f")  # one bare-name record
    assert person_of(archive, "d") not in {person_of(archive, k) for k in "abc"}
    assert person_of(archive, "e") == person_of(archive, "a")  # "he": Michelle does not fit


def test_two_john_smiths_stay_two(archive: Archive) -> None:
    labour = ("John Smith", "person", "male", ["Labour"])
    archive.store(article("a", "John Smith said the union would strike.", labour))
    archive.store(
        article("b", "John Smith said taxes must fall.", ("John Smith", "person", None, ["Tory"]))
    )
    archive.store(article("c", "John Smith said the ballot was fair.", labour))
    archive.store(
        article("d", "John Smith said it rained.", ("John Smith", "person", None, []))
    )  # two fit equally: a record of its own
    archive.store(
        article("e", "Alex Morgan said she agreed.", ("Alex Morgan", "person", "female", []))
    )
    archive.store(
        article("f", "Alex Morgan said he disagreed.", ("Alex Morgan", "person", "male", []))
    )
    a, b, c, d = (person_of(archive, k) for k in "abcd")
    assert a == c and len({a, b, d}) == 3
    assert person_of(archive, "e") != person_of(archive, "f")
    labour_smith = archive.speaker(a)
    assert labour_smith is not None and labour_smith["articles"] == 2
    assert len(labour_smith["others"]) == 2  # the other John Smiths, named, not merged


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
        assert "Labour" in [a["affiliation"] for a in found["affiliations"]]
        assert len(archive.find_people("John Smith")) == 2  # Conservative and Labour


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
    # nor one whose party differs from the only full name's
    hillary = ("Hillary Clinton", "person", "female", ["Democratic"])
    archive.store(article("f", "Hillary Clinton said she would run.", hillary))
    republican = ("Clinton", "person", None, ["Republican"])
    archive.store(article("g", "Clinton said the bill must pass.", republican))
    assert person_of(archive, "g") != person_of(archive, "f")


def test_undecided_speakers_of_a_name_share_one_record(archive: Archive) -> None:
    """Once two records fit a name (an extractor's female "Bill Clinton" beside the male
    one), a speaker that fits both gets one record, which the next such speakers join: not
    a record each, which made every later speaker of the name fit several records too."""
    male, female, unknown = (("Bill Clinton", "person", g, []) for g in ("male", "female", None))
    archive.store(article("a", "Bill Clinton said he had retired.", male))
    archive.store(article("b", "Bill Clinton said she would run.", female))
    for key in "cde":
        archive.store(article(key, f"Bill Clinton said the {key} vote was close.", unknown))
    archive.store(article("f", "Bill Clinton said he was proud.", male))
    a, b, c, d, e, f = (person_of(archive, k) for k in "abcdef")
    assert len({a, b, c}) == 3 and c == d == e
    assert f == a  # agreeing on gender beats fitting without one
    assert len(archive.find_people("Bill Clinton")) == 3


def test_obama_is_one_person_across_real_polnear_articles(
    tmp_path: Path, saidwhat_nlp: Language
) -> None:
    """A bare "Obama" quoted before any article names Barack Obama in full joins him once
    he comes; Bill Clinton in two articles is one person."""
    dev = need(POLNEAR / "dev" / "text")
    names = [
        "nyt_2016-09-19_obama-sees-personal-insult-if-bl",  # "Mr. Obama" only
        "west-journal_2016-09-12_obama-seeks-more-muslim-refugees",  # "Barack Obama"
        "breitbart_2016-10-04_bill-clinton-calls-obamacare-cra",
        "politico_2016-09-12_former-dnc-chairman-calls-for-cl",
    ]
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest(keyed_inputs([dev / f"{n}.txt" for n in names]), extractor(saidwhat_nlp))
        obama = [p for p in archive.find_people("Obama") if p["kind"] == "person"]
        assert [(p["name"], p["articles"]) for p in obama] == [("Barack Obama", 2)]
        bill = archive.find_people("Bill Clinton")
        assert [(p["name"], p["articles"]) for p in bill] == [("Bill Clinton", 2)]
