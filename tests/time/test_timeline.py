"""Article-level dating: the news day, the five rules, and tense labels, on fictional articles."""

from __future__ import annotations

import pytest

from parley.records import DateValue
from parley.time import Timeline, build_timeline, date_event, tense_from_tags

PUB = "2025-08-26"  # a Tuesday

LEAD = [
    "Arnor's king said Monday he hoped to meet Gondor's queen again, possibly this year.",  # 0
    "Hours before the talks, the king denounced Rohan's raids.",  # 1
    "The queen praised the king during the meeting.",  # 2
]

NARRATIVE = [
    "Gondor's queen was reported to have snubbed Arnor.",  # 0, para 0
    "The summit in February 2019 was planned by the king as a success.",  # 1, para 1
    "He wanted to use it to make the queen yield.",  # 2, para 1
    "The queen demanded the return of Osgiliath, which the king rejected.",  # 3, para 1
    "The king later said he felt sympathy for the queen.",  # 4, para 2
    "Then the queen is said to have rejected his offer.",  # 5, para 3
    "Gondor's envoys have long criticised Arnor.",  # 6, para 4
    "Rohan's riders attacked the border.",  # 7, para 5
]
NARRATIVE_PARAS = [0, 1, 1, 1, 2, 3, 4, 5]


def event_date(sentences: list[str], index: int, pub: str | None = PUB, **kw: object) -> DateValue:
    timeline = build_timeline(sentences, pub_date=pub, paragraphs=list(range(len(sentences))))
    return date_event(timeline, sentence=index, **kw)  # type: ignore[arg-type]


# --- news day ------------------------------------------------------------------------------------


def test_news_day_comes_from_the_lead() -> None:
    timeline = build_timeline(LEAD, pub_date=PUB)
    assert timeline.news_day.value == "2025-08-25"
    assert timeline.news_day_source == "text"


def test_news_day_falls_back_to_publication() -> None:
    timeline = build_timeline(["Arnor's king praised Gondor's queen."], pub_date=PUB)
    assert (timeline.news_day.value, timeline.news_day_source) == (PUB, "publication")


def test_future_or_old_lead_dates_are_not_the_news_day() -> None:
    sentences = ["Arnor's king will visit Gondor on Friday.", "He met the queen on 12 June 2018."]
    assert build_timeline(sentences, pub_date=PUB).news_day.value == PUB


def test_without_publication_date_an_explicit_lead_day_is_the_news_day() -> None:
    timeline = build_timeline(["Arnor's king met the queen on 3 May 2024.", "He smiled."], pub_date=None)
    assert timeline.news_day.value == "2024-05-03"
    assert build_timeline(["Arnor's king spoke Monday."], pub_date=None).news_day == DateValue(
        None, None, "no news day: no publication date and no date in the lead"
    )


# --- rule 1: the sentence's own date -------------------------------------------------------------


def test_date_in_the_sentence_wins() -> None:
    date = event_date(["Gondor agreed in 1994 to give up its arsenal."], 0, tense="past")
    assert (date.value, date.precision) == ("1994", "year")
    assert "'in 1994'" in date.reason


def test_nearest_expression_in_the_same_clause() -> None:
    sentence = LEAD[0]
    date = event_date([sentence], 0, trigger=sentence.index("meet"), tense="infinitive")
    assert date.value == "2025-08-25"  # "said Monday", not "possibly this year" after the comma


def test_nearest_expression_by_distance() -> None:
    sentence = "Arnor attacked Rohan in 2001 and in 2003 Gondor signed a treaty with Rohan."
    assert event_date([sentence], 0, trigger=sentence.index("signed")).value == "2003"
    assert event_date([sentence], 0, trigger=sentence.index("attacked")).value == "2001"
    assert event_date([sentence], 0).value == "2001"  # no trigger: the first


# --- rule 2: vague or habitual -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Arnor's king once said that he and the queen fell in love.",
        "Arnor's king has previously hailed his ties with Gondor.",
        "He famously praised the queen.",
        "Rohan has repeatedly demanded that Gondor renounce its claims.",
        "Arnor has criticised Gondor in the past.",
        "Gondor's envoys have long criticised Arnor.",
    ],
)
def test_vague_markers_give_no_date(sentence: str) -> None:
    date = event_date([sentence], 0, tense="present")
    assert date.value is None and "marker" in date.reason


def test_once_as_a_conjunction_is_not_a_marker() -> None:
    sentence = "The king will comment once the talks are over."
    assert event_date([sentence], 0, tense="future").value == PUB


def test_a_date_beats_a_vague_marker() -> None:
    assert event_date(["Arnor has repeatedly attacked Rohan since 2016."], 0, tense="perfect").value == "2016"


# --- rule 3: narrative time ----------------------------------------------------------------------


def narrative(index: int, **kw: object) -> DateValue:
    timeline = build_timeline(NARRATIVE, pub_date=PUB, paragraphs=NARRATIVE_PARAS)
    return date_event(timeline, sentence=index, **kw)  # type: ignore[arg-type]


def test_past_event_inherits_the_paragraph_date() -> None:
    date = narrative(3, tense="past")
    assert (date.value, date.precision) == ("2019-02", "month")
    assert date.reason.startswith("from sentence 1:")
    assert narrative(2, tense="infinitive").value == "2019-02"


def test_inheritance_reaches_two_paragraphs_back() -> None:
    assert narrative(5, tense="past").value == "2019-02"


