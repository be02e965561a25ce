"""Cross-article people: one `people` row per person or organisation, whatever the article
called them, with why speakers were joined or kept apart and what the articles say of them.

Takes an article's Speaker (already resolved inside its article: canonical name, kind,
gender, titles, affiliations, mentions) and the open archive connection; `match` finds
what it is matched by (`match_name`, `match_key`, `named`, its name form; an
organisation's person), which ingest stores with the speaker's row and `link` records on a
stored one, and `regroup` then recomputes the people of that surname from all the
archive's speakers of it, so the people are a function of the articles held, whatever the
order they came in.

The merge policy (one person is one entry unless real evidence says two):
- a person's full name joins the full names that can name the same person: same first and
  last name, middle names (or initials) and suffixes agreeing where both give them
  ("Hillary Rodham Clinton" = "Hillary Clinton" = "Hillary R. Clinton"); never another first
  name ("Ann Smith" is not "Mary Ann Smith"). Leading words the article shows are a title
  ("Leader Andrew Scheer", "Rival Hillary Clinton") or leaves out ("Crooked Hillary Clinton",
  also "Hillary Clinton") are not the name. Gender and party, guessed from context, are
  noisy and never keep two speakers of one full name apart; two full names that conflict
  ("Hillary Rodham Clinton", "Hillary Diane Clinton") do, and a name fitting both joins the
  one with more speakers; a suffix is part of the full name ("Donald Trump Jr." is not
  "Donald Trump", nor, a known limit, "Martin Luther King" "Martin Luther King Jr.");
- a bare surname ("Clinton", from "Mrs Clinton") joins the one full-name person whose name
  its article prints, else the one holding its title ("President Obama"), else the only
  full-name person of that surname its honorific fits (a gender from pronouns is noise);
  otherwise it gets the bare name's record (one per surname and honorific gender), never
  a guess;
- each join and each keeping-apart is recorded in `person_reasons` (`saidwhat speaker`
  prints them);
- organisations join the first organisation printed under the same name, "the" and case
  aside; groups and unresolved
  speakers ("officials", "a source") get no record.

`refresh` recomputes a person's name, gender (the articles' words first, the first-name
prior only where none of them gives one; `gender_basis` says which), counts (also per outlet
and period, `person_periods`, what the dashboard reads), aliases, and
`person_attributes`: each title, party and other affiliation with the articles that state
it, junk titles (times, datelines, place abbreviations, line breaks, possessives) left out.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from saidwhat.article import Speaker
from saidwhat.lexicon import (
    CUE_KINDS,
    FEMALE_NAMES,
    GENDERED_HONORIFICS,
    HONORIFICS,
    MALE_NAMES,
    NAME_SUFFIXES,
    PARTY_OF_TAG,
    PARTY_TAG,
    PERSON_NOUNS,
    TITLE_WORDS,
    parties_in,
)

LINKED_KINDS = ("person", "organisation")
_PRONOUNS = {
    "he", "she", "they", "it", "him", "her", "them", "his", "hers", "its", "their", "we", "us",
    "i", "me", "you", "who", "this", "that",
}  # fmt: skip
# Lower-case words that belong inside names: "Ludwig van Beethoven", "Department of Health".
_PARTICLES = {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "bin", "al",
              "el", "la", "le", "ibn", "y", "of", "the", "and", "for", "on", "&"}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "one"}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
TITLED = TITLE_WORDS | PERSON_NOUNS  # words that, leading a name, are its title
# What is never a title: a time ("10:10 a.m."), a line break, a possessive ("Donald Trump's
# son": another person's name), words run together ("BushASSOCIATED PRESS"), capitals only.
_NOT_TITLE = re.compile(
    r"\d{1,2}[:.]\d{2}|\b[ap]\.m\.|\n|['’]s\b|[a-z][A-Z]{2}|^[^a-z]*[A-Z]{4,}[^a-z]*$|^\W*$"
)
# A dateline before a title ("NEW YORK - Republican candidate", "RYE, N.H. - State Rep.").
DATELINE = re.compile(r"^[A-Z][A-Z.,' ]+\s[—–-]+\s+")
# Another person's name in a title ("aide to Hillary Clinton"): a known first name, capitalised,
# before a capitalised word.
_NAME_IN = re.compile(r"\b([A-Z][a-z]+)(?= [A-Z])")


def words(name: str) -> list[str]:
    """The name's words, lower-cased, accents, honorifics and a possessive 's removed."""
    return list(_words(name))


@lru_cache(maxsize=65536)  # the same names come back in every article that prints them
def _words(name: str) -> tuple[str, ...]:
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s\b", "", plain)
    found = [w.replace("’", "'") for w in _WORD.findall(plain)]
    while found and found[0] in HONORIFICS:
        found = found[1:]
    return tuple(found)


def parts(name: str) -> tuple[str, tuple[str, ...], str, str] | None:
    """(first, middles, last, suffix) of a person's name of two words or more."""
    found = words(name)
    suffix = found.pop() if len(found) > 2 and found[-1] in NAME_SUFFIXES else ""
    if len(found) < 2:
        return None
    return found[0], tuple(found[1:-1]), found[-1], suffix


