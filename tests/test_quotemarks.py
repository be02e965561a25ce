"""Quotation marks as newspapers write them, one case a test."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saidwhat.quotemarks import find_quotations, quotations


def texts(text: str) -> list[str]:
    return [q.text for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We lost."', ['"We lost."']),
        ("He said: “We lost.”", ["“We lost.”"]),
        (
            'Mixed marks: "opened straight, closed curly.” Done.',
            ['"opened straight, closed curly.”'],
        ),
        ("She called it ‘grim’ on Monday.", ["‘grim’"]),
        ("She called it 'grim' on Monday.", ["'grim'"]),
        ("''We will win,'' he said.", ["''We will win,''"]),
        ("``We will win,'' he said.", ["``We will win,''"]),
        ("«Non», dit-il.", ["«Non»"]),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_apostrophes_never_end_a_quote() -> None:
    text = "\"Voters can't stand Corbyn's plans,\" he said, and the voters' mood was grim."
    assert texts(text) == ["\"Voters can't stand Corbyn's plans,\""]


def test_apostrophes_alone_make_no_quote() -> None:
    assert texts("It's the party's view that 'em and the '90s don't matter.") == []


def test_nested_single_quote_stays_inside() -> None:
    text = "\"They told us: 'You will be thrown out,'\" she said."
    assert texts(text) == ["\"They told us: 'You will be thrown out,'\""]


def test_quote_over_paragraphs_closed_only_in_the_last() -> None:
    text = 'He went on: "Children will be two bus rides away.\n\n"We will fight this."\n\nNext.'
    (quote,) = quotations(text)
    assert quote.closed
    assert quote.span.text == '"Children will be two bus rides away.\n\n"We will fight this."'


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'He said "this never closes.\n\nThe rest of the article is not a quote.'
    (quote,) = quotations(text)
    assert not quote.closed
    assert quote.span.text == '"this never closes.'


def test_stray_closing_mark_is_ignored() -> None:
    assert texts('A stray” mark, then "a real quote".') == ['"a real quote"']


@given(st.text(alphabet=st.sampled_from(list("ab '\"“”‘’\n.,")), max_size=200))
def test_spans_are_exact_and_ordered(text: str) -> None:
    found = quotations(text)
    for q in found:
        assert q.span.text == text[q.span.start : q.span.end]
        assert q.span.start <= q.inner.start <= q.inner.end <= q.span.end
    assert all(a.span.end <= b.span.start for a, b in pairwise(found))
