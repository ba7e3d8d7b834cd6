"""Helpers for the ingest tests: fixture files, and WARC files written with warcio at test time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def warc_bytes(pages: list[tuple[str, str, int, str]], *, gzip: bool = False) -> bytes:
    """A WARC file with one ``warcinfo`` record, then per page (uri, content type, status, body) a
    request and a response record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "parley tests"}))
    for uri, ctype, status, body in pages:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "wire.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2019-05-06T10:00:00Z"},
        )  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
