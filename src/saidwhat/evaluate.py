"""Citron's evaluation of predicted attributions against gold, the speakers evaluation and
CofeNet's per-role metric on tags.

Takes gold and predicted Articles (or the folders and files they are kept in: PolNeAR's brat
layout, Citron JSON, our JSONL); gives a Report of exact-match and token-overlap precision,
recall and F1 for cues, sources, contents and whole quotes, overall (pooled counts) and per
article, as BBC Citron's citron/metrics.py defines them; and `score_speakers`, which scores
speaker names against gold lines of reference names; and `cofenet_scores`, CofeNet's exact
span F1 per role over paragraphs of BIO tags, which training selects with.

Citron's definitions, kept here:
- exact cue: a predicted quote is a TP when some gold quote has the same cue span, else an
  FP; a gold quote whose cue span no predicted quote has is an FN.
- exact source / content: the same, where a predicted and a gold quote agree when their
  cues overlap and the role's spans are the same: quotes are paired through the cue.
- exact quote: same cue, same sources and same contents.
- overlap: per role, tokens shared by predicted and gold spans over predicted tokens
  (precision) and over gold tokens (recall); quote sums the three roles' counts.
Where this differs from Citron, and why:
- span lists are compared sorted (Citron compares them in list order);
- overlap counts each token once per role and article (Citron sums over every predicted x
  gold quote pair, which counts a source shared by two quotes twice and can give precision
  above 1), and quote overlap has precision and recall the right way round (Citron swaps
  the two lengths there);
- cues overlap when they share a character (Citron's test also takes touching spans);
- two quotes without a cue agree on the cue (Citron's quotes always have one);
- tokens are runs of word characters and single other non-space characters, close to
  spaCy's tokens without needing a model.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from saidwhat.article import Article, Quote, Span
from saidwhat.formats import load_citron, load_polnear, read_brat
from saidwhat.lexicon import HONORIFICS, NAME_SUFFIXES
from saidwhat.model import tags
from saidwhat.model.features import paragraphs

if TYPE_CHECKING:  # only a type here: the span metric runs without spaCy (a GPU's trainer)
    from spacy.tokens import Doc

ROLES = ("cue", "source", "content", "quote")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_ROLE_SPANS: dict[str, Callable[[Quote], list[Span]]] = {
    "cue": lambda q: [q.cue] if q.cue else [],
    "source": lambda q: q.sources,
    "content": lambda q: q.contents,
}


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """One role's counts: exact-match tp/fp/fn and token overlap."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    overlap: int = 0
    pred_tokens: int = 0
    gold_tokens: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def exact(self) -> tuple[float, float, float]:
        return _prf(self.tp, self.tp + self.fp, self.tp + self.fn)

    def overlapping(self) -> tuple[float, float, float]:
        return _prf(self.overlap, self.pred_tokens, self.gold_tokens)

    def to_dict(self) -> dict[str, Any]:
        names = ("precision", "recall", "f1")
        return {
            "exact": {
                **dict(zip(names, self.exact(), strict=True)),
                "tp": self.tp,
                "fp": self.fp,
                "fn": self.fn,
            },
            "overlap": {
                **dict(zip(names, self.overlapping(), strict=True)),
                "overlap": self.overlap,
                "pred_tokens": self.pred_tokens,
                "gold_tokens": self.gold_tokens,
            },
        }


@dataclass
class Scores:
    """The counts of one article, or of many pooled."""

    gold_quotes: int = 0
    pred_quotes: int = 0
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def add(self, other: Scores) -> None:
        self.gold_quotes += other.gold_quotes
        self.pred_quotes += other.pred_quotes
        for role in ROLES:
            self.roles[role].add(other.roles[role])

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"gold_quotes": self.gold_quotes, "pred_quotes": self.pred_quotes}
        data.update({role: counts.to_dict() for role, counts in self.roles.items()})
        return data


@dataclass
class Report:
    """Pooled scores, the scores of each gold article (by id) and the articles not predicted."""

    overall: Scores
    articles: dict[str, Scores]
    missing: list[str]  # gold articles with no predicted article: scored as no quotes

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles_scored": len(self.articles),
            "missing_predictions": list(self.missing),
            "overall": self.overall.to_dict(),
            "articles": {key: scores.to_dict() for key, scores in self.articles.items()},
        }


def evaluate(gold: Iterable[Article], pred: Mapping[str, Article] | Iterable[Article]) -> Report:
    """Score predicted Articles (by id) against gold ones; a missing one predicts nothing."""
    by_id = dict(pred) if isinstance(pred, Mapping) else {a.id: a for a in pred}
    report = Report(Scores(), {}, [])
    for article in gold:
        predicted = by_id.get(article.id)
        if predicted is None:
            report.missing.append(article.id)
            predicted = Article(id=article.id, text=article.text)
        key = article.id
        if key in report.articles:  # the same article from another annotator
            key = f"{article.id}_{article.meta.get('annotator', len(report.articles))}"
        report.articles[key] = scores = score_article(article, predicted)
        report.overall.add(scores)
    return report


