"""One record per real-world event: events from many articles grouped into clusters.

Two events are the same real-world event when they have the same category and status class,
the same states on each side (either order for the symmetric categories), named people that
do not disagree, and dates that agree at the coarser precision; an undated event joins a
cluster only when its sentence shares enough words with a member's. Clustering is greedy from
the most precisely dated events down, so a year-only mention ("summits in 2019") never
bridges two different meetings of that year. A summary over a period ("summits between 2018
and 2019") joins only another summary whose period holds it or lies within it. A cluster's id
comes from its founding event, so rebuilding after new articles keeps the old ids.

Syndicated copies (the same wire story on several sites) are found with MinHash over word
5-grams and count as one source.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from parley.categories import STATUS_CLASS
from parley.records import SYMMETRIC, Event, content_hash

SIMILAR_WORDS = 0.3
DAY_SLACK = 2  # days between day-precise reports of one event
NUM_HASHES = 64
BAND = 4  # MinHash places per band: 16 bands
DUPLICATE = 0.8
_PRIME = (1 << 31) - 1
_A = [(j * 2654435761 + 97) % ((1 << 31) - 1) or 1 for j in range(1, NUM_HASHES + 1)]
_C = [(j * 40503 + 12345) % ((1 << 31) - 1) for j in range(1, NUM_HASHES + 1)]
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of to in on and for with by at from as is was were be has have had that which".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Cluster:
    cluster_id: str
    category: str
    status: str
    source: str  # actor id of the most specific source seen
    target: str
    date: str | None  # the most precise date among the members
    first_reported: str | None  # earliest publication date among the members
    events: tuple[str, ...]  # member event ids
    documents: tuple[str, ...]  # distinct documents reporting it
    sources: int  # documents, syndicated copies counted once


def cluster_events(events: Iterable[Event], duplicates: dict[str, str] | None = None) -> list[Cluster]:
    """Group events into real-world events; ``duplicates`` maps a document to the one it copies."""
    groups: dict[tuple[str, ...], list[Event]] = {}
    for e in events:
        groups.setdefault(merge_key(e), []).append(e)
    out: list[Cluster] = []
    for members in groups.values():
        out += [_cluster(c, duplicates or {}) for c in _greedy(members)]
    return sorted(out, key=lambda c: (c.date or "9999", c.cluster_id))


def merge_key(e: Event) -> tuple[str, ...]:
    pair = (e.source.actor.country, e.target.actor.country)
    if e.category in SYMMETRIC:
        pair = tuple(sorted(pair))  # type: ignore[assignment]
    return (e.category, STATUS_CLASS.get(e.status, e.status), *pair)


def _greedy(events: Sequence[Event]) -> list[list[Event]]:
    clusters: list[list[Event]] = []
    for e in sorted(events, key=lambda e: (-_precision(e.date.value), e.publication_date or "", e.event_id)):
        homes = [c for c in clusters if all(_same(e, m) for m in c)]
        if len(homes) == 1:
            homes[0].append(e)
        else:  # new, or fits several ("the summits of 2018 and 2019"): a reference of its own
            clusters.append([e])
    return clusters


def _same(a: Event, b: Event) -> bool:
    if not _people_agree(a, b):
        return False
    da, db = a.date.value, b.date.value
    if da is None or db is None:
        return _similar(a.evidence, b.evidence) >= SIMILAR_WORDS
    return _dates_agree(da, db)


def _people_agree(a: Event, b: Event) -> bool:
    sides_a = {a.source.actor.country: a.source.actor.name, a.target.actor.country: a.target.actor.name}
    for actor in (b.source.actor, b.target.actor):
        other = sides_a.get(actor.country)
        if other and actor.name and other != actor.name:
            return False
    return True


def _dates_agree(a: str, b: str) -> bool:
    if "/" in a and "/" in b:  # two summaries of a series ("met three times in his first term",
        return _within(a, b) or _within(b, a)  # "summits between 2018 and 2019"): one period holds the other
    if "/" in a or "/" in b:  # a summary never absorbs one of the events it sums up
        return False
    if len(a) == len(b) == 10:  # a summit runs over days: reports dated a day or two apart agree
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= DAY_SLACK
    return a.startswith(b) or b.startswith(a)


def _within(inner: str, outer: str) -> bool:
    start, end = inner.split("/", 1)
    lo, hi = outer.split("/", 1)
    return lo <= start and end[:4] <= hi[:4]


def _precision(value: str | None) -> int:
    if not value:
        return 0
    return 1 if "/" in value else len(value)


def _similar(a: str, b: str) -> float:
    wa, wb = _content_words(a), _content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _cluster(members: list[Event], duplicates: dict[str, str]) -> Cluster:
    founder = members[0]
    best = max(members, key=lambda e: (bool(e.source.actor.name) + bool(e.target.actor.name), e.confidence))
    docs = tuple(sorted({e.doc_id for e in members}))
    published = [e.publication_date for e in members if e.publication_date]
    return Cluster(
        cluster_id=content_hash("cluster", founder.event_id), category=founder.category, status=founder.status,
        source=best.source.actor.actor_id, target=best.target.actor.actor_id,
        date=max((e.date.value for e in members if e.date.value), key=_precision, default=None),
        first_reported=min(published) if published else None, events=tuple(e.event_id for e in members),
        documents=docs, sources=len({duplicates.get(d, d) for d in docs}),
    )  # fmt: skip


def minhash(text: str, *, k: int = 5) -> tuple[int, ...]:
    """A MinHash signature of the text's word k-grams (universal hashing modulo a prime)."""
    import numpy as np

    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}
    base = np.array([int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") % _PRIME
                     for g in grams], dtype=np.uint64)  # fmt: skip
    a, c = np.array(_A, dtype=np.uint64), np.array(_C, dtype=np.uint64)
    return tuple(int(x) for x in ((base[:, None] * a + c) % _PRIME).min(axis=0))


def near_duplicates(signatures: Mapping[str, Sequence[int]]) -> dict[str, str]:
    """Map each document that copies an earlier one to that document (copies of copies to the
    original). Documents are taken in id order; a document's candidates are the first documents of
    the MinHash band buckets it falls in (16 bands of 4), and it copies the earliest candidate whose
    estimated Jaccard similarity is >= 0.8. The store runs the same rule in SQL."""
    leaders: dict[tuple[int, tuple[int, ...]], str] = {}
    out: dict[str, str] = {}
    for doc in sorted(signatures):
        sig = signatures[doc]
        keys = [(b, tuple(sig[b : b + BAND])) for b in range(0, NUM_HASHES, BAND)]
        candidates = sorted({leaders[k] for k in keys if k in leaders})
        match = next((d for d in candidates if _estimate(sig, signatures[d]) >= DUPLICATE), None)
        if match is not None:
            out[doc] = out.get(match, match)
        for k in keys:
            leaders.setdefault(k, doc)
    return out


def _estimate(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
