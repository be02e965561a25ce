"""The web pages in a real browser: Playwright driving Debian's Chromium, headless, against a
real `saidwhat serve` process. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect
from tests.conftest import EXAMPLE_OWN, POLNEAR, ROOT, need
from tests.service_server import running_server, store_corpus

ARTIFACTS = ROOT / "test-artifacts"
TEXT = EXAMPLE_OWN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(db=tmp_path_factory.mktemp("archive") / "archive.db") as url:
        assert {r.status_code for r in store_corpus(url)} == {201}
        yield url


@pytest.fixture
def page(browser, base: str) -> Iterator:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=base)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def colour(classes: str) -> str:
    return next(c for c in classes.split() if c.startswith("sp-") and c != "sp-none")


def unlabelled(page) -> list[str]:
    """Form fields a screen reader could not name."""
    return page.evaluate(
        "[...document.querySelectorAll('input, select, textarea')]"
        ".filter((f) => !f.labels.length && !f.getAttribute('aria-label')).map((f) => f.id)"
    )


def read(page, text: str) -> None:
    page.goto("/")
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Find the quotes").click()
    page.wait_for_selector("#article-body mark.hl")


def test_paste_the_example_and_see_who_said_what(page) -> None:
    read(page, TEXT)
    assert unlabelled(page) == []
    body = page.locator("#article-body")
    assert body.text_content() == TEXT  # every character shown once, in order
    quotes = page.locator("#article-body mark.hl-content")
    assert quotes.count() >= 8
    assert page.locator("#summary").text_content().startswith("11 quotes")

    theatre = page.locator("mark.hl-content", has_text="that's theatre")
    theatre.hover()
    card = page.locator("#popover")
    card.wait_for(state="visible")
    assert card.locator(".who").text_content() == "Tom Brierley"
    assert "direct quote" in card.text_content()
    assert "Liberal Democrat" in card.text_content()
    shot(page, "article-hover-brierley")

    library = page.locator("mark.hl-content", has_text="Nobody came into local politics")
    library.hover()
    assert card.locator(".who").text_content() == "Margaret Okafor"
    okafor_colour = colour(library.get_attribute("class"))
    assert okafor_colour != colour(theatre.get_attribute("class"))
    cue = page.locator("mark.hl-cue", has_text="said").first
    source = page.locator("mark.hl-source", has_text="Mr Brierley")
    assert cue.is_visible() and source.is_visible()

    side = page.locator(".speaker-group", has_text="Margaret Okafor")
    assert side.locator(".count").text_content() == str(side.locator("li").count())


def test_keyboard_reaches_every_quote_and_the_side_list_jumps_to_one(page) -> None:
    read(page, TEXT)
    stops = page.locator("#article-body mark[tabindex='0']")
    assert stops.count() == 11  # one tab stop per quote
    stops.first.focus()
    page.keyboard.press("Tab")
    card = page.locator("#popover")
    assert card.is_visible() and card.locator(".who").text_content()
    page.keyboard.press("Escape")
    assert card.is_hidden()

    group = page.locator(".speaker-group", has_text="Tom Brierley")
    group.get_by_role("button").first.click()
    assert card.locator(".who").text_content() == "Tom Brierley"
    focused = page.evaluate("document.activeElement.dataset.q")
    assert page.locator(f"#article-body mark[data-q='{focused}'].active").count() >= 1


def test_article_text_is_data_never_markup(page) -> None:
    attack = (
        "Hacked page\n\n"
        '"<script>window.pwned = 1</script> is what they sent us," said Jane Doe, '
        "the editor of the Harwick Gazette.\n\n"
        "\"<img src=x onerror='window.pwned = 2'> was in the comment too,\" Ms Doe added.\n"
    )
    read(page, attack)
    assert page.evaluate("window.pwned") is None
    body = page.locator("#article-body")
    assert body.text_content() == attack
    assert body.locator("script, img").count() == 0
    assert page.locator("img").count() == 0
    assert "<script>" in page.locator(".speaker-group").first.text_content()
    shot(page, "article-markup-as-text")


def test_open_a_file(page, tmp_path: Path) -> None:
    page.goto("/")
    page.get_by_label("Or open a file").set_input_files(str(EXAMPLE_OWN))
    # expect() polls from Playwright's own world; wait_for_function would eval in the page,
    # which the app's Content-Security-Policy rightly forbids
    expect(page.get_by_label("Article text")).to_have_value(TEXT)

    html = tmp_path / "budget.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n"))
    html.write_text(f"<!doctype html><html><body><article>{paragraphs}</article></body></html>")
    page.get_by_label("Or open a file").set_input_files(str(html))
    expect(page.locator("#status")).to_contain_text("HTML page")
    page.get_by_role("button", name="Find the quotes").click()
    page.wait_for_selector("#article-body mark.hl")
    assert "Tom Brierley" in page.locator("#speaker-list").text_content()


def test_a_bad_request_is_shown_not_thrown(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Find the quotes").click()
    status = page.locator("#status")
    assert "Paste an article first" in status.text_content()
    assert "error" in status.get_attribute("class")


def test_doubtful_quotes_are_kept_when_asked(browser) -> None:
    # The model's quotes under its confidence threshold, against a server of the model
    dev = need(POLNEAR) / "dev" / "text"
    text = (dev / "breitbart_2016-09-29_politifact-donald-trump-is-right.txt").read_text()
    with (
        running_server(args=["--extractor", "model"]) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        expected = [
            len(client.post("/v1/extract", json=body).json()["quotes"])
            for body in ({"text": text}, {"text": text, "min_confidence": 0})
        ]
        context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=url)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        shown = []
        for keep in (False, True):
            tab.goto("/")
            assert unlabelled(tab) == []
            tab.get_by_label("Article text").fill(text)
            tab.get_by_label("Keep doubtful quotes").set_checked(keep)
            tab.get_by_role("button", name="Find the quotes").click()
            expect(tab.locator("#status")).to_contain_text("Done")
            items = tab.locator("#speaker-list .quote-list li").all_text_contents()
            assert all(len(item.split()) > 1 for item in items)  # a type and some words
            shown.append(len(items))
        shot(tab, "article-doubtful-kept")
        context.close()
    assert not errors, errors
    assert shown == expected and expected[1] > expected[0] > 0


def test_search_the_archive_then_open_a_speaker(page) -> None:
    page.goto("/search")
    assert unlabelled(page) == []
    page.get_by_label("Words in the quote").fill("libraries")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#results li")
    assert "q=libraries" in page.url
    hit = page.locator("#results li", has_text="Nobody came into local politics to shut")
    assert "Harwick Gazette" in hit.text_content()
    shot(page, "archive-search")

    hit.get_by_role("link", name="Margaret Okafor").click()
    page.wait_for_selector("#chart svg")
    assert page.locator("h1").text_content() == "Margaret Okafor"
    bars = page.locator("#chart rect.bar")
    assert bars.count() == 2  # March and April 2024
    assert "2024-03" in page.locator("#chart svg").get_attribute("aria-label")
    assert page.locator("#results li").count() >= 5
    shot(page, "archive-speaker")


def test_a_quote_cluster_then_the_stored_article(page) -> None:
    page.goto("/search?speaker=Margaret+Okafor&q=politics")
    page.get_by_role("link", name="also reported elsewhere").first.click()
    page.wait_for_selector("#occurrences li")
    echo = page.locator("#occurrences li", has_text="Northern Echo")
    assert echo.locator("ins").text_content() == "close"
    assert echo.locator("del").text_content() == "shut"
    shot(page, "archive-cluster")

    echo.get_by_role("link", name="Libraries row").click()
    page.wait_for_selector("#article-body mark.hl")
    assert page.locator("h1").text_content() == "Libraries row"
    page.locator("mark.hl-content", has_text="Nobody came into local politics").hover()
    assert page.locator("#popover .who").text_content() == "Margaret Okafor"
    shot(page, "archive-article")


# Three articles as plain text files, in two folders ingested with their outlet: a headline
# and a dateline in the first, a headline and --published for the second, no headline in
# the third (its first line stands for its title).
FERRY = """Ferry fares to rise as operator blames fuel costs

