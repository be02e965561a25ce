"""A real `saidwhat serve` process on a free localhost port, and a small corpus, for the
service's tests.

Takes an optional archive path, token, body limit and further `serve` arguments, and
`shipped=True` to run what a user gets (no SAIDWHAT_EXTRACTOR: the trained model); gives
the server's base URL while it runs, and stops it (its output is shown when it fails to
start). `CORPUS`: three articles of two outlets about one story, one quote carried by both
with a word changed; `store_corpus` posts them. `serving(app)` serves an app with uvicorn in
a thread of this process instead, for a test that monkeypatches what the server runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI
from tests.conftest import EXAMPLE_OWN

START_SECONDS = 90  # loading spaCy on a busy 2-core machine

ECHO = """Libraries row: council leader says closures are "the least bad option"

Harwick's council leader has said she did not come into politics to close libraries, as \
opposition to the plan grew.

Margaret Okafor, the council's Labour leader, told councillors she had no choice.

"Nobody came into local politics to close libraries," she said. "But I won't set a budget \
that we can't pay for."

Tom Brierley, who leads the Liberal Democrat group, said the consultation had been ignored. \
"That isn't consultation, that's theatre," he said.

Campaigners said they would hand in a petition next week.
"""

APRIL = """Two Harwick libraries saved by volunteers

Two of the four branch libraries facing closure in Harwick will stay open after community \
groups agreed to run them.

Margaret Okafor, the leader of Harwick City Council, said the volunteers had "stepped up when \
it mattered".

"This is not the outcome anyone wanted in January, but it is a good one," she said.

Tom Brierley said the other two branches should never have been put at risk.
"""

CORPUS = [
    {
        "id": "gazette-2024-03-05",
        "outlet": "Harwick Gazette",
        "published": "2024-03-05",
        "title": "Council leader defends library cuts",
        "url": "https://gazette.example/library-cuts",
        "text": EXAMPLE_OWN.read_text(encoding="utf-8"),
    },
    {
        "id": "echo-2024-03-06",
        "outlet": "Northern Echo",
        "published": "2024-03-06",
        "title": "Libraries row",
        "text": ECHO,
    },
    {
        "id": "gazette-2024-04-10",
        "outlet": "Harwick Gazette",
        "published": "2024-04-10",
        "title": "Two libraries saved",
        "text": APRIL,
    },
]


def store_corpus(base: str, token: str | None = None) -> list[httpx.Response]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(base_url=base, timeout=60, headers=headers) as client:
        return [client.post("/v1/articles", json=article) for article in CORPUS]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(
    db: Path | None = None,
    token: str | None = None,
    max_body: int | None = None,
    args: Sequence[str] = (),
    shipped: bool = False,
) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "saidwhat", "serve", "--port", str(port)]
    if db is not None:
        command += ["--db", str(db)]
    if max_body is not None:
        command += ["--max-body", str(max_body)]
    command += args
    dropped = {"SAIDWHAT_TOKEN", *(["SAIDWHAT_EXTRACTOR"] if shipped else [])}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if token:
        env["SAIDWHAT_TOKEN"] = token
    # The log goes to a file, not a pipe: nobody reads a pipe while the server runs, and one
    # whose buffer fills (a line per request: thousands in the contract test) blocks it.
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"the server stopped: {log.read()}")
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not answer within {START_SECONDS}s")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
