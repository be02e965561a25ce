"""The API keeps its contract: Schemathesis, as tests/schemathesis.toml sets it (seed 1, 60
examples an operation, every check; contract_checks.py's one exception), against a real
`saidwhat serve` with a token, on an archive of real articles, finds no failure. It fails
on any response the schema does not promise, or a schema-valid request refused."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import ROOT
from tests.service_server import running_server, store_corpus

TOKEN = "contract-secret"
HAND_WRITTEN = ROOT / "tests" / "data" / "archive-articles.jsonl"
CONFIG = ROOT / "tests" / "schemathesis.toml"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("contract") / "archive.db"
    with running_server(db=db, token=TOKEN) as url:
        stored = store_corpus(url, TOKEN)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=url, timeout=60, headers=headers) as client:
            for line in HAND_WRITTEN.read_text(encoding="utf-8").splitlines():
                stored.append(client.post("/v1/articles", json=json.loads(line)))
        assert [r.status_code for r in stored] == [201] * len(stored), stored
        yield url


def test_schemathesis_finds_no_failure(base: str, tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run"]
    command += [f"{base}/openapi.json", "-H", f"Authorization: Bearer {TOKEN}"]
    command += ["--report", "junit", "--report-junit-path", str(report)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    said = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, said
    suite = ET.parse(report).getroot()
    assert (suite.get("failures"), suite.get("errors")) == ("0", "0"), said
    # every operation the server has was tried
    schema = httpx.get(f"{base}/openapi.json").json()
    operations = {f"{m.upper()} {path}" for path, ops in schema["paths"].items() for m in ops}
    tested = {case.get("name") for case in suite.iter("testcase")}
    assert operations and operations <= tested, (operations - tested, said)
