"""Finding date expressions in one sentence and resolving them to ``DateValue``s.

``find_expressions(text, pub_date=...)`` runs a fixed table of regular expressions (compiled
once, at import) over the sentence, resolves each match, and keeps the longest non-overlapping
matches, left to right. Each result is a ``TimeExpr`` whose ``kind`` says how it was resolved:

- ``explicit``: the text names the date itself ("on 12 June 2018", "in February 2019", "in 1994",
  "Russia's 2022 invasion", "Feb. 28" completed with the publication year);
- ``range``: a span of years ("2017-2021", "between 2018 and 2019", "the 1990s", "World War Two");
- ``relative``: anchored to the publication date ("Monday", "yesterday", "last month", "this year",
  "last November", "three years ago", "this weekend"); without a publication date these give nothing;
- ``vague``: an explicit date softened by a modifier ("mid-2019", "early 2020", "late 1990s"),
  resolved at the coarser precision the text supports.

Conventions: a weekday is the most recent such day on or before publication, or the next one
(on or after) in a future context ("will meet on Monday", "set to continue on Monday", "next Monday");
"this weekend" / "the weekend" is the Saturday on or before publication (day precision: the scorer
compares at the gold's precision, and Saturday is the usual day a weekend event is reported for);
"last week" is the month of publication minus seven days; "recently" and other vague words give
nothing. Ambiguous numeric dates ("12.06.2018", "6/12/2018") are skipped; ISO dates are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from parley.records import DateValue, Record

KINDS: tuple[str, ...] = ("explicit", "relative", "range", "vague")
VALUE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}/\d{4}$")

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "several": 3,
}  # fmt: skip
WARS: dict[str, tuple[int, int]] = {"1": (1914, 1918), "2": (1939, 1945)}


@dataclass(frozen=True)
class TimeExpr(Record):
    """A date expression in a sentence: ``text[start:end]`` and what it resolves to."""

    start: int
    end: int
    text: str
    value: DateValue
    kind: str  # explicit | relative | range | vague
    nested: ClassVar[dict[str, type[Record]]] = {"value": DateValue}


# --- the pieces the patterns are built from ------------------------------------------------------

_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?P<mon>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"
_MONTH_BARE = rf"(?P<mon>{_MONTH_FULL})"  # abbreviations only with a day or a year after them
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_NOT_NUM = r"(?![\d,.]\d|\s*%)"  # not "2019.5", "2,019", "2019 %"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREP = r"(?i:in|on|since|by|until|till|before|after|during|from|through|as of|of)"
_PART = r"(?i:morning|afternoon|evening|night)"
_COUNT = r"(?P<n>\d{1,3}|(?i:a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
_QUANTITY_NOUNS = (
    r"(?i:troops|soldiers|people|persons|civilians|men|women|children|dollars|euros|km|miles|"
    r"kilometres|kilometers|metres|meters|tons|tonnes|members|votes|cases|deaths|units|pages)\b"
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|'ll|’ll|set to|due|scheduled|expected to|plans? to|planned|going to|"
    r"upcoming|next|to be held|to resume|to continue)\b",
    re.IGNORECASE,
)

_CLAUSE_END = re.compile(r"[.;:!?,]")

Handler = Callable[[re.Match[str], date | None, bool], tuple[DateValue, str] | None]


# --- small date helpers --------------------------------------------------------------------------


def parse_pub_date(pub_date: str | None) -> date | None:
    """The publication day from an ISO ``yyyy-mm-dd`` string; None when absent, coarser or invalid."""
    if not pub_date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub_date.strip()):
        return None
    try:
        day = date.fromisoformat(pub_date.strip())
    except ValueError:
        return None
    return day if 1100 <= day.year <= 9000 else None


def _month_num(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(d: date, why: str) -> DateValue:
    return DateValue(d.isoformat(), "day", f"{why} -> {d.isoformat()}")


def _month(year: int, month: int, why: str) -> DateValue:
    value = f"{year:04d}-{month:02d}"
    return DateValue(value, "month", f"{why} -> {value}")


def _year(year: int, why: str) -> DateValue:
    return DateValue(f"{year:04d}", "year", f"{why} -> {year:04d}")


def _range(first: int, last: int, why: str) -> DateValue:
    value = f"{first:04d}/{last:04d}"
    return DateValue(value, "range", f"{why} -> {value}")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _rel(m: re.Match[str], pub: date) -> str:
    return f"'{m.group(0)}' relative to publication {pub.isoformat()}"


def _said(m: re.Match[str]) -> str:
    return f"'{m.group(0)}'"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- handlers: one per pattern; each returns (value, kind) or None ------------------------------


def _h_full_date(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    d = _safe_date(int(m["year"]), _month_num(m["mon"]), int(m["day"]))
    return (_day(d, _said(m)), "explicit") if d else None


def _h_iso_date(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    d = _safe_date(int(m["year"]), int(m["mo"]), int(m["day"]))
    return (_day(d, _said(m)), "explicit") if d else None


def _h_month_year(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    value = _month(int(m["year"]), _month_num(m["mon"]), _said(m))
    return value, ("vague" if m["mod"] else "explicit")


def _h_day_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    """A day and month without a year: this year's, the previous if in the future (next if future)."""
    if pub is None:
        return None
    month, day = _month_num(m["mon"]), int(m["day"])
    d = _safe_date(pub.year, month, day)
    if d is None:
        return None
    if future and d < pub:
        d = _safe_date(pub.year + 1, month, day)
    elif not future and d > pub:
        d = _safe_date(pub.year - 1, month, day)
    return (_day(d, f"{_said(m)} completed with publication {pub.isoformat()}"), "explicit") if d else None


