"""Formats in and out: PolNeAR's brat standoff, BBC Citron's JSON, JSONL and CSV.

Takes Articles (or brat/Citron files and the article text); gives strings, dicts and
rows in each format, and Articles back from brat and Citron. Reading keeps offsets
exact: a span whose text disagrees with the article is an error, never a silent fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from saidwhat.article import Article, Quote, Span

_TEXTBOUND = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t(.*)$")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")


def read_brat(text: str, ann: str, article_id: str = "") -> Article:
    """PolNeAR brat standoff (Source, Cue, Content textbounds tied by Attribution events)."""
    bounds: dict[str, tuple[str, list[Span]]] = {}
    quotes: list[Quote] = []
    for line in ann.splitlines():
        if m := _TEXTBOUND.match(line):
            tid, label, offsets, _ = m.groups()
            spans = []
            for part in offsets.split(";"):
                start, end = (int(x) for x in part.split())
                spans.append(Span.of(text, start, end))
            bounds[tid] = (label, spans)
    for line in ann.splitlines():
        if not (m := _EVENT.match(line)):
            continue
        roles: dict[str, list[Span]] = {"Cue": [], "Source": [], "Content": []}
        for arg in m.group(2).split():
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")  # brat numbers repeated roles: Source2
            if role in roles and ref in bounds:
                roles[role].extend(bounds[ref][1])
        cues = sorted(roles["Cue"])
        cue = Span.of(text, cues[0].start, cues[-1].end) if cues else None
        contents = sorted(roles["Content"])
        quotes.append(
            Quote(
                cue=cue,
                sources=sorted(roles["Source"]),
                contents=contents,
                type=quote_type(contents),
            )
        )
    quotes.sort(key=lambda q: q.start)
    return Article(id=article_id, text=text, quotes=quotes)


def quote_type(contents: list[Span]) -> str:
    """direct: the content is all inside quotation marks; mixed: partly; indirect: none."""
    joined = " ".join(c.text for c in contents).strip()
    marks = sum(joined.count(c) for c in "\"“”«»") + joined.count("''")
    if not marks:
        return "indirect"
    if joined[:1] in "\"“«'‘" and joined.rstrip(".,;:!? ")[-1:] in "\"”»'’" and marks <= 2:
        return "direct"
    return "mixed"


def polnear_files(split_dir: Path, annotator: str = "first") -> Iterator[tuple[Path, Path]]:
    """(text, ann) pairs of a PolNeAR split; `annotator` first (name order) or all."""
    text_dir, ann_dir = Path(split_dir) / "text", Path(split_dir) / "attributions"
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        for ann_path in anns if annotator == "all" else anns[:1]:
            yield text_path, ann_path


def load_polnear(split_dir: Path, annotator: str = "first") -> Iterator[Article]:
    """Gold Articles of a PolNeAR split folder (with `text/` and `attributions/`)."""
    for text_path, ann_path in polnear_files(split_dir, annotator):
        text = text_path.read_text(encoding="utf-8")
        article = read_brat(text, ann_path.read_text(encoding="utf-8"), text_path.stem)
        article.meta["annotator"] = ann_path.stem[len(text_path.stem) + 1 :]
        yield article
