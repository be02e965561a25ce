"""Mutations of real news paragraphs, as hypothesis strategies, and the pipeline's invariants.

Used by tests/test_fuzz.py (a bounded, derandomized profile in `make test`) and by
scripts/fuzz.py (the same strategies for as long as it is given). `mutated(seeds)` draws one
to four seed paragraphs and applies one to four mutations from MUTATIONS, composed in the
order drawn; it gives (text, kinds). `check_article` asserts what must hold of any output.
"""

from __future__ import annotations

import html
import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from saidwhat import formats
from saidwhat.article import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "fuzz_seeds.txt"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"

Draw = st.DrawFn
Mutation = Callable[[Draw, str], str]

# Every quotation mark and apostrophe newspapers and keyboards produce, the two-character
# ones (`` '' ,,) included: those quotemarks.py knows and a few it does not (‹ › ‚ ‛ 「 」).
MARKS = [
    *"\"'`“”‘’«»„‟‹›‚‛「」『』〝〞＂＇″′",
    "``",
    "''",
    ",,",
    "' '",
    "“ ",
    " ”",
]
_MARK_CHARS = set("\"'`“”‘’«»„‟‹›‚‛「」『』〝〞＂＇″′")
# Unicode's general categories, surrogates (Cs) left out: they cannot be encoded as UTF-8,
# so no input can carry one.
CATEGORIES = [
    *("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No"),
    *("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"),
    *("Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn"),
]
SCRIPT_WORDS = [
    "Москва",
    "Владимир Путин",
    "сказал",
    "«Мы не сдадимся»",
    "قال",
    "الرئيس محمد",
    "«لن نتراجع»",
    "北京",
    "习近平",
    "他说",
    "「我们不会让步」",
    "नई दिल्ली",
    "नरेंद्र मोदी",
    "कहा",
    "אמר",
    "Αθήνα",
    "είπε",
    "กรุงเทพ",
    "서울",
    "東京「大丈夫」",
    "👍🏽",
    "🇨🇦",
    "e\u0301te\u0301",
    "Zoë Đoković",
]
DATELINES = [
    "OTTAWA —",
    "OTTAWA — ",
    "LONDON (Reuters) -",
    "WASHINGTON, Jan. 5 (AP) —",
    "ST. JOHN'S, N.L. —",
    "MONTRÉAL –",
    "KYIV, Ukraine —",
    "BEIJING:",
    "Toronto, Ont. -- ",
]
BYLINES = [
    "By Jane Doe, The Canadian Press",
    "By JANE DOE\nStaff Reporter",
    "Jane Doe · CBC News · Posted: Jan 05, 2019 4:00 AM ET | Last Updated: January 5",
    "— With files from The Associated Press",
    "Reporting by Jane Doe; Editing by John Smith",
    "Jane Doe is a reporter with the Star's Ottawa bureau. Follow her on Twitter: @janedoe",
    "By Jane Doe and John O'Brien Special to the Globe and Mail",
]
CREDITS = [
    "(Instagram/Jane Doe)",
    "Jane Doe/CBC",
    "(Chris Young/The Canadian Press)",
    "Photo: Getty Images",
    "(Sean Kilpatrick/CP)",
    'Image caption Jane Doe said she was "shocked"',
    "(Submitted by Jane Doe)",
    "Jane Doe/Reuters file photo",
]
BULLETS = ["- ", "• ", "* ", "1. ", "a) ", "— ", "> "]
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=\w)s['’](?=\s)")


@cache
def seed_paragraphs(with_polnear: bool = True) -> tuple[str, ...]:
    """Our own paragraphs, and PolNeAR dev's when ../shared is beside the checkout."""
    texts = [SEEDS.read_text(encoding="utf-8")]
    if with_polnear and POLNEAR_DEV.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))]
    paragraphs = (p.strip() for text in texts for p in re.split(r"\n\s*\n", text))
    return tuple(p for p in paragraphs if p)


def _boundary(draw: Draw, text: str) -> int:
    """A place in the text, most often between a word and what is next to it."""
    boundaries = [m.start() for m in re.finditer(r"\b", text)] or [0]
    return draw(st.one_of(st.sampled_from(boundaries), st.integers(0, len(text))))


