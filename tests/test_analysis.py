"""Analysis: the cooperation-conflict scale, dyad series, change points and charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.analysis.dyads import change_points, dyad_series, matches
from parley.analysis.intensity import default_scale, load_scale
from parley.errors import ParleyError
from parley.records import CATEGORIES, Actor, DateValue, Event, Mention

ARNOR = Actor("ARN", "ARN", None, "GOV", "state")
KING = Actor("GON:elessar", "GON", "Elessar", "GOV", "person")


def ev(category: str, date: str | None, status: str = "occurred", certainty: str = "asserted") -> Event:
    return Event(
        event_id=f"{category}{date}{status}", doc_id="d", article_id="a", part=0, sentence_id="s",
        sentence_start=0, sentence_end=1, evidence="x", source=Mention(0, 1, "A", ARNOR),
        target=Mention(0, 1, "K", KING), category=category, status=status, trigger="x", trigger_start=0,
        trigger_end=1, date=DateValue(date, None, ""), confidence=0.8, cameo="", certainty=certainty,
    )  # fmt: skip


def test_the_scale_orders_cooperation_above_conflict() -> None:
    s = default_scale()
    assert set(s.category) == set(CATEGORIES)
    assert s.value("AID") > s.value("CONSULT") > 0 > s.value("ACCUSE") > s.value("ASSAULT")
    assert s.score(ev("ASSAULT", None, status="negated")) == 0
    assert s.score(ev("ACCUSE", None, certainty="hedged")) == pytest.approx(s.value("ACCUSE") * 0.7)


def test_a_scale_missing_a_category_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "s.toml"
    bad.write_text("[category]\nAID = 1\n[status]\noccurred = 1\n[certainty]\nasserted = 1\n", encoding="utf-8")
    with pytest.raises(ParleyError, match="no value for"):
        load_scale(bad)


def test_a_scale_file_overrides_some_categories_and_takes_the_rest_from_the_category_file(tmp_path: Path) -> None:
    own = tmp_path / "s.toml"
    own.write_text("[category]\nACCUSE = -2\n[status]\noccurred = 1\nintended = 0.5\nhypothetical = 0\n"
                   "negated = 0\n[certainty]\nasserted = 1\nhedged = 1\ncontested = 1\nopinion = 1\n",
                   encoding="utf-8")  # fmt: skip
    s = load_scale(own)
    assert s.value("ACCUSE") == -2 and s.value("ASSAULT") == default_scale().value("ASSAULT") == -9.5
    own.write_text(own.read_text(encoding="utf-8").replace("ACCUSE", "INSULT"), encoding="utf-8")
    with pytest.raises(ParleyError, match="unknown categories"):
        load_scale(own)


def test_actor_specs_match_codes_names_and_ids() -> None:
    assert matches(ARNOR, "ARN") and matches(KING, "GON") and matches(KING, "elessar")
    assert matches(KING, "GON:elessar") and not matches(ARNOR, "Elessar") and not matches(KING, "ARN")


def test_series_by_month_and_year_with_change_points() -> None:
    events = [ev("ACCUSE", "2017-09-22"), ev("THREATEN", "2017-09"), ev("CONSULT", "2018-06-12"),
              ev("SUPPORT", "2018-06"), ev("AGREE", "2018"), ev("CONSULT", None)]  # fmt: skip
    months = dyad_series(events, "Elessar", "ARN", by="month")
    assert [p.period for p in months.periods] == ["2017-09", "2018-06"]
    assert (months.undated, months.imprecise) == (1, 1)
    assert months.periods[0].net < 0 < months.periods[1].net
    assert months.changes == [("2018-06", round(months.periods[1].net - months.periods[0].net, 2))]
    years = dyad_series(events, "ARN", "GON", by="year")
    assert [p.period for p in years.periods] == ["2017", "2018"] and years.periods[1].counts["AGREE"] == 1


def test_small_moves_are_not_change_points() -> None:
    s = dyad_series([ev("CONSULT", "2018-01"), ev("CONSULT", "2018-02")], "ARN", "GON")
    assert change_points(s.periods) == []


def test_the_chart_is_drawn(tmp_path: Path) -> None:
    from parley.analysis.plot import plot_series

    s = dyad_series([ev("ACCUSE", "2017-09"), ev("CONSULT", "2018-06"), ev("SUPPORT", "2018-06")], "ARN", "GON")
    out = plot_series(s, tmp_path / "c.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


def test_the_network_counts_flows_and_exports_graphml(tmp_path: Path) -> None:
    import io
    import json
    import xml.dom.minidom

    from parley.analysis.network import build_network, plot_network, write_graphml, write_json

    net = build_network([ev("ACCUSE", "2017-09"), ev("CONSULT", "2018-06"), ev("SUPPORT", "2018-06")])
    (edge,) = net.edges.values()
    assert (edge.events, edge.cooperative, edge.conflictual) == (3, 2, 1)
    out = io.StringIO()
    write_json(net, out)
    assert json.loads(out.getvalue())["edges"][0]["events"] == 3
    out = io.StringIO()
    write_graphml(net, out)
    assert len(xml.dom.minidom.parseString(out.getvalue()).getElementsByTagName("node")) == 2
    assert plot_network(net, tmp_path / "n.png").stat().st_size > 5_000


def test_gdelt_and_polecat_rows() -> None:
    import csv
    import io

    from parley.analysis.clusters import cluster_events
    from parley.store.tables import GDELT_COLUMNS, write_gdelt, write_polecat

    events = [ev("ASSAULT", "2022-02-24"), ev("CONSULT", "2018-06-12")]
    clusters = cluster_events(events)
    by_id = {e.event_id: e for e in events}
    out = io.StringIO()
    assert write_gdelt(clusters, by_id, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == GDELT_COLUMNS
    assault = next(r for r in rows if r["EventRootCode"] == "18")
    assert (assault["SQLDATE"], assault["QuadClass"], assault["Actor1Code"]) == ("20220224", "4", "ARNGOV")
    out = io.StringIO()
    write_polecat(clusters, by_id, out)
    assert {r["event_type"] for r in csv.DictReader(io.StringIO(out.getvalue()))} == {"ASSAULT", "CONSULT"}


def test_the_map_draws_placed_events_only(tmp_path: Path) -> None:
    from dataclasses import replace

    from parley.analysis.maps import plot_map
    from parley.records import Place

    hanoi = Place("Hanoi", "VNM", 21.0, 105.8, "city")
    events = [replace(ev("CONSULT", "2019-02-28"), place=hanoi), ev("ACCUSE", "2017-09"),
              replace(ev("ASSAULT", "2022-02-24"), place=Place("Ukraine", "UKR", None, None, "country"))]  # fmt: skip
    path, drawn = plot_map(events, tmp_path / "m.png")
    assert drawn == 1 and path.stat().st_size > 20_000


@pytest.mark.slow
def test_the_database_series_equals_the_in_memory_one(tmp_path: Path) -> None:
    from parley.analysis.dyads import dyad_series_from_store
    from parley.cli import main
    from parley.store import Store

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    db = tmp_path / "x.duckdb"
    assert main(["run", str(corpus), "--db", str(db), "--no-progress"]) == 0
    with Store.open(db, read_only=True) as store:
        for by in ("year", "month"):
            fast = dyad_series_from_store(store, "USA", "PRK", by=by)
            slow = dyad_series(store.events(), "USA", "PRK", by=by)
            rows = [[(p.period, p.counts, p.net) for p in s.periods] for s in (fast, slow)]
            assert rows[0] == rows[1]
            assert (fast.undated, fast.imprecise, fast.changes) == (slow.undated, slow.imprecise, slow.changes)
