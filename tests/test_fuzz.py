"""Property-based tests of the whole pipeline on mutated real paragraphs (issue 17).

Both extractors, the shipped trained model and the rules, run on our own paragraphs
(tests/data/fuzz_seeds.txt) and PolNeAR dev's, mutated by tests/mutations.py: quotation
marks, typo possessives, cut and shuffled text, capitals, lists, datelines, bylines, photo
credits, long tokens, every Unicode category and mixed scripts. Whatever comes in, no
exception, spans exact, speaker ids resolving and confidences in 0..1.

This is the bounded profile `make test` runs: derandomized, so every run tries the same
examples. `scripts/fuzz.py --minutes N` draws from the same strategies for longer.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from tests.mutations import (
    CATEGORIES,
    as_input,
    category_sample,
    check_article,
    mutated,
    seed_paragraphs,
)

from saidwhat.article import Article
from saidwhat.pipeline import Settings, extract, extract_articles, load
from saidwhat.reading import InputError, read_bytes

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = seed_paragraphs()
Case = tuple[str, list[str]]  # a mutated text and the mutations that made it


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    """The shipped default: the trained model (conftest picks the rules for the suite)."""
    return load(Settings(extractor="model"))


@pytest.fixture(scope="module")
def rules_nlp() -> Language:
    return load(Settings(extractor="rules"))


@BOUNDED
@given(mutated(SEEDS))
def test_the_model_survives_mutated_paragraphs(model_nlp: Language, case: Case) -> None:
    text, _ = case
    check_article(extract(text, model_nlp), text)


@BOUNDED
@given(mutated(SEEDS))
def test_the_rules_survive_mutated_paragraphs(rules_nlp: Language, case: Case) -> None:
    text, _ = case
    check_article(extract(text, rules_nlp), text)


@settings(BOUNDED, max_examples=20)
@given(st.lists(mutated(SEEDS), min_size=1, max_size=4), st.sampled_from([300, 2_000, 100_000]))
def test_batches_and_long_texts_cut_in_pieces_survive(
    model_nlp: Language, cases: list[Case], chunk_chars: int
) -> None:
    """extract_articles: several articles a batch, and texts parsed in pieces and merged."""
    articles = [Article(id=str(k), text=text) for k, (text, _) in enumerate(cases)]
    done = list(extract_articles(articles, model_nlp, batch_size=2, chunk_chars=chunk_chars))
    assert [a.id for a in done] == [a.id for a in articles]
    for article, (text, _) in zip(done, cases, strict=True):
        check_article(article, text)


@settings(BOUNDED, max_examples=20)
@given(as_input(SEEDS))
def test_inputs_as_the_cli_reads_them_survive(
    rules_nlp: Language, case: tuple[bytes, str, list[str]]
) -> None:
    """The reader first (plain text, HTML, JSONL, sniffed or not), then the pipeline on the
    text it kept: an input is an Article or a reason it is not, never an exception."""
    data, suffix, _ = case
    for item in read_bytes(data, "fuzz" + suffix, "fuzz", suffix):
        assert isinstance(item, Article | InputError)
        if isinstance(item, Article):
            check_article(extract(item.text, rules_nlp), item.text)


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_unicode_category_inside_a_quote_and_a_name(
    model_nlp: Language, rules_nlp: Language, category: str
) -> None:
    """Characters of each general category (surrogates aside) between words, inside a
    quotation, glued to a name and on a line of their own."""
    chars = category_sample(category)
    text = (
        f'"We will {chars} not back down," said Premier{chars} Janet Ruiz on Tuesday.\n\n'
        f"{chars}\n\nShe added that the deal was “{chars}” and Ruiz’s{chars} critics were wrong."
    )
    for nlp in (model_nlp, rules_nlp):
        check_article(extract(text, nlp), text)


def test_a_stray_possessive_after_a_title_found_by_fuzzing(
    model_nlp: Language, rules_nlp: Language
) -> None:
    """scripts/fuzz.py's possessive mutation, run on the code before a02a04f, shrank the
    crash of issue 17 to this shape in two minutes (ValueError from speakers'
    _affiliations_in, on an empty run of words before the name); written anew here."""
    text = "It was under Mr. ’s Holm's watch that the company built the pipeline, he said."
    for nlp in (model_nlp, rules_nlp):
        article = extract(text, nlp)
        check_article(article, text)
        [quote] = article.quotes
        assert quote.cue is not None and quote.cue.text == "said"
        assert article.speaker(quote.speaker_id).name == "Holm"
