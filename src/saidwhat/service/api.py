"""The JSON API under /v1, /healthz, and the app factory that puts it together with the pages.

Takes HTTP requests (JSON bodies with an article's `text` or `html`); gives the same article
object as `saidwhat extract` (quotes with cue, sources and contents as character offsets into
`text`, speakers with titles and affiliations), and the archive's articles, speakers and
quotes when the app has one.

The spaCy pipeline loads once, at start-up; extraction runs in a small thread pool so a long
article never holds up the event loop, other requests' I/O or /healthz.

Every response carries an `X-Request-ID`. An unexpected error (an article extraction fails
on, a bug) is a 500 whose JSON body gives that id, logged with its traceback under the id;
nothing of the request is stored (an article is stored in one transaction, after its
extraction), and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as FastAPIPath
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StringConstraints,
    model_validator,
)
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from saidwhat import __version__
from saidwhat.archive import Archive
from saidwhat.archive.search import COUNTED
from saidwhat.archive.stats import DATE, Table, table_csv
from saidwhat.article import Article, QuoteType, SpeakerKind
from saidwhat.pipeline import Settings, extract, load
from saidwhat.reading import MAX_CHARS, html_to_text, text_fields
from saidwhat.service.pages import add_pages

API_PREFIX = "/v1"
META_FIELDS = ("url", "outlet", "title", "published")
# The one refusal of a body the schema accepts: only reading the page shows it has no article.
NO_ARTICLE_TEXT = "the HTML page has no article text that could be extracted"
log = logging.getLogger("saidwhat.service")


class ExtractRequest(BaseModel):
    """One article: its plain `text`, or an HTML page whose article body is read out."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": '"We will fight this," Mr Brierley said.', "id": "a1"}],
            "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
        }
    )

    # exactly one of the two, never null (the schema's oneOf; `_one_input` checks it): the
    # None default is not validated, an explicit null is refused as no string
    text: Annotated[str, StringConstraints(pattern=r"\S")] = Field(
        None, description="the article's plain text (not only spaces)"
    )
    html: str = Field(None, description="an HTML page; its article body is extracted")
    id: str | None = Field(None, max_length=200, description="an id to carry through")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date, e.g. 2024-03-05")
    min_confidence: StrictFloat | None = Field(  # a number: false is no threshold
        None,
        ge=0.0,
        le=1.0,
        description="leave out quotes less confident than this (default: the server's "
        "--min-confidence; 0 keeps every quote)",
    )

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if len([k for k in ("text", "html") if k in self.model_fields_set]) != 1:
            raise ValueError('give exactly one of "text" or "html"')
        return self

    def meta(self) -> dict[str, str]:
        return {k: v for k in META_FIELDS if (v := getattr(self, k)) is not None}


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class QuoteSpeakerOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # the archive adds its ids

    id: str
    name: str


class QuoteOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # the archive adds its ids

    cue: SpanOut | None
    sources: list[SpanOut]
    contents: list[SpanOut]
    type: str
    cue_kind: Literal["speech", "writing", "thought", "other"] = Field(
        description="what kind of attribution the cue makes"
    )
    confidence: float
    speaker: QuoteSpeakerOut | None


class SpeakerOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # the archive adds its ids

    id: str
    name: str
    kind: str
    titles: list[str]
    affiliations: list[str]
    gender: str | None
    gender_basis: Literal["article", "name"] | None = Field(
        None, description="where the gender comes from: the article's words, or a first-name prior"
    )
    mentions: list[SpanOut]


class ArticleOut(BaseModel):
    """An article and who said what in it; offsets index into `text`."""

    model_config = ConfigDict(extra="allow")

    id: str
    text: str
    quotes: list[QuoteOut]
    speakers: list[SpeakerOut]


class Health(BaseModel):
    status: str
    version: str
    archive: bool


class Problem(BaseModel):
    detail: str


class Failed(BaseModel):
    """An unexpected error; the server's log has it, with its traceback, under `request_id`."""

    detail: str
    request_id: str


# The 422 of a route that takes an article, said in full: Schemathesis' contract test lets
# this one through (tests/contract_checks.py).
ARTICLE_REFUSED: dict[int | str, dict[str, Any]] = {
    422: {
        "model": Problem,
        "description": "the body is not valid, or its `html` page has no article text "
        f'(detail: "{NO_ARTICLE_TEXT}")',
    }
}


class Stored(BaseModel):
    status: Literal["added", "replaced", "unchanged"]
    article: ArticleOut


