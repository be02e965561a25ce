"""Cross-article people: one `people` row per person or organisation, whatever the article
called them.

Takes an article's Speaker (already resolved inside its article: canonical name, kind,
gender, titles, affiliations, mentions) and the open archive connection; gives the id of
the `people` row it belongs to (new or existing), keeping each person's aliases, counts
and first/last appearance up to date.

Conservative by design; two records are better than one wrong one:
- a full name joins a person with the same first and last name whose middle names agree
  ("Hillary Rodham Clinton" = "Hillary Clinton" = "Hillary R. Clinton"); never one with
  another first name ("Ann Smith" is not "Mary Ann Smith"), except a word the article
  shows is not part of the name: the speaker's title ("Rival Hillary Clinton", titled
  "Rival") or one it leaves out elsewhere ("Crooked Hillary Clinton", also "Hillary Clinton");
- a bare surname ("Clinton", from "Mrs Clinton") joins a full name when the article
  itself prints exactly one archived person's full name with that surname, or exactly one
  such person holds the speaker's title ("President Obama"), or the archive holds exactly
  one full-name person with that surname whose gender and party fit; otherwise it joins the
  bare name's own record (one per surname and gender), never a guess; a bare name's record
  made before that one full name came joins it when it comes (the order does not matter);
- a known gender or party that differs keeps them apart (two John Smiths stay two); of
  several records that fit, the ones agreeing on gender, then on affiliation, are kept;
  when several still fit equally, the speaker joins the one record made for a speaker as
  undecided as itself (same gender, same parties) or gets that record, never one each;
- organisations join on the same name, "the" and case aside; groups and unresolved
  speakers ("officials", "a source") get no record.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from saidwhat.article import Span, Speaker
from saidwhat.lexicon import HONORIFICS, NAME_SUFFIXES, PARTY_OF_TAG, PARTY_TAG, parties_in

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


def words(name: str) -> list[str]:
    """The name's words, lower-cased, accents, honorifics and a possessive 's removed."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s\b", "", plain)
    found = [w.replace("’", "'") for w in _WORD.findall(plain)]
    while found and found[0] in HONORIFICS:
        found = found[1:]
    return found


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


def is_name(mention: str) -> bool:
    """A mention that is a name ("Mrs Clinton", "Hillary Clinton", "Ludwig van Beethoven"),
    not a pronoun or a description ("the former secretary", "Sanders's campaign manager")."""
    found = mention.split()
    if not found or len(found) > 6 or not found[0][:1].isupper():
        return False
    first = found[0].lower()
    lower = [w for w in found[1:] if not w[:1].isupper() and w not in _PARTICLES]
    return first not in _PRONOUNS and first not in _DETERMINERS and not lower


def link(conn: sqlite3.Connection, speaker_row: int, speaker: Speaker, text: str) -> int | None:
    """Set `speakers.person_id` of the stored speaker to its person (made when new)."""
    if speaker.kind not in LINKED_KINDS or not words(speaker.name):
        return None
    if speaker.kind == "organisation":
        person = _organisation(conn, speaker.name)
    else:
        person = _person(conn, speaker, text)
    if person is None:
        person = conn.execute(
            "INSERT INTO people (name, kind, gender) VALUES (?, ?, ?)",
            (speaker.name, speaker.kind, speaker.gender),
        ).lastrowid
    conn.execute("UPDATE speakers SET person_id = ? WHERE id = ?", (person, speaker_row))
    kind = "organisation" if speaker.kind == "organisation" else "person"
    conn.executemany(  # at once: the next speaker of this article sees them
        "INSERT INTO aliases (person_id, alias, speakers, match_key) VALUES (?, ?, 1, ?)"
        " ON CONFLICT (person_id, alias) DO UPDATE SET speakers = speakers + 1",
        [(person, alias, match_key(alias, kind)) for alias in printed_names(speaker)],
    )
    full = parts(own_name(speaker)) if kind == "person" else None
    if full is not None:
        _adopt_bare_records(conn, person, full[2])
    return person


def printed_names(speaker: Speaker) -> list[str]:
    """The names a speaker is printed under: its own, and its mentions that are names
    ("Trump's" as "Trump"), each once."""
    found = [speaker.name] + [m.text for m in speaker.mentions if is_name(m.text)]
    return sorted({re.sub(r"['’]s$", "", name) for name in found})


