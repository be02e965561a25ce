"""The web pages: read an article with its quotes highlighted; search the archive; the list
of its articles; a speaker's quotes over time; a quote cluster's occurrences and wording; the
archive's dashboard.

Takes the app; gives it the page routes and /static. Each page is a small HTML shell of
fixed markup (nothing from a request or an article goes into it) and `static/app.js` fills
it from the JSON API, building every node with textContent, so article text stays text.
The dashboard is drawn on the server instead (charts as SVG, `charts`, and their tables, so
it reads without a script); every value from the archive or the request in it is escaped.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from saidwhat.archive.search import COUNTED
from saidwhat.archive.stats import TABLES
from saidwhat.archive.tables import share
from saidwhat.service import charts

STATIC = Path(__file__).parent / "static"

_SHELL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · saidwhat</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/style.css">
<script src="/static/app.js" defer></script>
</head>
<body data-page="{page}" data-archive="{archive}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">said<span>what</span></a>
  <nav aria-label="Main">
    <a href="/"{here_read}>Read an article</a>
    {archive_links}
    <a href="/api"{here_api}>API</a>
  </nav>
</header>
<main id="main" tabindex="-1">
{body}
</main>
<div id="popover" class="popover" role="tooltip" hidden></div>
</body>
</html>
"""

_READER = """
<section class="reader" aria-labelledby="article-h">
  <div class="reader-head">
    <h2 id="article-h">Article</h2>
    <p id="summary" class="summary"></p>
    <ul class="legend" aria-label="Legend">
      <li><span class="hl hl-content sp-0">quoted words</span></li>
      <li><span class="hl hl-source sp-0">speaker</span></li>
      <li><span class="hl hl-cue sp-0">cue</span></li>
    </ul>
  </div>
  <div id="article-body" class="article-text"></div>
</section>
<aside class="by-speaker" aria-labelledby="by-speaker-h">
  <h2 id="by-speaker-h">Quotes by speaker</h2>
  <div id="speaker-list"></div>
</aside>
"""

# The choices of what counts: speech and writing (the Gender Gap Tracker's), or more.
CUE_KIND_CHOICES = (
    (COUNTED, "speech or writing"),
    ("all", "any kind (also thought, other)"),
    ("speech", "speech"),
    ("writing", "writing"),
    ("thought", "thought or belief"),
    ("other", "other (acts, plans)"),
)


def _cue_kind_options(chosen: str = COUNTED) -> str:
    return "".join(
        f'<option value="{v}"{" selected" if v == chosen else ""}>{label}</option>'
        for v, label in CUE_KIND_CHOICES
    )


