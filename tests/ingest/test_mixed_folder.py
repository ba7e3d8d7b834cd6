"""A real `parley run` over a folder mixing every format with every kind of bad input: it finishes,
counts what it ingested and rejected (and why, in `parley status`), and finds the same events in
the good files as a run over the good files alone."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from parley.cli import main
from parley.config import load_config
from parley.pipeline import run
from parley.store import Store
from tests.ingest.conftest import FIXTURES, warc_bytes

pytestmark = pytest.mark.slow
FIELDS = {"text": "body", "date": "published_at", "id": "uuid", "title": "headline"}
WARC_PAGE = (
    "<html><head><title>Sweden thanks Denmark</title></head><body><article><p>Sweden thanked Denmark on "
    "Sunday for sending riders to lift the siege of the city, the prime minister said in a statement.</p>"
    "</article></body></html>"
)


def _good(folder: Path) -> Path:
    folder.mkdir()
    for name in ("feed.rss", "feed.atom", "front_matter.txt", "header_lines.txt", "page.html", "records.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "crawl.warc.gz").write_bytes(
        warc_bytes([("https://wire.example.org/thanks", "text/html", 200, WARC_PAGE)], gzip=True)
    )
    with zipfile.ZipFile(folder / "bundle.zip", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("inner/records.jsonl", (FIXTURES / "records.jsonl").read_bytes())
        z.writestr("inner/old.txt.gz", gzip.compress(b"Norway accused Belarus of raiding its villages."))
    return folder


def _add_bad(folder: Path) -> dict[str, str]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "scripts.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    good = gzip.compress(b"Norway met Sweden. " * 100)
    (folder / "cut.txt.gz").write_bytes(good[: len(good) // 2])
    with zipfile.ZipFile(folder / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b" " * 20_000_000)
    with zipfile.ZipFile(folder / "evil.zip", "w") as z:
        z.writestr("../../etc/passwd", b"root:x:0:0")
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    (folder / "sitemap.xml").write_text("<?xml version='1.0'?><urlset/>", encoding="utf-8")
    return {
        "empty.txt": "E006", "binary.txt": "E003", "scripts.html": "E006", "cut.txt.gz": "E054",
        "bomb.zip": "E052", "evil.zip!../../etc/passwd": "E053", "huge.txt": "E051", "sitemap.xml": "E002",
    }  # fmt: skip


def _events(db: Path) -> set[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return {(e.doc_id, e.evidence, e.category, e.source.actor.actor_id, e.target.actor.actor_id)
                for e in store.events()}  # fmt: skip


def test_mixed_folder_gives_the_good_files_events_and_a_correct_summary(
    tmp_path: Path, engine: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_config(overrides={"workers": 1, "progress": False, "fields": FIELDS})
    good = _good(tmp_path / "good")
    alone = run([good], db=tmp_path / "alone.duckdb", config=config, engine=engine)
    assert alone.documents == 11 and not alone.rejected  # 2 + 1 feed entries, 2 texts, page, 2 csv, warc, 2 in zip
    assert alone.events >= 5

    mixed = _good(tmp_path / "mixed")
    expected = _add_bad(mixed)
    summary = run([mixed], db=tmp_path / "mixed.duckdb", config=config, engine=engine)
    assert summary.documents == alone.documents and summary.events == alone.events
    got = {r.source.split("mixed/", 1)[1]: r.code for r in summary.rejected}
    assert got == expected
    assert _events(tmp_path / "mixed.duckdb") == _events(tmp_path / "alone.duckdb")

    capsys.readouterr()
    assert main(["status", "--db", str(tmp_path / "mixed.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "ingested 11 documents" in out and "8 rejected" in out
    for code in set(expected.values()):
        assert code in out
    assert "huge.txt: larger than max_file_bytes" in out and "evil.zip!../../etc/passwd" in out
