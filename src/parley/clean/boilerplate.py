"""Line-level boilerplate detection: what each line of a scraped page is.

A document is cut into :class:`Line` records (offsets into the document text). Each line gets a
kind: ``None`` for possible article text, or the reason it is not (``paywall``, ``caption``,
``furniture``, ``sidebar``, ``comments``, ``date``). Comment threads and sidebars are found as
blocks by :func:`tail_start`: they run from their first line to the end of an article's piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parley.clean.dates import find_date, is_date_only
from parley.clean.rules import Rules, normalise_line

_TERMINAL = (".", "!", "?", "…", ";", ",", ":")


@dataclass(frozen=True)
class Line:
    """One line of the document, trimmed; ``start``/``end`` index the document text."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (split on newlines), each trimmed of surrounding whitespace."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(trimmed(len(lines), pos, raw))
        pos += len(raw) + 1
    return lines


def trimmed(index: int, start: int, raw: str) -> Line:
    """A line at ``start`` with leading and trailing whitespace cut off (offsets follow)."""
    a = len(raw) - len(raw.lstrip())
    b = len(raw.rstrip())
    if a >= b:
        return Line(index, start + a, start + a, "")
    return Line(index, start + a, start + b, raw[a:b])


def line_kind(text: str, rules: Rules) -> str | None:
    """Why a line is not article text, or None when it may be."""
    if not text:
        return None
    for group in (rules.paywall, rules.caption, rules.furniture, rules.sidebar, rules.comments):
        if group.matches(text):
            return group.name
    return "date" if date_of_line(text, rules) else None


def date_of_line(text: str, rules: Rules) -> tuple[str, str] | None:
    """(ISO date, source) when the line is a date line: "Updated 26 August 2025", "June 12, 2018"."""
    for pattern in rules.date_line:
        m = pattern.match(text)
        if m:
            iso = find_date(m.group("date"))
            if iso:
                label = m.groupdict().get("label") or "date"
                return iso, f"'{label.strip().capitalize()}' line"
    if is_date_only(text):
        found = find_date(text)
        return (found, "date line") if found else None
    return None


def date_prefix(text: str, rules: Rules) -> tuple[str, int] | None:
    """(ISO date, length of the prefix) for a date glued to the start of a line: "date 2021-02-24 ..."."""
    for pattern in rules.date_prefix:
        m = pattern.match(text)
        if m:
            iso = find_date(m.group("date"))
            if iso:
                return iso, m.end()
    return None


def looks_like_headline(text: str, rules: Rules) -> bool:
    """Short, several words, starts like a title and has no final period."""
    words = text.split()
    if not rules.headline_min_words <= len(words) <= rules.headline_max_words:
        return False
    if len(text) > rules.headline_max_chars or text.endswith((".", ",", ";", ":")):
        return False
    first = text.lstrip("\"'“‘«(")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def is_paragraph_end(text: str) -> bool:
    """Whether a line ends like a sentence (so the next line starts a new paragraph)."""
    return text.rstrip("\"'”’»)]").endswith(_TERMINAL) or text.endswith(('"', "”", "’"))


def is_bullet(text: str, rules: Rules) -> bool:
    return bool(rules.bullet.match(text)) and len(text) > 2


def strip_bullet(text: str, rules: Rules) -> str:
    return rules.bullet.sub("", text, count=1) if is_bullet(text, rules) else text


def same_text(a: str, b: str) -> bool:
    """Equal once trimmed, spaces collapsed and case folded (a repeated title)."""
    return bool(a) and normalise_line(a) == normalise_line(b)


def tail_start(lines: Sequence[Line], kinds: Sequence[str | None], span: tuple[int, int], rules: Rules) -> int | None:
    """Index of the first line in ``span`` (``[lo, hi)``) that opens a comment thread or a sidebar."""
    for i in range(*span):
        text = lines[i].text
        if not text:
            continue
        if rules.comments_start.matches(text) or rules.sidebar_start.matches(text):
            return i
        if kinds[i] is None and is_comment_header(lines, i, rules):
            return i
    return None


def tail_kind(text: str, current: str, rules: Rules) -> str:
    """The kind of a line inside a dropped tail: it switches when a sidebar or a thread opens."""
    if rules.sidebar_start.matches(text):
        return "sidebar"
    if rules.comments_start.matches(text):
        return "comments"
    return current


def is_comment_header(lines: Sequence[Line], i: int, rules: Rules) -> bool:
    """A username-like line followed closely by thread markers (``link``, ``fedilink``, votes)."""
    if not rules.username.match(lines[i].text):
        return False
    seen = 0
    for line in lines[i + 1 :]:
        if line.blank:
            continue
        if rules.comment_marker.matches(line.text):
            return True
        seen += 1
        if seen >= rules.comment_window:
            break
    return False
