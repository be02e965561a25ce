"""The text knowledge defined once: honorifics, parties and the data files behind them, as
speakers, evaluate and archive/people read them."""

from __future__ import annotations

import pytest

from saidwhat.archive.people import parties, words
from saidwhat.evaluate import normalise_name
from saidwhat.lexicon import (
    HONORIFICS,
    PARTIES,
    PARTY_OF_TAG,
    PERSON_NOUNS,
    TITLE_WORDS,
    parties_in,
)


def test_the_party_table_maps_d_once_one_way() -> None:
    democratic = {party for spelling, party in PARTIES.items() if spelling.startswith("democrat")}
    assert democratic == {PARTY_OF_TAG["D"]} == {"Democratic"}
    assert parties(["(D-Va.)"]) == parties(["Democrat"]) == parties(["Democratic"])


def test_longest_party_spelling_wins() -> None:
    assert parties_in("the welsh liberal democrat leader".split()) == {"Liberal Democrat"}
    assert parties_in("a democrat and a tory".split()) == {"Democratic", "Conservative"}
    assert parties(["Sinn Féin"]) == {"Sinn Féin"}


@pytest.mark.parametrize("honorific", sorted(HONORIFICS))
def test_evaluate_and_archive_drop_the_same_honorifics(honorific: str) -> None:
    name = f"{honorific.title()}. Ada Okafor"
    assert normalise_name(name) == words(name) == ["ada", "okafor"]


def test_data_files_are_read_whole() -> None:
    assert {"spokeswoman", "year-old", "secretary-general"} <= PERSON_NOUNS
    assert {"councillor", "sen", "shadow"} <= TITLE_WORDS
    assert not any(w.startswith("#") or w != w.strip() for w in PERSON_NOUNS | TITLE_WORDS)
