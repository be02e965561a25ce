"""Reading the archive: quote search, speakers and their statistics, articles, export.

Takes an open archive connection and plain filter values (strings, ints, dates as ISO
text); gives plain dicts and lists ready for JSON, a table or a web page, and export files
(Parquet, CSV, JSONL) of quotes joined with their speakers and articles.

Search runs on SQLite FTS5 (bm25 ranking, words stemmed: "minister" finds "ministers") over
quote contents; user text becomes a safe FTS query (words, "quoted phrases", a trailing * for
a prefix), never raw FTS syntax, and each hit says where in its text the words matched
(`matches`, offsets into `text`).

Counting follows the Gender Gap Tracker: `search`, `speakers`, `gender_shares` and `stats`
take the quotes whose cue is speech or writing unless `cue_kind` asks for others ("all", or
kinds joined by commas: "speech,thought"; see `lexicon.cue_kind`).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from saidwhat.archive import clusters, people
from saidwhat.lexicon import CUE_KINDS
from saidwhat.reading import shown_title

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_STOPWORDS = set(
    """a about after all also an and any are as at be because been but by can could did do
    does for from had has have he her his i if in into is it its just like more most my no
    not of on one or our out over said says she so some than that the their them there these
    they this to up us was we were what when which who will with would you your going get
    very really think know want people""".split()
)

# An article's title, and where it has none its opening, for `titled` to show instead.
TITLE = "a.title, CASE WHEN a.title IS NULL THEN substr(a.text, 1, 200) END AS opening"
_QUOTE_COLUMNS = f"""
    q.id AS quote_id, q.article_id, a.key AS article, {TITLE}, a.outlet, a.published, a.url,
    q.speaker_id, s.name AS speaker, s.person_id, p.name AS person, q.type, q.confidence,
    q.cue, q.source, q.text, q.context, q.cluster_id"""
# The kinds of attribution counted unless asked otherwise: speech and writing, as the GGT.
COUNTED = "speech,writing"
# What `highlight` puts around each matched word: control characters no quote holds.
_OPEN, _CLOSE = "\x02", "\x03"
_QUOTE_JOINS = """
    FROM quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.speaker_id
    LEFT JOIN people p ON p.id = s.person_id"""


TOP_WORDS_OF = 2000
# The fewest matches `_best_matches` reads the rows of at a time.
MATCH_CHUNK = 64
_ON = "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word or "phrase" must occur; `word*` is a prefix."""
    terms = []
    for phrase, word in _TERM.findall(text):
        if phrase:
            terms.append(_phrase(phrase))
            continue
        prefix = word.endswith("*")
        inner = " ".join(re.findall(r"[^\W_]+", word))
        if inner:
            terms.append(_phrase(inner) + ("*" if prefix and " " not in inner else ""))
    return " AND ".join(terms)


def _phrase(text: str) -> str:
    return '"' + " ".join(re.findall(r"[^\W_]+", text)).replace('"', '""') + '"'


def cue_kinds(value: str | None) -> list[str] | None:
    """The kinds a `cue_kind` filter names ("all": None, every kind; None: `COUNTED`)."""
    value = COUNTED if value is None or not value.strip() else value
    if value.strip() == "all":
        return None
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    wrong = [k for k in kinds if k not in CUE_KINDS]
    if wrong:
        raise ValueError(f"no cue kind {wrong[0]!r}: all, or some of {', '.join(CUE_KINDS)}")
    return kinds


