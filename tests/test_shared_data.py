"""`need`, the tests' one way to reach ../shared: a skip that says which path is missing
on a developer's machine, and a failure under CI, where a missing path means a run that
would pass without testing anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT, need


def test_a_present_path_is_given_back() -> None:
    assert need(ROOT / "pyproject.toml") == ROOT / "pyproject.toml"


def test_a_missing_path_skips_outside_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"absent\.txt is not here"):
        need(tmp_path / "absent.txt")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_a_missing_path_fails_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI needs it"):
        need(tmp_path / "absent.txt")
