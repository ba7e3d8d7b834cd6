"""Store: an embedded DuckDB file with documents, articles, sentences, actors, mentions, events.

    with Store.open(Path("parley.duckdb")) as store:
        if not store.has(doc): store.write(doc, articles, sentences, events)

The schema is created and migrated by ordered, named migrations (``schema.py``). Each
document is written in one transaction together with everything derived from it, so
a killed run leaves whole documents or none, and a rerun skips what is stored
(document ids plus content hashes). One writer; readers open the file read-only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from parley.errors import E, ParleyError
from parley.records import CATEGORIES, SYMMETRIC, Actor, Article, Document, Event, Quote, Sentence
from parley.store.schema import migrate, transaction


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None  # matches names, countries or actor ids, case-insensitive
    dyad: tuple[str, str] | None = None  # either direction
    since: str | None = None  # ISO date prefix: events dated on or after it
    category: str | None = None
    doc: str | None = None
    limit: int | None = None
    status: str | None = None
    certainty: str | None = None
    until: str | None = None  # ISO date prefix: events dated on or before it
    text: str | None = None  # words in the evidence sentence
    offset: int = 0
    sort: str = "date"  # date | category | confidence | doc
    descending: bool = False
    leave_out: tuple[str, ...] = ()  # statuses left out ("hypothetical": the export's default)


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, memory_limit: str | None = None) -> Store:
        """Open (creating and migrating) the database; ``memory_limit`` (e.g. "512MB") caps DuckDB's
        buffer pool, which otherwise caches up to 80% of RAM as the database grows."""
        if read_only and not path.exists():
            raise ParleyError(E.E021, path=path)
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            if memory_limit:
                con.execute(f"SET memory_limit = '{memory_limit.replace(chr(39), '')}'")
        except duckdb.Error as err:
            raise ParleyError(E.E020, path=path, detail=str(err).splitlines()[0]) from err
        if not read_only:
            migrate(con)
        return cls(con, path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known(self, ids: Sequence[str] | None = None) -> set[tuple[str, str]]:
        """(doc_id, content_hash) of the stored documents (of those with ``ids`` when given)."""
        if ids is None:
            rows = self.con.execute("SELECT doc_id, content_hash FROM documents").fetchall()
        else:
            sql = "SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?))"
            rows = self.con.execute(sql, [list(ids)]).fetchall()
        return {(r[0], r[1]) for r in rows}

    def write(
        self, doc: Document, articles: Sequence[Article], sentences: Sequence[Sentence], events: Sequence[Event],
        quotes: Sequence[Quote] = (), signature: Sequence[int] = (),
    ) -> None:  # fmt: skip
        """Store a document and all that was derived from it, replacing an older version."""
        self.write_many([document_rows(doc, articles, sentences, events, quotes, signature)])

    def write_many(self, batch: Sequence[dict[str, list[tuple[Any, ...]]]]) -> None:
        """Store several documents' rows (from ``document_rows``) in one transaction: all or none.
        Older versions of the same documents are replaced."""
        if not batch:
            return
        con = self.con
        tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in (*DOCUMENT_TABLES, "actors")}
        for rows in batch:
            for table, part in rows.items():
                tables[table] += part
        ids = [row[0] for row in tables["documents"]]
        with transaction(con):
            stored = con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
            for (doc_id,) in stored:  # a new version of a stored document
                self._delete_doc(doc_id)
            for table in DOCUMENT_TABLES:
                _insert(con, table, tables[table])
            actors = sorted(set(tables["actors"]), key=str)
            if actors:
                con.executemany("INSERT OR REPLACE INTO actors VALUES (?, ?, ?, ?, ?)", actors)

    def load_parquet(self, folder: Path) -> dict[str, int]:
        """Load a ``parley spark`` output folder (one Parquet folder per table); documents already
        stored are replaced. Returns the rows loaded per table."""
        con = self.con
        fresh = not self.counts()["documents"]
        wanted = [*DOCUMENT_TABLES, "actors"] + (list(MERGE_TABLES) if fresh else [])
        missing = [t for t in DOCUMENT_TABLES if not (folder / t).is_dir()]
        if missing:
            raise ParleyError(E.E021, path=folder / missing[0])
        out: dict[str, int] = {}
        with transaction(con):
            docs = _parquet(folder / "documents")
            for (doc_id,) in con.execute(f"SELECT doc_id FROM {docs}").fetchall():
                self._delete_doc(doc_id)
            for table in wanted:
                if not (folder / table).is_dir():
                    continue
                cols = ", ".join(r[0] for r in con.execute(f"DESCRIBE {table}").fetchall())
                verb = "INSERT OR REPLACE" if table == "actors" else "INSERT"
                con.execute(f"{verb} INTO {table} SELECT DISTINCT {cols} FROM {_parquet(folder / table)}")
                out[table] = int(con.execute(f"SELECT count(*) FROM {_parquet(folder / table)}").fetchone()[0])  # type: ignore[index]
        if not fresh:
            out["clusters"] = self.rebuild_clusters()
        return out

    def _delete_doc(self, doc_id: str) -> None:
        for table in ("mentions", "events", "quotes"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        for table in ("sentences", "dropped"):
            self.con.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM articles WHERE doc_id = ?)", [doc_id]
            )
        self.con.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])

    def events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events, ordered by date (undated last), then document and position."""
        sql, params = _event_sql(query or EventQuery())
        for (record,) in self.con.execute(sql, params).fetchall():
            yield Event.from_dict(json.loads(record))

    def to_parquet(self, path: Path, query: EventQuery | None = None) -> int:
        """Write the matching events as a Parquet table (one column per field, plus the cluster id)."""
        sql, params = _event_sql(query or EventQuery())
        select = sql.replace("SELECT record FROM events", "SELECT e.* EXCLUDE (record), c.cluster_id FROM events e "
                             "LEFT JOIN event_clusters c USING (event_id)", 1)  # fmt: skip
        target = str(path).replace("'", "''")
        self.con.execute(f"COPY ({select}) TO '{target}' (FORMAT PARQUET)", params)
        row = self.con.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()
        return int(row[0]) if row else 0

    def record_run(self, started: str, paths: Sequence[str], summary: Any) -> None:
        """Keep a run's summary, with every rejection's code and message, for `parley status`."""
        problems = json.dumps([{"source": r.source, "code": r.code, "message": r.message} for r in summary.rejected])
        self.con.execute(
            "INSERT INTO runs VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?)",
            [started, json.dumps(list(paths)), summary.documents, summary.articles, summary.events, summary.skipped,
             len(summary.rejected), problems],
        )  # fmt: skip

    def runs(self, limit: int = 10) -> list[dict[str, Any]]:
        cols = ("started", "finished", "paths", "documents", "articles", "events", "skipped", "rejected", "problems")
        rows = self.con.execute(f"SELECT * FROM runs ORDER BY started DESC LIMIT {int(limit)}").fetchall()
        out = [dict(zip(cols, r, strict=True)) for r in rows]
        for r in out:
            r["paths"], r["problems"] = json.loads(r["paths"]), json.loads(r["problems"])
        return out

    def dump(self, table: str, path: Path, fmt: str) -> int:
        """Write a whole table (``TABLES``) as Parquet or CSV; ``sources`` lists each real-world
        event's reporting documents."""
        if table not in TABLES:
            raise ParleyError(E.E040, path=path, detail=f"no table {table!r}; choose from {sorted(TABLES)}")
        target = str(path).replace("'", "''")
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        self.con.execute(f"COPY ({TABLES[table]}) TO '{target}' ({options})")
        row = self.con.execute(f"SELECT count(*) FROM ({TABLES[table]})").fetchone()
        return int(row[0]) if row else 0

    def rebuild_clusters(self) -> int:
        """Regroup every stored event into real-world events (idempotent); returns the cluster count.

        Events stream from the database one merge key at a time (category, status class, the two
        states), so memory holds the largest group, not the corpus."""
        from parley.analysis.clusters import cluster_events

        dups = self.near_duplicates()
        con = self.con
        reader = con.cursor()  # a second connection streams the events while this one writes
        count = 0
        try:
            with transaction(con):
                for table in ("clusters", "event_clusters", "duplicates"):
                    con.execute(f"DELETE FROM {table}")
                _insert(con, "duplicates", sorted(dups.items()))
                for group in _merge_groups(reader):
                    clusters = cluster_events(group, dups)
                    _insert(con, "clusters", [cluster_row(c) for c in clusters])
                    _insert(con, "event_clusters", [(e, c.cluster_id) for c in clusters for e in c.events])
                    count += len(clusters)
        finally:
            reader.close()
        return count

    def near_duplicates(self) -> dict[str, str]:
        """Syndicated copies by the rule of ``analysis.clusters.near_duplicates``, run inside DuckDB
        (which spills to disk past its memory limit): each document meets only the first document of
        each of its 16 MinHash band buckets, so the candidate pairs stay under 16 per document however
        many copies a story has; only the copies come back to Python."""
        from parley.analysis.clusters import BAND, DUPLICATE, NUM_HASHES

        rows = self.con.execute(
            f"""WITH sig AS (SELECT doc_id, CAST(signature AS BIGINT[]) AS s FROM documents
                             WHERE signature IS NOT NULL),
                bands AS (SELECT doc_id, b, s[b * {BAND} + 1 : b * {BAND} + {BAND}] AS band
                          FROM sig, range({NUM_HASHES // BAND}) AS r(b)),
                leaders AS (SELECT b, band, min(doc_id) AS first FROM bands GROUP BY b, band),
                pairs AS (SELECT DISTINCT x.doc_id AS doc, l.first AS earlier FROM bands x
                          JOIN leaders l ON x.b = l.b AND x.band = l.band AND l.first < x.doc_id)
            SELECT p.doc, min(p.earlier) FROM pairs p
                JOIN sig a ON a.doc_id = p.doc JOIN sig c ON c.doc_id = p.earlier
            WHERE len(list_filter(list_zip(a.s, c.s), lambda z: z[1] = z[2])) >= {DUPLICATE} * {NUM_HASHES}
            GROUP BY p.doc ORDER BY p.doc"""
        ).fetchall()
        out: dict[str, str] = {}
        for doc, match in rows:  # in document order, so a copy of a copy maps to the original
            out[doc] = out.get(match, match)
        return out

    def clusters(self, query: EventQuery | None = None) -> list[Any]:
        """Real-world events (clusters) whose events match the query, by date."""
        wanted = {e.event_id for e in self.events(query)} if query else None
        return [c for c in self._clusters_where("true", []) if wanted is None or wanted & set(c.events)]

    def _clusters_where(self, where: str, params: list[Any]) -> list[Any]:
        from parley.analysis.clusters import Cluster

        members: dict[str, list[str]] = {}
        rows = self.con.execute(  # only the members of the clusters asked for
            "SELECT event_id, cluster_id FROM event_clusters WHERE cluster_id IN"
            f" (SELECT cluster_id FROM clusters WHERE {where}) ORDER BY event_id",
            params,
        ).fetchall()
        for eid, cid in rows:
            members.setdefault(cid, []).append(eid)
        sql = f"SELECT * FROM clusters WHERE {where} ORDER BY date NULLS LAST, cluster_id"
        out = []
        for cid, cat, status, src, tgt, date, first, _, sources, docs in self.con.execute(sql, params).fetchall():
            events = tuple(members.get(cid, []))
            out.append(Cluster(cid, cat, status, src, tgt, date, first, events, tuple(json.loads(docs)), sources))
        return out

    def quotes(self, speaker: str | None = None, doc: str | None = None) -> Iterator[Quote]:
        """Stored quotes, by document and position; ``speaker`` matches names, countries or ids."""
        sql = "SELECT * FROM quotes WHERE true"
        params: list[Any] = []
        if speaker:
            sql += (" AND (lower(speaker_name) LIKE '%' || lower(?) || '%' OR upper(speaker_country) = upper(?)"
                    " OR lower(speaker_id) = lower(?))")  # fmt: skip
            params += [speaker] * 3
        if doc:
            sql += " AND doc_id = ?"
            params.append(doc)
        for row in self.con.execute(sql + " ORDER BY doc_id, start_char", params).fetchall():
            yield _quote_of(row)

    def count(self, query: EventQuery | None = None) -> int:
        """How many stored events match the query (ignoring its limit and offset)."""
        sql, params = _event_sql(replace(query or EventQuery(), limit=None))
        row = self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        return int(row[0]) if row else 0

    def actors(self, text: str = "", limit: int = 20) -> list[tuple[str, str, str, int]]:
        """Actors seen in events whose name, country or id contains ``text``: (id, name, country, events)."""
        sql = (
            "SELECT id, any_value(name), any_value(country), count(*) AS n FROM ("
            " SELECT source_id AS id, source_name AS name, source_country AS country FROM events UNION ALL"
            " SELECT target_id, target_name, target_country FROM events)"
            " WHERE lower(coalesce(name, '')) LIKE '%' || lower(?) || '%' OR lower(id) LIKE '%' || lower(?) || '%'"
            " GROUP BY id ORDER BY n DESC, id LIMIT ?"
        )
        return [(r[0], r[1] or r[2], r[2], int(r[3])) for r in self.con.execute(sql, [text, text, limit]).fetchall()]

    def partners(self, actor_id: str, limit: int = 10) -> list[tuple[str, str, int]]:
        """The actors an actor has most events with, either direction: (id, name, events)."""
        sql = (
            "SELECT other, any_value(name), count(*) AS n FROM ("
            " SELECT target_id AS other, coalesce(target_name, target_country) AS name FROM events WHERE source_id = ?"
            " UNION ALL SELECT source_id, coalesce(source_name, source_country) FROM events WHERE target_id = ?)"
            " GROUP BY other ORDER BY n DESC, other LIMIT ?"
        )
        return [(r[0], r[1], int(r[2])) for r in self.con.execute(sql, [actor_id, actor_id, limit]).fetchall()]

    def period_counts(self, query: EventQuery, by: str) -> list[tuple[str | None, str, str, str, int]]:
        """(period, category, status, certainty, events) for the matching events; the period is None
        for undated events and "" for dates too coarse for a month."""
        inner, params = _select(query, f"{_period(by)} AS period, category, status, certainty")
        sql = f"SELECT period, category, status, certainty, count(*) FROM ({inner}) GROUP BY ALL ORDER BY period"
        rows = self.con.execute(sql, params).fetchall()
        return [(r[0], r[1], r[2], r[3] or "asserted", int(r[4])) for r in rows]

    def top_events(self, query: EventQuery, by: str, weight: dict[str, float]) -> dict[str, Event]:
        """Per period, the event with the largest weight (by category), then the highest confidence."""
        known = {c: abs(float(v)) for c, v in weight.items() if c in CATEGORIES}
        case = "CASE category " + " ".join(f"WHEN '{c}' THEN {v}" for c, v in known.items()) + " ELSE 0 END"
        inner, params = _select(query, f"{_period(by)} AS period, record, {case} AS w, confidence")
        window = "row_number() OVER (PARTITION BY period ORDER BY w DESC, confidence DESC) AS k"
        ranked = (f"SELECT period, record FROM (SELECT *, {window} FROM ({inner})"
                  " WHERE period <> '' AND period IS NOT NULL) WHERE k = 1")  # fmt: skip
        return {p: Event.from_dict(json.loads(r)) for p, r in self.con.execute(ranked, params).fetchall()}

    def sources(self, cluster_id: str) -> list[dict[str, Any]]:
        """The documents reporting a real-world event, with title, date, outlet and copy-of."""
        sql = f"SELECT * FROM ({TABLES['sources']}) WHERE cluster_id = ?"
        cols = ("cluster_id", "doc_id", "title", "published", "url", "outlet", "copy_of")
        return [dict(zip(cols, r, strict=True)) for r in self.con.execute(sql, [cluster_id]).fetchall()]

    def cluster_of(self, event_id: str) -> Any:
        """The real-world event (cluster) an event belongs to, or None."""
        row = self.con.execute("SELECT cluster_id FROM event_clusters WHERE event_id = ?", [event_id]).fetchone()
        if row is None:
            return None
        return next((c for c in self._clusters_where("cluster_id = ?", [row[0]])), None)

    def event(self, event_id: str) -> Event | None:
        """One event by id (a unique prefix of at least 6 characters is enough)."""
        rows = self.con.execute("SELECT record FROM events WHERE event_id LIKE ? || '%' LIMIT 2", [event_id]).fetchall()
        return Event.from_dict(json.loads(rows[0][0])) if len(rows) == 1 and len(event_id) >= 6 else None

    def article_text(self, article_id: str) -> str:
        row = self.con.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return str(row[0]) if row else ""

    def date_source(self, article_id: str) -> str | None:
        """Where the article's publication date came from (metadata, an 'Updated' line ...)."""
        row = self.con.execute("SELECT date_source FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] else None

    def counts(self) -> dict[str, int]:
        tables = ("documents", "articles", "sentences", "events", "actors", "mentions", "quotes", "clusters", "runs")
        present = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables if t in present}  # type: ignore[index]


