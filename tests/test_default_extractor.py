"""Out of the box, saidwhat extracts with the trained model; the environment can pick, read
when settings are made."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import spacy
from tests.conftest import EXAMPLE_OWN

from saidwhat.pipeline import Settings, extractor_names


def extract_with(env_value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_EXTRACTOR"}
    if env_value:
        env["SAIDWHAT_EXTRACTOR"] = env_value
    code = (
        "import json, sys; from saidwhat.pipeline import Settings, load, extract;"
        "nlp = load(); comp = nlp.get_pipe('saidwhat');"
        "a = extract(open(sys.argv[1], encoding='utf-8').read(), nlp);"
        "print(json.dumps({'default': Settings().extractor, 'built': comp.settings.extractor,"
        " 'encoder': comp.extractor.encode is not None, 'article': a.to_dict()}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE_OWN)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_trained_model_is_the_default() -> None:
    result = extract_with(None)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["default"] == out["built"] == "model" and out["encoder"] is True
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    quotes = out["article"]["quotes"]
    assert len(quotes) >= 8
    for quote in quotes:
        for span in [quote["cue"], *quote["sources"], *quote["contents"]]:
            if span:
                assert span["text"] == text[span["start"] : span["end"]]
    names = {q["speaker"]["name"] for q in quotes if q["speaker"]}
    assert {"Margaret Okafor", "Tom Brierley"} <= names


def test_the_environment_picks_the_rules() -> None:
    result = extract_with("rules")
    out = json.loads(result.stdout)
    assert out["default"] == out["built"] == "rules" and out["encoder"] is False
    assert set(extractor_names()) == {"rules", "model"}


def test_the_environment_is_read_when_settings_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # saidwhat is imported by now: what counts is the variable when the settings are made
    monkeypatch.setenv("SAIDWHAT_EXTRACTOR", "model")
    assert Settings().extractor == "model"
    blank = spacy.blank("en")
    blank.add_pipe("saidwhat", config={"gender_from": "article"})
    assert blank.get_pipe("saidwhat").settings.extractor == "model"
    assert blank.get_pipe("saidwhat").extractor.encode is not None  # the shipped encoder
    monkeypatch.setenv("SAIDWHAT_EXTRACTOR", "rules")
    assert Settings().extractor == "rules"
    assert Settings(extractor="model").extractor == "model"  # an explicit one wins
    blank.add_pipe("saidwhat", "again", config={"gender_from": "article"})
    assert blank.get_pipe("again").settings.extractor == "rules"
    monkeypatch.delenv("SAIDWHAT_EXTRACTOR")
    assert Settings().extractor == "model"
