"""The ``fetched`` table: raw pages (or why they failed) kept before processing, one row per URL.

    save(store.con, page)                  # replaces an earlier try of the same URL
    states(store.con)["https://..."]       # "ok" | "transient" | "failed"
    load(store.con, "https://...")         # the stored Page, or None

Keeping the raw bytes means that a rerun never downloads a page twice, and that pages can be
processed again (a better cleaner, a new model) without touching the network.
"""

from __future__ import annotations

from collections import Counter

import duckdb

from parley.ingest.fetch import Page

_COLUMNS = "url, final_url, status, content_type, charset, body, error_code, error, transient"


def save(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    row = [page.url, page.final_url, page.status, page.content_type, page.charset, page.body if page.ok else None,
           page.error_code, page.error, page.transient]  # fmt: skip
    con.execute(f"INSERT OR REPLACE INTO fetched ({_COLUMNS}, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
                row)  # fmt: skip


def states(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every stored URL: "ok" (stored page), "transient" (worth another try) or "failed" (not)."""
    rows = con.execute("SELECT url, error_code IS NULL, transient FROM fetched").fetchall()
    return {url: "ok" if ok else "transient" if transient else "failed" for url, ok, transient in rows}


def load(con: duckdb.DuckDBPyConnection, url: str) -> Page | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM fetched WHERE url = ?", [url]).fetchone()
    if row is None:
        return None
    url, final_url, status, ctype, charset, body, code, error, transient = row
    return Page(url, final_url, status, ctype, charset, bytes(body or b""), code, error, bool(transient))


def summary(con: duckdb.DuckDBPyConnection) -> tuple[int, Counter[str]]:
    """How many pages are stored, and the stored failures by error code (none in an older database)."""
    if not con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'fetched'").fetchone():
        return 0, Counter()
    rows = con.execute("SELECT coalesce(error_code, ''), count(*) FROM fetched GROUP BY 1").fetchall()
    failures = Counter({code: int(n) for code, n in rows if code})
    return sum(int(n) for code, n in rows if not code), failures