_BODIES = {
    "read": (
        "Who said what",
        """
<section class="intro" aria-labelledby="page-h">
  <h1 id="page-h">Who said what</h1>
  <p class="lede">Paste a news article or open a file: every quote is highlighted, one colour
  per speaker. Hover over, click or tab to a quote to see who said it.</p>
  <form id="extract-form" class="card">
    <label for="article-text">Article text</label>
    <textarea id="article-text" name="text" rows="10" spellcheck="false"
      placeholder="Paste the article here…"></textarea>
    <div class="form-row">
      <div>
        <label for="article-file">Or open a file <span class="hint">(.txt or .html)</span></label>
        <input type="file" id="article-file" accept=".txt,.text,.html,.htm,text/plain,text/html">
      </div>
      <label class="check"><input type="checkbox" id="keep-doubtful"> Keep doubtful quotes
        too <span class="hint">(those under the model's confidence threshold)</span></label>
      <button type="submit" id="extract-button">Find the quotes</button>
    </div>
    <p id="status" class="status" role="status" aria-live="polite"></p>
  </form>
</section>
<div id="result" class="result" hidden>"""
        + _READER
        + "</div>",
    ),
    "article": (
        "Article",
        """
<p id="status" class="status" role="status" aria-live="polite"></p>
<div id="article-meta" class="article-meta"></div>
<div id="result" class="result" hidden>"""
        + _READER
        + "</div>",
    ),
    "search": (
        "Search the archive",
        """
<h1>Search the archive</h1>
<form id="search-form" class="card search-form" role="search">
  <div class="field wide"><label for="q">Words in the quote</label>
    <input id="q" name="q" type="search" placeholder="e.g. libraries"></div>
  <div class="field"><label for="speaker">Said by</label>
    <input id="speaker" name="speaker" placeholder="a speaker's name"></div>
  <div class="field"><label for="about">About</label>
    <input id="about" name="about" placeholder="a person or organisation"></div>
  <div class="field"><label for="since">Since</label>
    <input id="since" name="since" type="date"></div>
  <div class="field"><label for="until">Until</label>
    <input id="until" name="until" type="date"></div>
  <div class="field"><label for="type">Type</label>
    <select id="type" name="type"><option value="">any</option><option>direct</option>
    <option>indirect</option><option>mixed</option></select></div>
  <div class="field"><label for="cue_kind">Said as</label>
    <select id="cue_kind" name="cue_kind">{cue_kinds}</select></div>
  <div class="field"><button type="submit">Search</button></div>
</form>
<p id="status" class="status" role="status" aria-live="polite"></p>
<ol id="results" class="results"></ol>
<nav id="pager" class="pager" aria-label="Result pages"></nav>
<section aria-labelledby="top-h" class="top-speakers">
  <h2 id="top-h">Most quoted</h2>
  <ol id="top-speakers" class="chips"></ol>
</section>
""".replace("{cue_kinds}", _cue_kind_options()),
    ),
    "articles": (
        "Articles",
        """
<h1>Articles</h1>
<form id="articles-form" class="card search-form" role="search">
  <div class="field wide"><label for="q">Words in the title or a quote</label>
    <input id="q" name="q" type="search" placeholder="e.g. libraries"></div>
  <div class="field"><label for="outlet">Outlet</label>
    <input id="outlet" name="outlet" placeholder="any outlet"></div>
  <div class="field"><label for="since">Since</label>
    <input id="since" name="since" type="date"></div>
  <div class="field"><label for="until">Until</label>
    <input id="until" name="until" type="date"></div>
  <div class="field"><button type="submit">List</button></div>
</form>
<p id="status" class="status" role="status" aria-live="polite"></p>
<ol id="articles" class="results"></ol>
<nav id="pager" class="pager" aria-label="Article pages"></nav>
""",
    ),
    "speaker": (
        "Speaker",
        """
<p id="status" class="status" role="status" aria-live="polite"></p>
<header id="speaker-head" class="speaker-head"></header>
<section aria-labelledby="chart-h" class="card">
  <h2 id="chart-h">Quotes over time</h2>
  <div id="chart" class="chart"></div>
</section>
<section aria-labelledby="quotes-h">
  <h2 id="quotes-h">Quotes</h2>
  <ol id="results" class="results"></ol>
</section>
""",
    ),
    "cluster": (
        "Quote",
        """
<p id="status" class="status" role="status" aria-live="polite"></p>
<header id="cluster-head" class="cluster-head"></header>
<section aria-labelledby="occ-h">
  <h2 id="occ-h">Where it appeared</h2>
  <p class="hint">Words that differ from the first appearance are marked.</p>
  <ol id="occurrences" class="results"></ol>
</section>
""",
    ),
    "dashboard": ("Dashboard", ""),  # drawn by `dashboard`
    "api": (
        "API",
        """
<h1>The JSON API</h1>
<p class="lede">Every route, from the service's own <a href="/openapi.json">OpenAPI
document</a>. Send JSON; errors come back as <code>{"detail": "…"}</code>.</p>
<div id="routes"></div>
""",
    ),
}


def page(request: Request, name: str, body: str | None = None) -> HTMLResponse:
    """The page `name`: its fixed body, or `body` (escaped markup) under its title."""
    title, fixed = _BODIES[name]
    body = fixed if body is None else body
    archive = request.app.state.db is not None
    here = ' aria-current="page"'
    links = (
        '<a href="/search"{}>Search the archive</a>'.format(
            here if name in {"search", "speaker", "cluster"} else ""
        )
        + '\n    <a href="/articles"{}>Articles</a>'.format(here if name == "articles" else "")
        + '\n    <a href="/dashboard"{}>Dashboard</a>'.format(here if name == "dashboard" else "")
    )
    html = _SHELL.format(
        title=title,
        page=name,
        archive="yes" if archive else "no",
        archive_links=links if archive else "",
        here_read=' aria-current="page"' if name in {"read", "article"} else "",
        here_api=' aria-current="page"' if name == "api" else "",
        body=body,
    )
    return HTMLResponse(html)


