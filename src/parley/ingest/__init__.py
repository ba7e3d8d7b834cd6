"""Ingest: read files and folders into ``Document`` records.

    for item in read_paths([Path("articles/")], config=config):
        if isinstance(item, Rejected): report(item)
        else: process(item)

Each file's format is told from its content, its extension only a hint (``detect``): plain text
(with optional front matter), HTML, RSS/Atom feeds, WARC, JSON Lines, CSV, and gzip, zip and tar
archives of any of these, read recursively in memory within the configured limits. One unreadable
file (or archive member, or record) becomes a ``Rejected`` record with a catalogue message; the
batch goes on. Every document carries a content hash so that re-runs skip what is already stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from parley.config import Config
from parley.errors import E, ParleyError
from parley.ingest.archives import MAX_NESTING, Budget, gunzip, tar_members, zip_members
from parley.ingest.detect import FOLDER_SUFFIXES, detect
from parley.ingest.source import Source
from parley.ingest.tables import parse_csv, parse_jsonl
from parley.ingest.text import decode, file_text, read_text
from parley.ingest.web import read_feed, read_html, read_warc
from parley.records import Document, Rejected

__all__ = ["decode", "list_files", "parse_csv", "parse_jsonl", "read_bytes", "read_file", "read_paths"]

log = logging.getLogger("parley")


def list_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Every input file under ``paths``: named files as they are, and in folders (recursively, sorted)
    the files with an extension parley reads, hidden files left out."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and _listed(p.relative_to(path)))
        elif path.is_file():
            yield path
        else:
            yield Rejected(str(path), "E001", E.E001.format(path=path))


def read_paths(paths: Iterable[Path], *, config: Config | None = None) -> Iterator[Document | Rejected]:
    """Documents from files and folders; problems become ``Rejected`` records."""
    for item in list_files(paths):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item, config=config)


def read_file(path: Path, *, config: Config | None = None) -> Iterator[Document | Rejected]:
    """The documents of one file (one per file, entry, record or archive member); files larger than
    ``max_file_bytes`` are rejected without being read."""
    config = config or Config()
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            raise ParleyError(E.E051, path=path, limit=config.max_file_bytes)
        data = path.read_bytes()
    except OSError as err:
        yield Rejected(str(path), "E007", E.E007.format(path=path, detail=err.strerror or str(err)))
        return
    except ParleyError as err:
        yield Rejected(str(path), err.code.name, str(err))
        return
    yield from read_bytes(data, Source(str(path), path.name), config=config)


def read_bytes(
    data: bytes, src: Source, *, config: Config, budget: Budget | None = None, depth: int = 0
) -> Iterator[Document | Rejected]:
    """The documents in ``data``, whatever its format; never raises for bad input."""
    budget = budget or Budget.for_input(len(data), config)
    try:
        yield from _dispatch(data, src, config, budget, depth)
    except ParleyError as err:
        if err.code is E.E052 and depth > 0:  # a bomb stops the whole outer archive
            raise
        yield Rejected(src.label, err.code.name, str(err))
    except Exception as err:  # a reader's failure on hostile input must not cost the batch
        log.debug("reading %s failed", src.label, exc_info=True)
        yield Rejected(src.label, "E007", E.E007.format(path=src.label, detail=f"{type(err).__name__}: {err}"))


def _dispatch(data: bytes, src: Source, config: Config, budget: Budget, depth: int) -> Iterator[Document | Rejected]:
    fmt = detect(data, src.name, text_field=config.fields.get("text", "text"))
    if fmt in ("gzip", "zip", "tar"):
        if depth >= MAX_NESTING:
            yield Rejected(src.label, "E057", E.E057.format(path=src.label, depth=MAX_NESTING))
            return
        yield from _unpack(fmt, data, src, config, budget, depth)
    elif fmt == "binary":
        yield Rejected(src.label, "E003", E.E003.format(path=src.label, detail="it looks like a binary file"))
    elif fmt in ("jsonl", "csv"):
        yield from _records(fmt, data, src, config)
    elif fmt == "feed":
        yield from read_feed(data, src)
    elif fmt == "warc":
        yield from read_warc(data, src, max_bytes=config.max_file_bytes)
    elif fmt == "html":
        yield from read_html(data, src)
    elif fmt == "txt":
        yield from read_text(data, src)
    else:
        suffix = src.name.rpartition(".")[2] if "." in src.name else "(none)"
        yield Rejected(src.label, "E002", E.E002.format(path=src.label, suffix=f"{suffix}, {fmt} content"))


def _unpack(
    fmt: str, data: bytes, src: Source, config: Config, budget: Budget, depth: int
) -> Iterator[Document | Rejected]:
    if fmt == "gzip":
        yield from read_bytes(gunzip(data, src, budget), src.unwrapped(), config=config, budget=budget, depth=depth + 1)
        return
    members = zip_members(data, src, budget) if fmt == "zip" else tar_members(data, src, budget)
    for item in members:
        if isinstance(item, Rejected):
            yield item
        else:
            member, content = item
            yield from read_bytes(content, member, config=config, budget=budget, depth=depth + 1)


def _records(fmt: str, data: bytes, src: Source, config: Config) -> Iterator[Document | Rejected]:
    text, _ = file_text(data, src)
    if fmt == "jsonl":
        yield from parse_jsonl(text, path=src.label, fields=config.fields, stem=src.stem)
    else:
        yield from parse_csv(text, path=src.label, fields=config.fields, limit=config.max_file_bytes, stem=src.stem)


def _listed(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return False
    return relative.suffix.lower() in FOLDER_SUFFIXES
