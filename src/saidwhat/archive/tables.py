"""The archive's answers as terminal tables (rich) and as JSON or CSV for the command line.

Takes the dicts and lists that `Archive` methods return; gives rich renderables and writes
rows to a text stream, so the command line stays a thin layer.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from saidwhat.archive.store import IngestSummary

SEARCH_FIELDS = (
    "quote_id", "article", "title", "outlet", "published", "url", "speaker", "person_id",
    "person", "type", "cue_kind", "confidence", "cue", "source", "text", "context", "cluster_id",
    "score",
)  # fmt: skip


def write_rows(rows: list[dict[str, Any]], fmt: str, out: TextIO, fields: Iterable[str]) -> None:
    """Rows as one JSON list or as CSV with the given columns."""
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def quotes_table(rows: list[dict[str, Any]], title: str = "") -> Table:
    table = Table(title=title or f"{len(rows)} quotes", show_lines=True)
    for column in ("speaker", "said", "where"):
        table.add_column(column, overflow="fold")
    for row in rows:
        who = row["person"] or row["speaker"] or row["source"] or "?"
        where = " · ".join(str(row[k]) for k in ("outlet", "published") if row.get(k))
        where = Text(f"{where}\n") + Text(row["title"] or row["article"], style="dim")
        said = Text(row["text"], style="bold")
        for match in row.get("matches") or []:  # the words the search matched
            said.stylize("reverse", match["start"], match["end"])
        said.append(f"\n{row['context']}", style="dim")
        kind = f"{row['type']}, {row['cue_kind']}" if row.get("cue_kind") else row["type"]
        table.add_row(Text(f"{who}\n") + Text(kind, style="dim"), said, where)
    return table


def speakers_table(rows: list[dict[str, Any]], shares: dict[str, Any], by: str) -> Group:
    table = Table(title=f"most quoted, by {by}")
    for column in ("#", "name", "kind", "gender", "quotes", "articles", "affiliation", "seen"):
        table.add_column(
            column, justify="right" if column in {"#", "quotes", "articles"} else "left"
        )
    for rank, row in enumerate(rows, 1):
        seen = " – ".join(x for x in (row["first_seen"], row["last_seen"]) if x)
        table.add_row(
            str(rank), row["name"], row["kind"], _gender(row), str(row["quotes"]),
            str(row["articles"]), ", ".join(row["affiliations"]), seen,
        )  # fmt: skip
    gender = Table(title="quotes by gender (people only)")
    for column in ("gender", "quotes", "share", "people", "share ", "from name"):
        gender.add_column(column, justify="left" if column == "gender" else "right")
    for name, item in shares.items():
        gender.add_row(
            name, str(item["quotes"]), f"{100 * item['quote_share']:.1f}%",
            str(item["people"]), f"{100 * item['people_share']:.1f}%",
            str(item["people_from_name"]),
        )  # fmt: skip
    return Group(table, gender)


def _gender(person: dict[str, Any]) -> str:
    """The person's gender, marked "(from name)" where only the first-name prior gives it."""
    gender = person.get("gender") or ""
    return f"{gender} (from name)" if gender and person.get("gender_basis") == "name" else gender


def speaker_view(item: dict[str, Any]) -> Group:
    """One person: who they are, where and when they are quoted, on what, and their quotes."""
    facts = Table(title=f"{item['name']} ({item['kind']}, person {item['id']})", show_header=False)
    facts.add_column("what", style="bold")
    facts.add_column("value", overflow="fold")
    facts.add_row("quotes", f"{item['quotes']} in {item['articles']} articles")
    facts.add_row("seen", " – ".join(x for x in (item["first_seen"], item["last_seen"]) if x))
    facts.add_row("gender", _gender(item) or "unknown")
    facts.add_row("also named", ", ".join(a["alias"] for a in item["aliases"]))
    for what in ("title", "affiliation"):
        facts.add_row(
            what + "s",
            "\n".join(
                f"{x[what]} ({x['count']}; {x['first_seen'] or '?'} – {x['last_seen'] or '?'})"
                for x in item[what + "s"]
            ),
        )
    facts.add_row(
        "party", ", ".join(f"{x['party']} ({x['count']} articles)" for x in item["parties"])
    )
    for decision, label in (("joined", "joined because"), ("apart", "kept apart because")):
        why = [r["reason"] for r in item["reasons"] if r["decision"] == decision]
        if why:
            facts.add_row(label, "\n".join(why))
    facts.add_row(
        "outlets", ", ".join(f"{o['outlet'] or '?'} ({o['quotes']})" for o in item["outlets"])
    )
    facts.add_row("by month", ", ".join(f"{m['month']}: {m['quotes']}" for m in item["by_month"]))
    facts.add_row("on", ", ".join(w["word"] for w in item["top_words"]))
    if item["others"]:
        facts.add_row(
            "not merged with",
            ", ".join(f"{o['name']} (person {o['person_id']})" for o in item["others"]),
        )
    parts: list[RenderableType] = [facts, quotes_table(item["quotes_list"][:20], "latest quotes")]
    return Group(*parts)


