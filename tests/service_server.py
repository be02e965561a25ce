"""A real `saidwhat serve` process on a free localhost port, for the service's tests.

Takes an optional archive path, token and body limit; gives the server's base URL while it
runs, and stops it (its output is shown when it fails to start).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

START_SECONDS = 90  # loading spaCy on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(
    db: Path | None = None, token: str | None = None, max_body: int | None = None
) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "saidwhat", "serve", "--port", str(port)]
    if db is not None:
        command += ["--db", str(db)]
    if max_body is not None:
        command += ["--max-body", str(max_body)]
    env = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_TOKEN"}
    if token:
        env["SAIDWHAT_TOKEN"] = token
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped: {process.stdout.read()}")  # type: ignore[union-attr]
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
