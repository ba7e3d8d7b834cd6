"""Boilerplate lines: each kind of page furniture is dropped, the reporting is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.clean import clean_document, load_rules
from parley.clean.rules import default_rules, normalise_line
from parley.errors import E, ParleyError

from .conftest import clean, kinds, make_doc, only

LEAD = "The envoy of Arnor met the council of Gondor on Tuesday to discuss the river treaty."
SECOND = "Officials in Minas Tirith said the talks would resume next week."


def test_paywall_notice_is_dropped() -> None:
    text = (
        "Already a member? Please sign in to your account before reading on. Check that your card on file "
        f"is up to date.\n{LEAD}\nSubscribe to continue reading.\n{SECOND}"
    )
    article = only(text)
    assert article.text == f"{LEAD}\n\n{SECOND}"
    assert len(kinds(article)["paywall"]) == 2


@pytest.mark.parametrize("line", ["Short Url", "Follow", "Related Content", "Advertisement", "Share", "Read more"])
def test_furniture_line_is_dropped(line: str) -> None:
    article = only(f"{LEAD}\n{line}\n{SECOND}")
    assert line not in article.text
    assert kinds(article)["furniture"] == [line]


@pytest.mark.parametrize("line", ["www.example-news.org", "external-link", "fedilink", "12.5K", "English"])
def test_link_labels_domains_and_counters_are_furniture(line: str) -> None:
    article = only(f"Arnor and Gondor sign a river pact\n{line}\n{LEAD}")
    assert article.text == LEAD
    assert line in kinds(article)["furniture"][0]


def test_newsletter_and_byline_are_furniture() -> None:
    text = f"By Ioreth Healer\n{LEAD}\nSign up for our weekly newsletter on northern affairs\n{SECOND}"
    article = only(text)
    assert article.text == f"{LEAD}\n\n{SECOND}"


def test_photo_caption_is_dropped() -> None:
    captions = [
        "The steward of Gondor greets the envoy of Arnor at the city gate. (AFP file photo)",
        "Photo: Beregond Guard/Reuters",
        "Delegates leave the hall after the vote (Reuters)",
    ]
    article = only("\n".join([captions[0], LEAD, captions[1], SECOND, captions[2]]))
    assert article.text == f"{LEAD}\n\n{SECOND}"
    assert len(kinds(article)["caption"]) == 3


def test_dateline_inside_sentence_is_not_a_caption() -> None:
    lead = "OSGILIATH, June 12 (Reuters) - Gondor accused Arnor of moving troops to the river."
    article = only(lead)
    assert article.text == "Gondor accused Arnor of moving troops to the river."
    assert kinds(article)["dateline"] == ["OSGILIATH, June 12 (Reuters) -"]


SIDEBAR = """Create a post

News from the northern kingdoms, posted by readers.

Community rules:
  • Post the original source where possible.
  • Do not editorialize titles.

This community’s icon was made by a reader, under a free licence.

  • 3 users online
  • 41 users / day
  • 1.2K Posts
  • 9K Comments
  • Modlog"""


def test_social_sidebar_is_dropped() -> None:
    article = only(f"Arnor recalls its envoy\n{LEAD}\n\n{SECOND}\n\n{SIDEBAR}")
    assert article.text == f"{LEAD}\n\n{SECOND}"
    sidebar = kinds(article)["sidebar"]
    assert "users / day" in sidebar[0] and "Create a post" in sidebar[0]


THREAD = """RangerOfTheNorth
link
fedilink
English
214

Arnor always overreacts to these talks, typical of them.

lossarnach_fan
link
fedilink
12

