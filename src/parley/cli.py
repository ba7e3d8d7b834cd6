"""parley's command line: a thin layer over the pipeline and the store.

Each subcommand checks its arguments, calls one function of the package and prints
the result. Errors are printed as catalogue messages (code + how to fix); a traceback
only with ``--verbose``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parley.config import DEFAULT_DB, load_config, parse_fields
from parley.errors import ParleyError
from parley.records import Event, Rejected

log = logging.getLogger("parley")

MAIN_HELP = """\
parley turns news articles into political event data: who did what to whom, when,
with the sentence that says so.

examples:
  parley run examples/                       # ingest a folder into ./parley.duckdb
  parley fetch urls.txt                      # download web pages politely, then code them
  parley events --actor Trump --since 2018   # list events
  parley events --dyad USA PRK               # one relationship, both directions
  parley export --format jsonl -o events.jsonl
  parley explain 3f2a9c1b                    # why an event is there
  parley quotes --speaker Trump              # direct quotes and who said them
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return int(args.func(args) or 0)
    except ParleyError as err:
        print(str(err), file=sys.stderr)
        if args.verbose:
            raise
        return 2
    except BrokenPipeError:  # `parley export | head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted: what was written so far is kept; rerun to resume.", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="parley", description=MAIN_HELP, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--verbose", "-v", action="store_true", help="debug logging and full tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(sub)
    _add_fetch(sub)
    _add_events(sub)
    _add_export(sub)
    _add_explain(sub)
    _add_quotes(sub)
    _add_dyad(sub)
    _add_clusters(sub)
    _add_network(sub)
    _add_map(sub)
    _add_serve(sub)
    _add_status(sub)
    _add_actors(sub)
    _add_spark(sub)
    _add_load(sub)
    return p


def _sub(sub: argparse._SubParsersAction, name: str, summary: str, example: str) -> argparse.ArgumentParser:
    sp = sub.add_parser(
        name, help=summary, description=f"{summary}\n\nexample:\n{textwrap.indent(example, '  ')}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    sp.add_argument("--db", type=Path, default=Path(DEFAULT_DB), help=f"DuckDB file (default ./{DEFAULT_DB})")
    sp.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS, help="debug output")
    return sp


def _add_run(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "run", "Ingest files or folders (text, HTML, RSS/Atom, WARC, JSONL, CSV, archives) and code their events.",
        "parley run ../shared/seeds examples/dispatches.jsonl --db parley.duckdb\n"
        "parley run export.csv --field text=body --field date=published_at --field id=uuid",
    )  # fmt: skip
    sp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders to read")
    sp.add_argument("--config", type=Path, help="a TOML file with a [parley] table of settings")
    sp.add_argument("--batch-size", type=int, help="texts per spaCy batch (default 32)")
    sp.add_argument("--workers", type=int, help="worker processes (default: one per core; 1 = no workers)")
    sp.add_argument("--min-confidence", type=float, help="drop events below this confidence")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    sp.add_argument("--full-parse", action="store_true", help="parse every sentence (no fast first pass)")
    sp.add_argument("--learned", action="store_true",
                    help="also classify sentences the rules code nothing in (MiniLM; slower, more recall)")
    sp.add_argument(
        "--field",
        action="append",
        metavar="NAME=COLUMN",
        help="(JSONL, CSV) read NAME (id, text, title, date, url, outlet, author) from COLUMN; repeatable",
    )
    sp.add_argument("--max-file-bytes", type=int, help="reject larger input files unread (default 100000000)")
    sp.set_defaults(func=cmd_run)