class StatsFilters(BaseModel):
    since: str | None
    until: str | None
    outlet: str | None
    about: str | None
    top: int
    cue_kind: str


class StatsTotals(BaseModel):
    articles: int
    quotes: int
    people: int = Field(description="persons quoted")
    organisations: int = Field(description="organisations quoted")
    people_gender_from_name: int = Field(
        description="persons quoted whose gender only the first-name prior gives"
    )


class GenderCounts(BaseModel):
    """Each person counted once per article quoting them; `share_women` of those whose gender
    is known (null when none is)."""

    women: int
    men: int
    unknown: int
    share_women: float | None


class GenderByOutlet(GenderCounts):
    outlet: str = Field(description='"" for articles without one')


class GenderByMonth(GenderCounts):
    month: str = Field(description="YYYY-MM")


class TopPerson(BaseModel):
    person_id: int
    name: str
    gender: str | None
    gender_basis: Literal["article", "name"] | None
    quotes: int
    articles: int


class TopOrganisation(BaseModel):
    person_id: int
    name: str
    quotes: int
    articles: int


class OutletMonth(BaseModel):
    month: str
    outlet: str
    quotes: int


class StatsOut(BaseModel):
    """The archive's overview (`saidwhat stats --format json` gives the same): who is quoted,
    and women's share of the people quoted, in all, by outlet and by month."""

    filters: StatsFilters
    totals: StatsTotals
    gender_total: GenderCounts
    gender_by_outlet: list[GenderByOutlet]
    gender_by_month: list[GenderByMonth] = Field(description="every month of the range")
    top_people: list[TopPerson]
    top_organisations: list[TopOrganisation]
    quotes_by_outlet_month: list[OutletMonth] = Field(description="every month and outlet")
    outlets: list[str] = Field(description="every outlet the archive holds")


