"""The `saidwhat` command, run as a real subprocess the way a user runs it (or `main` in this
process, where a test makes the pipeline fail by monkeypatching it)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import (
    EXAMPLE_OWN,
    EXAMPLE_UK,
    GGT_DEV,
    POLNEAR,
    assert_json_spans_exact,
    need,
)
from tests.faults import KILL, RAISE, fail_in_speakers

from saidwhat.cli import main
from saidwhat.formats import read_brat
from saidwhat.model.tagger import Tagger
from saidwhat.parallel import WORKER_DIED


def saidwhat(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *map(str, args)],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=1200,  # a hang guard, not a speed goal: tiny training passed 300 s when busy
    )


def test_extract_json_on_the_example() -> None:
    result = saidwhat("extract", EXAMPLE_OWN)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    assert article["id"] == "council-budget"
    assert_json_spans_exact(article, text)
    names = {q["speaker"]["name"] for q in article["quotes"] if q["speaker"]}
    assert {"Margaret Okafor", "Tom Brierley"} <= names
    assert {q["type"] for q in article["quotes"]} == {"direct", "indirect", "mixed"}


def test_many_inputs_as_jsonl_csv_and_stdin(tmp_path: Path) -> None:
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "one", "text": text, "outlet": "Gazette"}) + "\n", encoding="utf-8"
    )
    result = saidwhat("extract", EXAMPLE_OWN, batch, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in lines] == ["council-budget", "one"]
    assert lines[1]["outlet"] == "Gazette"
    assert lines[0]["quotes"] == lines[1]["quotes"]

    result = saidwhat("extract", EXAMPLE_OWN, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(lines[0]["quotes"]) and rows[0]["article_id"] == "council-budget"

    result = saidwhat("extract", "-", "--format", "json", stdin=text.encode())
    assert json.loads(result.stdout)["quotes"] == lines[0]["quotes"]


def test_brat_and_citron_folders_round_trip(tmp_path: Path) -> None:
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    expected = json.loads(saidwhat("extract", EXAMPLE_OWN).stdout)["quotes"]
    assert saidwhat("extract", EXAMPLE_OWN, "-f", "brat", "-o", tmp_path / "brat").returncode == 0
    ann = (tmp_path / "brat" / "council-budget.ann").read_text(encoding="utf-8")
    back = read_brat(text, ann)
    assert [(q.cue.text if q.cue else None, [c.text for c in q.contents]) for q in back.quotes] == [
        (q["cue"]["text"] if q["cue"] else None, [c["text"] for c in q["contents"]])
        for q in expected
    ]
    assert (
        saidwhat("extract", EXAMPLE_OWN, "-f", "citron", "-o", tmp_path / "citron").returncode == 0
    )
    citron = json.loads((tmp_path / "citron" / "council-budget.json").read_text(encoding="utf-8"))
    assert len(citron["quotes"]) == len(expected)


def test_citron_without_a_folder_is_a_usage_error() -> None:
    result = saidwhat("extract", EXAMPLE_OWN, "-f", "citron")
    assert result.returncode == 2 and "-o" in result.stderr


def test_bad_inputs_are_reported_and_the_good_ones_still_extracted(tmp_path: Path) -> None:
    bad = {
        "empty.txt": b"",
        "binary.dat": bytes(range(256)) * 8,
        "latin1.txt": "Caf\xe9 said".encode("latin-1"),
        "huge.txt": b"The mayor said the plan was sound. " * 150_000,  # 5 MB
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    unbalanced = tmp_path / "unbalanced.txt"
    unbalanced.write_text(
        'She said "this quote never ends.\n\nHe said it was fine.', encoding="utf-8"
    )
    paths = [tmp_path / n for n in bad] + [unbalanced, EXAMPLE_OWN, tmp_path / "missing.txt"]
    result = saidwhat("extract", *paths, "--format", "jsonl")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [
        "unbalanced",
        "council-budget",
    ]
    for name in [*bad, "missing.txt"]:
        assert name in result.stderr
    assert "5,250,000 characters is over the limit" in result.stderr
    assert "2 article(s) extracted, 5 input(s) skipped" in result.stderr


def test_failing_articles_are_named_and_the_run_goes_on(tmp_path: Path, faulty_model: Path) -> None:
    """One article raises in the pipeline and one kills its worker process; the command
    (with the test component, two workers) names both, writes every line, and exits 1."""
    text = EXAMPLE_OWN.read_text(encoding="utf-8")
    lines = [
        {"id": "before", "text": text},
        {"id": "refused", "text": f'"We won the vote," {RAISE} said.'},
        {"id": "killer", "text": f'"We lost the vote," {KILL} said.'},
        {"id": "after", "text": text, "outlet": "Gazette"},
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    command = ["-m", "tests.faults", "extract", path, "-f", "jsonl", "-w", "2"]
    result = subprocess.run(
        [sys.executable, *map(str, command), "--model", str(faulty_model)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in out] == ["before", "refused", "killer", "after"]
    assert out[1]["error"].startswith("RuntimeError: the test component refuses this article")
    assert out[2]["error"] == WORKER_DIED
    assert out[1]["quotes"] == out[2]["quotes"] == []
    assert "error" not in out[0] and "error" not in out[3] and out[3]["outlet"] == "Gazette"
    assert out[0]["quotes"] == out[3]["quotes"] and len(out[0]["quotes"]) > 3
    assert f"failed refused: {out[1]['error']}\n" in result.stderr
    assert f"failed killer: {WORKER_DIED}\n" in result.stderr
    assert "2 of 4 articles failed" in result.stderr and "Traceback" not in result.stderr


def test_failing_article_leaves_no_file_in_a_folder_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fail_in_speakers(monkeypatch, "Brierley")  # in this process: spawned workers miss it
    folder = tmp_path / "citron"
    other = tmp_path / "short.txt"
    other.write_text('"We will appeal," the mayor said.', encoding="utf-8")
    args = ["extract", str(EXAMPLE_OWN), str(other), "-f", "citron", "-o", str(folder), "-w", "1"]
    assert main(args) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["short.json"]
    err = capsys.readouterr().err
    assert "failed council-budget: ValueError: cannot resolve Brierley" in err
    assert "1 of 2 articles failed" in err


def test_min_confidence_sets_which_quotes_are_kept() -> None:
    path = (
        need(POLNEAR) / "dev" / "text" / "breitbart_2016-09-29_politifact-donald-trump-is-right.txt"
    )
    runs = {}
    for threshold in ("0", None, "0.9"):
        given = ["--min-confidence", threshold] if threshold else []
        result = saidwhat("extract", path, "--extractor", "model", *given)
        assert result.returncode == 0, result.stderr
        quotes = json.loads(result.stdout)["quotes"]
        runs[threshold] = [(q["cue"], q["contents"], q["confidence"]) for q in quotes]
    every, default, sure = runs["0"], runs[None], runs["0.9"]
    assert len(every) > len(default) > len(sure) > 0
    threshold = Tagger.load().min_confidence  # the shipped model's own
    assert default == [q for q in every if q[2] >= threshold]
    assert sure == [q for q in every if q[2] >= 0.9]


def test_uk_example_every_quote_has_its_speaker() -> None:
    path = need(EXAMPLE_UK)
    article = json.loads(saidwhat("extract", path).stdout)
    assert_json_spans_exact(article, path.read_text(encoding="utf-8"))
    speakers = {s["name"]: s for s in article["speakers"]}
    assert "Jonathan Ashworth" in speakers and "James Cleverly" in speakers
    by_cue = {
        (q["cue"]["text"], q["cue"]["start"]): q["speaker"]["name"]
        for q in article["quotes"]
        if q["cue"]
    }
    added = next(k for k in by_cue if k[0] == "added")
    assert by_cue[added] == "James Cleverly"
    went_on = next(k for k in by_cue if k[0] == "went on")
    assert by_cue[went_on] == "Jonathan Ashworth"


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "x", "--format", "xml"],
        ["nope"],
        ["extract", "x", "--min-confidence", "1.5"],
        ["extract", "x", "--min-confidence", "most"],
    ],
)
def test_usage_errors(args: list[str]) -> None:
    result = saidwhat(*args)
    assert result.returncode == 2 and "usage" in result.stderr


def test_evaluate_gold_against_itself_is_perfect(tmp_path: Path) -> None:
    gold = need(POLNEAR / "dev")
    result = saidwhat("evaluate", "--gold", gold, "--pred", gold, "--json")
    assert result.returncode == 0, result.stderr
    overall = json.loads(result.stdout)["overall"]
    for role in ("cue", "source", "content", "quote"):
        assert overall[role]["exact"]["f1"] == 1.0


def test_evaluate_scores_extract_output(tmp_path: Path) -> None:
    gold = need(POLNEAR / "dev")
    folder = tmp_path / "gold"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    names = sorted(p.stem for p in (gold / "text").glob("*.txt"))[:3]
    for name in names:
        (folder / "text" / f"{name}.txt").write_bytes((gold / "text" / f"{name}.txt").read_bytes())
        ann = sorted((gold / "attributions").glob(f"{name}_*.ann"))[0]
        (folder / "attributions" / ann.name).write_bytes(ann.read_bytes())
    pred = tmp_path / "pred.jsonl"
    assert saidwhat("extract", folder / "text", "-f", "jsonl", "-o", pred).returncode == 0
    from_file = json.loads(saidwhat("evaluate", "--gold", folder, "--pred", pred, "--json").stdout)
    run = json.loads(
        saidwhat("evaluate", "--gold", folder, "--run", "--json", "--per-article").stdout
    )
    assert from_file["overall"] == run["overall"]
    assert sorted(run["articles"]) == names
    assert 0.2 < run["overall"]["source"]["exact"]["f1"] < 1.0


def test_evaluate_speakers_scores_extract_output_of_more_articles(tmp_path: Path) -> None:
    """Gold lines that carry their text, against `extract`'s JSONL, which does not, run on
    one more article than the gold has (that one is left out, not a KeyError)."""
    lines = need(GGT_DEV).read_text(encoding="utf-8").splitlines()[:3]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    assert saidwhat("extract", source, "-f", "jsonl", "-o", pred).returncode == 0
    assert all("text" not in json.loads(line) for line in pred.read_text().splitlines())
    from_file = saidwhat("evaluate", "--speakers", gold, "--pred", pred, "--json")
    assert from_file.returncode == 0, from_file.stderr
    scores = json.loads(from_file.stdout)
    assert scores == json.loads(saidwhat("evaluate", "--speakers", gold, "--run", "--json").stdout)
    assert scores["gold_quotes"] == sum(len(json.loads(x)["quotes"]) for x in lines[:2]) > 10
    assert scores["missing_predictions"] == [] and 0.3 < scores["recall"] <= 1.0


def test_train_writes_a_model_that_extract_uses(tmp_path: Path) -> None:
    data = need(POLNEAR)
    result = saidwhat("train", "--data", data, "--out", tmp_path / "model", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["train_articles"] == 2
    assert "dev exact F1" in result.stderr
    out = saidwhat("extract", EXAMPLE_OWN, "--model-dir", tmp_path / "model", "-f", "json")
    assert out.returncode == 0, out.stderr
    assert_json_spans_exact(json.loads(out.stdout), EXAMPLE_OWN.read_text(encoding="utf-8"))


def test_train_with_encoder_context_records_it_in_the_model(tmp_path: Path) -> None:
    data = need(POLNEAR)
    out_dir = tmp_path / "model"
    too_much = saidwhat("train", "--data", data, "--out", out_dir, "--encoder-context", "300")
    assert too_much.returncode == 2 and "between 0 and 255" in too_much.stderr
    args = ("--limit", "2", "--encoder-epochs", "1", "--encoder-context", "16")
    result = saidwhat("train", "--data", data, "--out", out_dir, *args)
    assert result.returncode == 0, result.stderr
    assert "16 pieces of left context" in result.stderr
    assert json.loads(result.stdout)["encoder_context"] == 16
    meta = json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    assert meta["encoder_context"] == meta["training"]["encoder_context"] == 16
    out = saidwhat("extract", EXAMPLE_OWN, "--model-dir", out_dir, "-f", "json")
    assert out.returncode == 0, out.stderr
    assert_json_spans_exact(json.loads(out.stdout), EXAMPLE_OWN.read_text(encoding="utf-8"))
    # Its dev-fitted choices belong to its recipe: taken for another, they are refused.
    other = saidwhat("train", "--data", data, "--out", tmp_path / "all", "--choices-from", out_dir)
    assert other.returncode == 2
    message = " ".join(other.stderr.split())
    assert "fitted for 1 encoder epochs and 16 pieces of context, not 8 and 0" in message
    missing = saidwhat(
        "train", "--data", data, "--out", tmp_path / "all", "--choices-from", tmp_path / "none"
    )
    assert missing.returncode == 2 and "meta.json" in missing.stderr
    (tmp_path / "hand").mkdir()
    (tmp_path / "hand" / "meta.json").write_text('{"lexicon": {}}', encoding="utf-8")
    hand_made = ("--choices-from", tmp_path / "hand")
    hand = saidwhat("train", "--data", data, "--out", tmp_path / "all", *hand_made)
    assert hand.returncode == 2 and "no training record" in " ".join(hand.stderr.split())
    assert not (tmp_path / "all").exists()


READERS = """
import sys
from saidwhat.cli import main
db = sys.argv[1]
for args in (["ingest", sys.argv[2]], ["search", "budget"], ["stats"], ["speakers"],
             ["speaker", "1"], ["export", "-f", "jsonl", "-o", sys.argv[3]]):
    assert main([*args, "--db", db]) == 0, args
heavy = sorted(m for m in ("spacy", "thinc", "torch", "onnxruntime", "numpy") if m in sys.modules)
print(" ".join(heavy) or "none")
"""


def test_the_archive_commands_start_without_the_nlp_stack(tmp_path: Path, saidwhat_nlp) -> None:
    # an extracted article (with its text) goes in, and the readers read it, without spaCy,
    # the encoder or numpy, which take seconds to import
    from saidwhat.pipeline import extract_articles
    from saidwhat.reading import read_inputs

    (article,) = extract_articles(read_inputs([EXAMPLE_OWN]), saidwhat_nlp)
    assert article.quotes
    extracted = tmp_path / "extracted.jsonl"
    extracted.write_text(json.dumps(article.to_dict(include_text=True)) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", READERS, tmp_path / "a.db", extracted, tmp_path / "out.jsonl"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "none"
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == len(article.quotes)