def _add_spark(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "spark", "Run the pipeline on Apache Spark; write every table as Parquet under OUTPUT.",
        "parley spark articles/ out/ --master 'local[4]'\n"
        "parley spark docs.parquet out/ --load --db parley.duckdb   # then query it with parley\n"
        "spark-submit ... -m parley.cli spark hdfs:///news/docs.parquet hdfs:///parley-out   (see docs/spark.md)",
    )  # fmt: skip
    sp.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or Parquet tables of documents")
    sp.add_argument("output", metavar="OUTPUT", help="a folder for the Parquet tables (must be new or empty)")
    sp.add_argument("--master", help="Spark master URL (default: what spark-submit gives, else local[*])")
    sp.add_argument("--partitions", type=int, help="input partitions (default: Spark's default parallelism)")
    sp.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it holds files")
    sp.add_argument("--load", action="store_true", help="load the output into --db when done")
    sp.add_argument("--config", type=Path, help="a TOML file with a [parley] table of settings")
    sp.add_argument("--full-parse", action="store_true", help="parse every sentence (no fast first pass)")
    sp.add_argument("--learned", action="store_true",
                    help="also classify sentences the rules code nothing in (MiniLM; slower, more recall)")
    sp.add_argument(
        "--field",
        action="append",
        metavar="NAME=COLUMN",
        help="read NAME (id, text, title, date, url, outlet, author) from COLUMN; repeatable",
    )
    sp.set_defaults(func=cmd_spark)


def _add_load(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "load", "Load the Parquet tables written by `parley spark` into a database.",
        "parley load out/ --db parley.duckdb",
    )  # fmt: skip
    sp.add_argument("folder", type=Path, metavar="FOLDER", help="the OUTPUT folder of `parley spark`")
    sp.set_defaults(func=cmd_load)


def _add_fetch(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "fetch", "Download web pages politely (robots.txt, rate limit, retries), keep them, code their events.",
        "parley fetch urls.txt --db parley.duckdb --delay 2\n"
        "parley fetch urls.txt --no-process     # download only; a later `parley fetch urls.txt` codes them",
    )  # fmt: skip
    sp.add_argument("url_file", type=Path, metavar="URLS_FILE", help="one http(s) URL per line; '#' starts a comment")
    sp.add_argument("--delay", type=float, help="seconds between two requests to one host (default 1)")
    sp.add_argument("--timeout", type=float, help="seconds to connect, and to wait for each read (default 10)")
    sp.add_argument("--max-bytes", type=int, help="abandon pages larger than this (default 5000000)")
    sp.add_argument("--retries", type=int, help="further tries after a 5xx answer or a timeout (default 3)")
    sp.add_argument("--no-retry-failed", action="store_true", help="leave URLs that failed transiently before")
    sp.add_argument("--no-process", action="store_true", help="download and store only; code nothing")
    sp.add_argument("--config", type=Path, help="a TOML file with a [parley] table of settings")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    sp.set_defaults(func=cmd_fetch)


def _add_events(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "events", "Print stored events as a timeline.",
        "parley events --actor 'Kim Jong Un' --since 2018-06\nparley events --dyad USA PRK --category CONSULT",
    )  # fmt: skip
    _query_args(sp)
    sp.set_defaults(func=cmd_events)


def _add_export(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "export", "Write stored events as JSON Lines (the scorer's format), CSV or Parquet.",
        "parley export --format jsonl -o events.jsonl\n"
        "python ../shared/eval/score.py --gold ../shared/eval/gold/seeds.jsonl --pred events.jsonl",
    )  # fmt: skip
    sp.add_argument(
        "--format",
        choices=("jsonl", "csv", "parquet", "gdelt", "polecat"),
        default="jsonl",
        help="jsonl (default; the scorer's format), csv, parquet; gdelt or polecat: one CSV row per real-world event",
    )
    sp.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    sp.add_argument(
        "--table", choices=("events", "mentions", "clusters", "sources", "quotes", "articles"),
        help="(csv, parquet) dump a whole table instead of the filtered events",
    )  # fmt: skip
    sp.add_argument(
        "--hypothetical", action="store_true",
        help="also export conditional events ('if they attacked ...'); `events` shows them either way",
    )  # fmt: skip
    _query_args(sp)
    sp.set_defaults(func=cmd_export)