def same_person_name(a: str, b: str) -> bool:
    """Whether two full names can name one person: the same first and last names, middle
    names (or initials) agreeing where both give them, and no two different suffixes. One
    name ending with the other is not enough: "Ann Smith" is not "Mary Ann Smith"."""
    pa, pb = parts(a), parts(b)
    if pa is None or pb is None or pa[0] != pb[0] or pa[2] != pb[2]:
        return False
    if pa[3] and pb[3] and pa[3] != pb[3]:
        return False
    short, long = sorted((pa[1], pb[1]), key=len)
    if not short:
        return True
    return len(short) == len(long) and all(
        x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
        for x, y in zip(short, long, strict=True)
    )


def org_key(name: str) -> str:
    found = words(name)
    if found and found[0] == "the":
        found = found[1:]
    return " ".join(found)


def parties(affiliations: Iterable[str]) -> set[str]:
    """The political parties named by a speaker's affiliations ("R-Utah" is Republican)."""
    found = set()
    for affiliation in affiliations:
        tag = PARTY_TAG.match(affiliation.strip())
        if tag:
            found.add(PARTY_OF_TAG[tag.group(1)])
            continue
        found |= parties_in(words(affiliation))
    return found


def is_title(value: str) -> bool:
    """Whether a speaker's title (its dateline cut, `DATELINE`) can be one: not a time, a line
    break, another person's name ("Donald Trump's son", "aide to Hillary Clinton"), capitals
    only, or a place abbreviation ("Fla.": one abbreviated word that is no title word)."""
    if _NOT_TITLE.search(value) or any(
        m.group(1).lower() in FEMALE_NAMES | MALE_NAMES for m in _NAME_IN.finditer(value)
    ):
        return False
    found = words(value)
    abbreviation = len(found) == 1 and value.strip().endswith(".")
    return bool(found) and not (abbreviation and found[0] not in TITLE_WORDS | HONORIFICS)


def is_name(mention: str) -> bool:
    """A mention that is a name ("Mrs Clinton", "Hillary Clinton", "Ludwig van Beethoven"),
    not a pronoun or a description ("the former secretary", "Sanders's campaign manager")."""
    found = mention.split()
    if not found or len(found) > 6 or not found[0][:1].isupper():
        return False
    first = found[0].lower()
    lower = [w for w in found[1:] if not w[:1].isupper() and w not in _PARTICLES]
    return first not in _PRONOUNS and first not in _DETERMINERS and not lower


def printed_names(name: str, mentions: Iterable[str]) -> list[str]:
    """The names a speaker is printed under: its own, and its mentions that are names
    ("Trump's" as "Trump"), each once."""
    found = [name] + [m for m in mentions if is_name(m)]
    return sorted({re.sub(r"['’]s$", "", n) for n in found})


def own_name(speaker: Speaker) -> tuple[str, list[str]]:
    """The speaker's name less leading words that are not part of it, and those words: a
    title word ("Leader Andrew Scheer"), its title or affiliation ("Rival Hillary Clinton",
    titled "Rival"), or a word left out where the article names the speaker again
    ("Crooked Hillary Clinton", also "Hillary Clinton"); two words are always kept."""
    found = re.sub(r"['’]s$", "", " ".join(speaker.name.split())).split()
    described = {w for t in speaker.titles + speaker.affiliations for w in words(t)}
    described |= TITLED
    printed = {tuple(words(m.text)) for m in speaker.mentions}
    dropped: list[str] = []
    while len(found) > 2 and (
        (words(found[0]) and set(words(found[0])) <= described)
        or tuple(words(" ".join(found[1:]))) in printed
    ):
        dropped.append(found.pop(0))
    return " ".join(found), dropped


def match_key(name: str, kind: str) -> str:
    """What candidates share: a person's surname, an organisation's plain name."""
    if kind == "organisation":
        return org_key(name)
    found = parts(name)
    return found[2] if found else " ".join(words(name)[-1:])


