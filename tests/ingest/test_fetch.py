"""Fetch: polite downloads against a real HTTP server on 127.0.0.1 (no mocks of the network)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from parley.cli import main
from parley.crawl import fetch_and_run, fetch_urls
from parley.ingest.fetch import Fetcher, FetchOptions, by_turns, page_document, read_url_list
from parley.records import Document, Rejected
from parley.store import Store

SUMMIT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Leaders pledge closer ties at Washington talks</title>
<meta property="article:published_time" content="2023-01-16T18:00:00Z">
<meta property="og:site_name" content="The Harbour Ledger"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Leaders pledge closer ties at Washington talks</h1>
<p>WASHINGTON — President Joe Biden met Prime Minister Fumio Kishida in Washington on Friday, and the two
leaders promised to deepen security cooperation between their countries.</p>
<p>Officials from both governments said the talks lasted almost two hours and touched on trade, technology
and regional security.</p></article>
<footer>© The Harbour Ledger. All rights reserved.</footer></body></html>
"""
HARVEST = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Récolte record</title></head><body><article><p>Farmers in the valley reported a record harvest
this autumn, the café owners' association said on Tuesday, crediting a mild and wet summer.</p>
</article></body></html>
"""
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Harbour Ledger</title><link>http://example.invalid/</link>
<item><title>Leaders meet in Washington</title><link>http://example.invalid/a</link>
<pubDate>Mon, 16 Jan 2023 18:00:00 GMT</pubDate>
<description>President Joe Biden met Prime Minister Fumio Kishida in Washington on Friday.</description></item>
<item><title>Harvest news</title><link>http://example.invalid/b</link>
<pubDate>Tue, 17 Jan 2023 09:00:00 GMT</pubDate>
<description>Farmers in the valley reported a record harvest this autumn.</description></item>
</channel></rss>
"""
ROBOTS = "User-agent: *\nDisallow: /private/\n"
FAST = FetchOptions(delay=0, timeout=0.5, retries=2, backoff=0.01)


class Site(ThreadingHTTPServer):
    """A small news site with every kind of trouble; counts the hits on each path."""

    def __init__(self, robots_status: int = 200) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.robots_status = robots_status
        self.hits: Counter[str] = Counter()
        self.times: list[float] = []  # when each request arrived
        self.agents: list[str] = []
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def note(self, path: str, agent: str) -> int:
        with self._lock:
            self.hits[path] += 1
            self.times.append(time.monotonic())
            self.agents.append(agent)
            return self.hits[path]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on a slow or huge answer is expected here


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        hit = self.server.note(self.path, self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path.split("?")[0])
        if self.path == "/robots.txt":
            self._send(self.server.robots_status, "text/plain", ROBOTS.encode())
        elif route is None:
            self._send(404, "text/html", b"<h1>Not found</h1>")
        else:
            route(self, hit)

    def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def summit(self, hit: int) -> None:
        self._send(200, "text/html; charset=utf-8", SUMMIT.encode())

    def harvest(self, hit: int) -> None:
        self._send(200, "text/html", HARVEST.encode("latin-1"))

    def slow(self, hit: int) -> None:
        time.sleep(1.5)
        self._send(200, "text/html", SUMMIT.encode())

    def hop(self, hit: int) -> None:
        nxt = {"/hop/1": "/hop/2", "/hop/2": f"{self.server.base}/news/summit", "/loop": "/loop"}[self.path]
        self._send(302 if self.path != "/hop/2" else 301, "text/html", b"", {"Location": nxt})

    def flaky(self, hit: int) -> None:
        self._send(500 if hit == 1 else 200, "text/html", SUMMIT.encode())

    def broken(self, hit: int) -> None:
        self._send(500, "text/html", b"<h1>Internal error</h1>")

    def huge(self, hit: int) -> None:  # no Content-Length: the client must count as it reads
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"<p>" + b"filler " * 2000 + b"</p>\n")

    def image(self, hit: int) -> None:
        self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    def feed(self, hit: int) -> None:
        self._send(200, "application/rss+xml", FEED.encode())

    def secret(self, hit: int) -> None:
        self._send(200, "text/html", b"<p>Members only.</p>")


ROUTES: dict[str, Callable[[_Handler, int], None]] = {
    "/news/summit": _Handler.summit, "/news/harvest": _Handler.harvest, "/slow": _Handler.slow,
    "/hop/1": _Handler.hop, "/hop/2": _Handler.hop, "/loop": _Handler.hop, "/flaky": _Handler.flaky,
    "/broken": _Handler.broken, "/huge": _Handler.huge, "/image.png": _Handler.image,
    "/private/secret": _Handler.secret, "/feed.xml": _Handler.feed,
}  # fmt: skip