def _insert(draw: Draw, text: str, piece: str) -> str:
    at = _boundary(draw, text)
    return text[:at] + piece + text[at:]


def quote_marks(draw: Draw, text: str) -> str:
    """Quotation marks and apostrophes inserted, deleted and swapped for one another."""
    for _ in range(draw(st.integers(1, 6))):
        marks_at = [i for i, c in enumerate(text) if c in _MARK_CHARS]
        op = draw(st.sampled_from(["insert", "delete", "swap"] if marks_at else ["insert"]))
        if op == "insert":
            text = _insert(draw, text, draw(st.sampled_from(MARKS)))
            continue
        at = draw(st.sampled_from(marks_at))
        new = "" if op == "delete" else draw(st.sampled_from(MARKS))
        text = text[:at] + new + text[at + 1 :]
    return text


def possessives(draw: Draw, text: str) -> str:
    """Possessives as typos make them: demonstrate’s, Canadians’ , ’s at a sentence start."""
    for _ in range(draw(st.integers(1, 4))):
        mark = draw(st.sampled_from(["’", "'", "‘", "`", "´"]))
        words = list(_WORD.finditer(text))
        ops = ["word's", "words'", "before a name", "sentence start", "headline", "move"]
        op = draw(st.sampled_from(ops))
        if op == "headline" or not words:
            head = draw(st.sampled_from(["WATCH: ", "VIDEO: ", "ANALYSIS | ", "’s ", "'s "]))
            text = head + text
        elif op == "sentence start":
            starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
            at = draw(st.sampled_from(starts))
            text = text[:at] + mark + "s " + text[at:]
        elif op == "before a name":  # "demonstrate’s Trudeau’s ‘naïve approach’"
            names = list(re.finditer(r"(?<=\w )[A-Z][a-z]+\b", text))
            if names:
                name = draw(st.sampled_from(names))
                before, after = text[: name.start() - 1], text[name.end() :]
                text = f"{before}{mark}s {name.group()}{mark}s{after}"
        elif op == "move":
            found = list(_POSSESSIVE.finditer(text))
            if found:
                at = draw(st.sampled_from(found))
                form = draw(st.sampled_from(["s" + mark, mark + "s", mark, "s", mark + mark + "s"]))
                text = text[: at.start()] + form + text[at.end() :]
        else:
            word = draw(st.sampled_from(words))
            suffix = mark + "s" if op == "word's" else "s" + mark
            text = text[: word.end()] + suffix + text[word.end() :]
    return text


def cut_sentences(draw: Draw, text: str) -> str:
    """Sentences left out, and the text cut anywhere, mid-word or mid-quote."""
    sentences = _SENTENCE_END.split(text)
    if len(sentences) > 1 and draw(st.booleans()):
        kept = draw(st.lists(st.booleans(), min_size=len(sentences), max_size=len(sentences)))
        text = " ".join(s for s, keep in zip(sentences, kept, strict=True) if keep)
    cut = draw(st.integers(0, len(text)))
    return text[:cut] if draw(st.booleans()) else text[cut:]


def repeat_shuffle(draw: Draw, text: str) -> str:
    """Paragraphs (or lines) repeated, shuffled, and joined by any kind of break."""
    parts = [p for p in re.split(r"\n+", text) if p.strip()] or [text]
    chosen = draw(st.lists(st.sampled_from(parts), min_size=1, max_size=8))
    chosen = draw(st.permutations(chosen))
    sep = draw(st.sampled_from(["\n\n", "\n", " ", "\r\n\r\n", "\n\n\n\n", "\u2029", "\t"]))
    return sep.join(chosen)


def caps(draw: Draw, text: str) -> str:
    """ALL CAPS, all lower case, Title Case, sWAPPED."""
    return draw(st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))(text)


def no_punctuation(draw: Draw, text: str) -> str:
    """Every punctuation mark gone (or every one but the quotation marks)."""
    keep_marks = draw(st.booleans())
    return "".join(
        c
        for c in text
        if not unicodedata.category(c).startswith("P") or (keep_marks and c in _MARK_CHARS)
    )