def score_article(gold: Article, pred: Article) -> Scores:
    """Citron's counts for one article's predicted quotes against its gold quotes."""
    if gold.text != pred.text:
        raise ValueError(f"{gold.id}: the predicted article's text is not the gold text")
    scores = Scores(gold_quotes=len(gold.quotes), pred_quotes=len(pred.quotes))
    agree = {
        "cue": lambda p, g: _key(p.cue) == _key(g.cue),
        "source": lambda p, g: _cues_meet(p, g) and _keys(p.sources) == _keys(g.sources),
        "content": lambda p, g: _cues_meet(p, g) and _keys(p.contents) == _keys(g.contents),
        "quote": lambda p, g: all(agree[r](p, g) for r in ("cue", "source", "content")),
    }
    for role, same in agree.items():
        counts = scores.roles[role]
        counts.tp = sum(any(same(p, g) for g in gold.quotes) for p in pred.quotes)
        counts.fp = len(pred.quotes) - counts.tp
        counts.fn = sum(not any(same(p, g) for p in pred.quotes) for g in gold.quotes)
    tokens = _tokenizer(gold.text)
    quote = scores.roles["quote"]
    for role, spans_of in _ROLE_SPANS.items():
        predicted = tokens(s for q in pred.quotes for s in spans_of(q))
        actual = tokens(s for q in gold.quotes for s in spans_of(q))
        shared = Counts(
            overlap=len(predicted & actual), pred_tokens=len(predicted), gold_tokens=len(actual)
        )
        scores.roles[role].add(shared)
        quote.add(shared)
    return scores


def _key(span: Span | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span else None


def _keys(spans: list[Span]) -> list[tuple[int, int]]:
    return sorted((s.start, s.end) for s in spans)


def _cues_meet(p: Quote, g: Quote) -> bool:
    if p.cue is None or g.cue is None:
        return p.cue is None and g.cue is None
    return p.cue.overlaps(g.cue)


def _tokenizer(text: str) -> Callable[[Iterable[Span]], set[int]]:
    """The indices of the tokens that some of the given spans touch."""
    starts, ends = [], []
    for m in _TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())

    def tokens(spans: Iterable[Span]) -> set[int]:
        found: set[int] = set()
        for span in spans:
            found.update(range(bisect_right(ends, span.start), bisect_left(starts, span.end)))
        return found

    return tokens


def report_table(report: Report) -> Table:
    """The overall scores as a rich Table, in percent."""
    o = report.overall
    title = (
        f"{len(report.articles)} articles: {o.gold_quotes} gold quotes, {o.pred_quotes} predicted"
    )
    if report.missing:
        title += f" ({len(report.missing)} articles without predictions)"
    table = Table(title=title)
    table.add_column("")
    for column in ("exact P", "R", "F1", "tp", "fp", "fn", "overlap P", "R", "F1"):
        table.add_column(column, justify="right")
    for role, counts in o.roles.items():
        exact = [f"{100 * x:.1f}" for x in counts.exact()]
        overlap = [f"{100 * x:.1f}" for x in counts.overlapping()]
        table.add_row(role, *exact, str(counts.tp), str(counts.fp), str(counts.fn), *overlap)
    return table


def per_article_table(report: Report) -> Table:
    """Exact F1 per role for each article, in percent."""
    table = Table(title="per article (exact F1)")
    for column in ("article", "gold", "pred", *ROLES):
        table.add_column(column, justify="left" if column == "article" else "right")
    for key, scores in report.articles.items():
        f1s = [f"{100 * scores.roles[r].exact()[2]:.1f}" for r in ROLES]
        table.add_row(key, str(scores.gold_quotes), str(scores.pred_quotes), *f1s)
    return table


def load_gold(path: Path) -> list[Article]:
    """Gold Articles: a PolNeAR-layout folder (text/ and attributions/, the first .ann of each
    article in name order) or a folder of Citron JSON files that hold their text."""
    path = Path(path)
    if (path / "attributions").is_dir():
        return list(load_polnear(path, "first"))
    return list(load_citron(path))


def load_predictions(path: Path, gold: Iterable[Article]) -> dict[str, Article]:
    """Predicted Articles by id, from a folder of Citron JSON (NAME.json) or brat (NAME.ann, or
    PolNeAR's layout) files, or a JSONL file of `saidwhat extract` output. A prediction
    without its text takes the gold article's; one for an article the gold does not have is
    left out (there is nothing to score it against: `extract` may have run on more)."""
    path = Path(path)
    texts = {str(a.id): a.text for a in gold}
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        found = (json.loads(line) for line in lines if line.strip())
        return {
            str(d["id"]): Article.from_dict(d, d.get("text", texts.get(str(d["id"]))))
            for d in found
            if "text" in d or str(d["id"]) in texts
        }
    if (path / "attributions").is_dir():
        return {a.id: a for a in load_polnear(path, "first")}
    predicted = {a.id: a for a in load_citron(path, texts)}
    for ann in sorted(path.glob("*.ann")):
        if ann.stem in texts:
            text = texts[ann.stem]
            predicted[ann.stem] = read_brat(text, ann.read_text(encoding="utf-8"), ann.stem)
    return predicted


