"""Is a text English? parley codes English only; other languages are stored and reported as skipped.

No model is needed for the decision parley has to make: English prose is dense in a small set of
function words ("the", "of", "and", "to", "said" ...) that other languages, even those written in
the Latin alphabet, seldom use. A text whose words are mostly letters of another script, or in which
these words are rare, is not coded.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "it",
    "from", "he", "his", "said", "has", "have", "be", "are", "an", "which", "not", "but", "this", "were",
    "they", "their", "had", "its", "who", "been", "will", "would", "after", "also",
})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_SHARE = 0.12


def is_english(text: str) -> bool:
    """True for English prose (and for texts too short to tell)."""
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < MIN_WORDS:
        return True
    latin = sum(1 for w in words if w.isascii())
    if latin < len(words) / 2:
        return False
    return sum(1 for w in words if w in FUNCTION_WORDS) / len(words) >= MIN_SHARE
