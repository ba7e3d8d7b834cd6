"""The knowledge base: the loader rejects malformed rows, and the shipped data is complete enough."""

from __future__ import annotations

import time
from importlib import resources
from itertools import combinations
from pathlib import Path

import pytest

from parley.actors import KnowledgeBase, load_kb
from parley.errors import E, ParleyError

G20 = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA",
]  # fmt: skip


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the packaged data files."""
    source = resources.files("parley.actors") / "data"
    for item in source.iterdir():
        if item.name.endswith(".tsv"):
            (tmp_path / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def append(path: Path, *cells: str) -> int:
    """Add a row; return its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\t".join(cells) + "\n", encoding="utf-8")
    return text.count("\n") + 1


def rejects(data_dir: Path, name: str, line: int, words: str) -> None:
    with pytest.raises(ParleyError) as info:
        load_kb(data_dir)
    message = str(info.value)
    assert info.value.code is E.E010
    assert f"{name}: malformed" in message and f"at line {line}:" in message
    assert words in message


# ---------------------------------------------------------------- the loader


def test_copy_of_the_data_loads(data_dir: Path) -> None:
    assert len(load_kb(data_dir).countries) >= 200


def test_loading_is_not_pathological() -> None:
    # a guard, not a benchmark: about 10,000 dated terms since 1945 load in about a second
    best = min(_timed_load() for _ in range(2))
    assert best < 5.0


def _timed_load() -> float:
    start = time.perf_counter()
    load_kb()
    return time.perf_counter() - start


@pytest.mark.parametrize(
    ("file", "cells", "words"),
    [
        ("countries.tsv", ("Xyz", "Nowhere"), "iso3 'Xyz'"),
        ("countries.tsv", ("QQQ", "Freedonia", "", "", "", "Capitol=XXX"), "unknown sector 'XXX'"),
        ("countries.tsv", ("QQQ", "Freedonia", "", "", "", "Capitol"), "must be Name=SECTOR"),
        ("countries.tsv", ("QQQ", "Freedonia", "DPRK"), "'DPRK' already names PRK"),
        ("countries.tsv", ("QQQ", "Freedonia", "", "", "", "", "overlord"), "leader_title 'overlord'"),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "QQQ", "president", "1933"),
            "unknown country code 'QQQ'",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "USA", "overlord", "1933"),
            "unknown office 'overlord'",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "USA", "president", "1933-13"),
            "not a valid date",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "USA", "president", "May 1933"),
            "not an ISO date",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "USA", "president", "1934", "1933"),
            "is after end",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "Firefly", "USA", "president"),
            "needs a start date",
        ),
        ("people.tsv", ("Rufus", "Rufus T. Firefly", "", "Firefly", "USA", "person"), "lower-case slug"),
        (
            "people.tsv",
            ("rufus-t-firefly", "Donald Trump", "", "Trump", "USA", "person"),
            "'Donald Trump' already names donald-trump",
        ),
        (
            "people.tsv",
            ("rufus-t-firefly", "Rufus T. Firefly", "", "", "USA", "person", "", "", "ROYAL"),
            "unknown sector 'ROYAL'",
        ),
        ("people.tsv", ("rufus", "Rufus", "", "", "USA", "person", "", "", "", "", "", "", "extra"), "columns"),
        ("igos.tsv", ("league", "League of Freedonia", "IGO", "NATO", "IGO"), "'NATO' already names IGO:nato"),
        ("organisations.tsv", ("bbc", "Freedonia Broadcasting", "GBR", "MED"), "id 'bbc' is duplicated"),
        ("offices.tsv", ("viceroy", "viceroy", "GOV", "no", "overlord"), "equivalent 'overlord'"),
        ("words.tsv", ("thingy", "gadget"), "word kind 'gadget'"),
    ],
)
def test_loader_rejects_a_malformed_row(data_dir: Path, file: str, cells: tuple[str, ...], words: str) -> None:
    line = append(data_dir / file, *cells)
    rejects(data_dir, str(data_dir / file), line, words)


def test_loader_rejects_an_empty_required_column(data_dir: Path) -> None:
    line = append(data_dir / "igos.tsv", "league", "", "IGO", "", "IGO")
    rejects(data_dir, str(data_dir / "igos.tsv"), line, "column 'name' is empty")


def test_loader_rejects_a_wrong_header(data_dir: Path) -> None:
    path = data_dir / "organisations.tsv"
    path.write_text("id\tname\tcountry\n", encoding="utf-8")
    rejects(data_dir, str(path), 1, "header must be")


def test_loader_names_a_missing_file(data_dir: Path) -> None:
    (data_dir / "words.tsv").unlink()
    rejects(data_dir, str(data_dir / "words.tsv"), 1, "cannot read")


def test_loader_rejects_one_id_with_two_names(data_dir: Path) -> None:
    line = append(data_dir / "people.tsv", "kim-jong-un", "Kim Jong Eun II", "", "Kim", "PRK", "person")
    rejects(data_dir, str(data_dir / "people.tsv"), line, "is named 'Kim Jong Un'")


def test_shared_surnames_are_allowed(data_dir: Path) -> None:
    append(data_dir / "people.tsv", "rufus-t-kim", "Rufus T. Kim", "", "Kim", "USA", "person")
    kb = load_kb(data_dir)
    assert {e.target for e in kb.lookup("Kim") if e.kind == "surname"} >= {"rufus-t-kim", "kim-jong-un"}