def unlink_article(conn: sqlite3.Connection, article_id: int) -> list[int]:
    """Take an article's speakers off their people's aliases (before the article is
    deleted); the people touched, to `refresh` once it is gone."""
    persons = set()
    rows = conn.execute(
        "SELECT id, person_id, name FROM speakers WHERE article_id = ? AND person_id NOT NULL",
        (article_id,),
    ).fetchall()
    for row in rows:
        mentions = conn.execute(
            "SELECT char_start, char_end, text FROM mentions WHERE speaker_id = ?", (row[0],)
        )
        spoken = Speaker("", row["name"], mentions=[Span(*m) for m in mentions])
        conn.executemany(
            "UPDATE aliases SET speakers = speakers - 1 WHERE person_id = ? AND alias = ?",
            [(row["person_id"], alias) for alias in printed_names(spoken)],
        )
        persons.add(row["person_id"])
    conn.execute("DELETE FROM aliases WHERE speakers <= 0")
    return sorted(persons)


def match_key(name: str, kind: str) -> str:
    """What candidates share: a person's surname, an organisation's plain name."""
    if kind == "organisation":
        return org_key(name)
    found = parts(name)
    return found[2] if found else " ".join(words(name)[-1:])


def _candidates(conn: sqlite3.Connection, kind: str, key: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT p.id, p.gender, a.alias, p.name FROM aliases a JOIN people p ON p.id = a.person_id"
        " WHERE a.match_key = ? AND p.kind = ? ORDER BY p.id, a.alias",
        (key, kind),
    ).fetchall()


def _organisation(conn: sqlite3.Connection, name: str) -> int | None:
    found = {row[0] for row in _candidates(conn, "organisation", org_key(name))}
    return found.pop() if len(found) == 1 else None


def own_name(speaker: Speaker) -> str:
    """The speaker's name less leading words that the article shows are not part of it:
    its title or affiliation ("Rival Hillary Clinton", titled "Rival"), or left out where
    the article names the speaker again ("Crooked Hillary Clinton", also "Hillary Clinton");
    a full name of two words or more is kept."""
    found = speaker.name.split()
    described = {w for t in speaker.titles + speaker.affiliations for w in words(t)}
    printed = {tuple(words(m.text)) for m in speaker.mentions}
    while len(found) > 2 and (
        (words(found[0]) and set(words(found[0])) <= described)
        or tuple(words(" ".join(found[1:]))) in printed
    ):
        found = found[1:]
    return " ".join(found)


def _printed(names: Iterable[str], text: str) -> set[str]:
    """The names the text prints, less those printed only inside a longer one of them
    ("Ann Smith" inside "Mary Ann Smith")."""
    spans = [
        (m.start(), m.end(), n)
        for n in set(names)
        for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)
    ]
    return {
        n
        for start, end, n in spans
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in spans)
    }


def _person(conn: sqlite3.Connection, speaker: Speaker, text: str) -> int | None:
    name = own_name(speaker)
    rows = _candidates(conn, "person", match_key(name, "person"))
    genders = {r[0]: r[1] for r in rows}
    mine = parties(speaker.affiliations)
    known: dict[int, set[str]] = {}

    def _parties(person: int) -> set[str]:
        if person not in known:
            known[person] = _person_parties(conn, person)
        return known[person]

    def fitting(persons: set[int]) -> set[int]:
        """Those whose known gender and party do not contradict the speaker's."""
        return {
            p
            for p in persons
            if not (speaker.gender and genders[p] and speaker.gender != genders[p])
            and not (mine and (theirs := _parties(p)) and not mine & theirs)
        }

    if parts(name) is not None:
        fits = fitting({r[0] for r in rows if same_person_name(r[2], name)})
        if len(fits) > 1 and speaker.gender:  # the ones of the speaker's gender, if any
            fits = {p for p in fits if genders[p] == speaker.gender} or fits
        if len(fits) > 1 and speaker.affiliations:  # the ones sharing an affiliation, if any
            fits = {p for p in fits if _shares_affiliation(conn, p, speaker.affiliations)} or fits
        if len(fits) > 1:  # undecided: the record of the speakers just as undecided, if any
            alike = [p for p in fits if genders[p] == speaker.gender and _parties(p) == mine]
            return min(alike, default=None)
        return fits.pop() if fits else None
    # A bare surname: the one archived full name the article prints, else the one holding
    # the speaker's title ("President Obama"), else the one the archive holds, else the
    # bare name's own record.
    full = [r for r in rows if parts(r[2]) is not None]
    printed = _printed((r[2] for r in full), text)
    named = fitting({r[0] for r in full if r[2] in printed})
    if len(named) == 1:
        return named.pop()
    if speaker.titles:
        titled = fitting({r[0] for r in full if _shares_title(conn, r[0], speaker.titles)})
        if len(titled) == 1:
            return titled.pop()
    surnamed = fitting({r[0] for r in full})
    if len(surnamed) == 1:
        return surnamed.pop()
    single = words(name)[-1]
    bare = sorted(
        r[0]
        for r in rows
        if words(r[3]) == [single] and not (speaker.gender and r[1] and speaker.gender != r[1])
    )
    return bare[0] if bare else None