def named_in(text: str, surname: str) -> list[str]:
    """The runs of capitalised words ending in `surname` that the text prints ("Secretary
    Hillary Clinton", "Mary Ann Smith"): `group_forms` finds the full name each run ends with."""
    pattern = rf"(?:[A-Z][\w.'’-]* ){{1,3}}{re.escape(surname)}(?!\w)"
    return sorted({m.group(0) for m in re.finditer(pattern, text)})


# The columns of a `speakers` row that link it (`match`).
LINK_COLUMNS = ("person_id", "match_name", "match_key", "named", "form_id")


class Match(NamedTuple):
    """What a speaker is linked by (`match`): the columns of its `speakers` row that say so
    (an organisation's `person_id`; a person's `match_name`, `match_key`, `named` and
    `form_id`), the title words printed in its name (its `speaker_titles` too), and the
    surname to `regroup` (None for an organisation)."""

    columns: dict[str, Any]
    titles: list[str]
    key: str | None


def match(conn: sqlite3.Connection, speaker: Speaker, text: str) -> Match | None:
    """What a quoted speaker of an article's `text` is linked by (None: no one): an
    organisation's person row (made when new), a person's name form (counted)."""
    if speaker.kind not in LINKED_KINDS or not words(speaker.name):
        return None
    if speaker.kind == "person" and not is_name(speaker.name):
        return None  # "a spokeswoman for the firm": unnamed, no one else's in other articles
    if speaker.kind == "organisation":
        key = org_key(speaker.name)
        # the first organisation printed under that name (another may share it: "AP" is
        # also a mention of "Associated Press-GfK"); never a new one each time
        found = conn.execute(
            "SELECT min(a.person_id) FROM aliases a JOIN people p ON p.id = a.person_id"
            " WHERE a.match_key = ? AND p.kind = 'organisation'",
            (key,),
        ).fetchone()
        if found[0] is not None:
            person = found[0]
        else:
            person = conn.execute(
                "INSERT INTO people (name, kind, gender) VALUES (?, 'organisation', NULL)",
                (speaker.name,),
            ).lastrowid
        # at once, the names it is found by: the next speaker sees it (`add_speakers`
        # counts them)
        printed = printed_names(speaker.name, [m.text for m in speaker.mentions])
        conn.executemany(
            "INSERT OR IGNORE INTO aliases (person_id, alias, speakers, match_key)"
            " VALUES (?, ?, 0, ?)",
            [(person, a, match_key(a, "organisation")) for a in printed],
        )
        return Match({"person_id": person}, [], None)
    form = name_form(speaker, text)
    titles = form.pop("printed_titles")  # the title printed as part of the name
    form_id = conn.execute(
        "INSERT INTO name_forms (match_key, match_name, gender, said, titles, named, speakers,"
        " articles) VALUES (:match_key, :match_name, :gender, :said, :titles, :named, 1, 0)"
        " ON CONFLICT (match_key, match_name, gender, said, titles, named) DO UPDATE SET"
        " speakers = speakers + 1 RETURNING id",
        form,
    ).fetchone()[0]
    columns = {
        "match_name": form["match_name"],
        "match_key": form["match_key"],
        "named": form["named"] or None,
        "form_id": form_id,
    }
    return Match(columns, titles, form["match_key"])


def link(conn: sqlite3.Connection, speaker_row: int, speaker: Speaker, text: str) -> str | None:
    """Record on a stored speaker what it is linked by (`match`); a person's surname is
    returned, for `regroup`."""
    found = match(conn, speaker, text)
    if found is None:
        return None
    conn.execute(
        f"UPDATE speakers SET {', '.join(f'{c} = ?' for c in found.columns)} WHERE id = ?",
        [*found.columns.values(), speaker_row],
    )
    conn.executemany(
        "INSERT INTO speaker_titles (speaker_id, title) VALUES (?, ?)",
        [(speaker_row, w) for w in found.titles],
    )
    return found.key


def name_form(speaker: Speaker, text: str) -> dict[str, Any]:
    """What people are grouped by for a named person speaker of an article's `text` (a row
    of `name_forms`): the name less leading titles, its surname key, its gender, the gender
    its honorifics say ("" unless one), its titles lower-cased, JSON, with those printed in
    the name ("Leader Andrew Scheer"), and for a bare surname the full-name runs the text
    prints (JSON, "" for a full name); `printed_titles`, those title words as printed."""
    name, dropped = own_name(speaker)
    surname = name.split()[-1] if parts(name) is None else ""
    known = {t.lower() for t in speaker.titles}
    added = [w for w in dropped if w.lower() in TITLED and w.lower() not in known]
    said = {g for m in speaker.mentions if (g := honorific_gender(m.text)) is not None}
    return {
        "match_key": match_key(name, "person"),
        "match_name": name,
        "gender": speaker.gender or "",
        "said": next(iter(said)) if len(said) == 1 else "",
        "titles": json.dumps(sorted(known | {w.lower() for w in added})),
        "named": json.dumps(named_in(text, surname)) if surname else "",
        "printed_titles": added,
    }


