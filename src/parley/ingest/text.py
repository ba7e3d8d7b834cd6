"""Bytes to text, and plain-text files (with optional front matter) to documents.

    text, encoding = decode(data, path="a.txt")
    text, meta = split_front_matter("---\\ntitle: Talks\\ndate: 2019-02-28\\n---\\nArnor met Gondor.")
    # -> "Arnor met Gondor.", {"title": "Talks", "date": "2019-02-28"}

Decoding tries UTF-8 (with or without BOM), then UTF-16/32 by their BOM; text that is mostly valid
UTF-8 with a few broken bytes is read as UTF-8 with the bad bytes replaced (and a warning), and only
text with no UTF-8 in it at all goes to encoding detection (Latin-1, Windows-1252 ...).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from parley.clean.dates import find_date, parse_iso
from parley.errors import E, ParleyError
from parley.ingest.detect import is_binary
from parley.ingest.source import Source
from parley.records import Document, content_hash

log = logging.getLogger("parley")

META_FIELDS = ("title", "date", "url", "outlet", "author")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:.*\r?\n){0,40}?)---[ \t]*(?:\r?\n|\Z)")
_HEADER_LINE = re.compile(r"(?i)^(title|date|url|source|outlet|author|by|published):[ \t]*(\S.*?)\s*$")
_KEY_ALIASES = {"source": "outlet", "by": "author", "published": "date"}


def decode(data: bytes, *, path: Path | str) -> tuple[str, str]:
    """Bytes to text and the encoding used; a ``ParleyError`` (E003) when no text encoding fits."""
    if is_binary(data):
        raise ParleyError(E.E003, path=path, detail="it looks like a binary file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return data.decode(codec, errors="replace"), codec
    if _UTF8_MULTIBYTE.search(data):  # UTF-8 with some broken bytes, not another encoding
        log.warning(E.E058.format(path=path, detail="broken UTF-8 byte sequences"))
        return data.decode("utf-8", errors="replace"), "utf-8"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ParleyError(E.E003, path=path, detail="no text encoding fits")
    return str(best), best.encoding


def without_controls(text: str, *, path: Path | str) -> str:
    """``text`` without C0 control characters other than tab, newline, carriage return, form feed."""
    if _CONTROL.search(text) is None:
        return text
    log.warning(E.E058.format(path=path, detail="control characters removed"))
    return _CONTROL.sub("", text)


def file_text(data: bytes, src: Source) -> tuple[str, str]:
    """A file's decoded text without control characters, and its encoding; a ``ParleyError`` when it
    is undecodable (E003) or empty (E006)."""
    text, encoding = decode(data, path=src.label)
    text = without_controls(text, path=src.label)
    if not text.strip():
        raise ParleyError(E.E006, path=src.label)
    return text, encoding


def read_text(data: bytes, src: Source) -> Iterator[Document]:
    """A plain-text file as one document; front matter or header lines become its metadata."""
    text, encoding = file_text(data, src)
    text, meta = split_front_matter(text)
    if not text.strip():
        raise ParleyError(E.E006, path=src.label)
    yield make_document(src.stem, src.label, text, meta, encoding=encoding, fmt="txt")


def make_document(
    doc_id: str, source: str, text: str, meta: dict[str, str], *, encoding: str = "utf-8", fmt: str
) -> Document:
    """A document whose content hash covers its metadata too (a whole file's text alone when it has none)."""
    meta = {k: v for k, v in meta.items() if k in META_FIELDS and v}
    plain = not meta and fmt in ("txt", "html")
    digest = content_hash(text) if plain else content_hash(text, json.dumps(meta, sort_keys=True))
    return Document(doc_id=doc_id, source=source, text=text, content_hash=digest, encoding=encoding, fmt=fmt, **meta)


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """YAML-like front matter (``---`` lines around ``key: value`` pairs) or leading ``Title:``/``Date:``
    lines as metadata, and the text without them. Unknown keys are dropped; dates become ISO."""
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _pairs(m.group("body").splitlines())
        return text[m.end() :], meta
    lines = text.split("\n", 10)
    keys = []
    for line in lines[:10]:
        header = _HEADER_LINE.match(line.strip("\ufeff"))
        if header is None:
            break
        keys.append(_KEY_ALIASES.get(header.group(1).lower(), header.group(1).lower()))
    n = len(keys)
    blank_after = n == len(lines) or not lines[n].strip()
    if n == 0 or not (blank_after or set(keys) <= {"title", "date"}):  # a Title:/Date: line may touch the text
        return text, {}
    return "\n".join(lines[n:]).lstrip("\r\n"), _pairs(lines[:n])


def _pairs(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.strip("\ufeff").partition(":")
        key = key.strip().lower()
        key = _KEY_ALIASES.get(key, key)
        value = value.strip().strip("'\"")
        if sep and key in META_FIELDS and value and key not in meta:
            meta[key] = value
    if "date" in meta:
        date = parse_iso(meta["date"]) or find_date(meta["date"])
        if date:
            meta["date"] = date
        else:
            del meta["date"]
    return meta
