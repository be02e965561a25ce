"""The text knowledge defined once: honorifics, parties and the data files behind them, as
speakers, evaluate and archive/people read them."""

from __future__ import annotations

import pytest

from saidwhat.archive.people import parties, words
from saidwhat.attribution import CUE_LEMMAS, QUOTE_ONLY_LEMMAS
from saidwhat.evaluate import normalise_name
from saidwhat.lexicon import (
    _CUE_LEXICON,
    CUE_KINDS,
    HONORIFICS,
    PARTIES,
    PARTY_OF_TAG,
    PERSON_NOUNS,
    TITLE_WORDS,
    cue_kind,
    parties_in,
)


def test_the_party_table_maps_d_once_one_way() -> None:
    democratic = {
        party
        for spelling, party in PARTIES.items()
        if spelling.startswith("democrat") and "unionist" not in spelling  # the DUP's
    }
    assert democratic == {PARTY_OF_TAG["D"]} == {"Democratic"}
    assert parties(["(D-Va.)"]) == parties(["Democrat"]) == parties(["Democratic"])


def test_longest_party_spelling_wins() -> None:
    assert parties_in("the welsh liberal democrat leader".split()) == {"Liberal Democrat"}
    assert parties_in("a democrat and a tory".split()) == {"Democratic", "Conservative"}
    assert parties(["Sinn Féin"]) == {"Sinn Féin"}
    assert parties_in("the democratic unionist leader".split()) == {"DUP"}


@pytest.mark.parametrize("honorific", sorted(HONORIFICS))
def test_evaluate_and_archive_drop_the_same_honorifics(honorific: str) -> None:
    name = f"{honorific.title()}. Ada Okafor"
    assert normalise_name(name) == words(name) == ["ada", "okafor"]


def test_data_files_are_read_whole() -> None:
    assert {"spokeswoman", "year-old", "secretary-general"} <= PERSON_NOUNS
    assert {"councillor", "sen", "shadow"} <= TITLE_WORDS
    assert not any(w.startswith("#") or w != w.strip() for w in PERSON_NOUNS | TITLE_WORDS)


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", "speech"), ("says", "speech"), ("told reporters", "speech"),
        ("has also said", "speech"), ("according to", "speech"), ("pointed out", "speech"),
        ("went on", "speech"), ("denied", "speech"), (":", "speech"), (None, "speech"),
        ("wrote", "writing"), ("tweeted", "writing"), ("said in a statement", "writing"),
        ("believes", "thought"), ("is expected", "thought"), ("worried about", "thought"),
        # acts and plans the model keeps as cues: no speech, no writing
        ("issued", "other"), ("is discussing", "other"), ("has yet to name", "other"),
        ("declined to comment", "other"), ("showed", "other"),
    ],
)  # fmt: skip
def test_a_cue_says_what_kind_of_attribution_it_makes(cue: str | None, kind: str) -> None:
    assert cue_kind(cue) == kind


def test_the_cue_lexicon_holds_every_rule_cue() -> None:
    # every verb the rules take as a cue has a kind of its own, none by default
    listed = {words[0] for words in _CUE_LEXICON if len(words) == 1}
    assert listed >= CUE_LEMMAS | QUOTE_ONLY_LEMMAS
    assert set(_CUE_LEXICON.values()) == set(CUE_KINDS)
