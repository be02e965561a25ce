"""The archive's overview for a dashboard: who gets quoted, and how often women are.

Takes an open archive connection and filters (article dates, outlet, a topic); gives one
dict, ready for JSON, of tables (lists of flat rows) and totals, and each table as CSV.

Gender is counted as the Gender Gap Tracker counts it: each person once per article they are
quoted in, whatever the number of their quotes there; `share_women` is the women's share of
those whose gender is known (null when none is). A person's gender is the archive's
(`people.gender`: the articles' words, else the first-name prior; `gender_basis` says which).
Organisations are the people rows of kind "organisation"; groups and unresolved speakers
("officials") are no one's and count only in the quote totals. Months are the articles'
publication months; every month of the range and every outlet quoted is shown, zero-filled;
undated articles count in the totals and per outlet, not per month. The quotes counted are
those whose cue is speech or writing, as the Gender Gap Tracker counts, unless `cue_kind`
asks for others (`search.cue_kinds`).

Cost: without `about` and with dates of a year or a month, the numbers come from the counts
ingest keeps (`outlet_periods`, `person_periods`: store.AGGREGATES), whose size grows with
people, outlets, months and sets of cue kinds, not quotes, for any `cue_kind`; otherwise
from the quotes themselves.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from typing import Any, Literal

from saidwhat.archive.search import (
    COUNTED,
    _has_table,
    about_query,
    article_filters,
    basis_column,
    cue_kind_filter,
    kind_counts,
)

Table = Literal[
    "gender_by_outlet", "gender_by_month", "top_people", "top_organisations",
    "quotes_by_outlet_month",
]  # fmt: skip
# Each table of `stats` and its columns, in order (the CSV header).
TABLES: dict[Table, tuple[str, ...]] = {
    "gender_by_outlet": ("outlet", "women", "men", "unknown", "share_women"),
    "gender_by_month": ("month", "women", "men", "unknown", "share_women"),
    "top_people": ("person_id", "name", "gender", "gender_basis", "quotes", "articles"),
    "top_organisations": ("person_id", "name", "quotes", "articles"),
    "quotes_by_outlet_month": ("month", "outlet", "quotes"),
}
# An ISO date of 1900-2099 or its year or month prefix, so that any two make a range that
# MAX_MONTHS allows (a schema-valid request is answered); ASCII digits, as "\d" is any script's
DATE = r"^(19|20)[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DATE_FILTER = re.compile(DATE)
_DATED = "[0-9][0-9][0-9][0-9]-[0-9][0-9]*"  # a published value that has a month
_MONTH = "[0-9][0-9][0-9][0-9]-[0-9][0-9]"  # a period (store.AGGREGATES) that is a month
# Two centuries of zero-filled months: a wider range (from dates the articles give) is an
# error, not a hang
MAX_MONTHS = 2400
_GENDER_COUNTS = (
    "sum(gender IS 'female') AS women, sum(gender IS 'male') AS men,"
    " sum(gender IS NULL OR gender NOT IN ('female', 'male')) AS unknown"
)


def stats(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    about: str | None = None,
    top: int = 10,
    cue_kind: str | None = COUNTED,
) -> dict[str, Any]:
    """Share of women among the people quoted (in all, by outlet, by month), the `top` most
    quoted people and organisations, and quotes per outlet per month, over the quotes of the
    articles in `since`..`until` (ISO dates or prefixes, both ends included, as `search`),
    of `outlet` (case aside), and `about` a topic or someone (`search`'s `about`: the quote's
    words name it, under any alias), of the kinds of attribution `cue_kind` names (speech and
    writing by default; "all"). `outlets` lists every outlet the archive holds."""
    for date in (since, until):
        if date and not DATE_FILTER.fullmatch(date):
            raise ValueError(f"{date!r} is no date: YYYY, YYYY-MM or YYYY-MM-DD")
    monthly = all(len(d or "") <= 7 for d in (since, until))
    if not about and monthly and _has_table(conn, "outlet_periods"):
        parts = _counted(conn, since, until, outlet, top, cue_kind)
    else:
        parts = _recounted(conn, since, until, outlet, about, top, cue_kind)
    totals, gender_total, by_outlet, by_month, counted, outlets, top_people, top_orgs = parts
    # from every dated quote's month: a month with quotes by no person still shows
    months = month_range(since, until, sorted({r["month"] for r in counted}))
    quotes = {(r["month"], r["outlet"]): r["quotes"] for r in counted}
    empty = {"women": 0, "men": 0, "unknown": 0}
    return {
        "filters": {
            "since": since,
            "until": until,
            "outlet": outlet,
            "about": about,
            "top": top,
            "cue_kind": cue_kind or COUNTED,
        },
        "totals": totals,
        "gender_total": with_women_share(gender_total),
        "gender_by_outlet": [
            {"outlet": o, **with_women_share(by_outlet.get(o, empty))} for o in outlets
        ],
        "gender_by_month": [
            {"month": m, **with_women_share(by_month.get(m, empty))} for m in months
        ],
        "top_people": top_people,
        "top_organisations": top_orgs,
        "quotes_by_outlet_month": [
            {"month": m, "outlet": o, "quotes": quotes.get((m, o), 0)}
            for m in months
            for o in outlets
        ],
        "outlets": [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet NOT NULL"
                " ORDER BY outlet COLLATE NOCASE"
            )
        ],
    }


Rows = list[dict[str, Any]]
Parts = tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], Rows, list[str],
              Rows, Rows]  # fmt: skip


def _counted(
    conn: sqlite3.Connection,
    since: str | None,
    until: str | None,
    outlet: str | None,
    top: int,
    cue_kind: str | None,
) -> Parts:
    """`stats`'s parts from the counts ingest keeps: the same filters on each period (a
    date's first 7 characters) as `article_filters` puts on the dates, which for a year or a
    month gives the same answer; of the rows whose articles hold quotes of the kinds asked
    for, those quotes summed."""
    having, summed = kind_counts(cue_kind)
    where, args = article_filters(outlet, since, until, table="{t}", date="period")
    where.insert(0, having.replace("x.", "{t}."))

    def rows(sql: str, table: str, *more: Any) -> Rows:
        found = " AND ".join(w.format(t=table) for w in where) or "1"
        return [dict(r) for r in conn.execute(sql.format(where=found), [*args, *more])]

    people = "FROM person_periods x JOIN people p ON p.id = x.person_id WHERE {where}"
    basis = basis_column(conn, "p", named=False)
    totals = rows(
        f"SELECT coalesce(sum(articles), 0) AS articles, coalesce(sum({summed}), 0) AS quotes"
        " FROM outlet_periods x WHERE {where}",
        "x",
    )[0]
    totals.update(rows(
        "SELECT count(DISTINCT CASE WHEN p.kind = 'person' THEN p.id END) AS people,"
        " count(DISTINCT CASE WHEN p.kind = 'organisation' THEN p.id END) AS organisations,"
        f" count(DISTINCT CASE WHEN p.kind = 'person' AND {basis} = 'name' THEN p.id END)"
        f" AS people_gender_from_name {people}",
        "x",
    )[0])  # fmt: skip
    gender = (
        "sum(CASE WHEN p.gender = 'female' THEN x.articles ELSE 0 END) AS women,"
        " sum(CASE WHEN p.gender = 'male' THEN x.articles ELSE 0 END) AS men,"
        " sum(CASE WHEN p.gender IS NULL OR p.gender NOT IN ('female', 'male')"
        " THEN x.articles ELSE 0 END) AS unknown"
    )
    persons = people + " AND p.kind = 'person'"
    gender_total = rows(f"SELECT {gender} {persons}", "x")[0]
    by_outlet = {
        r.pop("outlet"): r for r in rows(f"SELECT x.outlet, {gender} {persons} GROUP BY 1", "x")
    }
    dated = f"x.period GLOB '{_MONTH}'"
    by_month = {
        r.pop("month"): r
        for r in rows(f"SELECT x.period AS month, {gender} {persons} AND {dated} GROUP BY 1", "x")
    }
    counted = rows(
        f"SELECT x.period AS month, x.outlet, sum({summed}) AS quotes FROM outlet_periods x"
        f" WHERE {{where}} AND {dated} GROUP BY 1, 2 HAVING sum({summed}) > 0 ORDER BY 1, 2",
        "x",
    )
    outlets = [
        r["outlet"]
        for r in rows(
            "SELECT x.outlet FROM outlet_periods x WHERE {where} GROUP BY 1"
            f" HAVING sum({summed}) > 0 ORDER BY 1",
            "x",
        )
    ]

    def top_of(kind: str, columns: str) -> Rows:
        return rows(
            f"SELECT x.person_id, p.name, {columns} sum({summed}) AS quotes,"
            f" sum(x.articles) AS articles {people} AND p.kind = '{kind}' GROUP BY x.person_id"
            " ORDER BY quotes DESC, articles DESC, p.name, x.person_id LIMIT ?",
            "x",
            int(top),
        )

    top_people = top_of("person", f"p.gender, {basis} AS gender_basis,")
    return (totals, gender_total, by_outlet, by_month, counted, outlets, top_people,
            top_of("organisation", ""))  # fmt: skip


def _recounted(
    conn: sqlite3.Connection,
    since: str | None,
    until: str | None,
    outlet: str | None,
    about: str | None,
    top: int,
    cue_kind: str | None,
) -> Parts:
    """`stats`'s parts counted from the quotes that pass the filters."""
    where, args = article_filters(outlet, since, until)
    if about and (match := about_query(conn, about)):
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(match)
    kinds, kind_args = cue_kind_filter(conn, cue_kind)
    if about:  # each match's quote read by its id, not by the index of its kind (+)
        kinds = [f"+{k}" for k in kinds]
    where += kinds
    args += kind_args
    # One row per quote that passes the filters, found once (a full-text match among them)
    # and kept for this connection alone while the tables below are counted from it.
    conn.execute("DROP TABLE IF EXISTS temp.chosen")
    conn.execute("DROP TABLE IF EXISTS temp.pairs")
    conn.execute(
        "CREATE TEMP TABLE chosen AS SELECT q.id, q.article_id,"
        " coalesce(a.outlet, '') AS outlet,"
        f" CASE WHEN a.published GLOB '{_DATED}' THEN substr(a.published, 1, 7) END AS month,"
        " p.id AS person, p.kind, p.name, p.gender,"
        f" {basis_column(conn, 'p', named=False)} AS basis"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN people p ON p.id = s.person_id"
        f"{' WHERE ' + ' AND '.join(where) if where else ''}",
        args,
    )
    conn.execute(
        "CREATE TEMP TABLE pairs AS SELECT DISTINCT article_id, outlet, month, person, gender,"
        " basis FROM chosen WHERE kind = 'person'"
    )
    try:
        return _from_chosen(conn, top)
    finally:
        conn.execute("DROP TABLE temp.chosen")
        conn.execute("DROP TABLE temp.pairs")


