"""The bad-input matrix: each hostile file gives one clear line naming it, and the batch goes on."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from parley.config import Config
from parley.ingest import read_file, read_paths
from parley.pipeline import from_html
from parley.records import Document, Rejected

GOOD = "Arnor met Gondor on Monday to discuss the border."


def _one(path: Path, config: Config | None = None) -> Document | Rejected:
    (item,) = list(read_file(path, config=config))
    return item


def _rejected(path: Path, code: str, config: Config | None = None) -> Rejected:
    item = _one(path, config)
    assert isinstance(item, Rejected), item
    assert item.code == code and path.name in item.message and "\n" not in item.message
    return item


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    _rejected(tmp_path / "empty.txt", "E006")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    assert "binary" in _rejected(tmp_path / "photo.jpg.txt", "E003").message


def test_latin1(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(
        "Le ministre a rencontré son homologue à Genève, déclaré-t-il.".encode("latin-1")
    )
    doc = _one(tmp_path / "old.txt")
    assert isinstance(doc, Document) and "rencontré" in doc.text and "Genève" in doc.text


def test_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(GOOD.encode("utf-16"))
    doc = _one(tmp_path / "wide.txt")
    assert isinstance(doc, Document) and doc.text == GOOD and doc.encoding == "utf-16"


def test_mixed_and_broken_utf8(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = "Gondor’s envoy met Arnor’s – ".encode() + b"\xe9t\xe9 \xff\xfe broken " + GOOD.encode()
    (tmp_path / "mixed.txt").write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="parley"):
        doc = _one(tmp_path / "mixed.txt")
    assert isinstance(doc, Document) and "Gondor’s envoy" in doc.text and GOOD in doc.text and "\ufffd" in doc.text
    assert any("mixed.txt" in r.message and "E058" in r.message for r in caplog.records)


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # 200 MB, written sparsely: nothing that size is ever in memory
        f.write(GOOD.encode())
        f.truncate(200 * 1024 * 1024)
    item = _rejected(path, "E051")
    assert "max_file_bytes" in item.message
    ok = tmp_path / "ok.txt"
    ok.write_text(GOOD, encoding="utf-8")
    assert [type(i).__name__ for i in read_paths([path, ok])] == ["Rejected", "Document"]


def test_extremely_long_lines(tmp_path: Path) -> None:
    line = ("Arnor met Gondor and " * 250_000).strip()  # one 5 MB line
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    (tmp_path / "long.jsonl").write_text('{"id": "l", "text": "' + line + '"}\n', encoding="utf-8")
    (tmp_path / "long.csv").write_text("id,text\nl2," + line + "\n", encoding="utf-8")
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, Document)]
    assert sorted(len(d.text) for d in docs) == [len(line)] * 3


def test_html_with_only_scripts(tmp_path: Path) -> None:
    page = (
        "<html><head><script>var a = 1;</script></head><body><script>track()</script><style>p{}</style></body></html>"
    )
    (tmp_path / "scripts.html").write_text(page, encoding="utf-8")
    doc = _one(tmp_path / "scripts.html")
    assert isinstance(doc, Document) and from_html(doc).text == ""  # the clean stage then rejects it (E006)


def test_deeply_nested_html(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    doc = _one(tmp_path / "deep.html")
    assert isinstance(doc, Document) and GOOD in from_html(doc).text


def test_control_characters(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "ctrl.txt").write_text("Arnor\x07 met\x1b[31m Gondor\x7f.\x0b", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="parley"):
        doc = _one(tmp_path / "ctrl.txt")
    assert isinstance(doc, Document) and doc.text == "Arnor met[31m Gondor."
    assert any("ctrl.txt" in r.message and "control characters" in r.message for r in caplog.records)


def test_unknown_xml_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text("<?xml version='1.0'?><urlset><url/></urlset>", encoding="utf-8")
    assert "RSS/Atom" in _rejected(tmp_path / "sitemap.xml", "E002").message
    (missing,) = read_paths([tmp_path / "nope.txt"])
    assert isinstance(missing, Rejected) and missing.code == "E001"


def test_broken_feed_and_warc(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>Arnor", encoding="utf-8")
    (entry,) = read_file(tmp_path / "broken.rss")
    assert isinstance(entry, Rejected) and entry.code == "E006" and entry.source.endswith("broken.rss#1")
    (tmp_path / "broken.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort")
    _rejected(tmp_path / "broken.warc", "E056")
