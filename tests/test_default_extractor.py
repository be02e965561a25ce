"""Out of the box, saidwhat extracts with the trained model; the environment can pick."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import EXAMPLE_OWN

from saidwhat.pipeline import EXTRACTORS


def extract_with(env_value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SAIDWHAT_EXTRACTOR"}
    if env_value:
        env["SAIDWHAT_EXTRACTOR"] = env_value
    code = (
        "import json, sys; from saidwhat.pipeline import DEFAULT_EXTRACTOR, load, extract;"
        "nlp = load(); comp = nlp.get_pipe('saidwhat');"
        "a = extract(open(sys.argv[1], encoding='utf-8').read(), nlp);"
        "print(json.dumps({'default': DEFAULT_EXTRACTOR, 'tagger': comp.tagger is not None,"
        " 'article': a.to_dict()}))"
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
    assert out["default"] == "model" and out["tagger"] is True
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
    assert out["default"] == "rules" and out["tagger"] is False
    assert set(EXTRACTORS) == {"rules", "model"}
