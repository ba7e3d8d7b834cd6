"""Article-level reasoning about time: when did each event happen, not when was it reported.

``build_timeline`` resolves the date expressions of every sentence once (``find_expressions``) and
finds the article's *news day*: the first day-precision date of the first two sentences ("said
Monday" in the lead) that falls within two weeks before publication, else the publication date.
Without a publication date, any explicit day in the first two sentences is the news day.

``date_event`` then dates one event, given its sentence, the trigger's character offset and the
trigger verb's tense. The first rule that applies decides:

1. **Same sentence.** A date expression in the event's own sentence wins. With several, the one in
   the same clause as the trigger (no ``, ; : ( ) —`` between them), then the nearest by characters,
   then one after the trigger. Without a trigger offset, the first expression.
2. **Vague or habitual.** A sentence with a vague or habitual past marker ("previously", "once",
   "in the past", "famously", "has long", "for years", "historically", "repeatedly", "ever since",
   "used to" ...) and no date expression gets no date.
3. **Narrative time.** A past (or infinitive, or unknown-tense) event that is not flagged
   ``current=True`` inherits the date of the nearest earlier sentence that has one, when that date is
   explicit (not relative to publication), is not the news day, lies at most two paragraphs back, and
   no sentence in between has a relative date or a habitual marker ("The meeting in February 2019
   was planned ..." ... "Then Kim rejected the offer." -> 2019-02).
4. **Current news.** A present, perfect or future event, one flagged ``current=True``, or a past
   event in the first five paragraphs of an article whose lead gives a news day in its text, gets the
   news day (which falls back to the publication date). ``current=False`` turns this rule off.
5. **Recent past.** A past or unknown-tense event that no rule above dates, in the first
   ``LEAD_PARAGRAPHS`` paragraphs of an article with a news day, gets the news day's month ("Police
   arrested dozens of protesters." in a report of 2019-11-19 -> 2019-11): a report's undated past is
   its recent past, but not its very day.
6. Otherwise no date: ``DateValue(None, None, "no date in the text")``.

Without paragraph indices, every two sentences count as one paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from parley.records import DateValue, Record
from parley.time.expressions import VALUE_RE, TimeExpr, find_expressions, parse_pub_date

TENSES: tuple[str, ...] = ("past", "present", "perfect", "future", "infinitive", "unknown")
NARRATIVE_TENSES = frozenset({"past", "infinitive", "unknown"})
CURRENT_TENSES = frozenset({"present", "perfect", "future"})
LEAD_SENTENCES = 2  # where the news day is looked for
RECENT_TENSES = frozenset({"past", "unknown"})  # rule 5: dated to the month of the news day
LEAD_PARAGRAPHS = 40  # past events this far into a report take the news day when the lead names one
INHERIT_PARAGRAPHS = 2  # how far back a narrative date reaches when the sentence continues a story
_SEQUENCE = re.compile(
    r"\s*(?:then|afterwards|after that|later|subsequently|accordingly|eventually|finally|next|thereafter)\b",
    re.IGNORECASE,
)
NEWS_DAY_WINDOW = 14  # days before publication a lead date may lie and still be the news day
SENTENCES_PER_PARAGRAPH = 2  # when no paragraph indices are given

_HABITUAL = re.compile(
    r"\b(?:previously|formerly|famously|historically|repeatedly|traditionally|ever\s+since|"
    r"in\s+the\s+past|in\s+recent\s+years|over\s+the\s+years|for\s+(?:years|decades|a\s+long\s+time)|"
    r"(?:has|have|had)\s+(?:\w+\s+)?long|long\s+been|used\s+to|"
    r"(?<!\bat\s)once(?!\s+(?:again|more|a|an|the|they|he|she|it|we|i|you|this|that|these|those|"
    r"there|all|every|in)\b))\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:()—–]|\s-\s")


@dataclass(frozen=True)
class SentenceTimes(Record):
    """One sentence's date expressions and the cues the timeline rules need."""

    index: int
    paragraph: int
    expressions: tuple[TimeExpr, ...] = ()
    breaks: tuple[int, ...] = ()  # offsets of clause punctuation (, ; : ( ) —)
    habitual: str | None = None  # the vague or habitual marker found, if any
    habitual_at: int = -1  # its character offset
    background: bool = False  # told in the pluperfect ("had suspended"): a flashback, not the story line
    continues: bool = False  # opens with a sequence connective ("Then", "Afterwards")
    nested: ClassVar[dict[str, type[Record]]] = {"expressions": TimeExpr}


@dataclass(frozen=True)
class Timeline(Record):
    """An article's resolved dates, sentence by sentence, and its news day."""

    pub_date: str | None
    news_day: DateValue
    news_day_source: str  # text | publication | none
    sentences: tuple[SentenceTimes, ...] = ()
    nested: ClassVar[dict[str, type[Record]]] = {"news_day": DateValue, "sentences": SentenceTimes}