def regroup(conn: sqlite3.Connection, key: str, taken: set[int] | None = None) -> set[int]:
    """Recompute the people of one surname from its name forms (`name_forms`: its linked
    speakers counted by what `group_forms` reads of them), so the cost is that of the ways the
    surname is printed, not of how often. Speakers move only where their form's person
    changes; the people whose speakers moved, made or removed, to `refresh` in full."""
    rows = conn.execute(
        "SELECT * FROM name_forms WHERE match_key = ?"
        " ORDER BY match_name, gender, said, titles, named",
        (key,),
    ).fetchall()
    # `taken`: the people other surnames kept (a full regroup of an archive whose people
    # spanned surnames): a person is one surname's
    old = {r["person_id"] for r in rows if r["person_id"] is not None} - (taken or set())
    titles = {r["id"]: set(json.loads(r["titles"])) for r in rows}
    gender = {r["id"]: r["said"] for r in rows if r["said"]}  # the gender its honorifics give
    groups, reasons = group_forms(rows, titles, gender)
    used: set[int] = set()
    moved: set[int] = set()
    persons = []
    for members in groups:
        held: Counter[int] = Counter()
        for r in members:
            if r["person_id"] in old - used:
                held[r["person_id"]] += r["speakers"]
        person = min(held, key=lambda p: (-held[p], p)) if held else None
        if person is None:
            person = conn.execute(
                "INSERT INTO people (name, kind) VALUES (?, 'person')", (members[0]["match_name"],)
            ).lastrowid
            moved.add(person)
        used.add(person)
        persons.append(person)
        for r in members:
            if r["person_id"] == person:
                continue
            conn.execute("UPDATE name_forms SET person_id = ? WHERE id = ?", (person, r["id"]))
            if r["person_id"] is not None:  # its stored speakers move: both recounted in full
                moved |= {r["person_id"], person}
                conn.execute(
                    "UPDATE speakers SET person_id = ? WHERE form_id = ?", (person, r["id"])
                )
    if taken is not None:
        taken |= used
    gone = sorted(old - used)
    conn.executemany("DELETE FROM people WHERE id = ?", [(p,) for p in gone])
    touched = sorted(old | used)
    conn.execute(
        f"DELETE FROM person_reasons WHERE person_id IN ({','.join('?' * len(touched))})",
        touched,
    )
    conn.executemany(
        "INSERT INTO person_reasons (person_id, other_id, decision, reason) VALUES (?, ?, ?, ?)",
        [
            (persons[g], None if other is None else persons[other], decision, reason)
            for g, other, decision, reason in reasons
        ],
    )
    return moved | set(gone)


def assign(conn: sqlite3.Connection, articles: list[int]) -> None:
    """The articles' person speakers take their forms' people (once `regroup` has run)."""
    conn.execute(
        "UPDATE speakers SET person_id = (SELECT person_id FROM name_forms f"
        " WHERE f.id = speakers.form_id) WHERE article_id IN (SELECT value FROM json_each(?))"
        " AND form_id NOT NULL",
        (json.dumps(articles),),
    )


def count_forms(conn: sqlite3.Connection, article_id: int, sign: int) -> None:
    """Add the article to the articles of each form its speakers have (`sign` 1), or take
    it, and them, away (-1; a form left with no speakers goes)."""
    forms = conn.execute(
        "SELECT form_id, count(*) FROM speakers WHERE article_id = ? AND form_id NOT NULL"
        " GROUP BY 1",
        (article_id,),
    ).fetchall()
    conn.executemany(
        "UPDATE name_forms SET articles = articles + ?, speakers = speakers + ? WHERE id = ?",
        [(sign, 0 if sign > 0 else -n, f) for f, n in forms],
    )
    if sign < 0:
        conn.execute("DELETE FROM name_forms WHERE speakers <= 0")


def rebuild_forms(conn: sqlite3.Connection) -> None:
    """Every form counted again from the speakers that `link` left matched (a full
    regroup); no form keeps a person, so `regroup` decides each afresh."""
    conn.execute("UPDATE speakers SET form_id = NULL")
    conn.execute("DELETE FROM name_forms")


