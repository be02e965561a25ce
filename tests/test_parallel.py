"""Worker processes give what one process gives, in input order, reading the input lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from tests.conftest import POLNEAR, need
from tests.faults import KILL, RAISE

from saidwhat.article import Article
from saidwhat.cli import main
from saidwhat.model import encoder
from saidwhat.parallel import AHEAD, WORKER_DIED, extract_parallel
from saidwhat.pipeline import Settings, extract_articles, load
from saidwhat.reading import InputError, read_inputs


@pytest.fixture(scope="module")
def dev_articles() -> list[Article]:
    """Five real PolNeAR dev articles, short ones first so the test stays fast."""
    paths = sorted(need(POLNEAR / "dev" / "text").glob("*.txt"), key=lambda p: p.stat().st_size)
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths[:5]]


def _found(articles: list[Article]) -> list[dict]:
    return [a.to_dict(include_text=True) for a in articles]


def test_two_workers_equal_one_worker_and_plain_extract(
    dev_articles: list[Article], saidwhat_nlp: Language
) -> None:
    plain = list(extract_articles(dev_articles, saidwhat_nlp))
    one = list(extract_parallel(dev_articles, workers=1))
    two = list(extract_parallel(dev_articles, workers=2, batch_size=2))
    assert [a.id for a in two] == [a.id for a in dev_articles]  # input order kept
    assert sum(len(a.quotes) for a in plain) > 10  # real articles, real quotes
    assert _found(two) == _found(one) == _found(plain)
    for article in two:
        for quote in article.quotes:
            for span in quote.spans():
                assert article.text[span.start : span.end] == span.text


def test_input_is_read_lazily_with_a_bounded_number_in_flight(
    dev_articles: list[Article], saidwhat_nlp: Language
) -> None:
    pulled = 0

    def endless() -> Iterator[Article]:  # a stream far longer than what may be held
        nonlocal pulled
        while True:
            for article in dev_articles:
                pulled += 1
                yield Article(id=str(pulled), text=article.text)

    stream = extract_parallel(endless(), workers=2, batch_size=1)
    first = [next(stream) for _ in range(3)]
    stream.close()  # stops the workers; nothing hangs
    assert [a.id for a in first] == ["1", "2", "3"]
    assert pulled <= 2 * AHEAD + 3


def test_meta_travels_through_and_a_bad_model_fails_loudly(
    dev_articles: list[Article], saidwhat_nlp: Language
) -> None:
    article = Article(id="a1", text=dev_articles[0].text, meta={"outlet": "Example Times"})
    (out,) = extract_parallel([article], workers=2)
    assert out.meta == {"outlet": "Example Times"} and out.id == "a1"
    with pytest.raises(OSError):
        list(extract_parallel([article, article], 2, Settings(model="no_such_spacy_model")))


def test_cli_workers_option_gives_the_same_lines(
    dev_articles: list[Article], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in dev_articles[:3]),
        encoding="utf-8",
    )
    outputs = []
    for workers in ("1", "2"):
        assert main(["extract", str(source), "-f", "jsonl", "--workers", workers]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert [json.loads(line)["id"] for line in outputs[1].splitlines()] == [
        a.id for a in dev_articles[:3]
    ]


def test_a_jsonl_file_streams_line_by_line(tmp_path: Path) -> None:
    """A 100,000-article file is never held whole: articles before a bad line still come."""
    path = tmp_path / "archive.jsonl"
    first = {"id": "a1", "text": '"We will vote no," the senator said.', "outlet": "Example Times"}
    path.write_bytes(
        json.dumps(first).encode() + b"\n\n" + b'{"id": "a2", "text": "caf\xe9 owner"}\n'
    )
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].meta == {"outlet": "Example Times"}
    assert isinstance(items[1], InputError) and items[1].source.endswith("archive.jsonl:3")
    assert "UTF-8" in items[1].reason
    (tmp_path / "empty.jsonl").write_bytes(b"\n \n")
    assert [str(e) for e in read_inputs([tmp_path / "empty.jsonl"])] == [
        f"{tmp_path / 'empty.jsonl'}: empty input"
    ]


def test_workers_after_the_encoder_ran_in_this_process(dev_articles: list[Article]) -> None:
    # onnxruntime's threads do not survive a fork: a forked worker would hang in its own
    # first session, so the pool spawns fresh workers once this process has run the encoder.
    here = list(extract_articles(dev_articles[:2], load(Settings(extractor="model"))))
    assert encoder.started()
    two = list(extract_parallel(dev_articles[:2], 2, Settings(extractor="model"), batch_size=1))
    assert _found(two) == _found(here)
    assert sum(len(a.quotes) for a in two) > 0


def test_a_worker_killed_mid_batch_is_replaced_and_its_batch_mates_come_out(
    dev_articles: list[Article], tmp_path: Path, faulty_model: Path
) -> None:
    """One WorkerPool (two workers, batches of four) extracts the same ten articles twice;
    the third kills its worker process with SIGKILL mid-batch each time, the sixth raises."""
    articles = [{"id": f"{k}-{a.id}", "text": a.text} for k, a in enumerate(dev_articles * 2)]
    articles[2] = {"id": "2-killer", "text": f'"We lost the vote," {KILL} said.'}
    articles[5] = {"id": "5-refused", "text": f'"We won the vote," {RAISE} said.'}
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    command = [sys.executable, "-m", "tests.faults", "pool", str(faulty_model), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [a["id"] for a in articles]
    assert [(x["run"], x["id"]) for x in out] == [(1, i) for i in ids] + [(2, i) for i in ids]
    errors = {x["id"]: x["error"] for x in out if x["error"]}
    assert errors.keys() == {"2-killer", "5-refused"}
    assert errors["2-killer"] == WORKER_DIED
    assert errors["5-refused"].startswith("RuntimeError: the test component refuses")
    plain = {a.id: len(a.quotes) for a in extract_parallel(dev_articles, workers=1)}
    for x in out:  # the killer's batch-mates, and everything after, as one process finds them
        if not x["error"]:
            assert x["quotes"] == plain[x["id"].split("-", 1)[1]], x
    assert sum(x["quotes"] for x in out) > 20
