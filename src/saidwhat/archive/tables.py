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

from saidwhat.archive.store import IngestSummary

SEARCH_FIELDS = (
    "quote_id", "article", "title", "outlet", "published", "url", "speaker", "person_id",
    "person", "type", "confidence", "cue", "source", "text", "context", "cluster_id", "score",
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
        where = f"{where}\n[dim]{row['title'] or row['article']}[/dim]"
        said = f"[bold]{row['text']}[/bold]\n[dim]{row['context']}[/dim]"
        table.add_row(f"{who}\n[dim]{row['type']}[/dim]", said, where)
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