def cue_kind_filter(conn: sqlite3.Connection, value: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their arguments) on the quotes `q` of the kinds `value` names."""
    kinds = cue_kinds(value)
    if kinds is None:
        return [], []
    return [f"{cue_kind_column(conn)} IN ({','.join('?' * len(kinds))})"], kinds


def cue_kind_column(conn: sqlite3.Connection) -> str:
    """`q.cue_kind`; in an archive of schema 4 opened read only, the kind of its cue."""
    has = any(r[1] == "cue_kind" for r in conn.execute("PRAGMA table_info(quotes)"))
    return "q.cue_kind" if has else "saidwhat_cue_kind(q.cue)"


def kind_counts(value: str | None, table: str = "x") -> tuple[str, str]:
    """For the counts ingest keeps (store.AGGREGATES) in `table`: the condition on a row
    that its articles hold quotes of the kinds `value` names (`cue_kinds`), and the SQL sum
    of those quotes."""
    kinds = cue_kinds(value) or list(CUE_KINDS)
    bits = sum(1 << CUE_KINDS.index(k) for k in kinds)
    return f"{table}.kinds & {bits} != 0", " + ".join(f"{table}.{k}" for k in kinds)


def matched(marked: str | None, text: str) -> list[dict[str, int]]:
    """Where `highlight` marked the matched words, as offsets into `text` (none should the
    text itself hold a marker character)."""
    found: list[dict[str, int]] = []
    plain = ""
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked or ""):
        if piece == _OPEN:
            found.append({"start": len(plain), "end": len(plain)})
        elif piece == _CLOSE and found:
            found[-1]["end"] = len(plain)
        else:
            plain += piece
    return found if plain == text else []


def titled(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its article's `title`, its opening's first line where it has none
    (`reading.shown_title`): what a reader sees instead of a file's path."""
    row["title"] = shown_title(row["title"], row.pop("opening"))
    return row


