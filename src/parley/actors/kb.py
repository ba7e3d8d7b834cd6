"""The actor knowledge base: countries, IGOs, organisations, people and their offices.

Knowledge lives in TSV files under ``parley/actors/data``; :func:`load_kb` reads and
validates them (a malformed row raises ``ParleyError`` E010 naming the file and line) and
builds an immutable :class:`KnowledgeBase` with a token index for the resolver.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from parley.actors import loader
from parley.actors.model import (
    LEADER,
    OPEN_END,
    SUPRA,
    Country,
    Entry,
    ImportedRow,
    Office,
    Person,
    Term,
    newest_first,
    query_date,
    state_actor,
    term_on,
)
from parley.actors.text import key
from parley.records import Actor

if TYPE_CHECKING:
    from parley.actors.resolve import Resolution

__all__ = ["KnowledgeBase", "default_kb", "load_kb"]


@dataclass(frozen=True, repr=False)
class KnowledgeBase:
    """Immutable after :func:`load_kb`; resolution logic lives in :mod:`parley.actors.resolve`."""

    countries: Mapping[str, Country]
    people: Mapping[str, Person]
    orgs: Mapping[str, Actor]  # IGOs, NGOs and organisations by actor id
    org_aliases: Mapping[str, tuple[str, ...]]
    offices: Mapping[str, Office]
    index: Mapping[tuple[str, ...], tuple[Entry, ...]]
    by_holder: Mapping[tuple[str, str], tuple[Term, ...]] = field(repr=False)
    max_key: int = 6
    eras: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"KnowledgeBase({len(self.countries)} countries, {len(self.orgs)} organisations, "
            f"{len(self.people)} people, {len(self.index)} names)"
        )

    def resolve(
        self,
        text: str,
        *,
        on: str | None = None,
        recent: Sequence[Actor] = (),
        head: str | None = None,
        home: str | None = None,
    ) -> Resolution | None:
        """Map a noun phrase to an actor (see :func:`parley.actors.resolve.resolve`)."""
        from parley.actors.resolve import resolve

        return resolve(self, text, on=on, recent=recent, head=head, home=home)

    def entity_patterns(self) -> list[dict[str, object]]:
        """Patterns for spaCy's ``EntityRuler`` (see :mod:`parley.actors.patterns`)."""
        from parley.actors.patterns import entity_patterns

        return entity_patterns(self)

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Every index entry for exactly this name (case-insensitive, no case checks)."""
        return self.index.get(key(text), ())

    def is_person_name(self, text: str) -> bool:
        """True when ``text`` is a known person's name, alias or capitalised surname."""
        kinds = {e.kind for e in self.lookup(text)}
        return "person" in kinds or ("surname" in kinds and text[:1].isupper())

    def state(self, iso3: str, sector: str = "GOV") -> Actor:
        """A state, or an unnamed part of it (see :func:`parley.actors.model.state_actor`)."""
        return state_actor(iso3, sector)

    def in_era(self, actor: Actor, on: str | None) -> Actor:
        """The state or organisation a name meant on a date ("Moscow" in 1987: the Soviet Union)."""
        spans = self.eras.get(actor.actor_id if actor.kind == "igo" else actor.country)
        if not spans or not on or actor.kind not in {"state", "igo"}:
            return actor
        day = query_date(on)
        then = next((t for until, t in spans if day < until), None)
        if then is None:
            return actor
        if actor.kind == "igo":
            return self.orgs.get(then, actor)
        return self.state(then, actor.sector)

    def person_actor(self, pid: str, on: str | None = None) -> Actor:
        """The person as an actor on a date: country and sector follow the office held then."""
        person = self.people[pid]
        term = term_on(person.terms, query_date(on))
        org = self.orgs.get(term.holder) if term.org and term.country in SUPRA else None
        return Actor(
            f"{term.country}:{pid}", term.country, person.name, term.sector, "person", org.name if org else None
        )

    def tenures(self, actor_id: str) -> list[tuple[str, str]]:
        """A person's terms in leading offices, oldest first, as (start, end) ISO dates; the end is
        "" while in office. Back-to-back terms in one office count separately ("his second term")."""
        person = self.people.get(actor_id.split(":", 1)[-1])
        if person is None:
            return []
        lead = [t for t in person.terms if t.start and t.office in self.offices and self.offices[t.office].leading]
        return [(t.start, "" if t.end == OPEN_END else t.end) for t in sorted(lead, key=lambda t: t.start)]

    def office_holder(self, country: str, office: str, on: str | None = None) -> Actor | None:
        """Who held ``office`` (or an equivalent; ``leader`` for the leading office) on a date.

        ``country`` is an iso3 code, or an organisation's actor id (``IGO:un``) for its offices.
        """
        term = self.holder_term(country, self.expand(country, office), on)
        return None if term is None else self.person_actor(term.person, on)

    def holder_term(self, holder: str, offices: Sequence[str], on: str | None, *, former: bool = False) -> Term | None:
        day = query_date(on)
        found = [t for o in offices for t in self.by_holder.get((holder, o), ())]
        if former:
            past = [t for t in found if t.start and t.end < day]
            return max(past, key=lambda t: t.end) if past else None
        live = [t for t in found if t.covers(day)]
        live.sort(key=lambda t: (t.acting, offices.index(t.office), newest_first(t.start)))
        return live[0] if live else None

    def expand(self, holder: str, office: str) -> list[str]:
        """An office key with its equivalents, or the leader offices for ``leader``."""
        if office == LEADER:
            return self.leader_offices(holder)
        out = [office]
        out += [o.key for o in self.offices.values() if o.equivalent == office and o.key != office]
        own = self.offices.get(office)
        if own and own.equivalent and own.equivalent not in out:
            out.append(own.equivalent)
        return out

    def leader_offices(self, holder: str) -> list[str]:
        country = self.countries.get(holder)
        first = [country.leader_title] if country and country.leader_title else []
        return first + [o.key for o in self.offices.values() if o.leading and o.key not in first]

    def offices_of(self, actor_id: str, on: str | None = None) -> list[str]:
        """The office keys a person actor holds on a date (``[]`` for non-persons)."""
        person = self.people.get(actor_id.partition(":")[2])
        if person is None:
            return []
        day = query_date(on)
        return list(dict.fromkeys(t.office for t in person.terms if t.covers(day)))


