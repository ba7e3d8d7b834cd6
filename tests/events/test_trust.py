"""Attribution, certainty and quotes on texts written for the tests, parsed by the real model."""

from __future__ import annotations

import pytest

from parley.events import Reading, read_article
from parley.nlp import parse
from parley.records import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read(engine):  # type: ignore[no-untyped-def]
    def run(text: str, date: str | None = "2025-08-26", genre: str = "news") -> Reading:
        (parsed,) = parse(engine.nlp, [Article("a1", "doc", 0, None, date, text, genre=genre)])
        return read_article(parsed, kb=engine.kb, lexicon=engine.lexicon)

    return run


def only(reading: Reading, category: str):  # type: ignore[no-untyped-def]
    (event,) = [e for e in reading.events if e.category == category]
    return event


def test_according_to_an_unnamed_official(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("According to a senior official, Russia attacked Ukraine on Monday."), "ASSAULT")
    assert e.attribution == ("a senior official",) and e.certainty == "asserted"


def test_as_reported_by_two_outlets_is_one_link(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("As reported by the BBC and CNN, Trump is said to have offered Kim Jong Un a lift."), "AGREE")
    assert e.attribution == ("BBC, CNN",)
    assert (e.certainty, e.certainty_cue) == ("hedged", "is said to")


def test_a_nested_chain_runs_outermost_first(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("Matthew Pottinger told the BBC that Trump praised Kim Jong Un."), "SUPPORT")
    assert e.attribution == ("BBC", "Matthew Pottinger")


def test_sources_named_by_a_demonym(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("Russian sources said Putin rejected the proposal from Zelensky."), "REJECT")
    assert e.attribution == ("Russian sources",)


@pytest.mark.parametrize("cue", ["reportedly", "allegedly", "apparently"])
def test_hedging_adverbs(read, cue: str) -> None:  # type: ignore[no-untyped-def]
    e = only(read(f"Pyongyang {cue} rejected the offer from Seoul."), "REJECT")
    assert (e.certainty, e.certainty_cue) == ("hedged", cue)


def test_a_hedge_in_another_clause_does_not_count(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("Trump denounced South Korea, apparently over church raids."), "ACCUSE")
    assert e.certainty == "asserted"


def test_a_contested_claim(read) -> None:  # type: ignore[no-untyped-def]
    e = only(read("Moscow accused Kyiv of shelling the plant, a claim that is disputed."), "ACCUSE")
    assert e.certainty == "contested"


def test_an_opinion_column_speaks_in_the_authors_voice(read) -> None:  # type: ignore[no-untyped-def]
    reading = read("Trump lifted a ban on Huawei. Trump is wrong to yield to Xi.", genre="opinion")
    assert {e.certainty for e in reading.events} == {"opinion"}


def test_a_quote_has_its_speaker_and_carries_its_events(read) -> None:  # type: ignore[no-untyped-def]
    reading = read("“I will meet Kim Jong Un again, maybe this year,” Trump told reporters on Monday.")
    (quote,) = reading.quotes
    assert quote.speaker is not None and quote.speaker.name == "Donald Trump" and quote.verb == "told"
    e = only(reading, "CONSULT")
    assert e.quote_id == quote.quote_id and "Donald Trump" in e.attribution


def test_a_pronoun_speaker_is_resolved(read) -> None:  # type: ignore[no-untyped-def]
    reading = read("Trump spoke at a rally. “I think he misses me, if you want to know the truth,” he said.")
    (quote,) = reading.quotes
    assert quote.speaker is not None and quote.speaker.name == "Donald Trump"


def test_scare_quotes_are_not_speech(read) -> None:  # type: ignore[no-untyped-def]
    assert read("Kim called Trump a “dotard” on Friday.").quotes == []