# --- building ------------------------------------------------------------------------------------


def build_timeline(
    sentences: Sequence[str], *, pub_date: str | None, paragraphs: Sequence[int] | None = None
) -> Timeline:
    """Resolve every sentence's dates and the article's news day (see the module docstring)."""
    if paragraphs is not None and len(paragraphs) != len(sentences):
        raise ValueError(f"{len(paragraphs)} paragraph indices for {len(sentences)} sentences")
    if paragraphs is None:
        paragraphs = [i // SENTENCES_PER_PARAGRAPH for i in range(len(sentences))]
    paras = list(paragraphs)
    rows = tuple(_sentence_times(i, text, paras[i], pub_date) for i, text in enumerate(sentences))
    news_day, source = _news_day(rows, pub_date)
    return Timeline(pub_date, news_day, source, rows)


def _sentence_times(index: int, text: str, paragraph: int, pub_date: str | None) -> SentenceTimes:
    marker = _HABITUAL.search(text)
    return SentenceTimes(
        index=index,
        paragraph=paragraph,
        expressions=tuple(find_expressions(text, pub_date=pub_date)),
        breaks=tuple(m.start() for m in _CLAUSE_BREAK.finditer(text)),
        habitual=marker.group(0) if marker else None,
        habitual_at=marker.start() if marker else -1,
        background=bool(_PLUPERFECT.search(text)),
        continues=bool(_SEQUENCE.match(text)),
    )


def _news_day(rows: Sequence[SentenceTimes], pub_date: str | None) -> tuple[DateValue, str]:
    for row in rows[:LEAD_SENTENCES]:
        for expr in row.expressions:
            if _is_news_day_candidate(expr, pub_date):
                why = f"news day from the lead: {expr.value.reason}"
                return DateValue(expr.value.value, "day", why), "text"
    if pub_date and VALUE_RE.match(pub_date.strip()) and "/" not in pub_date:
        value = pub_date.strip()
        precision = {10: "day", 7: "month", 4: "year"}[len(value)]
        return DateValue(value, precision, f"news day: publication date {value}"), "publication"
    return DateValue(None, None, "no news day: no publication date and no date in the lead"), "none"


def _is_news_day_candidate(expr: TimeExpr, pub_date: str | None) -> bool:
    if expr.value.precision != "day" or expr.kind not in {"explicit", "relative"} or not expr.value.value:
        return False
    pub, day = parse_pub_date(pub_date), parse_pub_date(expr.value.value)
    if pub is None or day is None:
        return expr.kind == "explicit"
    return 0 <= (pub - day).days <= NEWS_DAY_WINDOW


# --- dating one event ----------------------------------------------------------------------------


# "the bloodiest conflict since World War Two": a baseline, not the event's time (but "has attacked
# since 2016" in the perfect tense starts the event).
BASELINE_WORDS = ("since",)
# Only a date that frames a clause ("in February 2019, ...") sets the narrative time of what follows.
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|un|ne|t)\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"\d{4}")
ADVERBIAL_WORDS = ("in ", "on ", "during ", "at ", "by ", "from ", "between ")


def date_event(
    timeline: Timeline,
    *,
    sentence: int,
    trigger: int | None = None,
    tense: str = "past",
    current: bool | None = None,
    allowed: Sequence[int] | None = None,
) -> DateValue:
    """When the event in ``sentence`` (trigger at character ``trigger``) happened; rules 1-5 above.

    ``allowed``: indices of the sentence's expressions that a parser found attached to the
    trigger's clause or the clauses above it, best first; ``None`` picks by proximity.
    """
    if not 0 <= sentence < len(timeline.sentences):
        raise IndexError(f"sentence {sentence} is not in the timeline ({len(timeline.sentences)} sentences)")
    row = timeline.sentences[sentence]
    if allowed:  # the caller ranked them by syntactic attachment
        usable = [e for e in (row.expressions[k] for k in allowed) if _dates_clause(e, tense, trigger)][:1]
    else:  # by proximity; when the parser found none attached, only within the trigger's clause
        usable = [e for e in row.expressions if _dates_clause(e, tense, trigger)]
        if allowed is not None:
            usable = [e for e in usable if _same_clause(e.start, trigger, row.breaks)]
    if usable:
        expr = _nearest(usable, trigger, row.breaks)
        return DateValue(expr.value.value, expr.value.precision, f"in the sentence: {expr.value.reason}")
    if row.habitual and _same_clause(row.habitual_at, trigger, row.breaks):
        return DateValue(None, None, f"vague or habitual marker '{row.habitual}' and no date in the sentence")
    if current is not True and tense in NARRATIVE_TENSES:
        inherited = _inherit(timeline, sentence)
        if inherited is not None:
            return inherited
    why = _current_reason(timeline, row, tense, current)
    news = timeline.news_day
    if why and news.value:
        return DateValue(news.value, news.precision, f"current news ({why}): {news.reason}")
    recent = current is not False and tense in RECENT_TENSES and _near_the_lead(timeline, row)
    if recent and news.value and news.precision in {"day", "month"}:
        # a report's undated past is its recent past: the month, not the day, of publication
        return DateValue(news.value[:7], "month", f"recent past (no date in the text): the month of {news.reason}")
    return DateValue(None, None, "no date in the text")


