"""brat, Citron, JSONL and CSV: PolNeAR's own files read right, and every writer reads back."""

from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest

from conftest import POLNEAR, SHARED, need
from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.formats import (
    CSV_FIELDS,
    csv_rows,
    from_citron,
    load_citron,
    load_polnear,
    read_brat,
    to_citron,
    to_jsonl_line,
    write_brat,
)

TEXT = (
    "Senator Jane Doe said on Monday that the bill would fail.\n"
    "\u201cWe will not stop,\u201d Doe said. \u201cNot now.\u201d\n"
    "The vote was put off until\nnext week, it was reported.\n"
)


def at(phrase: str, nth: int = 0) -> str:
    """brat offsets "start end" of the nth occurrence of phrase in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return f"{start} {start + len(phrase)}"


def span(phrase: str, nth: int = 0) -> Span:
    start, end = map(int, at(phrase, nth).split())
    return Span.of(TEXT, start, end)


def quotes_of(article: Article) -> list[dict]:
    return [q.to_dict() for q in article.quotes]


def spans_of(article: Article) -> list[tuple]:
    """What brat keeps of each quote (not its type, confidence or speaker)."""
    return [(q.cue, q.sources, q.contents) for q in article.quotes]


def test_read_brat_reads_polnear_quirks():
    # As PolNeAR writes them: Source/Cue/Content textbounds, an Attribution trigger, a
    # numbered repeated role (Content2), a discontinuous span, an event with no source
    # (Attribution-no-source), a span across a newline (its text runs onto the next line),
    # an event holding only its trigger, notes and Discuss marks.
    ann = "\n".join(
        [
            f"T1\tSource {at('Senator Jane Doe')}\tSenator Jane Doe",
            f"T2\tCue {at('said')}\tsaid",
            f"T3\tContent {at('the bill')};{at('would fail')}\tthe bill would fail",
            f"T4\tAttribution {at('said')}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tContent {at('“We will not stop,”')}\t“We will not stop,”",
            f"T6\tSource {at('Doe', 1)}\tDoe",
            f"T7\tCue {at('said', 1)}\tsaid",
            f"T8\tContent {at('“Not now.”')}\t“Not now.”",
            f"T9\tAttribution {at('said', 1)}\tsaid",
            "E2\tAttribution:T9 Content:T5 Source:T6 Cue:T7 Content2:T8",
            f"T10\tContent {at('The vote was put off until' + chr(10) + 'next week')}"
            "\tThe vote was put off until",
            "next week",
            f"T11\tCue {at('was reported')}\twas reported",
            f"T12\tAttribution-no-source {at('was reported')}\twas reported",
            "E3\tAttribution-no-source:T12 Cue:T11 Content:T10",
            "E4\tAttribution-no-source:T12 ",
            f"T13\tDiscuss {at('Monday')}\tMonday",
            "#1\tAnnotatorNotes T13\tIs the date part of the cue?",
        ]
    )
    article = read_brat(TEXT, ann, "hand")
    assert [
        (q.cue.text, [s.text for s in q.sources], [c.text for c in q.contents], q.type)
        for q in article.quotes
    ] == [
        ("said", ["Senator Jane Doe"], ["the bill", "would fail"], "indirect"),
        ("said", ["Doe"], ["“We will not stop,”", "“Not now.”"], "direct"),
        ("was reported", [], ["The vote was put off until\nnext week"], "indirect"),
    ]


def test_read_brat_refuses_offsets_that_disagree_with_the_text():
    ann = f"T1\tSource {at('Doe')}\tDoe\nT2\tCue {at('Monday')}\tsaid\nE1\tCue:T2 Source:T1\n"
    with pytest.raises(ValueError, match="T2"):
        read_brat(TEXT, ann)


def test_write_brat_is_polnear_standoff():
    article = Article(
        "hand",
        TEXT,
        quotes=[
            Quote(
                span("said", 1), [span("Doe", 1)], [span("“We will not stop,”"), span("“Not now.")]
            ),
            # overlapping contents cannot share one textbound: the second becomes Content2
            Quote(span("was reported"), [], [span("The vote"), span("The vote was put off")]),
        ],
    )
    assert write_brat(article) == (
        f"T1\tCue {at('said', 1)}\tsaid\n"
        f"T2\tSource {at('Doe', 1)}\tDoe\n"
        f"T3\tContent {at('“We will not stop,”')};{at('“Not now.')}"
        "\t“We will not stop,” “Not now.\n"
        f"T4\tAttribution {at('said', 1)}\tsaid\n"
        "E1\tAttribution:T4 Cue:T1 Source:T2 Content:T3\n"
        f"T5\tCue {at('was reported')}\twas reported\n"
        f"T6\tContent {at('The vote')}\tThe vote\n"
        f"T7\tContent {at('The vote was put off')}\tThe vote was put off\n"
        f"T8\tAttribution-no-source {at('was reported')}\twas reported\n"
        "E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7\n"
    )
    assert spans_of(read_brat(TEXT, write_brat(article))) == spans_of(article)


def test_brat_and_citron_round_trip_every_polnear_dev_file():
    articles = list(load_polnear(need(POLNEAR / "dev"), annotator="all"))
    assert len(articles) == 94
    assert sum(len(a.quotes) for a in articles) == 2319  # the 2320 events less one empty
    for article in articles:
        again = read_brat(article.text, write_brat(article), article.id)
        assert quotes_of(again) == quotes_of(article), article.id
        citron = json.loads(json.dumps(to_citron(article, include_text=False)))
        assert quotes_of(from_citron(citron, article.text, article.id)) == quotes_of(article)


def speaker_article() -> Article:
    text = 'Jane Doe spoke first. "We will win," she said. Aides agreed, said Doe.'
    jane = Speaker("s1", "Jane Doe", "person", mentions=[Span.of(text, 0, 8)])
    jane.mentions += [Span.of(text, 37, 40), Span.of(text, 66, 69)]
    return Article(
        "doe",
        text,
        quotes=[
            Quote(
                Span.of(text, 41, 45),
                [Span.of(text, 37, 40)],
                [Span.of(text, 22, 36)],
                type="direct",
                confidence=0.91234,
                speaker_id="s1",
            ),
            Quote(
                Span.of(text, 61, 65),
                [Span.of(text, 66, 69)],
                [Span.of(text, 47, 59)],
                speaker_id="s1",
            ),
        ],
        speakers=[jane],
        meta={"outlet": "The Daily"},
    )


def test_to_citron_writes_citrons_annotation_format():
    article = speaker_article()
    data = to_citron(article)
    assert data["text"] == article.text
    assert data["quotes"][0] == {
        "cue": {"start": 41, "end": 45, "text": "said"},
        "sources": [{"start": 37, "end": 40, "text": "she"}],
        "contents": [{"start": 22, "end": 36, "text": '"We will win,"'}],
        "coreferences": [{"start": 0, "end": 8, "text": "Jane Doe"}],
        "confidence": "0.9123",
    }
    assert data["quotes"][1]["coreferences"] == [{"start": 0, "end": 8, "text": "Jane Doe"}]
    assert [m["text"] for m in data["coreference_groups"][0]] == ["Jane Doe", "she", "Doe"]
    again = from_citron(json.loads(json.dumps(data)), article_id="doe")
    assert [(q.cue, q.sources, q.contents) for q in again.quotes] == [
        (q.cue, q.sources, q.contents) for q in article.quotes
    ]
    assert again.quotes[0].confidence == 0.9123
    assert [(s.name, s.mentions) for s in again.speakers] == [
        ("Jane Doe", sorted(article.speakers[0].mentions))
    ]
    assert {q.speaker_id for q in again.quotes} == {"c1"}


def test_from_citron_refuses_a_span_that_disagrees_with_the_text():
    data = {
        "quotes": [{"cue": {"start": 0, "end": 4, "text": "said"}, "sources": [], "contents": []}]
    }
    with pytest.raises(ValueError, match="said"):
        from_citron(data, "Jane Doe", "x")


def test_load_citron_takes_the_text_from_the_file_or_the_mapping(tmp_path):
    article = speaker_article()
    (tmp_path / "doe.json").write_text(json.dumps(to_citron(article, include_text=False)))
    (loaded,) = load_citron(tmp_path, {"doe": article.text})
    assert loaded.id == "doe" and quotes_of(loaded)[0]["cue"]["text"] == "said"
    with pytest.raises(ValueError, match="no text"):
        list(load_citron(tmp_path))


def test_score_cofenet_reads_our_citron_output(tmp_path):
    """The gold of the first annotator, written as Citron JSON, scores as itself."""
    tool = need(SHARED / "tools" / "score_cofenet.py")
    spec = importlib.util.spec_from_file_location("score_cofenet", tool)
    score_cofenet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_cofenet)
    for article in load_polnear(need(POLNEAR / "dev")):
        data = to_citron(article, include_text=False)
        (tmp_path / f"{article.id}.json").write_text(json.dumps(data, ensure_ascii=False))
    result = score_cofenet.score(
        str(need(POLNEAR / "cofenet-dev.jsonl")),
        str(POLNEAR / "dev" / "text"),
        str(tmp_path),
        annotators="first",
    )
    assert result["predictions"]["missing_pred_files"] == []
    assert result["predictions"]["span_text_mismatches"] == 0
    for role in ("source", "cue", "content"):
        assert result["scores"][role]["exact"]["f1"] > 0.99, role


def test_jsonl_line_is_the_article_dict():
    article = speaker_article()
    line = to_jsonl_line(article)
    assert "\n" not in line
    data = json.loads(line)
    assert data == article.to_dict()
    assert list(data)[:2] == ["id", "outlet"] and data["quotes"][0]["speaker"]["name"] == "Jane Doe"
    assert quotes_of(Article.from_dict(data, article.text)) == quotes_of(article)


def test_csv_rows_one_per_quote():
    article = speaker_article()
    jane = article.speakers[0]
    jane.titles, jane.affiliations = ["mayor", "chair of the board"], ["Harwick Council"]
    jane.gender, jane.gender_basis = "female", "article"
    rows = list(csv_rows(article))
    assert rows[0] == {
        "article_id": "doe",
        "quote": 1,
        "type": "direct",
        "cue_kind": "speech",
        "confidence": 0.9123,
        "speaker_id": "s1",
        "speaker": "Jane Doe",
        "speaker_kind": "person",
        "speaker_gender": "female",
        "speaker_gender_basis": "article",
        "speaker_titles": "mayor; chair of the board",
        "speaker_affiliations": "Harwick Council",
        "cue": "said",
        "cue_start": 41,
        "cue_end": 45,
        "sources": "she",
        "source_offsets": "37:40",
        "contents": '"We will win,"',
        "content_offsets": "22:36",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == 2


def test_csv_joins_several_spans_readably():
    quote = Quote(
        span("said", 1), [span("Doe", 1)], [span("“We will not stop,”"), span("“Not now.”")]
    )
    (row,) = csv_rows(Article("hand", TEXT, quotes=[quote]))
    assert row["contents"] == "“We will not stop,” … “Not now.”"
    first, second = span("“We will not stop,”"), span("“Not now.”")
    assert row["content_offsets"] == f"{first.start}:{first.end};{second.start}:{second.end}"
    assert row["speaker"] == "" and row["speaker_id"] == ""
    assert row["speaker_gender"] == row["speaker_titles"] == row["speaker_kind"] == ""


def test_write_brat_keeps_a_span_across_lines_on_one_line():
    content = span("The vote was put off until\nnext week")
    article = Article("hand", TEXT, quotes=[Quote(span("was reported"), [], [content])])
    written = write_brat(article)
    assert "\tThe vote was put off until next week\n" in written
    assert len(written.splitlines()) == 4
    assert spans_of(read_brat(TEXT, written)) == spans_of(article)
