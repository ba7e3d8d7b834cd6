"""Beyond one machine: the pipeline's stage functions on Apache Spark (PySpark).

    parley spark articles/ out/ --master local[4]
    spark-submit --py-files parley.zip -m parley.cli spark hdfs:///news/docs.parquet hdfs:///out

Stage 1 reads documents (files listed by the driver and read by the executors, or a Parquet
table of documents read by Spark itself), runs ``parley.pipeline.process`` per partition with
the engine (spaCy model, knowledge base, lexicon) built once per executor process, and writes
every table of the DuckDB store as Parquet under OUTPUT/<table>/, events and mentions
partitioned by year. Stage 2 groups the events by merge key (category, status class, the two
states) and runs the same ``cluster_events`` on each group, so the clusters equal a local
run's. The rows come from ``parley.store.document_rows``, the store's own row layout, so
``parley load OUTPUT --db x.duckdb`` (or DuckDB's ``read_parquet``) reads them directly.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.config import Config
from parley.errors import E, ParleyError
from parley.records import Document, Event, Rejected
from parley.store import DOCUMENT_TABLES, MERGE_TABLES

log = logging.getLogger("parley")

TABLES = (*DOCUMENT_TABLES, "actors")
BY_YEAR = ("events", "mentions")  # partitioned by the event's year
_ENGINE: Any = None  # one per executor Python process, built on first use (a worker-local service)
_ENGINE_KEY: Any = None  # the settings and imported actors it was built with


@dataclass(frozen=True)
class SparkSummary:
    documents: int
    events: int
    clusters: int
    rejected: tuple[Rejected, ...]
    output: str


def run_spark(
    inputs: Sequence[str], output: str | Path, *, config: Config, master: str | None = None,
    partitions: int | None = None, overwrite: bool = False, actors: Sequence[Any] = (),
) -> SparkSummary:  # fmt: skip
    """Process ``inputs`` on Spark and write the store's tables as Parquet under ``output``.
    ``actors`` are imported knowledge-base rows (``parley actors import``) the executors add to
    the built-in knowledge base."""
    out = Path(output)
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise ParleyError(E.E041, path=out, detail="it exists and is not empty; pass --overwrite to replace it")
        shutil.rmtree(out)
    spark = _session(master)
    try:
        return _run(spark, inputs, str(out), config, partitions, tuple(actors))
    finally:
        spark.stop()


def _session(master: str | None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise ParleyError(E.E042, detail="pyspark is not installed (pip install 'parley[spark]')") from err
    builder = SparkSession.builder.appName("parley")
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if (master or "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if not os.environ.get("PYSPARK_PYTHON"):  # executors run this interpreter (with parley installed)
        os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        spark = builder.getOrCreate()
    except Exception as err:  # no Java, bad master URL
        raise ParleyError(E.E042, detail=str(err).splitlines()[0][:300]) from err
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _run(
    spark: Any, inputs: Sequence[str], out: str, config: Config, partitions: int | None, actors: tuple[Any, ...]
) -> SparkSummary:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    settings = dataclasses.asdict(config)
    files, tables = _split_inputs(inputs)
    slices = partitions or max(sc.defaultParallelism, 1)
    parts = []
    if files:
        parts.append(sc.parallelize(files, min(slices, len(files))).mapPartitions(lambda it: _read_files(it, settings)))
    fields = config.fields
    for table in tables:
        parts.append(spark.read.parquet(table).rdd.map(lambda row: _document_from_row(row.asDict(), fields)))
    if not parts:
        raise ParleyError(E.E001, path=", ".join(inputs) or "(nothing)")
    docs = parts[0] if len(parts) == 1 else sc.union(parts)
    docs = docs.repartition(slices) if tables else docs
    shared = sc.broadcast(actors)
    rows = docs.mapPartitions(lambda it: _process_partition(it, settings, shared.value))
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    schemas = _schemas()
    for table in TABLES:
        frame = spark.createDataFrame(rows.filter(lambda r, t=table: r[0] == t).map(lambda r: r[1]), schemas[table])
        _write(frame, table, out)
    rejected = tuple(Rejected(*r[1]) for r in rows.filter(lambda r: r[0] == "rejected").collect())
    clusters = _merge(spark, out, schemas)
    events = spark.read.parquet(f"{out}/events").count()
    documents = spark.read.parquet(f"{out}/documents").count()
    rows.unpersist()
    return SparkSummary(documents, events, clusters, rejected, out)


def _split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(files for the executors to read, Parquet tables of documents for Spark to read)."""
    from parley.ingest import list_files

    files: list[str] = []
    tables: list[str] = []
    for name in inputs:
        path = Path(name)
        if "://" in name or path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
            tables.append(name)
            continue
        for item in list_files([path]):
            if isinstance(item, Rejected):
                raise ParleyError(E.E001, path=item.source)
            files.append(str(item))
    return files, tables


def _read_files(paths: Iterable[str], settings: dict[str, Any]) -> Iterator[Document | Rejected]:
    """The executors read the files themselves (a local disk in local mode, a shared one on a cluster)."""
    from parley.ingest import read_paths

    config = Config(**settings)
    for p in paths:
        yield from read_paths([Path(p)], config=config)


