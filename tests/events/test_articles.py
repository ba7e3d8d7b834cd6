"""The whole coder on short texts parsed by the real spaCy model (real knowledge base too)."""

from __future__ import annotations

import pytest

from parley.events import code_article
from parley.nlp import parse
from parley.records import Article, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def code(engine):  # type: ignore[no-untyped-def]
    def run(text: str, date: str | None = "2025-08-26") -> list[Event]:
        (parsed,) = parse(engine.nlp, [Article("a1", "doc", 0, None, date, text)])
        return code_article(parsed, kb=engine.kb, lexicon=engine.lexicon)

    return run


def brief(events: list[Event]) -> set[tuple[str, str, str, str, str | None]]:
    return {(e.category, e.source.actor.actor_id, e.target.actor.actor_id, e.status, e.date.value) for e in events}


def test_an_intention_is_dated_when_it_was_said(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "US President Donald Trump said Monday he hoped to meet again with North Korea's Kim Jong Un, "
        "possibly this year."
    )
    assert ("CONSULT", "USA:donald-trump", "PRK:kim-jong-un", "intended", "2025-08-25") in brief(events)


def test_his_first_term_comes_from_the_knowledge_base(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Trump, who met Kim Jong Un three times in his first term, praised him on Monday.")
    dates = {(e.category, e.date.value) for e in events}
    assert ("CONSULT", "2017/2021") in dates


def test_a_relative_clause_rejection_targets_the_demander(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "In February 2019 Kim Jong Un demanded the lifting of all US sanctions, which Trump rejected.",
        date="2021-02-24",
    )
    got = brief(events)
    assert ("REQUEST", "PRK:kim-jong-un", "USA", "occurred", "2019-02") in got
    assert ("REJECT", "USA:donald-trump", "PRK:kim-jong-un", "occurred", "2019-02") in got


def test_a_repeated_event_is_reported_once(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Russia attacked Ukraine on Monday. Russia attacked Ukraine again, officials said.")
    assert [e.category for e in events].count("ASSAULT") == 1


def test_negated_and_hypothetical_events(code) -> None:  # type: ignore[no-untyped-def]
    got = brief(
        code("Trump left Seoul without meeting Kim Jong Un. If Pyongyang attacked Seoul, Washington would respond.")
    )
    assert any(c == "CONSULT" and st == "negated" for c, _, _, st, _ in got)
    assert any(c == "ASSAULT" and st == "hypothetical" for c, _, _, st, _ in got)


def test_every_event_carries_offsets_into_the_text(code) -> None:  # type: ignore[no-untyped-def]
    text = "North Korea accused Washington of a hostile policy. Seoul praised Tokyo."
    for e in code(text):
        assert text[e.sentence_start : e.sentence_end] == e.evidence
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert text[e.source.start : e.source.end] == e.source.text


def test_a_statement_that_one_would_hit_back_is_a_threat(code) -> None:  # type: ignore[no-untyped-def]
    events = code(
        "The United States raised tariffs on Chinese goods on Friday. China said on Friday it would "
        "take all necessary measures to protect its companies.",
        date="2019-05-11",
    )
    coded = {(e.category, e.source.actor.actor_id, e.target.actor.actor_id) for e in events}
    assert ("THREATEN", "CHN", "USA") in coded
