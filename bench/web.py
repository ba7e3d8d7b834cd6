"""How fast the web API answers on a large database.

    .venv/bin/python bench/web.py [--events 100000]

Builds a database from the bundled examples, multiplies its events to the requested number
(new ids, dates spread over 2000-2025, the same sentences), then times the requests the page
makes on its first views: the events table, a dyad chart with its event list, an event's
evidence, actor autocomplete.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

from parley.api import create_app
from parley.config import load_config
from parley.pipeline import run

ROOT = Path(__file__).resolve().parents[1]


def grow(db: Path, target: int) -> int:
    """Copy the stored events until there are ``target`` of them (clusters are rebuilt for one copy only)."""
    con = duckdb.connect(str(db))
    n = int(con.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
    copies = max(target // max(n, 1) - 1, 0)
    con.execute(f"""
        INSERT INTO events
        SELECT substr(md5(e.event_id || '-' || i), 1, 16), e.doc_id, e.article_id, e.sentence_id, e.category,
               e.status, e.source_id, e.source_country, e.source_name, e.target_id, e.target_country,
               e.target_name,
               CASE WHEN e.date_value IS NULL THEN NULL
                    ELSE CAST(2000 + (i % 26) AS VARCHAR) || substr(e.date_value, 5) END,
               e.date_precision, e.confidence, e.cameo, e.trigger_start, e.trigger_end, e.sentence_start,
               e.sentence_end, e.record, e.certainty, e.reference, e.attribution, e.quote_id, e.place,
               e.place_country, e.lat, e.lon
        FROM events e, range(1, {copies + 1}) t(i)
    """)
    total = int(con.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
    con.close()
    return total


def timed(client: TestClient, path: str, params: dict | None = None, repeat: int = 5) -> tuple[float, float]:
    first = _once(client, path, params)
    rest = [_once(client, path, params) for _ in range(repeat)]
    return first, statistics.median(rest)


def _once(client: TestClient, path: str, params: dict | None) -> float:
    t0 = time.perf_counter()
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, r.text[:200])
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        run([ROOT / "examples" / "corpus"], db=db, config=load_config(overrides={"progress": False}))
        total = grow(db, args.events)
        client = TestClient(create_app(db))
        some = client.get("/api/events", params={"limit": 1}).json()["items"][0]["event_id"]
        checks = [
            ("events table, first page", "/api/events", {"limit": 50}),
            ("events table, filtered", "/api/events", {"category": "CONSULT", "since": "2018", "limit": 50}),
            ("dyad chart by year", "/api/dyad", {"a": "Donald Trump", "b": "Kim Jong Un", "by": "year"}),
            ("dyad event list", "/api/events", {"a": "Donald Trump", "b": "Kim Jong Un", "limit": 200}),
            ("one event's evidence", f"/api/events/{some}", None),
            ("actor autocomplete", "/api/actors", {"q": "kim"}),
        ]
        print(f"database: {total} events")
        for name, path, params in checks:
            first, median = timed(client, path, params)
            print(f"  {name:<26} first {first * 1000:7.1f} ms   then median {median * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
