"""Format detection from content, and each format's reader on small real-looking files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from parley.config import Config, load_config
from parley.errors import ParleyError
from parley.ingest import read_file, read_paths
from parley.ingest.detect import detect
from parley.records import Document, Rejected
from tests.ingest.conftest import warc_bytes

HTML = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Norway met Sweden.</p></body></html>"


def _docs(items: object) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (HTML.encode(), "page.txt", "html"),  # content beats the extension
        (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "news.xml", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "noext", "feed"),
        (b"<?xml version='1.0'?><urlset></urlset>", "sitemap.xml", "xml"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.dat", "warc"),
        (b'{"id": 1, "text": "x"}\n', "dump", "jsonl"),
        (b"id,text\n1,Norway met Sweden.\n", "export.dat", "csv"),
        (b"Norway met Sweden, and Denmark, on Monday.", "a.csv", "csv"),  # the extension decides plain text
        (b"Norway met Sweden.", "a.html", "html"),
        (b"Norway met Sweden.", "a.gz", "txt"),  # not gzip after all
        (gzip.compress(b"x"), "a.txt", "gzip"),
        (b"PK\x05\x06" + b"\x00" * 18, "a.bin", "zip"),
        (b"\x00\x01\x02\x03", "a.txt", "binary"),
        ("\ufeffNorway".encode("utf-16"), "a.txt", "txt"),
    ],
)
def test_detect_by_content_with_the_extension_as_hint(data: bytes, name: str, expected: str) -> None:
    assert detect(data, name) == expected


def test_rss_gives_one_document_per_entry(fixtures: Path) -> None:
    docs = _docs(read_file(fixtures / "feed.rss"))
    assert [d.title for d in docs] == ["Norway and Sweden sign border accord", "Denmark condemns raid on Copenhagen"]
    first, second = docs
    assert first.url == "https://wire.example.org/2019/03/04/border-accord" and first.date == "2019-03-04"
    assert first.outlet == "Nordic Wire" and first.fmt == "rss"
    assert "river crossings" in first.text and "<p>" not in first.text and "hosted by Denmark" in first.text
    assert second.text == "Denmark condemned Russia on Tuesday over a raid near Narva."  # a short summary is enough
    assert first.doc_id.startswith("feed#") and first.doc_id != second.doc_id
    assert first.source.endswith("feed.rss#1")


def test_atom_entry_content_author_and_date(fixtures: Path) -> None:
    (doc,) = _docs(read_file(fixtures / "feed.atom"))
    assert doc.date == "2020-06-01" and doc.author == "Beren Strand" and doc.outlet == "Stockholm Gazette"
    assert (
        doc.text.startswith("Sweden recalled its envoy from Egypt") and doc.url == "https://gazette.example.org/envoy"
    )


def test_warc_response_records_with_html_and_status_200(tmp_path: Path) -> None:
    dated = "<html><head><meta property='article:published_time' content='2019-04-30'></head><body>"
    pages = [
        (
            "https://wire.example.org/a",
            "text/html; charset=utf-8",
            200,
            dated + "<p>Norway met Sweden.</p></body></html>",
        ),
        ("https://wire.example.org/b", "text/html", 200, "<html><body><p>Denmark praised Norway.</p></body></html>"),
        ("https://wire.example.org/c", "text/html", 404, "<html><body>Not found</body></html>"),
        ("https://wire.example.org/d.png", "image/png", 200, "PNG"),
    ]
    for name, zipped in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        path.write_bytes(warc_bytes(pages, gzip=zipped))
        items = list(read_file(path))
        assert not [r for r in items if isinstance(r, Rejected)]
        a, b = _docs(items)
        assert (a.url, a.date, a.fmt) == ("https://wire.example.org/a", "2019-04-30", "html")  # the page's date
        assert (b.url, b.date) == ("https://wire.example.org/b", "2019-05-06")  # WARC-Date as the fallback
        assert "<p>Denmark praised Norway.</p>" in b.text and b.source.endswith("!https://wire.example.org/b")


def test_csv_and_jsonl_with_mapped_field_names(fixtures: Path) -> None:
    config = load_config(overrides={"fields": {"text": "body", "date": "published_at", "id": "uuid",
                                               "title": "headline"}})  # fmt: skip
    docs = _docs(read_paths([fixtures / "records.csv", fixtures / "records.jsonl"], config=config))
    assert [(d.doc_id, d.date, d.fmt) for d in docs] == [
        ("c-001", "2019-07-12", "csv"), ("c-002", "2019-07-13", "csv"), ("j-001", "2022-01-05", "jsonl"),
    ]  # fmt: skip
    assert docs[1].title == "Egypt threatens Sweden" and docs[1].text.startswith("Egypt threatened Sweden")


def test_unmapped_csv_names_the_missing_field(fixtures: Path) -> None:
    items = list(read_file(fixtures / "records.csv"))
    assert {r.code for r in items if isinstance(r, Rejected)} == {"E005"}
    assert "records.csv:2" in items[0].source and "--field" in items[0].message  # type: ignore[union-attr]


def test_csv_without_id_gets_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.tsv"
    path.write_text("text\tdate\nNorway met Sweden.\t2020-01-01\n", encoding="utf-8")
    (doc,) = _docs(read_file(path))
    assert doc.doc_id == "wire:2" and doc.date == "2020-01-01"


def test_bad_field_mapping_is_a_configuration_error() -> None:
    with pytest.raises(ParleyError, match="E040"):
        load_config(overrides={"fields": {"body": "text"}})


def test_front_matter_and_header_lines_become_metadata(fixtures: Path) -> None:
    (doc,) = _docs(read_file(fixtures / "front_matter.txt"))
    assert (doc.title, doc.date, doc.outlet) == (
        "Denmark and Sweden hold talks on grain",
        "2021-09-14",
        "Copenhagen Times",
    )
    assert doc.text.startswith("COPENHAGEN - Denmark") and "---" not in doc.text
    (doc,) = _docs(read_file(fixtures / "header_lines.txt"))
    assert (doc.title, doc.date) == ("Norway criticises Belarus over border raids", "2018-05-03")
    assert doc.text.startswith("Norway criticised Belarus")


def test_plain_text_without_front_matter_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Date line in the text: Norway met Sweden.\n\n---\nnot front matter"
    path.write_text(text, encoding="utf-8")
    (doc,) = _docs(read_file(path))
    assert doc.text == text and doc.date is None


def test_html_keeps_markup_for_the_clean_stage(fixtures: Path) -> None:
    (doc,) = _docs(read_file(fixtures / "page.html"))
    assert doc.fmt == "html" and "<article>" in doc.text


def test_html_metadata_from_trafilatura_fills_the_author() -> None:
    from parley.pipeline import from_html

    page = (Path(__file__).parent / "fixtures" / "page.html").read_text(encoding="utf-8")
    doc = from_html(Document("p", "page.html", page, "h", fmt="html"))
    assert doc.author == "Ioreth Hale" and doc.date == "2019-04-02" and doc.outlet == "Nordic Wire"
    assert doc.text.startswith("Sweden and Norway agreed") and "Copyright" not in doc.text


def test_configured_max_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Norway met Sweden. " * 100, encoding="utf-8")
    (item,) = read_file(path, config=Config(max_file_bytes=100))
    assert isinstance(item, Rejected) and item.code == "E051" and "a.txt" in item.message


def test_jsonl_records_keep_their_ids_and_hashes(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": "Denmark praised Norway.", "date": "2020-01-02"}), encoding="utf-8")
    (doc,) = _docs(read_file(path))
    assert (doc.doc_id, doc.date, doc.source) == ("x1", "2020-01-02", f"{path}:1")
