"""A cooperation-conflict score for each event.

A category's value comes from the category file (``parley/data/categories.toml``, its ``intensity``);
``data/intensity.toml`` weighs it by status and certainty. A scale file of one's own gives the same two
tables, and may give a ``[category]`` table to override some categories' values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from parley.categories import INTENSITY
from parley.errors import E, ParleyError
from parley.records import CATEGORIES, STATUSES, Event

CERTAINTIES = ("asserted", "hedged", "contested", "opinion")


@dataclass(frozen=True)
class Scale:
    category: dict[str, float]
    status: dict[str, float]
    certainty: dict[str, float]

    def value(self, category: str) -> float:
        """The category's place on the scale, -10 (conflict) to +10 (cooperation)."""
        return self.category[category]

    def score(self, event: Event) -> float:
        """The event's weighted score: its category's value times its status and certainty weights."""
        weight = self.status.get(event.status, 1.0) * self.certainty.get(event.certainty, 1.0)
        return round(self.category[event.category] * weight, 3)


@lru_cache(maxsize=1)
def default_scale() -> Scale:
    return load_scale(Path(str(resources.files("parley.analysis") / "data" / "intensity.toml")))


def load_scale(path: Path) -> Scale:
    """Read and check the scale: every category, status and certainty has a value."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = {k: {n: float(v) for n, v in data[k].items()} for k in ("status", "certainty")}
        tables["category"] = {**INTENSITY, **{n: float(v) for n, v in data.get("category", {}).items()}}
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E010, path=path, where="file", detail=str(err)) from err
    unknown = sorted(set(tables["category"]) - set(CATEGORIES))
    if unknown:
        raise ParleyError(E.E010, path=path, where="[category]", detail=f"unknown categories {unknown}")
    for table, names in (("status", STATUSES), ("certainty", CERTAINTIES)):
        missing = sorted(set(names) - set(tables[table]))
        if missing:
            raise ParleyError(E.E010, path=path, where=f"[{table}]", detail=f"no value for {missing}")
    if any(not -10 <= v <= 10 for v in tables["category"].values()):
        raise ParleyError(E.E010, path=path, where="[category]", detail="values must lie in [-10, 10]")
    return Scale(**tables)