def test_comments_and_blank_lines_are_skipped(data_dir: Path) -> None:
    path = data_dir / "igos.tsv"
    path.write_text("# a comment\n\n" + path.read_text(encoding="utf-8") + "\n# trailing\n", encoding="utf-8")
    assert "IGO:nato" in load_kb(data_dir).orgs


def test_the_knowledge_base_is_immutable(kb: KnowledgeBase) -> None:
    with pytest.raises(TypeError):
        kb.countries["QQQ"] = kb.countries["USA"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        kb.max_key = 1  # type: ignore[misc]


# ---------------------------------------------------------------- the shipped data


def test_all_un_members_and_the_extra_entities_are_there(kb: KnowledgeBase) -> None:
    assert len(kb.countries) >= 193 + 11
    for code in ("TWN", "XKX", "PSE", "HKG", "VAT", "SUN", "YUG", "CSK", "DDR", "PRK", "KOR", "SSD"):
        assert code in kb.countries


@pytest.mark.parametrize("country", [*G20, "PRK", "KOR"])
def test_every_year_has_a_head_of_state_or_government(kb: KnowledgeBase, country: str) -> None:
    missing = [
        f"{year}-{md}"
        for year in range(2000, 2026)
        for md in ("01-01", "04-01", "07-01", "10-01")
        if not _leader_on(kb, country, f"{year}-{md}")
    ]
    assert not missing, f"{country} has no head of state or government on {missing}"


def _leader_on(kb: KnowledgeBase, country: str, day: str) -> bool:
    return any(
        term.covers(day)
        for (holder, office), terms in kb.by_holder.items()
        if holder == country and kb.offices[office].leading
        for term in terms
    )


@pytest.mark.parametrize("country", [*G20, "PRK", "KOR"])
def test_every_g20_state_and_korea_has_ministers_on_file(kb: KnowledgeBase, country: str) -> None:
    offices = {office for holder, office in kb.by_holder if holder == country}
    assert offices & {"foreign_minister", "secretary_of_state"}
    assert offices & {"defence_minister", "secretary_of_defense"}


def test_no_two_people_hold_one_office_at_once_unless_acting(kb: KnowledgeBase) -> None:
    clashes = [
        (holder, office, a.person, b.person)
        for (holder, office), terms in kb.by_holder.items()
        for a, b in combinations(terms, 2)
        if a.start < b.end and b.start < a.end and not (a.note or b.note)
    ]
    assert not clashes


def test_eu_leaders_are_igo_offices(kb: KnowledgeBase) -> None:
    assert kb.office_holder("IGO:eu", "commission_president", "2020-06-01").name == "Ursula von der Leyen"  # type: ignore[union-attr]
    assert kb.office_holder("IGO:eu", "council_president", "2016").name == "Donald Tusk"  # type: ignore[union-attr]
    assert kb.office_holder("IGO:un", "secretary_general", "2010").actor_id == "IGO:ban-ki-moon"  # type: ignore[union-attr]


def test_an_organisations_officer_carries_its_name(kb: KnowledgeBase) -> None:
    assert kb.person_actor("antonio-guterres", "2020").org == "UN"
    assert kb.person_actor("antonio-guterres", "2000").org is None  # then Portugal's prime minister
    assert kb.person_actor("joe-biden", "2022").org is None


def test_office_holder_follows_the_date(kb: KnowledgeBase) -> None:
    assert kb.office_holder("USA", "president", "2018-05-01").name == "Donald Trump"  # type: ignore[union-attr]
    assert kb.office_holder("USA", "president", "2022").name == "Joe Biden"  # type: ignore[union-attr]
    assert kb.office_holder("USA", "foreign_minister", "2019").name == "Mike Pompeo"  # type: ignore[union-attr]
    assert kb.office_holder("PRK", "leader", "2005").name == "Kim Jong Il"  # type: ignore[union-attr]
    assert kb.office_holder("USA", "president", "1700") is None


def test_current_holder_when_no_date(kb: KnowledgeBase) -> None:
    assert kb.office_holder("KOR", "president", None).name == "Lee Jae Myung"  # type: ignore[union-attr]


def test_a_person_acts_for_the_country_of_the_office_held(kb: KnowledgeBase) -> None:
    assert kb.person_actor("ursula-von-der-leyen", "2015").country == "DEU"
    assert kb.person_actor("ursula-von-der-leyen", "2022").actor_id == "IGO:ursula-von-der-leyen"


def test_offices_of(kb: KnowledgeBase) -> None:
    assert kb.offices_of("RUS:vladimir-putin", "2010") == ["prime_minister"]
    assert kb.offices_of("RUS:vladimir-putin", "2015") == ["president"]
    assert set(kb.offices_of("PRK:kim-jong-un", "2022")) == {"supreme_leader", "general_secretary"}
    assert kb.offices_of("PRK", "2022") == []


def test_is_person_name(kb: KnowledgeBase) -> None:
    assert kb.is_person_name("Kim Jong-un")
    assert kb.is_person_name("Trump")
    assert not kb.is_person_name("trump")
    assert not kb.is_person_name("North Korea")


def test_data_files_are_plain_utf8_tsv() -> None:
    source = resources.files("parley.actors") / "data"
    for item in source.iterdir():
        if item.name.endswith(".tsv"):
            text = item.read_text(encoding="utf-8")
            assert "\r" not in text and text.endswith("\n"), item.name


def test_default_kb_is_cached() -> None:
    from parley.actors import default_kb

    assert default_kb() is default_kb()