def find_people(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """People whose name or an alias is `name` (case aside), most quoted first; failing
    that, those whose name or alias contains it."""
    for condition, value in (("= ?", name), ("LIKE ?", f"%{name}%")):
        rows = conn.execute(
            "SELECT * FROM people WHERE id IN (SELECT person_id FROM aliases WHERE alias"
            f" {condition} COLLATE NOCASE) OR name {condition} COLLATE NOCASE"
            " ORDER BY quotes DESC, id",
            (value, value),
        ).fetchall()
        if rows:
            return [dict(r) for r in rows]
    return []


def _person_ids(conn: sqlite3.Connection, who: int | str) -> list[int]:
    if isinstance(who, int) or str(who).isdigit():
        return [int(who)]
    return [p["id"] for p in find_people(conn, str(who))]


def search(
    conn: sqlite3.Connection,
    text: str | None = None,
    speaker: int | str | None = None,
    about: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
    cue_kind: str | None = COUNTED,
) -> list[dict[str, Any]]:
    """Quotes matching every filter given, best first (bm25 when there is text, else newest),
    each with its `cue_kind` and, when there is text, the `matches` of its words in `text`.

    `speaker`: a person id or a name (the people it names and any speaker printed so);
    `about`: a person or organisation the quote's content mentions (under any alias);
    `since`/`until`: ISO dates or prefixes ("2019", "2019-05"), both ends included;
    `cue_kind`: the kinds of attribution (`cue_kinds`; speech and writing by default)."""
    where: list[str] = []
    args: list[Any] = []
    match = " AND ".join(
        f"({q})" for q in (fts_query(text or ""), about_query(conn, about or "")) if q
    )
    joins = _QUOTE_JOINS
    if match:
        joins = joins.replace(
            "FROM quotes q", "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
        )
        where.append("quotes_fts MATCH ?")
        args.append(match)
    common = speaker is None
    if speaker is not None and str(speaker) != "":
        ids = _person_ids(conn, speaker)
        common = _common(conn, ids, limit + offset)
        marks = ",".join("?" * len(ids))
        if common and not match:  # each quote of the newest checked by its speaker's row:
            # listing all their speakers first would cost as much as their quotes
            where.append(
                "EXISTS (SELECT 1 FROM speakers s2 WHERE s2.id = q.speaker_id"
                f" AND (s2.person_id IN ({marks}) OR s2.name = ? COLLATE NOCASE))"
            )
        else:  # speakers first, each way by its index: an OR over the join reads every quote
            where.append(
                f"q.speaker_id IN (SELECT id FROM speakers WHERE person_id IN ({marks})"
                " UNION SELECT id FROM speakers WHERE name = ? COLLATE NOCASE)"
            )
        args += [*ids, str(speaker)]
    where_article, article_args = article_filters(outlet, since, until)
    where += where_article
    args += article_args
    if type:
        where.append("q.type = ?")
        args.append(type)
    kinds, kind_args = cue_kind_filter(conn, cue_kind)
    where += kinds
    args += kind_args
    if match:  # the page found first, then only its rows read in full and highlighted
        page = _best_matches(conn, match, where[1:], args[1:], int(limit), int(offset))
        # (+: the match's rowids read in order and checked, not each page row matched anew)
        where = [where[0], "+quotes_fts.rowid IN (SELECT value FROM json_each(?))"]
        args, limit, offset = [match, json.dumps(page)], -1, 0
    score = "bm25(quotes_fts)" if match else "NULL"
    marked = f"highlight(quotes_fts, 0, '{_OPEN}', '{_CLOSE}')" if match else "NULL"
    order = "a.published IS NULL, a.published DESC, q.id"
    if not match and common:  # newest first: read in the order of articles_newest
        joins = joins.replace(
            "FROM quotes q JOIN articles a ON a.id = q.article_id",
            "FROM articles a CROSS JOIN quotes q ON q.article_id = a.id",
        )
        order = "a.published IS NULL, a.published DESC, a.id, q.position"  # the same order
    sql = (
        f"SELECT {_QUOTE_COLUMNS}, {cue_kind_column(conn)} AS cue_kind, {score} AS score,"
        f" {marked} AS marked {joins}"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {'score, ' if match else ''}{order} LIMIT ? OFFSET ?"
    rows = []
    for row in conn.execute(sql, [*args, int(limit), int(offset)]):
        item = titled(dict(row))
        item["matches"] = matched(item.pop("marked"), item["text"])
        rows.append(item)
    return rows


def _best_matches(
    conn: sqlite3.Connection, match: str, where: list[str], args: list[Any], limit: int, offset: int
) -> list[int]:
    """The ids of the quotes `search` gives for a full-text `match` and the other conditions
    `where` (on the quotes `q` and articles `a`): best bm25 first, then newest, then by id.

    Every match's bm25 comes from the full-text index alone, best first; the rows of the
    quotes (their kind, speaker, article's date and outlet) are read for the best only, a
    growing chunk at a time, until no later match can come before the page's last."""
    wanted = sys.maxsize if limit < 0 else limit + max(offset, 0)
    scored = conn.execute(
        "SELECT rowid, bm25(quotes_fts) AS score FROM quotes_fts WHERE quotes_fts MATCH ?"
        " ORDER BY score",
        (match,),
    )
    check = (
        "SELECT q.id, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.id IN (SELECT value FROM json_each(?))" + "".join(f" AND {w}" for w in where)
    )
    passed: list[tuple[float, str | None, int]] = []
    chunk = min(max(2 * wanted, MATCH_CHUNK), 4096)
    while batch := scored.fetchmany(chunk):
        scores = dict(batch)
        found = conn.execute(check, [json.dumps(list(scores)), *args])
        passed += [(scores[q], published, q) for q, published in found]
        if len(passed) >= wanted and batch[-1][1] > sorted(p[0] for p in passed)[wanted - 1]:
            break  # every later match scores worse than the page's last
        chunk *= 2
    # ORDER BY score, a.published IS NULL, a.published DESC, q.id (a stable sort a key)
    passed.sort(key=lambda p: p[2])
    passed.sort(key=lambda p: p[1] or "", reverse=True)
    passed.sort(key=lambda p: (p[0], p[1] is None))
    end = None if limit < 0 else max(offset, 0) + limit
    return [p[2] for p in passed[max(offset, 0) : end]]


def _common(conn: sqlite3.Connection, ids: list[int], wanted: int) -> bool:
    """Whether the people `ids` are quoted so often that reading the newest quotes in order
    finds `wanted` of theirs sooner than sorting all of theirs: when their share of the
    quotes times their own number of quotes is over `wanted`."""
    marks = ",".join("?" * len(ids))
    held = conn.execute(
        f"SELECT coalesce(sum(quotes), 0) FROM people WHERE id IN ({marks})", ids
    ).fetchone()[0]
    total = conn.execute("SELECT max(id) FROM quotes").fetchone()[0] or 0  # about their number
    return held * held > wanted * total


def article_filters(
    outlet: str | None,
    since: str | None,
    until: str | None,
    table: str = "a",
    date: str = "published",
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their arguments) on the rows of `table`: of `outlet`, case aside,
    and dated (column `date`) `since`..`until`, ISO dates or prefixes ("2019", "2019-05"),
    both ends included. The articles' `published` is NULL where undated; a count table's
    `period` is '' there, which no range holds either."""
    where: list[str] = []
    args: list[Any] = []
    column = f"{table}.{date}"
    if outlet:
        where.append(f"{table}.outlet = ? COLLATE NOCASE")
        args.append(outlet)
    if since:
        where.append(f"{column} >= ?")
        args.append(since)
    if until:
        undated = f"{column} != '' AND " if date == "period" else ""
        where.append(f"{undated}substr({column}, 1, length(?)) <= ?")
        args += [until, until]
    return where, args


def about_query(conn: sqlite3.Connection, about: str) -> str:
    """FTS5 alternatives for every name of the person or organisation `about` names."""
    if not about.strip():
        return ""
    names = {about}
    rows = conn.execute(
        "SELECT alias FROM aliases WHERE person_id IN (SELECT person_id FROM aliases WHERE"
        " alias = ? COLLATE NOCASE UNION SELECT id FROM people WHERE name = ? COLLATE NOCASE)",
        (about, about),
    )
    names |= {r[0] for r in rows}
    phrases = sorted({p for p in (_phrase(n) for n in names) if p != '""'})
    return " OR ".join(phrases)


def speakers(
    conn: sqlite3.Connection,
    top: int = 20,
    by: str = "quotes",
    outlet: str | None = None,
    kind: str | None = None,
    on: str | None = None,
    cue_kind: str | None = COUNTED,
) -> list[dict[str, Any]]:
    """The most quoted people (by number of quotes or of articles), optionally in one
    outlet, of one kind, or counting only quotes `on` some words ("NHS"), each with their
    most printed affiliations and titles; quotes of the `cue_kind`s (`search`'s) count."""
    if by not in {"quotes", "articles"}:
        raise ValueError("by must be 'quotes' or 'articles'")
    if not (on and fts_query(on)) and _has_table(conn, "person_periods"):
        rows = _counted_speakers(conn, top, by, outlet, kind, cue_kind)
    else:
        rows = _recounted_speakers(conn, top, by, outlet, kind, on, cue_kind)
    found = []
    for row in rows:
        item = dict(row)
        held = attributes(conn, row[0], listed=True)
        item["parties"] = [a["value"] for a in people.shown_parties(held)]
        others = [a["value"] for a in held if a["kind"] == "affiliation"]
        item["affiliations"] = (item["parties"] + others)[:3]
        item["titles"] = [a["value"] for a in held if a["kind"] == "title"][:3]
        found.append(item)
    return found


def _counted_speakers(
    conn: sqlite3.Connection,
    top: int,
    by: str,
    outlet: str | None,
    kind: str | None,
    cue_kind: str | None,
) -> list[sqlite3.Row]:
    """`speakers` from the counts ingest keeps per person, outlet, period and cue kinds.

    A person's count under any filter is at most their total (`people.quotes`, `articles`),
    so the people are counted in the order of their totals, in growing chunks, until the
    next one's total is below the `top`-th count found: the most quoted of a large archive
    are found from the few people at its head, not from everyone's counts."""
    having, quotes = kind_counts(cue_kind)
    where, args = [having, "x.person_id IN (SELECT value FROM json_each(?))"], []
    if outlet:
        where.append("x.outlet = ? COLLATE NOCASE")
        args.append(outlet)
    other = "articles" if by == "quotes" else "quotes"
    counted = (
        f"SELECT p.id AS person_id, p.name, p.kind, p.gender, {basis_column(conn, 'p')},"
        f" sum({quotes}) AS quotes, sum(x.articles) AS articles, min(x.first_seen) AS first_seen,"
        " max(x.last_seen) AS last_seen FROM person_periods x JOIN people p ON p.id = x.person_id"
        f" WHERE {' AND '.join(where)} GROUP BY p.id"
    )
    heads = conn.execute(  # by people_quotes, people_kind_quotes, people_(kind_)articles
        f"SELECT id, {by} FROM people{' WHERE kind = ?' if kind else ''} ORDER BY {by} DESC",
        [kind] if kind else [],
    )
    found: list[sqlite3.Row] = []
    top = int(top) if int(top) >= 0 else sys.maxsize  # LIMIT -1: everyone
    chunk = max(2 * top, 64) if top < sys.maxsize else 1024
    while batch := heads.fetchmany(chunk):
        ids = json.dumps([r[0] for r in batch])
        found += conn.execute(counted, [ids, *args]).fetchall()
        found.sort(key=lambda r: (-r[by], -r[other], r["person_id"]))
        del found[top:]
        if len(found) == top and (not top or batch[-1][1] < found[-1][by]):
            break  # no one after can reach the last of the top (the totals go down)
        chunk *= 2
    return found


def _recounted_speakers(
    conn: sqlite3.Connection,
    top: int,
    by: str,
    outlet: str | None,
    kind: str | None,
    on: str | None,
    cue_kind: str | None,
) -> list[sqlite3.Row]:
    """`speakers` counted from the quotes (those `on` something)."""
    where, args = ["s.person_id NOT NULL"], []
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        args.append(outlet)
    if on and fts_query(on):
        where.append(_ON)
        args.append(fts_query(on))
    if kind:
        where.append("p.kind = ?")
        args.append(kind)
    kinds, kind_args = cue_kind_filter(conn, cue_kind)
    where += kinds
    args += kind_args
    return conn.execute(
        f"SELECT p.id AS person_id, p.name, p.kind, p.gender, {basis_column(conn, 'p')},"
        " count(q.id) AS quotes,"
        " count(DISTINCT q.article_id) AS articles, min(a.published) AS first_seen,"
        " max(a.published) AS last_seen FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
        " JOIN people p ON p.id = s.person_id JOIN articles a ON a.id = q.article_id"
        f" WHERE {' AND '.join(where)} GROUP BY p.id"
        f" ORDER BY {by} DESC, {'articles' if by == 'quotes' else 'quotes'} DESC, p.id LIMIT ?",
        [*args, int(top)],
    ).fetchall()


def gender_shares(
    conn: sqlite3.Connection,
    outlet: str | None = None,
    on: str | None = None,
    cue_kind: str | None = COUNTED,
) -> dict[str, Any]:
    """Quotes and people by gender (the articles' own words, else the first-name prior),
    counting persons only, with each share of the whole and how many of the people's gender
    is the prior's (`people_from_name`); `outlet`, `on` and `cue_kind` as for `speakers`."""
    where, args = "p.kind = 'person'", []
    counted = not (on and fts_query(on)) and _has_table(conn, "person_periods")
    if outlet:
        where += f" AND {'x' if counted else 'a'}.outlet = ? COLLATE NOCASE"
        args.append(outlet)
    if not counted and on and fts_query(on):
        where += " AND " + _ON
        args.append(fts_query(on))
    # from the counts ingest keeps per person, outlet, period and cue kinds, unless `on`
    # something
    if counted:
        having, summed = kind_counts(cue_kind)
        where += " AND " + having
        quotes, source = f"sum({summed})", "person_periods x JOIN people p ON p.id = x.person_id"
    else:
        kinds, kind_args = cue_kind_filter(conn, cue_kind)
        where += "".join(" AND " + k for k in kinds)
        args += kind_args
        quotes, source = (
            "count(q.id)",
            "quotes q JOIN speakers s ON s.id = q.speaker_id"
            " JOIN people p ON p.id = s.person_id JOIN articles a ON a.id = q.article_id",
        )
    rows = conn.execute(
        f"SELECT coalesce(p.gender, 'unknown') AS gender, {quotes} AS quotes,"
        " count(DISTINCT p.id) AS people, count(DISTINCT CASE WHEN"
        f" {basis_column(conn, 'p', named=False)} = 'name' THEN p.id END) AS people_from_name"
        f" FROM {source} WHERE {where} GROUP BY 1 ORDER BY 2 DESC",
        args,
    ).fetchall()
    total_quotes = sum(r["quotes"] for r in rows) or 1
    total_people = sum(r["people"] for r in rows) or 1
    return {
        r["gender"]: {
            "quotes": r["quotes"],
            "quote_share": round(r["quotes"] / total_quotes, 4),
            "people": r["people"],
            "people_share": round(r["people"] / total_people, 4),
            "people_from_name": r["people_from_name"],
        }
        for r in rows
    }


def attributes(conn: sqlite3.Connection, person: int, listed: bool = False) -> list[dict[str, Any]]:
    """A person's titles, parties and affiliations, each with the articles that state it
    (`article_ids`, their count `articles`, first and last date), best supported first;
    none in an archive of schema 2 opened read only. `listed`: as a list of people shows
    them, the article ids only of parties that have a rival (all `people.shown_parties`
    reads), not of every attribute (they grow with the person's articles)."""
    if not _has_table(conn, "person_attributes"):
        return []
    ids = "article_ids"
    if listed:
        ids = (
            "CASE WHEN x.kind = 'party' AND EXISTS (SELECT 1 FROM person_attributes r"
            " WHERE r.person_id = x.person_id AND r.kind = 'party' AND r.value != x.value)"
            " THEN x.article_ids ELSE '[]' END"
        )
    rows = conn.execute(
        f"SELECT kind, value, articles, {ids} AS article_ids, first_seen, last_seen"
        " FROM person_attributes x WHERE person_id = ? ORDER BY articles DESC, first_seen, value",
        (person,),
    ).fetchall()
    return [dict(r, article_ids=json.loads(r["article_ids"])) for r in rows]


def reasons(conn: sqlite3.Connection, person: int) -> list[dict[str, Any]]:
    """Why the person's speakers were joined into it, and why it was kept apart from others
    (`other_id`, `other` when another person of the archive)."""
    if not _has_table(conn, "person_reasons"):
        return []
    return [
        dict(r)
        for r in conn.execute(
            "SELECT r.decision, r.reason, r.other_id, o.name AS other FROM person_reasons r"
            " LEFT JOIN people o ON o.id = r.other_id WHERE r.person_id = ?"
            " ORDER BY r.decision DESC, r.reason",
            (person,),
        )
    ]


def basis_column(conn: sqlite3.Connection, alias: str, named: bool = True) -> str:
    """`alias.gender_basis` in a SELECT; NULL in an archive of schema 3 opened read only."""
    table = "people" if alias == "p" else "speakers"
    has = any(r[1] == "gender_basis" for r in conn.execute(f"PRAGMA table_info({table})"))
    column = f"{alias}.gender_basis" if has else "NULL"
    return f"{column} AS gender_basis" if named else column


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(found, (name,)).fetchone() is not None


def speaker(conn: sqlite3.Connection, who: int | str) -> dict[str, Any] | None:
    """One person: names, titles and affiliations over time, outlets, quotes by month, the
    words they use most (in their TOP_WORDS_OF latest stored quotes: the cost of a page stays
    bounded), their quotes (of every kind, newest first) and the clusters they are in."""
    ids = _person_ids(conn, who)
    row = conn.execute("SELECT * FROM people WHERE id = ?", (ids[0],)).fetchone() if ids else None
    if row is None:
        return None
    person = row["id"]
    item = dict(row)
    item["aliases"] = [
        {"alias": a, "speakers": n}
        for a, n in conn.execute(
            "SELECT alias, speakers FROM aliases WHERE person_id = ? ORDER BY speakers DESC, alias",
            (person,),
        )
    ]
    held = attributes(conn, person)
    for what in ("title", "affiliation"):
        item[what + "s"] = [
            {what: a["value"], "count": a["articles"], "first_seen": a["first_seen"],
             "last_seen": a["last_seen"], "article_ids": a["article_ids"]}
            for a in held if a["kind"] == what
        ]  # fmt: skip
    item["parties"] = [
        {"party": a["value"], "count": a["articles"], "article_ids": a["article_ids"]}
        for a in people.shown_parties(held)
    ]
    item["reasons"] = reasons(conn, person)
    base = (
        " FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
        " JOIN articles a ON a.id = q.article_id WHERE s.person_id = ?"
    )
    if _has_table(conn, "person_periods"):  # the counts ingest keeps
        counts = " FROM person_periods WHERE person_id = ?"
        every = "sum(speech + writing + thought + other)"
        outlets = f"SELECT outlet AS o, {every}{counts} GROUP BY o ORDER BY 2 DESC, 1"
        months = f"SELECT period AS m, {every}{counts} AND period != '' GROUP BY m ORDER BY m"
    else:
        outlets = (
            f"SELECT coalesce(a.outlet, '') AS o, count(*){base} GROUP BY o ORDER BY 2 DESC, 1"
        )
        months = (
            f"SELECT substr(a.published, 1, 7) AS m, count(*){base} AND a.published NOT NULL"
            " GROUP BY m ORDER BY m"
        )
    item["outlets"] = [{"outlet": o, "quotes": n} for o, n in conn.execute(outlets, (person,))]
    item["by_month"] = [{"month": m, "quotes": n} for m, n in conn.execute(months, (person,))]
    latest = (  # in the order of speakers_person, newest speakers first: no sort
        "SELECT q.text FROM speakers s JOIN quotes q ON q.speaker_id = s.id"
        f" WHERE s.person_id = ? ORDER BY s.id DESC LIMIT {TOP_WORDS_OF}"
    )
    said = "\n".join(text for (text,) in conn.execute(latest, (person,)))
    words = Counter(re.findall(r"[^\W\d_]{3,}", said.lower()))  # counted in one go, in order
    for word in _STOPWORDS & words.keys():
        del words[word]
    item["top_words"] = [{"word": w, "count": n} for w, n in words.most_common(15)]
    item["quotes_list"] = search(conn, speaker=person, limit=100, cue_kind="all")
    if _has_table(conn, "person_clusters"):  # kept with the quotes: their clusters at once
        held_in = (
            "SELECT c.* FROM person_clusters x JOIN quote_clusters c ON c.id = x.cluster_id"
            " WHERE x.person_id = ? ORDER BY x.cluster_id"
        )
    else:
        held_in = (
            "SELECT DISTINCT c.* FROM quote_clusters c JOIN quotes q ON q.cluster_id = c.id"
            " JOIN speakers s ON s.id = q.speaker_id WHERE s.person_id = ? ORDER BY c.id"
        )
    item["clusters"] = [dict(r) for r in conn.execute(held_in, (person,))]
    item["others"] = [
        {"person_id": p["id"], "name": p["name"], "quotes": p["quotes"]}
        for p in find_people(conn, row["name"])
        if p["id"] != person
    ]
    return item


def article(conn: sqlite3.Connection, which: int | str) -> dict[str, Any] | None:
    """One stored article, by key (its id or file, `store.input_key`) or by `article_id`, as
    `Article.to_dict(include_text=True)` gives it (so `Article.from_dict` reads it back),
    plus archive ids: `article_id`, and on quotes `quote_id`, `cluster_id` and the
    speaker's `person_id`."""
    row = None
    if isinstance(which, str):
        row = conn.execute("SELECT * FROM articles WHERE key = ?", (which,)).fetchone()
    if row is None and str(which).isdigit():  # "12" from a URL: the key if any, else the id
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (int(which),)).fetchone()
    if row is None:
        return None
    data: dict[str, Any] = {"id": row["key"], "article_id": row["id"]}
    data.update(json.loads(row["meta"]))
    data.update({k: row[k] for k in ("title", "outlet", "published", "url") if row[k] is not None})
    data["text"] = row["text"]
    speakers_by_row: dict[int, dict[str, Any]] = {}
    for s in conn.execute("SELECT * FROM speakers WHERE article_id = ? ORDER BY id", (row["id"],)):
        speakers_by_row[s["id"]] = {
            "id": s["local_id"],
            "name": s["name"],
            "kind": s["kind"],
            "titles": [t[0] for t in conn.execute(
                "SELECT title FROM speaker_titles WHERE speaker_id = ?", (s["id"],))],
            "affiliations": [t[0] for t in conn.execute(
                "SELECT affiliation FROM speaker_affiliations WHERE speaker_id = ?", (s["id"],))],
            "gender": s["gender"],
            "gender_basis": dict(s).get("gender_basis"),  # none in schema 3 read only
            "mentions": _spans(conn, "SELECT char_start, char_end, text FROM mentions"
                               " WHERE speaker_id = ? ORDER BY id", s["id"]),
            "person_id": s["person_id"],
        }  # fmt: skip
    quotes = []
    for q in conn.execute(
        f"SELECT *, {cue_kind_column(conn)} AS kind_of_cue FROM quotes q WHERE article_id = ?"
        " ORDER BY position",
        (row["id"],),
    ):
        spans = {"cue": [], "source": [], "content": []}
        for r in conn.execute(
            "SELECT role, char_start, char_end, text FROM quote_spans WHERE quote_id = ?"
            " ORDER BY rowid",
            (q["id"],),
        ):
            spans[r["role"]].append({"start": r[1], "end": r[2], "text": r[3]})
        who = speakers_by_row.get(q["speaker_id"])
        quotes.append(
            {
                "cue": spans["cue"][0] if spans["cue"] else None,
                "sources": spans["source"],
                "contents": spans["content"],
                "type": q["type"],
                "cue_kind": q["kind_of_cue"],
                "confidence": q["confidence"],
                "speaker": {"id": who["id"], "name": who["name"], "person_id": who["person_id"]}
                if who
                else None,
                "quote_id": q["id"],
                "cluster_id": q["cluster_id"],
            }
        )
    data["quotes"] = quotes
    data["speakers"] = list(speakers_by_row.values())
    return data


def _spans(conn: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [{"start": r[0], "end": r[1], "text": r[2]} for r in conn.execute(sql, args)]


def articles(
    conn: sqlite3.Connection,
    limit: int = 50,
    offset: int = 0,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Stored articles, newest first, without their text: of `outlet`, published
    `since`..`until` (as `search`), and with `text` (`search`'s words, stemmed) in their
    title or in one of their quotes. Each has its `title` (else its first line)."""
    where, args = article_filters(outlet, since, until)
    query = fts_query(text or "")
    if query:
        words = re.findall(r"[^\W_]+", text or "")
        where.append(
            "(a.id IN (SELECT q.article_id FROM quotes_fts JOIN quotes q"
            " ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH ?)"
            f" OR ({' AND '.join(['a.title LIKE ?'] * len(words))}))"
        )
        args += [query, *(f"%{w}%" for w in words)]
    return [
        titled(dict(r))
        for r in conn.execute(
            f"SELECT a.id AS article_id, a.key AS article, {TITLE}, a.outlet, a.published,"
            " a.url, a.quotes, length(a.text) AS characters FROM articles a"
            f"{' WHERE ' + ' AND '.join(where) if where else ''}"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
            [*args, int(limit), int(offset)],
        )
    ]


def quote_clusters(
    conn: sqlite3.Connection, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Quote clusters, the most widely carried first."""
    return [
        dict(r)
        for r in conn.execute(
            "SELECT * FROM quote_clusters ORDER BY articles DESC, variants DESC, id"
            " LIMIT ? OFFSET ?",
            (int(limit), int(offset)),
        )
    ]


def cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any] | None:
    return clusters.detail(conn, cluster_id)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many articles, quotes, speakers, people and quote clusters the archive holds."""
    tables = ("articles", "quotes", "speakers", "people", "quote_clusters")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


EXPORT_COLUMNS = {
    "quote_id": "int64", "article": "string", "title": "string", "outlet": "string",
    "published": "string", "url": "string", "position": "int64", "type": "string",
    "cue_kind": "string", "confidence": "float64", "speaker": "string", "speaker_kind": "string",
    "speaker_gender": "string", "speaker_gender_basis": "string", "person_id": "int64",
    "person": "string", "titles": "string",
    "affiliations": "string", "cue": "string", "source": "string", "text": "string",
    "context": "string", "char_start": "int64", "char_end": "int64", "cluster_id": "int64",
}  # fmt: skip


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every quote joined with its speaker, person and article, in article order."""
    cursor = conn.execute(
        "SELECT q.id AS quote_id, a.key AS article, a.title, a.outlet, a.published, a.url,"
        f" q.position, q.type, {cue_kind_column(conn)} AS cue_kind, q.confidence,"
        " s.name AS speaker, s.kind AS speaker_kind,"
        f" s.gender AS speaker_gender, {basis_column(conn, 's', named=False)}"
        " AS speaker_gender_basis,"
        " s.person_id, p.name AS person,"
        " (SELECT group_concat(title, '; ') FROM speaker_titles WHERE speaker_id = s.id)"
        " AS titles,"
        " (SELECT group_concat(affiliation, '; ') FROM speaker_affiliations"
        " WHERE speaker_id = s.id) AS affiliations,"
        " q.cue, q.source, q.text, q.context, q.char_start, q.char_end, q.cluster_id"
        f" {_QUOTE_JOINS} ORDER BY a.id, q.position"
    )
    for row in cursor:
        yield dict(row)


def export(
    conn: sqlite3.Connection, path: str | Path, fmt: str = "parquet", batch: int = 10_000
) -> int:
    """Write every quote (see `export_rows`) to `path` as parquet, csv or jsonl; the count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}")
    count = 0
    rows = export_rows(conn)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in EXPORT_COLUMNS.items()])
        with pq.ParquetWriter(str(path), schema) as writer:
            chunk: list[dict[str, Any]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == batch:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    count, chunk = count + len(chunk), []
            if chunk or count == 0:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
        return count
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer_csv = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS)) if fmt == "csv" else None
        if writer_csv:
            writer_csv.writeheader()
        for row in rows:
            count += 1
            if writer_csv:
                writer_csv.writerow(row)
            else:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count