def _adopt_bare_records(conn: sqlite3.Connection, person: int, surname: str) -> None:
    """A bare surname's records that fit no full-name person with that surname but `person`
    join `person`: their speakers would have, had they come after it."""
    rows = _candidates(conn, "person", surname)
    full = {r[0] for r in rows if parts(r[2]) is not None}
    bare = {r[0] for r in rows if words(r[3]) == [surname]} - full
    if not bare:
        return
    genders = {r[0]: r[1] for r in rows}
    known = {p: _person_parties(conn, p) for p in full | bare}

    def fit(a: int, b: int) -> bool:
        gender = genders[a] and genders[b] and genders[a] != genders[b]
        return not gender and not (known[a] and known[b] and not known[a] & known[b])

    for record in sorted(bare):
        if {p for p in full if fit(record, p)} == {person}:
            conn.execute(
                "INSERT INTO aliases (person_id, alias, speakers, match_key)"
                " SELECT ?, alias, speakers, match_key FROM aliases WHERE person_id = ? AND true"
                " ON CONFLICT (person_id, alias)"
                " DO UPDATE SET speakers = speakers + excluded.speakers",
                (person, record),
            )
            conn.execute("UPDATE speakers SET person_id = ? WHERE person_id = ?", (person, record))
            conn.execute("DELETE FROM people WHERE id = ?", (record,))


def _shares_title(conn: sqlite3.Connection, person: int, titles: list[str]) -> bool:
    theirs = conn.execute(
        "SELECT DISTINCT lower(t.title) FROM speaker_titles t JOIN speakers s"
        " ON s.id = t.speaker_id WHERE s.person_id = ?",
        (person,),
    ).fetchall()
    return bool({r[0] for r in theirs} & {t.lower() for t in titles})


def _person_parties(conn: sqlite3.Connection, person: int) -> set[str]:
    return parties(_affiliations(conn, person))


def _shares_affiliation(conn: sqlite3.Connection, person: int, affiliations: list[str]) -> bool:
    theirs = {org_key(a) for a in _affiliations(conn, person)}
    return bool(theirs & {org_key(a) for a in affiliations})


def _affiliations(conn: sqlite3.Connection, person: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT f.affiliation FROM speaker_affiliations f JOIN speakers s"
            " ON s.id = f.speaker_id WHERE s.person_id = ?",
            (person,),
        )
    ]


def refresh(conn: sqlite3.Connection, persons: Iterable[int]) -> None:
    """Recompute each person's name, gender and counts from their speakers (aliases are
    kept up to date by `link` and `unlink_article`); a person left with no speakers (their
    articles replaced or deleted) is removed."""
    for person in persons:
        names = conn.execute(
            "SELECT name, min(kind) AS kind, count(*) AS n, min(id) AS first FROM speakers"
            " WHERE person_id = ? GROUP BY name",
            (person,),
        ).fetchall()
        if not names:
            conn.execute("DELETE FROM people WHERE id = ?", (person,))
            continue
        # a person's full name over a bare surname; then the most used; then the first seen
        full = {r["name"] for r in names if r["kind"] == "person" and parts(r["name"])}
        name = max(names, key=lambda r: (r["name"] in full, r["n"], -r["first"]))[0]
        gender = conn.execute(
            "SELECT gender FROM speakers WHERE person_id = ? AND gender NOT NULL"
            " GROUP BY gender ORDER BY count(*) DESC, min(id) LIMIT 1",
            (person,),
        ).fetchone()
        first, last = conn.execute(
            "SELECT min(a.published), max(a.published) FROM speakers s"
            " JOIN articles a ON a.id = s.article_id WHERE s.person_id = ?",
            (person,),
        ).fetchone()
        quotes, articles = conn.execute(
            "SELECT count(*), count(DISTINCT q.article_id) FROM quotes q"
            " JOIN speakers s ON s.id = q.speaker_id WHERE s.person_id = ?",
            (person,),
        ).fetchone()
        conn.execute(
            "UPDATE people SET name = ?, gender = ?, quotes = ?, articles = ?, first_seen = ?,"
            " last_seen = ? WHERE id = ?",
            (name, gender[0] if gender else None, quotes, articles, first, last, person),
        )
