"""Training end to end on a tiny slice of PolNeAR: it writes a loadable model, reports dev
scores and calibration, and the same seed gives the same model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from spacy.language import Language
from tests.conftest import POLNEAR, need

from saidwhat.model.encoder import EncoderSettings
from saidwhat.model.tagger import Tagger
from saidwhat.model.train import CRF_WEIGHTS, Choices, train
from saidwhat.model.train_calibration import expected_calibration_error, fit_calibration


def test_tiny_training_run(nlp: Language, tmp_path: Path) -> None:
    data = need(POLNEAR)
    lines: list[str] = []
    kwargs = {"limit": 3, "grid": ((0.1, 0.01),), "iterations": 10, "nlp": nlp}
    kwargs["encoder"] = EncoderSettings(epochs=0)  # the encoder has a test of its own below
    result = train(data, tmp_path / "a", seed=1, log=lines.append, **kwargs)
    assert result["train_articles"] == 3 and result["dev_articles"] == 3
    assert set(result["dev"]) == {"source", "cue", "content"}
    assert all(0.0 <= s["f1"] <= 1.0 for s in result["dev"].values())
    assert any(line.startswith("round 1/1") for line in lines)
    assert any("dev exact F1" in line for line in lines)
    tagger = Tagger.load(tmp_path / "a")
    assert "say" in tagger.lexicon
    assert len(tagger.calibration) == 3
    assert tagger.min_confidence == result["min_confidence"] == round(result["mean_f1"] / 2, 3)
    assert tagger.clusters is not None and tagger.clusters.sizes == [256, 32]
    assert [b.shape for b in tagger.clusters.books] == [(256, 96), (32, 96)]
    again = train(data, tmp_path / "b", seed=1, log=lines.append, **kwargs)
    assert again["dev"] == result["dev"]
    assert (tmp_path / "a" / "model.crfsuite").read_bytes() == (
        tmp_path / "b" / "model.crfsuite"
    ).read_bytes()
    for name in ("meta.json", "clusters.npy"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_all_data_run_trains_on_dev_too_with_the_choices_fitted_before(
    nlp: Language, tmp_path: Path
) -> None:
    data = need(POLNEAR)
    lines: list[str] = []
    kwargs = {"limit": 2, "iterations": 10, "nlp": nlp, "encoder": EncoderSettings(epochs=0)}
    first = train(data, tmp_path / "first", seed=1, log=lines.append, **kwargs)
    choices = Choices.load(tmp_path / "first", EncoderSettings(epochs=0))
    lines.clear()
    result = train(data, tmp_path / "all", seed=1, choices=choices, log=lines.append, **kwargs)
    assert result["train_articles"] == 4 and result["dev_articles"] == 0
    assert not any("dev exact F1" in line or "calibration on" in line for line in lines)
    assert result["selection"]["dev"] == first["dev"] and "dev" not in result
    before, after = Tagger.load(tmp_path / "first"), Tagger.load(tmp_path / "all")
    assert after.calibration == before.calibration
    assert after.min_confidence == before.min_confidence == first["min_confidence"]
    # Dev's articles are in its lexicon and its CRF now, so the CRF is another.
    assert len(after.lexicon) >= len(before.lexicon)
    model_bytes = [(tmp_path / d / "model.crfsuite").read_bytes() for d in ("first", "all")]
    assert model_bytes[0] != model_bytes[1]
    # A model trained this way passes on the choices and where they came from.
    again = Choices.load(tmp_path / "all", EncoderSettings(epochs=0))
    assert again == choices
    with pytest.raises(ValueError, match="fitted for 0 encoder epochs"):
        Choices.load(tmp_path / "all", EncoderSettings(epochs=8))


@pytest.fixture
def one_torch_thread() -> Iterator[None]:
    """PyTorch on one CPU thread. On two, a busy machine once (in four CI runs) trained fp32
    weights that differed in their last bits between two runs of the same seed: the order
    of a multi-threaded sum can change from call to call. One thread fixes that order."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.usefixtures("one_torch_thread")
def test_tiny_training_run_with_the_encoder(nlp: Language, tmp_path: Path) -> None:
    data = need(POLNEAR)
    lines: list[str] = []
    kwargs = {"limit": 2, "grid": ((0.1, 0.01),), "iterations": 5, "encoder": EncoderSettings(2)}
    result = train(data, tmp_path / "a", seed=3, nlp=nlp, log=lines.append, **kwargs)
    assert any(line.startswith("  encoder alone after epoch 2, dev exact F1") for line in lines)
    assert sum(line.startswith("  CRF share") for line in lines) == len(CRF_WEIGHTS)
    assert result["crf_weight"] in CRF_WEIGHTS and result["encoder_epochs"] == 2
    assert result["encoder_device"] == ("cuda" if torch.cuda.is_available() else "cpu")
    assert set(result["crf_dev"]) == set(result["dev"]) == {"source", "cue", "content"}
    tagger = Tagger.load(tmp_path / "a")
    assert tagger.encoder is not None and tagger.crf_weight == result["crf_weight"]
    doc = nlp("The mayor said the budget was fair.")
    assert all(q.cue is None or q.cue.text in doc.text for q in tagger(doc))
    again = train(data, tmp_path / "b", seed=3, nlp=nlp, log=lines.append, **kwargs)
    assert again["dev"] == result["dev"]
    for name in ("encoder.onnx", "tokenizer.json", "meta.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    # On all the data the encoder trains on dev too, with the mix chosen before.
    lines.clear()
    choices = Choices.load(tmp_path / "a", kwargs["encoder"])
    final = train(data, tmp_path / "c", 3, nlp=nlp, choices=choices, log=lines.append, **kwargs)
    assert final["train_articles"] == 4 and final["crf_weight"] == result["crf_weight"]
    assert any(line.startswith("  encoder epoch 2/2") for line in lines)
    assert not any("encoder alone" in line or "CRF share" in line for line in lines)
    assert Tagger.load(tmp_path / "c").encoder is not None


def test_calibration_recovers_a_known_curve() -> None:
    # Quotes whose raw score is their true chance of being right: the fit keeps it so.
    raws = [(k + 0.5) / 200 for k in range(200)]
    points = [(r, 0.0, (k * 7919) % 200 < r * 200) for k, r in enumerate(raws)]
    a, b, _ = fit_calibration(points)
    assert 0.7 < a < 1.3 and abs(b) < 0.3
    probs = [r for r, _, _ in points]
    assert expected_calibration_error(probs, [ok for _, _, ok in points]) < 0.1


def test_calibration_of_no_quotes_passes_the_raw_confidence_through() -> None:
    assert fit_calibration([]) == [1.0, 0.0, 0.0]
    assert expected_calibration_error([], []) == 0.0


def test_calibration_error_of_a_confident_liar() -> None:
    assert expected_calibration_error([0.95] * 10, [False] * 10) > 0.9
    assert expected_calibration_error([0.95] * 20, [True] * 19 + [False]) < 0.01
