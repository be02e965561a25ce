"""Train the kind model (saidwhat.speakers.kinds) on GUM's gold entity types.

Every named entity the resolver makes in GUM's train documents whose anchor a gold mention
names (saidwhat.coref) is an example: its features, and the kinds right for the gold sort
(a place may be an organisation or no speaker entity). A multinomial logistic model is
fitted to put its mass on the right kinds, news, interviews and biographies weighted up; the
threshold the model must reach to override the rules is chosen by cross-validation on
train. It is scored on the dev documents against the rules' own kinds and written to
src/saidwhat/data/kinds.json. The test documents are never read here.

    .venv/bin/python scripts/train_kinds.py --gum ../shared/data/gum [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from saidwhat.coref import (
    _RIGHT_KINDS,
    GoldDoc,
    _kind_mention,
    _pronoun,
    anchor_of,
    gold_kind,
    read_conllu,
    read_splits,
)
from saidwhat.pipeline import load
from saidwhat.speakers import SpeakerSettings, kinds, resolve_entities
from saidwhat.speakers.kinds import CLASSES, FEATURES, KindModel

ROOT = Path(__file__).resolve().parents[1]
RULES_ONLY = SpeakerSettings(disabled=frozenset({"kind-model"}))
# Genres nearest news: their examples weigh this much more.
NEWS_LIKE = {"news": 3.0, "interview": 2.0, "bio": 2.0, "speech": 1.5}
RIGHT = {g: [float(c in {"group" if k == "unknown" else k for k in ks}) for c in CLASSES]
         for g, ks in _RIGHT_KINDS.items()}  # fmt: skip
# Quoted entities are what a user sees: their examples weigh this much more again.
SPEAKER_WEIGHT = 5.0
# The class the rules' kind counts as (an unknown description is shown as a set).
RULES_AS = {
    "rules: person": "person",
    "rules: unknown, a person noun": "person",
    "rules: organisation": "organisation",
    "rules: group": "group",
    "rules: unknown, other": "group",
}


def examples(docs: list[GoldDoc]) -> list[dict]:
    """One row per named entity with a gold mention at its anchor: features, the right
    classes, the rules' own class, the genre and the document."""
    # The pipeline resolves speakers too, and that resolution is thrown away: it must not
    # need the weights being trained.
    kinds.shipped = lambda: KindModel(tuple((0.0,) * len(FEATURES) for _ in CLASSES), 2.0)
    nlp = load()
    rows = []
    for gold in docs:
        doc = nlp(gold.text)
        st = resolve_entities(doc, doc._.quotes, gold.text, RULES_ONLY)
        speaking = {i for i in st.assign.values() if i is not None}
        for index, entity in enumerate(st.entities):
            anchor = anchor_of(st.doc, entity)
            if anchor is None or _pronoun(st.doc, *anchor):
                continue
            x = kinds.features(st, index, speaking)
            mention = _kind_mention(gold, *anchor)
            if x is None or mention is None:
                continue
            rows.append(
                {
                    "x": x,
                    "right": RIGHT[gold_kind(mention)],
                    "rules": rules_class(x),
                    "genre": gold.genre,
                    "doc": gold.id,
                    "speaks": index in speaking,
                    "name": entity.name,
                }
            )
    return rows


def rules_class(x: tuple[float, ...]) -> int:
    """The class the rules gave (CLASSES' index): no speaker unless a kind is set."""
    shown = next((c for f, c in RULES_AS.items() if x[FEATURES.index(f)]), "none")
    return CLASSES.index(shown)


def fit(rows: list[dict], l2: float = 1.0) -> np.ndarray:
    """Weights (classes x features) putting each example's mass on its right classes,
    by gradient descent on the weighted log-likelihood with an L2 penalty."""
    x = np.array([r["x"] for r in rows])
    y = np.array([r["right"] for r in rows])
    weight = np.array([example_weight(r) for r in rows])
    w = np.zeros((len(CLASSES), len(FEATURES)))
    step = 0.5
    for _ in range(3000):
        z = x @ w.T
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        q = p * y / (p * y).sum(axis=1, keepdims=True)
        grad = ((p - q) * weight[:, None]).T @ x / weight.sum() + l2 * w / weight.sum()
        w -= step * grad
    return w


def example_weight(row: dict) -> float:
    return NEWS_LIKE.get(row["genre"], 1.0) * (SPEAKER_WEIGHT if row["speaks"] else 1.0)


def decided(rows: list[dict], w: np.ndarray, threshold: float) -> np.ndarray:
    """The class each row ends with: the model's where it reaches the threshold, else the
    rules'."""
    x = np.array([r["x"] for r in rows])
    z = x @ w.T
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[[r["speaks"] for r in rows], CLASSES.index("none")] = 0  # a speaker is never none
    best = p.argmax(axis=1)
    rules = np.array([r["rules"] for r in rows])
    return np.where(p.max(axis=1) >= threshold, best, rules)


def accuracy(rows: list[dict], picks: np.ndarray, genre: str | None = None) -> tuple[int, int]:
    """(right, scored) of the picks, in one genre or all."""
    keep = [k for k, r in enumerate(rows) if genre is None or r["genre"] == genre]
    return sum(rows[k]["right"][picks[k]] for k in keep), len(keep)


def cross_validated_threshold(rows: list[dict], folds: int = 5) -> float:
    """The threshold with the most weighted right kinds over held-out folds of documents."""
    docs = sorted({r["doc"] for r in rows})
    fold_of = {d: k % folds for k, d in enumerate(docs)}
    grid = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
    right = dict.fromkeys(grid, 0.0)
    for k in range(folds):
        train = [r for r in rows if fold_of[r["doc"]] != k]
        held = [r for r in rows if fold_of[r["doc"]] == k]
        w = fit(train)
        for t in grid:
            picks = decided(held, w, t)
            right[t] += sum(
                example_weight(r) * r["right"][p] for r, p in zip(held, picks, strict=True)
            )
    return max(grid, key=lambda t: (right[t], t))


def report(rows: list[dict], w: np.ndarray, threshold: float) -> dict[str, str]:
    out = {}
    for genre in (None, "news"):
        model = accuracy(rows, decided(rows, w, threshold), genre)
        rules = accuracy(rows, np.array([r["rules"] for r in rows]), genre)
        out[genre or "all"] = f"rules {rules[0]}/{rules[1]}, model {model[0]}/{model[1]}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gum", type=Path, required=True, help="GUM folder (conllu/, splits.tsv)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "src" / "saidwhat" / "data" / "kinds.json",
        help="where to write the weights (default: the package's data folder)",
    )
    args = parser.parse_args()
    splits = read_splits(args.gum / "splits.tsv")
    by_split: dict[str, list[GoldDoc]] = {"train": [], "dev": []}
    for name, split in sorted(splits.items()):
        if split in by_split:  # test is never read
            by_split[split].append(read_conllu(args.gum / "conllu" / f"{name}.conllu"))
    train, dev = examples(by_split["train"]), examples(by_split["dev"])
    threshold = cross_validated_threshold(train)
    w = fit(train)
    model = KindModel(tuple(tuple(float(round(v, 4)) for v in row) for row in w), threshold)
    summary = {
        "trained_on": f"GUM train, {len(by_split['train'])} documents, {len(train)} entities",
        "train": report(train, w, threshold),
        "dev": report(dev, w, threshold),
    }
    args.out.write_text(json.dumps({**summary, **model.to_dict()}, indent=2) + "\n", "utf-8")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
