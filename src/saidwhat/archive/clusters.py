"""Quote clusters: the same (or nearly the same) direct quote found in several articles.

Takes a stored direct or mixed quote (its quoted words) and the open archive connection;
gives the `quote_clusters` row it joins, when another article carries the same words, and
for a cluster: where it appeared first and how each occurrence's wording differs from that
first one (a misquote is a finding, not noise, so differences are shown, not smoothed).

How: each quote's quoted words (case, punctuation and quotation marks aside) are cut into
word trigrams, stored as 56-bit hashes in `quote_shingles`; a new quote's candidates are the
quotes of other articles sharing the most trigrams, and one joins when difflib's ratio over
words is at least `SAME` or when the shorter quote (of `MIN_WORDS` words or more) lies
almost wholly inside the longer one (an outlet that quoted half of it). A quote's exact
copies are found by a fingerprint of all its words, and only its first copy keeps the
trigrams. Ingest grows a cluster by what its new quotes add (`grow`); a deletion recounts it
(`refresh`).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from saidwhat.article import Quote
from saidwhat.quotemarks import CLOSING_CHARS, OPENING_CHARS, quotations
from saidwhat.reading import shown_title

MIN_WORDS = 6  # shorter quotes ("fake news") are shared by chance, not copied
SAME = 0.8  # difflib ratio over words for two wordings of one quote
INSIDE = 0.9  # share of the shorter quote's words found in order inside the longer one
SHARED = 0.2  # share of the shorter quote's trigrams a candidate shares, before comparing
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quoted_text(text: str, kind: str) -> str:
    """The words inside quotation marks of a quote's content, as `quotemarks` finds them
    (all of it for a direct quote whose marks were left out)."""
    segments = [q.inner.text.strip() for q in quotations(text)]
    if not segments and kind == "direct":
        marks = OPENING_CHARS + CLOSING_CHARS + ".,;: "
        segments = [part.strip().strip(marks) for part in text.split(" … ")]
    return " … ".join(s.rstrip(",;: ") for s in segments if s.rstrip(",;: "))


def tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORDS.findall(text)]


@lru_cache(maxsize=8192)
def quoted_words(text: str, kind: str) -> tuple[str, ...]:
    """The tokens of a stored quote's quoted words (a quote much copied is compared often)."""
    return tuple(tokens(quoted_text(text, kind)))


def shingles(words: list[str]) -> list[int]:
    grams = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    return sorted(_hash(g) for g in grams)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest(), "big")


