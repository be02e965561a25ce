"""Check an archive's people (issue 18): real persons split in two, rival parties no article
states together, junk titles, titles printed as names, names that hold a line break or
start or end in white space (text across a paragraph break: a person or organisation alike).

    PYTHONPATH=src python scripts/check_people.py ARCHIVE.db [--show 5]

Reads the file as it is (schema 2 or later). What a person shows is what `saidwhat speaker`
shows: from schema 3 on the counted `person_attributes` (junk titles left out, the best
supported party and a rival only where an article states both), in schema 2 every printed
title and the three most printed affiliations. The junk rules here are written apart from
the archive's own (`people.is_title`), so they check it rather than repeat it.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

from saidwhat.archive.people import parties, parts, words
from saidwhat.lexicon import FEMALE_NAMES, HONORIFICS, MALE_NAMES, PERSON_NOUNS, TITLE_WORDS

JUNK = {
    "time": re.compile(r"\d{1,2}[:.]\d{2}|\b[ap]\.m\.", re.I),
    "line break": re.compile(r"\n"),
    "possessive": re.compile(r"['’]s\b"),
    "dateline": re.compile(r"^[A-Z][A-Z.,' ]{2,}\s[—–-]|^[A-Z]{5,}$"),
    "place abbreviation": re.compile(r"^(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)$"),
}


def junk(title: str, names: set[str]) -> str | None:
    """Why a title is junk, or None."""
    for why, pattern in JUNK.items():
        if pattern.search(title) and not (
            why == "place abbreviation" and set(words(title)) <= TITLE_WORDS | HONORIFICS
        ):
            return why
    plain = f" {' '.join(words(title))} "
    if any(f" {n} " in plain for n in names):
        return "another person's name"
    return None


def check(path: Path, show: int) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counted = "person_attributes" in tables
    persons = conn.execute(
        "SELECT id, name, articles FROM people WHERE kind = 'person' ORDER BY id"
    ).fetchall()
    found: dict[str, list[str]] = defaultdict(list)

    # split: one normalised full name as several people; a bare surname that one full name has
    by_full: dict[str, list[int]] = defaultdict(list)
    by_last: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        plain = words(p["name"])
        full = parts(p["name"])
        if full is not None:  # the surname before any suffix ("Biden" of "Joseph Biden Jr.")
            by_full[" ".join(plain)].append(p["id"])
            by_last[full[2]].add(" ".join(plain))
    for name, ids in sorted(by_full.items()):
        if len(ids) > 1:
            found["full name split"].append(f"{name}: people {ids}")
    for p in persons:
        plain = words(p["name"])
        if len(plain) == 1 and len(by_last[plain[0]]) == 1:
            found["bare surname apart"].append(
                f"{p['name']} ({p['id']}) vs {next(iter(by_last[plain[0]]))}"
            )
        if len(p["name"].split()) > 2 and words(p["name"])[0] in TITLE_WORDS | PERSON_NOUNS:
            found["title as name"].append(f"{p['name']} ({p['id']})")
    for p in conn.execute("SELECT id, name, kind FROM people ORDER BY id"):
        if "\n" in p["name"] or p["name"] != p["name"].strip():
            found["name across a line"].append(f"{p['name']!r} ({p['kind']} {p['id']})")

    # what each person shows, and which parties each of its articles states
    # the archive's people of a full name starting with a known first name ("Hillary Clinton",
    # not the "New Hampshire" an extractor took for a person)
    names = {
        " ".join(words(p["name"]))
        for p in persons
        if len(words(p["name"])) > 1 and words(p["name"])[0] in FEMALE_NAMES | MALE_NAMES
    }
    for p in persons:
        stated: dict[int, set[str]] = defaultdict(set)
        for article, affiliation in conn.execute(
            "SELECT s.article_id, f.affiliation FROM speaker_affiliations f JOIN speakers s"
            " ON s.id = f.speaker_id WHERE s.person_id = ?",
            (p["id"],),
        ):
            stated[article] |= parties([affiliation])
        if counted:
            held = [
                dict(r, article_ids=json.loads(r["article_ids"]))
                for r in conn.execute(
                    "SELECT kind, value, articles, article_ids FROM person_attributes"
                    " WHERE person_id = ? ORDER BY articles DESC, value",
                    (p["id"],),
                )
            ]
            ranked = [a for a in held if a["kind"] == "party"]
            best = set(ranked[0]["article_ids"]) if ranked else set()
            shown = {a["value"] for a in ranked[:1]}
            shown |= {a["value"] for a in ranked[1:] if best & set(a["article_ids"])}
            titles = [a["value"] for a in held if a["kind"] == "title"]
        else:
            top = conn.execute(
                "SELECT f.affiliation FROM speaker_affiliations f JOIN speakers s"
                " ON s.id = f.speaker_id WHERE s.person_id = ? GROUP BY f.affiliation"
                " ORDER BY count(*) DESC LIMIT 3",
                (p["id"],),
            ).fetchall()
            shown = parties(r[0] for r in top)
            titles = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT t.title FROM speaker_titles t JOIN speakers s"
                    " ON s.id = t.speaker_id WHERE s.person_id = ?",
                    (p["id"],),
                )
            ]
        # a party shown beside another that no article states with any other shown one
        rivals = sorted(shown)
        alone = [
            a for a in rivals
            if len(rivals) > 1 and not any(len(s & shown) > 1 and a in s for s in stated.values())
        ]  # fmt: skip
        if alone:
            found["rival parties"].append(f"{p['name']} ({p['id']}): {', '.join(rivals)}")
        own = " ".join(words(p["name"]))
        for title in titles:
            why = junk(title, names - {own})
            if why:
                found["junk titles"].append(f"{p['name']} ({p['id']}): {title!r} ({why})")

    counts = {k: len(found[k]) for k in (
        "full name split", "bare surname apart", "title as name", "name across a line",
        "rival parties", "junk titles",
    )}  # fmt: skip
    print(f"{path}: {len(persons)} people (schema {'3 or later' if counted else '2'})")
    print("  " + totals(conn))
    for what, n in counts.items():
        print(f"  {what}: {n}")
        for line in found[what][:show]:
            print(f"    {line}")
    return counts


def totals(conn: sqlite3.Connection) -> str:
    """The archive's size, to read the counts against: its articles, its quotes and those
    with a speaker, its people by kind, and the titles and affiliations its speakers print."""
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    quotes, spoken = conn.execute("SELECT count(*), count(speaker_id) FROM quotes").fetchone()
    kinds = conn.execute("SELECT kind, count(*) FROM people GROUP BY 1 ORDER BY 2 DESC")
    people = ", ".join(f"{n:,} {kind}" for kind, n in kinds)
    (titles,) = conn.execute("SELECT count(*) FROM speaker_titles").fetchone()
    (affiliations,) = conn.execute("SELECT count(*) FROM speaker_affiliations").fetchone()
    return (
        f"{articles:,} articles, {quotes:,} quotes ({spoken:,} with a speaker); people:"
        f" {people}; speakers' titles {titles:,}, affiliations {affiliations:,}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archives", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=5, help="examples of each (default 5)")
    args = parser.parse_args()
    total = 0
    for path in args.archives:
        total += sum(check(path, args.show).values())
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