What did Gondor actually agree to?"""


def test_comment_thread_runs_to_the_end_of_the_article() -> None:
    article = only(f"Arnor recalls its envoy\n{LEAD}\n\n{SECOND}\n\n{THREAD}\n\n{SIDEBAR}")
    assert article.text == f"{LEAD}\n\n{SECOND}"
    found = kinds(article)
    assert "overreacts" in found["comments"][0] and "What did Gondor" in found["comments"][0]
    assert "RangerOfTheNorth" not in article.text
    assert "users / day" in found["sidebar"][0]


def test_comments_heading_opens_a_thread() -> None:
    article = only(f"{LEAD}\n{SECOND}\nComments\nGreat reporting, thanks.\nReply\nI disagree with the council.")
    assert article.text == f"{LEAD}\n\n{SECOND}"
    assert "I disagree" in kinds(article)["comments"][0]


def test_comments_heading_before_the_article_does_not_eat_it() -> None:
    article = only(f"Share\nComments\n{LEAD}")
    assert article.text == LEAD


def test_bullet_summary_is_dropped_but_not_body_lists() -> None:
    text = (
        "Gondor and Arnor agree on river tolls\n"
        "  • The two kingdoms settle a dispute over tolls on the Anduin\n"
        f"{LEAD}\nThe deal covers:\n• barges carrying grain\n• ferries between the banks\n"
    )
    article = only(text)
    assert kinds(article)["summary"] == ["• The two kingdoms settle a dispute over tolls on the Anduin"]
    assert "barges carrying grain" in article.text


def test_spans_point_into_the_document() -> None:
    doc = make_doc(f"Arnor recalls its envoy\nShort Url\n{LEAD}\n\n{THREAD}")
    (article,) = clean_document(doc)
    for span in article.dropped:
        assert doc.text[span.start : span.end] == span.text


def test_rules_reject_a_bad_regex(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text("[paywall]\npatterns = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ParleyError) as err:
        load_rules(path)
    assert err.value.code is E.E040 and "[paywall] patterns" in str(err.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[popups]\nlines = ['x']\n", "unknown group"),
        ("[furniture]\nwords = ['x']\n", "unknown key"),
        ("[furniture]\nlines = 'Share'\n", "must be a list"),
        ("[dateline]\nline = ['^Updated (.*)$']\n", "(?P<date>"),
        ("[comments]\nwindow = -1\n", "whole number"),
        ("[furniture\n", "bad configuration"),
    ],
)
def test_rules_reject_malformed_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "extra.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParleyError, match=None) as err:
        load_rules(path)
    assert message in str(err.value)


def test_user_rules_extend_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text("[furniture]\nlines = ['Gondor Gazette live ticker']\n", encoding="utf-8")
    rules = load_rules(path)
    article = clean_document(make_doc(f"{LEAD}\nGondor Gazette live ticker\nShort Url\n{SECOND}"), rules=rules)[0]
    assert article.text == f"{LEAD}\n\n{SECOND}"


def test_document_with_only_furniture_gives_no_article() -> None:
    assert clean("Share\nShort Url\nAdvertisement\n\n") == []
    assert clean("") == []


def _never_boilerplate(text: str) -> None:
    rules = default_rules()
    for line in text.splitlines():
        assert not rules.paywall.matches(line), line
        assert not rules.furniture.matches(line), line


_PIECES = st.sampled_from(
    [LEAD, SECOND, "Short Url", "Follow", "link", "173M", "Updated 26 August 2025", "date 2021-02-24 ",
     "WASHINGTON: ", "  • ", "Comments", "QuentinQuill", "Create a post", "Already a subscriber?",
     "Subscribe to continue reading", "\n", "\n\n", " ", "\u00a0", "\r\n", "Arnor sues for peace"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), _PIECES), max_size=30).map("".join))
def test_clean_document_never_raises_and_keeps_invariants(text: str) -> None:
    doc = make_doc(text)
    articles = clean_document(doc)
    for part, article in enumerate(articles):
        assert article.part == part and article.text
        for span in article.dropped:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
        _never_boilerplate(article.text)
        assert article.date is None or len(article.date) == 10


def test_normalise_line_folds_bullets_case_and_spaces() -> None:
    assert normalise_line("  •  Short   URL ") == "short url"


def test_a_subscribers_only_line_is_a_paywall_not_an_article() -> None:
    from parley.clean import clean_document
    from parley.records import Document

    text = (
        "Members only: sign in to keep reading.\n\nArnor and Gondor sign a treaty\n\nUpdated 3 May 2020\n\n"
        "MINAS TIRITH, May 3 (Wire) - Arnor and Gondor signed a treaty on Sunday.\n\nThe kings met for two hours."
    )
    (article,) = clean_document(Document("d", "d.txt", text, "h"))
    assert "keep reading" not in article.text and article.date == "2020-05-03"


def test_a_dateline_with_city_country_and_date_is_stripped() -> None:
    from parley.clean import clean_document
    from parley.records import Document

    text = "MINAS TIRITH, Gondor, Oct 30 (Wire) - Arnor left Gondor on Thursday without meeting the king."
    (article,) = clean_document(Document("d", "d.txt", text, "h", date="2025-10-30"))
    assert article.text.startswith("Arnor left Gondor")
    assert any(s.kind == "dateline" and s.text.startswith("MINAS TIRITH, Gondor") for s in article.dropped)
