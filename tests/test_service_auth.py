"""Who may write: `saidwhat serve` refuses to serve beyond loopback without SAIDWHAT_TOKEN
(unless --no-auth), and with a token every route that changes the archive needs it, against
real servers; reading and /v1/extract stay open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.routing import APIRoute
from tests.service_server import CORPUS, free_port, running_server

from saidwhat.cli import is_loopback, main
from saidwhat.service import create_app
from saidwhat.service.api import require_token

TOKEN = "harwick-desk-7f3a"
PUBLIC = "0.0.0.0"  # every interface, as a server for a newsroom's network is bound
# POSTs that store nothing: extraction answers with the article and keeps no copy
READS_BY_POST = {"/v1/extract"}
ARTICLE = {"id": "gazette-2024-03-05", "text": CORPUS[0]["text"]}


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.5.5.5", "::1", "localhost", "LocalHost", "::ffff:127.0.0.1"]
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host",
    ["0.0.0.0", "::", "192.168.1.20", "10.0.0.7", "fe80::1", "newsroom.example", "", "128.0.0.1"],
)
def test_public_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_serve_beyond_loopback_without_a_token_refuses_to_start() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_TOKEN"}
    command = [sys.executable, "-m", "saidwhat", "serve", "--host", PUBLIC]
    result = subprocess.run(
        [*command, "--port", str(free_port())], env=env, capture_output=True, timeout=120
    )
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.count("\n") == 1, error  # one line, however long
    assert error.startswith(f"saidwhat serve: error: refusing to serve on {PUBLIC} ")
    assert "SAIDWHAT_TOKEN" in error and "--no-auth" in error
    assert b"Uvicorn running" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("host", "token", "flags", "error"),
    [
        ("192.168.1.20", None, [], "refusing to serve on 192.168.1.20 without SAIDWHAT_TOKEN"),
        ("::", None, [], "refusing to serve on :: without SAIDWHAT_TOKEN"),
        (PUBLIC, TOKEN, ["--no-auth"], "--no-auth and SAIDWHAT_TOKEN are both given: unset one"),
        ("127.0.0.1", TOKEN, ["--no-auth"], "--no-auth and SAIDWHAT_TOKEN are both given"),
    ],
    ids=["lan", "ipv6-any", "no-auth-and-token", "no-auth-and-token-on-loopback"],
)
def test_serve_refusals(
    host: str,
    token: str | None,
    flags: list[str],
    error: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("SAIDWHAT_TOKEN", raising=False)
    if token:
        monkeypatch.setenv("SAIDWHAT_TOKEN", token)
    assert main(["serve", "--host", host, "--port", str(free_port()), *flags]) == 2
    assert capsys.readouterr().err.startswith(f"saidwhat serve: error: {error}")


def test_every_route_that_changes_the_archive_needs_the_token() -> None:
    # A new write route without require_token fails here, before any server starts.
    routes = [r for r in create_app(None, TOKEN).routes if isinstance(r, APIRoute)]
    writes = {r.path for r in routes if r.methods - {"GET", "HEAD"}} - READS_BY_POST
    guarded = {r.path for r in routes if any(d.dependency is require_token for d in r.dependencies)}
    assert writes == guarded == {"/v1/articles"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive") / "archive.db"


@pytest.fixture(scope="module")
def public(db: Path) -> Iterator[httpx.Client]:
    """A server on every interface with a token, as the refusal asks for."""
    with (
        running_server(db=db, token=TOKEN, args=["--host", PUBLIC]) as url,
        httpx.Client(base_url=url, timeout=60) as client,
    ):
        yield client


def stored_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_openapi_shows_the_token_scheme(public: httpx.Client) -> None:
    doc = public.get("/openapi.json").json()
    scheme = doc["components"]["securitySchemes"]["token"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "SAIDWHAT_TOKEN" in scheme["description"]
    secured = {
        (method, path)
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }
    assert secured == {("post", "/v1/articles")}
    store = doc["paths"]["/v1/articles"]["post"]
    assert store["security"] == [{"token": []}] and "401" in store["responses"]


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer guess", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer"],
    ids=["none", "wrong", "a-prefix", "longer", "not-bearer", "empty"],
)
def test_writes_without_the_right_token_get_401_and_store_nothing(
    public: httpx.Client, db: Path, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    before = stored_articles(db)
    refused = public.post("/v1/articles", json=ARTICLE, headers=headers)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert "token" in refused.json()["detail"]
    assert stored_articles(db) == before


def test_the_right_token_writes_and_reading_needs_none(public: httpx.Client, db: Path) -> None:
    written = public.post(
        "/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert written.status_code in {200, 201}, written.text
    assert stored_articles(db) == 1
    for path in [
        "/healthz",
        "/openapi.json",
        "/",
        "/v1/archive",
        "/v1/articles",
        f"/v1/articles/{ARTICLE['id']}",
        "/v1/speakers",
        "/v1/speakers/Margaret Okafor",
        "/v1/quotes?q=libraries",
        "/v1/clusters",
    ]:
        assert public.get(path).status_code == 200, path
    extracted = public.post("/v1/extract", json={"text": ARTICLE["text"]})
    assert extracted.status_code == 200 and extracted.json()["quotes"]
    assert stored_articles(db) == 1  # extraction kept no copy


def test_no_auth_serves_openly_beyond_loopback(tmp_path: Path) -> None:
    db = tmp_path / "open.db"
    with (
        running_server(db=db, args=["--host", PUBLIC, "--no-auth"]) as url,
        httpx.Client(base_url=url, timeout=60) as client,
    ):
        written = client.post("/v1/articles", json=ARTICLE)
        assert written.status_code == 201, written.text
    assert stored_articles(db) == 1
