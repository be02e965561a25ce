"""Formats in and out: PolNeAR's brat standoff, BBC Citron's JSON, JSONL and CSV.

Takes Articles (or brat/Citron files and the article text); gives strings, dicts and
rows in each format, and Articles back from brat and Citron. Reading keeps offsets
exact: a span whose text disagrees with the article is an error, never a silent fix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.quotemarks import quote_type

_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_ROLES = ("Cue", "Source", "Content")


def read_brat(text: str, ann: str, article_id: str = "") -> Article:
    """PolNeAR brat standoff (Source, Cue, Content textbounds tied by Attribution events).

    Repeated roles (Content2) add their spans to the role; several cue fragments become one
    cue from the first to the last; an event with no cue, source or content is dropped.
    """
    lines = ann.split("\n")  # not splitlines(): a span's text may hold U+2028 and the like
    bounds: dict[str, list[Span]] = {}
    for line in lines:
        if m := _TEXTBOUND.match(line):
            tid, _, offsets, written = m.groups()
            spans = [Span.of(text, *map(int, part.split())) for part in offsets.split(";")]
            raw = " ".join(s.text for s in spans)
            # brat leaves a newline inside a span raw, so the line holds only its first part
            if written not in (_one_line(raw), raw.split("\n")[0]):
                raise ValueError(f"{article_id} {tid}: {written!r} but the text has {raw!r}")
            bounds[tid] = spans
    quotes: list[Quote] = []
    for line in lines:
        if not (m := _EVENT.match(line)):
            continue
        roles: dict[str, list[Span]] = {role: [] for role in _ROLES}
        for arg in m.group(2).split():
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")  # brat numbers repeated roles: Content2
            if role in roles and ref in bounds:
                roles[role].extend(bounds[ref])
        if not any(roles.values()):
            continue
        cues = sorted(roles["Cue"])
        contents = sorted(roles["Content"])
        quotes.append(
            Quote(
                cue=Span.of(text, cues[0].start, cues[-1].end) if cues else None,
                sources=sorted(roles["Source"]),
                contents=contents,
                type=quote_type(contents),
            )
        )
    quotes.sort(key=lambda q: q.start)
    return Article(id=article_id, text=text, quotes=quotes)


def write_brat(article: Article) -> str:
    """PolNeAR-style brat standoff: one Attribution event per quote, as read_brat reads it.

    A role's spans go into one discontinuous textbound; spans that overlap an earlier one go
    into another, with the role numbered as brat does (Content2). The Attribution trigger
    sits on the cue (PolNeAR calls it Attribution-no-source when there is no source). A quote
    with no span is left out; type, confidence and speakers have no place in PolNeAR's scheme.
    """
    lines: list[str] = []
    ids = count(1)

    def textbound(label: str, spans: list[Span]) -> str:
        tid = f"T{next(ids)}"
        offsets = ";".join(f"{s.start} {s.end}" for s in spans)
        lines.append(f"{tid}\t{label} {offsets}\t{_one_line(' '.join(s.text for s in spans))}")
        return tid

    for number, quote in enumerate((q for q in article.quotes if q.spans()), 1):
        roles = {"Cue": [quote.cue] if quote.cue else [], "Source": quote.sources}
        roles["Content"] = quote.contents
        args: list[str] = []
        for role, spans in roles.items():
            for n, group in enumerate(_disjoint_groups(spans), 1):
                args.append(f"{role}{n if n > 1 else ''}:{textbound(role, group)}")
        trigger = "Attribution" if quote.sources else "Attribution-no-source"
        args.insert(0, f"{trigger}:{textbound(trigger, [quote.cue or min(quote.spans())])}")
        lines.append(f"E{number}\t{' '.join(args)}")
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _disjoint_groups(spans: list[Span]) -> list[list[Span]]:
    """Spans packed into as few ordered, non-overlapping lists as brat fragments need."""
    groups: list[list[Span]] = []
    for span in sorted(spans):
        group = next((g for g in groups if g[-1].end <= span.start), None)
        if group is None:
            groups.append([span])
        else:
            group.append(span)
    return groups


def to_citron(article: Article, include_text: bool = True) -> dict[str, Any]:
    """BBC Citron's JSON for one article (docs/data_format.md; citron/data.py Quote.to_json).

    Each quote has cue, sources, contents, coreferences (the earliest mention of the quote's
    speaker when its text differs from the sources', as Citron's PARC converter makes them)
    and confidence (a string with 4 decimals, as Citron writes it). Speakers with two or more
    mentions become `coreference_groups`. With `include_text` the file is also a Citron
    annotation file that Citron's own trainer and evaluator can read. (Citron's extractor,
    once it resolves a pronoun, writes the antecedent into "sources" and the pronoun into
    "coreferences"; here "sources" always holds the quote's own source spans.)
    """
    data: dict[str, Any] = {"text": article.text} if include_text else {}
    quotes = []
    for quote in article.quotes:
        speaker = article.speaker(quote.speaker_id)
        coreferences = []
        if speaker and speaker.mentions and quote.sources:
            first = min(speaker.mentions)
            if all(s.text != first.text for s in quote.sources):
                coreferences.append(first.to_dict())
        quotes.append(
            {
                "cue": quote.cue.to_dict() if quote.cue else None,
                "sources": [s.to_dict() for s in quote.sources],
                "contents": [c.to_dict() for c in quote.contents],
                "coreferences": coreferences,
                "confidence": f"{quote.confidence:.4f}",
            }
        )
    data["quotes"] = quotes
    groups = [sorted(s.mentions) for s in article.speakers if len(s.mentions) > 1]
    if groups:
        data["coreference_groups"] = [[m.to_dict() for m in group] for group in groups]
    return data


def from_citron(data: dict[str, Any], text: str | None = None, article_id: str = "") -> Article:
    """An Article from Citron's JSON (`text` defaults to the file's own "text").

    Each coreference group becomes a Speaker named by its earliest mention; a quote whose
    source or coreference is one of a group's mentions gets that speaker.
    """
    text = data["text"] if text is None else text
    speakers = []
    for number, group in enumerate(data.get("coreference_groups") or [], 1):
        mentions = sorted(Span.from_dict(m, text) for m in group)
        if mentions:
            speakers.append(Speaker(id=f"c{number}", name=mentions[0].text, mentions=mentions))
    quotes = []
    for item in data.get("quotes") or []:
        quote = Quote.from_dict(item, text)
        if "type" not in item:
            quote.type = quote_type(quote.contents)
        named = quote.sources + [Span.from_dict(c, text) for c in item.get("coreferences") or []]
        quote.speaker_id = next(
            (s.id for s in speakers if any(m.overlaps(n) for m in s.mentions for n in named)),
            quote.speaker_id,
        )
        quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    return Article(id=article_id, text=text, quotes=quotes, speakers=speakers)


def load_citron(folder: Path, texts: dict[str, str] | None = None) -> Iterator[Article]:
    """Articles from a folder of Citron JSON files, NAME.json -> id NAME, in name order.

    A file without "text" takes `texts[NAME]`; with neither it is an error.
    """
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data.get("text") or (texts or {}).get(path.stem)
        if text is None:
            raise ValueError(f"{path}: no text in the file and none given for {path.stem!r}")
        yield from_citron(data, text, path.stem)


def to_jsonl_line(article: Article, include_text: bool = False) -> str:
    """One line of JSONL: `{"id", ...meta, "quotes", "speakers"}` (Article.to_dict)."""
    return json.dumps(article.to_dict(include_text=include_text), ensure_ascii=False)


CSV_FIELDS = [
    "article_id",
    "quote",
    "type",
    "cue_kind",
    "confidence",
    "speaker_id",
    "speaker",
    "speaker_kind",
    "speaker_gender",
    "speaker_gender_basis",
    "speaker_titles",
    "speaker_affiliations",
    "cue",
    "cue_start",
    "cue_end",
    "sources",
    "source_offsets",
    "contents",
    "content_offsets",
]


def speaker_profile(speaker: Speaker | None) -> dict[str, Any]:
    """What a flat row of a quote (CSV, Spark) says of its speaker beyond the name: kind,
    gender with its basis, titles and affiliations (None and [] for no speaker)."""
    return {
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_gender": speaker.gender if speaker else None,
        "speaker_gender_basis": speaker.gender_basis if speaker else None,
        "speaker_titles": list(speaker.titles) if speaker else [],
        "speaker_affiliations": list(speaker.affiliations) if speaker else [],
    }


def csv_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per quote; a role's spans joined by " … ", their offsets as "start:end;...",
    a speaker's titles and affiliations by "; "."""
    for number, quote in enumerate(article.quotes, 1):
        speaker = article.speaker(quote.speaker_id)
        profile = {
            k: "; ".join(v) if isinstance(v, list) else v or ""
            for k, v in speaker_profile(speaker).items()
        }
        yield {
            "article_id": article.id,
            "quote": number,
            "type": quote.type,
            "cue_kind": quote.cue_kind,
            "confidence": round(quote.confidence, 4),
            "speaker_id": speaker.id if speaker else "",
            "speaker": speaker.name if speaker else "",
            **profile,
            "cue": quote.cue.text if quote.cue else "",
            "cue_start": quote.cue.start if quote.cue else "",
            "cue_end": quote.cue.end if quote.cue else "",
            "sources": " … ".join(s.text for s in quote.sources),
            "source_offsets": ";".join(f"{s.start}:{s.end}" for s in quote.sources),
            "contents": " … ".join(c.text for c in quote.contents),
            "content_offsets": ";".join(f"{c.start}:{c.end}" for c in quote.contents),
        }


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