def _serve(robots_status: int = 200) -> Iterator[Site]:
    site = Site(robots_status)
    thread = threading.Thread(target=site.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield site
    site.shutdown()
    site.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from _serve()


def test_a_page_is_fetched_with_its_type_charset_and_a_parley_user_agent(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/news/summit")
    assert page.ok and page.status == 200 and page.content_type == "text/html" and page.charset == "utf-8"
    assert "Fumio Kishida" in page.body.decode()
    assert all(a.startswith("parley/") for a in site.agents)


def test_the_charset_declared_in_the_page_decodes_it(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/news/harvest")
    assert page.charset == "iso-8859-1"
    doc = page_document(page)
    assert isinstance(doc, Document) and "café" in doc.text and doc.fmt == "html"
    assert doc.source == doc.url == page.url


def test_a_slow_answer_times_out_and_counts_as_transient(site: Site) -> None:
    started = time.monotonic()
    page = Fetcher(FetchOptions(delay=0, timeout=0.2, retries=1, backoff=0.01)).fetch(f"{site.base}/slow")
    assert page.error_code == "E073" and page.transient and "timed out" in (page.error or "")
    assert site.hits["/slow"] == 2 and time.monotonic() - started < 1.5


def test_a_redirect_chain_is_followed_and_a_loop_is_not(site: Site) -> None:
    fetcher = Fetcher(FAST)
    page = fetcher.fetch(f"{site.base}/hop/1")
    assert page.ok and page.url.endswith("/hop/1") and page.final_url == f"{site.base}/news/summit"
    loop = fetcher.fetch(f"{site.base}/loop")
    assert loop.error_code == "E078" and "more than 5 redirects" in (loop.error or "")
    assert site.hits["/loop"] == 6


def test_a_404_fails_at_once(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/news/gone")
    assert page.error_code == "E071" and page.status == 404 and not page.transient
    assert "/news/gone" in (page.error or "") and site.hits["/news/gone"] == 1


def test_a_500_is_retried_and_then_succeeds(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/flaky")
    assert page.ok and site.hits["/flaky"] == 2


def test_a_server_that_keeps_failing_is_given_up_after_the_retries(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/broken")
    assert page.error_code == "E072" and page.transient and "after 3 attempts" in (page.error or "")
    assert site.hits["/broken"] == 3


def test_a_body_beyond_the_cap_is_abandoned(site: Site) -> None:
    page = Fetcher(FetchOptions(delay=0, max_bytes=100_000, retries=0)).fetch(f"{site.base}/huge")
    assert page.error_code == "E074" and "100000 bytes" in (page.error or "") and not page.body


def test_a_non_text_content_type_is_rejected(site: Site) -> None:
    page = Fetcher(FAST).fetch(f"{site.base}/image.png")
    assert page.error_code == "E075" and "image/png" in (page.error or "")


def test_robots_txt_is_read_once_and_obeyed(site: Site) -> None:
    fetcher = Fetcher(FAST)
    page = fetcher.fetch(f"{site.base}/private/secret")
    assert page.error_code == "E076" and "robots.txt" in (page.error or "")
    assert fetcher.fetch(f"{site.base}/news/summit").ok
    assert site.hits["/private/secret"] == 0 and site.hits["/robots.txt"] == 1


def test_an_unreadable_robots_txt_closes_the_site_for_now() -> None:
    for site in _serve(robots_status=503):
        page = Fetcher(FAST).fetch(f"{site.base}/news/summit")
        assert page.error_code == "E077" and page.transient and site.hits["/news/summit"] == 0


def test_requests_to_one_host_keep_the_delay_apart(site: Site) -> None:
    fetcher = Fetcher(FetchOptions(delay=0.25, timeout=1))
    for path in ("/news/summit", "/news/harvest"):
        assert fetcher.fetch(site.base + path).ok
    gaps = [b - a for a, b in zip(site.times, site.times[1:], strict=False)]
    assert len(site.times) == 3 and all(g >= 0.24 for g in gaps)  # robots.txt, then the two pages


def test_the_url_list_skips_comments_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(
        "# morning reading\n\nhttps://example.org/a#comments\nhttps://example.org/a\n"
        "ftp://example.org/file\nexample.org/b\nhttps://example.org/c  # the long one\nhttp:///nohost\n",
        encoding="utf-8",
    )
    items = list(read_url_list(path))
    assert [i for i in items if isinstance(i, str)] == ["https://example.org/a", "https://example.org/c"]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert [(r.code, r.source) for r in bad] == [("E070", f"{path}:5"), ("E070", f"{path}:6"), ("E070", f"{path}:8")]
    assert "not http or https" in bad[0].message and "no http://" in bad[1].message


def test_a_rerun_fetches_nothing_twice_and_retries_transient_failures(site: Site, tmp_path: Path) -> None:
    urls = [f"{site.base}{p}" for p in ("/news/summit", "/news/gone", "/broken", "/private/secret")]
    db = tmp_path / "f.duckdb"
    with Store.open(db) as store:
        first = fetch_urls(urls, store, Fetcher(FAST))
    assert first.fetched == 1 and [r.code for r in first.failed] == ["E071", "E072", "E076"]
    before = site.hits.copy()
    with Store.open(db) as store:
        second = fetch_urls(urls, store, Fetcher(FAST), retry_failed=False)
        assert (second.fetched, second.skipped, second.failed) == (0, 4, ())
        assert site.hits == before
        third = fetch_urls(urls, store, Fetcher(FAST))
    assert third.skipped == 3 and [r.code for r in third.failed] == ["E072"]
    assert site.hits - before == Counter({"/broken": 3, "/robots.txt": 1})
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT url, status, error_code, octet_length(body) > 0 FROM fetched ORDER BY url").fetchall()
    con.close()
    assert [(r[1], r[2], r[3]) for r in rows] == [(500, "E072", None), (404, "E071", None),
                                                  (200, None, True), (None, "E076", None)]  # fmt: skip


def test_fetched_pages_become_events(site: Site, tmp_path: Path, engine: Any) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/hop/1\n{site.base}/news/harvest\n{site.base}/image.png\nnot a url\n")
    db = tmp_path / "f.duckdb"
    summary = fetch_and_run(urls, db=db, config=engine.config, options=FAST, engine=engine)
    assert (summary.fetched, summary.skipped) == (2, 0) and {r.code for r in summary.failed} == {"E070", "E075"}
    assert summary.run is not None and summary.run.documents == 2
    with Store.open(db, read_only=True) as store:
        events = list(store.events())
        runs = store.runs(1)
    consult = [e for e in events if e.category == "CONSULT"]
    assert consult and consult[0].source.actor.name == "Joe Biden" and consult[0].target.actor.name == "Fumio Kishida"
    assert consult[0].date.value == "2023-01-13" and consult[0].doc_id.startswith("127.0.0.1_")
    assert runs[0]["paths"] == [str(urls)] and {p["code"] for p in runs[0]["problems"]} == {"E070", "E075"}
    again = fetch_and_run(urls, db=db, config=engine.config, options=FAST, engine=engine)
    assert (again.fetched, again.skipped) == (0, 3) and again.run is not None and again.run.skipped == 2
    assert site.hits["/news/summit"] == 1


def test_the_command_downloads_reports_and_status_counts(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{site.base}/news/summit\n{site.base}/news/gone\n", encoding="utf-8")
    db = str(tmp_path / "f.duckdb")
    args = ["fetch", str(urls), "--db", db, "--no-process", "--delay", "0", "--retries", "0", "--no-progress"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("fetched 1 pages, 0 already fetched, 1 failed") and "E071" in err and "/news/gone" in err
    assert main(["status", "--db", db]) == 0
    assert "fetched pages: 1 stored, 1 failed (1 x E071)" in capsys.readouterr().out
    assert main([*args[:4], "--delay", "-1"]) == 2
    assert "E040" in capsys.readouterr().err


def test_hosts_are_taken_in_turns_so_no_one_waits_for_one_host() -> None:
    urls = [
        "http://a.example/1",
        "http://a.example/2",
        "http://a.example/3",
        "http://b.example/1",
        "http://c.example/1",
    ]
    assert by_turns(urls) == [
        "http://a.example/1", "http://b.example/1", "http://c.example/1", "http://a.example/2", "http://a.example/3",
    ]  # fmt: skip


def test_a_missing_url_list_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", str(tmp_path / "none.txt"), "--db", str(tmp_path / "f.duckdb"), "--no-process"]) == 2
    err = capsys.readouterr().err
    assert "E079" in err and "none.txt" in err


def test_a_fetched_feed_becomes_one_document_per_entry(site: Site, tmp_path: Path, engine: Any) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "f.duckdb"
    summary = fetch_and_run(urls, db=db, config=engine.config, options=FAST, engine=engine)
    assert summary.run is not None and summary.run.documents == 2
    with Store.open(db, read_only=True) as store:
        (consult,) = [e for e in store.events() if e.category == "CONSULT"]
        urls_stored = sorted(r[0] for r in store.con.execute("SELECT url FROM documents").fetchall())
    assert consult.source.actor.name == "Joe Biden" and consult.date.value == "2023-01-13"
    assert urls_stored == ["http://example.invalid/a", "http://example.invalid/b"]
