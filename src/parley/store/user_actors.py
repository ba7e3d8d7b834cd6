"""The ``user_actors`` table: knowledge-base rows imported from users' dictionaries.

One row per imported record, keyed by a content hash of its file, data-file stem and cells, so
importing a file again replaces what came from that file and an unchanged file changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb

from parley.actors.model import ImportedRow
from parley.records import content_hash
from parley.store.schema import transaction


def record_id(row: ImportedRow) -> str:
    return content_hash(row.source, row.stem, json.dumps(sorted(row.cells.items())))


def has_table(con: duckdb.DuckDBPyConnection) -> bool:
    """False for a database made before migration 0007 and opened read-only."""
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'user_actors'").fetchone()
    return bool(found and found[0])


def read_rows(con: duckdb.DuckDBPyConnection, *, source: str | None = None) -> list[ImportedRow]:
    """Imported rows in import order (optionally from one file only)."""
    if not has_table(con):
        return []
    sql = "SELECT stem, cells, source, line FROM user_actors"
    where, params = (" WHERE source = ?", [source]) if source is not None else ("", [])
    found = con.execute(sql + where + " ORDER BY imported_at, source, line, record_id", params).fetchall()
    return [ImportedRow(stem, json.loads(cells), src, line) for stem, cells, src, line in found]


def replace_source(con: duckdb.DuckDBPyConnection, source: str, rows: Sequence[ImportedRow]) -> tuple[int, int]:
    """Make ``source``'s stored rows exactly ``rows`` in one transaction; returns (added, removed)."""
    old = {r[0] for r in con.execute("SELECT record_id FROM user_actors WHERE source = ?", [source]).fetchall()}
    new = {record_id(r): r for r in rows}
    with transaction(con):
        gone = sorted(old - new.keys())
        if gone:
            con.executemany("DELETE FROM user_actors WHERE record_id = ?", [[g] for g in gone])
        fresh = [(k, r.source, r.line, r.stem, json.dumps(dict(r.cells))) for k, r in new.items() if k not in old]
        if fresh:
            con.executemany("INSERT INTO user_actors VALUES (?, ?, ?, ?, ?, now())", fresh)
    return len(fresh), len(gone)


def sources(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, dict[str, int]]]:
    """(file, when first imported, rows per data-file stem) for every imported file."""
    if not has_table(con):
        return []
    found = con.execute(
        "SELECT source, min(imported_at), stem, count(*) FROM user_actors GROUP BY source, stem ORDER BY 2, 1, 3"
    ).fetchall()
    out: dict[str, tuple[str, dict[str, int]]] = {}
    for source, when, stem, n in found:
        out.setdefault(source, (f"{when:%Y-%m-%d %H:%M}", {}))[1][stem] = n
    return [(source, when, counts) for source, (when, counts) in out.items()]
