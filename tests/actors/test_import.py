"""`parley actors import`: PETRARCH/TABARI dictionaries with fictional states (Freedonia, Sylvania)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.actors import default_kb
from parley.actors.dictionary import Code, parse_dictionary, read_dictionary
from parley.actors.imported import convert
from parley.actors.stored import import_dictionary, kb_with, knowledge_base, remove_dictionary
from parley.cli import main
from parley.errors import E, ParleyError
from parley.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
ACTORS, AGENTS, MALFORMED = FIXTURES / "freedonia.actors", FIXTURES / "freedonia.agents", FIXTURES / "malformed.actors"


def imported_kb():  # type: ignore[no-untyped-def]
    rows = [r for f in (ACTORS, AGENTS) for r in convert(read_dictionary(f), default_kb(), source=str(f)).rows]
    return kb_with(rows)


# ---------------------------------------------------------------- the parser


def test_names_synonyms_and_date_bounded_codes() -> None:
    d = read_dictionary(ACTORS)
    by_name = {e.name: e for e in d.actors}
    firefly = by_name["RUFUS T FIREFLY"]
    assert firefly.synonyms == ("RUFUS FIREFLY", "PRESIDENT FIREFLY")
    assert firefly.codes == (Code("FRDGOV", "2031-01-01", "2034-12-31"), Code("FRDELI", "2035-01-01", ""))
    assert by_name["GLORIA TEASDALE"].codes == (Code("FRDELI"), Code("FRDGOV", "", "2030-12-31"))
    assert by_name["FREEDONIA"].codes == (Code("FRD"),) and by_name["FREEDONIA"].line == 4
    assert d.problems == () and d.agents == ()


def test_two_digit_years_pivot_at_fifty_and_eight_digits_are_taken_as_written() -> None:
    d = parse_dictionary("A_B_ [FRDGOV 490101-491231]\nC_D_ [FRDGOV 500101-501231]\nE_F_ [FRDGOV >19331117]\n")
    assert [a.codes[0] for a in d.actors] == [
        Code("FRDGOV", "2049-01-01", "2049-12-31"),
        Code("FRDGOV", "1950-01-01", "1950-12-31"),
        Code("FRDGOV", "1933-11-17", ""),
    ]
    late = parse_dictionary("A_B_\n[FRDGOV 490101-500101]  # 2049 to 1950\n")
    assert late.problems[0].line == 2 and "starts after it ends" in late.problems[0].detail


def test_agents_with_and_without_plurals() -> None:
    d = read_dictionary(AGENTS)
    assert [(a.name, a.plurals, a.code) for a in d.agents[:3]] == [
        ("HALBERDIER", ("HALBERDIERS",), "MIL"), ("GRENADIER", (), "MIL"), ("MAGISTRATE", (), "JUD"),
    ]  # fmt: skip
    assert d.actors == ()


def test_malformed_lines_are_reported_with_their_line_and_the_rest_is_read() -> None:
    d = read_dictionary(MALFORMED)
    lines: dict[int, str] = {}
    for p in d.problems:
        lines[p.line] = lines.get(p.line, "") + p.detail
    assert set(lines) == {3, 5, 6, 7, 9, 11}
    assert "neither a name line" in lines[3] and "starts after it ends" in lines[5]
    assert "no code" in lines[6] and "not a date" in lines[7] and "not a valid day" in lines[9]
    marx = d.actors[0]
    assert marx.name == "MARXLAND" and marx.synonyms == ("ORPHAN SYNONYM",)  # line 3 did not end the entry
    assert [a.name for a in d.actors] == ["MARXLAND", "CHICO", "ZEPPO MARX"]


def test_a_kind_rejects_lines_of_the_other_kind() -> None:
    assert parse_dictionary("SOLDIER_ [~MIL]\n", kind="actors").problems[0].line == 1
    assert parse_dictionary("FREEDONIA_ [FRD]\n", kind="agents").actors == ()
    with pytest.raises(ParleyError):
        parse_dictionary("", kind="verbs")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AB_+[]{}~<>-#\\ \n0123456789GOVFRD")) | st.characters(), max_size=300))
def test_the_parser_and_converter_never_raise_anything_but_parley_errors(text: str) -> None:
    try:
        d = parse_dictionary(text)
        convert(d, default_kb(), source="fuzz")
    except ParleyError:
        pass


# ---------------------------------------------------------------- conversion and resolution


def test_imported_people_hold_offices_only_within_their_dates() -> None:
    kb = imported_kb()
    on = {day: kb.resolve("the Freedonian president", on=day) for day in ("2030-06-01", "2032-06-01", "2036-06-01")}
    assert on["2030-06-01"].actor.actor_id == "FRD:gloria-teasdale"  # type: ignore[union-attr]
    assert on["2032-06-01"].actor.actor_id == "FRD:rufus-t-firefly"  # type: ignore[union-attr]
    assert on["2036-06-01"].actor.actor_id == "FRD"  # type: ignore[union-attr]  # nobody known: the state
    firefly = kb.resolve("Rufus T. Firefly", on="2032-06-01")
    assert firefly is not None and (firefly.actor.country, firefly.actor.sector) == ("FRD", "GOV")


def test_states_organisations_and_agents() -> None:
    kb = imported_kb()
    assert kb.countries["FRD"].name == "Freedonia" and "Sylvanians" in kb.countries["SYL"].demonyms
    cases = {
        "Freedonian halberdiers": ("FRD", "MIL"), "the Sylvanian magistrates": ("SYL", "JUD"),
        "Sylvanian grenadiers": ("SYL", "MIL"), "the SLF": ("SYL", "REB"), "Freedonian Armed Forces": ("FRD", "MIL"),
        "Sylvanian Ambassador Trentino": ("SYL", "GOV"),
    }  # fmt: skip
    for text, want in cases.items():
        found = kb.resolve(text)
        assert found is not None and (found.actor.country, found.actor.sector) == want, text
    assert {"Freedonia", "Rufus T Firefly", "Sylvanian Liberation Front"} <= {
        p["pattern"] for p in kb.entity_patterns()
    }


def test_built_in_knowledge_wins_and_is_unchanged() -> None:
    text = "UNITED_STATES_ [USA]\n+UNCLE_SAM_\nDONALD_TRUMP_ [USAGOV]\nPRESIDENT_ [~GOV]\n"
    conversion = convert(parse_dictionary(text), default_kb(), source="mixed")
    assert [(r.stem, dict(r.cells)) for r in conversion.rows] == [
        ("countries", {"iso3": "USA", "name": "United States", "aliases": "Uncle Sam"})
    ]
    kb = kb_with(conversion.rows)
    assert kb.resolve("Uncle Sam").actor.actor_id == "USA"  # type: ignore[union-attr]
    assert kb.countries["USA"].name == "United States" and kb_with([]) is default_kb()


# ---------------------------------------------------------------- the database


def test_import_is_stored_idempotent_and_removable(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.duckdb") as store:
        first = import_dictionary(ACTORS, store)
        again = import_dictionary(ACTORS, store)
        assert first.added == 10 and first.counts["people"] == 5 and (again.added, again.removed) == (0, 0)
        assert "FRD:rufus-t-firefly" in {f"{t.country}:{t.person}" for p in knowledge_base(store).people.values()
                                         for t in p.terms}  # fmt: skip
        assert remove_dictionary(ACTORS, store) == 10
        assert knowledge_base(store) is default_kb()
        with pytest.raises(ParleyError) as info:
            remove_dictionary(ACTORS, store)
        assert info.value.code is E.E083


def test_strict_import_stores_nothing_from_a_file_with_problems(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.duckdb") as store:
        with pytest.raises(ParleyError) as info:
            import_dictionary(MALFORMED, store, strict=True)
        assert info.value.code is E.E081 and "malformed.actors:3:" in str(info.value)
        assert knowledge_base(store) is default_kb()


def test_unreadable_and_empty_dictionaries_get_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.actors").write_text("# nothing here\n\\\n", encoding="utf-8")
    (tmp_path / "binary.actors").write_bytes(b"\x00\x01\x02")
    with Store.open(tmp_path / "x.duckdb") as store:
        for name, code in (("missing.actors", E.E080), ("binary.actors", E.E080), ("empty.actors", E.E082)):
            with pytest.raises(ParleyError) as info:
                import_dictionary(tmp_path / name, store)
            assert info.value.code is code and name in str(info.value)


def test_cli_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.duckdb")
    assert main(["actors", "import", "--db", db, str(ACTORS), str(MALFORMED)]) == 0
    out = capsys.readouterr()
    assert "5 people" in out.out and "malformed.actors:3:" in out.err and "[E081]" in out.err
    assert main(["actors", "list", "--db", db, "--imported"]) == 0
    listing = capsys.readouterr().out
    assert "FRD:rufus-t-firefly  Rufus T Firefly  president GOV 2031-01-01..2034-12-31" in listing
    assert "malformed.actors" in listing
    assert main(["actors", "remove", "--db", db, str(MALFORMED)]) == 0
    assert main(["actors", "list", "--db", db]) == 0
    assert "malformed" not in capsys.readouterr().out.split("removed")[-1]


# ---------------------------------------------------------------- end to end


ARTICLES = [
    {"id": "frd-2032", "date": "2032-03-10", "text": (
        "Freedonian President Rufus Firefly met Sylvanian Ambassador Luigi Trentino in the capital on Monday.\n\n"
        "Later, the Freedonian president accused Sylvanian halberdiers of crossing the border, officials said.")},
    {"id": "frd-2029", "date": "2029-06-05", "text": (
        "The Freedonian president met Ambassador Trentino on Tuesday to discuss trade, officials said.")},
]  # fmt: skip


@pytest.mark.slow
def test_parley_run_resolves_imported_actors_with_their_dates(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    plain, db = tmp_path / "plain.duckdb", tmp_path / "x.duckdb"
    assert main(["actors", "import", "--db", str(db), str(ACTORS), str(AGENTS)]) == 0
    for target in (plain, db):
        assert main(["run", str(news), "--db", str(target), "--workers", "2", "--no-progress"]) == 0
    with Store.open(plain, read_only=True) as store:
        assert not [e for e in store.events() if "FRD" in (e.source.actor.country, e.target.actor.country)]
    with Store.open(db, read_only=True) as store:
        events = {(e.category, e.source.actor.actor_id, e.target.actor.actor_id, e.date.value) for e in store.events()}
    assert events == {
        ("CONSULT", "FRD:gloria-teasdale", "SYL:luigi-trentino", "2029-06-05"),
        ("CONSULT", "FRD:rufus-t-firefly", "SYL:luigi-trentino", "2032-03-08"),
        ("ACCUSE", "FRD:rufus-t-firefly", "SYL", "2032-03-08"),
    }
