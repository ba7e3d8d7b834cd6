"""Glued articles, titles, dates and datelines; and the real seed articles."""

from __future__ import annotations

import pytest

from parley.clean import clean_document, find_date
from parley.records import content_hash

from .conftest import clean, kinds, only

GLUED = """Arnor and Gondor agree to reopen the river crossing

The steward of Gondor shakes hands with the envoy of Arnor at Osgiliath. (AFP file photo)
Short Url
Updated 3 March 2031
Follow

Arnor and Gondor agree to reopen the river crossing

  • The crossing at Osgiliath has been closed since the spring floods

OSGILIATH: Arnor and Gondor agreed on Monday to reopen the river crossing at Osgiliath, officials said.
The crossing at Osgiliath has been closed since the spring floods.
Traders on both banks welcomed the decision.
\u00a0

Rohan warns Dunland over border raids

Updated 11 April 2031
Follow

Rohan warns Dunland over border raids

  • Rohan says it will answer any new raid

EDORAS/ISENGARD: Rohan warned Dunland on Friday that it would answer any new raid on its villages.
Dunland denied sending the raiders.
"""


def test_glued_articles_are_split_with_their_own_dates() -> None:
    first, second = clean(GLUED)
    assert (first.part, second.part) == (0, 1)
    assert first.title == "Arnor and Gondor agree to reopen the river crossing"
    assert second.title == "Rohan warns Dunland over border raids"
    assert (first.date, second.date) == ("2031-03-03", "2031-04-11")
    assert first.date_source == "'Updated' line"
    assert first.text.startswith("Arnor and Gondor agreed on Monday")
    assert "Traders on both banks" in first.text and "Rohan" not in first.text
    assert second.text.startswith("Rohan warned Dunland on Friday")


def test_title_repeat_summary_and_caption_are_not_article_text() -> None:
    first, _ = clean(GLUED)
    assert "agree to reopen the river crossing" not in first.text
    found = kinds(first)
    assert found["summary"] == ["• The crossing at Osgiliath has been closed since the spring floods"]
    assert len(found["title"]) == 2 and "(AFP file photo)" in found["caption"][0]
    assert found["dateline"] == ["OSGILIATH:"]


def test_repeated_title_and_subheadings_do_not_split() -> None:
    text = (
        "Gondor fortifies the fords\nShort Url\nGondor fortifies the fords\n"
        "Gondor began building towers at the fords of the Anduin on Monday.\n\n"
        "A CRITICAL WINTER\n\nThe works should end before the winter, the engineers said.\n"
    )
    article = only(text)
    assert "A CRITICAL WINTER" in article.text


def test_article_id_is_a_content_hash_of_doc_part_and_text() -> None:
    article = only("Gondor fortifies the fords\nGondor began building towers at the fords on Monday.")
    assert article.article_id == content_hash("t1", "0", article.text)


def test_date_prefix_is_removed_and_used() -> None:
    article = only(" date 2031-02-24 Arnor and Gondor ended their feud. A summary of the year.\n\nMore text follows.")
    assert article.date == "2031-02-24" and article.date_source == "prefix"
    assert article.text.startswith("Arnor and Gondor ended their feud.")
    assert kinds(article)["date"] == ["date 2031-02-24"]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: March 3, 2030", "2030-03-03"),
        ("Posted on 4 May 2029", "2029-05-04"),
        ("June 12, 2028", "2028-06-12"),
        ("Tuesday, 2027-01-05 10:42 GMT", "2027-01-05"),
    ],
)
def test_date_lines_give_the_publication_date(line: str, iso: str) -> None:
    article = only(f"Gondor fortifies the fords\n{line}\nGondor began building towers at the fords on Monday.")
    assert article.date == iso
    assert line not in article.text


def test_metadata_wins_and_no_date_is_none() -> None:
    text = "Gondor fortifies the fords\nUpdated 3 March 2031\nGondor began building towers on Monday."
    assert only(text, date="2030-01-02").date == "2030-01-02"
    assert only(text, date="2030-01-02").date_source == "metadata"
    assert only("Gondor began building towers on Monday.").date is None


