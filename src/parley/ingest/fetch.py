"""Fetch: download web pages politely, as ``Page`` records (failures included, never raised).

    fetcher = Fetcher(FetchOptions(delay=1.0))
    page = fetcher.fetch("https://example.org/news/1")
    doc = page_document(page) if page.ok else None

Politeness: each site's robots.txt is read once and obeyed (its Crawl-delay too); requests to one
host are at least ``delay`` seconds apart; 5xx and 429 answers, timeouts and dropped connections are
retried with exponential backoff (4xx answers are not); a body is read in chunks and abandoned past
``max_bytes``; only text types (HTML, XHTML, RSS/Atom/XML, plain text) are read; redirects are
followed up to ``max_redirects``; every request names parley in its User-Agent.

robots.txt: a 4xx answer (no file) allows everything. A 5xx answer, or none at all, closes the site
for this run (RFC 9309, section 2.3.1.4); its pages fail transiently, so a rerun tries them again.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPConnection, HTTPException, HTTPResponse, HTTPSConnection
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from parley import __version__
from parley.errors import E, ParleyError
from parley.ingest import decode
from parley.ingest.detect import detect
from parley.ingest.source import Source
from parley.ingest.web import read_feed
from parley.records import Document, Rejected, content_hash

USER_AGENT = f"parley/{__version__} (political event data from news articles; polite, obeys robots.txt)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml,text/plain;q=0.8"
# The content types parley reads, and the ingest format each becomes.
TEXT_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "html",
    "application/atom+xml": "html", "application/xml": "html", "text/xml": "html", "text/plain": "txt",
}  # fmt: skip
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]+)""", re.I)


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how patiently to fetch."""

    delay: float = 1.0  # seconds between two requests to the same host (robots.txt may ask for more)
    timeout: float = 10.0  # seconds to connect, and to wait for each piece of the answer
    total_timeout: float = 60.0  # seconds for one whole answer, however slowly it trickles in
    max_bytes: int = 5_000_000  # larger bodies are abandoned
    retries: int = 3  # further attempts after a transient failure
    backoff: float = 1.0  # seconds before the first retry; doubled for each further one
    max_wait: float = 60.0  # cap on one backoff, Retry-After or Crawl-delay
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    """One URL's outcome: the raw body and its headers' facts, or a coded failure."""

    url: str
    final_url: str
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    body: bytes = field(default=b"", repr=False)
    error_code: str | None = None
    error: str | None = None
    transient: bool = False  # worth trying again later (5xx, timeouts, robots.txt unreadable)

    @property
    def ok(self) -> bool:
        return self.error_code is None


class FetchError(ParleyError):
    """A failed URL; ``transient`` failures are retried (now with backoff, and on a rerun)."""

    def __init__(self, code: E, *, transient: bool = False, status: int | None = None, **kwargs: object) -> None:
        super().__init__(code, **kwargs)
        self.transient = transient
        self.status = status


class _TransportError(Exception):
    """No usable answer: a timeout, a refused or dropped connection, a broken response."""


@dataclass(frozen=True)
class _Response:
    url: str
    status: int
    reason: str
    headers: Message
    body: bytes = b""


class Fetcher:
    """A polite HTTP client; keeps per-host timing and robots.txt rules for its lifetime."""

    def __init__(
        self, options: FetchOptions | None = None, *,
        clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
    ) -> None:  # fmt: skip
        self.options = options or FetchOptions()
        self.requests = 0  # sent, robots.txt included
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> when its last request went out
        self._crawl_delay: dict[str, float] = {}  # host -> robots.txt's Crawl-delay
        self._robots: dict[str, RobotFileParser | str] = {}  # origin -> rules, or why they are unreadable

    def fetch(self, url: str) -> Page:
        """GET ``url`` (robots.txt, rate limit, retries, redirects); never raises for network trouble."""
        try:
            response = self._follow(url, page=True)
        except FetchError as err:
            return Page(url, url, err.status, error_code=err.code.name, error=str(err), transient=err.transient)
        if not 200 <= response.status < 300:  # 4xx, 5xx, and answers without a page (300, 304)
            return _failed_page(url, response, self.options.retries + 1)
        ctype, charset = content_type(response.headers.get("Content-Type"))
        return Page(url, response.url, response.status, ctype, charset or sniff_charset(response.body), response.body)

    def _follow(self, url: str, *, page: bool) -> _Response:
        current = url
        for _ in range(self.options.max_redirects + 1):
            if page:
                self._check_robots(current)
            response = self._get(current, page=page)
            if response.status not in REDIRECTS:
                return response
            current = _redirect_target(current, response, start=url)
        raise FetchError(E.E078, url=url, detail=f"more than {self.options.max_redirects} redirects")

    def _get(self, url: str, *, page: bool) -> _Response:
        """One request, retried with backoff while the failure is transient."""
        opts = self.options
        for attempt in range(1, opts.retries + 2):
            self._wait_turn(url)
            try:
                response = self._request(url, page=page)
            except _TransportError as err:
                if attempt > opts.retries:
                    raise FetchError(E.E073, url=url, detail=str(err), attempts=attempt, transient=True) from err
                wait = opts.backoff * 2 ** (attempt - 1)
            else:
                if response.status not in RETRY_STATUSES or attempt > opts.retries:
                    return response
                wait = max(opts.backoff * 2 ** (attempt - 1), _retry_after(response.headers))
            self._sleep(min(wait, opts.max_wait))
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        delay = max(self.options.delay, min(self._crawl_delay.get(host, 0.0), self.options.max_wait))
        last = self._last.get(host)
        if last is not None and (wait := last + delay - self._clock()) > 0:
            self._sleep(wait)
        self._last[host] = self._clock()
        self.requests += 1

    def _request(self, url: str, *, page: bool) -> _Response:
        parts = urlsplit(url)
        opts = self.options
        conn_class = HTTPSConnection if parts.scheme == "https" else HTTPConnection
        conn = conn_class(parts.hostname or "", parts.port, timeout=opts.timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"User-Agent": opts.user_agent, "Accept": ACCEPT, "Accept-Encoding": "identity"}
        try:
            conn.request("GET", target, headers=headers)
            resp = conn.getresponse()
            body = b""
            if 200 <= resp.status < 300:
                body = self._body(url, resp, page=page)
            return _Response(url, resp.status, resp.reason, resp.headers, body)
        except (OSError, HTTPException) as err:
            raise _TransportError(_describe(err)) from err
        finally:
            conn.close()

    def _body(self, url: str, resp: HTTPResponse, *, page: bool) -> bytes:
        limit = self.options.max_bytes if page else ROBOTS_MAX_BYTES
        if page:
            ctype, _ = content_type(resp.headers.get("Content-Type"))
            if ctype not in TEXT_TYPES:
                raise FetchError(E.E075, url=url, ctype=ctype or "(none)", status=resp.status)
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(E.E074, url=url, limit=limit, status=resp.status)
        deadline = self._clock() + self.options.total_timeout
        chunks: list[bytes] = []
        size = 0
        while chunk := resp.read1(CHUNK):  # whatever has arrived, so that the deadline is checked often
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                if not page:  # robots.txt: the first part is enough
                    return b"".join(chunks)[:limit]
                raise FetchError(E.E074, url=url, limit=limit, status=resp.status)
            if self._clock() > deadline:
                raise _TransportError(f"the answer took longer than {self.options.total_timeout:g} s")
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        robots = f"{origin}/robots.txt"
        if isinstance(rules, str):
            raise FetchError(E.E077, url=url, robots=robots, detail=rules, transient=True)
        if not rules.can_fetch(self.options.user_agent, url):
            raise FetchError(E.E076, url=url, robots=robots)

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        url = f"{origin}/robots.txt"
        try:
            response = self._follow(url, page=False)
        except FetchError as err:
            return str(err.kwargs.get("detail", err))
        if response.status >= 500 or response.status in REDIRECTS:
            return f"HTTP {response.status}"
        robots = RobotFileParser(url)
        found = response.status < 400 and response.body  # 4xx: no rules, everything allowed
        robots.parse(response.body.decode("utf-8", "replace").splitlines() if found else [])  # RFC 9309: UTF-8
        delay = robots.crawl_delay(self.options.user_agent)
        if delay is not None:
            self._crawl_delay[urlsplit(origin).hostname or ""] = float(delay)
        return robots


def by_turns(urls: Iterable[str]) -> list[str]:
    """``urls`` reordered to take hosts in turn (a1 b1 c1 a2 b2 ...), so that one host's delay is
    spent fetching from the others; each host's own URLs keep their order."""
    queues: dict[str, list[str]] = {}
    for url in urls:
        queues.setdefault(urlsplit(url).hostname or "", []).append(url)
    return [q[i] for i in range(max(map(len, queues.values()), default=0)) for q in queues.values() if i < len(q)]