def _from_chosen(conn: sqlite3.Connection, top: int) -> Parts:
    """`stats`'s parts from the temporary tables `chosen` (quotes) and `pairs` (each person
    once an article) that `_recounted` fills."""

    def rows(sql: str, *more: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in conn.execute(sql, more)]

    totals = rows(
        "SELECT (SELECT count(DISTINCT article_id) FROM chosen) AS articles,"
        " (SELECT count(*) FROM chosen) AS quotes,"
        " (SELECT count(DISTINCT person) FROM pairs) AS people,"
        " (SELECT count(DISTINCT person) FROM chosen WHERE kind = 'organisation')"
        " AS organisations,"
        " (SELECT count(DISTINCT person) FROM pairs WHERE basis = 'name')"
        " AS people_gender_from_name"
    )[0]
    gender_total = rows(f"SELECT {_GENDER_COUNTS} FROM pairs")[0]  # NULLs when none
    by_outlet = {
        r.pop("outlet"): r
        for r in rows(f"SELECT outlet, {_GENDER_COUNTS} FROM pairs GROUP BY outlet")
    }
    by_month = {
        r.pop("month"): r
        for r in rows(
            f"SELECT month, {_GENDER_COUNTS} FROM pairs WHERE month NOT NULL GROUP BY month"
        )
    }
    counted = rows(
        "SELECT month, outlet, count(*) AS quotes FROM chosen WHERE month NOT NULL"
        " GROUP BY month, outlet"
    )
    outlets = sorted({r["outlet"] for r in rows("SELECT DISTINCT outlet FROM chosen")})
    top_people = rows(
        "SELECT person AS person_id, name, gender, basis AS gender_basis,"
        " count(*) AS quotes, count(DISTINCT article_id) AS articles FROM chosen"
        " WHERE kind = 'person' GROUP BY person"
        " ORDER BY quotes DESC, articles DESC, name, person LIMIT ?",
        int(top),
    )
    top_orgs = rows(
        "SELECT person AS person_id, name, count(*) AS quotes,"
        " count(DISTINCT article_id) AS articles FROM chosen WHERE kind = 'organisation'"
        " GROUP BY person ORDER BY quotes DESC, articles DESC, name, person LIMIT ?",
        int(top),
    )
    return (totals, gender_total, by_outlet, by_month, counted, outlets, top_people,
            top_orgs)  # fmt: skip