_ARTICLES = {"the", "a", "an"}


def normalise_name(name: str) -> list[str]:
    """A name's words, lower case, without punctuation, honorifics (Mr, Dr, ...) or a leading
    article ("the White House" is "White House")."""
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    words = [w for w in words if w not in HONORIFICS]
    return words[1:] if len(words) > 1 and words[0] in _ARTICLES else words


def _surname(name: str) -> str:
    words = [w for w in normalise_name(name) if w not in NAME_SUFFIXES]
    return words[-1] if words else ""


def load_speaker_gold(path: Path) -> list[dict[str, Any]]:
    """Speaker gold lines (JSONL): {"id", "text"?, "quotes": [{"start", "end", "reference"}]}."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score_speakers(
    gold_lines: Iterable[Mapping[str, Any]], predicted: Mapping[str, Article]
) -> dict[str, Any]:
    """Who said it: quotes found, and the speaker named for each, against reference names.

    A gold quote is found when one predicted quote's contents cover more than 30% of its
    characters; a predicted quote is right when it covers that much of some gold quote. The
    predicted speaker is the quote's speaker's name, else its sources' text. Names agree when
    equal after normalise_name; surnames when their last words agree. Shares are given over
    the found quotes and end to end (over every gold quote).
    """
    gold = pred = right = found = names = surnames = 0
    missing = []
    for line in gold_lines:
        article = predicted.get(str(line["id"]))
        if article is None:
            missing.append(line["id"])
        elif "text" in line and line["text"] != article.text:
            raise ValueError(f"{line['id']}: the predicted article's text is not the gold text")
        quotes = article.quotes if article else []
        refs = [(int(q["start"]), int(q["end"]), str(q["reference"])) for q in line["quotes"]]
        gold += len(refs)
        pred += len(quotes)
        right += sum(any(_cover(q, s, e) > 0.3 for s, e, _ in refs) for q in quotes)
        for start, end, reference in refs:
            best = max(quotes, key=lambda q: _cover(q, start, end), default=None)
            if best is None or _cover(best, start, end) <= 0.3:
                continue
            found += 1
            speaker = article.speaker(best.speaker_id) if article else None
            name = speaker.name if speaker else " ".join(s.text for s in best.sources)
            words = normalise_name(name)
            names += bool(words) and words == normalise_name(reference)
            surnames += bool(words) and _surname(name) == _surname(reference)
    precision = right / pred if pred else 0.0
    recall = found / gold if gold else 0.0
    return {
        "gold_quotes": gold,
        "pred_quotes": pred,
        "found": found,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "name_found": names / found if found else 0.0,
        "surname_found": surnames / found if found else 0.0,
        "name_end_to_end": names / gold if gold else 0.0,
        "surname_end_to_end": surnames / gold if gold else 0.0,
        "missing_predictions": missing,
    }


def _cover(quote: Quote, start: int, end: int) -> float:
    """The share of [start, end) that the quote's contents cover."""
    if end <= start:
        return 0.0
    covered, reach = 0, start
    for c in sorted(quote.contents):
        low, high = max(c.start, reach), min(c.end, end)
        if high > low:
            covered, reach = covered + high - low, high
    return covered / (end - start)


def cofenet_scores(
    items: Iterable[tuple[Doc, Sequence[str], Sequence[Sequence[str]]]],
) -> dict[str, dict[str, float]]:
    """CofeNet's metric on tags: exact span P/R/F1 per role, pooled over paragraphs and
    annotators. Each item is a parsed Doc, the predicted BIO tag of each token and the gold
    tags of each annotator (as `model.tags.token_roles` makes them)."""
    return paragraph_span_scores(
        ([pred[i] for i in para], [[labels[i] for i in para] for labels in golds])
        for doc, pred, golds in items
        for para in paragraphs(doc)
    )


def paragraph_span_scores(
    items: Iterable[tuple[Sequence[str], Sequence[Sequence[str]]]],
) -> dict[str, dict[str, float]]:
    """CofeNet's metric (`cofenet_scores`) on paragraphs given as their tags: each item is
    one paragraph's predicted BIO tags and each annotator's."""
    counts = {r: Counter() for r in tags.ROLES}
    for pred, golds in items:
        index = range(len(pred))
        p_spans = set(tags.spans_of(pred, index))
        for labels in golds:
            g_spans = set(tags.spans_of(labels, index))
            for role in tags.ROLES:
                g = {s for s in g_spans if s[0] == role}
                p = {s for s in p_spans if s[0] == role}
                counts[role]["tp"] += len(g & p)
                counts[role]["fp"] += len(p - g)
                counts[role]["fn"] += len(g - p)
    scores = {}
    for role, c in counts.items():
        prec = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        scores[role] = {"p": round(prec, 4), "r": round(rec, 4), "f1": round(f1, 4)}
    return scores
