"""Attributions that the layout marks, not the words: speaker lines and dash signatures.

Takes a parsed spaCy Doc, one paragraph's token indices and its BIO tags, one per token of
the paragraph (as the tagger writes them); gives the tags rewritten where the paragraph has
one of two shapes that a sequence model over words misses:

- a speaker line, `NAME: words` at the start of a paragraph: a headline ("Pence: Flowers
  won't be at debate") when NAME is a person or organisation, or a transcript line
  (`"WALLACE: Let's start ...`) when NAME is in capitals and the article has at least
  three such lines, one speaker's twice. NAME is the source, the colon the cue, the rest
  the content;
- a dash signature after a quotation (`... ” ― Sonya Herridge`): the dash is the cue and
  the name the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

OPEN = {'"', "“", "‘", "'", "``"}
CLOSE = {'"', "”", "’", "'", "''"}
DASHES = {"―", "—", "--", "”―", "”—"}
NAMED = {"PERSON", "ORG"}
# Headings that take a colon in news and are nobody's words.
NOT_SPEAKERS = {
    "update",
    "updated",
    "note",
    "editor",
    "editors",
    "photo",
    "photos",
    "video",
    "watch",
    "read",
    "related",
    "source",
    "sources",
    "breaking",
    "exclusive",
    "live",
    "opinion",
    "analysis",
    "correction",
    "clarification",
    "transcript",
    "email",
    "byline",
}
MAX_NAME = 4  # tokens before the colon


def transcript(doc: Doc, paragraphs: Sequence[Sequence[int]]) -> bool:
    """Whether the article reads as a transcript: three or more `CAPITALS:` lines, one
    speaker's on two of them at least (`BOULDUAN:` after `KATE BOULDUAN:`). A market
    roundup's `BONDS:`, `ENERGY:`, `OVERSEAS:` each head one section, and headings
    (`WATCH:`) are no speakers."""
    speakers: list[str] = []
    for para in paragraphs:
        j = _colon_at(doc, para)
        if j is not None and _capitals(name := _name(doc, para, j)):
            speakers.append(name[-1].lower_)
    return len(speakers) >= 3 and len(set(speakers)) < len(speakers)


def apply(doc: Doc, para: Sequence[int], labels: list[str], is_transcript: bool) -> bool:
    """Rewrite `labels` (one per token of `para`) for a layout attribution; True if any was
    found."""
    found = _speaker_line(doc, para, labels, is_transcript)
    return _dash_signature(doc, para, labels) or found


def _colon_at(doc: Doc, para: Sequence[int]) -> int | None:
    """Position in `para` of a colon that follows 1 to MAX_NAME opening tokens, none of
    them a heading's word (`WATCH:`)."""
    k = _opening(doc, para)
    for j in range(k + 1, min(k + MAX_NAME + 1, len(para) - 2)):
        if doc[para[j]].text == ":":
            return None if any(t.lower_ in NOT_SPEAKERS for t in _name(doc, para, j)) else j
    return None


def _opening(doc: Doc, para: Sequence[int]) -> int:
    return 1 if doc[para[0]].text in OPEN else 0


def _name(doc: Doc, para: Sequence[int], j: int) -> list[Token]:
    """The tokens before the colon at `j`, after any opening quotation mark."""
    return [doc[i] for i in para[_opening(doc, para) : j]]


def _capitals(name: list[Token]) -> bool:
    return all(t.is_upper and t.is_alpha and len(t) > 1 for t in name)


def _speaker_line(doc: Doc, para: Sequence[int], labels: list[str], is_transcript: bool) -> bool:
    j = _colon_at(doc, para)
    if j is None:
        return False
    name = _name(doc, para, j)
    named = all(t.ent_type_ in NAMED for t in name)
    words = [i for i in para[j + 1 :] if doc[i].is_alpha]
    if not (named or (is_transcript and _capitals(name))) or len(words) < 2:
        return False
    k = _opening(doc, para)
    labels[:k] = ["O"] * k
    _tag(labels, range(k, j), "source")
    labels[j] = "B-cue"
    _tag(labels, range(j + 1, len(para)), "content")
    return True


def _dash_signature(doc: Doc, para: Sequence[int], labels: list[str]) -> bool:
    found = False
    for n, i in enumerate(para[:-1]):
        dash = doc[i]
        if dash.text not in DASHES or labels[n] != "O":
            continue
        after_quote = (n > 0 and doc[para[n - 1]].text in CLOSE) or dash.text[0] in CLOSE
        if not after_quote or not _name_word(doc[para[n + 1]]):
            continue
        m = n + 1
        while m < len(para) and (_name_word(doc[para[m]]) or _initial(doc[para[m]])):
            m += 1
        labels[n] = "B-cue"
        _tag(labels, range(n + 1, m), "source")
        found = True
    return found


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.lower_ not in NOT_SPEAKERS


def _initial(tok: Token) -> bool:
    """A middle initial: "G." in "Edwin G. Monroy"."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _tag(labels: list[str], positions: range, role: str) -> None:
    for k in positions:
        labels[k] = ("B-" if k == positions.start else "I-") + role