DOCUMENT_TABLES = ("documents", "articles", "dropped", "sentences", "events", "mentions", "quotes")
MERGE_TABLES = ("clusters", "event_clusters", "duplicates")


def _merge_groups(reader: duckdb.DuckDBPyConnection, size: int = 2000) -> Iterator[list[Event]]:
    """All stored events, one merge-key group at a time (the key computed in SQL as
    ``parley.analysis.clusters.merge_key`` computes it in Python)."""
    from parley.categories import STATUS_CLASS

    sym = ", ".join(f"'{c}'" for c in sorted(SYMMETRIC))
    classes = " ".join(f"WHEN '{status}' THEN '{cls}'" for status, cls in STATUS_CLASS.items())
    reader.execute(
        f"""SELECT category, coalesce(CASE status {classes} END, status) AS sc,
                   CASE WHEN category IN ({sym}) THEN least(source_country, target_country)
                        ELSE source_country END AS a,
                   CASE WHEN category IN ({sym}) THEN greatest(source_country, target_country)
                        ELSE target_country END AS b,
                   record
            FROM events ORDER BY 1, 2, 3, 4"""
    )
    key: tuple[str, ...] | None = None
    group: list[Event] = []
    while rows := reader.fetchmany(size):
        for *k, record in rows:
            if tuple(k) != key and group:
                yield group
                group = []
            key = tuple(k)
            group.append(Event.from_dict(json.loads(record)))
    if group:
        yield group