def add_pages(app: FastAPI) -> None:
    """The pages at /, /articles, /articles/{id}, /search, /speakers/{id}, /clusters/{id},
    /dashboard, /api."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route(
        "/dashboard", dashboard, methods=["GET"], include_in_schema=False, name="page_dashboard"
    )
    routes = {
        "/": "read",
        "/articles": "articles",
        "/articles/{article_id:path}": "article",  # ids may hold slashes
        "/search": "search",
        "/speakers/{speaker_id}": "speaker",
        "/clusters/{cluster_id}": "cluster",
        "/api": "api",
    }
    for path, name in routes.items():
        app.add_api_route(
            path, _shown(name), methods=["GET"], include_in_schema=False, name=f"page_{name}"
        )


def _shown(name: str) -> Callable[[Request], Awaitable[HTMLResponse]]:
    async def show(request: Request) -> HTMLResponse:
        return page(request, name)

    return show


async def dashboard(
    request: Request,
    since: str = "",
    until: str = "",
    outlet: str = "",
    about: str = "",
    cue_kind: str = COUNTED,
) -> HTMLResponse:
    """Who the archive quotes, and how often women: the filter form, then each chart with
    its table and CSV download; a filter `stats` refuses (a date that is none) is said."""
    filters = {
        "since": since.strip(), "until": until.strip(), "outlet": outlet, "about": about,
        "cue_kind": cue_kind,
    }  # fmt: skip
    archive = request.app.state.archive
    if archive is None:
        note = "This server has no archive: start it with <code>--db archive.db</code>."
        return page(request, "dashboard", f'<h1>Dashboard</h1>\n<p class="status">{note}</p>')
    try:
        found = await run_in_threadpool(archive.stats, **{k: v or None for k, v in filters.items()})
    except ValueError as e:
        outlets = (await run_in_threadpool(archive.stats, top=1))["outlets"]
        problem = f'<p class="status error" role="alert">{escape(str(e))}.</p>'
        return page(request, "dashboard", "\n".join([_INTRO, _form(filters, outlets), problem]))
    shown = {k: v for k, v in filters.items() if v and (k, v) != ("cue_kind", COUNTED)}
    body = [_INTRO, _form(filters, found["outlets"]), _sections(found, shown)]
    return page(request, "dashboard", "\n".join(body))


_INTRO = """<h1>The archive at a glance</h1>
<p class="lede">Who is quoted, and how often women are. As the Gender Gap Tracker counts, each
person counts once in each article that quotes them, the quotes counted are those spoken or
written (not thoughts, beliefs or acts) unless you choose otherwise, and the share of women is
of the people whose gender is known.</p>"""


def _form(filters: dict[str, str], outlets: list[str]) -> str:
    options = ['<option value="">all outlets</option>'] + [
        f"<option{' selected' if o == filters['outlet'] else ''}>{escape(o)}</option>"
        for o in outlets
    ]
    value = {k: escape(v) for k, v in filters.items()}
    return f"""<form class="card search-form" action="/dashboard" method="get"
  aria-label="Filter the statistics">
  <div class="field"><label for="since">Since</label>
    <input id="since" name="since" type="date" value="{value["since"]}"></div>
  <div class="field"><label for="until">Until</label>
    <input id="until" name="until" type="date" value="{value["until"]}"></div>
  <div class="field"><label for="outlet">Outlet</label>
    <select id="outlet" name="outlet">{"".join(options)}</select></div>
  <div class="field wide"><label for="about">About</label>
    <input id="about" name="about" value="{value["about"]}"
      placeholder="a person, organisation or topic"></div>
  <div class="field"><label for="cue_kind">Counting quotes said as</label>
    <select id="cue_kind" name="cue_kind">{_cue_kind_options(filters["cue_kind"])}</select></div>
  <div class="field"><button type="submit">Show</button></div>