def load_kb(data_dir: Path | None = None, *, extra: Sequence[ImportedRow] = ()) -> KnowledgeBase:
    """Read and validate the TSV files (the packaged ones when ``data_dir`` is None), extended by
    ``extra`` rows from imported dictionaries (see :mod:`parley.actors.imported`)."""
    countries, orgs, offices, people, entries = loader.read_all(data_dir, extra)
    eras = loader.load_eras(data_dir, countries, {k: a for k, (a, _) in orgs.items()})
    by_holder: dict[tuple[str, str], list[Term]] = {}
    for person in people.values():
        for term in person.terms:
            if term.start:
                by_holder.setdefault((term.holder, term.office), []).append(term)
    return KnowledgeBase(
        countries=MappingProxyType(countries),
        people=MappingProxyType(people),
        orgs=MappingProxyType({k: a for k, (a, _) in orgs.items()}),
        org_aliases=MappingProxyType({k: al for k, (_, al) in orgs.items()}),
        offices=MappingProxyType(offices),
        index=MappingProxyType({k: tuple(v) for k, v in entries.items()}),
        by_holder=MappingProxyType({k: tuple(v) for k, v in by_holder.items()}),
        max_key=max(len(k) for k in entries),
        eras=MappingProxyType({k: tuple(v) for k, v in eras.items()}),
    )


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process on first use."""
    return load_kb()
