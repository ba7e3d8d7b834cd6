"""Event tables in the shape other event datasets use: GDELT-2.0-like and POLECAT-like.

Both are CSV, one row per real-world event (cluster), so users of those datasets can load parley's
output with the code they have. Column meanings: docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from parley.analysis.clusters import Cluster
from parley.analysis.intensity import Scale, default_scale
from parley.categories import CAMEO_ROOT, QUAD
from parley.records import Actor, Event

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "DatePrecision", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode", "EventRootCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)  # fmt: skip
POLECAT_COLUMNS = (
    "event_id", "event_date", "date_precision", "event_type", "status", "source_actor", "source_country",
    "source_sector", "target_actor", "target_country", "target_sector", "place", "place_country", "latitude",
    "longitude", "intensity", "confidence", "certainty", "num_sources", "first_reported", "evidence", "doc_ids",
)  # fmt: skip


def write_gdelt(clusters: Sequence[Cluster], events: dict[str, Event], out: IO[str], scale: Scale | None = None) -> int:
    """One GDELT-2.0-like row per real-world event."""
    return _write(clusters, events, out, GDELT_COLUMNS, _gdelt, scale or default_scale())


def write_polecat(
    clusters: Sequence[Cluster], events: dict[str, Event], out: IO[str], scale: Scale | None = None
) -> int:
    """One POLECAT-like row per real-world event."""
    return _write(clusters, events, out, POLECAT_COLUMNS, _polecat, scale or default_scale())


Row = Callable[[Cluster, Sequence[Event], Scale], "dict[str, Any] | None"]


def _write(
    clusters: Sequence[Cluster], events: dict[str, Event], out: IO[str], columns: Sequence[str], row: Row,
    scale: Scale,
) -> int:  # fmt: skip
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    rows = [r for c in clusters if (r := row(c, _members(c, events), scale))]
    writer.writerows(rows)
    return len(rows)


def _members(c: Cluster, events: dict[str, Event]) -> list[Event]:
    return sorted((events[e] for e in c.events if e in events), key=lambda e: -e.confidence)


def _gdelt(c: Cluster, members: Sequence[Event], scale: Scale) -> dict[str, Any] | None:
    if not members:
        return None
    best, place = members[0], next((e.place for e in members if e.place), None)
    s, t = _actors(members)
    return {
        "GLOBALEVENTID": c.cluster_id, "SQLDATE": (c.date or "").replace("-", "")[:8],
        "DatePrecision": best.date.precision or "", "Actor1Code": _code(s), "Actor1Name": s.org or s.name or s.country,
        "Actor1CountryCode": s.country, "Actor1Type1Code": s.sector, "Actor2Code": _code(t),
        "Actor2Name": t.org or t.name or t.country, "Actor2CountryCode": t.country, "Actor2Type1Code": t.sector,
        "IsRootEvent": 1, "EventCode": CAMEO_ROOT[c.category], "EventRootCode": CAMEO_ROOT[c.category],
        "QuadClass": QUAD[c.category], "GoldsteinScale": scale.value(c.category), "NumMentions": len(members),
        "NumSources": c.sources, "NumArticles": len(c.documents),
        "ActionGeo_FullName": place.name if place else "", "ActionGeo_CountryCode": place.country if place else "",
        "ActionGeo_Lat": place.lat if place and place.lat is not None else "",
        "ActionGeo_Long": place.lon if place and place.lon is not None else "",
        "DATEADDED": (c.first_reported or "").replace("-", ""), "SOURCEURL": best.doc_id,
    }  # fmt: skip


def _polecat(c: Cluster, members: Sequence[Event], scale: Scale) -> dict[str, Any] | None:
    if not members:
        return None
    best, place = members[0], next((e.place for e in members if e.place), None)
    s, t = _actors(members)
    return {
        "event_id": c.cluster_id, "event_date": c.date or "", "date_precision": best.date.precision or "",
        "event_type": c.category, "status": c.status, "source_actor": s.org or s.name or "",
        "source_country": s.country,
        "source_sector": s.sector, "target_actor": t.org or t.name or "", "target_country": t.country,
        "target_sector": t.sector, "place": place.name if place else "",
        "place_country": place.country if place else "", "latitude": place.lat if place else "",
        "longitude": place.lon if place else "",
        "intensity": round(sum(scale.score(e) for e in members) / len(members), 2),
        "confidence": best.confidence, "certainty": best.certainty, "num_sources": c.sources,
        "first_reported": c.first_reported or "", "evidence": best.evidence, "doc_ids": " ".join(c.documents),
    }  # fmt: skip


def _actors(members: Iterable[Event]) -> tuple[Actor, Actor]:
    """The most specific source and target seen among the cluster's reports."""
    ranked = sorted(members, key=lambda e: -(bool(e.source.actor.name) + bool(e.target.actor.name)))
    return ranked[0].source.actor, ranked[0].target.actor


def _code(a: Actor) -> str:
    """A CAMEO-like actor code: country + sector ("USAGOV", "PRKMIL", "IGO")."""
    return a.country if a.country in {"IGO", "NGO", "MNC"} else f"{a.country}{a.sector}"
