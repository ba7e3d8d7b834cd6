"""The historical knowledge base is complete enough: ministers since 1970, leaders since 1945.

Coverage is computed from the terms themselves (Term.start/end of each office holder), so a missing or
truncated data file shows up as a gap, a country without leaders, or a count below its floor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest

from parley.actors import KnowledgeBase
from parley.actors.model import OPEN_END, Term

G20 = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA",
]  # fmt: skip
MINISTRIES = {
    "foreign": ("foreign_minister", "secretary_of_state"),
    "defence": ("defence_minister", "secretary_of_defense"),
}
MAX_GAP = 366  # days: "no gap longer than a year"
LAST_DAY = "2024-12-31"
# Where a state's own coverage starts: the Soviet Union stands in for Russia before 1992.
PREDECESSOR = {"RUS": ("SUN", "1992-01-01")}
MINISTERS_FROM = {"UKR": "1991-08-24"}  # otherwise 1970-01-01
# Known vacancies kept as gaps (country, ministry) -> windows that a longer gap may lie in.
MINISTRY_VACANCIES = {
    ("BRA", "defence"): [("1970-01-01", "1999-06-10")],  # separate service ministries until 1999
    ("CHN", "defence"): [("1971-09-13", "1975-01-17")],  # unfilled from 1971 until the 4th NPC named a minister
    ("PRK", "defence"): [("1997-02-21", "1998-09-30")],  # no minister named from 1997 until the 1998 SPA session
}

NON_UN = {"VAT", "PSE", "TWN", "XKX", "HKG", "MAC", "ESH", "SUN", "YUG", "CSK", "DDR"}
# Long-standing states: the union of their leading-office terms covers this date (1945, or independence
# or the founding of the state) to LAST_DAY with no gap longer than a year.
_SINCE_1945 = (
    "USA GBR FRA RUS CHN JPN ITA CAN BRA MEX EGY TUR IRN SAU ARG AUS ZAF ESP SWE ETH AFG AUT BEL CHL COL "
    "CUB DNK FIN GRC NLD NOR NZL POL PRT THA VEN PER URY IRL HUN ROU BGR LBN LBR NPL"
)
LEADERS_FROM = {
    **{iso3: "1945-01-01" for iso3 in _SINCE_1945.split()},
    "JOR": "1946-05-25", "PHL": "1946-07-04", "IND": "1947-08-15", "PAK": "1947-08-15",
    "MMR": "1948-01-04", "LKA": "1948-02-04", "ISR": "1948-05-14", "KOR": "1948-08-15",
    "PRK": "1948-09-09", "DEU": "1949-09-20", "IDN": "1949-12-27", "LBY": "1951-12-24",
    "GHA": "1957-03-06", "MYS": "1957-08-31", "NGA": "1960-10-01", "DZA": "1962-07-05",
    "KEN": "1963-12-12", "SGP": "1965-08-09", "BGD": "1971-12-16", "UKR": "1991-08-24",
    "KAZ": "1991-12-16",
}  # fmt: skip
# Former states: their leaders' terms end when the state ended (within a month either way).
FORMER = {"SUN": "1991-12-26", "DDR": "1990-10-03", "CSK": "1992-12-31", "YUG": "2006-06-05"}

# Floors a little under the finished data (4,796 people, 5,993 terms, 1,000 minister and 4,861 leader
# terms when written), so that a missing or truncated file fails.
MIN_PEOPLE = 4500
MIN_TERMS = 5600
MIN_MINISTER_TERMS = 950  # foreign and defence terms of the countries above
MIN_LEADER_TERMS = 4500


def _day(iso: str) -> date:
    return date.fromisoformat("2100-01-01" if iso == OPEN_END else iso)


def _terms(kb: KnowledgeBase, country: str, offices: Iterable[str] | None = None) -> list[Term]:
    """The dated terms in ``country``'s ``offices`` (its leading offices when None), a predecessor's included."""
    until = {country: OPEN_END}
    if country in PREDECESSOR:
        old, handover = PREDECESSOR[country]
        until[old] = handover
    wanted = set(offices) if offices is not None else {k for k, o in kb.offices.items() if o.leading}
    return [
        t
        for person in kb.people.values()
        for t in person.terms
        if t.start and not t.org and t.country in until and t.office in wanted and t.start < until[t.country]
    ]


def _gaps(terms: Iterable[Term], first: str, last: str = LAST_DAY) -> list[tuple[str, str]]:
    """Stretches of more than MAX_GAP days between ``first`` and ``last`` that no term covers."""
    gaps, covered = [], _day(first)
    for start, end in sorted((_day(t.start), _day(t.end)) for t in terms):
        if (start - covered).days > MAX_GAP:
            gaps.append((covered.isoformat(), start.isoformat()))
        covered = max(covered, end)
    if (_day(last) - covered).days > MAX_GAP:
        gaps.append((covered.isoformat(), last))
    return gaps


def _within(gap: tuple[str, str], windows: Iterable[tuple[str, str]]) -> bool:
    return any(lo <= gap[0] and gap[1] <= hi for lo, hi in windows)


# ---------------------------------------------------------------- ministers since 1970


@pytest.mark.parametrize("ministry", sorted(MINISTRIES))
@pytest.mark.parametrize("country", [*G20, "PRK", "IRN", "ISR", "UKR"])
def test_ministries_are_covered_since_1970(kb: KnowledgeBase, country: str, ministry: str) -> None:
    terms = _terms(kb, country, MINISTRIES[ministry])
    gaps = _gaps(terms, MINISTERS_FROM.get(country, "1970-01-01"))
    allowed = MINISTRY_VACANCIES.get((country, ministry), [])
    assert [g for g in gaps if not _within(g, allowed)] == [], f"{country} {ministry} ministry has gaps"


def test_the_known_ministry_vacancies_are_still_vacancies(kb: KnowledgeBase) -> None:
    """A tolerated gap that the data no longer has should be dropped from MINISTRY_VACANCIES."""
    for (country, ministry), windows in MINISTRY_VACANCIES.items():
        gaps = _gaps(_terms(kb, country, MINISTRIES[ministry]), MINISTERS_FROM.get(country, "1970-01-01"))
        for window in windows:
            assert any(_within(g, [window]) for g in gaps), (country, ministry, window)


def test_ministers_are_many(kb: KnowledgeBase) -> None:
    offices = {o for pair in MINISTRIES.values() for o in pair}
    countries = {*G20, "PRK", "IRN", "ISR", "UKR", "SUN"}
    terms = [t for p in kb.people.values() for t in p.terms if t.country in countries and t.office in offices]
    assert len(terms) >= MIN_MINISTER_TERMS


# ---------------------------------------------------------------- leaders since 1945


def test_the_un_members_are_the_193(kb: KnowledgeBase) -> None:
    assert len(set(kb.countries) - NON_UN) == 193
    assert set(kb.countries) >= NON_UN


def test_every_un_member_has_a_leader_between_1946_and_2024(kb: KnowledgeBase) -> None:
    missing = [
        iso3
        for iso3 in sorted(set(kb.countries) - NON_UN)
        if not any(t.start <= LAST_DAY and t.end >= "1946-01-01" for t in _terms(kb, iso3))
    ]
    assert missing == []


@pytest.mark.parametrize("country", sorted(LEADERS_FROM))
def test_long_standing_states_have_leaders_without_gaps(kb: KnowledgeBase, country: str) -> None:
    assert _gaps(_terms(kb, country), LEADERS_FROM[country]) == []


@pytest.mark.parametrize("country", sorted(FORMER))
def test_former_states_leaders_end_with_the_state(kb: KnowledgeBase, country: str) -> None:
    terms = [t for t in _terms(kb, country) if t.country == country]
    assert terms, f"{country} has no leaders on file"
    assert all(t.end != OPEN_END for t in terms), f"a {country} leader is still in office"
    last = max(_day(t.end) for t in terms)
    assert abs((last - _day(FORMER[country])).days) <= 31, f"{country}'s last leader left on {last}"
    assert _gaps(terms, min(t.start for t in terms), FORMER[country]) == []


def test_leader_terms_are_many(kb: KnowledgeBase) -> None:
    leading = [t for p in kb.people.values() for t in p.terms if t.start and kb.offices[t.office].leading]
    assert len(leading) >= MIN_LEADER_TERMS


def test_the_knowledge_base_is_large(kb: KnowledgeBase) -> None:
    assert len(kb.people) >= MIN_PEOPLE
    assert sum(len(p.terms) for p in kb.people.values()) >= MIN_TERMS