def _add_explain(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "explain", "Show why an event is there: its paragraph marked, rule, date reasoning, sources.",
        "parley events --doc 000_b2813d6fae78613a      # event ids are in the export and in --explain\n"
        "parley explain 3f2a9c1b",
    )  # fmt: skip
    sp.add_argument("event_id", help="an event id, or a unique prefix of at least 6 characters")
    sp.set_defaults(func=cmd_explain)


def _add_quotes(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "quotes", "List direct quotes with their speakers.",
        "parley quotes --speaker Trump\nparley quotes --doc 001_7c93a100e0428ba7",
    )  # fmt: skip
    sp.add_argument("--speaker", help="a name, country code or actor id")
    sp.add_argument("--doc", help="one document id")
    sp.set_defaults(func=cmd_quotes)


def _add_dyad(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "dyad", "A relationship over time: events per period by category and the net cooperation score.",
        "parley dyad USA PRK --by year\nparley dyad 'Donald Trump' 'Kim Jong Un' --by month --plot trump-kim.png",
    )  # fmt: skip
    sp.add_argument("a", help="an actor: ISO code (USA), a name (Donald Trump, Kim) or an actor id")
    sp.add_argument("b", help="the other actor")
    sp.add_argument("--by", choices=("month", "year"), default="year", help="period length (default year)")
    sp.add_argument("--plot", type=Path, help="draw the series into this PNG or SVG file")
    sp.set_defaults(func=cmd_dyad)


def _add_clusters(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "clusters", "Real-world events: the same event from many articles, once, with its source count.",
        "parley clusters --dyad USA PRK\nparley clusters --category CONSULT --since 2018",
    )  # fmt: skip
    _query_args(sp)
    sp.set_defaults(func=cmd_clusters)


def _add_network(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "network", "The actor network: who acts on whom, how often, cooperatively or not.",
        "parley network --since 2024 --plot net.svg\nparley network --format graphml -o net.graphml",
    )  # fmt: skip
    _query_args(sp)
    sp.add_argument("--format", choices=("json", "graphml"), default="json", help="network file format")
    sp.add_argument("-o", "--output", type=Path, help="write the network here (default: standard output)")
    sp.add_argument("--plot", type=Path, help="draw the network into this PNG or SVG file")
    sp.set_defaults(func=cmd_network)


def _add_map(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "map", "Draw where events happened on a world map, coloured by category.",
        "parley map --plot map.png\nparley map --dyad USA PRK --plot usa-prk-map.png",
    )  # fmt: skip
    _query_args(sp)
    sp.add_argument("--plot", type=Path, required=True, help="the PNG or SVG file to draw")
    sp.set_defaults(func=cmd_map)


def _add_serve(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "serve", "Start the web app (and its JSON API, docs at /docs) on this machine.",
        "parley serve --db parley.duckdb --port 8000\nparley serve --allow-ingest --token s3cret",
    )  # fmt: skip
    sp.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sp.add_argument("--allow-ingest", action="store_true", help="let the page and the API add articles")
    sp.add_argument("--token", help="the token ingest requests must carry (default: a random one, printed)")
    sp.set_defaults(func=cmd_serve)


def _add_status(sub: argparse._SubParsersAction) -> None:
    sp = _sub(
        sub, "status", "What the database holds, and what the last runs ingested, skipped and rejected (and why).",
        "parley status --db parley.duckdb\nparley status --runs 3",
    )  # fmt: skip
    sp.add_argument("--runs", type=int, default=5, help="how many recent runs to show (default 5)")
    sp.set_defaults(func=cmd_status)


def _add_actors(sub: argparse._SubParsersAction) -> None:
    summary = "Import PETRARCH/TABARI actor and agent dictionaries into a database, list or remove them."
    sp = sub.add_parser("actors", help=summary, description=f"{summary} See docs/actors-import.md.")
    actions = sp.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = _sub(
        actions, "import", "Import dictionaries: `parley run --db` then resolves their actors like built-in ones.",
        "parley actors import --db parley.duckdb freedonia.actors agents.txt",
    )  # fmt: skip
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="PETRARCH/TABARI dictionary files")
    imp.add_argument("--kind", choices=("auto", "actors", "agents"), default="auto", help="(default: by each line)")
    imp.add_argument("--strict", action="store_true", help="import nothing from a file with a problem line")
    imp.set_defaults(func=cmd_actors_import)
    ls = _sub(actions, "list", "What each imported file added.", "parley actors list --db parley.duckdb --imported")
    ls.add_argument("--imported", action="store_true", help="also print every imported actor and agent word")
    ls.set_defaults(func=cmd_actors_list)
    rm = _sub(actions, "remove", "Forget what a file imported.", "parley actors remove --db parley.duckdb old.actors")
    rm.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files given to `parley actors import`")
    rm.set_defaults(func=cmd_actors_remove)


