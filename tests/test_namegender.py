"""The first-name prior: clear, ambiguous and one-word names; only for people the article
leaves without a gender; `gender_basis` through to_dict and JSONL; `--gender-from article`
(`extract` and `ingest` in this process, and the component config) leaves it off."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from saidwhat.article import Article, Span, Speaker
from saidwhat.cli import main
from saidwhat.formats import to_jsonl_line
from saidwhat.namegender import fill_genders, load_given_names, load_prior, name_gender
from saidwhat.pipeline import SaidWhat, Settings, extract, load

# Own text: a woman the article names only by name, a man its honorific marks, and a person
# whose first name is given to women and men alike.
TEXT = (
    "Theresa Lopez, a teacher in Leeds, said the plan was two years late.\n\n"
    '"We waited and waited," Lopez said.\n\n'
    'Mr Brown said he disagreed. "It is fine," said Jean Marchetti, a parent.'
)


def test_clear_names_get_their_gender() -> None:
    assert name_gender("Theresa Lopez") == "female"
    assert name_gender("John Okafor") == "male"
    assert name_gender("José Mourinho") == "male"  # accents as the table spells them
    assert name_gender("Dr. Margaret Hale") == "female"  # an honorific is not the first name


@pytest.mark.parametrize(
    "name",
    [
        "Lee Anderson",  # ambiguous: p(female) 0.30
        "Jean Marchetti",  # 0.48
        "Kim Darroch",  # 0.67
        "Chris Grayling",  # 0.12: close, but not within 0.1
        "Smith",  # a bare surname: no first name
        "Mr Smith",  # an honorific and a surname
        "J. Smith",  # an initial
        "JK Rowling",  # initials, though the table has a "jk"
        "Zxqwv Brown",  # not in the table
        "aide to Mr Brown",  # a description: "Aide" is a first name, "aide" is none
        "Home Office source",  # a description's noun ends it: "Home" is no first name here
    ],
)
def test_the_prior_abstains(name: str) -> None:
    assert name_gender(name) is None


def test_fill_genders_only_fills_people_the_article_left_without_one() -> None:
    said = Speaker("s1", "Theresa Lopez", "person", gender="male", gender_basis="article")
    unsaid = Speaker("s2", "Theresa Lopez", "person")
    ambiguous = Speaker("s3", "Jean Marchetti", "person")
    group = Speaker("s4", "Theresa Lopez Ltd", "organisation")
    fill_genders([said, unsaid, ambiguous, group])
    assert (said.gender, said.gender_basis) == ("male", "article")  # the article wins
    assert (unsaid.gender, unsaid.gender_basis) == ("female", "name")
    assert (ambiguous.gender, ambiguous.gender_basis) == (None, None)
    assert (group.gender, group.gender_basis) == (None, None)


def test_gender_basis_in_to_dict_and_a_jsonl_round_trip() -> None:
    text = "Theresa Lopez said so."
    lopez = Speaker("s1", "Theresa Lopez", "person", mentions=[Span.of(text, 0, 13)])
    lopez.gender, lopez.gender_basis = "female", "name"
    article = Article("a", text, speakers=[lopez])
    data = json.loads(to_jsonl_line(article))
    assert data["speakers"][0]["gender"] == "female"
    assert data["speakers"][0]["gender_basis"] == "name"
    assert Article.from_dict(data, text).speakers == [lopez]
    assert Speaker.from_dict({"id": "s1", "name": "X"}, text).gender_basis is None  # older files


def genders(article: Article) -> dict[str, tuple[str | None, str | None]]:
    return {s.name: (s.gender, s.gender_basis) for s in article.speakers}


def test_the_pipeline_applies_the_prior_after_the_article(saidwhat_nlp: Language) -> None:
    found = genders(extract(TEXT, saidwhat_nlp))
    assert found["Theresa Lopez"] == ("female", "name")
    assert found["Brown"] == ("male", "article")
    assert found["Jean Marchetti"] == (None, None)


def test_gender_from_article_in_the_component_config_leaves_the_prior_off() -> None:
    nlp = load(Settings(gender_from="article"))
    assert nlp.get_pipe("saidwhat").settings.gender_from == "article"
    found = genders(extract(TEXT, nlp))
    assert found["Theresa Lopez"] == (None, None)
    assert found["Brown"] == ("male", "article")
    with pytest.raises(ValueError, match="gender_from"):
        SaidWhat(Settings(extractor="rules", gender_from="guess"))


def test_the_cli_gender_from_option(tmp_path: Path) -> None:
    source = tmp_path / "lopez.txt"
    source.write_text(TEXT, encoding="utf-8")
    runs = {}
    for option in ([], ["--gender-from", "article"]):
        out = tmp_path / f"out{len(option)}.jsonl"
        assert (
            main(["extract", str(source), "-f", "jsonl", "-o", str(out), "-w", "1", *option]) == 0
        )
        (line,) = out.read_text(encoding="utf-8").splitlines()
        runs[tuple(option)] = {s["name"]: s["gender_basis"] for s in json.loads(line)["speakers"]}
    assert runs[()]["Theresa Lopez"] == "name"
    assert runs[("--gender-from", "article")]["Theresa Lopez"] is None
    assert runs[()]["Brown"] == runs[("--gender-from", "article")]["Brown"] == "article"
    with pytest.raises(SystemExit):
        main(["extract", str(source), "--gender-from", "guess"])
    for option, expected in (
        ([], ("female", "name")),
        (["--gender-from", "article"], (None, None)),
    ):
        db = tmp_path / f"archive{len(option)}.db"
        assert main(["ingest", str(source), "--db", str(db), "-w", "1", *option]) == 0
        with sqlite3.connect(db) as conn:
            stored = conn.execute(
                "SELECT gender, gender_basis FROM speakers WHERE name = 'Theresa Lopez'"
            ).fetchone()
            person = conn.execute(
                "SELECT gender, gender_basis FROM people WHERE name = 'Theresa Lopez'"
            ).fetchone()
        assert stored == person == expected


def test_the_table_is_read_without_importing_the_packages_code() -> None:
    """nomquamgender's code imports Unidecode (GPL) and pandas; only its data file is used."""
    check = (
        "import sys; from saidwhat.namegender import name_gender;"
        " assert name_gender('Theresa Lopez') == 'female';"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('nomquamgender', 'unidecode', 'pandas')))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_names_kept_are_cached_and_a_broken_cache_is_rebuilt(tmp_path: Path) -> None:
    # A table in nomquamgender's layout: name -> [sources, records, p(female), ...].
    table = tmp_path / "name_data.json"
    rows = {"ada": [3, 500, 0.99], "jean": [3, 900, 0.48], "ivo": [2, 40, 0.02]}
    rows |= {"rare": [1, 3, 1.0], "mary ann": [2, 80, 1.0]}
    table.write_text(json.dumps(rows), encoding="utf-8")
    cache = tmp_path / "cache"
    expected = {"ada": "female", "ivo": "male"}
    assert load_prior(table, cache) == expected
    [cached] = cache.iterdir()
    assert json.loads(cached.read_text(encoding="utf-8")) == expected
    cached.write_text('{"ada": "fem', encoding="utf-8")  # cut short by a crash
    assert load_prior(table, cache) == expected
    assert json.loads(cached.read_text(encoding="utf-8")) == expected
    # A new table (another size) gets a cache of its own; an unwritable folder is no error.
    table.write_text(json.dumps({**rows, "ola": [2, 60, 0.95]}), encoding="utf-8")
    assert load_prior(table, cache) == {**expected, "ola": "female"}
    assert len(list(cache.iterdir())) == 2
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert load_prior(table, blocked / "cache") == {**expected, "ola": "female"}
    assert load_prior(table, None) == {**expected, "ola": "female"}


def test_first_names_of_either_gender_are_names_in_many_records(tmp_path: Path) -> None:
    """ "Jordan" is given to both; "Variety" is in a handful of records only, and the
    names kept are cached beside the prior, apart from it."""
    table = tmp_path / "name_data.json"
    rows = {"jordan": [31, 6000, 0.4], "variety": [1, 4, 1.0], "ada": [3, 500, 0.99]}
    rows |= {"mary ann": [9, 800, 1.0]}
    table.write_text(json.dumps(rows), encoding="utf-8")
    cache = tmp_path / "cache"
    assert load_given_names(table, cache) == ["jordan"]  # "ada": three sources only
    assert load_prior(table, cache) == {"ada": "female"}
    assert len(list(cache.iterdir())) == 2
    assert load_given_names(table, cache) == ["jordan"]
