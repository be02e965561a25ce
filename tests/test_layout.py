"""Layout attributions: transcript speaker lines, `Name:` headlines and dash signatures,
on hand-written articles, through the layout rules and through the shipped tagger."""

from __future__ import annotations

import pytest
from spacy.language import Language

from saidwhat.model import layout
from saidwhat.model.features import paragraphs
from saidwhat.model.tagger import Tagger
from saidwhat.model.tags import spans_of
from saidwhat.quotemarks import find_quotations

TRANSCRIPT = (
    "Partial transcript of the interview follows.\n\n"
    '"HARPER: Let me start with the budget vote on Tuesday.\n\n'
    '"MORALES: We will win that vote, and we will win it comfortably.\n\n'
    '"HARPER: Are you sure of the numbers in the Senate?\n\n'
    '"MORALES: I have counted them twice myself.\n'
)


def layout_spans(nlp: Language, text: str) -> list[list[tuple[str, str]]]:
    """(role, text) of the layout's spans per paragraph, over tags that start all O."""
    doc = nlp(text)
    paras = paragraphs(doc)
    is_transcript = layout.transcript(doc, paras)
    out = []
    for para in paras:
        labels = ["O"] * len(para)
        layout.apply(doc, para, labels, is_transcript)
        out.append([(r, doc[a : b + 1].text) for r, a, b in spans_of(labels, para)])
    return out


def test_transcript_lines(nlp: Language) -> None:
    spans = layout_spans(nlp, TRANSCRIPT)
    assert spans[0] == []
    assert spans[1] == [
        ("source", "HARPER"),
        ("cue", ":"),
        ("content", "Let me start with the budget vote on Tuesday."),
    ]
    assert spans[4] == [
        ("source", "MORALES"),
        ("cue", ":"),
        ("content", "I have counted them twice myself."),
    ]


def test_capitals_alone_are_not_a_transcript(nlp: Language) -> None:
    text = "BREAKING: Council approves the new budget after a long night.\n\nThe vote was 7-2.\n"
    assert layout_spans(nlp, text) == [[], []]
    text = "WARNING: Council approves the new budget after a long night.\n"
    assert layout_spans(nlp, text) == [[]]


def test_section_labels_are_not_a_transcript(nlp: Language) -> None:
    """A market roundup's labels are capitals with a colon, but no label comes back."""
    text = (
        "Stocks rose on Wednesday as investors weighed new trade talks.\n\n"
        "METALS: Gold fell 0.4 per cent to settle at its lowest in two weeks.\n\n"
        "CURRENCIES: The dollar rose against the yen and slipped against the euro.\n\n"
        "OIL: Crude climbed after a drop in American stockpiles.\n"
    )
    assert layout_spans(nlp, text) == [[], [], [], []]
    # The same article read as an interview, once a speaker's label comes back.
    doc = nlp(text + "\nMETALS: Silver was flat for the week as well.\n")
    assert layout.transcript(doc, paragraphs(doc))


def test_headline_with_a_named_speaker(nlp: Language) -> None:
    spans = layout_spans(nlp, "Angela Merkel: Europe must defend its own borders.\n")
    assert spans[0] == [
        ("source", "Angela Merkel"),
        ("cue", ":"),
        ("content", "Europe must defend its own borders."),
    ]


@pytest.mark.parametrize("heading", ["Update", "Correction", "Video"])
def test_headings_are_nobodys_words(nlp: Language, heading: str) -> None:
    assert layout_spans(nlp, f"{heading}: The council approved the budget on Tuesday.\n") == [[]]


def test_dash_signature(nlp: Language) -> None:
    text = "“The debate showed us who he really is.” ― Maria Lopez\n"
    assert layout_spans(nlp, text)[0] == [("cue", "―"), ("source", "Maria Lopez")]


def test_a_dash_in_a_sentence_is_not_a_signature(nlp: Language) -> None:
    text = "The mayor ― who had been silent for weeks ― spoke to reporters.\n"
    assert layout_spans(nlp, text) == [[]]


def test_tagger_quotes_from_a_transcript(nlp: Language) -> None:
    quotes = Tagger.load()(nlp(TRANSCRIPT), find_quotations(TRANSCRIPT))
    lines = [q for q in quotes if q.cue is not None and q.cue.text == ":"]
    assert [q.sources[0].text for q in lines] == ["HARPER", "MORALES", "HARPER", "MORALES"]
    for q in lines:
        assert q.confidence > 0.5
        for span in q.spans():
            assert span.text == TRANSCRIPT[span.start : span.end]
    assert lines[1].contents[0].text == "We will win that vote, and we will win it comfortably."