def cmd_actors_import(args: argparse.Namespace) -> int:
    from parley.actors.stored import import_dictionary
    from parley.store import Store

    with Store.open(args.db) as store:
        for path in args.files:
            report = import_dictionary(path, store, kind=args.kind, strict=args.strict)
            for line in report.lines():
                print(line, file=sys.stderr)
            counts = ", ".join(f"{n} {stem}" for stem, n in sorted(report.counts.items())) or "nothing new"
            print(f"{path} -> {args.db}: {counts} ({report.added} rows added, {report.removed} removed); "
                  f"{report.known} names already known; {len(report.problems)} problems")  # fmt: skip
    return 0


def cmd_actors_list(args: argparse.Namespace) -> int:
    from parley.actors.stored import describe
    from parley.store import Store, user_actors

    with Store.open(args.db, read_only=True) as store:
        sources, rows = user_actors.sources(store.con), user_actors.read_rows(store.con)
    if not sources:
        print(f"{args.db}: no imported dictionaries (parley actors import --db {args.db} FILE)")
    for source, when, counts in sources:
        print(f"{source} (imported {when}): " + ", ".join(f"{n} {stem}" for stem, n in sorted(counts.items())))
        for row in rows if args.imported else ():
            if row.source == source:
                print(f"  {row.line:>5}  {describe(row)}")
    return 0


def cmd_actors_remove(args: argparse.Namespace) -> int:
    from parley.actors.stored import remove_dictionary
    from parley.store import Store

    with Store.open(args.db) as store:
        for path in args.files:
            print(f"{path}: {remove_dictionary(path, store)} rows removed from {args.db}")
    return 0


def _query_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--actor", help="a name, country code or actor id (either side)")
    sp.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="events between A and B, either direction")
    sp.add_argument("--since", help="events dated on or after this ISO date (2019, 2019-02, 2019-02-27)")
    sp.add_argument("--category", help="one PLOVER category, e.g. CONSULT")
    sp.add_argument("--doc", help="one document id")
    sp.add_argument("--limit", type=int, help="at most this many events")
    sp.add_argument("--explain", action="store_true", help="(events) show each event's full explanation")


def cmd_run(args: argparse.Namespace) -> int:
    from parley.pipeline import run

    overrides = {
        "batch_size": args.batch_size,
        "min_confidence": args.min_confidence,
        "workers": args.workers,
        "fields": parse_fields(args.field),
        "max_file_bytes": args.max_file_bytes,
    }
    if args.full_parse:
        overrides["prefilter"] = False
    if args.learned:
        overrides["learned"] = True
    if args.no_progress or not sys.stderr.isatty():
        overrides["progress"] = False
    config = load_config(args.config, overrides)
    bar = _progress(config.progress)
    summary = run(args.paths, db=args.db, config=config, on_item=bar.update_item)
    bar.close()
    for r in summary.rejected:
        print(r.message, file=sys.stderr)
    print(
        f"{summary.documents} documents, {summary.articles} articles, {summary.sentences} sentences, "
        f"{summary.events} events -> {args.db}"
        + (f"; {summary.skipped} already stored" if summary.skipped else "")
        + (f"; {len(summary.rejected)} rejected" if summary.rejected else "")
    )
    return 1 if summary.rejected and not summary.documents and not summary.skipped else 0