def test_metadata_title_is_used_and_its_line_dropped() -> None:
    article = only("Towers at the fords\nGondor began building towers on Monday.", title="Towers at the fords")
    assert article.title == "Towers at the fords" and article.text == "Gondor began building towers on Monday."


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        ("MINAS TIRITH: Gondor summoned the envoy.", "Gondor summoned the envoy."),
        ("EDORAS/ISENGARD: Rohan sent riders.", "Rohan sent riders."),
        ("Bree – The mayor of Bree said the road was safe.", "The mayor of Bree said the road was safe."),
        ("PELARGIR, May 2 (Reuters) - Corsairs raided the harbour.", "Corsairs raided the harbour."),
        ("DOL AMROTH (AP) — The prince met envoys.", "The prince met envoys."),
    ],
)
def test_dateline_is_stripped_from_the_lead(lead: str, kept: str) -> None:
    assert only(f"Gondor news\n{lead}\nMore reporting follows here.").text.startswith(kept)


def test_paragraphs_spaces_and_quotes() -> None:
    text = "Gondor   said it was “ready to talk”.\nArnor’s envoy   agreed.\n\n\nThe talks begin soon."
    article = only(text)
    assert article.text == "Gondor said it was “ready to talk”.\n\nArnor’s envoy agreed.\n\nThe talks begin soon."


def test_hard_wrapped_lines_are_joined() -> None:
    text = "Gondor said on Monday that it would\nreopen the crossing at Osgiliath.\nArnor welcomed it."
    assert (
        only(text).text == "Gondor said on Monday that it would reopen the crossing at Osgiliath.\n\nArnor welcomed it."
    )


def test_find_date_forms() -> None:
    assert find_date("Updated 26 August 2031 10:42 GMT") == "2031-08-26"
    assert find_date("Sept. 3, 2019") == "2019-09-03"
    assert find_date("2021-02-30") is None
    assert find_date("03/04/2020") is None  # day and month could be either


# --- the real seed articles (read-only, in the shared folder) ---


def test_seed_003_gives_two_dated_articles(seed_text) -> None:
    first, second = clean_document(seed_text("003"))
    assert (first.date, second.date) == ("2025-08-26", "2025-12-15")
    assert not first.text.startswith("WASHINGTON") and not second.text.startswith("BERLIN")


def test_seed_001_keeps_the_article_not_the_thread(seed_text) -> None:
    (article,) = clean_document(seed_text("001"))
    assert "once-in-a-thousand-year opportunity" in article.text
    for unwanted in ("QuentinCallaghan", "authoritarian", "Create a post", "users / day"):
        assert unwanted not in article.text


def test_seed_000_date_prefix(seed_text) -> None:
    (article,) = clean_document(seed_text("000"))
    assert article.date == "2021-02-24"
    assert not article.text.lstrip().startswith("date")


def test_seed_004_paywall(seed_text) -> None:
    (article,) = clean_document(seed_text("004"))
    assert "Already a subscriber" not in article.text


def test_seed_002_related_content(seed_text) -> None:
    (article,) = clean_document(seed_text("002"))
    assert "Related Content" not in article.text


def test_the_headline_is_coded_as_the_first_paragraph_and_a_headline_alone_is_an_article() -> None:
    from parley.clean import with_headline

    article = only("Towers at the fords\nGondor began building towers on Monday.", title="Towers at the fords")
    coded = with_headline(article)
    assert coded.text == "Towers at the fords\n\nGondor began building towers on Monday."
    assert coded.article_id != article.article_id and with_headline(coded) == coded
    alone = only("Arnor expels Gondor's envoys over river dispute")
    assert alone.text == alone.title == "Arnor expels Gondor's envoys over river dispute"
    assert with_headline(alone) == alone
