"""Reading and validating the knowledge-base TSV files.

Every row is checked (codes, dates, office keys, sectors, name clashes); a malformed one
raises ``ParleyError`` E010 with the file path and line number.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from parley.actors.model import (
    FILES,
    LEADER,
    OPEN_END,
    REQUIRED,
    SECTORS,
    SUPRA,
    WORD_KINDS,
    Country,
    Entry,
    ImportedRow,
    Office,
    Person,
    Term,
)  # fmt: skip
from parley.actors.text import is_acronym, key
from parley.errors import E, ParleyError
from parley.records import Actor

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class _Row:
    path: str
    line: int
    cells: dict[str, str]
    imported: bool = False

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def split(self, name: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.get(name).split("|") if p.strip())

    def fail(self, detail: str) -> ParleyError:
        return ParleyError(E.E010, path=self.path, where=f"line {self.line}", detail=detail)


_Extra = Sequence[ImportedRow]


def _read(data_dir: Path | None, stem: str, extra: _Extra = ()) -> Iterator[_Row]:
    """The data file's rows, then the imported rows that extend it."""
    yield from _read_file(data_dir, stem)
    for item in extra:
        if item.stem == stem:
            row = _Row(item.source, item.line, {k: str(v).strip() for k, v in item.cells.items()}, imported=True)
            missing = [name for name in REQUIRED[stem] if not row.get(name)]
            if missing:
                raise row.fail(f"column '{missing[0]}' is empty")
            yield row


def _read_file(data_dir: Path | None, stem: str) -> Iterator[_Row]:
    """A data file, then its extension files (``people_history_*.tsv`` after ``people.tsv``)."""
    yield from _read_one(data_dir, f"{stem}.tsv", stem)
    for name in _extensions(data_dir, stem):
        yield from _read_one(data_dir, name, stem)


def _extensions(data_dir: Path | None, stem: str) -> list[str]:
    folder = resources.files("parley.actors") / "data" if data_dir is None else data_dir
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return []
    return sorted(n for n in names if n.startswith(f"{stem}_") and n.endswith(".tsv"))