def cmd_spark(args: argparse.Namespace) -> int:
    from parley.spark import run_spark

    overrides: dict[str, Any] = {"progress": False, "workers": 1, "fields": parse_fields(args.field)}
    if args.full_parse:
        overrides["prefilter"] = False
    if args.learned:
        overrides["learned"] = True
    config = load_config(args.config, overrides)
    actors = _imported_actors(args.db) if args.db.exists() else []
    summary = run_spark(
        args.inputs, args.output, config=config, master=args.master, partitions=args.partitions,
        overwrite=args.overwrite, actors=actors,
    )  # fmt: skip
    for r in summary.rejected:
        print(r.message, file=sys.stderr)
    print(f"{summary.documents} documents, {summary.events} events, {summary.clusters} real-world events"
          f" -> {summary.output}" + (f"; {len(summary.rejected)} rejected" if summary.rejected else ""))  # fmt: skip
    if args.load:
        return cmd_load(argparse.Namespace(folder=Path(args.output), db=args.db))
    return 1 if summary.rejected and not summary.documents else 0


def _imported_actors(db: Path) -> list[Any]:
    """The knowledge-base rows imported into ``db`` (``parley actors import``), for Spark's executors."""
    from parley.store import Store, user_actors

    with Store.open(db, read_only=True) as store:
        return list(user_actors.read_rows(store.con))


def cmd_load(args: argparse.Namespace) -> int:
    from parley.store import Store

    with Store.open(args.db) as store:
        counts = store.load_parquet(args.folder)
    print(", ".join(f"{n} {table}" for table, n in counts.items()) + f" -> {args.db}")
    return 0


