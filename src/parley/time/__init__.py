"""The time stage: date each event when it happened, not when it was reported.

``find_expressions`` resolves the date expressions of one sentence; ``build_timeline`` does so for a
whole article and finds its news day; ``date_event`` applies the dating rules (see
``parley.time.timeline``); ``tense_from_tags`` turns a Penn tag and auxiliaries into a tense label.
"""

from parley.time.expressions import KINDS, TimeExpr, find_expressions, parse_pub_date
from parley.time.timeline import TENSES, SentenceTimes, Timeline, build_timeline, date_event, tense_from_tags

__all__ = [
    "KINDS",
    "TENSES",
    "SentenceTimes",
    "TimeExpr",
    "Timeline",
    "build_timeline",
    "date_event",
    "find_expressions",
    "parse_pub_date",
    "tense_from_tags",
]
