"""PLOVER's event categories and their facts, read from one data file (``data/categories.toml``).

    from parley.categories import CATEGORIES, SYMMETRIC, CAMEO_ROOT, QUAD, INTENSITY, facts

Every module that needs a category's CAMEO root, GDELT quad class, symmetry or intensity reads it here,
and the web page gets the same table from ``/api/categories``. The file is checked when it is read: each
of the 16 categories once, a two-digit CAMEO root, a quad class from 1 to 4, an intensity in [-10, 10].
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUS_NAMES = ("occurred", "intended", "hypothetical", "negated")
STATUS_CLASSES = ("real", "planned")


class CategoryFileError(ValueError):
    """The category file is malformed: names the file and what is wrong."""


@dataclass(frozen=True)
class Category:
    name: str
    cameo: str
    quad: int
    symmetric: bool
    intensity: float
    meaning: str


def load(path: Path) -> tuple[dict[str, Category], dict[str, str]]:
    """The categories (in PLOVER's order) and the status classes of a category file, checked."""
    def fail(detail: str) -> CategoryFileError:
        return CategoryFileError(f"{path}: {detail}")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise fail(str(err)) from err
    table: dict[str, Any] = data.get("category", {})
    if set(table) != set(PLOVER):
        raise fail(f"[category] must list PLOVER's 16 categories: missing {sorted(set(PLOVER) - set(table))}, "
                   f"unknown {sorted(set(table) - set(PLOVER))}")  # fmt: skip
    out: dict[str, Category] = {}
    for name in PLOVER:
        row = table[name]
        try:
            cat = Category(name, str(row["cameo"]), int(row["quad"]), bool(row["symmetric"]),
                           float(row["intensity"]), str(row.get("meaning", "")))  # fmt: skip
        except (KeyError, TypeError, ValueError) as err:
            raise fail(f"[category.{name}]: {err!r} (needs cameo, quad, symmetric, intensity)") from err
        if not re.fullmatch(r"\d\d", cat.cameo) or cat.quad not in {1, 2, 3, 4} or not -10 <= cat.intensity <= 10:
            raise fail(f"[category.{name}]: cameo must be two digits, quad 1-4, intensity in [-10, 10]")
        out[name] = cat
    status = {str(k): str(v) for k, v in data.get("status", {}).items()}
    if set(status) != set(STATUS_NAMES) or not set(status.values()) <= set(STATUS_CLASSES):
        raise fail(f"[status] must give each of {list(STATUS_NAMES)} a class from {list(STATUS_CLASSES)}")
    return out, status


FILE = Path(str(resources.files("parley") / "data" / "categories.toml"))
FACTS, STATUS_CLASS = load(FILE)
CATEGORIES: tuple[str, ...] = tuple(FACTS)
SYMMETRIC: frozenset[str] = frozenset(c.name for c in FACTS.values() if c.symmetric)
CAMEO_ROOT: dict[str, str] = {c.name: c.cameo for c in FACTS.values()}
QUAD: dict[str, int] = {c.name: c.quad for c in FACTS.values()}
INTENSITY: dict[str, float] = {c.name: c.intensity for c in FACTS.values()}


def facts() -> list[dict[str, Any]]:
    """The table as plain records, for the API and the web page."""
    return [asdict(c) for c in FACTS.values()]
