"""A dyad over time: events between two actors per period, with a net cooperation score.

    series = dyad_series(events, "USA", "PRK", by="month")
    for p in series.periods: print(p.period, p.counts, p.net)

Actors are given as ISO codes ("USA"), names ("Donald Trump", "Kim"), or actor ids. Events in
either direction count. Months need a date at month precision or finer; years take any dated
event (a range of years counts for its first year). Undated events are counted apart.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.analysis.intensity import Scale, default_scale
from parley.records import Actor, Event


@dataclass(frozen=True)
class Period:
    period: str  # 2019 | 2019-02
    counts: dict[str, int]  # category -> events
    net: float  # sum of the events' weighted cooperation-conflict scores
    top: Event | None = None  # the event that weighs most in the period


@dataclass(frozen=True)
class Series:
    a: str
    b: str
    by: str
    periods: list[Period]
    undated: int = 0
    imprecise: int = 0  # dated too coarsely for the period length
    changes: list[tuple[str, float]] = field(default_factory=list)  # (period, jump in net score)


def matches(actor: Actor, spec: str) -> bool:
    """Whether an actor fits a user's description: an ISO code, an actor id or part of a name."""
    s = spec.strip()
    if len(s) == 3 and s.isalpha() and s.isupper():
        return actor.country == s
    if ":" in s:
        return actor.actor_id.lower() == s.lower()
    tokens = s.lower().replace("-", " ").split()
    name = (actor.name or "").lower().replace("-", " ").split()
    return bool(name) and all(t in name for t in tokens)


def between(events: Iterable[Event], a: str, b: str) -> list[Event]:
    """Events from a to b or from b to a."""
    out = []
    for e in events:
        s, t = e.source.actor, e.target.actor
        if (matches(s, a) and matches(t, b)) or (matches(s, b) and matches(t, a)):
            out.append(e)
    return out


def period_of(e: Event, by: str) -> str | None:
    """The period an event falls in, or None when its date is missing or too coarse."""
    value = e.date.value
    if not value:
        return None
    first = value.split("/")[0]
    if by == "year":
        return first[:4]
    return first[:7] if len(first) >= 7 else None


def dyad_series(events: Iterable[Event], a: str, b: str, *, by: str = "month", scale: Scale | None = None) -> Series:
    """Counts per category and net score per period for the dyad a-b."""
    scale = scale or default_scale()
    buckets: dict[str, list[Event]] = {}
    undated = imprecise = 0
    for e in between(events, a, b):
        key = period_of(e, by)
        if key is None:
            undated += e.date.value is None
            imprecise += e.date.value is not None
            continue
        buckets.setdefault(key, []).append(e)
    periods = [_period(k, buckets[k], scale) for k in sorted(buckets)]
    return Series(a, b, by, periods, undated, imprecise, change_points(periods))


def _period(key: str, events: Sequence[Event], scale: Scale) -> Period:
    counts = Counter(e.category for e in events)
    top = max(events, key=lambda e: (abs(scale.score(e)), e.confidence))
    return Period(key, dict(sorted(counts.items())), round(sum(scale.score(e) for e in events), 2), top)


def change_points(periods: Sequence[Period], *, threshold: float = 5.0) -> list[tuple[str, float]]:
    """Periods where the net score jumps by at least ``threshold`` from the period before,
    largest jumps first: where a relationship turned."""
    jumps = [(cur.period, round(cur.net - prev.net, 2)) for prev, cur in itertools.pairwise(periods)]
    return sorted((j for j in jumps if abs(j[1]) >= threshold), key=lambda j: -abs(j[1]))


def dyad_series_from_store(store: Any, a: str, b: str, *, by: str = "month", scale: Scale | None = None) -> Series:
    """The same series as ``dyad_series``, aggregated in the database (fast on millions of events).

    The store matches actors by name, country or id (see ``Store.events``); ``matches`` here is stricter
    about names, so on ambiguous names the two can differ slightly."""
    from parley.store import EventQuery

    scale = scale or default_scale()
    query = EventQuery(dyad=(a, b))
    buckets: dict[str, Counter[str]] = {}
    nets: dict[str, float] = {}
    undated = imprecise = 0
    for period, category, status, certainty, n in store.period_counts(query, by):
        if period is None:
            undated += n
        elif period == "":
            imprecise += n
        else:
            buckets.setdefault(period, Counter())[category] += n
            weight = scale.status.get(status, 1.0) * scale.certainty.get(certainty, 1.0)
            nets[period] = nets.get(period, 0.0) + n * scale.value(category) * weight
    tops = store.top_events(query, by, scale.category)
    periods = [Period(p, dict(sorted(buckets[p].items())), round(nets[p], 2), tops.get(p)) for p in sorted(buckets)]
    return Series(a, b, by, periods, undated, imprecise, change_points(periods))