@lru_cache(maxsize=65536)
def honorific_gender(mention: str) -> str | None:
    """The gender a mention's first word says when it is a gendered honorific ("Mrs")."""
    return GENDERED_HONORIFICS.get((mention.split() or [""])[0].lower().rstrip("."))


Reason = tuple[int, int | None, str, str]  # (group, other group or None, decision, why)


def group_forms(
    rows: list[sqlite3.Row], titles: dict[int, set[str]], said: dict[int, str]
) -> tuple[list[list[sqlite3.Row]], list[Reason]]:
    """The speakers of one surname in groups, one per person, and why: full names first,
    the most specific ("Hillary Rodham Clinton") seeding groups that the names fitting all
    of a group's names join; then each bare surname, whose gender counts only where an
    honorific says it (`said`: "Mrs Clinton"), a pronoun's being too often wrong."""
    by_name: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_name[row["match_name"]].append(row)
    full = [n for n in by_name if parts(n) is not None]
    full.sort(key=lambda n: (-_specificity(n), -_speakers(by_name[n]), n))
    names: list[list[str]] = []
    reasons: list[Reason] = []
    for name in full:
        fits = [  # a "Jr." is another full name than one without it (the father's)
            g
            for g, group in enumerate(names)
            if _suffix(name) == _suffix(group[0]) and all(same_person_name(name, m) for m in group)
        ]
        if not fits:
            names.append([name])
            continue
        size = {g: sum(_speakers(by_name[m]) for m in names[g]) for g in fits}
        chosen = min(fits, key=lambda g: (-size[g], names[g][0]))
        why = "same first and last name, the rest agreeing"
        if len(fits) > 1:
            also = ", ".join(names[g][0] for g in fits if g != chosen)
            why += f"; also fits {also}: joined the one named most"
        reasons.append((chosen, None, "joined", f"“{name}” = “{names[chosen][0]}”: {why}"))
        names[chosen].append(name)
    for g, group in enumerate(names):
        for name in group:
            articles = sum(r["articles"] for r in by_name[name])
            if articles > 1:
                why = f"“{name}” in {articles} articles: one full name, one person"
                reasons.append((g, None, "joined", why + " (a guessed gender or party is noise)"))
    for a, first in enumerate(names):
        for b in range(a + 1, len(names)):
            pa, pb = parts(first[0]), parts(names[b][0])
            if pa and pb and pa[0] == pb[0]:
                why = f"“{first[0]}” ≠ “{names[b][0]}”: different middle names or suffixes"
                reasons += [(a, b, "apart", why), (b, a, "apart", why)]
    groups = [[r for n in group for r in by_name[n]] for group in names]
    gender = [_gender(g) or _named_gender(n[0]) for g, n in zip(groups, names, strict=True)]
    group_titles = [set().union(*(titles[r["id"]] for r in g)) for g in groups]
    bare: dict[str | None, list[sqlite3.Row]] = defaultdict(list)
    bare_why: dict[str | None, set[str]] = defaultdict(set)
    for row in (r for r in rows if parts(r["match_name"]) is None):
        runs = [r.split() for r in json.loads(row["named"] or "[]")]
        sex = said.get(row["id"])
        plausible = [g for g in range(len(groups)) if not (sex and gender[g] and sex != gender[g])]
        named = sorted({g for run in runs for g in _longest_named(run, names, plausible)})
        titled = [g for g in plausible if titles[row["id"]] & group_titles[g]]
        many = row["articles"]
        label = f"“{row['match_name']}” ({many} article{'s' if many != 1 else ''})"
        if len(named) == 1:
            why = f"{label}: the article names {names[named[0]][0]}"
        elif len(titled) == 1:
            title = sorted(titles[row["id"]] & group_titles[titled[0]])[0]
            why = f"{label}: the only full-name person of that surname titled “{title}”"
            named = titled
        elif len(plausible) == 1:
            why = f"{label}: the only full-name person of that surname its honorific fits"
            named = plausible
        else:
            who = ", ".join(names[g][0] for g in plausible) or "none"
            bare[sex].append(row)
            bare_why[sex].add(f"{label}: full-name people its honorific fits: {who}")
            continue
        groups[named[0]].append(row)
        reasons.append((named[0], None, "joined", why))
    if None in bare and len([g for g in bare if g]) == 1:  # the only gendered record takes them
        gendered = next(g for g in bare if g)
        bare[gendered] += bare.pop(None)
        bare_why[gendered] |= bare_why.pop(None)
    for sex in sorted(bare, key=str):
        groups.append(bare[sex])
        reasons += [(len(groups) - 1, None, "apart", w) for w in sorted(bare_why[sex])]
    return groups, reasons


