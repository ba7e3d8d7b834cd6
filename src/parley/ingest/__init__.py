"""Ingest: read files and folders into ``Document`` records.

    for item in read_paths([Path("articles/")]):
        if isinstance(item, Rejected): report(item)
        else: process(item)

One unreadable file becomes a ``Rejected`` record with a catalogue message; the
batch goes on. Text files get their encoding detected; every document carries a
content hash of its text so that re-runs can skip what is already stored.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from parley.errors import E, ParleyError
from parley.records import Document, Rejected, content_hash

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
META_FIELDS = ("title", "date", "url", "outlet")


def list_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Every readable input file under ``paths`` (folders recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and _fmt(p) is not None)
        elif path.is_file():
            yield path
        else:
            yield Rejected(str(path), "E001", E.E001.format(path=path))


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Rejected]:
    """Documents from files and folders; problems become ``Rejected`` records."""
    for item in list_files(paths):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Document | Rejected]:
    """The documents of one file: one for .txt/.html, one per line for .jsonl."""
    fmt = _fmt(path)
    if fmt is None:
        yield Rejected(str(path), "E002", E.E002.format(path=path, suffix=path.suffix))
        return
    try:
        text, encoding = decode(_read_bytes(path), path=path)
    except ParleyError as err:
        yield Rejected(str(path), err.code.name, str(err))
        return
    if fmt == "jsonl":
        yield from parse_jsonl(text, path=path)
        return
    if not text.strip():
        yield Rejected(str(path), "E006", E.E006.format(path=path))
        return
    yield Document(
        doc_id=_stem(path), source=str(path), text=text, content_hash=content_hash(text),
        encoding=encoding, fmt=fmt,
    )  # fmt: skip


def decode(data: bytes, *, path: Path | str) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM) first, then a detected encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParleyError(E.E003, path=path, detail="it looks like a binary file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ParleyError(E.E003, path=path, detail="no text encoding fits")
    return str(best), best.encoding


def parse_jsonl(text: str, *, path: Path | str) -> Iterator[Document | Rejected]:
    """One ``Document`` per line holding ``id`` and ``text`` (plus optional metadata)."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield _jsonl_document(line, path=path, line_no=n)
        except ParleyError as err:
            yield Rejected(f"{path}:{n}", err.code.name, str(err))


def _jsonl_document(line: str, *, path: Path | str, line_no: int) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise ParleyError(E.E004, path=path, line=line_no, detail=err.msg) from err
    if not isinstance(obj, dict):
        raise ParleyError(E.E004, path=path, line=line_no, detail="not an object")
    for field in ("id", "text"):
        if not isinstance(obj.get(field), (str, int)) or not str(obj[field]).strip():
            raise ParleyError(E.E005, path=path, line=line_no, field=field)
    meta = {k: str(obj[k]) for k in META_FIELDS if obj.get(k) not in (None, "")}
    text = str(obj["text"])
    return Document(
        doc_id=str(obj["id"]), source=f"{path}:{line_no}", text=text,
        content_hash=content_hash(text, json.dumps(meta, sort_keys=True)), fmt="jsonl", **meta,
    )  # fmt: skip


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParleyError(E.E007, path=path, detail=err.strerror or str(err)) from err
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise ParleyError(E.E007, path=path, detail=f"bad gzip data: {err}") from err
    return data


def _fmt(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def _stem(path: Path) -> str:
    name = path.name
    for suffix in reversed(path.suffixes[-2:]):
        if suffix.lower() in SUFFIXES or suffix.lower() == ".gz":
            name = name[: -len(suffix)]
    return name
