"""Citron's evaluation: gold against itself, a hand-counted prediction, and speaker names."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from conftest import POLNEAR, need
from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.evaluate import (
    ROLES,
    evaluate,
    load_gold,
    load_predictions,
    normalise_name,
    report_table,
    score_speakers,
)
from saidwhat.formats import to_citron, to_jsonl_line, write_brat

TEXT = 'Doe said the plan works. Smith said "It is dead." Aides claimed it was late. Rain fell.'


def sp(phrase: str, nth: int = 0, text: str = TEXT) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span.of(text, start, start + len(phrase))


GOLD = Article(
    "a",
    TEXT,
    quotes=[
        Quote(sp("said"), [sp("Doe")], [sp("the plan works")]),
        Quote(sp("said", 1), [sp("Smith")], [sp('"It is dead."')]),
        Quote(sp("claimed"), [sp("Aides")], [sp("it was late")]),
    ],
)
PRED = Article(
    "a",
    TEXT,
    quotes=[
        Quote(sp("said"), [sp("Doe")], [sp("the plan works")]),  # all right
        Quote(sp("said", 1), [sp("Smith")], [sp("It is dead")]),  # content without its marks
        Quote(sp("fell"), [sp("Rain")], []),  # not an attribution; "claimed" is missed
    ],
)


def test_gold_against_itself_is_perfect_on_polnear_dev():
    gold = load_gold(need(POLNEAR / "dev"))
    assert len(gold) == 84
    report = evaluate(gold, gold)
    assert report.missing == []
    for role in ROLES:
        counts = report.overall.roles[role]
        assert counts.exact() == (1.0, 1.0, 1.0), role
        assert counts.overlapping() == (1.0, 1.0, 1.0), role
        assert counts.fp == counts.fn == 0 and counts.tp == report.overall.gold_quotes == 2192


def test_a_hand_counted_prediction():
    scores = evaluate([GOLD], [PRED]).overall.roles
    # cue: "said" twice right, "fell" wrong, "claimed" missed
    assert (scores["cue"].tp, scores["cue"].fp, scores["cue"].fn) == (2, 1, 1)
    assert scores["cue"].exact() == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # source: paired through overlapping cues, Doe and Smith right
    assert (scores["source"].tp, scores["source"].fp, scores["source"].fn) == (2, 1, 1)
    # content: only "the plan works" is exact
    assert (scores["content"].tp, scores["content"].fp, scores["content"].fn) == (1, 2, 2)
    assert scores["content"].exact() == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert (scores["quote"].tp, scores["quote"].fp, scores["quote"].fn) == (1, 2, 2)
    # tokens: cue 2 of 3 each way; content 6 predicted tokens, all inside the gold's 12
    # (the plan works | " It is dead . " | it was late)
    assert scores["cue"].overlapping() == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert (scores["content"].overlap, scores["content"].pred_tokens) == (6, 6)
    assert scores["content"].gold_tokens == 12
    assert scores["content"].overlapping()[:2] == pytest.approx((1.0, 6 / 12))
    assert scores["quote"].overlapping()[:2] == pytest.approx((10 / 12, 10 / 18))


def test_missing_predictions_predict_nothing_and_are_listed():
    other = Article("b", "Nobody spoke.", quotes=[])
    report = evaluate([GOLD, other], {"b": other})
    assert report.missing == ["a"]
    assert report.articles["a"].roles["cue"].fn == 3 and report.articles["a"].pred_quotes == 0
    assert report.overall.roles["cue"].exact() == (0.0, 0.0, 0.0)
    data = report.to_dict()
    assert data["missing_predictions"] == ["a"] and data["articles_scored"] == 2
    assert data["overall"]["cue"]["exact"]["fn"] == 3
    json.dumps(data)


def test_a_prediction_on_another_text_is_refused():
    with pytest.raises(ValueError, match="text"):
        evaluate([GOLD], [Article("a", TEXT.upper())])


def test_report_table_shows_every_role():
    console = Console(record=True, width=120)
    console.print(report_table(evaluate([GOLD], [PRED])))
    shown = console.export_text()
    assert "1 articles: 3 gold quotes, 3 predicted" in shown
    for role in ROLES:
        assert role in shown
    assert "66.7" in shown and "33.3" in shown


def test_load_predictions_from_citron_brat_and_jsonl(tmp_path):
    folder = tmp_path / "citron"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(to_citron(PRED, include_text=False)))
    (tmp_path / "out.jsonl").write_text(to_jsonl_line(PRED) + "\n")
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "a.ann").write_text(write_brat(PRED))
    for source in (folder, tmp_path / "out.jsonl", brat):
        loaded = load_predictions(source, [GOLD])
        assert [(q.cue, q.sources, q.contents) for q in loaded["a"].quotes] == [
            (q.cue, q.sources, q.contents) for q in PRED.quotes
        ]


SPEECH = (
    'Mrs. Jane Doe said the plan works. "It is dead," Dr. Smith said. Aides claimed it was late.'
)


def test_score_speakers_by_hand():
    jane = Speaker("s1", "Mrs. Jane Doe", mentions=[sp("Mrs. Jane Doe", text=SPEECH)])
    article = Article(
        "a",
        SPEECH,
        quotes=[
            Quote(
                sp("said", text=SPEECH), [], [sp("the plan works", text=SPEECH)], speaker_id="s1"
            ),
            # covers 5 of the 13 characters of "It is dead,": found; named by its source
            Quote(
                sp("said", 1, SPEECH), [sp("Dr. Smith", text=SPEECH)], [sp("It is", text=SPEECH)]
            ),
            # covers 2 of 11 characters of "it was late": not found
            Quote(sp("claimed", text=SPEECH), [sp("Aides", text=SPEECH)], [sp("it", 1, SPEECH)]),
        ],
        speakers=[jane],
    )

    def gold(phrase: str, reference: str) -> dict:
        found = sp(phrase, text=SPEECH)
        return {"start": found.start, "end": found.end, "reference": reference}

    lines = [
        {
            "id": "a",
            "quotes": [
                gold("the plan works", "Jane Doe"),
                gold('"It is dead,"', "Alan Smith"),
                gold("it was late", "Aides"),
            ],
        },
        {"id": "b", "quotes": [{"start": 0, "end": 4, "reference": "Nobody"}]},
    ]
    scores = score_speakers(lines, {"a": article})
    assert scores["gold_quotes"] == 4 and scores["pred_quotes"] == 3 and scores["found"] == 2
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(1 / 2)
    assert scores["f1"] == pytest.approx(4 / 7)
    assert scores["name_found"] == pytest.approx(1 / 2)  # Jane Doe; Dr. Smith is not Alan Smith
    assert scores["surname_found"] == 1.0
    assert scores["name_end_to_end"] == pytest.approx(1 / 4)
    assert scores["surname_end_to_end"] == pytest.approx(2 / 4)
    assert scores["missing_predictions"] == ["b"]


def test_normalise_name_drops_case_punctuation_and_honorifics():
    assert normalise_name("Mr. Barack H. Obama") == ["barack", "h", "obama"]
    assert normalise_name("DR JANE O'NEIL") == ["jane", "o", "neil"]
    assert normalise_name("Ms. Jane Doe") == normalise_name("jane doe")
