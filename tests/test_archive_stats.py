"""The archive's dashboard numbers on a real archive of articles we wrote: each person once
an article, women's share by outlet and month, zero-filled months, the filters, CSV; the
same numbers from /v1/stats, /v1/stats.csv, `saidwhat stats` and /dashboard in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from spacy.language import Language
from tests.service_server import running_server
from tests.test_archive_store import extractor, write_jsonl

from saidwhat.archive import Archive
from saidwhat.archive.stats import TABLES, table_csv
from saidwhat.archive.tables import share
from saidwhat.reading import read_inputs
from saidwhat.service.charts import bars

# Two outlets, March and May 2024 (none in April). Margaret Okafor ("she") is quoted three
# times in the first article; Tom Brierley ("he") in two articles; Kim Lee's name and words
# give no gender; Priya Raman's gender comes from her first name only; the Harwick Bus
# Company is an organisation.
ARTICLES = [
    {
        "id": "gazette-buses",
        "outlet": "Harwick Gazette",
        "published": "2024-03-04",
        "title": "Bus routes to be cut",
        "text": (
            "Three bus routes in Harwick will be cut from April.\n\n"
            '"These routes carry more air than passengers," said Margaret Okafor, the '
            "council's transport lead. She said the savings would go to school buses.\n\n"
            '"Nobody wants to cut a bus route," she added.\n\n'
            "Tom Brierley, who chairs the residents' association, said the cuts were \"a "
            'betrayal of older people". He said he would fight them.\n'
        ),
    },
    {
        "id": "echo-buses",
        "outlet": "Northern Echo",
        "published": "2024-03-21",
        "title": "Bus cuts go ahead",
        "text": (
            "The bus cuts in Harwick will go ahead next month.\n\n"
            '"We listened, and we still have to balance the books," Margaret Okafor said.\n\n'
            "Kim Lee, a driver for twenty years, said passengers had not been asked.\n\n"
            "The Harwick Bus Company said it would run every bus route that is left more "
            "often.\n"
        ),
    },
    {
        "id": "gazette-libraries",
        "outlet": "Harwick Gazette",
        "published": "2024-05-09",
        "title": "Library hours extended",
        "text": (
            "Harwick's central library will open on Sundays from June.\n\n"
            '"Families asked for it, and we found the money," Tom Brierley said.\n\n'
            'Priya Raman, the chief librarian, said the change was "long overdue".\n'
        ),
    },
]
GAZETTE, ECHO = "Harwick Gazette", "Northern Echo"


def gender(women: int, men: int, unknown: int, share_women: float | None) -> dict:
    return {"women": women, "men": men, "unknown": unknown, "share_women": share_women}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, saidwhat_nlp: Language) -> Path:
    folder = tmp_path_factory.mktemp("stats")
    path = folder / "archive.db"
    with Archive.open(path) as archive:
        summary = archive.ingest(
            read_inputs([write_jsonl(folder / "news.jsonl", ARTICLES)]), extractor(saidwhat_nlp)
        )
        assert summary.added == 3 and not summary.failed
    return path


@pytest.fixture(scope="module")
def archive(db: Path) -> Iterator[Archive]:
    with Archive.open(db, readonly=True) as opened:
        yield opened


def test_each_person_counts_once_an_article(archive: Archive) -> None:
    found = archive.stats()
    assert found["totals"] == {
        "articles": 3, "quotes": 10, "people": 4, "organisations": 1,
        "people_gender_from_name": 1,
    }  # fmt: skip
    # Okafor's three quotes in the Gazette's March article count her once there
    assert found["gender_total"] == gender(3, 2, 1, 0.6)
    assert found["gender_by_outlet"] == [
        {"outlet": GAZETTE, **gender(2, 2, 0, 0.5)},
        {"outlet": ECHO, **gender(1, 0, 1, 1.0)},
    ]
    assert found["gender_by_month"] == [
        {"month": "2024-03", **gender(2, 1, 1, 0.6667)},
        {"month": "2024-04", **gender(0, 0, 0, None)},  # zero-filled
        {"month": "2024-05", **gender(1, 1, 0, 0.5)},
    ]
    people = [(p["name"], p["gender"], p["gender_basis"], p["quotes"], p["articles"])
              for p in found["top_people"]]  # fmt: skip
    assert people == [
        ("Margaret Okafor", "female", "article", 4, 2),
        ("Tom Brierley", "male", "article", 3, 2),
        ("Kim Lee", None, None, 1, 1),
        ("Priya Raman", "female", "name", 1, 1),
    ]
    assert [(o["name"], o["quotes"], o["articles"]) for o in found["top_organisations"]] == [
        ("Harwick Bus Company", 1, 1)
    ]
    assert [(r["month"], r["outlet"], r["quotes"]) for r in found["quotes_by_outlet_month"]] == [
        ("2024-03", GAZETTE, 5), ("2024-03", ECHO, 3),
        ("2024-04", GAZETTE, 0), ("2024-04", ECHO, 0),
        ("2024-05", GAZETTE, 2), ("2024-05", ECHO, 0),
    ]  # fmt: skip
    assert found["outlets"] == [GAZETTE, ECHO]
    assert [p["name"] for p in archive.stats(top=2)["top_people"]] == [
        "Margaret Okafor",
        "Tom Brierley",
    ]


def test_filters_and_zero_filled_ranges(archive: Archive) -> None:
    echo = archive.stats(outlet="northern echo")  # case aside, as search
    assert echo["gender_total"] == gender(1, 0, 1, 1.0)
    assert [r["outlet"] for r in echo["gender_by_outlet"]] == [ECHO]
    assert echo["outlets"] == [GAZETTE, ECHO]  # the menu keeps every outlet

    may = archive.stats(since="2024-04")
    assert may["totals"]["articles"] == 1 and may["gender_total"] == gender(1, 1, 0, 0.5)
    assert [m["month"] for m in may["gender_by_month"]] == ["2024-04", "2024-05"]

    march = archive.stats(until="2024-03")
    assert march["totals"]["quotes"] == 8 and march["gender_total"] == gender(2, 1, 1, 0.6667)
    assert [m["month"] for m in march["gender_by_month"]] == ["2024-03"]

    half = archive.stats(since="2024-01-01", until="2024-06")
    assert [m["month"] for m in half["gender_by_month"]] == [f"2024-0{n}" for n in range(1, 7)]
    assert [m["women"] for m in half["gender_by_month"]] == [0, 0, 2, 0, 1, 0]
    assert len(half["quotes_by_outlet_month"]) == 12
    whole_year = archive.stats(since="2024", until="2024")
    assert [m["month"] for m in whole_year["gender_by_month"]][::11] == ["2024-01", "2024-12"]

    buses = archive.stats(about="bus route")  # search's about: the quote's words name it
    assert buses["totals"] == {
        "articles": 2, "quotes": 2, "people": 1, "organisations": 1,
        "people_gender_from_name": 0,
    }  # fmt: skip
    assert [p["name"] for p in buses["top_people"]] == ["Margaret Okafor"]
    assert [o["name"] for o in buses["top_organisations"]] == ["Harwick Bus Company"]


def test_an_empty_selection_and_its_csv(archive: Archive) -> None:
    none = archive.stats(since="2030")
    assert none["totals"]["quotes"] == 0 and none["gender_total"] == gender(0, 0, 0, None)
    for table, columns in TABLES.items():
        assert none[table] == []
        assert table_csv(none, table) == ",".join(columns) + "\r\n"
    found = archive.stats()
    assert table_csv(found, "gender_by_outlet").splitlines() == [
        "outlet,women,men,unknown,share_women",
        "Harwick Gazette,2,2,0,0.5",
        "Northern Echo,1,0,1,1.0",
    ]
    assert table_csv(found, "top_people").splitlines()[-1] == "5,Priya Raman,female,name,1,1"
    with pytest.raises(ValueError, match="no table"):
        table_csv(found, "speakers")
    with pytest.raises(ValueError, match="no date"):
        archive.stats(since="March")
    with pytest.raises(ValueError, match="no date"):
        archive.stats(since="1899")  # before the dates a range may give: 1900 to 2099
    assert len(archive.stats(since="1900", until="2099")["gender_by_month"]) == 2400


def test_chart_labels_are_text() -> None:
    svg = bars([('<script>alert("x")</script>', 2.0)], "Most quoted", str)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.startswith('<svg class="chart-svg" role="img" aria-label="Most quoted.')


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with running_server(db=db) as url:
        yield url


def test_the_routes_and_the_command_give_the_same_numbers(
    base: str, archive: Archive, db: Path
) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        body = client.get("/v1/stats").json()
        assert body == json.loads(json.dumps(archive.stats()))
        echo = client.get("/v1/stats", params={"outlet": ECHO, "since": "2024-03", "top": 1})
        assert echo.json() == archive.stats("2024-03", None, ECHO, None, 1)
        about = client.get("/v1/stats", params={"about": "bus route"}).json()
        assert about["totals"]["quotes"] == 2
        assert client.get("/v1/stats", params={"since": "March"}).status_code == 422
        assert client.get("/v1/stats", params={"since": "1899"}).status_code == 422

        csv = client.get("/v1/stats.csv", params={"table": "gender_by_month"})
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        assert "saidwhat-gender_by_month.csv" in csv.headers["content-disposition"]
        assert csv.text == table_csv(archive.stats(), "gender_by_month")
        assert csv.text.splitlines()[2] == "2024-04,0,0,0,"
        empty = client.get("/v1/stats.csv", params={"table": "top_people", "since": "2030"})
        assert empty.text == "person_id,name,gender,gender_basis,quotes,articles\r\n"
        assert client.get("/v1/stats.csv", params={"table": "nope"}).status_code == 422

        doc = client.get("/openapi.json").json()
        assert doc["paths"]["/v1/stats"]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ] == {"$ref": "#/components/schemas/StatsOut"}
        assert "text/csv" in doc["paths"]["/v1/stats.csv"]["get"]["responses"]["200"]["content"]
        params = {p["name"] for p in doc["paths"]["/v1/stats"]["get"]["parameters"]}
        assert params == {"since", "until", "outlet", "about", "top", "cue_kind"}

    command = [sys.executable, "-m", "saidwhat", "stats", "--db", str(db)]
    printed = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, check=True
    )
    assert json.loads(printed.stdout) == body
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "women's share by outlet" in text and "60.0%" in text and "from name" in text
    wrong = subprocess.run([*command, "--since", "March"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "no date" in wrong.stderr


def cells(page, table: str) -> list[list[str]]:
    """The rows of a dashboard table, header cell first."""
    return page.eval_on_selector_all(
        f"#{table} table tbody tr",
        "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))",
    )


def test_the_dashboard_in_chromium_shows_the_routes_numbers(browser, base: str) -> None:
    body = httpx.get(f"{base}/v1/stats", timeout=60).json()
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=base)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/search")
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url("**/dashboard")

    charts = page.locator("svg[role=img]")
    assert charts.count() == 5
    for n in range(5):
        assert charts.nth(n).get_attribute("aria-label")
        assert charts.nth(n).bounding_box()["height"] > 50  # drawn, not collapsed
    outlets = page.locator("#gender_by_outlet svg")
    assert outlets.locator("rect.bar").count() == 2
    assert outlets.locator("text.label").all_text_contents() == [GAZETTE, ECHO]
    label = outlets.get_attribute("aria-label")
    assert f"{GAZETTE}: 50.0%" in label and f"{ECHO}: 100.0%" in label
    assert page.locator("#gender_by_month svg rect.bar").count() == 2  # April: no one to share
    assert page.locator("#top_people svg rect.bar").count() == 4
    months = page.locator("#quotes_by_outlet_month svg")
    assert months.locator("rect.bar title").all_text_contents() == [
        f"{month}, {outlet}: {n}"
        for month, counts in (("2024-03", (5, 3)), ("2024-04", (0, 0)), ("2024-05", (2, 0)))
        for outlet, n in zip((GAZETTE, ECHO), counts, strict=True)
    ]
    assert months.locator("rect.key").count() == 2  # the legend
    assert months.locator("text.label").all_text_contents()[:3] == ["2024-03", "2024-04", "2024-05"]

    assert cells(page, "gender_by_outlet") == [
        [r["outlet"], str(r["women"]), str(r["men"]), str(r["unknown"]), share(r["share_women"])]
        for r in body["gender_by_outlet"]
    ]
    assert cells(page, "gender_by_month") == [
        [r["month"], str(r["women"]), str(r["men"]), str(r["unknown"]), share(r["share_women"])]
        for r in body["gender_by_month"]
    ]
    assert [[c[0], c[2], c[3]] for c in cells(page, "top_people")] == [
        [r["name"], str(r["quotes"]), str(r["articles"])] for r in body["top_people"]
    ]
    assert [c[0] for c in cells(page, "top_organisations")] == ["Harwick Bus Company"]
    per_month = {
        (r["month"], r["outlet"]): str(r["quotes"]) for r in body["quotes_by_outlet_month"]
    }
    assert cells(page, "quotes_by_outlet_month") == [
        [m, per_month[(m, GAZETTE)], per_month[(m, ECHO)]]
        for m in ("2024-03", "2024-04", "2024-05")
    ]
    assert "60.0%" in page.locator("#totals").inner_text()
    assert "1 of the 4 people" in page.locator("#from-name").inner_text()
    for table in TABLES:  # every table has its caption, headers and CSV link
        section = page.locator(f"#{table}")
        assert section.locator("caption").count() == 1
        assert section.locator("thead th[scope=col]").count() >= 3
        href = section.locator("a.csv").get_attribute("href")
        assert href == f"/v1/stats.csv?table={table}"
        download = httpx.get(base + href, timeout=60)
        assert download.text.splitlines()[0] == ",".join(TABLES[table])

    # the keyboard reaches the form, every chart and every CSV link
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "(e => e.id || e.getAttribute('class') || e.tagName)(document.activeElement)"
        ))  # fmt: skip
    assert {"since", "until", "outlet", "about"} <= set(reached)
    assert reached.count("chart-svg") == 5 and reached.count("csv") == 5
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('input, select')]"
        ".filter((f) => !f.labels.length).map((f) => f.id)"
    )
    assert unlabelled == []

    # the form filters: one outlet, and its CSV link carries the filter
    page.get_by_label("Outlet", exact=True).select_option(ECHO)
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/dashboard?*outlet=Northern+Echo*")
    assert cells(page, "gender_by_outlet") == [[ECHO, "1", "0", "1", "100.0%"]]
    assert "outlet=Northern+Echo" in page.locator("#top_people a.csv").get_attribute("href")
    assert page.get_by_label("Outlet", exact=True).input_value() == ECHO

    # a request's words stay text; a date that is none is said, not thrown
    page.goto("/dashboard?about=%3Cscript%3Ealert(1)%3C/script%3E&since=March")
    assert page.get_by_label("About", exact=True).input_value() == "<script>alert(1)</script>"
    assert "is no date" in page.get_by_role("alert").inner_text()
    assert page.locator("svg[role=img]").count() == 0
    context.close()
    assert not errors, errors
