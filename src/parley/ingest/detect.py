"""What a file holds, told from its first bytes; its name's extension is only a hint.

    detect(data, "feed.xml")  -> "feed"
    detect(data, "page.txt")  -> "html" when the text is markup

Magic bytes decide first (gzip, zip, tar, WARC), then the shape of the text (markup with an
``rss``/``feed`` root, other HTML, JSON objects one per line, a CSV header naming the text column).
Where the text has no clear shape the extension decides, and plain text is the default. Binary data
(NUL bytes without a UTF-16/32 byte-order mark) is ``"binary"``.
"""

from __future__ import annotations

import csv
import re

# extension -> the format it suggests
SUFFIX_HINTS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".gz": "gzip", ".tgz": "gzip", ".zip": "zip", ".tar": "tar",
}  # fmt: skip
# extensions read when a folder is walked (a folder's other files are left alone)
FOLDER_SUFFIXES = frozenset(SUFFIX_HINTS)
TEXT_FORMATS = frozenset({"txt", "html", "jsonl", "csv"})
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
HEAD_BYTES = 65_536  # how much of a file the detector looks at
_MARKUP_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!doctype[^>]*>\s*)*<([a-zA-Z][\w:.-]*)", re.S)
_DOCTYPE_HTML = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!doctype\s+html", re.S | re.I)
FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})


def suffix_hint(name: str) -> str | None:
    """The format a file name's last extension suggests (``None`` when it suggests none)."""
    dot = name.rfind(".")
    if dot <= name.rfind("/") or dot == len(name) - 1:
        return None
    return SUFFIX_HINTS.get(name[dot:].lower())


def detect(data: bytes, name: str, *, text_field: str = "text") -> str:
    """The format of ``data``: gzip | zip | tar | warc | feed | html | jsonl | csv | txt | xml | binary."""
    magic = _magic(data)
    if magic:
        return magic
    if is_binary(data):
        return "binary"
    head = _head_text(data)
    shape = _shape(head, text_field)
    hint = suffix_hint(name)
    if shape != "txt":
        return shape
    return hint if hint in TEXT_FORMATS else "txt"


def is_binary(data: bytes) -> bool:
    """NUL bytes in the first 4 KB of data without a UTF-16/32 byte-order mark."""
    return b"\x00" in data[:4096] and not data.startswith(BOMS[1:])


def _magic(data: bytes) -> str | None:
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data[257:262] == b"ustar":
        return "tar"
    if data.lstrip(b"\r\n\t ").startswith(b"WARC/"):
        return "warc"
    return None


def _head_text(data: bytes) -> str:
    head = data[:HEAD_BYTES]
    for bom, codec in ((BOMS[0], "utf-8-sig"), (BOMS[1], "utf-16"), (BOMS[2], "utf-16")):
        if head.startswith(bom):
            return head.decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")


def _shape(head: str, text_field: str) -> str:
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        return _markup(start)
    if start.startswith("{"):
        return "jsonl"
    if _is_csv_header(start.splitlines()[0] if start else "", text_field):
        return "csv"
    return "txt"


def _markup(head: str) -> str:
    if _DOCTYPE_HTML.match(head):
        return "html"
    m = _MARKUP_START.match(head)
    if m is None:
        return "txt"
    root = m.group(1).lower()
    if root in FEED_ROOTS:
        return "feed"
    if head.startswith("<?xml") and root not in {"html", "head", "body"}:
        return "xml"
    return "html"


def _is_csv_header(line: str, text_field: str) -> bool:
    delimiter = "\t" if "\t" in line else ","
    if delimiter not in line or len(line) > 10_000:
        return False
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return False
    return text_field.casefold() in {c.strip().casefold() for c in cells}
