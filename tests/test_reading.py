"""Reading inputs: every kind of input, and every kind of bad input, without a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidwhat.article import Article
from saidwhat.reading import InputError, read_bytes, read_inputs, shown_title, text_fields

HTML = """<!DOCTYPE html><html><head><title>Budget row</title></head><body>
<nav>Home | News | Sport</nav>
<article><h1>Council leader defends cuts</h1>
<p>The council leader said the cuts were "the least bad option" for the city.</p>
<p>"Nobody came into politics to shut libraries," she said on Tuesday evening at the meeting.</p>
</article><footer>Copyright 2026</footer></body></html>"""


def one(data: bytes, suffix: str = "") -> Article | InputError:
    (item,) = read_bytes(data, "input", "input", suffix)
    return item


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text('She said "yes".', encoding="utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.id, article.text) == ("story", 'She said "yes".')


def test_bom_is_dropped() -> None:
    article = one("\ufeffShe said yes.".encode())
    assert isinstance(article, Article) and article.text == "She said yes."


def test_html_keeps_the_extracted_body(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert '"the least bad option"' in article.text
    assert "Home | News" not in article.text and "<p>" not in article.text


def test_jsonl_passes_other_fields_through(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": "He said no.", "outlet": "Gazette", "url": "https://example.org/a1"},
        {"text": "She said yes."},
        "not an object",
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError", "InputError"]
    first, second, not_object, broken = items
    assert first.id == "a1" and first.meta == {"outlet": "Gazette", "url": "https://example.org/a1"}
    assert second.id == "batch-2"
    assert str(not_object).startswith(f"{path}:3: ")
    assert "invalid JSON" in str(broken)


def test_bad_inputs_are_named_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner said no.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("The owner said no.", encoding="utf-8")
    items = {
        Path(i.source).name if isinstance(i, InputError) else i.id: i
        for i in read_inputs([tmp_path])
    }
    assert isinstance(items["good"], Article)
    assert items["empty.txt"].reason == "empty input"
    assert items["blank.txt"].reason == "empty input"
    assert "binary" in items["binary.bin"].reason
    assert "not valid UTF-8" in items["latin1.txt"].reason


def test_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (item,) = read_inputs([tmp_path / "nope.txt"])
    assert isinstance(item, InputError) and "No such file" in item.reason


def test_over_the_size_limit() -> None:
    (item,) = read_bytes(b"word " * 100, "big", "big", ".txt", max_chars=100)
    assert isinstance(item, InputError) and "over the limit" in item.reason


def test_odd_unicode_is_kept_as_it_is() -> None:
    text = "Zoë said: “Naïve? No.” \u200b\u00a0Ok 👍 e\u0301"
    article = one(text.encode())
    assert isinstance(article, Article) and article.text == text


def test_a_jsonl_line_that_is_not_utf8_loses_no_other_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": "He said no."}).encode()
    bad = '{"id": "b", "text": "Caf\xe9 said yes."}'.encode("latin-1")
    later = json.dumps({"id": "c", "text": "She said maybe."}).encode()
    path.write_bytes(b"\n".join([good, bad, later]) + b"\n")
    items = list(read_inputs([path]))
    assert [i.id if isinstance(i, Article) else "error" for i in items] == ["a", "error", "c"]
    assert str(items[1]).startswith(f"{path}:2: not valid UTF-8")


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Ferry fares to rise\n\nPORTWICK, 14 May 2025 (Island News) — Fares will rise, the"
            " operator said.",
            {"title": "Ferry fares to rise", "published": "2025-05-14"},
        ),
        (
            "Harbour board rejects night crossings\nPublished: Tuesday, June 3, 2025\n\nThe"
            " board said no.",
            {"title": "Harbour board rejects night crossings", "published": "2025-06-03"},
        ),
        (
            "Council budget: what it means for you?\n\nx y z",
            {"title": "Council budget: what it means for you?"},
        ),
        # a title-case headline some outlets end with a full stop
        (
            "Voters Abandon Party for Rival in Harwick.\n\nThe poll",
            {"title": "Voters Abandon Party for Rival in Harwick."},
        ),
        ("2025-05-14 — LONDON\n\nThe bank said it would act.", {"published": "2025-05-14"}),
        # the article's first sentence, not a headline: a full stop, or too long
        ("The council said it would close two libraries.\n\nMore followed.", {}),
        (" ".join(["word"] * 25) + "\n\nBody", {}),
        ("Coming up:\n\nThe news", {}),
        ("A headline alone", {}),  # nothing after it: the whole text
        ("Fares rise\n\nOn 31 February 2025 the fares rose.", {"title": "Fares rise"}),
    ],
)
def test_a_text_says_its_title_and_date(text: str, fields: dict[str, str]) -> None:
    assert text_fields(text) == fields
    article = one(text.encode(), ".txt")
    assert isinstance(article, Article) and article.meta == fields and article.text == text


def test_a_title_stands_in_for_a_path() -> None:
    assert shown_title("Fares rise", "Anything") == "Fares rise"
    assert shown_title(None, "\nA short first line\nmore") == "A short first line"
    long = "The council said on Monday that it would close three libraries, as money was short."
    assert (
        shown_title(None, long)
        == "The council said on Monday that it would close three libraries, as money was…"
    )
    assert shown_title(None, None) == ""