def _document_from_row(row: dict[str, Any], fields: dict[str, str] | None = None) -> Document | Rejected:
    """A row of a documents table: ``id`` (or ``doc_id``) and ``text``, optional ``title``, ``date``,
    ``url``, ``outlet``, ``author``; ``fields`` maps these names to other columns (``--field``)."""
    from parley.records import content_hash

    def get(name: str) -> Any:
        return row.get((fields or {}).get(name, name))

    doc_id = get("id") or row.get("doc_id")
    text = get("text")
    if not doc_id or not isinstance(text, str) or not text.strip():
        return Rejected(str(doc_id or "?"), "E005", E.E005.format(path="parquet table", line=doc_id, field="text"))
    meta = {k: str(get(k)) for k in ("title", "date", "url", "outlet") if get(k) not in (None, "")}
    author = get("author")
    return Document(
        doc_id=str(doc_id), source=str(row.get("source") or f"table:{doc_id}"), text=text,
        content_hash=content_hash(text, json.dumps(meta, sort_keys=True)), fmt=str(row.get("fmt") or "txt"),
        author=str(author) if author else None, **meta,
    )  # fmt: skip


def _process_partition(
    items: Iterable[Document | Rejected], settings: dict[str, Any], actors: tuple[Any, ...] = ()
) -> Iterator[tuple[str, Any]]:
    """(table, row) pairs for one partition: the engine is built once per executor process."""
    from parley.actors.stored import kb_with
    from parley.pipeline import Engine, process
    from parley.store import document_rows

    global _ENGINE, _ENGINE_KEY
    config = Config(**settings)
    if _ENGINE is None or (config, actors) != _ENGINE_KEY:
        _ENGINE = Engine.build(config, kb=kb_with(actors))
        _ENGINE_KEY = (config, actors)
    docs: list[Document] = []
    for item in items:
        if isinstance(item, Rejected):
            yield "rejected", (item.source, item.code, item.message)
        else:
            docs.append(item)
    for p in process(docs, _ENGINE):
        if isinstance(p, Rejected):
            yield "rejected", (p.source, p.code, p.message)
            continue
        tables = document_rows(p.doc, p.articles, p.sentences, p.events, p.quotes, p.signature)
        for table, rows in tables.items():
            for row in rows:
                yield table, row


def _schemas() -> dict[str, Any]:
    """Spark schemas from the DuckDB store's own tables: one definition of every column."""
    import duckdb
    from pyspark.sql.types import (
        BinaryType,
        BooleanType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
        TimestampType,
    )  # fmt: skip

    from parley.store.schema import migrate

    types = {"VARCHAR": StringType(), "INTEGER": IntegerType(), "DOUBLE": DoubleType(), "TIMESTAMP": TimestampType(),
             "BOOLEAN": BooleanType(), "BLOB": BinaryType(), "BIGINT": IntegerType()}  # fmt: skip
    con = duckdb.connect()
    migrate(con)
    out = {}
    for table in (*TABLES, *MERGE_TABLES):
        cols = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
        out[table] = StructType([StructField(name, types[kind], True) for name, kind in cols])
    con.close()
    return out


def _write(frame: Any, table: str, out: str) -> None:
    from pyspark.sql import functions as F

    if table in BY_YEAR:
        if table == "events":
            year = F.coalesce(F.substring("date_value", 1, 4), F.lit("undated"))
            frame = frame.withColumn("year", year)
        else:  # a mention takes its event's year
            years = frame.sparkSession.read.parquet(f"{out}/events").select("event_id", "year")
            frame = frame.join(years, "event_id", "left").select(*frame.columns, "year")
        frame.write.mode("overwrite").partitionBy("year").parquet(f"{out}/{table}")
    elif table == "actors":
        frame.dropDuplicates(["actor_id"]).write.mode("overwrite").parquet(f"{out}/{table}")
    else:
        frame.write.mode("overwrite").parquet(f"{out}/{table}")


def _merge(spark: Any, out: str, schemas: dict[str, Any]) -> int:
    """Stage 2: cross-article merging, one group of events per merge key, on the executors."""
    from parley.analysis.clusters import cluster_events, merge_key, near_duplicates
    from parley.store import cluster_row

    sigs = spark.read.parquet(f"{out}/documents").where("signature IS NOT NULL").select("doc_id", "signature")
    dups = near_duplicates({r.doc_id: tuple(json.loads(r.signature)) for r in sigs.toLocalIterator()})
    shared = spark.sparkContext.broadcast(dups)
    events = spark.read.parquet(f"{out}/events").select("record").rdd.map(lambda r: Event.from_dict(json.loads(r[0])))
    clusters = events.keyBy(merge_key).groupByKey().flatMap(lambda kv: cluster_events(kv[1], shared.value))
    clusters = clusters.persist()
    rows = clusters.map(cluster_row)
    members = clusters.flatMap(lambda c: [(e, c.cluster_id) for e in c.events])
    spark.createDataFrame(rows, schemas["clusters"]).write.mode("overwrite").parquet(f"{out}/clusters")
    spark.createDataFrame(members, schemas["event_clusters"]).write.mode("overwrite").parquet(f"{out}/event_clusters")
    dup_rows = spark.sparkContext.parallelize(sorted(dups.items()), 1)
    spark.createDataFrame(dup_rows, schemas["duplicates"]).write.mode("overwrite").parquet(f"{out}/duplicates")
    count = int(clusters.count())
    clusters.unpersist()
    return count
