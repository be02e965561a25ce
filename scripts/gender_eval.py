"""Gender of the people quoted, against the Gender Gap Tracker's annotators (GGT dev).

Takes the GGT dev JSONL (each line: `text`, `sources` {"female", "male", "unknown"}: the
people quoted by gender); runs extraction with the default model twice, with
`gender_from` "article" (the article's words only) and "name" (then the first-name prior);
prints, for all articles and for the held-out third (line index i % 3 == 2, which speaker
tuning never looked at):

- found: of the annotators' people quoted whose gender they give (female + male), how many
  saidwhat finds as a quoted person (names compared without case, punctuation or
  honorifics; else by surname, when one quoted person of that surname);
- of those found, the share whose gender saidwhat gives right, wrong, or not at all;
- the share of women among the people quoted whose gender is given (each article counts
  each person once), saidwhat's and the annotators'; and saidwhat's share over the
  annotators' people it found only, with how many quoted persons saidwhat lists that the
  annotators do not (none of their female, male or unknown names), and of those how many
  it calls male and female: what moves its share away from theirs is mostly these.

    PYTHONPATH=src python scripts/gender_eval.py [../shared/data/ggt/dev.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from saidwhat.article import Article
from saidwhat.lexicon import HONORIFICS
from saidwhat.pipeline import Settings, extract_articles, load

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ggt" / "dev.jsonl"


def plain(name: str) -> list[str]:
    """A name's words, lower case, punctuation and honorifics left out."""
    words = re.sub(r"[^\w\s-]", " ", name.lower()).split()
    return [w for w in words if w not in HONORIFICS]


def quoted_people(article: Article) -> list[tuple[list[str], str | None]]:
    """saidwhat's quoted persons (plain name, gender), one per speaker."""
    quoted = {q.speaker_id for q in article.quotes}
    return [
        (plain(s.name), s.gender)
        for s in article.speakers
        if s.id in quoted and s.kind == "person" and plain(s.name)
    ]


def match(name: str, found: list[tuple[list[str], str | None]]) -> tuple | None:
    """The quoted person of that name, else the only one of its surname."""
    words = plain(name)
    same = [f for f in found if f[0] == words]
    if same:
        return same[0]
    surname = [f for f in found if words and f[0][-1] == words[-1]]
    return surname[0] if len(surname) == 1 else None


def score(lines: list[dict[str, Any]], articles: list[Article]) -> dict[str, Any]:
    gold = found = right = wrong = unknown = 0
    ours = {"female": 0, "male": 0, None: 0}
    theirs = {"female": 0, "male": 0}
    on_found = {"female": 0, "male": 0, None: 0}  # saidwhat's genders of the people found
    extra = {"female": 0, "male": 0, None: 0}  # saidwhat's quoted persons not in the gold
    for line, article in zip(lines, articles, strict=True):
        people = quoted_people(article)
        matched: set[int] = set()
        for gender in ("female", "male", "unknown"):
            for name in line["sources"].get(gender) or []:
                hit = match(name, people)
                if hit is not None:
                    matched.add(id(hit))
                if gender == "unknown":
                    continue
                gold += 1
                theirs[gender] += 1
                if hit is None:
                    continue
                found += 1
                on_found[hit[1]] += 1
                if hit[1] is None:
                    unknown += 1
                elif hit[1] == gender:
                    right += 1
                else:
                    wrong += 1
        for person in people:
            ours[person[1]] += 1
            if id(person) not in matched:
                extra[person[1]] += 1

    def share(n: int, of: int) -> float:
        return round(100 * n / of, 1) if of else 0.0

    return {
        "articles": len(lines),
        "people": gold,
        "found": found,
        "found_pct": share(found, gold),
        "right_pct": share(right, found),
        "wrong_pct": share(wrong, found),
        "unknown_pct": share(unknown, found),
        "women_pct_saidwhat": share(ours["female"], ours["female"] + ours["male"]),
        "women_pct_annotators": share(theirs["female"], theirs["female"] + theirs["male"]),
        "women_pct_saidwhat_found": share(
            on_found["female"], on_found["female"] + on_found["male"]
        ),
        "extra_people": sum(extra.values()),
        "extra_male": extra["male"],
        "extra_female": extra["female"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEV)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lines = [json.loads(x) for x in args.path.read_text(encoding="utf-8").splitlines() if x]
    inputs = [Article(str(line["id"]), line["text"]) for line in lines]
    held = [i for i in range(len(lines)) if i % 3 == 2]
    report: dict[str, Any] = {}
    for gender_from in ("article", "name"):
        nlp = load(Settings(gender_from=gender_from))
        done = list(extract_articles(inputs, nlp))
        report[gender_from] = {
            "all": score(lines, done),
            "held-out third": score([lines[i] for i in held], [done[i] for i in held]),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    runs = [(g, part, row) for g, parts in report.items() for part, row in parts.items()]
    print(f"{'':<26}" + "".join(f"{g + ', ' + part:>24}" for g, part, _ in runs))
    for measure in runs[0][2]:
        print(f"{measure:<26}" + "".join(f"{row[measure]:>24}" for _, _, row in runs))


if __name__ == "__main__":
    main()