def with_women_share(counts: dict[str, Any]) -> dict[str, Any]:
    """The counts (as ints: SQLite's sum over no rows is NULL) with the women's share of those
    whose gender is known."""
    row = {k: (v or 0) if k in {"women", "men", "unknown"} else v for k, v in counts.items()}
    known = row["women"] + row["men"]
    row["share_women"] = round(row["women"] / known, 4) if known else None
    return row


def month_range(since: str | None, until: str | None, found: list[str]) -> list[str]:
    """Every month ("YYYY-MM") from `since`'s (else the first found) to `until`'s (else the
    last found); "2024" runs from 2024-01 to 2024-12."""
    first = _month(since, "01") if since else (found[0] if found else None)
    last = _month(until, "12") if until else (found[-1] if found else None)
    if first is None or last is None or first > last:
        return []
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    if (end[0] - year) * 12 + end[1] - month >= MAX_MONTHS:
        raise ValueError(f"a range of more than {MAX_MONTHS} months")
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month(date: str, missing: str) -> str:
    """The month of an ISO date or prefix; a bare year's first or last month (`missing`)."""
    if len(date) < 7:
        return f"{date[:4]}-{missing}"
    return date[:7]


def table_csv(found: dict[str, Any], table: str) -> str:
    """One table of a `stats` result as CSV, its header row first (also when it is empty)."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r}: one of {', '.join(TABLES)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TABLES[table], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(found[table])
    return out.getvalue()
