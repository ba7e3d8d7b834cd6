"""Ingest: files, folders, encodings, JSONL lines, and clear errors for bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from parley.ingest import decode, parse_jsonl, read_paths
from parley.records import Document, Rejected


def _docs(items: list[Document | Rejected]) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def test_reads_txt_html_and_jsonl_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Arnor criticised Gondor.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Gondor met Arnor.</p>", encoding="utf-8")
    lines = [{"id": "x1", "text": "Rohan praised Arnor.", "date": "2020-01-02", "outlet": "Wire"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs = _docs(list(read_paths([tmp_path])))
    assert [(d.doc_id, d.fmt) for d in docs] == [("a", "txt"), ("b", "html"), ("x1", "jsonl")]
    assert docs[2].date == "2020-01-02" and docs[2].outlet == "Wire"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Le président français a rencontré le chancelier à Genève.".encode("latin-1"))
    (doc,) = _docs(list(read_paths([path])))
    assert "président" in doc.text and doc.encoding != "utf-8"


def test_gzipped_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "z.txt.gz"
    path.write_bytes(gzip.compress(b"Arnor met Gondor."))
    (doc,) = _docs(list(read_paths([path])))
    assert doc.doc_id == "z" and doc.text == "Arnor met Gondor."


def test_bad_files_are_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Arnor met Gondor.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    rejected = {Path(r.source).name: r.code for r in items if isinstance(r, Rejected)}
    assert rejected == {"bin.txt": "E003", "empty.txt": "E006", "missing.txt": "E001"}
    assert [d.doc_id for d in _docs(items)] == ["good"]
    message = next(r.message for r in items if isinstance(r, Rejected) and r.code == "E003")
    assert "bin.txt" in message and "binary" in message


def test_jsonl_errors_name_the_file_and_line(tmp_path: Path) -> None:
    text = '{"id": "a", "text": "Arnor met Gondor."}\nnot json\n{"id": "c"}\n[1, 2]\n'
    items = list(parse_jsonl(text, path=tmp_path / "in.jsonl"))
    assert isinstance(items[0], Document)
    assert [(r.code, r.source.rsplit(":", 1)[1]) for r in items[1:] if isinstance(r, Rejected)] == [
        ("E004", "2"), ("E005", "3"), ("E004", "4"),
    ]  # fmt: skip
    assert "'text'" in items[2].message  # type: ignore[union-attr]


def test_content_hash_is_stable_and_changes_with_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    (first,) = _docs(list(read_paths([path])))
    (again,) = _docs(list(read_paths([path])))
    path.write_text("two", encoding="utf-8")
    (changed,) = _docs(list(read_paths([path])))
    assert first.content_hash == again.content_hash != changed.content_hash


@given(st.binary(max_size=400))
def test_decode_never_fails_unclearly(data: bytes) -> None:
    from parley.errors import ParleyError

    try:
        text, enc = decode(data, path="fuzz.txt")
    except ParleyError as err:
        assert "fuzz.txt" in str(err)
    else:
        assert isinstance(text, str) and enc


@given(st.text(max_size=300))
def test_parse_jsonl_yields_documents_or_rejections(text: str) -> None:
    for item in parse_jsonl(text, path="fuzz.jsonl"):
        assert isinstance(item, (Document, Rejected))
        if isinstance(item, Rejected):
            assert item.source.startswith("fuzz.jsonl:")
