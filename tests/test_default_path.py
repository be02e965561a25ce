"""The shipped default, end to end. conftest sets SAIDWHAT_EXTRACTOR=rules for the suite;
here it is removed, so `saidwhat extract` (in this process and with worker processes),
`saidwhat ingest` and `saidwhat serve` run what a user gets: the trained model. Each must
give what the model gives in this process, and that is not what the rules give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from spacy.language import Language
from tests.conftest import EXAMPLE_OWN, POLNEAR, assert_json_spans_exact, need
from tests.service_server import running_server

from saidwhat.archive import Archive
from saidwhat.article import Article
from saidwhat.parallel import BATCH_SIZE
from saidwhat.pipeline import Settings, extract_articles, load
from saidwhat.reading import read_inputs

SHIPPED_ENV = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_EXTRACTOR"}
DEV_ARTICLES = BATCH_SIZE  # with the example, one batch more than a worker takes at once
DEV_MAX_CHARS = 5_000  # short ones keep the four runs cheap


def saidwhat(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *map(str, args)],
        env=SHIPPED_ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def files() -> list[Path]:
    """The council example and the first short PolNeAR dev articles."""
    dev = sorted((need(POLNEAR) / "dev" / "text").glob("*.txt"))
    short = [p for p in dev if len(p.read_text(encoding="utf-8")) < DEV_MAX_CHARS]
    return [EXAMPLE_OWN, *short[:DEV_ARTICLES]]


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    """What `load()` gives with nothing set: the trained model."""
    return load(Settings(extractor="model"))


@pytest.fixture(scope="module")
def expected(files: list[Path], model_nlp: Language) -> dict[str, dict[str, Any]]:
    """The model's findings in this process, by article id (the file's name)."""
    articles = [a for a in read_inputs(files) if isinstance(a, Article)]
    return {a.id: a.to_dict() for a in extract_articles(articles, model_nlp)}


def assert_the_models_council_findings(article: dict[str, Any], text: str) -> None:
    """The example's quotes, spans exact, its speakers named, confidences the model's."""
    assert_json_spans_exact(article, text)
    quotes = article["quotes"]
    assert len(quotes) >= 8
    assert all(0.0 <= q["confidence"] <= 1.0 for q in quotes)
    assert len({q["confidence"] for q in quotes}) > 1  # the model's own, not one fixed score
    names = {q["speaker"]["name"] for q in quotes if q["speaker"]}
    assert {"Margaret Okafor", "Tom Brierley"} <= names
    theatre = next(q for q in quotes if "that's theatre" in q["contents"][-1]["text"])
    assert theatre["speaker"]["name"] == "Tom Brierley" and theatre["type"] == "direct"


def test_the_model_is_not_the_rules(
    expected: dict[str, dict[str, Any]], saidwhat_nlp: Language
) -> None:
    # Else the tests below could not tell which extractor a command ran.
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    assert_the_models_council_findings(expected["council-budget"], text)
    rules = next(extract_articles([Article("council-budget", text)], saidwhat_nlp)).to_dict()
    assert rules["quotes"] != expected["council-budget"]["quotes"]


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "worker-processes"])
def test_extract_runs_the_model(
    files: list[Path], expected: dict[str, dict[str, Any]], workers: int
) -> None:
    result = saidwhat("extract", *files, "--format", "jsonl", "--workers", workers)
    assert result.returncode == 0, result.stderr
    out = {a["id"]: a for a in map(json.loads, result.stdout.splitlines())}
    assert out == expected
    assert_the_models_council_findings(out["council-budget"], EXAMPLE_OWN.read_text("utf-8"))
    assert all(out[p.stem]["quotes"] for p in files)


def test_ingest_stores_what_the_model_finds(
    files: list[Path], expected: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    db = tmp_path / "archive.db"
    result = saidwhat("ingest", *files[:3], "--db", db, "--workers", 1)
    assert result.returncode == 0, result.stderr
    with Archive.open(db, readonly=True) as archive:
        assert archive.counts()["articles"] == 3
        for path in files[:3]:
            stored = archive.article(path.resolve().as_posix())
            assert stored is not None, path
            article = Article.from_dict(stored).to_dict()  # refuses a span that is not exact
            for part in ("quotes", "speakers"):
                assert article[part] == expected[path.stem][part], (path, part)
        council = archive.article(EXAMPLE_OWN.resolve().as_posix())
    assert council is not None
    assert_the_models_council_findings(council, council["text"])


def test_serve_runs_the_model(expected: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    body = {"id": "council-budget", "text": text}
    with (
        running_server(db=tmp_path / "archive.db", shipped=True) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        extracted = client.post("/v1/extract", json=body)
        stored = client.post("/v1/articles", json=body)  # loopback, no token: open
        quotes = client.get("/v1/quotes", params={"speaker": "Tom Brierley"})
    assert extracted.status_code == 200, extracted.text
    # a posted text's first line gives it a title, as a file's does
    assert extracted.json() == {**expected["council-budget"], "text": text}
    assert_the_models_council_findings(extracted.json(), text)
    assert stored.status_code == 201, stored.text
    assert_the_models_council_findings(stored.json()["article"], text)
    assert any("that's theatre" in q["text"] for q in quotes.json()["items"])