def _h_year_range(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    groups = m.groupdict()
    first, last = int(groups["y1"] or groups.get("y1b") or 0), m["y2"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if not first < end <= first + 150:
        return None
    return _range(first, end, _said(m)), "range"


def _h_decade(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    start = int(m["dec"])
    mod = (m["mod"] or "").lower().rstrip("- ")
    offsets = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(mod, (0, 9))
    first, last = start + offsets[0], start + offsets[1]
    return _range(first, last, _said(m)), ("vague" if mod else "range")


def _h_war(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    word = (m["ord"] or m["num"] or "").lower()
    key = "1" if word in {"first", "one", "i", "1"} else "2"
    first, last = WARS[key]
    return _range(first, last, _said(m)), "range"


def _h_year(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    """A year after a preposition or a modifier ("in 1994", "mid-2019"); bare years have their own rule."""
    if not m.group(0)[0].isalpha():
        return None
    return _year(int(m["year"]), _said(m)), ("vague" if m["mod"] else "explicit")


def _h_bare_year(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    year = int(m["year"])
    if not 1900 <= year <= 2099:
        return None
    return _year(year, _said(m)), "explicit"


def _h_weekday(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    target, which = WEEKDAYS[m["wd"].lower()], (m["which"] or "").lower()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if which == "next":
        d = pub + timedelta(days=ahead or 7)
    elif which == "last":
        d = pub - timedelta(days=back or 7)
    elif future:
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return _day(d, _rel(m, pub)), "relative"


def _h_weekend(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    """The Saturday of the weekend meant: on or before publication, or the coming one."""
    if pub is None:
        return None
    which, back, ahead = m["which"].lower(), (pub.weekday() - 5) % 7, (5 - pub.weekday()) % 7
    if which == "next":
        d = pub + timedelta(days=ahead or 7)
    elif which == "last":
        d = pub - timedelta(days=back + 7 if pub.weekday() >= 5 else back)
    elif future:
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return _day(d, _rel(m, pub)), "relative"


def _h_day_word(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    word = m.group(0).lower()
    shift = -1 if "yesterday" in word or "last" in word else 1 if "tomorrow" in word else 0
    return _day(pub + timedelta(days=shift), _rel(m, pub)), "relative"


def _h_week(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    shift = {"last": -7, "past": -7, "next": 7}.get(m["which"].lower(), 0)
    d = pub + timedelta(days=shift)
    return _month(d.year, d.month, _rel(m, pub)), "relative"


def _h_rel_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    shift = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    year, month = _add_months(pub.year, pub.month, shift)
    return _month(year, month, _rel(m, pub)), "relative"


def _h_rel_year(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    shift = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    return _year(pub.year + shift, _rel(m, pub)), "relative"


def _h_named_month(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    """'last November', 'in November', 'this November', 'next November' without a year."""
    if pub is None:
        return None
    month, which = _month_num(m["mon"]), (m["which"] or "").lower()
    year = pub.year
    if which == "last":
        year -= 1 if month >= pub.month else 0
    elif which == "next" or (future and which != "this"):
        year += 1 if month < pub.month else 0
    elif which != "this":
        year -= 1 if month > pub.month else 0
    return _month(year, month, _rel(m, pub)), "relative"


def _h_ago(m: re.Match[str], pub: date | None, future: bool) -> tuple[DateValue, str] | None:
    if pub is None:
        return None
    raw, unit = m["n"].lower(), m["unit"].lower()
    n = int(raw) if raw.isdigit() else NUMBERS.get(raw, 0)
    if n <= 0 or n > 200:
        return None
    why = _rel(m, pub)
    if unit.startswith("year"):
        return (_year(pub.year - n, why), "relative") if pub.year - n >= 1000 else None
    if unit.startswith("month"):
        return _month(*_add_months(pub.year, pub.month, -n), why), "relative"
    d = pub - timedelta(days=n * (7 if unit.startswith("week") else 1))
    if unit.startswith("week"):
        return _month(d.year, d.month, why), "relative"
    return _day(d, why), "relative"


# --- the pattern table: order matters only to break ties between equally long matches ----------

_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (rf"(?:\b(?i:on)\s+)?\b{_DAY}\s+(?:(?i:of)\s+)?{_MONTH},?\s+{_YEAR}\b{_NOT_NUM}", _h_full_date),
        (rf"(?:\b(?i:on)\s+)?\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_NOT_NUM}", _h_full_date),
        (r"\b(?P<year>1\d{3}|20\d{2})-(?P<mo>[01]\d)-(?P<day>[0-3]\d)\b(?!-)", _h_iso_date),
        (
            rf"(?:\b(?:{_PREP})\s+)?(?:\b(?P<mod>(?i:early|mid|late|the end of|the start of))[\s-]+)?"
            rf"\b{_MONTH},?\s+{_YEAR}\b{_NOT_NUM}",
            _h_month_year,
        ),
        (rf"(?:\b(?i:on)\s+)?\b{_MONTH}\s+{_DAY}\b(?![,\s]*\d|:)", _h_day_month),
        (rf"(?:\b(?i:on)\s+)?\b{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}\b(?![,\s]*\d)", _h_day_month),
        (
            r"(?:\b(?i:between)\s+(?P<y1>1\d{3}|20\d{2})\s+(?i:and)\s+|"
            r"\b(?i:from)\s+(?P<y1b>1\d{3}|20\d{2})\s+(?i:to|until|till|through)\s+)"
            r"(?P<y2>1\d{3}|20\d{2})\b" + _NOT_NUM,
            _h_year_range,
        ),
        (
            r"(?<![\d-])\b(?P<y1>1\d{3}|20\d{2})\s*[-–—/]\s*(?P<y2>1\d{3}|20\d{2}|\d{2})\b(?![-–]\d)" + _NOT_NUM,
            _h_year_range,
        ),
        (
            r"(?:\b(?i:in|during|since|from|of|by)\s+)?(?:\b(?i:the)\s+)?"
            r"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?\b(?P<dec>1\d\d0|20\d0)(?:'s|’s|s)\b",
            _h_decade,
        ),
        (
            r"\b(?:(?P<ord>First|Second|first|second)\s+World\s+War|"
            r"World\s+War\s+(?P<num>One|Two|I{1,2}|1|2)\b)(?!\s*(?:veteran|era))",
            _h_war,
        ),
        (
            rf"\b(?:(?:{_PREP})\s+)?(?:(?i:the\s+end\s+of|the\s+start\s+of|the\s+summer\s+of|"
            rf"the\s+spring\s+of|the\s+autumn\s+of|the\s+fall\s+of|the\s+winter\s+of)\s+)?"
            rf"(?:(?P<mod>(?i:early|mid|late))[\s-]+)?{_YEAR}\b(?![-–/]\d){_NOT_NUM}",
            _h_year,
        ),
        (
            rf"(?<![$€£\d.,/])\b{_YEAR}\b(?![-–/]\d){_NOT_NUM}"
            rf"(?!\s+{_QUANTITY_NOUNS})",
            _h_bare_year,
        ),
        (
            rf"(?:\b(?P<which>(?i:on|last|next|this|early|late))\s+)?\b{_WEEKDAY}\b(?:\s+{_PART}\b)?",
            _h_weekday,
        ),
        (r"\b(?:(?i:over|during|at)\s+)?(?P<which>(?i:this|the|last|next))\s+(?i:weekend)\b", _h_weekend),
        (
            r"\b(?i:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
            rf"(?:yesterday|tomorrow)\s+{_PART}|last\s+night)\b",
            _h_day_word,
        ),
        (r"\b(?:(?i:earlier|later)\s+)?(?P<which>(?i:last|past|this|next))\s+(?i:week)\b", _h_week),
        (r"\b(?:(?i:earlier|later)\s+)?(?P<which>(?i:last|this|next))\s+(?i:month)\b", _h_rel_month),
        (r"\b(?:(?i:earlier|later)\s+)?(?P<which>(?i:last|this|next))\s+(?i:year)\b", _h_rel_year),
        (
            rf"\b(?:(?P<which>(?i:last|this|next|in|early|late|mid|since|until|by))[\s-]+){_MONTH_BARE}\b",
            _h_named_month,
        ),
        (rf"\b{_COUNT}\s+(?P<unit>(?i:years?|months?|weeks?|days?))\s+(?i:ago|earlier)\b", _h_ago),
    )
)


def _is_future(text: str, start: int) -> bool:
    """Does the clause before ``start`` speak of the future ("will meet on", "set to continue on")?"""
    window = text[max(0, start - 60) : start]
    window = _CLAUSE_END.split(window)[-1]
    return _FUTURE_CUE.search(window) is not None


# --- the public function -------------------------------------------------------------------------


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def find_expressions(text: str, *, pub_date: str | None) -> list[TimeExpr]:
    """Every date expression in ``text`` with its span, resolved against ``pub_date`` (ISO or None).

    Overlapping matches are settled in favour of the longest, then the earliest; relative
    expressions need a publication date and are left out without one.
    """
    pub = parse_pub_date(pub_date)
    found: list[TimeExpr] = []
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            expr = _resolve(text, m, handler, pub)
            if expr is not None:
                found.append(expr)
    return _keep_longest(found)


def _resolve(text: str, m: re.Match[str], handler: Handler, pub: date | None) -> TimeExpr | None:
    resolved = handler(m, pub, _is_future(text, m.start()))
    if resolved is None:
        return None
    value, kind = resolved
    if value.value is None or not VALUE_RE.match(value.value):
        return None
    start = m.start()
    since = _SINCE_BEFORE.search(text, 0, start)
    if since is not None:  # keep "since" with its date: a baseline reads differently
        start = since.start()
    return TimeExpr(start, m.end(), text[start : m.end()], value, kind)


def _keep_longest(found: list[TimeExpr]) -> list[TimeExpr]:
    """The longest non-overlapping expressions, in text order (the earlier rule wins a tie)."""
    order = sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), i))
    kept: list[TimeExpr] = []
    for i in order:
        e = found[i]
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)
