"""The dashboard's numbers on Spark, for more articles than one machine can archive.

Takes the article rows `spark-extract --articles` writes (Parquet: id, text, the input's
fields, the quotes and speakers found, nested); gives, as Spark DataFrames, the counts an
archive keeps (`count_tables`: store.AGGREGATES' `outlet_periods` and `person_periods`, and
the `people` they count), and from those, with Spark SQL, what `saidwhat stats` shows
(`dashboard`: the dict `archive.stats` gives, the same tables and totals).

    spark = session("local[*]")  # from saidwhat.spark_session
    tables = count_tables(read_extracted(spark, ["articles.parquet"]))
    found = dashboard(spark, tables)  # speech and writing, as the Gender Gap Tracker counts

The articles are those `saidwhat ingest` of the same files stores, in the same order (file
by file in name order, row by row): a row without an id or text, with an extraction error,
whose spans do not fit its text or without quotes and speakers is left out with its reason
(`skipped`), and of rows with one id the last counts (where the first of its unchanged
repeats stood). A person is who the archive links: each quoted person speaker whose name
is a name, grouped with the other speakers of its surname by the archive's own rules over
their name forms (`people.group_forms`: full names that can name one person, a bare
surname joining the full name its article prints, else the one holding its title, else
the only one its honorific fits, else its surname's bare record); a person's name and
gender chosen as the archive chooses them (`people.settle`). An organisation is each
quoted organisation speaker's plain name ("the" and case aside): the archive also joins an
organisation speaker to an earlier one whose mentions named it so (a speaker "FBI" to "the
Federal Bureau of Investigation" of an article that also wrote "FBI"), which depends on the
order the articles came in, so it is left out.
Ids differ: a person here is "person:SURNAME:N", an organisation "organisation:NAME", and
the most quoted tied on quotes, articles and name are ordered by these ids.

Dates filter by year or month (`since`, `until`), as `stats` answers from its counts; an
outlet by its name, case aside. Needs the `spark` extra (pyspark, pyarrow) and Java 17.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import pyarrow as pa

from saidwhat.archive import people
from saidwhat.archive.search import COUNTED, kind_counts
from saidwhat.archive.stats import (
    DATE_FILTER,
    TABLES,
    Table,
    month_range,
    table_csv,
    with_women_share,
)
from saidwhat.archive.store import content_hash, input_key, normalise_date
from saidwhat.article import Speaker
from saidwhat.lexicon import CUE_KINDS
from saidwhat.reading import MAX_CHARS, Extracted, InputError, record_article

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# The columns of an extracted article that the counts read (null where an input has none);
# the order columns say where it stood in the input (which input, file, row), as ingest
# reads it.
READ = ("outlet", "published", "error")
ORDER = ("_input", "_file", "_row")
EXTRACTED = {"id", "text", "quotes", "speakers"}  # what makes a row an extracted article
_LINK = pa.struct(
    [
        ("index", pa.int32()),  # the speaker's place in its article
        ("local_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("gender", pa.string()),
        ("gender_basis", pa.string()),
        ("match_key", pa.string()),  # its surname; an organisation's plain name
        ("match_name", pa.string()),  # its name less leading title words (a person's)
        ("named", pa.string()),  # a bare surname's full-name runs its article prints (JSON)
        ("titles", pa.string()),  # lower-cased, JSON, as the archive groups by them
        ("said", pa.string()),  # the gender its mentions' honorifics give, "" unless one
    ]
)
# One row an input article: where it stood, its key, what it counts by, or why it is skipped.
ARTICLE_LINKS = pa.schema(
    [
        ("_input", pa.int32()),
        ("_file", pa.string()),
        ("_row", pa.int64()),
        ("source", pa.string()),  # the file and row number, as `ingest` names them
        ("id", pa.string()),
        ("key", pa.string()),
        ("hash", pa.string()),  # of its text and fields: an unchanged repeat keeps its place
        ("skipped", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("period", pa.string()),
        ("quotes", pa.list_(pa.struct([("speaker", pa.string()), ("cue_kind", pa.string())]))),
        ("speakers", pa.list_(_LINK)),
    ]
)
# One row a linked speaker: the person it is, and that person's name and gender.
SPEAKER_PEOPLE = pa.schema(
    [
        ("key", pa.string()),
        ("local_id", pa.string()),
        ("person_id", pa.string()),
        ("kind", pa.string()),
        ("name", pa.string()),
        ("gender", pa.string()),
        ("gender_basis", pa.string()),
    ]
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MONTH = "'^[0-9]{4}-[0-9]{2}$'"  # a period that is a month


def read_extracted(spark: SparkSession, paths: Iterable[str]) -> DataFrame:
    """The article rows of Parquet files or folders (`spark-extract --articles` output),
    each with where it stood: the input's number, its file and its row there; a ValueError
    for an input of other rows (raw articles, quotes)."""
    from pyspark.sql import functions as F

    frames = []
    for number, path in enumerate(paths):
        df = spark.read.parquet(path)
        if missing := sorted(EXTRACTED - set(df.columns)):
            raise ValueError(
                f"{path} has no {', '.join(missing)}: not spark-extract --articles output"
            )
        absent = [F.lit(None).cast("string").alias(c) for c in READ if c not in df.columns]
        frames.append(
            df.select(
                "*",
                *absent,
                F.lit(number).alias(ORDER[0]),
                F.col("_metadata.file_path").alias(ORDER[1]),
                F.col("_metadata.row_index").alias(ORDER[2]),
            )
        )
    found = frames[0]
    for frame in frames[1:]:
        found = found.unionByName(frame, allowMissingColumns=True)
    return found


@dataclass
class CountTables:
    """What an archive of the articles would count (store.AGGREGATES), as DataFrames:
    `outlet_periods`, `person_periods`, `people` (id, name, kind, gender with its basis,
    quotes, articles, first and last seen), the `articles` stored (key, outlet, published),
    the `speakers` linked to each person (article key, local id, person id) and the input
    rows `skipped` (source: file and row number, id, reason)."""

    articles: DataFrame
    outlet_periods: DataFrame
    person_periods: DataFrame
    people: DataFrame
    speakers: DataFrame
    skipped: DataFrame


def count_tables(articles: DataFrame, max_chars: int = MAX_CHARS) -> CountTables:
    """The counts of `read_extracted` rows (see the module's docstring for what an
    article and a person are); cached, as every table reads them."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.window import Window

    def linked(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = [article_links(r, max_chars) for r in batch.to_pylist()]
            yield pa.RecordBatch.from_pylist(rows, schema=ARTICLE_LINKS)

    found = articles.mapInArrow(linked, from_arrow_schema(ARTICLE_LINKS))
    found = found.cache()
    # of the rows of one key, the last; in the place of the first of its run of unchanged
    # repeats, as ingest replaces a changed article and leaves an unchanged one where it is
    at, earlier = F.struct(*ORDER), Window.partitionBy("key").orderBy(*ORDER)
    before = F.lag("hash").over(earlier)
    starts = F.when(before.isNull() | (before != F.col("hash")), at)
    stored = (
        found.where("skipped IS NULL")
        .withColumn("since", F.last(starts, ignorenulls=True).over(earlier))
        .withColumn("n", F.row_number().over(Window.partitionBy("key").orderBy(at.desc())))
        .where("n = 1")
        .select(*(F.col("since")[c].alias(c) for c in ORDER), *ARTICLE_LINKS.names[3:])
    )
    stored.createOrReplaceTempView("sw_articles")
    spark = articles.sparkSession
    quotes = spark.sql(
        "SELECT key, q.speaker, q.cue_kind FROM sw_articles LATERAL VIEW explode(quotes) AS q"
    )
    quotes.createOrReplaceTempView("sw_quotes")
    speakers = spark.sql(
        f"SELECT {', '.join(ORDER)}, key, s.* FROM sw_articles LATERAL VIEW explode(speakers) AS s"
    )
    linked_people = speakers.groupBy("kind", "match_key").applyInArrow(
        _grouped, from_arrow_schema(SPEAKER_PEOPLE)
    )
    linked_people.cache().createOrReplaceTempView("sw_speakers")
    bits = " ".join(f"WHEN '{k}' THEN {1 << i}" for i, k in enumerate(CUE_KINDS))
    kinds = f"coalesce(bit_or(CASE q.cue_kind {bits} END), 0) AS kinds, " + ", ".join(
        f"count_if(q.cue_kind = '{k}') AS {k}" for k in CUE_KINDS
    )
    sums = ", ".join(f"sum({k}) AS {k}" for k in CUE_KINDS)
    outlet_periods = spark.sql(
        f"SELECT outlet, period, kinds, count(*) AS articles, {sums} FROM (SELECT"
        f" coalesce(a.outlet, '') AS outlet, a.period, {kinds} FROM sw_articles a"
        " LEFT JOIN sw_quotes q ON q.key = a.key GROUP BY a.key, a.outlet, a.period)"
        " GROUP BY 1, 2, 3"
    )
    person_periods = spark.sql(
        f"SELECT person_id, outlet, period, kinds, count(*) AS articles, {sums},"
        " min(published) AS first_seen, max(published) AS last_seen FROM (SELECT s.person_id,"
        f" coalesce(a.outlet, '') AS outlet, a.period, a.published, {kinds} FROM sw_quotes q"
        " JOIN sw_speakers s ON s.key = q.key AND s.local_id = q.speaker"
        " JOIN sw_articles a ON a.key = q.key GROUP BY s.person_id, a.key, a.outlet, a.period,"
        " a.published) GROUP BY 1, 2, 3, 4"
    ).cache()
    person_periods.createOrReplaceTempView("sw_person_periods")
    counted = " + ".join(CUE_KINDS)
    everyone = spark.sql(
        "SELECT p.person_id, p.name, p.kind, p.gender, p.gender_basis,"
        f" sum({counted}) AS quotes, sum(x.articles) AS articles,"
        " min(x.first_seen) AS first_seen, max(x.last_seen) AS last_seen FROM"
        " (SELECT DISTINCT person_id, name, kind, gender, gender_basis FROM sw_speakers) p"
        " JOIN sw_person_periods x ON x.person_id = p.person_id GROUP BY 1, 2, 3, 4, 5"
    )
    return CountTables(
        articles=stored.select("key", "outlet", "published").cache(),
        outlet_periods=outlet_periods.cache(),
        person_periods=person_periods,
        people=everyone.cache(),
        speakers=linked_people.select("key", "local_id", "person_id"),
        skipped=found.where("skipped IS NOT NULL").select(
            "source", "id", F.col("skipped").alias("reason")
        ),
    )


def article_links(record: dict[str, Any], max_chars: int = MAX_CHARS) -> dict[str, Any]:
    """One `read_extracted` row as ARTICLE_LINKS: read as `ingest` reads it
    (`reading.record_article`), its outlet and period as the archive stores them, its quotes'
    speakers and cue kinds, and how each quoted speaker is linked (`people.link`)."""
    order = {k: record.pop(k) for k in ORDER}
    path = Path(unquote(urlparse(order["_file"]).path))
    source = f"{path}:{order['_row'] + 1}"
    given = None if record["id"] is None else str(record["id"])
    row: dict[str, Any] = {**order, "source": source, "id": given, "key": None}
    row.update(skipped=None, outlet=None)
    row.update(published=None, period="", quotes=[], speakers=[])
    if not isinstance(record["text"], str):
        return {**row, "skipped": "no text"}
    if given is None:
        return {**row, "skipped": "no id"}
    item = record_article(record, given, source, max_chars)
    if isinstance(item, InputError):
        return {**row, "skipped": item.reason}
    if not isinstance(item, Extracted):
        return {
            **row,
            "skipped": "not extracted: no quotes and speakers (spark-extract --articles)",
        }
    if item.error is not None:
        return {**row, "skipped": f"extraction failed: {item.error}"}
    outlet = item.meta.get("outlet")
    published = normalise_date(item.meta.get("published"))
    quoted = {q.speaker_id for q in item.quotes}
    links = [
        {"index": n, **link}
        for n, speaker in enumerate(item.speakers)
        if speaker.id in quoted and (link := speaker_link(speaker, item.text)) is not None
    ]
    return {
        **row,
        "key": input_key(item, path),
        "hash": content_hash(item),
        "outlet": None if outlet is None else str(outlet),
        "published": published,
        "period": (published or "")[:7],
        "quotes": [{"speaker": q.speaker_id, "cue_kind": q.cue_kind} for q in item.quotes],
        "speakers": links,
    }


def speaker_link(speaker: Speaker, text: str) -> dict[str, Any] | None:
    """What the archive records when it links a quoted speaker (`people.link`): None for
    one it does not (a group, an unnamed person)."""
    if speaker.kind not in people.LINKED_KINDS or not people.words(speaker.name):
        return None
    found: dict[str, Any] = {
        "local_id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "gender": speaker.gender,
        "gender_basis": speaker.gender_basis if speaker.gender else None,
        "match_name": None,
        "named": None,
        "titles": "[]",
        "said": "",
    }
    if speaker.kind == "organisation":
        return {**found, "match_key": people.org_key(speaker.name)}
    if not people.is_name(speaker.name):
        return None
    form = people.name_form(speaker, text)
    del form["printed_titles"], form["gender"]  # the speaker's own gender is kept above
    return {**found, **form, "named": form["named"] or None}


def _grouped(table: pa.Table) -> pa.Table:
    """The linked speakers of one surname (or one organisation's name), in input order,
    grouped into people as `people.regroup` groups them, over their name forms, with each
    person's name and gender as `people.settle` chooses them."""
    rows = sorted(table.to_pylist(), key=lambda r: tuple(r[k] for k in (*ORDER, "index")))
    if not rows:
        return pa.Table.from_pylist([], schema=SPEAKER_PEOPLE)
    kind, key = rows[0]["kind"], rows[0]["match_key"]
    groups = [rows] if kind == "organisation" else _person_groups(rows)
    found = []
    for number, members in enumerate(groups):
        person = f"{kind}:{key}" + (f":{number}" if kind == "person" else "")
        profile = {"person_id": person, "kind": kind, **_profile(members, kind)}
        found += [{"key": r["key"], "local_id": r["local_id"], **profile} for r in members]
    return pa.Table.from_pylist(found, schema=SPEAKER_PEOPLE)


def _person_groups(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One surname's speakers in people: counted by name form (`name_forms`: the name, its
    gender, the gender its honorifics say, titles and the full names its article prints),
    grouped as `people.group_forms` groups the archive's forms."""
    forms: dict[tuple[str, ...], dict[str, Any]] = {}
    for r in rows:
        form = (r["match_name"], r["gender"] or "", r["said"], r["titles"], r["named"] or "")
        held = forms.setdefault(form, {"speakers": 0, "keys": set(), "members": []})
        held["speakers"] += 1
        held["keys"].add(r["key"])
        held["members"].append(r)
    ordered = []
    for number, form in enumerate(sorted(forms)):  # the archive reads them in this order
        held = forms[form]
        fields = dict(zip(("match_name", "gender", "said", "titles", "named"), form, strict=True))
        ordered.append({**fields, **held, "id": number, "articles": len(held["keys"])})
    titles = {f["id"]: set(json.loads(f["titles"])) for f in ordered}
    said = {f["id"]: f["said"] for f in ordered if f["said"]}
    grouped, _ = people.group_forms(ordered, titles, said)
    return [[r for form in group for r in form["members"]] for group in grouped]


def _profile(members: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    """A person's name (a full name over a bare surname, then the most used, then the first
    by the alphabet) and gender (the articles' words before the first-name prior, then the
    most speakers', then the alphabet), as `people.settle` chooses them."""
    used: Counter[str] = Counter(r["match_name"] or r["name"] for r in members)
    said: Counter[tuple[str, str]] = Counter(
        (r["gender"], r["gender_basis"] or "article") for r in members if r["gender"]
    )
    full = {n for n in used if kind == "person" and people.parts(n)}
    name = min(used, key=lambda n: (n not in full, -used[n], n))
    gender, basis = (
        min(said, key=lambda g: (g[1] != "article", -said[g], g)) if said else (None, None)
    )
    return {"name": name, "gender": gender, "gender_basis": basis}


def dashboard(
    spark: SparkSession,
    tables: CountTables,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    top: int = 10,
    cue_kind: str | None = COUNTED,
) -> dict[str, Any]:
    """What `archive.stats` gives for these filters (a year or a month for dates), from the
    count tables with Spark SQL, as the archive reads its own counts: the articles with
    quotes of the kinds asked for, those quotes, and each person once an article. Four
    queries: each of the two count tables' levels (by outlet and month, by outlet or month,
    in all) in one, the most quoted, and the outlets held."""
    for date in (since, until):
        if date and not (DATE_FILTER.fullmatch(date) and len(date) <= 7):
            raise ValueError(f"{date!r} is no year or month: YYYY or YYYY-MM")
    having, summed = kind_counts(cue_kind)
    where, args = [f"({having})"], {}
    if outlet:
        where.append("lower(x.outlet) = lower(:outlet)")
        args["outlet"] = outlet
    if since:
        where.append("x.period >= :since")
        args["since"] = since
    if until:
        where.append("x.period != '' AND substr(x.period, 1, length(:until)) <= :until")
        args["until"] = until
    tables.outlet_periods.createOrReplaceTempView("sw_outlet_periods")
    tables.person_periods.createOrReplaceTempView("sw_person_periods")
    tables.people.createOrReplaceTempView("sw_people")
    people_in = (
        "(SELECT c.*, p.name, p.kind, p.gender, p.gender_basis FROM sw_person_periods c"
        " JOIN sw_people p ON p.person_id = c.person_id)"
    )

    def rows(sql: str, table: str) -> list[dict[str, Any]]:
        """`sql` over `table` as `x`, its rows filtered, with each row's month (None for a
        period that is not one)."""
        x = f"(SELECT *, CASE WHEN period RLIKE {_MONTH} THEN period END AS month FROM {table}) x"
        found = spark.sql(sql.format(x=x, where=" AND ".join(where)), args).collect()
        return [r.asDict() for r in found]

    level = "grouping(x.outlet) AS all_outlets, grouping(x.month) AS all_months"
    counts = rows(
        f"SELECT x.outlet, x.month, {level}, sum(x.articles) AS articles,"
        f" sum({summed}) AS quotes FROM {{x}} WHERE {{where}}"
        " GROUP BY GROUPING SETS ((x.outlet, x.month), (x.outlet), ())",
        "sw_outlet_periods",
    )
    total = next((r for r in counts if r["all_outlets"]), {})
    outlets = sorted(  # those with quotes of the kinds asked for
        r["outlet"] for r in counts if r["all_months"] and not r["all_outlets"] and r["quotes"]
    )
    quotes = {
        (r["month"], r["outlet"]): r["quotes"]
        for r in counts
        if r["all_months"] == r["all_outlets"] == 0 and r["month"] and r["quotes"]
    }
    person = "x.kind = 'person'"
    genders = ", ".join(
        f"sum(CASE WHEN {person} AND ({test}) THEN x.articles ELSE 0 END) AS {label}"
        for label, test in (
            ("women", "x.gender = 'female'"),
            ("men", "x.gender = 'male'"),
            ("unknown", "x.gender IS NULL OR x.gender NOT IN ('female', 'male')"),
        )
    )
    shares = rows(
        f"SELECT x.outlet, x.month, {level}, {genders},"
        f" count(DISTINCT CASE WHEN {person} THEN x.person_id END) AS people,"
        " count(DISTINCT CASE WHEN x.kind = 'organisation' THEN x.person_id END)"
        f" AS organisations, count(DISTINCT CASE WHEN {person} AND x.gender_basis = 'name'"
        " THEN x.person_id END) AS people_gender_from_name FROM {x} WHERE {where}"
        " GROUP BY GROUPING SETS ((x.outlet), (x.month), ())",
        people_in,
    )
    gender = ("women", "men", "unknown")
    everyone = next((r for r in shares if r["all_outlets"] and r["all_months"]), {})
    by_outlet = {r["outlet"]: r for r in shares if not r["all_outlets"]}
    by_month = {r["month"]: r for r in shares if not r["all_months"] and r["month"]}
    ranked = rows(
        f"SELECT * FROM (SELECT x.person_id, x.name, x.kind, x.gender, x.gender_basis,"
        f" sum({summed}) AS quotes, sum(x.articles) AS articles, row_number() OVER (PARTITION"
        f" BY x.kind ORDER BY sum({summed}) DESC, sum(x.articles) DESC, x.name, x.person_id)"
        " AS rank FROM {x} WHERE {where} AND x.kind IN ('person', 'organisation')"
        " GROUP BY 1, 2, 3, 4, 5)"
        f" WHERE rank <= {int(top)} ORDER BY rank",
        people_in,
    )
    months = month_range(since, until, sorted({m for m, _ in quotes}))
    empty = dict.fromkeys(gender, 0)
    held = {r[0] for r in tables.articles.select("outlet").distinct().collect()}
    return {  # as `archive.stats` puts its parts together
        "filters": {
            "since": since,
            "until": until,
            "outlet": outlet,
            "about": None,
            "top": top,
            "cue_kind": cue_kind or COUNTED,
        },
        "totals": {
            "articles": total.get("articles") or 0,
            "quotes": total.get("quotes") or 0,
            **{k: everyone.get(k) or 0 for k in TOTALS},
        },
        "gender_total": with_women_share({k: everyone.get(k) for k in gender}),
        "gender_by_outlet": [
            {"outlet": o, **with_women_share({k: by_outlet.get(o, empty)[k] for k in gender})}
            for o in outlets
        ],
        "gender_by_month": [
            {"month": m, **with_women_share({k: by_month.get(m, empty)[k] for k in gender})}
            for m in months
        ],
        "top_people": [_columns(r, "top_people") for r in ranked if r["kind"] == "person"],
        "top_organisations": [
            _columns(r, "top_organisations") for r in ranked if r["kind"] == "organisation"
        ],
        "quotes_by_outlet_month": [
            {"month": m, "outlet": o, "quotes": quotes.get((m, o), 0)}
            for m in months
            for o in outlets
        ],
        # every outlet held, in SQLite's NOCASE order: ASCII case aside
        "outlets": sorted(held - {None}, key=lambda o: (o.translate(_ASCII_LOWER), o)),
    }


TOTALS = ("people", "organisations", "people_gender_from_name")


def _columns(row: dict[str, Any], table: Table) -> dict[str, Any]:
    return {k: row[k] for k in TABLES[table]}


def save(tables: CountTables, found: dict[str, Any], folder: str | Path) -> list[Path]:
    """The count tables as Parquet folders (outlet_periods, person_periods, people, and the
    speakers each person links), the dashboard's tables as CSV (`stats.table_csv`) and
    `found` whole as stats.json, into `folder` (made); the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True)
    written = []
    for name in ("outlet_periods", "person_periods", "people", "speakers"):
        getattr(tables, name).write.parquet(str(folder / name))
        written.append(folder / name)
    for table in TABLES:
        path = folder / f"{table}.csv"
        path.write_text(table_csv(found, table), encoding="utf-8")
        written.append(path)
    path = folder / "stats.json"
    path.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, path]