def _parquet(folder: Path) -> str:
    path = str(folder).replace("'", "''")
    return f"read_parquet('{path}/**/*.parquet', hive_partitioning = false, union_by_name = true)"


def document_rows(
    doc: Document, articles: Sequence[Article], sentences: Sequence[Sentence], events: Sequence[Event],
    quotes: Sequence[Quote] = (), signature: Sequence[int] = (),
) -> dict[str, list[tuple[Any, ...]]]:  # fmt: skip
    """The table rows of one processed document, in the tables' column order (the one row layout
    for the DuckDB store and the Spark runner's Parquet)."""
    return {
        "documents": [(doc.doc_id, doc.content_hash, doc.source, doc.fmt, doc.encoding, doc.title, doc.date,
                       doc.url, doc.outlet, doc.text, datetime.now(), json.dumps(signature) if signature else None,
                       doc.author)],
        "articles": [_article_row(a) for a in articles],
        "dropped": [(a.article_id, s.start, s.end, s.kind, s.text) for a in articles for s in a.dropped],
        "sentences": [(s.sentence_id, s.article_id, s.index, s.start, s.end, s.text) for s in sentences],
        "events": [_event_row(e) for e in events],
        "mentions": [m for e in events for m in _mention_rows(e)],
        "quotes": [_quote_row(q) for q in quotes],
        "actors": sorted({(a.actor_id, a.country, a.name, a.sector, a.kind)
                          for e in events for a in (e.source.actor, e.target.actor)}, key=str),
    }  # fmt: skip