def lists_tables(draw: Draw, text: str) -> str:
    """Sentences as a bulleted list, a Markdown or tab table, or a headline per line."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()] or [text]
    kind = draw(st.sampled_from(["bullets", "markdown", "tabs", "lines"]))
    if kind == "bullets":
        bullet = draw(st.sampled_from(BULLETS))
        return "\n".join(bullet + s for s in sentences)
    if kind == "markdown":
        rows = ["| " + " | ".join(s.split(", ")) + " |" for s in sentences]
        return "| Who | What |\n|---|---|\n" + "\n".join(rows)
    if kind == "tabs":
        return "\n".join("\t".join(s.split(" ", 3)) for s in sentences)
    return "\n".join(s.rstrip(".") for s in sentences)


def dateline(draw: Draw, text: str) -> str:
    """A dateline before the first word: OTTAWA —."""
    return draw(st.sampled_from(DATELINES)) + draw(st.sampled_from([" ", "", "\n"])) + text


def byline(draw: Draw, text: str) -> str:
    """A byline or a closing credit line before or after the text."""
    line = draw(st.sampled_from(BYLINES))
    return line + "\n\n" + text if draw(st.booleans()) else text + "\n\n" + line


def photo_credit(draw: Draw, text: str) -> str:
    """Photo credits as pages leave them in: (Instagram/Jane Doe), Jane Doe/CBC."""
    credit = draw(st.sampled_from(CREDITS))
    where = draw(st.sampled_from(["line", "inline"]))
    if where == "line":
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines)))
        return "\n".join([*lines[:at], credit, *lines[at:]])
    return _insert(draw, text, " " + credit + " ")


def long_token(draw: Draw, text: str) -> str:
    """One very long token: a letter, a URL, a hyphenated chain, marks or dashes, repeated."""
    n = draw(st.integers(50, 5_000))
    unit = draw(st.sampled_from(["a", "ab1", "x-", "/", "'", "’", '"', "“", ".", "—", "_", "😀"]))
    token = draw(st.sampled_from([unit * n, "https://example.com/" + "path/" * (n // 5)]))
    return _insert(draw, text, token)


def unicode_categories(draw: Draw, text: str) -> str:
    """Runs of characters of any general category (controls, format, line and paragraph
    separators, private use, unassigned, combining marks, ...) anywhere in the text."""
    for _ in range(draw(st.integers(1, 5))):
        category = draw(st.sampled_from(CATEGORIES))
        run = draw(st.text(st.characters(categories=[category]), min_size=1, max_size=12))
        text = _insert(draw, text, run)
    return text


def mixed_scripts(draw: Draw, text: str) -> str:
    """Words in Cyrillic, Arabic, CJK, Devanagari and more inside an English sentence,
    or in place of its names."""
    for _ in range(draw(st.integers(1, 4))):
        word = draw(st.sampled_from(SCRIPT_WORDS))
        names = list(re.finditer(r"\b[A-Z][a-z]+\b", text))
        if names and draw(st.booleans()):
            name = draw(st.sampled_from(names))
            text = text[: name.start()] + word + text[name.end() :]
        else:
            text = _insert(draw, text, draw(st.sampled_from([" ", ""])) + word + " ")
    return text


def whitespace(draw: Draw, text: str) -> str:
    """Line ends, spaces and blank lines of every kind."""
    op = draw(st.sampled_from(["crlf", "cr", "nbsp", "pad", "blank lines", "tabs", "collapse"]))
    if op == "crlf":
        return text.replace("\n", "\r\n")
    if op == "cr":
        return text.replace("\n", "\r")
    if op == "nbsp":
        return text.replace(" ", draw(st.sampled_from(["\u00a0", "\u2009", "\u3000", "\u200b"])))
    if op == "pad":
        return draw(st.sampled_from([" ", "\n\n", "\t", "\ufeff"])) * 3 + text + " \n "
    if op == "blank lines":
        return re.sub(r"(?<=[.!?]) ", "\n\n\n", text)
    if op == "tabs":
        return text.replace(" ", "\t")
    return re.sub(r"\s+", "", text)


def degenerate(draw: Draw, text: str) -> str:
    """The text replaced by a few arbitrary characters (empty, one mark, pure noise)."""
    return draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))


MUTATIONS: dict[str, Mutation] = {
    "quote_marks": quote_marks,
    "possessives": possessives,
    "cut_sentences": cut_sentences,
    "repeat_shuffle": repeat_shuffle,
    "caps": caps,
    "no_punctuation": no_punctuation,
    "lists_tables": lists_tables,
    "dateline": dateline,
    "byline": byline,
    "photo_credit": photo_credit,
    "long_token": long_token,
    "unicode_categories": unicode_categories,
    "mixed_scripts": mixed_scripts,
    "whitespace": whitespace,
    "degenerate": degenerate,
}


@st.composite
def mutated(
    draw: Draw, seeds: tuple[str, ...], kinds: tuple[str, ...] = tuple(MUTATIONS)
) -> tuple[str, list[str]]:
    """(text, the mutations applied): seed paragraphs mutated one to four times."""
    text = "\n\n".join(draw(st.lists(st.sampled_from(seeds), min_size=1, max_size=4)))
    applied = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4))
    for kind in applied:
        text = MUTATIONS[kind](draw, text)
    return text, applied


@st.composite
def as_input(
    draw: Draw, seeds: tuple[str, ...], kinds: tuple[str, ...] = tuple(MUTATIONS)
) -> tuple[bytes, str, list[str]]:
    """(bytes, file suffix, mutations): a mutated text as a file the CLI reads, plain, as
    an HTML page or a JSONL line, maybe with a byte order mark; the suffix may be none, so
    that the reader sniffs what it is."""
    text, applied = draw(mutated(seeds, kinds))
    wrap = draw(st.sampled_from(["plain", "html", "jsonl"]))
    if wrap == "html":
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        text = f"<!DOCTYPE html><html><body><article>{paragraphs}</article></body></html>"
    elif wrap == "jsonl":
        text = json.dumps({"id": "fuzz", "text": text, "outlet": "Fuzz"}, ensure_ascii=False)
    suffix = draw(st.sampled_from(["", ".txt", ".html", ".jsonl", ".md"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text).encode("utf-8"), suffix, [*applied, f"as {wrap}"]


def check_article(article: Article, text: str) -> None:
    """What holds of any article out of the pipeline: its text untouched; every span
    inside it and exact; speaker ids unique, and every quote's resolving; confidences
    in 0..1; a known quote type; and the whole of it written in every output format
    (brat's read back)."""
    assert article.text == text
    speakers = {s.id for s in article.speakers}
    assert len(speakers) == len(article.speakers), "speaker ids are not unique"
    spans = [s for q in article.quotes for s in q.spans()]
    spans += [m for speaker in article.speakers for m in speaker.mentions]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert span.text == text[span.start : span.end], span
    for quote in article.quotes:
        assert quote.speaker_id is None or quote.speaker_id in speakers, quote.speaker_id
        assert not math.isnan(quote.confidence) and 0.0 <= quote.confidence <= 1.0, quote
        assert quote.type in ("direct", "indirect", "mixed"), quote.type
    round_trip = Article.from_dict(json.loads(json.dumps(article.to_dict(include_text=True))))
    assert len(round_trip.quotes) == len(article.quotes)
    # The other writers the CLI has, and PolNeAR's brat read back.
    json.dumps(formats.to_citron(article))
    assert len(list(formats.csv_rows(article))) == len(article.quotes)
    brat = formats.read_brat(text, formats.write_brat(article))
    assert len(brat.quotes) == sum(1 for q in article.quotes if q.spans())


def category_sample(category: str, size: int = 24) -> str:
    """`size` characters of one general category, spread over the code space."""
    found = _by_category()[category]
    step = max(1, len(found) // size)
    return "".join(found[::step][:size])


@cache
def _by_category() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code in range(sys.maxunicode + 1):
        found.setdefault(unicodedata.category(chr(code)), []).append(chr(code))
    return found