def _longest_named(run: list[str], names: list[list[str]], groups: list[int]) -> list[int]:
    """The groups the longest full name a run ends with names ("Mary Ann Smith", not also
    "Ann Smith"; "Hillary Clinton" of "Secretary Hillary Clinton")."""
    for start in range(len(run) - 1):
        found = [g for g in groups if same_person_name(" ".join(run[start:]), names[g][0])]
        if found:
            return found
    return []


def _suffix(name: str) -> str:
    found = parts(name)
    return found[3] if found else ""


def _specificity(name: str) -> int:
    """How many middle names a full name gives."""
    found = parts(name)
    return len(found[1]) if found else 0


def _named_gender(name: str) -> str | None:
    """The gender a first name alone gives ("Hillary"), where the name lists agree."""
    first = words(name)[0]
    female, male = first in FEMALE_NAMES, first in MALE_NAMES
    return "female" if female and not male else "male" if male and not female else None


def _speakers(rows: list[sqlite3.Row]) -> int:
    return sum(r["speakers"] for r in rows)


def _gender(rows: list[sqlite3.Row]) -> str | None:
    """The gender most of the forms' speakers have; None when none or tied."""
    counts: Counter[str] = Counter()
    for r in rows:
        if r["gender"]:
            counts[r["gender"]] += r["speakers"]
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def unlink_article(conn: sqlite3.Connection, article_id: int) -> tuple[list[int], list[str]]:
    """The people and surnames an article's speakers are linked to (before the article is
    deleted), to `regroup` and `refresh` once it is gone."""
    rows = conn.execute(
        "SELECT person_id, match_key FROM speakers WHERE article_id = ? AND person_id NOT NULL",
        (article_id,),
    ).fetchall()
    keys = sorted({r["match_key"] for r in rows if r["match_key"]})
    return sorted({r["person_id"] for r in rows}), keys


# The bits of the cue kinds of the quotes `q` grouped (store.AGGREGATES: speech 1, writing
# 2, thought 4, other 8), and their number of each kind, as SQL.
KIND_BITS = " + ".join(
    f"{1 << i} * coalesce(max(q.cue_kind = '{k}'), 0)" for i, k in enumerate(CUE_KINDS)
)
KIND_SUMS = ", ".join(f"coalesce(sum(q.cue_kind = '{k}'), 0) AS {k}" for k in CUE_KINDS)


def person_periods(where: str) -> str:
    """The rows of person_periods (store.AGGREGATES) of the people `where` picks (SQL on the
    speakers `s`), as an INSERT's SELECT: each person's articles and quotes per outlet,
    period and set of cue kinds of their quotes in an article."""
    return (
        "SELECT person_id, outlet, period, kinds, count(*), sum(speech), sum(writing),"
        " sum(thought), sum(other), min(published), max(published) FROM (SELECT s.person_id,"
        " coalesce(a.outlet, '') AS outlet, coalesce(substr(a.published, 1, 7), '') AS period,"
        f" a.published, {KIND_BITS} AS kinds, {KIND_SUMS} FROM quotes q JOIN speakers s"
        " ON s.id = q.speaker_id JOIN articles a ON a.id = q.article_id"
        f" WHERE s.person_id NOT NULL AND {where} GROUP BY s.person_id, a.id) GROUP BY 1, 2, 3, 4"
    )


def refresh(conn: sqlite3.Connection, persons: Iterable[int]) -> None:
    """Recount the people in full from their speakers (those whose speakers moved, or lost
    an article), their quote clusters included (which a bulk store does not keep as each
    speaker moves); a person left with no speakers is removed."""
    persons = sorted(set(persons))
    chosen = json.dumps(persons)
    tables = ("person_periods", "person_names", "aliases", "person_attributes", "person_clusters")
    for table in tables:
        conn.execute(
            f"DELETE FROM {table} WHERE person_id IN (SELECT value FROM json_each(?))", (chosen,)
        )
    picked = "s.person_id IN (SELECT value FROM json_each(?))"
    add_speakers(conn, picked, (chosen,))
    add_clusters(conn, picked, (chosen,))
    settle(conn, persons)