def cluster_row(c: Any) -> tuple[Any, ...]:
    return (c.cluster_id, c.category, c.status, c.source, c.target, c.date, c.first_reported, len(c.events),
            c.sources, json.dumps(list(c.documents)))  # fmt: skip


def _quote_of(row: tuple[Any, ...]) -> Quote:
    qid, doc, aid, start, end, text, sid, name, country, speaker_text, verb = row
    speaker = Actor(sid, country, name, "GOV", "person" if name else "state") if sid else None
    return Quote(qid, doc, aid, start, end, text, speaker, speaker_text or "", verb or "")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]], chunk: int = 200) -> None:
    """Rows in multi-row INSERTs (ten times faster than ``executemany`` row by row)."""
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    for i in range(0, len(rows), chunk):
        part = rows[i : i + chunk]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join([one] * len(part)), [v for r in part for v in r])


def _article_row(a: Article) -> tuple[Any, ...]:
    return (a.article_id, a.doc_id, a.part, a.title, a.date, a.date_source, a.url, a.outlet, a.text, a.genre)


def _quote_row(q: Quote) -> tuple[Any, ...]:
    sp = q.speaker
    return (q.quote_id, q.doc_id, q.article_id, q.start, q.end, q.text, sp.actor_id if sp else None,
            sp.name if sp else None, sp.country if sp else None, q.speaker_text, q.verb)  # fmt: skip


