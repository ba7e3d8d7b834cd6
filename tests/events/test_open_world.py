"""The coder on the open world: fictional people and bodies of real countries (cases in data/open_world.tsv)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parley.clean import clean_document
from parley.events import read_article
from parley.nlp import parse
from parley.records import Article, Document, Event

pytestmark = pytest.mark.slow
CASES = Path(__file__).parent / "data" / "open_world.tsv"
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+ \d+ - ")


def _cases() -> list[tuple[str, str, str]]:
    rows = [line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines()]
    cases = [(r[0], r[1], r[2]) for r in rows if r and r[0] and not r[0].startswith("#")]
    assert cases and all(len(r) == 3 for r in rows if r[0] and not r[0].startswith("#")), f"{CASES}: 3 columns"
    return cases


def _side(text: str) -> tuple[str, str | None]:
    country, _, name = text.partition("=")
    return country, name or None


def _matches(e: Event, category: str, src: tuple[str, str | None], tgt: tuple[str, str | None]) -> bool:
    def fits(actor_text: str | None, country: str, want: tuple[str, str | None]) -> bool:
        return country == want[0] and (want[1] is None or actor_text == want[1])

    s, t = e.source.actor, e.target.actor
    return e.category == category and fits(s.name, s.country, src) and fits(t.name, t.country, tgt)


@pytest.mark.parametrize(("date", "text", "expect"), _cases())
def test_open_world_case(engine, date: str, text: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    if DATELINE.match(text):  # "LIMA, June 12 - ...": cleaning cuts the dateline off, as in a real run
        (article,) = clean_document(Document("doc", "case", text, "h", date=date))
    else:
        article = Article("a1", "doc", 0, None, date, text)
    (parsed,) = parse(engine.nlp, [article])
    events = read_article(parsed, kb=engine.kb, lexicon=engine.lexicon).events
    negative = expect.startswith("!")
    expect, _, status = expect.partition("@")  # "RETREAT TGO>GHA@hypothetical": with that status
    category, _, pair = expect.lstrip("!").partition(" ")
    src, tgt = (_side(x) for x in pair.split(">"))
    found = any(_matches(e, category, src, tgt) and (not status or e.status == status) for e in events)
    coded = [(e.category, e.source.actor.actor_id, e.target.actor.actor_id) for e in events]
    assert found != negative, f"{expect!r} in {text!r}: coded {coded}"


def test_a_national_outlet_places_an_article_that_names_no_country(engine) -> None:  # type: ignore[no-untyped-def]
    from parley.events import home_country

    text = "Police arrested dozens of striking nurses outside the health ministry on Monday."
    for outlet, home in [("BBC News", "GBR"), (None, None)]:
        article = Article("a1", "doc", 0, None, "2023-05-02", text, outlet=outlet)
        (parsed,) = parse(engine.nlp, [article])
        assert home_country(parsed, engine.kb) == home
        events = read_article(parsed, kb=engine.kb, lexicon=engine.lexicon).events
        assert any(e.category == "COERCE" and e.target.actor.country == "GBR" for e in events) == (home == "GBR")
