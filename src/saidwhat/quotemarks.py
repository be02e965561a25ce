"""Quotation marks as newspapers use them.

Takes an article's text; gives its top-level quotations as Spans that include their
marks. Handles straight and curly double and single marks (an opening `"` may close
with `”`), `''...''` and ``...'' pairs, apostrophes that never end a quote (can't,
Corbyn's, voters'), a quote running over several paragraphs where only the last one
closes it, and an unclosed quote (it ends with its paragraph, never swallows the rest
of the article). Nested quotes stay inside their outer quotation. Also `quote_type`:
whether a quote's contents are a quotation (direct), hold one (mixed) or none (indirect).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from saidwhat.article import QuoteType, Span
from saidwhat.lexicon import PARAGRAPH_BREAK

# A double mark is one of these or two single marks written as one (`` and '').
DOUBLE_MARKS = frozenset({'"', "“", "”", "„", "‟", "«", "»", "``", "''", ",,"})
OPEN_ONLY = frozenset({"“", "„", "‟", "«", "``", ",,"})
CLOSE_ONLY = frozenset({"”", "»"})
_DOUBLE = re.compile(
    "|".join(re.escape(m) for m in sorted(DOUBLE_MARKS, key=lambda m: (-len(m), m)))
)
_SINGLE_OPEN = {"‘", "'", "`"}
_SINGLE_CLOSE = {"’", "'"}
# The same marks as characters, for what a span's own text holds (quote_type, the archive).
OPENING_CHARS = "".join(sorted(m for m in OPEN_ONLY | _SINGLE_OPEN | {'"'} if len(m) == 1))
CLOSING_CHARS = "".join(sorted(m for m in CLOSE_ONLY | _SINGLE_CLOSE | {'"'} if len(m) == 1))
DOUBLE_CHARS = "".join(sorted(m for m in DOUBLE_MARKS if len(m) == 1))
# A phrase in single marks, as British headlines quote ("Chief 'deeply sorry', says
# watchdog"): the opening mark follows a space or the start, the closing one precedes a
# space, punctuation or the end, and a mark between two letters inside is an apostrophe.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[]))[‘']\w(?:[^'‘’\n]|(?<=\w)['’](?=\w))*?[\w.,!?][’'](?=[\s.,;:!?)\]]|$)"
)
# A blank line, or a line break before a quotation mark (a new paragraph of quotation).
_PARAGRAPH = re.compile(PARAGRAPH_BREAK.pattern + r"|\n(?=\s*[\"“‘'«])")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted passage: `span` with its marks, `inner` without; `closed` is False when
    the article never closed it (the quotation then ends with its paragraph)."""

    span: Span
    inner: Span
    closed: bool


def find_quotations(text: str) -> list[Span]:
    """Top-level quotation spans, marks included, in text order."""
    return [q.span for q in quotations(text)]


def quotations(text: str) -> list[Quotation]:
    found = _double_quotations(text)
    taken = [(q.span.start, q.span.end) for q in found]
    found += [q for q in _single_quotations(text) if not _overlaps(q.span, taken)]
    found.sort(key=lambda q: q.span.start)
    return found


def _paragraph_ends(text: str) -> list[int]:
    ends = [m.start() for m in _PARAGRAPH.finditer(text)]
    ends.append(len(text))
    return ends


def _end_after(para_ends: list[int], position: int) -> int:
    """The end of the paragraph holding `position` (a binary search: articles are long)."""
    return para_ends[bisect_right(para_ends, position)]


def _opens(text: str, start: int, mark: str) -> bool:
    """Whether a straight mark at `start` opens: after a space or bracket, before a word."""
    if mark in OPEN_ONLY:
        return True
    if mark in CLOSE_ONLY:
        return False
    before = text[start - 1] if start else " "
    after = text[start + len(mark)] if start + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-:;/":
        return not after.isspace()
    return False


def _double_quotations(text: str) -> list[Quotation]:
    marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(text)]
    # '' only counts as a double mark where the text uses it that way, not "can''t".
    marks = [(s, m) for s, m in marks if m != "''" or _is_double_apostrophes(text, s)]
    # ,, is a low opening mark only at the start of a word after a space.
    marks = [(s, m) for s, m in marks if m != ",," or (s == 0 or text[s - 1].isspace())]
    para_ends = _paragraph_ends(text)
    found: list[Quotation] = []
    open_at: int | None = None
    open_len = 0
    first_open: int | None = None  # where a quote running over paragraphs began
    for start, mark in marks:
        if open_at is not None:
            para_end = _end_after(para_ends, open_at)
            if start >= para_end:
                # The paragraph ended unclosed. Newspapers reopen the next paragraph with
                # a mark when the same quote goes on: then keep it open across the break.
                if _starts_paragraph(text, start) and _opens(text, start, mark):
                    first_open = open_at if first_open is None else first_open
                    open_at, open_len = start, len(mark)
                    continue
                found.append(_quote(text, first_open or open_at, open_len, para_end, 0, False))
                open_at, first_open = None, None
        if open_at is None:
            if mark in CLOSE_ONLY and not _opens_anyway(text, start, mark):
                continue  # a stray closing mark: nothing to close
            open_at, open_len = start, len(mark)
            continue
        if mark in OPEN_ONLY and not _closes_anyway(text, start, mark):
            continue  # a nested or repeated opening mark inside the quote
        outer = first_open if first_open is not None else open_at
        found.append(_quote(text, outer, open_len, start + len(mark), len(mark), True))
        open_at, first_open = None, None
    if open_at is not None:
        para_end = _end_after(para_ends, open_at)
        outer = first_open if first_open is not None else open_at
        found.append(_quote(text, outer, open_len, para_end, 0, False))
    return [q for q in found if q.inner.text.strip()]


