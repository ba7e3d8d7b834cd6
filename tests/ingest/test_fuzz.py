"""Fuzz targets for everything that reads untrusted input: any bytes give documents or rejections,
never an exception. Brief in the normal suite; ``make fuzz`` runs them long
(``PARLEY_FUZZ_EXAMPLES``, default 60 examples per target)."""

from __future__ import annotations

import gzip
import io
import os
import re
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.clean import html_to_text
from parley.clean.metadata import page_metadata
from parley.config import Config
from parley.ingest import read_bytes
from parley.ingest.detect import detect
from parley.ingest.source import Source
from parley.ingest.text import split_front_matter
from parley.records import Document, Rejected

EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CONFIG = Config(max_file_bytes=2_000_000, max_archive_bytes=5_000_000)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORMATS = {"gzip", "zip", "tar", "warc", "feed", "html", "jsonl", "csv", "txt", "xml", "binary"}

PREFIXES = [
    b"", b"\x1f\x8b\x08\x00", b"PK\x03\x04", b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: response\r\n",
    b"<?xml version='1.0'?><rss><channel><item><description>", b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
    b"<!DOCTYPE html><html><body><p>", b'{"id": "a", "text": "', b"id,text\n", b"---\ntitle: x\ndate: ",
    b"\xff\xfe", b"\xef\xbb\xbf", b"Date: ",
]  # fmt: skip
NAMES = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.csv", "a.rss", "a.warc", "a.gz", "a.zip", "a.tar", "noext"])


def _zipped(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


INPUTS = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=400)).map(b"".join),
    st.binary(max_size=400).map(gzip.compress),
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_characters="\x00/", blacklist_categories=("Cs",)), min_size=1, max_size=12),
            st.binary(max_size=200),
        ),
        max_size=4,
        unique_by=lambda m: m[0],
    ).map(_zipped),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def _check(items: list[Document | Rejected]) -> None:
    for item in items:
        assert isinstance(item, (Document, Rejected))
        if isinstance(item, Document):
            assert item.text.strip() and item.doc_id and item.content_hash
            assert item.date is None or ISO.match(item.date) or item.fmt in ("jsonl", "csv")
        else:
            assert item.code.startswith("E") and item.message.startswith(f"[{item.code}]")


@FUZZ
@given(INPUTS, NAMES)
def test_any_bytes_give_documents_or_rejections(data: bytes, name: str) -> None:
    assert detect(data, name) in FORMATS
    _check(list(read_bytes(data, Source(name, name), config=CONFIG)))


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<article>", "<script>", "</script>", "<!--", "-->",
                        "<meta property='article:published_time' content='2019-02-3", "<title>", "<br/>", "<table>",
                        "&amp;", "&#0;", "<![CDATA[", "<svg><foreignObject>", "<html>", "<body "])  # fmt: skip
MARKUP = st.lists(st.one_of(TAGS, st.text(max_size=30)), max_size=40).map("".join)


@FUZZ
@given(MARKUP)
def test_html_extraction_and_metadata_never_raise(page: str) -> None:
    text, meta = html_to_text(page)
    assert isinstance(text, str) and all(isinstance(v, str) for v in meta.values())
    found = page_metadata(page)
    assert "date" not in found or ISO.match(found["date"])


FRONT = st.lists(st.one_of(st.sampled_from(["---\n", "title: ", "date: ", "Date: 2019-02-28\n", "\n", ":"]),
                           st.text(max_size=20)), max_size=12).map("".join)  # fmt: skip


@FUZZ
@given(FRONT)
def test_front_matter_strips_a_prefix_and_dates_are_valid(text: str) -> None:
    body, meta = split_front_matter(text)
    assert text.endswith(body.lstrip("\r\n")) or body == text
    assert "date" not in meta or ISO.match(meta["date"])
