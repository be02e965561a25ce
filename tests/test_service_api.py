"""The JSON API, against a real `saidwhat serve` process on localhost."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from spacy.language import Language
from tests.conftest import EXAMPLE_OWN, assert_json_spans_exact
from tests.faults import fail_in_speakers
from tests.service_server import CORPUS, running_server, serving, store_corpus

from saidwhat.archive import people
from saidwhat.article import Article
from saidwhat.cli import _parser
from saidwhat.pipeline import Settings, extract_articles, load
from saidwhat.reading import text_fields
from saidwhat.service import create_app

TOKEN = "newsroom-secret"
TEXT = EXAMPLE_OWN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive") / "archive.db"


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with running_server(db=db, token=TOKEN, max_body=300_000) as url:
        yield url


@pytest.fixture(scope="module")
def stored(base: str) -> list[httpx.Response]:
    return store_corpus(base, TOKEN)


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def test_extract_gives_what_the_library_gives(client: httpx.Client, saidwhat_nlp: Language) -> None:
    response = client.post(
        "/v1/extract", json={"text": TEXT, "id": "budget", "outlet": "Harwick Gazette"}
    )
    assert response.status_code == 200, response.text
    article = response.json()
    assert article["text"] == TEXT and article["id"] == "budget"
    assert article["outlet"] == "Harwick Gazette"
    assert_json_spans_exact(article, article["text"])
    # the text's headline is its title, as when the library reads it from a file
    meta = {**text_fields(TEXT), "outlet": "Harwick Gazette"}
    here = next(extract_articles([Article("budget", TEXT, meta=meta)]))
    assert article == here.to_dict(include_text=True)
    theatre = next(q for q in article["quotes"] if "that's theatre" in q["contents"][-1]["text"])
    assert theatre["speaker"]["name"] == "Tom Brierley"
    assert theatre["type"] == "direct"
    okafor = next(s for s in article["speakers"] if s["name"] == "Margaret Okafor")
    assert okafor["kind"] == "person" and okafor["affiliations"]


def test_extract_reads_an_html_page(client: httpx.Client) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")[1:])
    page = (
        "<!doctype html><html><head><title>Library cuts</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council leader defends library cuts</h1>{paragraphs}</article>"
        "<footer>Copyright Harwick Gazette</footer></body></html>"
    )
    response = client.post("/v1/extract", json={"html": page})
    assert response.status_code == 200, response.text
    article = response.json()
    assert "Margaret Okafor" in article["text"] and "Copyright" not in article["text"]
    assert_json_spans_exact(article, article["text"])
    assert "Tom Brierley" in {q["speaker"]["name"] for q in article["quotes"] if q["speaker"]}


def test_malformed_and_invalid_bodies_get_422_with_a_message(client: httpx.Client) -> None:
    bad = client.post(
        "/v1/extract",
        content=b'{"text": "unfinished',
        headers={"content-type": "application/json"},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("malformed JSON")
    # bytes that are no text at all: a 422 too, not FastAPI's 400 that the schema does not list
    for content in (b'\xff{"text": "x"}', b"[" * 100_000):
        undecoded = client.post(
            "/v1/extract", content=content, headers={"content-type": "application/json"}
        )
        assert undecoded.status_code == 422, (content[:20], undecoded.text)
        assert undecoded.json()["detail"].startswith("the body could not be read as JSON")
    neither = client.post("/v1/extract", json={"id": "x"})
    assert neither.status_code == 422
    assert 'exactly one of "text" or "html"' in neither.json()["detail"]
    wrong_type = client.post("/v1/extract", json={"text": 42})
    assert wrong_type.status_code == 422 and "text" in wrong_type.json()["detail"]
    empty = client.post("/v1/extract", json={"text": "  \n "})
    assert empty.status_code == 422 and empty.json()["detail"].startswith("text: String should")


def test_bodies_over_the_limit_get_413(client: httpx.Client) -> None:
    big = json.dumps({"text": "word " * 70_000}).encode()  # 350 kB against a 300 kB limit
    announced = client.post(
        "/v1/extract", content=big, headers={"content-type": "application/json"}
    )
    assert announced.status_code == 413
    assert "over the limit of 300,000 bytes" in announced.json()["detail"]

    def chunked() -> Iterator[bytes]:  # no Content-Length: the server must count
        for start in range(0, len(big), 65_536):
            yield big[start : start + 65_536]

    streamed = client.post(
        "/v1/extract", content=chunked(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert client.get("/healthz").status_code == 200  # and the server carries on


def test_a_long_extraction_does_not_hold_up_other_requests(base: str) -> None:
    long_text = "\n\n".join([TEXT] * 12)
    finished = threading.Event()
    result: dict[str, int] = {}

    def long_request() -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            result["status"] = c.post("/v1/extract", json={"text": long_text}).status_code
        finished.set()

    worker = threading.Thread(target=long_request)
    worker.start()
    with httpx.Client(base_url=base, timeout=60) as c:
        # these are answered while the long article is still being read
        assert c.get("/healthz").json()["status"] == "ok"
        short = c.post("/v1/extract", json={"text": '"We will fight this," he said.'})
        assert short.status_code == 200 and short.json()["quotes"]
        assert not finished.is_set()
    worker.join(timeout=120)
    assert result["status"] == 200


def test_the_trained_model_answers_concurrent_requests_as_the_library_does() -> None:
    # The model's encoder runs in one shared thread pool in the server's process; requests
    # that overlap must each get their own article's quotes.
    articles = [Article(a["id"], a["text"], meta=text_fields(a["text"])) for a in CORPUS]
    # Every quote, the doubtful ones too: `serve` passes its model options on to `load`.
    nlp = load(Settings(extractor="model", min_confidence=0.0))
    here = [a.to_dict(include_text=True) for a in extract_articles(articles, nlp)]
    with (
        running_server(args=["--extractor", "model", "--min-confidence", "0"]) as url,
        httpx.Client(base_url=url, timeout=120) as c,
        ThreadPoolExecutor(len(articles)) as pool,
    ):
        bodies = [{"id": a.id, "text": a.text} for a in articles]
        responses = list(pool.map(lambda body: c.post("/v1/extract", json=body), bodies))
        # A request may set its own threshold: the model's own gives the library's default
        threshold = nlp.get_pipe("saidwhat").extractor.min_confidence
        strict = c.post("/v1/extract", json={**bodies[0], "min_confidence": threshold})
        wrong = c.post("/v1/extract", json={**bodies[0], "min_confidence": 1.5})
    assert [r.status_code for r in responses] == [200] * len(articles)
    assert [r.json() for r in responses] == here
    assert all(article["quotes"] for article in here)
    assert any(q["confidence"] < threshold for article in here for q in article["quotes"])
    assert strict.status_code == 200
    default = next(extract_articles(articles[:1], load(Settings(extractor="model"))))
    assert strict.json() == default.to_dict(include_text=True) != here[0]
    assert wrong.status_code == 422 and "min_confidence" in wrong.json()["detail"]


def test_openapi_lists_the_versioned_routes(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["info"]["title"] == "saidwhat"
    assert {"/v1/extract", "/healthz"} <= set(doc["paths"])


def test_pages_are_served_with_a_strict_content_security_policy(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/static/app.js")
    assert script.status_code == 200
    assert not re.search(r"\.(inner|outer)HTML\b|insertAdjacentHTML|document\.write", script.text)


def test_serve_binds_to_localhost_by_default() -> None:
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.db, args.max_body) == ("127.0.0.1", 8000, None, 2_000_000)


def test_archive_writes_need_the_token(client: httpx.Client) -> None:
    article = {"id": "intruder", "text": '"Let me in," the stranger said.'}
    assert client.post("/v1/articles", json=article).status_code == 401
    wrong = client.post("/v1/articles", json=article, headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/articles/intruder").status_code == 404


def test_stored_articles_read_back_from_a_real_sqlite_file(
    client: httpx.Client, stored: list[httpx.Response], db: Path
) -> None:
    assert [r.status_code for r in stored] == [201, 201, 201], [r.text for r in stored]
    assert {r.json()["status"] for r in stored} == {"added"}
    again = client.post(
        "/v1/articles", json=CORPUS[0], headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    with sqlite3.connect(db) as conn:  # the server's own file, read by another process
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3

    listed = client.get("/v1/articles", params={"limit": 2}).json()
    assert len(listed["items"]) == 2 and listed["next_offset"] == 2
    rest = client.get("/v1/articles", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    titles = {a["title"] for a in listed["items"] + rest["items"]}
    assert titles == {"Council leader defends library cuts", "Libraries row", "Two libraries saved"}
    chosen = {
        "outlet": "Harwick Gazette",
        "since": "2024-04",
        "until": "2024-04-30",
        "q": "volunteer",  # stemmed: the quote says "volunteers"
    }
    (saved,) = client.get("/v1/articles", params=chosen).json()["items"]
    assert (saved["article"], saved["title"]) == ("gazette-2024-04-10", "Two libraries saved")
    assert client.get("/v1/articles", params={**chosen, "q": "theatre"}).json()["items"] == []
    assert client.get("/v1/articles", params={"since": "April"}).status_code == 422

    echo = client.get("/v1/articles/echo-2024-03-06").json()
    assert echo["text"] == CORPUS[1]["text"] and echo["outlet"] == "Northern Echo"
    assert_json_spans_exact(echo, echo["text"])
    assert any(q["speaker"] and q["speaker"]["name"] == "Margaret Okafor" for q in echo["quotes"])
    assert client.get("/v1/articles/nowhere").status_code == 404
    slashed = client.get("/v1/articles/desk%2Fuk%2Fnone")  # ids may hold slashes
    assert slashed.status_code == 404 and "'desk/uk/none'" in slashed.json()["detail"]


def test_quotes_search_with_filters_and_pages(
    client: httpx.Client, stored: list[httpx.Response]
) -> None:
    found = client.get("/v1/quotes", params={"q": "libraries"}).json()["items"]
    assert any("Nobody came into local politics" in q["text"] for q in found)
    okafor = client.get(
        "/v1/quotes", params={"speaker": "Margaret Okafor", "since": "2024-04"}
    ).json()["items"]
    assert okafor and {q["article"] for q in okafor} == {"gazette-2024-04-10"}
    assert all(q["person"] == "Margaret Okafor" for q in okafor)
    direct = client.get("/v1/quotes", params={"type": "direct", "limit": 1}).json()
    assert len(direct["items"]) == 1 and direct["items"][0]["type"] == "direct"
    assert direct["next_offset"] == 1
    bad_type = client.get("/v1/quotes", params={"type": "quoted"})
    assert bad_type.status_code == 422 and "type" in bad_type.json()["detail"]
    assert client.get("/v1/quotes", params={"since": "March"}).status_code == 422

    # the words matched, stemmed, as offsets into each quote's text
    for quote in client.get("/v1/quotes", params={"q": "library"}).json()["items"]:
        marked = {quote["text"][m["start"] : m["end"]].lower() for m in quote["matches"]}
        assert marked and marked <= {"library", "libraries"}
    # speech and writing unless asked: every kind is at least as many
    counted = client.get("/v1/quotes", params={"limit": 200}).json()["items"]
    every = client.get("/v1/quotes", params={"limit": 200, "cue_kind": "all"}).json()["items"]
    assert {q["cue_kind"] for q in counted} <= {"speech", "writing"}
    assert len(every) >= len(counted) > 0
    assert client.get("/v1/quotes", params={"cue_kind": "spoken"}).status_code == 422
    assert client.get("/v1/speakers", params={"cue_kind": "thought,other"}).status_code == 200


def test_speakers_and_a_speaker_over_time(
    client: httpx.Client, stored: list[httpx.Response]
) -> None:
    top = client.get("/v1/speakers").json()["items"]
    assert top[0]["name"] == "Margaret Okafor" and top[0]["articles"] == 3
    person = client.get(f"/v1/speakers/{top[0]['person_id']}").json()
    assert [m["month"] for m in person["by_month"]] == ["2024-03", "2024-04"]
    assert {o["outlet"] for o in person["outlets"]} == {"Harwick Gazette", "Northern Echo"}
    assert client.get("/v1/speakers/Margaret Okafor").json()["id"] == person["id"]
    assert client.get("/v1/speakers/99999").status_code == 404


def test_a_quote_cluster_shows_the_changed_word(
    client: httpx.Client, stored: list[httpx.Response]
) -> None:
    clusters = client.get("/v1/clusters").json()["items"]
    assert clusters and clusters[0]["outlets"] == 2
    cluster = client.get(f"/v1/clusters/{clusters[0]['id']}").json()
    first, echo = cluster["quotes"]
    assert first["outlet"] == "Harwick Gazette" and first["differences"] == []
    assert echo["differences"] == [{"change": "changed", "from": "shut", "to": "close"}]
    counts = client.get("/v1/archive").json()
    assert counts["articles"] == 3 and counts["quote_clusters"] >= 1


@pytest.mark.filterwarnings("ignore:Using `httpx`")
def test_without_an_archive_its_routes_say_so(saidwhat_nlp: Language) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(None)) as local:
        missing = local.get("/v1/quotes", params={"q": "libraries"})
        assert missing.status_code == 503 and "--db" in missing.json()["detail"]
        assert local.get("/healthz").json()["archive"] is False


def test_an_unexpected_error_is_a_500_with_a_request_id_and_nothing_stored(
    tmp_path: Path,
    saidwhat_nlp: Language,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db = tmp_path / "archive.db"
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def stored() -> tuple[int, ...]:
        with sqlite3.connect(db) as conn:
            tables = ("articles", "quotes", "speakers", "people", "quote_spans", "mentions")
            return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)

    with serving(create_app(db, TOKEN)) as base, httpx.Client(base_url=base, timeout=60) as c:
        assert c.post("/v1/articles", json=CORPUS[1], headers=auth).status_code == 201
        before = stored()
        assert before[0] == 1 and before[1] > 2

        fail_in_speakers(monkeypatch, "bus rides")  # in CORPUS[0] only
        with caplog.at_level(logging.ERROR, logger="saidwhat.service"):
            failed = c.post("/v1/articles", json=CORPUS[0], headers=auth)
            extracted = c.post("/v1/extract", json={"text": CORPUS[0]["text"]})
        for response in (failed, extracted):
            assert response.status_code == 500
            body = response.json()
            assert body["request_id"] == response.headers["x-request-id"]
            assert body["detail"] == "the server failed on this request"
            logged = [r for r in caplog.records if body["request_id"] in r.getMessage()]
            assert logged and logged[0].exc_info is not None
        assert "cannot resolve bus rides" in caplog.text  # the traceback, with the cause
        assert "POST /v1/articles" in caplog.text
        assert stored() == before
        monkeypatch.undo()

        # a failure halfway through storing rolls the whole article back
        monkeypatch.setattr(people, "match", lambda *args: 1 / 0)
        assert c.post("/v1/articles", json=CORPUS[0], headers=auth).status_code == 500
        assert stored() == before
        monkeypatch.undo()

        assert c.get("/healthz").json()["status"] == "ok"  # and the server goes on
        again = c.post("/v1/articles", json=CORPUS[0], headers=auth)
        assert (
            again.status_code == 201
            and again.headers["x-request-id"] != failed.headers["x-request-id"]
        )
        assert stored()[0] == 2


def test_gender_basis_in_extract_and_the_archive(tmp_path: Path) -> None:
    """Where each gender comes from, in /v1/extract and in the archive's article and people
    (a server of its own: the shared one's archive counts stay as the tests above expect)."""
    text = (
        "Theresa Lopez, a teacher in Leeds, said the plan was two years late.\n\n"
        '"We waited and waited," Lopez said.\n\n'
        'Mr Brown said he disagreed. "It is fine," said Jean Marchetti, a parent.'
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with (
        running_server(db=tmp_path / "a.db", token=TOKEN) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        extracted = c.post("/v1/extract", json={"text": text}).json()
        basis = {s["name"]: (s["gender"], s["gender_basis"]) for s in extracted["speakers"]}
        assert basis["Theresa Lopez"] == ("female", "name")
        assert basis["Brown"] == ("male", "article")
        assert basis["Jean Marchetti"] == (None, None)
        assert c.post("/v1/articles", json={"text": text, "id": "lopez"}, headers=auth).is_success
        stored = c.get("/v1/articles/lopez").json()
        assert {s["name"]: s["gender_basis"] for s in stored["speakers"]} == {
            s["name"]: s["gender_basis"] for s in extracted["speakers"]
        }
        people = {p["name"]: p for p in c.get("/v1/speakers").json()["items"]}
        assert (people["Theresa Lopez"]["gender"], people["Theresa Lopez"]["gender_basis"]) == (
            "female",
            "name",
        )
        assert c.get("/v1/speakers/Theresa Lopez").json()["gender_basis"] == "name"
    with (
        running_server(args=["--gender-from", "article"]) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        extracted = c.post("/v1/extract", json={"text": text}).json()
        basis = {s["name"]: (s["gender"], s["gender_basis"]) for s in extracted["speakers"]}
        assert basis["Theresa Lopez"] == (None, None)
        assert basis["Brown"] == ("male", "article")


def test_the_contract_bounds_pages_dates_inputs_and_types(
    client: httpx.Client, stored: list[httpx.Response]
) -> None:
    doc = client.get("/openapi.json").json()
    quotes = {p["name"]: p["schema"] for p in doc["paths"]["/v1/quotes"]["get"]["parameters"]}
    assert quotes["offset"]["maximum"] == 100_000 and quotes["limit"]["maximum"] == 200
    assert quotes["since"]["anyOf"][0]["pattern"].startswith("^(19|20)[0-9]{2}")
    body = doc["components"]["schemas"]["ExtractRequest"]
    assert body["oneOf"] == [{"required": ["text"]}, {"required": ["html"]}]
    assert body["properties"]["text"]["type"] == "string"  # never null
    for path in ("/v1/articles/{article_id}", "/v1/speakers/{speaker_id}"):
        assert "404" in doc["paths"][path]["get"]["responses"]
    assert {"422", "503"} <= set(doc["paths"]["/v1/quotes"]["get"]["responses"])

    # an offset past the bound, or past SQLite's integers, is a 422, never a 500
    for offset in (100_001, 2**63, 10**30):
        response = client.get("/v1/quotes", params={"offset": offset})
        assert response.status_code == 422, (offset, response.text)
    assert client.get("/v1/quotes", params={"offset": 100_000}).json()["items"] == []
    assert client.get(f"/v1/clusters/{2**80}").status_code == 422
    # a 405 names every method of the path
    assert client.request("OPTIONS", "/v1/articles").headers["allow"] == "GET, POST"
    # dates: ASCII digits only, and nothing after them
    for date in ("٢٠٢٠", "2020\n", "20201", "2020-13", "0031"):
        assert client.get("/v1/stats", params={"since": date}).status_code == 422, date
    assert client.get("/v1/stats", params={"since": "2020"}).status_code == 200
    # a bool is no number, null is no text, and both inputs are one too many
    for body in (
        {"text": TEXT, "min_confidence": False},
        {"text": None, "html": "<p>x</p>"},
        {"text": TEXT, "html": "<p>x</p>"},
        {"text": None},
        {"text": " \n "},
    ):
        assert client.post("/v1/extract", json=body).status_code == 422, body
    assert client.post("/v1/extract", json={"text": TEXT, "min_confidence": 1}).status_code == 200


def test_a_text_gives_its_headline_and_dateline_unless_the_request_does(
    client: httpx.Client,
) -> None:
    text = (
        "Council backs new riverside park\n\n"
        "LEEDS, March 5, 2024 - The council said on Tuesday that the park would open in May."
    )
    found = client.post("/v1/extract", json={"text": text})
    assert found.status_code == 200, found.text
    assert (found.json()["title"], found.json()["published"]) == (
        "Council backs new riverside park",
        "2024-03-05",
    )
    given = client.post("/v1/extract", json={"text": text, "title": "Park plan"}).json()
    assert (given["title"], given["published"]) == ("Park plan", "2024-03-05")