def read_url_list(path: Path) -> Iterator[str | Rejected]:
    """The URLs of a list file, one per line (blank lines and ``#`` comments skipped, repeats once),
    without fragments; a line that is not an http(s) URL becomes a ``Rejected`` record."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ParleyError(E.E079, path=path, detail=getattr(err, "strerror", None) or str(err)) from err
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        extra = len(words) > 1 and not words[1].startswith("#")  # "URL  # a note" is fine
        problem = "more than one word on the line" if extra else url_problem(words[0])
        if problem:
            yield Rejected(f"{path}:{n}", "E070", E.E070.format(path=path, line=n, detail=problem))
            continue
        url = urldefrag(words[0]).url
        if url not in seen:
            seen.add(url)
            yield url


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched, or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as err:
        return str(err)
    if parts.scheme not in ("http", "https"):
        return f"scheme '{parts.scheme}:' is not http or https" if parts.scheme else "no http:// or https://"
    if not parts.hostname:
        return "no host name"
    return None


FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})


def page_documents(page: Page) -> Iterator[Document | Rejected]:
    """A fetched page as documents: one per entry for an RSS/Atom feed (detected from the body, as
    for files), else the page itself."""
    if page.content_type in FEED_TYPES and detect(page.body, page.url) == "feed":
        host = urlsplit(page.url).hostname or "web"
        yield from read_feed(page.body, Source(page.url, f"{host}_{content_hash(page.url, length=12)}"))
    else:
        yield page_document(page)


def page_document(page: Page) -> Document | Rejected:
    """A fetched page as a ``Document`` for the pipeline: ``source`` is the URL asked for, ``url``
    the page's final address; the id comes from the host and the URL, so a refetch replaces it."""
    try:
        text, encoding = page_text(page)
    except ParleyError as err:
        return Rejected(page.url, err.code.name, str(err))
    if not text.strip():
        return Rejected(page.url, "E006", E.E006.format(path=page.url))
    host = urlsplit(page.url).hostname or "web"
    return Document(
        doc_id=f"{host}_{content_hash(page.url, length=12)}", source=page.url, text=text,
        content_hash=content_hash(text, page.final_url), url=page.final_url, encoding=encoding,
        fmt=TEXT_TYPES.get(page.content_type or "", "html"),
    )  # fmt: skip


