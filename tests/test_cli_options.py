"""The command line's surface: every option of every command explains itself and its
default, output formats share their names, `--version`, `$SAIDWHAT_DB` wherever `--db` is
taken, and an input that cannot be read leaves stdout empty."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import httpx
import pytest
from tests.conftest import ROOT
from tests.service_server import running_server

from saidwhat import __version__
from saidwhat.cli import _parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


def _options(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in command._actions if not isinstance(a, argparse._HelpAction)]


def saidwhat(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *args],
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard: loading spaCy on a busy machine
        env=env,
    )


def test_every_option_of_every_command_has_help_and_names_its_default() -> None:
    missing, silent = [], []
    for name, command in _commands().items():
        for action in _options(command):
            label = f"{name} {'/'.join(action.option_strings) or action.dest}"
            if not action.help:
                missing.append(label)
            elif (
                action.option_strings
                and action.default not in (None, False)
                and ("default" not in action.help)
            ):
                silent.append(label)
    assert not missing, f"options without help: {missing}"
    assert not silent, f"options whose help does not say their default: {silent}"


def test_an_output_format_has_one_name_everywhere() -> None:
    names: set[str] = set()
    for command in _commands().values():
        for action in _options(command):
            if "--format" in action.option_strings:
                names |= set(action.choices or ())
    assert "table" in names and "text" not in names
    parsed = _parser().parse_args(["stats", "--format", "text"])
    assert parsed.format == "table"  # the older spelling still works


def test_every_command_that_takes_db_says_it_reads_saidwhat_db() -> None:
    taking = {
        name: next(a for a in _options(c) if "--db" in a.option_strings)
        for name, c in _commands().items()
        if any("--db" in a.option_strings for a in _options(c))
    }
    assert {"ingest", "search", "speakers", "stats", "speaker", "export", "serve"} <= set(taking)
    for name, action in taking.items():
        assert "$SAIDWHAT_DB" in (action.help or ""), name


def test_version_is_the_package_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project["dynamic"]  # read from saidwhat.__version__, one place
    result = saidwhat("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"saidwhat {__version__}"
    assert __version__.count(".") == 2 and all(p.isdigit() for p in __version__.split("."))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_an_input_that_cannot_be_read_writes_nothing_to_stdout(tmp_path: Path, fmt: str) -> None:
    result = saidwhat("extract", str(tmp_path / "missing.txt"), "--format", fmt)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "missing.txt" in result.stderr


def test_serve_reads_saidwhat_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "from-env.db"
    result = saidwhat(
        "ingest", str(ROOT / "examples" / "council-budget.txt"), "--workers", "1",
        env={**os.environ, "SAIDWHAT_DB": str(db)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    monkeypatch.setenv("SAIDWHAT_DB", str(db))
    with running_server() as base:  # no --db
        assert httpx.get(f"{base}/healthz", timeout=10).json()["archive"] is True
        speakers = httpx.get(f"{base}/v1/speakers", timeout=10)
        assert speakers.status_code == 200, speakers.text
        names = json.dumps(speakers.json())
        assert "Okafor" in names