class PageOut(BaseModel):
    """One page of a list; `next_offset` is null on the last page."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


def create_app(
    db: Path | None = None,
    token: str | None = None,
    max_body: int = 2_000_000,
    pipeline: Settings | None = None,
) -> FastAPI:
    """The whole service. `db`: the archive to read and write (None: extraction only);
    `token`: when set, archive writes need `Authorization: Bearer <token>`; `max_body`:
    the largest request body in bytes (larger ones get 413); `pipeline`: the pipeline's
    settings (spaCy model, extractor, model folder, min_confidence, gender_from)."""
    workers = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="nlp")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        start = partial(load, pipeline)
        app.state.nlp = await asyncio.get_running_loop().run_in_executor(workers, start)
        app.state.archive = await run_in_threadpool(Archive.open, db) if db else None
        try:
            yield
        finally:
            workers.shutdown(wait=False, cancel_futures=True)
            if app.state.archive is not None:
                app.state.archive.close()

    app = FastAPI(
        title="saidwhat",
        version=__version__,
        summary="Who said what, in the news: quotes, their speakers, and an archive of them.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its code from a CDN; /api reads /openapi.json instead
        redoc_url=None,
        responses={
            413: {"model": Problem},
            422: {"model": Problem},
            500: {"model": Failed},
            503: {"model": Problem, "description": "this server has no archive"},
        },
    )
    app.state.token = token or None
    app.state.db = db
    app.state.archive = None
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(RequestIds)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, _validation_problem)
    app.add_exception_handler(StarletteHTTPException, _http_problem)

    async def extracted(body: ExtractRequest, request: Request) -> Article:
        """The request's article, read and extracted in the pipeline's own threads."""
        loop = asyncio.get_running_loop()
        article = await loop.run_in_executor(workers, _article_of, body)
        nlp = request.app.state.nlp
        return await loop.run_in_executor(workers, _extract, article, nlp, body.min_confidence)

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz(request: Request) -> Health:
        """Up and ready: the pipeline is loaded (the server answers only after it is)."""
        return Health(status="ok", version=__version__, archive=request.app.state.db is not None)

    @app.post(
        f"{API_PREFIX}/extract",
        response_model=ArticleOut,
        tags=["extraction"],
        responses=ARTICLE_REFUSED,
    )
    async def extract(body: ExtractRequest, request: Request) -> dict[str, Any]:
        """Who said what in one article, as `saidwhat extract` gives it, with its text."""
        return (await extracted(body, request)).to_dict(include_text=True)

    _add_archive_routes(app, extracted)
    add_pages(app)
    return app


def _archive(request: Request) -> Archive:
    archive = request.app.state.archive
    if archive is None:
        raise HTTPException(503, "this server has no archive: start it with --db archive.db")
    return archive


ArchiveDep = Annotated[Archive, Depends(_archive)]
Limit = Annotated[int, Query(ge=1, le=200, description="how many items per page")]
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id is no row's, and no SQL value
# Deep pages cost what they skip: past MAX_OFFSET, narrow the filters instead.
MAX_OFFSET = 100_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many items to skip")]
DateQuery = Annotated[
    str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["2019"])
]
AboutQuery = Annotated[str | None, Query(description="a person, organisation or topic")]
CueKindQuery = Annotated[
    str,
    Query(
        pattern=r"^(all|(speech|writing|thought|other)(,(speech|writing|thought|other))*)$",
        description="the kinds of attribution counted: speech, writing, thought, other, "
        "joined by commas, or all (default: speech and writing, as the Gender Gap Tracker)",
    ),
]


def stats_filters(
    since: DateQuery = None,
    until: DateQuery = None,
    outlet: str | None = None,
    about: AboutQuery = None,
    top: Annotated[int, Query(ge=1, le=100, description="how many people and organisations")] = 10,
    cue_kind: CueKindQuery = COUNTED,
) -> dict[str, Any]:
    """The filters of /v1/stats and /v1/stats.csv, empty values as none."""
    return {"since": since or None, "until": until or None, "outlet": outlet or None,
            "about": about or None, "top": top, "cue_kind": cue_kind}  # fmt: skip


async def archive_stats(archive: Archive, filters: dict[str, Any]) -> dict[str, Any]:
    """`Archive.stats` off the event loop; a range it refuses is a 422."""
    try:
        return await run_in_threadpool(partial(archive.stats, **filters))
    except ValueError as e:
        raise HTTPException(422, str(e)) from None


def _page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list fetched with limit + 1, so whether another page follows is known."""
    more = len(items) > limit
    return {
        "items": items[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


def _add_archive_routes(
    app: FastAPI, extracted: Callable[[ExtractRequest, Request], Awaitable[Article]]
) -> None:
    """The archive under /v1: store articles (with the token), read articles, speakers,
    quotes, quote clusters and the dashboard's statistics. Archive calls are blocking SQLite;
    they run in Starlette's thread pool, apart from extraction's, so a search never waits
    behind a long article."""

    @app.post(
        f"{API_PREFIX}/articles",
        response_model=Stored,
        status_code=201,
        tags=["archive"],
        dependencies=[Depends(require_token)],
        responses={
            200: {"model": Stored, "description": "already stored, or replaced"},
            401: {"model": Problem, "description": "the server's token is missing or wrong"},
            **ARTICLE_REFUSED,
        },
    )
    async def store(
        body: ExtractRequest, request: Request, response: Response, archive: ArchiveDep
    ) -> dict[str, Any]:
        """Extract one article and store it (201 when new). The same article again changes
        nothing; a changed one with the same id replaces the old. Without an id, the text's
        hash is its id."""
        article = await extracted(body, request)
        article.id = (
            article.id or "sha256-" + hashlib.sha256(article.text.encode()).hexdigest()[:16]
        )
        status = await run_in_threadpool(archive.store, article)
        if status != "added":
            response.status_code = 200
        return {"status": status, "article": await run_in_threadpool(archive.article, article.id)}

    @app.get(f"{API_PREFIX}/articles", response_model=PageOut, tags=["archive"])
    async def articles(
        archive: ArchiveDep,
        limit: Limit = 20,
        offset: Offset = 0,
        outlet: str | None = None,
        since: DateQuery = None,
        until: DateQuery = None,
        q: Annotated[str | None, Query(description="words in the title or a quote")] = None,
    ) -> dict[str, Any]:
        """Stored articles, newest first, a page at a time: each with its title (else its
        first line), outlet, date and number of quotes."""
        found = await run_in_threadpool(
            archive.articles, limit + 1, offset, outlet or None, since or None, until or None,
            q or None,
        )  # fmt: skip
        return _page(found, limit, offset)

    @app.get(
        f"{API_PREFIX}/articles/{{article_id:path}}",
        response_model=ArticleOut,
        tags=["archive"],
        responses={404: {"model": Problem, "description": "no such article"}},
    )
    async def article(article_id: str, archive: ArchiveDep) -> dict[str, Any]:
        """One stored article with its text, quotes and speakers (and their archive ids)."""
        found = await run_in_threadpool(archive.article, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the archive")
        return found

    @app.get(f"{API_PREFIX}/speakers", response_model=PageOut, tags=["archive"])
    async def speakers(
        archive: ArchiveDep,
        limit: Limit = 20,
        offset: Offset = 0,
        by: Literal["quotes", "articles"] = "quotes",
        outlet: str | None = None,
        kind: SpeakerKind | None = None,
        cue_kind: CueKindQuery = COUNTED,
    ) -> dict[str, Any]:
        """The people quoted most, by quotes or by articles."""
        found = await run_in_threadpool(
            partial(archive.speakers, offset + limit + 1, by, outlet, kind, cue_kind=cue_kind)
        )
        return _page(found[offset:], limit, offset)

    @app.get(
        f"{API_PREFIX}/speakers/{{speaker_id}}",
        tags=["archive"],
        responses={404: {"model": Problem, "description": "nobody of that id or name"}},
    )
    async def speaker(
        speaker_id: Annotated[
            str, FastAPIPath(description="a person's id or name", examples=["Margaret Okafor"])
        ],
        archive: ArchiveDep,
    ) -> dict[str, Any]:
        """One person (by id, or by name): aliases, titles and affiliations over time,
        outlets, quotes by month, their words, their quotes and quote clusters."""
        who: int | str = int(speaker_id) if speaker_id.isdigit() else speaker_id
        found = await run_in_threadpool(archive.speaker, who)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r} in the archive")
        return found

    @app.get(f"{API_PREFIX}/quotes", response_model=PageOut, tags=["archive"])
    async def quotes(
        archive: ArchiveDep,
        q: Annotated[str | None, Query(description="words in the quote (full-text)")] = None,
        speaker: Annotated[str | None, Query(description="who said it: a name or id")] = None,
        about: Annotated[str | None, Query(description="a person or organisation")] = None,
        outlet: str | None = None,
        since: DateQuery = None,
        until: DateQuery = None,
        type: QuoteType | None = None,
        cue_kind: CueKindQuery = COUNTED,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes matching every filter given, best match first, each with its sentence, its
        cue's kind, and where its words matched `q` (`matches`: offsets into `text`)."""
        who: int | str | None = int(speaker) if speaker and speaker.isdigit() else speaker
        found = await run_in_threadpool(
            partial(
                archive.search,
                q or None,
                who or None,
                about or None,
                outlet or None,
                since or None,
                until or None,
                type,
                limit + 1,
                offset,
                cue_kind=cue_kind,
            )
        )
        return _page(found, limit, offset)

    @app.get(f"{API_PREFIX}/clusters", response_model=PageOut, tags=["archive"])
    async def clusters(
        archive: ArchiveDep, limit: Limit = 20, offset: Offset = 0
    ) -> dict[str, Any]:
        """Quotes carried by several articles, the most widely carried first."""
        found = await run_in_threadpool(archive.clusters, limit + 1, offset)
        return _page(found, limit, offset)

    @app.get(
        f"{API_PREFIX}/clusters/{{cluster_id}}",
        tags=["archive"],
        responses={404: {"model": Problem, "description": "no such quote cluster"}},
    )
    async def cluster(
        cluster_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ID)], archive: ArchiveDep
    ) -> dict[str, Any]:
        """Where one quote appeared, first to last, and how each wording differs from the
        first."""
        found = await run_in_threadpool(archive.cluster, cluster_id)
        if found is None:
            raise HTTPException(404, f"no quote cluster {cluster_id} in the archive")
        return found

    @app.get(f"{API_PREFIX}/stats", response_model=StatsOut, tags=["archive"])
    async def stats(
        archive: ArchiveDep, filters: Annotated[dict[str, Any], Depends(stats_filters)]
    ) -> dict[str, Any]:
        """Who is quoted, and how often women are: by outlet and month (each person once per
        article), the most quoted people and organisations, quotes per outlet per month."""
        return await archive_stats(archive, filters)

    @app.get(
        f"{API_PREFIX}/stats.csv",
        tags=["archive"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "the table as CSV"}},
    )
    async def stats_csv(
        archive: ArchiveDep,
        table: Annotated[Table, Query(description="which table of /v1/stats")],
        filters: Annotated[dict[str, Any], Depends(stats_filters)],
    ) -> Response:
        """One table of /v1/stats as a CSV download, with its header row even when empty."""
        found = await archive_stats(archive, filters)
        return Response(
            table_csv(found, table),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="saidwhat-{table}.csv"'},
        )

    @app.get(f"{API_PREFIX}/archive", tags=["archive"])
    async def counts(archive: ArchiveDep) -> dict[str, int]:
        """How many articles, quotes, speakers, people and quote clusters are stored."""
        return await run_in_threadpool(archive.counts)


