"""Is a text English? parley codes English only; other languages are stored and reported as skipped.

No model is needed for the decision parley has to make: English prose is dense in a small set of
function words ("the", "of", "and", "to", "said" ...) that other languages, even those written in
the Latin alphabet, seldom use. A text whose words are mostly letters of another script, or in which
these words are rare or outnumbered by the function words of other languages, is not coded.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "it",
        "from",
        "he",
        "his",
        "said",
        "has",
        "have",
        "be",
        "are",
        "an",
        "which",
        "not",
        "but",
        "this",
        "were",
        "they",
        "their",
        "had",
        "its",
        "who",
        "been",
        "will",
        "would",
        "after",
        "also",
    }
)
# the commonest function words of the other big languages written in the Latin alphabet
FOREIGN_WORDS = frozenset(
    {
        "der",
        "die",
        "das",
        "und",
        "mit",
        "den",
        "dem",
        "ist",
        "nicht",
        "sich",
        "ein",
        "eine",
        "zu",
        "auf",
        "für",
        "le",
        "la",
        "les",
        "des",
        "du",
        "et",
        "est",
        "une",
        "dans",
        "pour",
        "que",
        "qui",
        "avec",
        "sur",
        "au",
        "el",
        "los",
        "las",
        "del",
        "y",
        "con",
        "por",
        "para",
        "una",
        "según",
        "como",
        "pero",
        "su",
        "il",
        "di",
        "che",
        "della",
        "per",
        "non",
        "sono",
        "em",
        "os",
        "não",
        "uma",
        "het",
        "een",
        "van",
        "niet",
    }
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_SHARE = 0.08


def is_english(text: str) -> bool:
    """True for English prose (and for texts too short to tell)."""
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < MIN_WORDS:
        return True
    latin = sum(1 for w in words if w.isascii())
    if latin < len(words) / 2:
        return False
    english = sum(1 for w in words if w in FUNCTION_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    return english / len(words) >= MIN_SHARE and english > foreign
