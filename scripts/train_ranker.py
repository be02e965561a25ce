"""Train the antecedent ranker (saidwhat.speakers.ranker) on GUM's gold coreference.

Every he/she the resolver weighs in GUM's train documents gives a group of candidate entities;
a candidate is right when the gold puts the pronoun in the same entity as the candidate's
anchor (saidwhat.coref). A logistic model is fitted on the groups with a right candidate,
scored on the dev documents (top-1 accuracy against the rules' own choice), and written to
src/saidwhat/data/antecedents.json. The test documents are never read here.

    .venv/bin/python scripts/train_ranker.py --gum ../shared/data/gum [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from saidwhat.coref import GoldDoc, anchor_of, read_conllu, read_splits
from saidwhat.pipeline import load
from saidwhat.speakers import SpeakerSettings, pronouns, resolve_entities
from saidwhat.speakers.ranker import FEATURES, Ranker

ROOT = Path(__file__).resolve().parents[1]
# Collecting the groups, the rules decide: this ranker picks the rules' choice, or none.
RULES_ONLY = Ranker(tuple(-5.0 if f == "bias" else 10.0 if f == "rules' choice" else 0.0
                          for f in FEATURES), threshold=0.5)  # fmt: skip


WEIGHED = SpeakerSettings(enabled=frozenset({"antecedent-ranker"}))


def parse(docs: list[GoldDoc]) -> list[tuple[GoldDoc, Doc]]:
    """Each document with its parse, quotes found."""
    # The pipeline resolves speakers too, and that resolution is thrown away: it must not
    # need the weights being trained.
    pronouns.shipped = lambda: RULES_ONLY
    nlp = load()
    return [(gold, nlp(gold.text)) for gold in docs]


def groups(
    parsed: list[tuple[GoldDoc, Doc]], ranker: Ranker = RULES_ONLY
) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """(features, labels, index of the rules' choice or -1) for each pronoun the ranker
    weighed with a right candidate among its candidates."""
    out = []
    for gold, doc in parsed:
        st = resolve_entities(doc, doc._.quotes, gold.text, WEIGHED, ranker=ranker)
        anchors = {}
        for tok_i, found, _ in st.choices:
            tok = st.doc[tok_i]
            mention = next(
                (m for m in gold.mentions if (m.start, m.end) == (tok.idx, tok.idx + len(tok))),
                None,
            )
            if mention is None or not found:
                continue
            labels = []
            for c in found:
                if c.entity not in anchors:
                    anchor = anchor_of(st.doc, st.entities[c.entity])
                    anchors[c.entity] = gold.mention_at(*anchor) if anchor else None
                a = anchors[c.entity]
                labels.append(float(a is not None and a.entity == mention.entity))
            if not any(labels):
                continue
            rules = FEATURES.index("rules' choice")
            chosen = next((k for k, c in enumerate(found) if c.features[rules]), -1)
            out.append((np.array([c.features for c in found]), np.array(labels), chosen))
    return out


def fit(train: list[tuple[np.ndarray, np.ndarray, int]], l2: float = 10.0) -> np.ndarray:
    """A conditional logit: for each pronoun, the softmax over its candidates puts its mass
    on the right ones; by gradient descent with an L2 penalty."""
    w = np.zeros(len(FEATURES))
    for _ in range(1500):
        grad = l2 * w
        for x, y, _ in train:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y / (p * y).sum()  # the posterior over the right candidates
            grad += x.T @ (p - q)
        w -= 0.5 * grad / len(train)
    return w


def top1(groups_: list[tuple[np.ndarray, np.ndarray, int]], w: np.ndarray | None) -> float:
    """How often the first-ranked candidate is right (w None: the rules' choice)."""
    right = 0
    for x, y, chosen in groups_:
        pick = int(np.argmax(x @ w)) if w is not None else chosen
        right += pick >= 0 and y[pick] == 1
    return right / len(groups_) if groups_ else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gum", type=Path, required=True, help="GUM folder (conllu/, splits.tsv)")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "src" / "saidwhat" / "data" / "antecedents.json",
        help="where to write the weights (default: the package's data folder)",
    )
    args = parser.parse_args()
    splits = read_splits(args.gum / "splits.tsv")
    by_split: dict[str, list[GoldDoc]] = {"train": [], "dev": []}
    for name, split in sorted(splits.items()):
        if split in by_split:  # test is never read
            by_split[split].append(read_conllu(args.gum / "conllu" / f"{name}.conllu"))
    train, dev = groups(parse(by_split["train"])), groups(parse(by_split["dev"]))
    w = fit(train)
    ranker = Ranker(tuple(float(round(v, 4)) for v in w))
    report = {
        "trained_on": f"GUM train, {len(by_split['train'])} documents, {len(train)} pronouns",
        "top1_train": {"ranker": round(top1(train, w), 4), "rules": round(top1(train, None), 4)},
        "top1_dev": {"ranker": round(top1(dev, w), 4), "rules": round(top1(dev, None), 4)},
        "dev_pronouns": len(dev),
    }
    args.out.write_text(
        json.dumps({**report, "weights": ranker.to_dict()}, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
