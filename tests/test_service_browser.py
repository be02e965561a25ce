"""The web pages in a real browser: Playwright driving Debian's Chromium, headless, against a
real `saidwhat serve` process. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

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
