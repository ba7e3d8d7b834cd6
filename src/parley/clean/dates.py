"""Publication dates as written on news pages, normalised to ISO ``yyyy-mm-dd``.

``find_date("Updated 26 August 2025 10:42 GMT")`` gives ``"2025-08-26"``; ``find_date("Published:
March 3, 2020")`` gives ``"2020-03-03"``; ``is_date_only("Tuesday, June 12, 2018")`` is True. Dates
that could be read two ways (``03/04/2020``) or do not exist (``2021-02-30``) give None.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"

# (form name, regex); every regex has groups y and d and either m (a number) or mon (a name)
DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"(?<!\d){_YEAR}-(?P<m>[01]?\d)-{_DAY}(?![\d])")),
    ("ymd-slash", re.compile(rf"(?<!\d){_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?!\d)")),
    ("dmy", re.compile(rf"(?i)(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)")),
    ("mdy", re.compile(rf"(?i)(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)")),
    ("dmy-dots", re.compile(rf"(?<![\d.]){_DAY}\.(?P<m>[01]?\d)\.{_YEAR}(?!\d)")),
    ("numeric-slash", re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?!\d)")),
)
# what may surround a date on a line that holds nothing else
_DATE_NOISE = re.compile(
    r"(?i)^[\s,.|:/–—-]*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?)?"
    r"(?:[\s,.|:/–—-]|at|on)*"
    r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?[\s,.|)]*$"
)


def find_date(text: str) -> str | None:
    """The first valid date written in ``text``, as ISO ``yyyy-mm-dd``; None when there is none."""
    found = _first_match(text)
    return found[0] if found else None


def is_date_only(text: str) -> bool:
    """True when ``text`` is a date and nothing else but a weekday, a time and a time zone."""
    found = _first_match(text)
    if found is None or len(text) > 80:
        return False
    _, start, end = found
    return all(_DATE_NOISE.match(part) for part in (text[:start], text[end:]))


def parse_iso(text: str) -> str | None:
    """An ISO date or timestamp (``2019-11-20T08:00:00Z``) from page metadata; None otherwise."""
    m = DATE_FORMS[0][1].match(text.strip())
    return _iso(m.group("y"), m.group("m"), m.group("d")) if m else find_date(text)


def _first_match(text: str) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for form, pattern in DATE_FORMS:
        for m in pattern.finditer(text):
            iso = _from_match(form, m)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def _from_match(form: str, m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("mon"):
        return _iso(m.group("y"), str(MONTHS[m.group("mon").lower().rstrip(".")]), m.group("d"))
    if form != "numeric-slash":
        return _iso(m.group("y"), m.group("m"), m.group("d"))
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12 >= b:  # 26/08/2025: day first
        return _iso(m.group("y"), str(b), str(a))
    if b > 12 >= a:  # 08/26/2025: month first
        return _iso(m.group("y"), str(a), str(b))
    return None  # 03/04/2020 could be either


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
