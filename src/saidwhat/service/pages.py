"""The web pages: read an article with its quotes highlighted; search the archive; a speaker's
quotes over time; a quote cluster's occurrences and wording.

Takes the app; gives it the page routes and /static. Each page is a small HTML shell of
fixed markup (nothing from a request or an article goes into it) and `static/app.js` fills
it from the JSON API, building every node with textContent, so article text stays text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

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
  <div class="field"><button type="submit">Search</button></div>
</form>
<p id="status" class="status" role="status" aria-live="polite"></p>
<ol id="results" class="results"></ol>
<nav id="pager" class="pager" aria-label="Result pages"></nav>
<section aria-labelledby="top-h" class="top-speakers">
  <h2 id="top-h">Most quoted</h2>
  <ol id="top-speakers" class="chips"></ol>
</section>
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


def page(request: Request, name: str) -> HTMLResponse:
    title, body = _BODIES[name]
    archive = request.app.state.db is not None
    links = '<a href="/search"{}>Search the archive</a>'.format(
        ' aria-current="page"' if name in {"search", "speaker", "cluster"} else ""
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
    """The pages at /, /articles/{id}, /search, /speakers/{id}, /clusters/{id}, /api."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    routes = {
        "/": "read",
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
