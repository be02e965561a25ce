"""Speaker-name scoring: names compare without case, punctuation, honorifics or a leading
article, on hand-written quotes."""

from __future__ import annotations

from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.evaluate import normalise_name, score_speakers

TEXT = (
    "The White House said the talks would resume. A spokesman said the deal was close. "
    "The Hague-based court said it had no comment."
)


def at(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span.of(TEXT, start, start + len(phrase))


def test_a_leading_article_is_not_part_of_the_name() -> None:
    assert normalise_name("the White House") == normalise_name("White House")
    assert normalise_name("A spokesman") == ["spokesman"]
    assert normalise_name("An Taoiseach") == ["taoiseach"]
    assert normalise_name("The") == ["the"]  # nothing else to keep
    assert normalise_name("Theresa May") == ["theresa", "may"]


def test_the_white_house_named_with_its_article_scores_as_white_house() -> None:
    quotes = [
        Quote(None, [at("The White House")], [at("the talks would resume")], speaker_id="s1"),
        Quote(None, [at("A spokesman")], [at("the deal was close")]),  # named by its source
        Quote(None, [at("The Hague-based court")], [at("it had no comment")], speaker_id="s2"),
    ]
    speakers = [
        Speaker("s1", "the White House", kind="organisation"),
        Speaker("s2", "Hague-based court", kind="organisation"),
    ]
    article = Article("a", TEXT, quotes=quotes, speakers=speakers)

    def gold(phrase: str, reference: str) -> dict:
        span = at(phrase)
        return {"start": span.start, "end": span.end, "reference": reference}

    lines = [
        {
            "id": "a",
            "quotes": [
                gold("the talks would resume", "White House"),
                gold("the deal was close", "spokesman"),
                gold("it had no comment", "The Hague-based court"),
            ],
        }
    ]
    scores = score_speakers(lines, {"a": article})
    assert scores["found"] == 3
    assert scores["name_found"] == 1.0