def _same_clause(at: int, trigger: int | None, breaks: Sequence[int]) -> bool:
    if trigger is None:
        return True
    lo, hi = sorted((at, trigger))
    return not any(lo <= b < hi for b in breaks)


def _dates_clause(expr: TimeExpr, tense: str, trigger: int | None) -> bool:
    """Whether an expression can date the trigger's clause: not a baseline ("since World War Two",
    except in the perfect tense), not a bare year bound to another noun ("Russia's 2022 invasion")."""
    text = expr.text.lower()
    if text.startswith(BASELINE_WORDS):
        return tense == "perfect"
    if _BARE_YEAR.fullmatch(text):
        return trigger is not None and 0 <= trigger - expr.end <= 2
    return True


def _nearest(exprs: Sequence[TimeExpr], trigger: int | None, breaks: Sequence[int]) -> TimeExpr:
    if trigger is None:
        return exprs[0]
    return min(exprs, key=lambda e: _closeness(e, trigger, breaks))


def _closeness(expr: TimeExpr, trigger: int, breaks: Sequence[int]) -> tuple[int, int, int]:
    """Sort key: same clause first, then fewer characters away, then after the trigger."""
    after = expr.start >= trigger
    lo, hi = (trigger, expr.start) if after else (expr.end, trigger)
    crosses = any(lo <= b < hi for b in breaks)
    return int(crosses), max(0, hi - lo), int(not after)


def _inherit(timeline: Timeline, sentence: int) -> DateValue | None:
    """Rule 3: the explicit date of the nearest earlier dated sentence, when the narrative carries it."""
    this = timeline.sentences[sentence]
    reach = INHERIT_PARAGRAPHS if this.continues else 0  # otherwise the same paragraph only
    for row in reversed(timeline.sentences[:sentence]):
        if this.paragraph - row.paragraph > reach:
            return None
        if row.expressions:
            return _inheritable(timeline, row)
        if row.habitual:
            return None
    return None


def _inheritable(timeline: Timeline, row: SentenceTimes) -> DateValue | None:
    expr = row.expressions[-1]
    if expr.kind == "relative" or expr.value.value == timeline.news_day.value or row.background:
        return None
    if not expr.text.lower().startswith(ADVERBIAL_WORDS):  # "Russia's 2022 invasion" dates a noun only
        return None
    why = f"from sentence {row.index}: {expr.value.reason}"
    return DateValue(expr.value.value, expr.value.precision, why)


def _current_reason(timeline: Timeline, row: SentenceTimes, tense: str, current: bool | None) -> str | None:
    """Why rule 4 applies (or None): the caller says so, the tense, or a past event in the lead."""
    if current is False:
        return None
    if current:
        return "flagged current"
    if tense in CURRENT_TENSES:
        return f"{tense} tense"
    if tense == "past" and timeline.news_day_source == "text" and _near_the_lead(timeline, row):
        return "past tense in a dated report"
    return None


def _near_the_lead(timeline: Timeline, row: SentenceTimes) -> bool:
    """Within ``LEAD_PARAGRAPHS`` paragraphs of the start: not deep in a long report."""
    return row.paragraph - timeline.sentences[0].paragraph < LEAD_PARAGRAPHS


# --- tense from a tagger's output ----------------------------------------------------------------


def tense_from_tags(tag: str, aux_lemmas: Sequence[str]) -> str:
    """The tense label of a trigger verb from its Penn tag and its auxiliaries' lemmas (or forms).

    >>> tense_from_tags("VBN", ["have", "to"]), tense_from_tags("VB", ["will"])
    ('past', 'future')
    """
    aux = {a.lower().strip() for a in aux_lemmas}
    if aux & {"will", "shall", "'ll", "’ll", "wo", "would", "gon"}:
        return "unknown" if "would" in aux and "have" in aux and tag == "VBN" else "future"
    if "to" in aux:
        return "past" if tag == "VBN" and aux & {"have", "has"} else "infinitive"
    if "had" in aux:  # the pluperfect lies before the story's own time: never current news
        return "unknown" if tag == "VBN" else "past"
    if aux & {"has", "have"}:
        return "perfect"
    return _simple_tense(tag, aux)


def _simple_tense(tag: str, aux: set[str]) -> str:
    if aux & {"did", "was", "were"}:
        return "past"
    if aux & {"do", "does", "is", "are", "am"}:
        return "present"
    if aux & {"can", "could", "may", "might", "must", "should"}:
        return "unknown"
    return {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present"}.get(tag, "unknown")