class _Bar:
    def __init__(self, enabled: bool, desc: str = "parley run", unit: str = "doc") -> None:
        from tqdm import tqdm

        self.bar = tqdm(unit=unit, desc=desc, disable=not enabled, file=sys.stderr)

    def update_item(self, item: object) -> None:
        self.bar.update(1)
        if isinstance(item, Rejected):
            self.bar.write(item.message, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _progress(enabled: bool, desc: str = "parley run", unit: str = "doc") -> _Bar:
    return _Bar(enabled, desc, unit)


def cmd_fetch(args: argparse.Namespace) -> int:
    from parley.crawl import fetch_and_run

    options = _fetch_options(args)
    config = load_config(args.config, {"progress": False} if args.no_progress or not sys.stderr.isatty() else {})
    bars = [_progress(config.progress, "parley fetch", "url")]

    def on_item(item: object) -> None:  # the first processed page ends the downloads
        if len(bars) == 1:
            bars[0].close()
            bars.append(_progress(config.progress))
        bars[-1].update_item(item)

    summary = fetch_and_run(
        args.url_file, db=args.db, config=config, options=options, retry_failed=not args.no_retry_failed,
        process=not args.no_process, on_page=lambda url, page: bars[0].update_item(None), on_item=on_item,
    )  # fmt: skip
    bars[-1].close()
    run = summary.run
    for r in run.rejected if run else summary.failed:  # a run's rejections include the failed URLs
        print(r.message, file=sys.stderr)
    print(
        f"fetched {summary.fetched} pages, {summary.skipped} already fetched, {len(summary.failed)} failed"
        + (f"; {run.documents} documents, {run.articles} articles, {run.events} events" if run else "")
        + f" -> {args.db}" + (f"; {run.skipped} already coded" if run and run.skipped else "")
    )  # fmt: skip
    return 1 if summary.failed and not summary.fetched and not summary.skipped else 0


def _fetch_options(args: argparse.Namespace) -> Any:
    from dataclasses import replace

    from parley.errors import E
    from parley.ingest.fetch import FetchOptions

    given = {"delay": args.delay, "timeout": args.timeout, "max_bytes": args.max_bytes, "retries": args.retries}
    options = replace(FetchOptions(), **{k: v for k, v in given.items() if v is not None})
    if options.delay < 0 or options.timeout <= 0 or options.max_bytes <= 0 or options.retries < 0:
        detail = "--delay and --retries must be 0 or more, --timeout and --max-bytes more than 0"
        raise ParleyError(E.E040, path="<flags>", detail=detail)
    return options


def _query(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from parley.store import EventQuery

    leave_out = () if getattr(args, "hypothetical", True) else ("hypothetical",)  # export leaves them out
    return EventQuery(
        actor=args.actor, dyad=tuple(args.dyad) if args.dyad else None, since=args.since,
        category=args.category, doc=args.doc, limit=args.limit, leave_out=leave_out,
    )  # fmt: skip


def cmd_events(args: argparse.Namespace) -> int:
    from parley.analysis.explain import explain
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        n = 0
        for e in store.events(_query(args)):
            text = store.article_text(e.article_id) if args.explain else ""
            print(explain(e, text, store.date_source(e.article_id)) + "\n" if args.explain else format_event(e))
            n += 1
    print(f"{n} events", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from parley.analysis.explain import explain
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        event = store.event(args.event_id)
        if event is None:
            print(f"no single event with id {args.event_id!r} in {args.db}; see `parley events`", file=sys.stderr)
            return 1
        print(explain(event, store.article_text(event.article_id), store.date_source(event.article_id)))
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    from parley.analysis.dyads import dyad_series_from_store
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        series = dyad_series_from_store(store, args.a, args.b, by=args.by)
    print(f"{'period':<9} {'events':>6} {'net':>7}  categories")
    for p in series.periods:
        cats = ", ".join(f"{c} {n}" for c, n in p.counts.items())
        print(f"{p.period:<9} {sum(p.counts.values()):>6} {p.net:>7.1f}  {cats}")
    if series.undated or series.imprecise:
        print(f"(left out: {series.undated} undated, {series.imprecise} dated too coarsely for a {args.by})")
    for period, jump in series.changes:
        print(f"change point {period}: net score {'+' if jump > 0 else ''}{jump}")
    if args.plot:
        from parley.analysis.plot import plot_series

        plot_series(series, args.plot)
        print(f"chart -> {args.plot}", file=sys.stderr)
    return 0


def cmd_clusters(args: argparse.Namespace) -> int:
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        clusters = store.clusters(_query(args))
    for c in clusters:
        sources = f"{c.sources} source{'s' if c.sources != 1 else ''}"
        print(f"{c.date or 'undated':<11} {c.source} -> {c.target}  {c.category} ({c.status})  "
              f"{sources}, first reported {c.first_reported or '?'}")  # fmt: skip
    print(f"{len(clusters)} real-world events", file=sys.stderr)
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from parley.analysis.network import build_network, plot_network, write_graphml, write_json
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        net = build_network(store.events(_query(args)))
    write = write_json if args.format == "json" else write_graphml
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            write(net, out)
    elif not args.plot:
        write(net, sys.stdout)
    if args.plot:
        plot_network(net, args.plot)
    print(f"{len(net.nodes)} actors, {len(net.edges)} edges", file=sys.stderr)
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from parley.analysis.maps import plot_map
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        path, drawn = plot_map(store.events(_query(args)), args.plot)
    print(f"{drawn} placed events -> {path}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from parley.api import create_app

    if not args.db.exists():
        from parley.errors import E

        raise ParleyError(E.E021, path=args.db)
    app = create_app(args.db, allow_ingest=args.allow_ingest, token=args.token)
    if args.allow_ingest:
        print(f"ingest token: {app.state.token}", file=sys.stderr)
    print(f"parley on http://{args.host}:{args.port}/  (API docs: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from parley.store import Store
    from parley.store.fetched import summary as fetched_summary

    with Store.open(args.db, read_only=True) as store:
        counts = store.counts()
        runs = store.runs(args.runs)
        pages, failures = fetched_summary(store.con)
    print(f"{args.db}: " + ", ".join(f"{n} {table}" for table, n in counts.items() if table != "runs"))
    if pages or failures:
        reasons = ", ".join(f"{n} x {code}" for code, n in sorted(failures.items()))
        print(f"fetched pages: {pages} stored, {sum(failures.values())} failed" + (f" ({reasons})" if reasons else ""))
    for r in runs:
        print(f"\nrun {r['started']} -> {r['finished']:%Y-%m-%d %H:%M:%S}  {' '.join(r['paths'])}")
        print(f"  ingested {r['documents']} documents ({r['articles']} articles, {r['events']} events), "
              f"{r['skipped']} already stored, {r['rejected']} rejected or skipped")  # fmt: skip
        for reason, n in sorted(_reasons(r["problems"]).items()):
            print(f"    {n} x {reason}")
        for p in r["problems"][:10]:
            print(f"    {p['message']}")
    return 0


def _reasons(problems: list[dict[str, str]]) -> dict[str, int]:
    from collections import Counter

    return dict(Counter(p["code"] for p in problems))


def cmd_quotes(args: argparse.Namespace) -> int:
    from parley.store import Store

    with Store.open(args.db, read_only=True) as store:
        n = 0
        for q in store.quotes(speaker=args.speaker, doc=args.doc):
            who = (q.speaker.name or q.speaker.country) if q.speaker else f"({q.speaker_text or 'unknown'})"
            print(f"{who}: “{q.text}”  [{q.doc_id}]")
            n += 1
    print(f"{n} quotes", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from parley.store import Store
    from parley.store.export import write_csv, write_jsonl

    write = write_jsonl if args.format == "jsonl" else write_csv
    with Store.open(args.db, read_only=True) as store:
        if args.format in {"gdelt", "polecat"}:
            return _export_table(store, args)
        if args.table:
            if args.format not in {"csv", "parquet"} or not args.output:
                print("--table needs --format csv or parquet and -o FILE", file=sys.stderr)
                return 2
            print(f"{store.dump(args.table, args.output, args.format)} rows -> {args.output}", file=sys.stderr)
            return 0
        if args.format == "parquet":
            if not args.output:
                print("Parquet needs a file: add -o events.parquet", file=sys.stderr)
                return 2
            print(f"{store.to_parquet(args.output, _query(args))} events -> {args.output}", file=sys.stderr)
            return 0
        events = store.events(_query(args))
        if args.output:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                n = write(events, out)
            print(f"{n} events -> {args.output}", file=sys.stderr)
        else:
            write(events, sys.stdout)
    return 0


def _export_table(store: Any, args: argparse.Namespace) -> int:
    from parley.store.tables import write_gdelt, write_polecat

    write = write_gdelt if args.format == "gdelt" else write_polecat
    events = {e.event_id: e for e in store.events(_query(args))}
    clusters = [c for c in store.clusters() if any(e in events for e in c.events)]
    if args.output:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            n = write(clusters, events, out)
        print(f"{n} real-world events -> {args.output}", file=sys.stderr)
    else:
        write(clusters, events, sys.stdout)
    return 0


def format_event(e: Event, width: int = 90) -> str:
    """One timeline line: date, source -> target, category, status, short evidence."""
    date = e.date.value or "undated"
    status = "" if e.status == "occurred" else f" ({e.status})"
    head = f"{date:<11} {_who(e.source.actor)} -> {_who(e.target.actor)}  {e.category}{status}"
    quote = e.evidence if len(e.evidence) <= width else e.evidence[: width - 1] + "…"
    source = f" according to {' < '.join(e.attribution)}" if e.attribution else ""
    sure = "" if e.certainty == "asserted" else f" {e.certainty}"
    return f"{head}{sure}{source}\n            “{quote}”  [{e.doc_id} {e.event_id[:8]}]"


def _who(actor: object) -> str:
    """ "Hong Kong police" reads HKG COP; a person acting for an organisation names both."""
    name = getattr(actor, "name", None)
    country = getattr(actor, "country", "?")
    sector = getattr(actor, "sector", "GOV")
    org = getattr(actor, "org", None)
    where = f"{country} {sector}" if sector not in {"GOV", "MIL", "IGO"} else str(country)
    if org:
        where = f"{org}, {where}"
    return f"{name} ({where})" if name else where


if __name__ == "__main__":
    raise SystemExit(main())