def _opens_anyway(text: str, start: int, mark: str) -> bool:
    # A closing mark used as an opening one (”Hello”) at the start of a word.
    return _opens(text, start, '"') and mark == "”"


def _closes_anyway(text: str, start: int, mark: str) -> bool:
    # An opening mark used as a closing one (“Hello“) after a word, before a space.
    after = text[start + len(mark) : start + len(mark) + 1]
    return mark == "“" and start > 0 and not text[start - 1].isspace() and not after.isalnum()


def _is_double_apostrophes(text: str, start: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[start + 2] if start + 2 < len(text) else " "
    return not (before.isalnum() and after.isalnum())


def _starts_paragraph(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return start > 0 and not text[line_start:start].strip()


def _quote(
    text: str, start: int, open_len: int, end: int, close_len: int, closed: bool
) -> Quotation:
    stripped_end = end
    while not closed and stripped_end > start and text[stripped_end - 1].isspace():
        stripped_end -= 1
    return Quotation(
        span=Span.of(text, start, stripped_end),
        inner=Span.of(text, start + open_len, stripped_end - close_len),
        closed=closed,
    )


_SINGLE = re.compile(r"[‘’'`]")
# 'em, 'til, 'cause, '90s: an apostrophe at the start of a word, not an opening mark.
_ELISION = re.compile(r"\d|(?:em|til|cause|n|tis|twas)\b", re.IGNORECASE)


def _single_quotations(text: str) -> list[Quotation]:
    """Single-quoted passages (UK style, headlines): an opening mark after a space or
    bracket and before a word, closed by a mark after a word and before a space or
    punctuation. Apostrophes inside words (can't, Corbyn's) are neither."""
    found: list[Quotation] = []
    para_ends = _paragraph_ends(text)
    open_at: int | None = None
    for m in _SINGLE.finditer(text):
        start, mark = m.start(), m.group()
        before = text[start - 1] if start else " "
        after = text[start + 1] if start + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # can't, Corbyn's
        if open_at is not None and start >= _end_after(para_ends, open_at):
            open_at = None  # an opening single mark never closed: it was an apostrophe
        if open_at is None:
            if (
                mark in _SINGLE_OPEN
                and _opens(text, start, "'")
                and not _ELISION.match(text, start + 1)
            ):
                open_at = start
            continue
        closes = mark in _SINGLE_CLOSE and not before.isspace() and not after.isalnum()
        if closes and not _is_plural_possessive(text, start):
            found.append(_quote(text, open_at, 1, start + 1, 1, True))
            open_at = None
    return [q for q in found if q.inner.text.strip()]


def _is_plural_possessive(text: str, start: int) -> bool:
    # voters' views: a closing mark after an s, then a space and a lower-case word.
    return text[start - 1 : start] == "s" and bool(re.match(r" [a-z]", text[start + 1 : start + 3]))


def _overlaps(span: Span, taken: list[tuple[int, int]]) -> bool:
    return any(span.start < e and s < span.end for s, e in taken)


def quote_type(contents: list[Span]) -> QuoteType:
    """direct: every content is one quotation; mixed: quotation marks (double, or single
    ones around a phrase) stand inside a content; indirect: none."""
    texts = [t for t in (c.text.strip() for c in contents) if t]
    if not texts:
        return "indirect"
    if all(_is_quotation(t) for t in texts):
        return "direct"
    if any(c in DOUBLE_CHARS for t in texts for c in t) or any("''" in t for t in texts):
        return "mixed"
    if any(_SINGLE_QUOTED.search(t) for t in texts):
        return "mixed"
    return "indirect"


def _is_quotation(text: str) -> bool:
    """Marks at both ends and none inside; or an opening double mark and no other, as a
    paragraph of a quote that runs on into the next one starts (only the last closes)."""
    body = text.rstrip(".,;:!? ")
    if len(body) < 2 or body[0] not in OPENING_CHARS or body[1].isspace():
        return False  # a mark with a space after it closes a quote: '" is very thoughtful'
    inner = body.lstrip(OPENING_CHARS).rstrip(CLOSING_CHARS)
    if any(c in DOUBLE_CHARS for c in inner):
        return False
    return body[-1] in CLOSING_CHARS or (body[0] in DOUBLE_CHARS and "''" not in body)
