"""The database schema as ordered, named migrations; ``migrate`` applies the missing ones."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, source VARCHAR, fmt VARCHAR,
            encoding VARCHAR, title VARCHAR, date VARCHAR, url VARCHAR, outlet VARCHAR, text VARCHAR,
            ingested_at TIMESTAMP);
        CREATE TABLE articles (
            article_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, part INTEGER, title VARCHAR,
            date VARCHAR, date_source VARCHAR, url VARCHAR, outlet VARCHAR, text VARCHAR);
        CREATE TABLE dropped (
            article_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, kind VARCHAR, text VARCHAR);
        CREATE TABLE sentences (
            sentence_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER,
            start_char INTEGER, end_char INTEGER, text VARCHAR);
        CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY, country VARCHAR, name VARCHAR, sector VARCHAR, kind VARCHAR);
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            sentence_id VARCHAR NOT NULL, category VARCHAR, status VARCHAR,
            source_id VARCHAR, source_country VARCHAR, source_name VARCHAR,
            target_id VARCHAR, target_country VARCHAR, target_name VARCHAR,
            date_value VARCHAR, date_precision VARCHAR, confidence DOUBLE, cameo VARCHAR,
            trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
            record VARCHAR);
        CREATE TABLE mentions (
            event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, role VARCHAR, start_char INTEGER,
            end_char INTEGER, text VARCHAR, actor_id VARCHAR, how VARCHAR);
        CREATE INDEX events_doc ON events (doc_id);
        """,
    ),
    (
        "0002_trust",
        """
        ALTER TABLE events ADD COLUMN certainty VARCHAR;
        ALTER TABLE events ADD COLUMN reference VARCHAR;
        ALTER TABLE events ADD COLUMN attribution VARCHAR;
        ALTER TABLE events ADD COLUMN quote_id VARCHAR;
        ALTER TABLE articles ADD COLUMN genre VARCHAR;
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            start_char INTEGER, end_char INTEGER, text VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR,
            speaker_country VARCHAR, speaker_text VARCHAR, verb VARCHAR);
        """,
    ),
    (
        "0003_clusters",
        """
        ALTER TABLE documents ADD COLUMN signature VARCHAR;
        CREATE TABLE clusters (
            cluster_id VARCHAR PRIMARY KEY, category VARCHAR, status VARCHAR, source_id VARCHAR,
            target_id VARCHAR, date VARCHAR, first_reported VARCHAR, events INTEGER, sources INTEGER,
            documents VARCHAR);
        CREATE TABLE event_clusters (event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL);
        CREATE TABLE duplicates (doc_id VARCHAR PRIMARY KEY, copy_of VARCHAR NOT NULL);
        """,
    ),
    (
        "0004_places",
        """
        ALTER TABLE events ADD COLUMN place VARCHAR;
        ALTER TABLE events ADD COLUMN place_country VARCHAR;
        ALTER TABLE events ADD COLUMN lat DOUBLE;
        ALTER TABLE events ADD COLUMN lon DOUBLE;
        """,
    ),
    (
        "0005_runs",
        """
        CREATE TABLE runs (
            started TIMESTAMP, finished TIMESTAMP, paths VARCHAR, documents INTEGER, articles INTEGER,
            events INTEGER, skipped INTEGER, rejected INTEGER, problems VARCHAR);
        """,
    ),
    (
        "0006_fetch",
        """
        CREATE TABLE fetched (
            url VARCHAR PRIMARY KEY, final_url VARCHAR, status INTEGER, content_type VARCHAR, charset VARCHAR,
            body BLOB, fetched_at TIMESTAMP, error_code VARCHAR, error VARCHAR, transient BOOLEAN);
        """,
    ),
    (
        "0007_user_actors",
        """
        CREATE TABLE user_actors (
            record_id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, line INTEGER, stem VARCHAR NOT NULL,
            cells VARCHAR NOT NULL, imported_at TIMESTAMP);
        """,
    ),
    ("0008_author", "ALTER TABLE documents ADD COLUMN author VARCHAR;"),
    (
        # sentence ids are content hashes, unique by construction; their index held most of the
        # database's memory on big corpora (2.5 million keys for 100,000 articles)
        "0009_sentences_unindexed",
        """
        CREATE TABLE sentences_plain AS SELECT * FROM sentences;
        DROP TABLE sentences;
        ALTER TABLE sentences_plain RENAME TO sentences;
        """,
    ),
)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet recorded in ``schema_migrations``; returns their names."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        applied.append(name)
    return applied


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All the statements of the block or none: committed at its end, rolled back on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