def _event_row(e: Event) -> tuple[Any, ...]:
    s, t = e.source.actor, e.target.actor
    return (
        e.event_id, e.doc_id, e.article_id, e.sentence_id, e.category, e.status, s.actor_id, s.country, s.name,
        t.actor_id, t.country, t.name, e.date.value, e.date.precision, e.confidence, e.cameo,
        e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, json.dumps(e.to_dict()),
        e.certainty, e.reference, " < ".join(e.attribution), e.quote_id,
        e.place.name if e.place else None, e.place.country if e.place else None,
        e.place.lat if e.place else None, e.place.lon if e.place else None,
    )  # fmt: skip


def _mention_rows(e: Event) -> list[tuple[Any, ...]]:
    return [
        (e.event_id, e.doc_id, role, m.start, m.end, m.text, m.actor.actor_id, m.how)
        for role, m in (("source", e.source), ("target", e.target))
    ]


def _event_sql(q: EventQuery) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if q.actor:
        where.append("(" + _actor_match("source") + " OR " + _actor_match("target") + ")")
        params += [q.actor] * 6
    if q.dyad:
        a, b = q.dyad
        pair = f"({_actor_match('source')} AND {_actor_match('target')})"
        where.append(f"({pair} OR {pair})")
        params += [a] * 3 + [b] * 3 + [b] * 3 + [a] * 3
    if q.since:
        where.append("date_value >= ?")
        params.append(q.since)
    if q.category:
        where.append("category = ?")
        params.append(q.category.upper())
    for column, value in (("doc_id", q.doc), ("status", q.status), ("certainty", q.certainty)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if q.leave_out:
        where.append("status NOT IN (" + ", ".join("?" for _ in q.leave_out) + ")")
        params += list(q.leave_out)
    if q.until:
        where.append("date_value IS NOT NULL AND left(date_value, ?) <= ?")
        params += [len(q.until), q.until]
    if q.text:
        where.append("json_extract_string(record, '$.evidence') ILIKE '%' || ? || '%'")
        params.append(q.text)
    sql = "SELECT record FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += _order(q)
    if q.limit:
        sql += f" LIMIT {int(q.limit)} OFFSET {max(int(q.offset), 0)}"
    return sql, params


def _select(query: EventQuery, columns: str) -> tuple[str, list[Any]]:
    """The query's filters with other columns selected and no ordering or paging."""
    sql, params = _event_sql(replace(query, limit=None))
    return sql.split(" ORDER BY ")[0].replace("SELECT record FROM events", f"SELECT {columns} FROM events", 1), params


def _period(by: str) -> str:
    first = "split_part(date_value, '/', 1)"
    if by == "year":
        return f"left({first}, 4)"
    return f"CASE WHEN date_value IS NULL THEN NULL WHEN length({first}) >= 7 THEN left({first}, 7) ELSE '' END"


SORTS = {"date": "date_value", "category": "category", "confidence": "confidence", "doc": "doc_id"}


def _order(q: EventQuery) -> str:
    column = SORTS.get(q.sort, "date_value")
    direction = "DESC" if q.descending else "ASC"
    return f" ORDER BY {column} {direction} NULLS LAST, doc_id, sentence_start, trigger_start"


TABLES = {
    "events": "SELECT e.* EXCLUDE (record), c.cluster_id FROM events e LEFT JOIN event_clusters c USING (event_id)",
    "mentions": "SELECT * FROM mentions",
    "clusters": "SELECT * EXCLUDE (documents) FROM clusters",
    "sources": "SELECT DISTINCT c.cluster_id, e.doc_id, coalesce(d.title, a.title) AS title,"
               " coalesce(d.date, a.date) AS published, d.url, d.outlet,"
               " dup.copy_of FROM event_clusters c JOIN events e USING (event_id) JOIN documents d USING (doc_id)"
               " JOIN articles a ON a.article_id = e.article_id"
               " LEFT JOIN duplicates dup ON dup.doc_id = e.doc_id ORDER BY c.cluster_id, e.doc_id",
    "quotes": "SELECT * FROM quotes",
    "articles": "SELECT * EXCLUDE (text) FROM articles",
}  # fmt: skip


def _actor_match(role: str) -> str:
    return (f"(lower({role}_name) LIKE '%' || lower(?) || '%' OR upper({role}_country) = upper(?)"
            f" OR lower({role}_id) = lower(?))")  # fmt: skip
