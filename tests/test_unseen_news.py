"""What a user gets on news the model was neither trained nor tuned on: the shipped model and
the speaker stage over GGT dev (35 Canadian articles, 515 quotes, annotated by the Gender Gap
Tracker's team, not by PolNeAR's). The floors sit a little under what the shipped model
scores (quotes found 96.9%, the exact speaker of a found quote 93.6%), so a change that loses
quotes or speakers on unseen news fails here, whatever it does on PolNeAR."""

from __future__ import annotations

from tests.conftest import GGT_DEV, need

from saidwhat.article import Article
from saidwhat.evaluate import load_speaker_gold, score_speakers
from saidwhat.pipeline import Settings, extract_articles, load

FOUND_FLOOR = 0.95
EXACT_SPEAKER_FLOOR = 0.92


def test_the_shipped_model_finds_quotes_and_speakers_in_unseen_news() -> None:
    lines = load_speaker_gold(need(GGT_DEV))
    articles = [Article(id=str(line["id"]), text=line["text"]) for line in lines]
    predicted = {a.id: a for a in extract_articles(articles, load(Settings(extractor="model")))}
    assert not [a.id for a in predicted.values() if a.error]
    scores = score_speakers(lines, predicted)
    assert scores["gold_quotes"] == 515
    assert scores["recall"] >= FOUND_FLOOR
    assert scores["name_found"] >= EXACT_SPEAKER_FLOOR
