"""Language detection: English is coded, other languages are skipped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parley.clean.language import is_english


def test_english_news_is_english() -> None:
    assert is_english(
        "The president of the republic met the German chancellor in Berlin on Monday to discuss "
        "the war in Ukraine and the sanctions against Russia, his office said in a statement."
    )


def test_other_languages_are_not() -> None:
    german = (
        "Der Bundeskanzler traf sich am Montag in Berlin mit dem ukrainischen Präsidenten, um über weitere "
        "Waffenlieferungen und die Lage an der Front zu sprechen, teilte ein Sprecher mit."
    )
    russian = (
        "Президент России провел переговоры с председателем КНР в Москве, сообщили в Кремле. Стороны "
        "обсудили торговлю, энергетику и сотрудничество в разных сферах экономики и политики."
    )
    assert not is_english(german) and not is_english(russian)


def test_short_texts_are_given_the_benefit_of_the_doubt() -> None:
    assert is_english("Arnor met Gondor.")


@given(st.text(max_size=500))
def test_never_fails(text: str) -> None:
    assert is_english(text) in {True, False}


def test_english_full_of_markup_is_still_english() -> None:
    from tests.api.conftest import HOSTILE

    assert is_english(HOSTILE)