def add_clusters(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> None:
    """Add the quotes of the linked speakers `where` picks (SQL on the speakers `s`) to
    their people's quote clusters (person_clusters), as a recount would count them."""
    conn.execute(
        "INSERT INTO person_clusters SELECT * FROM (SELECT s.person_id, q.cluster_id, count(*)"
        " FROM speakers s JOIN quotes q ON q.speaker_id = s.id WHERE q.cluster_id NOT NULL"
        f" AND s.person_id NOT NULL AND {where} GROUP BY 1, 2) WHERE 1"
        " ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes",
        params,
    )


def add_speakers(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> None:
    """Add the linked speakers `where` picks (SQL on the speakers `s`) to their people's
    counts per outlet and period, names and genders (`person_names`), aliases and
    attributes: a new article's speakers, all of them at once (a person's quotes in an
    article count together), add exactly what a recount would find. `settle` then sets
    the people's rows from these."""
    where = f"s.person_id NOT NULL AND {where}"
    conn.execute(
        f"INSERT INTO person_periods SELECT * FROM ({person_periods(where)}) WHERE 1"
        " ON CONFLICT (person_id, outlet, period, kinds) DO UPDATE SET"
        " articles = articles + excluded.articles, speech = speech + excluded.speech,"
        " writing = writing + excluded.writing, thought = thought + excluded.thought,"
        " other = other + excluded.other,"
        " first_seen = min(coalesce(first_seen, excluded.first_seen),"
        " coalesce(excluded.first_seen, first_seen)),"
        " last_seen = max(coalesce(last_seen, excluded.last_seen),"
        " coalesce(excluded.last_seen, last_seen))",
        params,
    )
    conn.execute(
        "INSERT INTO person_names SELECT * FROM (SELECT s.person_id, coalesce(s.match_name,"
        " s.name), coalesce(s.gender, ''), CASE WHEN s.gender IS NULL THEN ''"
        " ELSE coalesce(s.gender_basis, 'article') END, count(*) FROM speakers s"
        f" WHERE {where} GROUP BY 1, 2, 3, 4) WHERE 1"
        " ON CONFLICT (person_id, name, gender, basis) DO UPDATE SET"
        " speakers = speakers + excluded.speakers",
        params,
    )
    _add_aliases(conn, where, params)
    _add_attributes(conn, where, params)


def settle(conn: sqlite3.Connection, persons: Iterable[int]) -> None:
    """Each person's name, gender and counts from their `person_names` and
    `person_periods` (a few rows a person, however often quoted); a person with no
    speakers left is removed."""
    for person in sorted(set(persons)):
        row = conn.execute("SELECT kind FROM people WHERE id = ?", (person,)).fetchone()
        names = conn.execute(
            "SELECT name, gender, basis, speakers FROM person_names WHERE person_id = ?",
            (person,),
        ).fetchall()
        if row is None or not names:
            conn.execute("DELETE FROM people WHERE id = ?", (person,))
            continue
        # a person's full name over a bare surname; then the most used; then the first by
        # the alphabet (not by when it came: the people are the same in any order)
        used: Counter[str] = Counter()
        said: Counter[tuple[str, str]] = Counter()
        for r in names:
            used[r["name"]] += r["speakers"]
            if r["gender"]:
                said[(r["gender"], r["basis"])] += r["speakers"]
        full = {n for n in used if row["kind"] == "person" and parts(n)}
        name = min(used, key=lambda n: (n not in full, -used[n], n))
        # the gender most speakers' articles give; the name prior's only where none does
        gender = min(said, key=lambda g: (g[1] != "article", -said[g], g), default=None)
        quotes, articles, first, last = conn.execute(
            "SELECT coalesce(sum(speech + writing + thought + other), 0),"
            " coalesce(sum(articles), 0), min(first_seen),"
            " max(last_seen) FROM person_periods WHERE person_id = ?",
            (person,),
        ).fetchone()
        conn.execute(
            "UPDATE people SET name = ?, gender = ?, gender_basis = ?, quotes = ?, articles = ?,"
            " first_seen = ?, last_seen = ? WHERE id = ?",
            (name, *(gender or (None, None)), quotes, articles, first, last, person),
        )


def _add_aliases(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> None:
    """Each speaker's printed names (its own and its mentions that are names) added to its
    person's aliases, one speaker each."""
    # speakers printed alike counted together in SQL: a person quoted in thousands of
    # articles has few ways of being named
    counts: Counter[tuple[int, str, str]] = Counter()
    for person, kind, name, mentions, speakers in conn.execute(
        "SELECT s.person_id, p.kind, coalesce(s.match_name, s.name) AS name,"
        " (SELECT group_concat(text, char(31)) FROM (SELECT DISTINCT text FROM mentions"
        " WHERE speaker_id = s.id ORDER BY text)) AS mentions, count(*) FROM speakers s"
        f" JOIN people p ON p.id = s.person_id WHERE {where} GROUP BY 1, 2, 3, 4",
        params,
    ):
        for alias in printed_names(name, mentions.split("\x1f") if mentions else []):
            counts[(person, kind, alias)] += speakers
    conn.executemany(
        "INSERT INTO aliases (person_id, alias, speakers, match_key) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (person_id, alias) DO UPDATE SET speakers = speakers + excluded.speakers",
        [(p, a, n, match_key(a, k)) for (p, k, a), n in sorted(counts.items())],
    )


def _add_attributes(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> None:
    """`person_attributes`: each title, party and other affiliation the speakers' articles
    state, added to their person's (the articles, their count, first and last date, and
    how often each spelling is used: the most used is shown); junk titles left out."""
    stated: dict[tuple[int, str, str], dict[int, str | None]] = defaultdict(dict)
    spelling: dict[tuple[int, str, str], Counter[str]] = defaultdict(Counter)
    for person, kind, value, article, published in conn.execute(
        "SELECT s.person_id, 'title', t.title, s.article_id, a.published FROM speaker_titles t"
        " JOIN speakers s ON s.id = t.speaker_id JOIN articles a ON a.id = s.article_id"
        f" WHERE {where} UNION ALL"
        " SELECT s.person_id, 'affiliation', f.affiliation, s.article_id, a.published FROM"
        " speaker_affiliations f JOIN speakers s ON s.id = f.speaker_id"
        f" JOIN articles a ON a.id = s.article_id WHERE {where}",
        params + params,
    ).fetchall():
        for what, item in _attribute(kind, value):
            key = (person, what, item.lower())
            stated[key][article] = published
            spelling[key][item] += 1
    held: dict[int, dict[tuple[str, str], sqlite3.Row]] = {}
    for person in sorted({k[0] for k in stated}):
        held[person] = {
            (r["kind"], r["value"].lower()): r
            for r in conn.execute("SELECT * FROM person_attributes WHERE person_id = ?", (person,))
        }
    for (person, kind, low), seen in sorted(stated.items()):
        spellings = spelling[(person, kind, low)]
        ids = sorted(seen)
        listed = json.dumps(ids)
        dates = [d for d in seen.values() if d]
        old = held[person].get((kind, low))
        if old is not None:
            spellings.update(json.loads(old["spellings"]))
            known = old["article_ids"]
            if ids[0] > int(known[known.rfind(" ") + 1 : -1].lstrip("[")):
                # new articles come after those listed: the list grows at its end, not
                # read again (a much quoted person's title is stated in thousands)
                listed = f"{known[:-1]}, {listed[1:]}"
                count = old["articles"] + len(ids)
            else:
                merged = sorted(set(ids) | set(json.loads(known)))
                listed, count = json.dumps(merged), len(merged)
            dates += [d for d in (old["first_seen"], old["last_seen"]) if d]
            conn.execute(
                "DELETE FROM person_attributes WHERE person_id = ? AND kind = ? AND value = ?",
                (person, kind, old["value"]),
            )
        else:
            count = len(ids)
        conn.execute(
            "INSERT INTO person_attributes (person_id, kind, value, articles, article_ids,"
            " first_seen, last_seen, spellings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person, kind, min(spellings, key=lambda v: (-spellings[v], v)), count, listed,
                min(dates, default=None), max(dates, default=None),
                json.dumps(dict(sorted(spellings.items()))),
            ),
        )  # fmt: skip


@lru_cache(maxsize=65536)  # a much quoted person's titles recur in every article
def _attribute(kind: str, value: str) -> tuple[tuple[str, str], ...]:
    """What one stated title or affiliation says of a person: (kind, value) pairs, its
    parties for an affiliation that names them; none for a junk title."""
    value = DATELINE.sub("", value)
    if kind == "title" and not is_title(value):  # a line break in it is junk too
        return ()
    value = " ".join(value.split())
    named = parties([value]) if kind == "affiliation" else set()
    return tuple(sorted(("party", p) for p in named)) or ((kind, value),)


def shown_parties(attributes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The party best supported (most articles), and a rival only where one article states
    both: a party guessed once against many articles' word is noise."""
    ranked = sorted(
        (a for a in attributes if a["kind"] == "party"), key=lambda a: (-a["articles"], a["value"])
    )
    if not ranked:
        return []
    best = set(ranked[0]["article_ids"])
    return [ranked[0]] + [a for a in ranked[1:] if best & set(a["article_ids"])]
