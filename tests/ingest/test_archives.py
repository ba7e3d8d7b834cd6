"""zip, tar and gzip archives: members read in memory, recursively, within limits; unsafe names rejected."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

from parley.config import Config
from parley.ingest import read_file, read_paths
from parley.records import Document, Rejected


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as t:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _split(items: list[Document | Rejected]) -> tuple[list[Document], list[Rejected]]:
    return [d for d in items if isinstance(d, Document)], [r for r in items if isinstance(r, Rejected)]


def test_zip_members_of_every_format_nested_gzip_included(tmp_path: Path, fixtures: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"deep.txt": b"Rohan praised Arnor."})
    archive = _zip(tmp_path / "bundle.zip", {
        "news/a.txt": b"Arnor met Gondor.",
        "news/b.html.gz": gzip.compress(b"<html><body><p>Gondor met Arnor.</p></body></html>"),
        "feed.xml": (fixtures / "feed.rss").read_bytes(),
        "inner.zip": inner.read_bytes(),
        "folder/": b"",
    })  # fmt: skip
    docs, rejected = _split(list(read_file(archive)))
    assert not rejected
    assert [d.doc_id for d in docs][:2] == ["bundle.zip!news/a", "bundle.zip!news/b"]
    assert docs[0].source == f"{archive}!news/a.txt" and docs[1].fmt == "html"
    assert len([d for d in docs if d.fmt == "rss"]) == 2
    assert docs[-1].doc_id == "bundle.zip!inner.zip!deep" and docs[-1].text == "Rohan praised Arnor."


def test_tar_gz_members(tmp_path: Path) -> None:
    path = tmp_path / "wire.tar.gz"
    path.write_bytes(gzip.compress(_tar({"a.txt": b"Arnor met Gondor.", "b.jsonl": b'{"id": "j", "text": "x y"}\n'})))
    docs, rejected = _split(list(read_file(path)))
    assert not rejected and [d.doc_id for d in docs] == ["wire.tar!a", "j"]


def test_path_traversal_names_are_rejected_naming_archive_and_member(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "evil.zip", {"../../etc/passwd": b"root:x:0:0", "/abs.txt": b"x", "ok.txt": b"Arnor."})
    docs, rejected = _split(list(read_file(archive)))
    assert [d.doc_id for d in docs] == ["evil.zip!ok"]
    assert [r.code for r in rejected] == ["E053", "E053"]
    assert "evil.zip!../../etc/passwd" in rejected[0].message and "unsafe" in rejected[0].message
    tar = tmp_path / "evil.tar"
    tar.write_bytes(_tar({"../escape.txt": b"x", "C:/win.txt": b"y"}))
    assert [r.code for r in read_file(tar) if isinstance(r, Rejected)] == ["E053", "E053"]
    assert not list(tmp_path.parent.glob("escape.txt")) and not Path("/abs.txt").exists()


def test_zip_bomb_stops_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", b"Arnor met Gondor.")
        z.writestr("zeros.txt", b"\x20" * 30_000_000)  # ~30 KB compressed, a ratio near 1000
        z.writestr("after.txt", b"never read")
    items = list(read_file(path))
    docs, rejected = _split(items)
    assert [d.doc_id for d in docs] == ["bomb.zip!a"]
    (bomb,) = rejected
    assert bomb.code == "E052" and "bomb.zip" in bomb.message and "max_archive_ratio" in bomb.message


def test_archive_total_size_is_capped(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "big.zip", {f"{n}.txt": f"Arnor met Gondor {n} times. ".encode() * 50 for n in range(5)})
    config = Config(max_archive_bytes=3000, max_archive_ratio=1000)
    docs, rejected = _split(list(read_file(archive, config=config)))
    assert len(docs) == 2 and [r.code for r in rejected] == ["E052"] and "max_archive_bytes" in rejected[0].message


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 50_000_000, compresslevel=9))
    (item,) = read_file(path)
    assert isinstance(item, Rejected) and item.code == "E052"


def test_truncated_gzip_and_corrupt_zip(tmp_path: Path) -> None:
    good = gzip.compress(b"Arnor met Gondor. " * 200)
    (tmp_path / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (tmp_path / "ok.txt").write_text("Arnor met Gondor.", encoding="utf-8")
    docs, rejected = _split(list(read_paths([tmp_path])))
    assert [d.doc_id for d in docs] == ["ok"]
    assert {Path(r.source).name: r.code for r in rejected} == {"cut.txt.gz": "E054", "broken.zip": "E054"}
    assert all("truncated" in r.message for r in rejected)


def test_archives_nested_too_deep(tmp_path: Path) -> None:
    data = b"Arnor met Gondor."
    for _ in range(6):
        data = gzip.compress(data)
    (tmp_path / "deep.txt.gz").write_bytes(data)
    (item,) = read_file(tmp_path / "deep.txt.gz")
    assert isinstance(item, Rejected) and item.code == "E057"