def summary_table(summary: IngestSummary, counts: dict[str, int]) -> Table:
    table = Table(title=f"ingested in {summary.seconds:.1f} s", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("articles read", summary.articles),
        ("added", summary.added),
        ("replaced (changed)", summary.replaced),
        ("unchanged", summary.unchanged),
        ("quotes stored", summary.quotes),
        ("speakers stored", summary.speakers),
        ("inputs skipped", len(summary.skipped)),
        ("articles failed", len(summary.failed)),
    ):
        table.add_row(label, str(value))
    for name, value in counts.items():
        table.add_row(f"archive: {name.replace('_', ' ')}", str(value))
    return table


def share(value: float | None) -> str:
    """A share as a percentage, "–" when there is none (no one of known gender)."""
    return "–" if value is None else f"{100 * value:.1f}%"


def stats_view(found: dict[str, Any]) -> Group:
    """`stats`: totals, women's share by outlet and by month, the most quoted people and
    organisations, and quotes per outlet per month (a column an outlet)."""
    totals, gender = found["totals"], found["gender_total"]
    shown = ", ".join(f"{k} {v}" for k, v in found["filters"].items() if v and k != "top")
    facts = Table(title=f"the archive{f' ({shown})' if shown else ''}", show_header=False)
    facts.add_column("what")
    facts.add_column("count", justify="right")
    for name in ("articles", "quotes", "people", "organisations"):
        facts.add_row(name, str(totals[name]))
    facts.add_row(
        "women's share (people of known gender, once an article)", share(gender["share_women"])
    )
    parts: list[RenderableType] = [facts]
    for key, label in (("gender_by_outlet", "outlet"), ("gender_by_month", "month")):
        table = Table(title=f"women's share by {label}")
        for column in (label, "women", "men", "unknown", "share"):
            table.add_column(column, justify="left" if column == label else "right")
        for row in found[key]:
            table.add_row(
                row[label] or "(none)", str(row["women"]), str(row["men"]), str(row["unknown"]),
                share(row["share_women"]),
            )  # fmt: skip
        parts.append(table)
    for key, label in (
        ("top_people", "most quoted people"),
        ("top_organisations", "most quoted organisations"),
    ):
        table = Table(title=label)
        columns = ["#", "name", "gender", "quotes", "articles"]
        if key == "top_organisations":
            columns.remove("gender")
        for column in columns:
            table.add_column(column, justify="left" if column in {"name", "gender"} else "right")
        for rank, row in enumerate(found[key], 1):
            cells = [
                str(rank),
                row["name"],
                _gender(row) or "unknown",
                str(row["quotes"]),
                str(row["articles"]),
            ]
            if key == "top_organisations":
                cells.pop(2)
            table.add_row(*cells)
        parts.append(table)
    outlets = sorted({r["outlet"] for r in found["quotes_by_outlet_month"]})
    table = Table(title="quotes per outlet per month")
    table.add_column("month")
    for outlet in outlets:
        table.add_column(outlet or "(none)", justify="right")
    by_month: dict[str, dict[str, int]] = {}
    for row in found["quotes_by_outlet_month"]:
        by_month.setdefault(row["month"], {})[row["outlet"]] = row["quotes"]
    for month, counts in by_month.items():
        table.add_row(month, *(str(counts.get(o, 0)) for o in outlets))
    parts.append(table)
    if totals["people_gender_from_name"]:
        parts.append(
            f"[dim]{totals['people_gender_from_name']} of the {totals['people']} people's gender"
            ' comes from a first-name prior, not the article\'s words (marked "from name").[/dim]'
        )
    return Group(*parts)
