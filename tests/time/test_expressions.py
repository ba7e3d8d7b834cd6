"""Date expressions in one sentence: one test per kind of expression, on fictional sentences."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.records import DateValue
from parley.time import TimeExpr, find_expressions

PUB = "2025-08-26"  # a Tuesday
VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}/\d{4}$")


def values(text: str, pub: str | None = PUB) -> list[tuple[str, str | None, str | None]]:
    return [(e.text, e.value.value, e.value.precision) for e in find_expressions(text, pub_date=pub)]


def only(text: str, pub: str | None = PUB) -> tuple[str, str | None, str | None]:
    found = values(text, pub)
    assert len(found) == 1, found
    return found[0]


# --- explicit ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor's king met Gondor's queen on 12 June 2018.", ("on 12 June 2018", "2018-06-12", "day")),
        ("Arnor's king met Gondor's queen on June 12, 2018.", ("on June 12, 2018", "2018-06-12", "day")),
        ("The treaty was signed on the 3rd of March 1999.", ("3rd of March 1999", "1999-03-03", "day")),
        ("The talks of 2019-02-28 failed.", ("2019-02-28", "2019-02-28", "day")),
        ("Arnor invaded Rohan in February 2019.", ("in February 2019", "2019-02", "month")),
        ("Arnor's February 2019 offer was refused.", ("February 2019", "2019-02", "month")),
        ("Gondor agreed in 1994 to give up its arsenal.", ("in 1994", "1994", "year")),
        ("Arnor has shelled Rohan since 2016.", ("since 2016", "2016", "year")),
        ("The talks collapsed in mid-2019.", ("in mid-2019", "2019", "year")),
        ("Rohan's 2022 invasion of Gondor.", ("2022", "2022", "year")),
        ("Arnor's king said on Feb. 28 that he would go.", ("on Feb. 28", "2025-02-28", "day")),
    ],
)
def test_explicit(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


def test_explicit_reason_says_what_was_read() -> None:
    (expr,) = find_expressions("Arnor invaded Rohan in February 2019.", pub_date=PUB)
    assert expr.value == DateValue("2019-02", "month", "'in February 2019' -> 2019-02")
    assert expr.kind == "explicit"
    assert "Arnor invaded Rohan in February 2019."[expr.start : expr.end] == expr.text


def test_day_and_month_takes_the_previous_year_when_it_would_be_in_the_future() -> None:
    assert only("Gondor said on February 28 that it would retaliate.", "2025-02-10")[1] == "2024-02-28"
    assert only("Gondor protested on February 28.", "2025-08-26")[1] == "2025-02-28"


def test_day_and_month_in_a_future_statement_is_the_next_one() -> None:
    assert only("Gondor will host Arnor on March 3.", "2025-08-26")[1] == "2026-03-03"


def test_ambiguous_numeric_dates_are_skipped() -> None:
    assert values("Arnor recalled its envoy on 12.06.2018 and 6/12/2018.") == []


def test_quantities_are_not_years() -> None:
    assert values("Arnor sent 2000 troops and $2019 to Gondor, and 1,999 tanks.") == []


# --- ranges --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor's king ruled in the 1990s.", ("in the 1990s", "1990/1999")),
        ("Arnor was quiet during his 2017-2021 tenure.", ("2017-2021", "2017/2021")),
        ("Arnor was quiet during his 2017–2021 tenure.", ("2017–2021", "2017/2021")),
        ("A series of summits between 2018 and 2019.", ("between 2018 and 2019", "2018/2019")),
        ("Arnor held Rohan from 2018 to 2019.", ("from 2018 to 2019", "2018/2019")),
        ("Gondor's 1910-1945 rule over Rohan.", ("1910-1945", "1910/1945")),
        ("Arnor's king fought in World War Two.", ("World War Two", "1939/1945")),
        ("Arnor's king fought in the First World War.", ("First World War", "1914/1918")),
    ],
)
def test_ranges(text: str, expected: tuple[str, str]) -> None:
    text_found, value, precision = only(text)
    assert (text_found, value, precision) == (*expected, "range")


# --- relative to publication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pub", "expected"),
    [
        ("Arnor's king said Monday he hoped to visit Gondor.", "2025-08-26", "2025-08-25"),
        ("Gondor's queen met envoys on Sunday.", "2025-12-15", "2025-12-14"),
        ("Gondor's queen met envoys on Tuesday.", "2025-08-26", "2025-08-26"),
        ("Gondor's queen met envoys last Tuesday.", "2025-08-26", "2025-08-19"),
        ("Talks are set to continue on Monday.", "2025-12-14", "2025-12-15"),
        ("Arnor's king will meet Gondor's queen on Friday.", "2025-08-26", "2025-08-29"),
        ("Arnor's king will meet Gondor's queen next Tuesday.", "2025-08-26", "2025-09-02"),
        ("Arnor's king spoke today.", "2025-08-26", "2025-08-26"),
        ("Arnor's king spoke this morning.", "2025-08-26", "2025-08-26"),
        ("Arnor's king spoke yesterday.", "2025-08-26", "2025-08-25"),
        ("Arnor's king spoke last night.", "2025-08-26", "2025-08-25"),
        ("Arnor's king travels tomorrow.", "2025-08-26", "2025-08-27"),
        ("Gondor protested this weekend.", "2025-08-26", "2025-08-23"),
        ("Gondor protested over the weekend.", "2025-08-24", "2025-08-23"),
    ],
)
def test_relative_days(text: str, pub: str, expected: str) -> None:
    assert only(text, pub)[1:] == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Arnor recalled its envoy last week.", "2025-08", "month"),
        ("Arnor recalled its envoy last month.", "2025-07", "month"),
        ("Arnor recalled its envoy earlier this month.", "2025-08", "month"),
        ("Arnor recalled its envoy next month.", "2025-09", "month"),
        ("Arnor recalled its envoy earlier this year.", "2025", "year"),
        ("Arnor hopes to meet Gondor, possibly this year.", "2025", "year"),
        ("Arnor will meet Gondor later this year.", "2025", "year"),
        ("Arnor recalled its envoy last year.", "2024", "year"),
        ("Arnor will recall its envoy next year.", "2026", "year"),
        ("Arnor recalled its envoy last November.", "2024-11", "month"),
        ("Arnor recalled its envoy in July.", "2025-07", "month"),
        ("Arnor recalled its envoy in November.", "2024-11", "month"),
        ("Arnor will recall its envoy in November.", "2025-11", "month"),
        ("Arnor recalled its envoy three years ago.", "2022", "year"),
        ("Arnor recalled its envoy 2 months ago.", "2025-06", "month"),
        ("Arnor recalled its envoy five days ago.", "2025-08-21", "day"),
    ],
)
def test_relative_coarser(text: str, expected: str, precision: str) -> None:
    assert only(text)[1:] == (expected, precision)


def test_relative_reason_names_the_publication_date() -> None:
    (expr,) = find_expressions("Arnor's king said Monday he hoped to visit Gondor.", pub_date=PUB)
    assert expr.kind == "relative"
    assert expr.value.reason == "'Monday' relative to publication 2025-08-26 -> 2025-08-25"


def test_no_publication_date_gives_no_relative_date() -> None:
    text = "Arnor's king said Monday, yesterday and last month that he met Gondor in February 2019."
    assert values(text, None) == [("in February 2019", "2019-02", "month")]
    assert values("Gondor protested on February 28.", None) == []


def test_malformed_publication_date_counts_as_none() -> None:
    assert values("Arnor's king spoke yesterday.", "26/08/2025") == []
    assert values("Arnor's king spoke yesterday.", "2025-02-30") == []


def test_vague_words_give_nothing() -> None:
    assert values("Arnor recently threatened Gondor, as it has for years.") == []


def test_plural_weekdays_and_modal_may_are_not_dates() -> None:
    assert values("Arnor may attack on Mondays.") == []


def test_several_expressions_in_text_order() -> None:
    found = find_expressions("Arnor said Monday it had met Gondor in 1994 and in 2019.", pub_date=PUB)
    assert [e.text for e in found] == ["Monday", "in 1994", "in 2019"]
    assert all(isinstance(e, TimeExpr) for e in found)


def test_round_trip() -> None:
    (expr,) = find_expressions("Arnor invaded Rohan in February 2019.", pub_date=PUB)
    assert TimeExpr.from_dict(expr.to_dict()) == expr


def test_fast_enough() -> None:
    text = "Arnor's king said Monday he hoped to meet Gondor's queen again, possibly this year, after 2019."
    find_expressions(text, pub_date=PUB)
    start = time.perf_counter()
    for _ in range(200):
        find_expressions(text, pub_date=PUB)
    assert (time.perf_counter() - start) / 200 < 1e-3


# --- property ------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["Monday", "on", "in", "February", "Feb.", "28", "2019", "1990s", "-", "–", "between", "and", "last",
     "year", "ago", "three", "mid-", "World War Two", "weekend", "the", ",", "9999", "0000", "31", "since"]
)  # fmt: skip
_TEXT = st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=30).map(" ".join))
_PUB = st.one_of(
    st.none(), st.text(max_size=12), st.dates().map(lambda d: d.isoformat()), st.sampled_from(["9999-12-31"])
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, pub=_PUB)
def test_never_raises_and_values_are_well_formed(text: str, pub: str | None) -> None:
    for expr in find_expressions(text, pub_date=pub):
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start : expr.end] == expr.text
        assert expr.value.value is not None and VALUE.match(expr.value.value)
        assert expr.kind in {"explicit", "relative", "range", "vague"}
