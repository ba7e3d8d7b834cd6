"""The Python API over a parley database: the questions a user asks, answered as records.

import parley
db = parley.open("parley.duckdb")
db.events(dyad=("USA", "PRK"), since="2018")
db.first_and_last("Donald Trump", "Kim Jong Un", category="CONSULT")
db.who_did_most("ACCUSE", to="PRK")
db.dyad("USA", "PRK", by="year").periods
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import TracebackType

from parley.analysis.clusters import Cluster
from parley.analysis.dyads import Series, dyad_series_from_store, matches
from parley.records import Event, Quote
from parley.store import EventQuery, Store


class Database:
    """A read-only view of one parley database."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store.open(Path(path), read_only=True)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def events(
        self, *, actor: str | None = None, dyad: tuple[str, str] | None = None, since: str | None = None,
        category: str | None = None, doc: str | None = None,
    ) -> list[Event]:  # fmt: skip
        """Events matching every filter given, by date."""
        return list(self.store.events(EventQuery(actor, dyad, since, category, doc)))

    def clusters(self, *, dyad: tuple[str, str] | None = None, category: str | None = None) -> list[Cluster]:
        """Real-world events (each with its documents and source count)."""
        return self.store.clusters(EventQuery(dyad=dyad, category=category))

    def quotes(self, speaker: str | None = None) -> list[Quote]:
        return list(self.store.quotes(speaker=speaker))

    def dyad(self, a: str, b: str, *, by: str = "year") -> Series:
        """The relationship a-b over time (see ``parley.analysis.dyads``)."""
        return dyad_series_from_store(self.store, a, b, by=by)

    def first_and_last(self, a: str, b: str, *, category: str = "CONSULT") -> tuple[Event | None, Event | None]:
        """The earliest and latest dated events of a category between a and b ("when did they first meet?")."""
        dated = [e for e in self._between(a, b) if e.category == category and e.status == "occurred" and e.date.value]
        precise = [e for e in dated if "/" not in (e.date.value or "")]  # ranges ("his first term") are vague
        dated = sorted(precise or dated, key=lambda e: e.date.value or "")
        return (dated[0], dated[-1]) if dated else (None, None)

    def who_did_most(self, category: str, *, to: str) -> list[tuple[str, int]]:
        """Sources ranked by how many events of a category they aimed at ``to``."""
        counts = Counter(
            e.source.actor.name or e.source.actor.country
            for e in self.store.events(EventQuery(category=category))
            if matches(e.target.actor, to)
        )
        return counts.most_common()

    def _between(self, a: str, b: str) -> list[Event]:
        from parley.analysis.dyads import between

        return between(self.store.events(), a, b)


def open_database(path: str | Path) -> Database:
    return Database(path)