def _read_one(data_dir: Path | None, name: str, stem: str) -> Iterator[_Row]:
    if data_dir is None:
        source = resources.files("parley.actors") / "data" / name
        path, text = str(source), source.read_text(encoding="utf-8")
    else:
        path = str(data_dir / name)
        try:
            text = (data_dir / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParleyError(E.E010, path=path, where="line 1", detail=f"cannot read ({exc})") from exc
    yield from _rows(path, text, stem)


def _rows(path: str, text: str, stem: str) -> Iterator[_Row]:
    header: tuple[str, ...] | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = tuple(cells)
            if header != FILES[stem]:
                detail = f"header must be {' TAB '.join(FILES[stem])}, found {' TAB '.join(header)}"
                raise ParleyError(E.E010, path=path, where=f"line {n}", detail=detail)
            continue
        row = _Row(path, n, dict(zip(header, cells, strict=False)))
        if len(cells) > len(header):
            raise row.fail(f"{len(cells)} columns, expected at most {len(header)}")
        for name in REQUIRED[stem]:
            if not row.get(name):
                raise row.fail(f"column '{name}' is empty")
        yield row


def _padded(row: _Row, name: str, *, end: bool) -> str:
    """An ISO day; a coarse date pads to the first day of its period, so for an end date
    the successor owns the handover month (no false overlaps between month-precise terms)."""
    value = row.get(name)
    if not value:
        return OPEN_END if end else ""
    if not _DATE.match(value):
        raise row.fail(f"{name} '{value}' is not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd)")
    full = value + "-01-01"[: 10 - len(value)]
    try:
        date.fromisoformat(full)
    except ValueError as exc:
        raise row.fail(f"{name} '{value}' is not a valid date") from exc
    return full


def _sector(row: _Row, value: str) -> str:
    if value not in SECTORS:
        raise row.fail(f"unknown sector '{value}' (known: {', '.join(sorted(SECTORS))})")
    return value


def _country_code(row: _Row, value: str, known: Mapping[str, Country]) -> str:
    if value not in SUPRA and value not in known:
        raise row.fail(f"unknown country code '{value}' (use an iso3 code from countries.tsv, or IGO/NGO/MNC)")
    return value


class _Index:
    """Collects index entries and rejects one name meaning two actors of the same kind."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[Entry]] = {}
        self.owner: dict[tuple[str, tuple[str, ...]], str] = {}

    def add(self, row: _Row, group: str, name: str, entry: Entry, *, ambiguous: bool = False) -> None:
        k = key(name)
        if not k:
            raise row.fail(f"name '{name}' has no letters")
        if not ambiguous:
            prev = self.owner.setdefault((group, k), entry.target)
            if prev != entry.target:
                raise row.fail(f"'{name}' already names {prev}; one name must not mean two {group} actors")
        if entry.kind in {"country", "capital", "metonym", "demonym", "igo", "org"} and is_acronym(name):
            entry = Entry(entry.kind, entry.target, entry.how, entry.value, upper=True)
        bucket = self.entries.setdefault(k, [])
        if entry not in bucket:
            bucket.append(entry)


def _load_offices(data_dir: Path | None, index: _Index, extra: _Extra = ()) -> dict[str, Office]:
    offices: dict[str, Office] = {}
    rows = list(_read(data_dir, "offices", extra))
    keys = {r.get("office") for r in rows} | {LEADER}
    for row in rows:
        office = Office(row.get("office"), row.split("phrases"), _sector(row, row.get("sector")),
                        row.get("leading") == "yes", row.get("equivalent"))  # fmt: skip
        if office.key in offices or not re.fullmatch(r"[a-z_]+", office.key):
            raise row.fail(f"office key '{office.key}' is duplicated or not lower_snake_case")
        if office.equivalent and office.equivalent not in keys:
            raise row.fail(f"equivalent '{office.equivalent}' is not an office key")
        offices[office.key] = office
        for phrase in office.phrases:
            index.add(row, "role", phrase, Entry("role", office.key, "role"), ambiguous=True)
    return offices


def _load_words(data_dir: Path | None, index: _Index, extra: _Extra = ()) -> None:
    for row in _read(data_dir, "words", extra):
        kind, value = row.get("kind"), row.get("value")
        if kind not in WORD_KINDS:
            raise row.fail(f"word kind '{kind}' is not one of {', '.join(sorted(WORD_KINDS))}")
        if kind == "sector" or (kind == "honorific" and value):
            _sector(row, value)
        index.add(row, "word", row.get("word"), Entry("word", kind, "word", value), ambiguous=True)


def _load_countries(
    data_dir: Path | None, index: _Index, offices: Mapping[str, Office], extra: _Extra = ()
) -> dict[str, Country]:
    countries: dict[str, Country] = {}
    for row in _read(data_dir, "countries", extra):
        iso3 = row.get("iso3")
        if row.imported and iso3 in countries:
            countries[iso3] = _extend_country(row, index, countries[iso3])
            continue
        if not _ISO3.match(iso3) or iso3 in SUPRA or iso3 in countries:
            raise row.fail(f"iso3 '{iso3}' is not three capital letters, is reserved, or is duplicated")
        if row.get("leader_title") and row.get("leader_title") not in offices:
            raise row.fail(f"leader_title '{row.get('leader_title')}' is not an office key")
        country = Country(iso3, row.get("name"), row.split("aliases"), row.split("demonyms"),
                          row.split("capitals"), _metonyms(row), row.get("leader_title"))  # fmt: skip
        countries[iso3] = country
        _index_country(row, index, country)
    return countries


def _extend_country(row: _Row, index: _Index, known: Country) -> Country:
    """An imported row for a country already known adds names to it (its name becomes an alias)."""
    names = {key(n) for n in (known.name, *known.aliases, *known.demonyms)}
    aliases = tuple(n for n in dict.fromkeys((row.get("name"), *row.split("aliases"))) if key(n) not in names)
    demonyms = tuple(n for n in row.split("demonyms") if key(n) not in names)
    for name in aliases:
        index.add(row, "country", name, Entry("country", known.iso3, "alias"))
    for name in demonyms:
        index.add(row, "demonym", name, Entry("demonym", known.iso3, "demonym"))
    return dataclasses.replace(known, aliases=known.aliases + aliases, demonyms=known.demonyms + demonyms)


def _metonyms(row: _Row) -> tuple[tuple[str, str], ...]:
    out = []
    for part in row.split("metonyms"):
        name, eq, sector = part.partition("=")
        if not eq or not name.strip():
            raise row.fail(f"metonym '{part}' must be Name=SECTOR")
        out.append((name.strip(), _sector(row, sector.strip())))
    return tuple(out)


def _index_country(row: _Row, index: _Index, c: Country) -> None:
    for i, name in enumerate((c.name, *c.aliases)):
        index.add(row, "country", name, Entry("country", c.iso3, "name" if i == 0 else "alias"))
    for name in c.demonyms:
        index.add(row, "demonym", name, Entry("demonym", c.iso3, "demonym"))
    for name in c.capitals:
        index.add(row, "capital", name, Entry("capital", c.iso3, "capital", "GOV"))
    for name, sector in c.metonyms:
        index.add(row, "capital", name, Entry("metonym", c.iso3, "metonym", sector))


_Orgs = dict[str, tuple[Actor, tuple[str, ...]]]


def _load_orgs(data_dir: Path | None, index: _Index, countries: Mapping[str, Country], extra: _Extra = ()) -> _Orgs:
    orgs: _Orgs = {}
    for stem in ("igos", "organisations"):
        for row in _read(data_dir, stem, extra):
            oid, country = row.get("id"), _country_code(row, row.get("country"), countries)
            if not _SLUG.match(oid):
                raise row.fail(f"id '{oid}' must be a lower-case slug such as 'world-bank'")
            kind = "igo" if country == "IGO" else "org"
            actor = Actor(f"{country}:{oid}", country, row.get("name"), _sector(row, row.get("sector")), kind)
            if actor.actor_id in orgs:
                raise row.fail(f"id '{oid}' is duplicated")
            orgs[actor.actor_id] = (actor, row.split("aliases"))
            for i, name in enumerate((actor.name or "", *row.split("aliases"))):
                index.add(row, "org", name, Entry(kind, actor.actor_id, "name" if i == 0 else "alias"))
    return orgs


def _load_people(data_dir: Path | None, index: _Index, countries: Mapping[str, Country],
                 offices: Mapping[str, Office], orgs: Mapping[str, object],
                 extra: _Extra = ()) -> dict[str, Person]:  # fmt: skip
    rows: dict[str, list[tuple[_Row, Term]]] = {}
    for row in _read(data_dir, "people", extra):
        rows.setdefault(row.get("id"), []).append((row, _term(row, countries, offices, orgs)))
    people: dict[str, Person] = {}
    for rank, (pid, items) in enumerate(rows.items()):
        first = items[0][0]
        aliases = tuple(dict.fromkeys(a for r, _ in items for a in r.split("aliases")))
        for r, _ in items[1:]:
            if r.get("name") != first.get("name"):
                raise r.fail(f"id '{pid}' is named '{first.get('name')}' on line {first.line}")
        person = Person(pid, first.get("name"), aliases, first.get("surname"), tuple(t for _, t in items), rank)
        people[pid] = person
        _index_person(items, index, person)
    return people


def _term(row: _Row, countries: Mapping[str, Country], offices: Mapping[str, Office],
          orgs: Mapping[str, object]) -> Term:  # fmt: skip
    pid, office = row.get("id"), row.get("office")
    if not _SLUG.match(pid):
        raise row.fail(f"id '{pid}' must be a lower-case slug such as 'kim-jong-un'")
    if office not in offices:
        raise row.fail(f"unknown office '{office}' (add it to offices.tsv)")
    country = _country_code(row, row.get("country"), countries)
    org = row.get("org")
    if org and f"{country}:{org}" not in orgs:
        raise row.fail(f"org '{org}' is not an id in igos.tsv or organisations.tsv for {country}")
    start, end = _padded(row, "start", end=False), _padded(row, "end", end=True)
    if office != "person" and not start:
        raise row.fail(f"office '{office}' needs a start date")
    if start and start > end:
        raise row.fail(f"start {row.get('start')} is after end {row.get('end')}")
    sector = _sector(row, row.get("sector") or offices[office].sector)
    return Term(pid, country, office, start, end, sector, row.split("descriptors"), org, row.get("note"))


def _index_person(items: list[tuple[_Row, Term]], index: _Index, person: Person) -> None:
    row = items[0][0]
    for i, name in enumerate((person.name, *person.aliases)):
        index.add(row, "person", name, Entry("person", person.pid, "name" if i == 0 else "alias"))
    if person.surname:
        index.add(row, "person", person.surname, Entry("surname", person.pid, "surname"), ambiguous=True)
    for r, term in items:
        for word in term.descriptors:
            index.add(r, "descriptor", word, Entry("descriptor", person.pid, "descriptor"), ambiguous=True)


def load_eras(
    data_dir: Path | None, countries: Mapping[str, Country], orgs: Mapping[str, object]
) -> dict[str, list[tuple[str, str]]]:
    """actor id -> [(until, then)], oldest first: what a name meant before a date."""
    eras: dict[str, list[tuple[str, str]]] = {}
    for row in _read(data_dir, "eras"):
        actor, then = row.get("actor"), row.get("then")
        for code in (actor, then):
            if code not in countries and code not in orgs:
                raise row.fail(f"'{code}' is neither an iso3 code of countries.tsv nor an organisation id")
        until = _padded(row, "until", end=False)
        eras.setdefault(actor, []).append((until, then))
    return {k: sorted(v) for k, v in eras.items()}


_Loaded = tuple[dict[str, Country], _Orgs, dict[str, Office], dict[str, Person], dict[tuple[str, ...], list[Entry]]]


def read_all(data_dir: Path | None, extra: _Extra = ()) -> _Loaded:
    """Countries, organisations, offices, people and the name index, all validated; ``extra`` rows
    (from imported dictionaries) come after each data file's own rows, checked the same way."""
    index = _Index()
    offices = _load_offices(data_dir, index, extra)
    _load_words(data_dir, index, extra)
    countries = _load_countries(data_dir, index, offices, extra)
    orgs = _load_orgs(data_dir, index, countries, extra)
    people = _load_people(data_dir, index, countries, offices, orgs, extra)
    return countries, orgs, offices, people, index.entries
