"""Linking: takes a paragraph's predicted spans (`Found`); gives them grouped into quotes,
each source and content with the cue it belongs to (a cue with no source shares the one
before it in its sentence), as exact character spans."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from saidwhat.article import Quote, Span


@dataclass(slots=True)
class Found:
    """One predicted span: its role, its token range [first, last] in the Doc and the
    mean marginal probability of its tags."""

    role: str
    first: int
    last: int
    prob: float


def share_sources(doc: Doc, quotes: list[Quote]) -> None:
    """A cue with no source of its own ("..., and added that ...") shares the source of
    the nearest cue before it in the same sentence."""
    for k, quote in enumerate(quotes):
        if quote.sources or quote.cue is None:
            continue
        sent = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand").sent
        for other in reversed(quotes[:k]):
            if other.cue and other.sources and sent.start_char <= other.cue.start:
                quote.sources = list(other.sources)
                break


def char_span(text: str, doc: Doc, f: Found) -> Span:
    last = doc[f.last]
    return Span.of(text, doc[f.first].idx, last.idx + len(last.text))


def nearest_cue(doc: Doc, f: Found, cues: list[Found]) -> Found | None:
    """The cue a source or content belongs to: one its words depend on, else the nearest
    in the same sentence, else the nearest in the paragraph."""
    if not cues:
        return None
    for i in range(f.first, f.last + 1):
        head = doc[i].head.i
        for c in cues:
            if c.first <= head <= c.last:
                return c
    sent = doc[f.first].sent
    same = [c for c in cues if sent.start <= c.first < sent.end]

    def gap(c: Found) -> int:
        return max(c.first - f.last, f.first - c.last)

    return min(same or cues, key=gap)