def _article_of(body: ExtractRequest) -> Article:
    """The Article a request asks about, or 422 saying why there is none."""
    text = body.text
    if body.html is not None:
        text = html_to_text(body.html)
        if text is None:
            raise HTTPException(422, NO_ARTICLE_TEXT)
    assert text is not None
    if not text.strip():
        raise HTTPException(422, "the text is empty")
    if len(text) > MAX_CHARS:
        raise HTTPException(413, f"a text of {len(text):,} characters is over {MAX_CHARS:,}")
    # what the text says of itself (a headline, a dateline), unless the request says it
    return Article(id=body.id or "", text=text, meta={**text_fields(text), **body.meta()})


def _extract(article: Article, nlp: Any, min_confidence: float | None) -> Article:
    """The article extracted; `pipeline.ExtractionError` (a 500) when that fails on it."""
    found = extract(article.text, nlp, article.id, min_confidence)
    found.meta = article.meta
    return found


BEARER = HTTPBearer(
    scheme_name="token",
    description="The server's SAIDWHAT_TOKEN, as `Authorization: Bearer <token>`: needed to "
    "write to the archive when the server was started with one. Reading and /v1/extract "
    "(which stores nothing) need no token.",
    auto_error=False,  # require_token answers, so a server without a token lets writes in
)


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> None:
    """Archive writes need the configured token as `Authorization: Bearer <token>`,
    compared in constant time so response times tell nothing about it."""
    expected = request.app.state.token
    if expected is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this server needs a token to write: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _http_problem(request: Request, exc: Exception) -> Response:
    """A 405's `Allow` names every method of the path (Starlette names only those of the
    first route that matched it, where GET and POST are two routes). A body FastAPI cannot
    decode (not UTF-8, nested past Python's recursion limit) is its 400, which the schema does
    not list: a 422, as malformed JSON is. The rest as FastAPI answers them."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.__cause__ is not None:
        detail = f"the body could not be read as JSON: {exc.__cause__}".rstrip(": ")
        return JSONResponse({"detail": detail}, status_code=422)
    if exc.status_code == 405:
        methods = {
            method
            for route in request.app.router.routes
            if route.matches(request.scope)[0] != Match.NONE
            for method in getattr(route, "methods", None) or ()
        }
        exc.headers = {**(exc.headers or {}), "Allow": ", ".join(sorted(methods))}
    return await http_exception_handler(request, exc)


async def _validation_problem(request: Request, exc: Exception) -> JSONResponse:
    """422 with one readable sentence (and the itemised errors for programs)."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    messages = []
    for error in errors:
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            where = error["loc"][-1] if error.get("loc") else "?"
            messages.append(f"malformed JSON at character {where}: {reason}".rstrip(": "))
        else:
            field = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
            messages.append(f"{field}: {error.get('msg')}" if field else str(error.get("msg")))
    detail = "; ".join(messages) or "the request could not be read"
    safe = json.loads(json.dumps(errors, default=str))  # ctx may hold exceptions
    return JSONResponse({"detail": detail, "errors": safe}, status_code=422)


class BodyLimit:
    """413 for a request body over `max_body` bytes, announced or streamed (chunked)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._too_large(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        payload = json.dumps(
            {"detail": f"the request body is over the limit of {self.max_body:,} bytes"}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


class RequestIds:
    """An id for each request, in the `X-Request-ID` response header; an exception no route
    handled becomes a 500 with the id in a JSON body, logged with its traceback, so a user's
    report finds the log entry. (Starlette's own 500 is plain text and names nothing.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        header = (b"x-request-id", request_id.encode())
        started = False

        async def with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        except Exception:
            log.exception("request %s (%s %s) failed", request_id, scope["method"], scope["path"])
            if started:  # a response is under way: the server can only cut it off
                raise
            body = {"detail": "the server failed on this request", "request_id": request_id}
            await JSONResponse(body, 500, headers={"x-request-id": request_id})(
                scope, receive, send
            )


class SecurityHeaders:
    """Pages run only the app's own scripts and styles: even if article text ever reached
    the DOM as markup, an inline `<script>` or `onerror=` would not run."""

    HEADERS = (
        (
            b"content-security-policy",
            b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
