"""Record files: JSON Lines and CSV, one document per record, with configurable field names.

    parse_jsonl(text, path="a.jsonl", fields={"text": "body", "date": "published_at"})
    parse_csv(text, path="a.csv", fields={"id": "uuid"})

``fields`` maps parley's names (``id``, ``text``, ``title``, ``date``, ``url``, ``outlet``,
``author``) to the file's own; unmapped names are looked up as themselves. ``text`` is required;
a record without an ``id`` gets ``<file stem>:<line>``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from parley.errors import E, ParleyError
from parley.ingest.text import META_FIELDS, make_document, without_controls
from parley.records import Document, Rejected


def parse_jsonl(
    text: str, *, path: Path | str, fields: Mapping[str, str] | None = None, stem: str | None = None
) -> Iterator[Document | Rejected]:
    """One ``Document`` per line holding a JSON object with a text field (plus optional metadata)."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = _json_object(line, path=path, line_no=n)
            yield _record(obj, path=path, line_no=n, fields=fields or {}, stem=stem, fmt="jsonl")
        except ParleyError as err:
            yield Rejected(f"{path}:{n}", err.code.name, str(err))


def parse_csv(
    text: str, *, path: Path | str, fields: Mapping[str, str] | None = None, limit: int, stem: str | None = None
) -> Iterator[Document | Rejected]:
    """One ``Document`` per row of a CSV (or tab-separated) file with a header row; cells may hold up
    to ``limit`` characters."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    old = csv.field_size_limit(min(limit, sys.maxsize))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = list(_rows(reader, path))
    finally:
        csv.field_size_limit(old)
    for line_no, row in rows:
        if isinstance(row, Rejected):
            yield row
            continue
        try:
            yield _record(row, path=path, line_no=line_no, fields=fields or {}, stem=stem, fmt="csv")
        except ParleyError as err:
            yield Rejected(f"{path}:{line_no}", err.code.name, str(err))


def _rows(reader: csv.DictReader[str], path: Path | str) -> Iterator[tuple[int, dict[str, Any] | Rejected]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            line = reader.line_num
            yield line, Rejected(f"{path}:{line}", "E004", E.E004.format(path=path, line=line, detail=str(err)))
            return
        yield reader.line_num, row


def _json_object(line: str, *, path: Path | str, line_no: int) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        detail = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
        raise ParleyError(E.E004, path=path, line=line_no, detail=detail) from err
    if not isinstance(obj, dict):
        raise ParleyError(E.E004, path=path, line=line_no, detail="not an object")
    return obj


def _record(
    obj: Mapping[str, Any], *, path: Path | str, line_no: int, fields: Mapping[str, str], stem: str | None, fmt: str
) -> Document:
    def value(name: str) -> str | None:
        v = obj.get(fields.get(name, name))
        return str(v) if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip() else None

    text = value("text")
    if text is None:
        raise ParleyError(E.E005, path=path, line=line_no, field=fields.get("text", "text"))
    doc_id = value("id") or f"{stem or Path(str(path)).stem}:{line_no}"
    meta = {k: v for k in META_FIELDS if (v := value(k)) is not None}
    source = f"{path}:{line_no}"
    return make_document(doc_id, source, without_controls(text, path=source), meta, fmt=fmt)