def page_text(page: Page) -> tuple[str, str]:
    """The body decoded with the charset the headers or the page declare, else a detected one."""
    if page.charset and _known_codec(page.charset):
        try:
            return page.body.decode(page.charset), page.charset
        except UnicodeDecodeError:
            pass  # a wrong declaration: detect instead
    return decode(page.body, path=page.url)


def content_type(header: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` -> ("text/html", "utf-8")."""
    if not header:
        return None, None
    msg = Message()
    msg["Content-Type"] = header
    charset = msg.get_param("charset")
    return msg.get_content_type(), charset.strip().lower() if isinstance(charset, str) and charset.strip() else None


def sniff_charset(body: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag or an XML declaration, if any."""
    head = body[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _failed_page(url: str, response: _Response, attempts: int) -> Page:
    status = response.status
    if status in RETRY_STATUSES or status >= 500:
        err = E.E072.format(url=url, status=status, attempts=attempts)
        return Page(url, response.url, status, error_code="E072", error=err, transient=True)
    err = E.E071.format(url=url, status=status, reason=response.reason or "no reason given")
    return Page(url, response.url, status, error_code="E071", error=err)


def _redirect_target(url: str, response: _Response, *, start: str) -> str:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(E.E078, url=start, detail=f"HTTP {response.status} from {url} without a Location")
    target = urldefrag(urljoin(url, location.strip())).url
    problem = url_problem(target)
    if problem:
        raise FetchError(E.E078, url=start, detail=f"{url} points to {target!r}: {problem}")
    return target


def _retry_after(headers: Message) -> float:
    value = (headers.get("Retry-After") or "").strip()
    return float(value) if value.isdigit() else 0.0


def _describe(err: BaseException) -> str:
    if isinstance(err, TimeoutError):
        return "timed out"
    text = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return f"{type(err).__name__}: {text}" if text != type(err).__name__ else text
