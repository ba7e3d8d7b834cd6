"""Web formats: HTML pages, RSS/Atom feeds (feedparser) and WARC crawl archives (warcio).

read_html(data, src)   # one document; the clean stage extracts its main text and metadata
read_feed(data, src)   # one document per feed entry, its HTML content (or summary) as text
read_warc(data, src)   # one document per 200 HTML response record; other records are skipped
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from typing import Any

from parley.clean import html_to_text
from parley.clean.metadata import page_metadata
from parley.errors import E, ParleyError
from parley.ingest.source import Source
from parley.ingest.text import decode, file_text, make_document, without_controls
from parley.records import Document, Rejected, content_hash

log = logging.getLogger("parley")


def read_html(data: bytes, src: Source) -> Iterator[Document]:
    """An HTML page as one document holding the markup (extraction happens in the clean stage)."""
    text, encoding = file_text(data, src)
    yield make_document(src.stem, src.label, text, {}, encoding=encoding, fmt="html")


def read_feed(data: bytes, src: Source) -> Iterator[Document | Rejected]:
    """One document per entry of an RSS or Atom feed: title, link, published date, author, and the
    entry's content (or its summary, however short) as text; the feed's title is the outlet."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        detail = f"{type(problem).__name__}: {problem}" if problem else "no entries"
        yield Rejected(src.label, "E055", E.E055.format(path=src.label, detail=detail))
        return
    outlet = _text(feed.feed.get("title"))
    for n, entry in enumerate(feed.entries, 1):
        yield _entry_document(entry, n, src, outlet)


def _entry_document(entry: Any, n: int, src: Source, outlet: str | None) -> Document | Rejected:
    label = f"{src.label}#{n}"
    title = _text(entry.get("title"))
    body = _entry_html(entry)
    text = html_to_text(body)[0] if "<" in body else body.strip()
    text = without_controls(text or title or "", path=label)
    if not text.strip():
        return Rejected(label, "E006", E.E006.format(path=label))
    key = _text(entry.get("id")) or _text(entry.get("link")) or f"{title}\n{text}"
    meta = {
        "title": title, "url": _text(entry.get("link")), "date": _entry_date(entry),
        "author": _text(entry.get("author")), "outlet": outlet,
    }  # fmt: skip
    return make_document(f"{src.stem}#{content_hash(key, length=10)}", label, text, _present(meta), fmt="rss")


def _entry_html(entry: Any) -> str:
    for part in entry.get("content") or []:
        value = _text(part.get("value")) if hasattr(part, "get") else None
        if value:
            return value
    return _text(entry.get("summary")) or ""


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time) and 1 <= parsed.tm_year <= 9999:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def read_warc(data: bytes, src: Source, *, max_bytes: int) -> Iterator[Document | Rejected]:
    """One document per ``response`` record with status 200 and an HTML content type: the page's
    URL from WARC-Target-URI, its date from the page, else from WARC-Date."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            doc = _warc_document(record, src, max_bytes=max_bytes)
            if doc is not None:
                yield doc
    except Exception as err:  # warcio raises many kinds on a broken archive
        log.debug("WARC read failed on %s", src.label, exc_info=True)
        yield Rejected(src.label, "E056", E.E056.format(path=src.label, detail=f"{type(err).__name__}: {err}"))


def _warc_document(record: Any, src: Source, *, max_bytes: int) -> Document | Rejected | None:
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or headers.get_statuscode() != "200":
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    label = f"{src.label}!{uri}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejected(label, "E051", E.E051.format(path=label, limit=max_bytes))
    try:
        html, encoding = _decode_with_charset(body, content_type, label)
    except ParleyError as err:
        return Rejected(label, err.code.name, str(err))
    if not html.strip():
        return Rejected(label, "E006", E.E006.format(path=label))
    warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    date = html_to_text(html)[1].get("date") or page_metadata(html).get("date") or warc_date
    meta = _present({"url": uri or None, "date": date})
    return make_document(f"{src.stem}#{content_hash(uri or html, length=10)}", label, html, meta,
                         encoding=encoding, fmt="html")  # fmt: skip


def _decode_with_charset(body: bytes, content_type: str, label: str) -> tuple[str, str]:
    charset = content_type.partition("charset=")[2].split(";")[0].strip().strip("\"'")
    if charset:
        try:
            return body.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    text, encoding = decode(body, path=label)
    return without_controls(text, path=label), encoding


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _present(meta: dict[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in meta.items() if v}
