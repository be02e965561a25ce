"""Every span emitted on every PolNeAR train article is exact: text == article[start:end]."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from tests.conftest import POLNEAR, assert_spans_exact, need

from saidwhat.article import Article
from saidwhat.pipeline import extract_articles


def test_every_span_on_polnear_train_is_exact(saidwhat_nlp: Language) -> None:
    texts = sorted((need(POLNEAR / "train" / "text")).glob("*.txt"))
    assert len(texts) == 840
    articles = (Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in texts)
    count = quotes = 0
    for article in extract_articles(articles, saidwhat_nlp, batch_size=32):
        count += 1
        text = Path(POLNEAR / "train" / "text" / f"{article.id}.txt").read_text(encoding="utf-8")
        assert article.text == text
        assert_spans_exact(article)
        quotes += len(article.quotes)
        for quote in article.quotes:
            assert quote.speaker_id is None or article.speaker(quote.speaker_id) is not None
    assert count == 840 and quotes > 5000