def test_inheritance_stops_at_a_habitual_sentence_and_after_two_paragraphs() -> None:
    date = narrative(7, tense="past")  # not 2019-02: the report's recent past (rule 5)
    assert (date.value, date.precision) == (PUB[:7], "month") and date.reason.startswith("recent past")


def test_no_inheritance_backwards_or_for_current_events() -> None:
    assert narrative(0, tense="past").value == PUB[:7]
    assert narrative(3, tense="past", current=True).value == PUB


def test_a_relative_date_in_between_blocks_inheritance() -> None:
    sentences = [
        "The summit in February 2019 failed.",
        "Arnor's king said last month that he regretted it.",
        "The queen rejected his letter.",
    ]
    date = event_date(sentences, 2, tense="past")  # not February 2019: the report's recent past
    assert date.value == PUB[:7] and date.reason.startswith("recent past")


def test_the_news_day_is_not_inherited() -> None:
    sentences = ["Arnor's king met the queen on August 25, 2025.", "Rohan's envoy left.", "x", "y", "z", "w"]
    sentences += ["The queen rejected his offer."]
    timeline = build_timeline(sentences, pub_date=PUB, paragraphs=list(range(len(sentences))))
    assert timeline.news_day.value == "2025-08-25"
    assert date_event(timeline, sentence=1, tense="past").value == "2025-08-25"  # rule 4, the lead
    later = date_event(timeline, sentence=6, tense="past")
    assert "from sentence" not in later.reason and later.reason.startswith("current news")


# --- rule 4: current news ------------------------------------------------------------------------


@pytest.mark.parametrize("tense", ["present", "perfect", "future"])
def test_current_tenses_take_the_news_day(tense: str) -> None:
    date = event_date(LEAD, 2, tense=tense)
    assert date.value == "2025-08-25"
    assert date.reason.startswith(f"current news ({tense} tense)")


def test_past_events_in_the_lead_take_the_news_day() -> None:
    assert event_date(LEAD, 1, tense="past").value == "2025-08-25"
    assert event_date(LEAD, 2, tense="past").value == "2025-08-25"


def test_past_event_without_news_day_in_the_lead_gets_the_month_of_publication() -> None:
    sentences = ["Arnor's king praised Gondor.", "The queen rejected his offer."]
    date = event_date(sentences, 1, tense="past")
    assert (date.value, date.precision) == (PUB[:7], "month") and date.reason.startswith("recent past")
    assert event_date(sentences, 1, tense="past", current=False).value is None
    assert event_date(sentences, 1, tense="present").value == PUB


def test_current_false_turns_rule_4_off() -> None:
    assert event_date(LEAD, 2, tense="present", current=False).value is None


def test_far_past_events_get_nothing() -> None:
    sentences = [*LEAD, *(["a."] * 45), "The queen rejected his offer."]
    assert event_date(sentences, len(sentences) - 1, tense="past").value is None


# --- no publication date -------------------------------------------------------------------------


def test_no_publication_date_never_invents_a_date() -> None:
    timeline = build_timeline(LEAD, pub_date=None)
    for i in range(len(LEAD)):
        for tense in ("past", "present", "future"):
            assert date_event(timeline, sentence=i, tense=tense).value is None


def test_no_publication_date_keeps_explicit_dates() -> None:
    timeline = build_timeline(NARRATIVE, pub_date=None, paragraphs=NARRATIVE_PARAS)
    assert date_event(timeline, sentence=3, tense="past").value == "2019-02"


# --- records and errors --------------------------------------------------------------------------


def test_timeline_round_trips_through_a_dict() -> None:
    timeline = build_timeline(NARRATIVE, pub_date=PUB, paragraphs=NARRATIVE_PARAS)
    assert Timeline.from_dict(timeline.to_dict()) == timeline


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        build_timeline(LEAD, pub_date=PUB, paragraphs=[0])
    with pytest.raises(IndexError):
        date_event(build_timeline(LEAD, pub_date=PUB), sentence=3)


def test_without_paragraphs_two_sentences_make_a_paragraph() -> None:
    timeline = build_timeline(NARRATIVE, pub_date=PUB)
    assert [row.paragraph for row in timeline.sentences] == [0, 0, 1, 1, 2, 2, 3, 3]


# --- tense labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "aux", "tense"),
    [
        ("VBD", [], "past"),
        ("VBN", ["was"], "past"),
        ("VBN", ["had"], "unknown"),
        ("VBN", ["to", "have"], "past"),
        ("VBN", ["has"], "perfect"),
        ("VBN", ["have"], "perfect"),
        ("VBZ", [], "present"),
        ("VBP", [], "present"),
        ("VBG", ["is"], "present"),
        ("VB", ["will"], "future"),
        ("VB", ["would"], "future"),
        ("VBN", ["would", "have"], "unknown"),
        ("VB", ["to"], "infinitive"),
        ("VB", ["did"], "past"),
        ("VB", ["could"], "unknown"),
        ("VBG", [], "unknown"),
        ("VB", [], "unknown"),
    ],
)
def test_tense_from_tags(tag: str, aux: list[str], tense: str) -> None:
    assert tense_from_tags(tag, aux) == tense


def test_since_in_a_comparison_does_not_date_a_past_event() -> None:
    sentence = "Arnor's envoy met Rohan's king to end the bloodiest war since World War Two."
    assert event_date([sentence], 0, tense="past").value != "1939/1945"


def test_a_date_on_a_noun_does_not_set_the_narrative_time() -> None:
    sentences = ["It came nearly four years after Arnor's 2022 invasion.", "The king accused Arnor of delays."]
    assert event_date(sentences, 1, tense="past").value != "2022"