def same_quote(a: list[str], b: list[str]) -> bool:
    """Whether two quotes' words are one quote: nearly equal, or one nearly inside the other."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() >= SAME:
        return True
    shorter = min(len(a), len(b))
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return shorter >= MIN_WORDS and matched >= INSIDE * shorter


def place(conn: sqlite3.Connection, article_id: int, quote: Quote) -> tuple[list[int], int | None]:
    """Where a quote about to be stored goes: its fingerprints (its `quote_shingles`, for
    the quotes that come later) and the cluster it joins (made if new; its counts are the
    caller's to `grow`, once for many quotes), None when no other article carries it."""
    text = quoted_text(" … ".join(c.text for c in quote.contents), quote.type)
    words = tokens(text)
    if len(words) < MIN_WORDS:
        return [], None
    whole = _hash("=" + " ".join(words))
    # the same words in another article: the first stored is the match that a comparison
    # of the candidates below would choose, at the cost of one look-up however often the
    # quote was copied
    same = conn.execute(
        "SELECT q.id, q.cluster_id FROM quote_shingles s JOIN quotes q ON q.id = s.quote_id"
        " WHERE s.shingle = ? AND q.article_id != ? ORDER BY s.quote_id LIMIT 1",
        (whole, article_id),
    ).fetchone()
    if same is not None:
        # an exact copy keeps only its whole-quote fingerprint while the first copy holds
        # the trigrams that later wordings are found by: a quote copied a thousand times
        # adds its trigrams to the index once (whose pages every batch would otherwise
        # write again as the archive grows); a copy stored after that first one is gone
        # takes them up (a copy holds all its trigrams or none: they are never hashed again
        # for a quote whose first copy holds them)
        held = conn.execute(
            "SELECT 1 FROM quote_shingles WHERE quote_id = ? AND shingle != ? LIMIT 1",
            (same["id"], whole),
        ).fetchone()
        return ([whole] if held else [*shingles(words), whole]), _cluster_of(conn, same)
    grams = shingles(words)
    marks = ",".join("?" * len(grams))
    candidates = conn.execute(
        "SELECT q.id, q.text, q.type, q.cluster_id, count(*) AS shared FROM quote_shingles s"
        f" JOIN quotes q ON q.id = s.quote_id WHERE s.shingle IN ({marks})"
        " AND q.article_id != ? GROUP BY q.id ORDER BY shared DESC, q.id LIMIT 20",
        [*grams, article_id],
    ).fetchall()
    best = None
    for row in candidates:
        most = max(1, len(row["text"].split()) - 2)  # trigrams it can have, at most
        if row["shared"] < SHARED * min(len(grams), most):
            continue  # a common phrase or two in common ("I don't think"), not one quote
        theirs = list(quoted_words(row["text"], row["type"]))
        if theirs == words:  # the same words: none can match better, and the first wins
            best = (1.0, row)
            break
        if same_quote(words, theirs):
            score = SequenceMatcher(None, words, theirs, autojunk=False).ratio()
            if best is None or score > best[0]:
                best = (score, row)
    return [*grams, whole], None if best is None else _cluster_of(conn, best[1])


def _cluster_of(conn: sqlite3.Connection, match: sqlite3.Row) -> int:
    """The cluster of a quote's match (made when the match has none)."""
    cluster = match["cluster_id"]
    if cluster is None:
        cluster = conn.execute(
            "INSERT INTO quote_clusters (text, occurrences, articles, outlets, variants)"
            " VALUES ('', 0, 0, 0, 0)"
        ).lastrowid
        conn.execute("UPDATE quotes SET cluster_id = ? WHERE id = ?", (cluster, match["id"]))
    return cluster


def _members(conn: sqlite3.Connection, cluster: int) -> list[sqlite3.Row]:
    """A cluster's quotes, first appearance first (earliest date, then earliest stored)."""
    return conn.execute(
        "SELECT q.id, q.text, q.type, q.article_id, a.key, a.title,"
        " CASE WHEN a.title IS NULL THEN substr(a.text, 1, 200) END AS opening,"
        " a.outlet, a.published, a.url, q.speaker_id, s.name AS speaker, s.person_id, q.context"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.cluster_id = ?"
        " ORDER BY a.published IS NULL, a.published, q.id",
        (cluster,),
    ).fetchall()


def refresh(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Recompute each cluster's first appearance and counts; one left in a single article
    (the others replaced or deleted) is dissolved."""
    for cluster in ids:  # counted in SQL: a much copied quote has many members
        occurrences, articles, outlets = conn.execute(
            "SELECT count(*), count(DISTINCT q.article_id), count(DISTINCT nullif(a.outlet, ''))"
            " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.cluster_id = ?",
            (cluster,),
        ).fetchone()
        if articles < 2:
            conn.execute("DELETE FROM quote_clusters WHERE id = ?", (cluster,))
            continue
        conn.execute("DELETE FROM cluster_outlets WHERE cluster_id = ?", (cluster,))
        conn.execute(
            "INSERT INTO cluster_outlets SELECT DISTINCT ?, a.outlet FROM quotes q"
            " JOIN articles a ON a.id = q.article_id WHERE q.cluster_id = ?"
            " AND coalesce(a.outlet, '') != ''",
            (cluster, cluster),
        )
        first = conn.execute(
            "SELECT q.id, q.text, q.type, a.published FROM quotes q"
            " JOIN articles a ON a.id = q.article_id WHERE q.cluster_id = ?"
            " ORDER BY a.published IS NULL, a.published, q.id LIMIT 1",
            (cluster,),
        ).fetchone()
        wordings = conn.execute(
            "SELECT DISTINCT text, type FROM quotes WHERE cluster_id = ?", (cluster,)
        )
        conn.execute(
            "UPDATE quote_clusters SET text = ?, first_quote_id = ?, first_published = ?,"
            " occurrences = ?, articles = ?, outlets = ?, variants = ? WHERE id = ?",
            (
                quoted_text(first["text"], first["type"]),
                first["id"],
                first["published"],
                occurrences,
                articles,
                outlets,
                len({quoted_words(text, kind) for text, kind in wordings}),
                cluster,
            ),
        )


def grow(conn: sqlite3.Connection, cluster: int, quotes: list[int]) -> None:
    """Bring a cluster up to date with quotes of new articles that joined it: its counts
    grow by what they add (another outlet, another wording) and its first appearance moves
    when one came earlier, at a cost that does not grow with the cluster; one just made
    is counted in full (`refresh`)."""
    row = conn.execute("SELECT * FROM quote_clusters WHERE id = ?", (cluster,)).fetchone()
    if row is None or row["occurrences"] == 0 or row["first_quote_id"] is None:
        refresh(conn, [cluster])
        return
    new = conn.execute(
        "SELECT q.id, q.text, q.type, q.article_id, a.outlet, a.published FROM quotes q"
        " JOIN articles a ON a.id = q.article_id WHERE q.id IN (SELECT value FROM json_each(?))"
        " ORDER BY a.published IS NULL, a.published, q.id",
        (json.dumps(quotes),),
    ).fetchall()
    before = min(quotes)  # the new articles' quotes are the cluster's newest
    outlets = sum(  # the outlets new to the cluster
        conn.execute(
            "INSERT OR IGNORE INTO cluster_outlets (cluster_id, outlet) VALUES (?, ?)",
            (cluster, outlet),
        ).rowcount
        for outlet in sorted({r["outlet"] for r in new if r["outlet"]})
    )
    wordings = {quoted_words(r["text"], r["type"]) for r in new}
    variants = {  # a wording already there shares its whole-quote fingerprint (`add`)
        w for w in wordings if not conn.execute(
            "SELECT 1 FROM quote_shingles s JOIN quotes q ON q.id = s.quote_id"
            " WHERE s.shingle = ? AND q.cluster_id = ? AND q.id < ? LIMIT 1",
            (_hash("=" + " ".join(w)), cluster, before),
        ).fetchone()
    }  # fmt: skip
    first = new[0]
    earlier = (first["published"] is None, first["published"] or "", first["id"]) < (
        row["first_published"] is None,
        row["first_published"] or "",
        row["first_quote_id"],
    )
    conn.execute(
        "UPDATE quote_clusters SET occurrences = occurrences + ?, articles = articles + ?,"
        " outlets = outlets + ?, variants = variants + ? WHERE id = ?",
        (len(new), len({r["article_id"] for r in new}), outlets, len(variants), cluster),
    )
    if earlier:
        conn.execute(
            "UPDATE quote_clusters SET text = ?, first_quote_id = ?, first_published = ?"
            " WHERE id = ?",
            (quoted_text(first["text"], first["type"]), first["id"], first["published"], cluster),
        )


def differences(first: str, other: str) -> list[dict[str, str]]:
    """How `other` words a quote differently from `first`: replaced, left-out and added
    words (case and punctuation aside)."""
    a, b = _WORDS.findall(first), _WORDS.findall(other)
    matcher = SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    names = {"replace": "changed", "delete": "left out", "insert": "added"}
    return [
        {"change": names[op], "from": " ".join(a[i1:i2]), "to": " ".join(b[j1:j2])}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def detail(conn: sqlite3.Connection, cluster: int) -> dict[str, Any] | None:
    """A cluster's row (counts, first wording) and `quotes`: every occurrence, first
    appearance first, each with its `differences` from the first wording."""
    row = conn.execute("SELECT * FROM quote_clusters WHERE id = ?", (cluster,)).fetchone()
    if row is None:
        return None
    members = _members(conn, cluster)
    first = quoted_text(members[0]["text"], members[0]["type"])
    occurrences = []
    for m in members:
        words = quoted_text(m["text"], m["type"])
        occurrences.append(
            {
                "quote_id": m["id"],
                "article_id": m["article_id"],
                "article": m["key"],
                "title": shown_title(m["title"], m["opening"]),
                "outlet": m["outlet"],
                "published": m["published"],
                "url": m["url"],
                "speaker": m["speaker"],
                "person_id": m["person_id"],
                "text": words,
                "context": m["context"],
                "differences": differences(first, words),
            }
        )
    return {**dict(row), "quotes": occurrences}
