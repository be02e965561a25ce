"""The rules stage: cue, sources and contents on hand-written news sentences and real articles."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.conftest import EXAMPLE_UK, need

from saidwhat.attribution import extract_rules
from saidwhat.quotemarks import find_quotations


def rules(nlp: Language, text: str) -> list[tuple[str | None, list[str], list[str], str]]:
    quotes = extract_rules(nlp(text), find_quotations(text))
    for q in quotes:
        for span in q.spans():
            assert span.text == text[span.start : span.end]
    return [
        (
            q.cue.text if q.cue else None,
            [s.text for s in q.sources],
            [c.text for c in q.contents],
            q.type,
        )
        for q in quotes
    ]


def test_cue_after_quote(nlp: Language) -> None:
    assert rules(nlp, '"We will win this seat," she said.') == [
        ("said", ["she"], ['"We will win this seat,"'], "direct")
    ]


def test_cue_before_quote_with_colon(nlp: Language) -> None:
    assert rules(nlp, 'The minister said: "There is no more money."') == [
        ("said", ["The minister"], ['"There is no more money."'], "direct")
    ]


def test_cue_inside_quote_gives_both_halves(nlp: Language) -> None:
    text = '"We asked for help," said Tom Brierley, "and nobody came."'
    assert rules(nlp, text) == [
        ("said", ["Tom Brierley"], ['"We asked for help,"', '"and nobody came."'], "direct")
    ]


def test_indirect_that_clause(nlp: Language) -> None:
    text = "The senator said that the bill would fail in the House."
    assert rules(nlp, text) == [
        ("said", ["The senator"], ["that the bill would fail in the House"], "indirect")
    ]


def test_mixed_quote(nlp: Language) -> None:
    text = 'The mayor said the budget was "a disgrace" and would be rewritten.'
    [(cue, sources, contents, kind)] = rules(nlp, text)
    assert (cue, sources, kind) == ("said", ["The mayor"], "mixed")
    assert contents == ['the budget was "a disgrace" and would be rewritten']


def test_participle_takes_the_subject_of_its_verb(nlp: Language) -> None:
    text = "The union criticised the plan, saying that workers had not been consulted."
    found = rules(nlp, text)
    assert ("saying", ["The union"], ["that workers had not been consulted"], "indirect") in found


def test_according_to(nlp: Language) -> None:
    text = "According to the council's own figures, the branches cost £1.2m a year."
    assert rules(nlp, text) == [
        (
            "According to",
            ["the council's own figures"],
            ["the branches cost £1.2m a year"],
            "indirect",
        )
    ]


def test_phrasal_cue_went_on(nlp: Language) -> None:
    text = 'He went on: "We will fight this at every stage."'
    assert rules(nlp, text) == [
        ("went on", ["He"], ['"We will fight this at every stage."'], "direct")
    ]


def test_verbs_of_saying_inside_a_quote_are_not_cues(nlp: Language) -> None:
    text = '"They asked people what they thought and then did the opposite," Mr Brierley said.'
    assert [cue for cue, *_ in rules(nlp, text)] == ["said"]


def test_quote_alone_in_its_paragraph_has_no_cue(nlp: Language) -> None:
    text = 'Ms Okafor said: "We have no choice."\n\n"We will not set a budget we cannot pay for."'
    found = rules(nlp, text)
    assert found[-1] == (None, [], ['"We will not set a budget we cannot pay for."'], "direct")


def test_a_quote_in_the_previous_paragraph_is_not_a_later_cue_content(nlp: Language) -> None:
    text = '"It is over," he said.\n\nThe BBC later said that he had pulled out of an interview.'
    found = rules(nlp, text)
    assert found[1] == ("said", ["The BBC"], ["that he had pulled out of an interview"], "indirect")


def test_uk_example_article(nlp: Language) -> None:
    text = need(EXAMPLE_UK).read_text(encoding="utf-8")
    found = rules(nlp, text)
    by_source = {(cue, tuple(sources)): contents for cue, sources, contents, _ in found}
    assert by_source[("said", ("Mr Ashworth",))] == [
        'the situation facing Labour was "abysmal" because voters "can\'t stand Corbyn" and think '
        'the party has "blocked Brexit"'
    ]
    assert by_source[("added", ("He",))][0].startswith("“If even Corbyn's closest")
    assert ("said", ("James Cleverly, the Conservative Chairman",)) in by_source
    assert by_source[("went on", ("He",))][0].startswith("\"No, I don't mean it")
    kinds = {kind for *_, kind in found}
    assert kinds == {"direct", "indirect", "mixed"}


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("   ", 0), ('"', 0), ("“”", 0), ("said said said", 0), ('"unclosed said he', 1)],
)
def test_degenerate_text_gives_exact_spans_or_nothing(nlp: Language, text: str, count: int) -> None:
    quotes = extract_rules(nlp(text), find_quotations(text))
    assert len(quotes) == count
    for quote in quotes:
        for span in quote.spans():
            assert 0 <= span.start <= span.end <= len(text)
            assert span.text == text[span.start : span.end]
        assert quote.type in {"direct", "indirect", "mixed"} and 0.0 <= quote.confidence <= 1.0
    if count:  # an unclosed mark quotes to the end of its paragraph: the "said" is inside it
        (quote,) = quotes
        assert (quote.cue, quote.sources, quote.type) == (None, [], "direct")
        assert [c.text for c in quote.contents] == [text]


def test_second_quote_after_the_cue_sentence_goes_on(nlp: Language) -> None:
    text = '"Nobody came into politics to shut libraries," she said. "But I won\'t do it."'
    assert rules(nlp, text) == [
        (
            "said",
            ["she"],
            ['"Nobody came into politics to shut libraries,"', '"But I won\'t do it."'],
            "direct",
        )
    ]


def test_a_quote_waiting_for_its_own_cue_is_not_taken(nlp: Language) -> None:
    text = '"We won," she said. "They lost," he said.'
    found = rules(nlp, text)
    assert [(cue, sources, contents) for cue, sources, contents, _ in found] == [
        ("said", ["she"], ['"We won,"']),
        ("said", ["he"], ['"They lost,"']),
    ]


def test_participle_inside_a_reported_clause_keeps_the_reporter(nlp: Language) -> None:
    text = 'And he said party MPs "messed it up" in 2016, saying they "went too early".'
    found = rules(nlp, text)
    assert ("saying", ["he"], ['they "went too early"'], "mixed") in found


def test_reported_clause_stops_at_a_participle_cue(nlp: Language) -> None:
    text = 'He insisted he did not mean what he said, telling the show: "We were joking."'
    found = {cue: (sources, contents) for cue, sources, contents, _ in rules(nlp, text)}
    assert found["insisted"] == (["He"], ["he did not mean what he said"])
    assert found["telling"] == (["He"], ['"We were joking."'])


def test_participle_after_an_object_clause_takes_the_main_subject(nlp: Language) -> None:
    text = (
        "The leader of the council has defended plans to close four libraries, saying the "
        'authority had "no money left".'
    )
    found = rules(nlp, text)
    assert (
        "saying",
        ["The leader of the council"],
        ['the authority had "no money left"'],
        "mixed",
    ) in found