PORTWICK, 14 May 2025 — Island ferry fares will rise by a tenth in June, the operator said.

"Nobody likes paying more, but the ministers have left us no choice," said Ann Lowe, the \
chief executive of Portwick Ferries.

Ms Lowe said the company had written to every island household.
"""
HARBOUR = """Harbour board rejects night crossing plan

Councillor Rhys Bevan said the harbour was not safe after dark.

"The minister was told about the lights two years ago," he said. "Nothing was done."

Mr Bevan believes that the board will change its mind by the autumn.
"""
NOTES = """The island's council met on Thursday evening and agreed to look again at the \
timetable before the summer season begins in earnest.

"We are listening to the islanders," said Gwen Price, the council leader.
"""


@pytest.fixture(scope="module")
def text_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("texts")
    post, courier = folder / "post", folder / "courier"
    post.mkdir()
    courier.mkdir()
    (post / "ferry-fares.txt").write_text(FERRY, encoding="utf-8")
    (courier / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (courier / "council-notes.txt").write_text(NOTES, encoding="utf-8")
    db = folder / "archive.db"
    for path, fields in (
        (post, ["--outlet", "Island Post"]),
        (courier, ["--outlet", "Coast Courier", "--published", "2025-06-02"]),
    ):
        ingest = subprocess.run(
            [sys.executable, "-m", "saidwhat", "ingest", str(path), "--db", str(db), *fields],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ingest.returncode == 0, ingest.stderr
    with running_server(db=db) as url:
        yield url


def test_an_archive_of_text_files_lists_its_articles_by_title(browser, text_base: str) -> None:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=text_base)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/articles")
    assert unlabelled(page) == []
    page.wait_for_selector("#articles li")
    items = page.locator("#articles li")
    assert items.count() == 3
    # newest first: the dateline's 14 May is older than the Courier's 2 June
    titles = items.locator("h2").all_text_contents()
    assert titles[2] == "Ferry fares to rise as operator blames fuel costs"
    assert set(titles[:2]) == {
        "Harbour board rejects night crossing plan",
        "The island's council met on Thursday evening and agreed to look again at the…",
    }
    ferry = items.nth(2).text_content()
    assert "Island Post" in ferry and "2025-05-14" in ferry
    assert "Coast Courier" in items.first.text_content()
    assert "2025-06-02" in items.first.text_content()
    assert ".txt" not in page.locator("#articles").text_content()  # no file path anywhere
    shot(page, "archive-text-articles")

    page.get_by_label("Outlet").fill("Island Post")
    page.get_by_role("button", name="List").click()
    expect(page.locator("#articles li")).to_have_count(1)
    assert "outlet=Island+Post" in page.url

    page.goto("/articles?since=2025-06-01&q=harbour")
    expect(page.locator("#articles li")).to_have_count(1)
    harbour = page.locator("#articles h2").text_content()
    assert harbour == "Harbour board rejects night crossing plan"

    page.locator("#articles a", has_text="Harbour board").click()
    page.wait_for_selector("#article-body mark.hl")
    assert page.locator("h1").text_content() == "Harbour board rejects night crossing plan"
    assert "Coast Courier · 2025-06-02" in page.locator("#article-meta").text_content()

    # the dashboard's months and outlets come from the dateline and the command's options
    page.goto("/dashboard")
    months = page.locator("#quotes_by_outlet_month tbody th").all_text_contents()
    assert months == ["2025-05", "2025-06"]
    outlets = page.locator("#quotes_by_outlet_month thead th").all_text_contents()
    assert outlets == ["Month", "Coast Courier", "Island Post"]

    def quotes() -> int:  # "3 articles, 7 quotes; ..."
        return int(page.locator("#totals").text_content().split(" quotes")[0].split()[-1])

    counted = quotes()
    page.get_by_label("Counting quotes said as").select_option("all")
    page.get_by_role("button", name="Show").click()
    assert "cue_kind=all" in page.url
    assert page.get_by_label("Counting quotes said as").input_value() == "all"
    assert quotes() > counted > 0  # Mr Bevan's belief counts too
    context.close()
    assert not errors, errors


def test_search_stems_and_marks_the_words_it_matched(browser, text_base: str) -> None:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=text_base)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/search")
    page.get_by_label("Words in the quote").fill("minister")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#results li")
    hits = page.locator("#results li")
    assert hits.count() == 2  # "ministers" (Ann Lowe) and "minister" (Rhys Bevan)
    marks = page.locator("#results blockquote mark.match").all_text_contents()
    assert sorted(marks) == ["minister", "ministers"]
    lowe = page.locator("#results li", has_text="Ann Lowe")
    assert lowe.locator("blockquote").text_content().startswith('"Nobody likes paying more')
    assert "Ferry fares to rise as operator blames fuel costs" in lowe.text_content()
    assert "Island Post" in lowe.text_content() and "2025-05-14" in lowe.text_content()
    assert "speech" in lowe.locator(".badge.kind").text_content()
    shot(page, "archive-text-search")
    context.close()
    assert not errors, errors


def test_matched_words_are_marked_as_text_not_markup(browser, tmp_path: Path) -> None:
    # A quote holding markup: the highlight around a matched word never makes it live
    db = tmp_path / "archive.db"
    text = (
        "Markup in a quote\n\n"
        "\"<img src=x onerror='window.pwned = 1'> is not how ministers write,\" said Jo Ng.\n"
    )
    (tmp_path / "markup.txt").write_text(text, encoding="utf-8")
    ingest = subprocess.run(
        [sys.executable, "-m", "saidwhat", "ingest", str(tmp_path / "markup.txt"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ingest.returncode == 0, ingest.stderr
    with running_server(db=db) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto("/search?q=minister")
        page.wait_for_selector("#results li")
        assert page.locator("#results mark.match").text_content() == "ministers"
        assert page.locator("#results img").count() == 0
        assert "<img src=x" in page.locator("#results blockquote").text_content()
        assert page.evaluate("window.pwned") is None
        context.close()
