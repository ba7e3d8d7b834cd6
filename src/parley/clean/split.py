"""Splitting a file that glues several articles together into one piece per article.

A new article starts at a headline-like line, after some body text, when its header follows: the
same title repeated a few lines later, or a labelled date line ("Updated 26 August 2025"; a bare
date could be a timeline entry), with only page furniture or a photo caption between. A subheading
inside an article has neither, and a repeated title inside one article's header comes before any
body text, so neither starts a new piece.
"""

from __future__ import annotations

from collections.abc import Sequence

from parley.clean.boilerplate import Line, looks_like_headline, same_text
from parley.clean.dates import is_date_only
from parley.clean.rules import Rules

HEADER_LOOKAHEAD = 8  # non-blank lines after a headline in which its header must show
_HEADER_FURNITURE = frozenset({"furniture", "caption", "paywall"})


def split_pieces(lines: Sequence[Line], kinds: Sequence[str | None], rules: Rules) -> list[tuple[int, int]]:
    """Line ranges ``[lo, hi)``, one per article, covering all ``lines`` in order."""
    starts = [0]
    body_seen = False
    for i, line in enumerate(lines):
        if kinds[i] is not None or line.blank:
            continue
        if body_seen and looks_like_headline(line.text, rules) and opens_article(lines, kinds, i):
            starts.append(i)
            body_seen = False
        elif not looks_like_headline(line.text, rules):
            body_seen = True
    ends = [*starts[1:], len(lines)]
    return list(zip(starts, ends, strict=True))


def opens_article(lines: Sequence[Line], kinds: Sequence[str | None], i: int) -> bool:
    """Whether the headline at ``i`` is followed by an article header (a date line or itself again)."""
    title = lines[i].text
    seen = 0
    for line in lines[i + 1 :]:
        if line.blank:
            continue
        kind = kinds[line.index]
        if (kind == "date" and not is_date_only(line.text)) or same_text(line.text, title):
            return True
        if kind not in _HEADER_FURNITURE:
            return False
        seen += 1
        if seen >= HEADER_LOOKAHEAD:
            return False
    return False
