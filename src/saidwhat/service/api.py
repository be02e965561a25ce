"""The JSON API under /v1, /healthz, and the app factory that puts it together with the pages.

Takes HTTP requests (JSON bodies with an article's `text` or `html`); gives the same article
object as `saidwhat extract` (quotes with cue, sources and contents as character offsets into
`text`, speakers with titles and affiliations), and the archive's articles, speakers and
quotes when the app has one.

The spaCy pipeline loads once, at start-up; extraction runs in a small thread pool so a long
article never holds up the event loop, other requests' I/O or /healthz.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from saidwhat.article import Article
from saidwhat.pipeline import extract_articles, load
from saidwhat.reading import MAX_CHARS, html_to_text
from saidwhat.service.pages import add_pages

API_PREFIX = "/v1"
__version__ = version("saidwhat")
META_FIELDS = ("url", "outlet", "title", "published")


class ExtractRequest(BaseModel):
    """One article: its plain `text`, or an HTML page whose article body is read out."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": '"We will fight this," Mr Brierley said.', "id": "a1"}]
        }
    )

    text: str | None = Field(None, description="the article's plain text")
    html: str | None = Field(None, description="an HTML page; its article body is extracted")
    id: str | None = Field(None, max_length=200, description="an id to carry through")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date, e.g. 2024-03-05")

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        return self

    def meta(self) -> dict[str, str]:
        return {k: v for k in META_FIELDS if (v := getattr(self, k)) is not None}


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class QuoteSpeakerOut(BaseModel):
    id: str
    name: str


class QuoteOut(BaseModel):
    cue: SpanOut | None
    sources: list[SpanOut]
    contents: list[SpanOut]
    type: str
    confidence: float
    speaker: QuoteSpeakerOut | None


class SpeakerOut(BaseModel):
    id: str
    name: str
    kind: str
    titles: list[str]
    affiliations: list[str]
    gender: str | None
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


def create_app(
    db: Path | None = None, token: str | None = None, max_body: int = 2_000_000
) -> FastAPI:
    """The whole service. `db`: the archive to read and write (None: extraction only);
    `token`: when set, archive writes need `Authorization: Bearer <token>`; `max_body`:
    the largest request body in bytes (larger ones get 413)."""
    workers = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="nlp")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.nlp = await asyncio.get_running_loop().run_in_executor(workers, load)
        try:
            yield
        finally:
            workers.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="saidwhat",
        version=__version__,
        summary="Who said what, in the news: quotes, their speakers, and an archive of them.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its code from a CDN; /api reads /openapi.json instead
        redoc_url=None,
        responses={413: {"model": Problem}, 422: {"model": Problem}},
    )
    app.state.token = token or None
    app.state.db = db

    async def in_thread(fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(workers, partial(fn, *args))

    app.state.in_thread = in_thread
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, _validation_problem)

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz(request: Request) -> Health:
        """Up and ready: the pipeline is loaded (the server answers only after it is)."""
        return Health(status="ok", version=__version__, archive=request.app.state.db is not None)

    @app.post(
        f"{API_PREFIX}/extract",
        response_model=ArticleOut,
        response_model_exclude_none=False,
        tags=["extraction"],
    )
    async def extract(body: ExtractRequest, request: Request) -> dict[str, Any]:
        """Who said what in one article, as `saidwhat extract` gives it, with its text."""
        article = await in_thread(_article_of, body)
        done = await in_thread(_extract, article, request.app.state.nlp)
        return done.to_dict(include_text=True)

    add_pages(app)
    return app


def _article_of(body: ExtractRequest) -> Article:
    """The Article a request asks about, or 422 saying why there is none."""
    text = body.text
    if body.html is not None:
        text = html_to_text(body.html)
        if text is None:
            raise HTTPException(422, "the HTML page has no article text that could be extracted")
    assert text is not None
    if not text.strip():
        raise HTTPException(422, "the text is empty")
    if len(text) > MAX_CHARS:
        raise HTTPException(413, f"a text of {len(text):,} characters is over {MAX_CHARS:,}")
    return Article(id=body.id or "", text=text, meta=body.meta())


def _extract(article: Article, nlp: Any) -> Article:
    return next(extract_articles([article], nlp))


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Archive writes need the configured token as `Authorization: Bearer <token>`."""
    expected = request.app.state.token
    if expected is None:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this server needs a token to write: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


Token = Depends(require_token)


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