</form>"""


def _sections(found: dict[str, Any], filters: dict[str, str]) -> str:
    totals, gender = found["totals"], found["gender_total"]
    known = gender["women"] + gender["men"]
    lead = (
        f'<p class="totals" id="totals">{totals["articles"]} articles, {totals["quotes"]} quotes;'
        f" {totals['people']} people and {totals['organisations']} organisations quoted."
        f" Women are {share(gender['share_women'])} of the people quoted whose gender is"
        f" known ({gender['women']} of {known}; {gender['unknown']} unknown).</p>"
    )
    people_rows = [[r["name"], _gender(r), r["quotes"], r["articles"]] for r in found["top_people"]]
    outlets = sorted({r["outlet"] for r in found["quotes_by_outlet_month"]})
    months = list(dict.fromkeys(r["month"] for r in found["quotes_by_outlet_month"]))
    count = {(r["month"], r["outlet"]): r["quotes"] for r in found["quotes_by_outlet_month"]}
    series = [(o or "(none)", [count[(m, o)] for m in months]) for o in outlets]
    sections = [
        _section(
            "gender_by_outlet",
            "Share of women by outlet",
            charts.bars(
                [(r["outlet"] or "(none)", r["share_women"]) for r in found["gender_by_outlet"]],
                "Share of women among the people quoted, by outlet",
                share,
                most=1.0,
            ),
            ["Outlet", "Women", "Men", "Unknown", "Share of women"],
            [
                [
                    r["outlet"] or "(none)",
                    r["women"],
                    r["men"],
                    r["unknown"],
                    share(r["share_women"]),
                ]
                for r in found["gender_by_outlet"]
            ],
            filters,
        ),
        _section(
            "gender_by_month",
            "Share of women by month",
            charts.columns(
                [r["month"] for r in found["gender_by_month"]],
                [("share of women", [r["share_women"] for r in found["gender_by_month"]])],
                "Share of women among the people quoted, by month",
                share,
                most=1.0,
            ),
            ["Month", "Women", "Men", "Unknown", "Share of women"],
            [
                [r["month"], r["women"], r["men"], r["unknown"], share(r["share_women"])]
                for r in found["gender_by_month"]
            ],
            filters,
        ),
        _section(
            "top_people",
            "Most quoted people",
            charts.bars(
                [(r["name"], r["quotes"]) for r in found["top_people"]],
                "Most quoted people, by quotes",
                _count,
            ),
            ["Person", "Gender", "Quotes", "Articles"],
            people_rows,
            filters,
        ),
        _section(
            "top_organisations",
            "Most quoted organisations",
            charts.bars(
                [(r["name"], r["quotes"]) for r in found["top_organisations"]],
                "Most quoted organisations, by quotes",
                _count,
            ),
            ["Organisation", "Quotes", "Articles"],
            [[r["name"], r["quotes"], r["articles"]] for r in found["top_organisations"]],
            filters,
        ),
        _section(
            "quotes_by_outlet_month",
            "Quotes per outlet per month",
            charts.columns(months, series, "Quotes per outlet per month", _count),
            ["Month", *(o or "(none)" for o in outlets)],
            [[m, *(count[(m, o)] for o in outlets)] for m in months],
            filters,
        ),
    ]
    note = ""
    if totals["people_gender_from_name"]:
        note = (
            f'<p class="footnote" id="from-name">* {totals["people_gender_from_name"]} of the'
            f" {totals['people']} people quoted have a gender only from a first-name prior"
            " (gender_basis “name”), not from the articles’ words: marked “(from name)”.</p>"
        )
    return "\n".join([lead, *sections, note])


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _gender(person: dict[str, Any]) -> str:
    gender = person["gender"] or "unknown"
    return f"{gender} (from name)*" if person["gender_basis"] == "name" else gender


def _section(
    table: str,
    heading: str,
    svg: str,
    header: list[str],
    rows: list[list[Any]],
    filters: dict[str, str],
) -> str:
    """One chart, its data as a table (the first column row headers) and its CSV link."""
    assert table in TABLES
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = (
        "".join(
            f'<tr><th scope="row">{escape(str(row[0]))}</th>'
            + "".join(f"<td>{escape(str(cell))}</td>" for cell in row[1:])
            + "</tr>"
            for row in rows
        )
        or f'<tr><td colspan="{len(header)}">none</td></tr>'
    )
    csv = escape("/v1/stats.csv?" + urlencode({"table": table, **filters}))
    return f"""<section class="card dash" id="{table}" aria-labelledby="{table}-h">
  <h2 id="{table}-h">{escape(heading)}</h2>
  <div class="chart">{svg}</div>
  <div class="table-wrap"><table class="data">
    <caption>{escape(heading)}: the numbers</caption>
    <thead><tr>{head}</tr></thead>
    <tbody>{body}</tbody>
  </table></div>
  <p><a class="csv" href="{csv}" download>Download CSV<span class="sr-only">:
    {escape(heading.lower())}</span></a></p>
</section>"""
