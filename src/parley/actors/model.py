"""The knowledge base's records and date helpers, shared by the loader, the base and the resolver."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parley.records import Actor

SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "COP",
        "LEG",
        "JUD",
        "MED",
        "BUS",
        "CVL",
        "OPP",
        "PTY",
        "REB",
        "IGO",
        "NGO",
        "REL",
        "EDU",
    }
)
SUPRA = frozenset({"IGO", "NGO", "MNC"})
# The sectors that act as the state itself: "Pyongyang" and "North Korean troops" are one side.
STATE_SIDE = frozenset({"GOV", "MIL"})
# surname_needs_title: a surname that is also a common word ("May") resolves only after a title and
# gets no bare EntityRuler pattern; surname_no_pattern: resolves alone but gets no bare pattern ("Park").
NEEDS_TITLE, NO_PATTERN = "surname_needs_title", "surname_no_pattern"
WORD_KINDS = frozenset({"det", "former", "honorific", "sector", "ignore", NEEDS_TITLE, NO_PATTERN})
OPEN_END = "9999-12-31"
LEADER = "leader"  # the pseudo-office "the X leader": the country's leader_title, then any leading office


FILES = {
    "countries": ("iso3", "name", "aliases", "demonyms", "capitals", "metonyms", "leader_title"),
    "igos": ("id", "name", "country", "aliases", "sector"),
    "organisations": ("id", "name", "country", "sector", "aliases"),
    "people": ("id", "name", "aliases", "surname", "country", "office", "start", "end", "sector",
               "descriptors", "org", "note"),
    "offices": ("office", "phrases", "sector", "leading", "equivalent"),
    "words": ("word", "kind", "value"),
    "eras": ("actor", "until", "then", "note"),
}  # fmt: skip
REQUIRED = {
    "countries": ("iso3", "name"), "igos": ("id", "name", "country", "sector"),
    "organisations": ("id", "name", "country", "sector"), "people": ("id", "name", "country", "office"),
    "offices": ("office", "sector"), "words": ("word", "kind"), "eras": ("actor", "until", "then"),
}  # fmt: skip


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str], ...] = ()  # (name, sector)
    leader_title: str = ""


@dataclass(frozen=True)
class Office:
    key: str
    phrases: tuple[str, ...]
    sector: str
    leading: bool
    equivalent: str = ""


@dataclass(frozen=True)
class Term:
    """One row of people.tsv: a person in an office (or office ``person``) for a span of dates."""

    person: str
    country: str
    office: str
    start: str  # padded ISO date, "" for office ``person``
    end: str  # padded ISO date, OPEN_END while in office
    sector: str
    descriptors: tuple[str, ...] = ()
    org: str = ""
    note: str = ""

    @property
    def holder(self) -> str:
        """Whose office it is: a country code, or ``IGO:nato`` for an organisation's office."""
        return f"{self.country}:{self.org}" if self.org else self.country

    @property
    def acting(self) -> bool:
        return "acting" in self.note

    def covers(self, day: str) -> bool:
        return bool(self.start) and self.start <= day <= self.end


@dataclass(frozen=True)
class Person:
    pid: str
    name: str
    aliases: tuple[str, ...]
    surname: str
    terms: tuple[Term, ...]
    rank: int  # file order: lower is more prominent


@dataclass(frozen=True)
class Entry:
    """What an index key can mean: ``kind`` is person|surname|country|capital|metonym|demonym|
    igo|org|role|descriptor|word; ``target`` an id (person id, iso3, actor id, office key, word kind)."""

    kind: str
    target: str
    how: str = "name"
    value: str = ""  # sector for metonyms and sector words
    upper: bool = False  # an acronym: matches only in capitals


@dataclass(frozen=True)
class ImportedRow:
    """A row made from an imported dictionary: ``stem`` names the data file it extends (countries,
    organisations, people, offices, words); ``source`` and ``line`` say where it came from."""

    stem: str
    cells: Mapping[str, str]
    source: str
    line: int


def state_actor(iso3: str, sector: str = "GOV") -> Actor:
    """A state, or an unnamed part of it: the government and its forces are the state itself
    (id ``PRK``); other sectors are actors of their own (``HKG-COP``, ``BRA-CVL``)."""
    actor_id = iso3 if sector in STATE_SIDE else f"{iso3}-{sector}"
    return Actor(actor_id=actor_id, country=iso3, name=None, sector=sector, kind="state")


def newest_first(iso: str) -> str:
    """Sort key that orders ISO dates newest first."""
    return "".join(chr(0x7F - ord(c)) for c in iso)


def query_date(on: str | None) -> str:
    """A padded ISO day for a query: None means today's holders; a year means its middle."""
    if not on:
        return "9999-01-01"
    on = on.strip()[:10]
    if re.fullmatch(r"\d{4}", on):
        return f"{on}-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", on):
        return f"{on}-15"
    return on


def term_on(terms: Sequence[Term], day: str) -> Term:
    """The term current on ``day``, else the latest earlier one, else the first."""
    live = [t for t in terms if t.covers(day)]
    if live:
        return max(live, key=lambda t: (not t.acting, t.start))
    past = [t for t in terms if t.start and t.start <= day]
    return max(past, key=lambda t: t.start) if past else terms[0]
