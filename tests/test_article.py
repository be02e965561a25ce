"""What every stage passes on: a quote's type from the quotation marks in its contents."""

from __future__ import annotations

import pytest

from saidwhat.article import Span
from saidwhat.quotemarks import quote_type


def typed(*contents: str) -> str:
    text = " | ".join(contents)
    spans, start = [], 0
    for content in contents:
        start = text.index(content, start)
        spans.append(Span.of(text, start, start + len(content)))
        start += len(content)
    return quote_type(spans)


@pytest.mark.parametrize(
    ("contents", "kind"),
    [
        (['"We will fight this."'], "direct"),
        (["“We will fight this,”"], "direct"),
        (["'We will fight,'"], "direct"),
        (['"First,"', '"second."'], "direct"),
        # The first paragraph of a quote that runs on: only the last paragraph closes it
        (["“We let people down this winter. I am deeply sorry."], "direct"),
        (['"We let people down', '"Every patient deserves better."'], "direct"),
        (['the situation was "abysmal"'], "mixed"),
        (['" is very thoughtful'], "mixed"),  # a closing mark: the quote began before it
        (['"Yes," and then he added "we will."'], "mixed"),
        (["they ``went too early''"], "mixed"),
        # Single marks around a phrase, as British headlines write them
        (["Hospital chief 'deeply sorry' over waiting times"], "mixed"),
        (["Labour's ‘new deal’ for workers"], "mixed"),
        (["it was 'fine, really.'"], "mixed"),
        (["voters could not stand him"], "indirect"),
        # Apostrophes are not quotation marks
        (["Trump's rivals' plans were sound"], "indirect"),
        (["the '90s were better and rock 'n' roll is back"], "indirect"),
        (["the voters’ choice, and the party’s"], "indirect"),
        ([], "indirect"),
    ],
)
def test_quote_type(contents: list[str], kind: str) -> None:
    assert typed(*contents) == kind
