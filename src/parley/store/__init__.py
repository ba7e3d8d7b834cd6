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
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from parley.errors import E, ParleyError
from parley.records import Actor, Article, Document, Event, Quote, Sentence
from parley.store.schema import migrate


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None  # matches names, countries or actor ids, case-insensitive
    dyad: tuple[str, str] | None = None  # either direction
    since: str | None = None  # ISO date prefix: events dated on or after it
    category: str | None = None
    doc: str | None = None
    limit: int | None = None


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        if read_only and not path.exists():
            raise ParleyError(E.E021, path=path)
        try:
            con = duckdb.connect(str(path), read_only=read_only)
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

    def known(self) -> set[tuple[str, str]]:
        """(doc_id, content_hash) of every stored document."""
        return {(r[0], r[1]) for r in self.con.execute("SELECT doc_id, content_hash FROM documents").fetchall()}

    def write(
        self, doc: Document, articles: Sequence[Article], sentences: Sequence[Sentence], events: Sequence[Event],
        quotes: Sequence[Quote] = (), signature: Sequence[int] = (),
    ) -> None:  # fmt: skip
        """Store a document and all that was derived from it, replacing an older version."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete_doc(doc.doc_id)
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)",
                [doc.doc_id, doc.content_hash, doc.source, doc.fmt, doc.encoding, doc.title, doc.date,
                 doc.url, doc.outlet, doc.text, json.dumps(signature) if signature else None],
            )  # fmt: skip
            _insert(con, "articles", [_article_row(a) for a in articles])
            dropped = [(a.article_id, s.start, s.end, s.kind, s.text) for a in articles for s in a.dropped]
            _insert(con, "dropped", dropped)
            rows = [(s.sentence_id, s.article_id, s.index, s.start, s.end, s.text) for s in sentences]
            _insert(con, "sentences", rows)
            _insert(con, "events", [_event_row(e) for e in events])
            _insert(con, "mentions", [m for e in events for m in _mention_rows(e)])
            _insert(con, "quotes", [_quote_row(q) for q in quotes])
            actors = {m.actor.actor_id: m.actor for e in events for m in (e.source, e.target)}
            self._upsert_actors(actors.values())
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _delete_doc(self, doc_id: str) -> None:
        for table in ("mentions", "events", "quotes"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        for table in ("sentences", "dropped"):
            self.con.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM articles WHERE doc_id = ?)", [doc_id]
            )
        self.con.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])

    def _upsert_actors(self, actors: Any) -> None:
        rows = [(a.actor_id, a.country, a.name, a.sector, a.kind) for a in actors]
        if rows:
            self.con.executemany("INSERT OR REPLACE INTO actors VALUES (?, ?, ?, ?, ?)", rows)

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
        """Regroup every stored event into real-world events (idempotent); returns the cluster count."""
        from parley.analysis.clusters import cluster_events, near_duplicates

        rows = self.con.execute("SELECT doc_id, signature FROM documents WHERE signature IS NOT NULL").fetchall()
        dups = near_duplicates({d: tuple(json.loads(sig)) for d, sig in rows})
        clusters = cluster_events(self.events(), dups)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("clusters", "event_clusters", "duplicates"):
                con.execute(f"DELETE FROM {table}")
            _insert(con, "duplicates", sorted(dups.items()))
            _insert(con, "clusters", [_cluster_row(c) for c in clusters])
            _insert(con, "event_clusters", [(e, c.cluster_id) for c in clusters for e in c.events])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(clusters)

    def clusters(self, query: EventQuery | None = None) -> list[Any]:
        """Real-world events (clusters) whose events match the query, by date."""
        from parley.analysis.clusters import Cluster

        wanted = {e.event_id for e in self.events(query)} if query else None
        out = []
        for row in self.con.execute("SELECT * FROM clusters ORDER BY date NULLS LAST, cluster_id").fetchall():
            cid, cat, status, src, tgt, date, first, _, sources, docs = row
            events = tuple(r[0] for r in self.con.execute(
                "SELECT event_id FROM event_clusters WHERE cluster_id = ? ORDER BY event_id", [cid]).fetchall())
            if wanted is None or wanted & set(events):
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

    def event(self, event_id: str) -> Event | None:
        """One event by id (a unique prefix of at least 6 characters is enough)."""
        rows = self.con.execute(
            "SELECT record FROM events WHERE event_id LIKE ? || '%' LIMIT 2", [event_id]
        ).fetchall()
        return Event.from_dict(json.loads(rows[0][0])) if len(rows) == 1 and len(event_id) >= 6 else None

    def article_text(self, article_id: str) -> str:
        row = self.con.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return str(row[0]) if row else ""

    def date_source(self, article_id: str) -> str | None:
        """Where the article's publication date came from (metadata, an 'Updated' line ...)."""
        row = self.con.execute("SELECT date_source FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] else None

    def counts(self) -> dict[str, int]:
        tables = ("documents", "articles", "sentences", "events", "actors", "mentions", "quotes", "clusters")
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # type: ignore[index]


def _cluster_row(c: Any) -> tuple[Any, ...]:
    return (c.cluster_id, c.category, c.status, c.source, c.target, c.date, c.first_reported, len(c.events),
            c.sources, json.dumps(list(c.documents)))  # fmt: skip


def _quote_of(row: tuple[Any, ...]) -> Quote:
    qid, doc, aid, start, end, text, sid, name, country, speaker_text, verb = row
    speaker = Actor(sid, country, name, "GOV", "person" if name else "state") if sid else None
    return Quote(qid, doc, aid, start, end, text, speaker, speaker_text or "", verb or "")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


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
    where, params = [], []
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
    if q.doc:
        where.append("doc_id = ?")
        params.append(q.doc)
    sql = "SELECT record FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += ORDER
    if q.limit:
        sql += f" LIMIT {int(q.limit)}"
    return sql, params


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
ORDER = " ORDER BY date_value NULLS LAST, doc_id, sentence_start, trigger_start"


def _actor_match(role: str) -> str:
    return (f"(lower({role}_name) LIKE '%' || lower(?) || '%' OR upper({role}_country) = upper(?)"
            f" OR lower({role}_id) = lower(?))")  # fmt: skip
