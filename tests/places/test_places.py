"""Places: the gazetteer (own sites + packaged GeoNames) and where parsed events happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.errors import ParleyError
from parley.places import default_gazetteer, fold, load_gazetteer


def test_names_fold_and_sites_win() -> None:
    g = default_gazetteer()
    assert fold("the DMZ") == fold("DMZ") == "dmz"
    assert (g.lookup("Panmunjom").country, g.lookup("Panmunjom").precision) == ("KOR", "site")  # type: ignore[union-attr]
    hanoi = g.lookup("Hanoi")
    assert hanoi is not None and hanoi.country == "VNM" and 20 < (hanoi.lat or 0) < 22
    assert g.lookup("Berlin").country == "DEU"  # type: ignore[union-attr]
    assert g.lookup("Ukraine").precision == "country"  # type: ignore[union-attr]
    assert g.lookup("Xyzzyville") is None


def test_a_malformed_site_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text("Nowhere\t\tXX\tnorth\t0\tsite\n", encoding="utf-8")
    with pytest.raises(ParleyError, match="places"):
        load_gazetteer(bad)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Trump and Kim Jong Un met in Hanoi on Thursday.", "Hanoi"),
        ("Zelensky held talks with US envoys in Berlin on Sunday.", "Berlin"),
        ("Trump met Kim Jong Un at the DMZ in Panmunjom.", "Panmunjom"),
        ("The U.N. Security Council imposed new sanctions on North Korea.", None),
    ],
)
def test_the_place_of_an_event(engine, text: str, place: str | None) -> None:  # type: ignore[no-untyped-def]
    from parley.events import read_article
    from parley.nlp import parse
    from parley.records import Article

    (parsed,) = parse(engine.nlp, [Article("a", "d", 0, None, "2019-06-30", text)])
    events = read_article(parsed, kb=engine.kb, lexicon=engine.lexicon, gazetteer=engine.gazetteer).events
    assert events
    assert {e.place.name if e.place else None for e in events} == {place}


@pytest.mark.slow
def test_the_dateline_places_the_lead(engine) -> None:  # type: ignore[no-untyped-def]
    from parley.clean import clean_document
    from parley.events import read_article
    from parley.nlp import parse
    from parley.records import Document

    text = (
        "Arnor news\n\nUpdated 26 August 2025\n\nWASHINGTON: Trump praised Kim Jong Un on Monday.\n\n"
        "Trump met Kim Jong Un in Singapore in 2018."
    )
    (article,) = clean_document(Document("d", "d.txt", text, "h"))
    (parsed,) = parse(engine.nlp, [article])
    events = read_article(parsed, kb=engine.kb, lexicon=engine.lexicon, gazetteer=engine.gazetteer).events
    places = {e.category: (e.place.name, e.place.how) for e in events if e.place}
    assert places == {"SUPPORT": ("Washington", "dateline"), "CONSULT": ("Singapore", "in the sentence")}
