"""Folding and tokenising names, so that spelling variants meet in one index key.

"Kim Jong-un", "KIM JONG UN" and "Kim Jong Un" all become ``("kim", "jong", "un")``;
"U.S." becomes ``("us",)``; possessives are dropped, so "North Korea's" becomes ``("north", "korea")``
and "Workers' Party" meets "Workers Party". Each token
keeps its original surface (periods and apostrophes removed) so that callers can check case:
an acronym alias such as "US" must not match the pronoun "us".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

POSSESSIVE = "'s"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
_LETTERS = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
    "æ": "ae", "Æ": "AE", "ß": "ss", "œ": "oe", "Œ": "OE",
})  # fmt: skip
_DASHES = re.compile(r"[-‐‑‒–—―]")
_POSS = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", re.IGNORECASE)
_TOKEN = re.compile(r"'s(?=\s|$)|[\w.'&]+")


@dataclass(frozen=True)
class Token:
    """One word: ``norm`` for lookups, ``surface`` (original case) for case checks."""

    norm: str
    surface: str


def fold(text: str) -> str:
    """Unicode-normalise, unify quotes and strip accents (keeps case)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """Split a phrase into folded tokens; a possessive becomes its own ``'s`` token."""
    return list(_tokens(text))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[Token, ...]:  # the same phrases come back in every sentence
    text = _DASHES.sub(" ", fold(text))
    text = _POSS.sub(" 's", text)
    out: list[Token] = []
    for raw in _TOKEN.findall(text):
        if raw.lower() == POSSESSIVE:
            continue
        surface = raw.replace(".", "").replace("'", "")
        if surface:
            out.append(Token(surface.lower(), surface))
    return tuple(out)


def key(text: str) -> tuple[str, ...]:
    """The index key of a name: its folded, lower-cased tokens."""
    return tuple(t.norm for t in tokenize(text))


def is_acronym(text: str) -> bool:
    """True for short all-capital names ("US", "U.N.", "EU") that must match in capitals."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)
