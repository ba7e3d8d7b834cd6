"""Mentions on hand-built parses, resolved with the real knowledge base."""

from __future__ import annotations

from parley.actors import default_kb
from parley.events.mentions import find_mentions
from parley.nlp import ParsedSentence, Tok
from parley.records import Actor


def sentence(spec: str, ents: dict[int, str] | None = None) -> ParsedSentence:
    """``"Kim/kim/PROPN/nsubj/1 met/meet/VERB/ROOT/1 ..."``; ``ents`` gives entity labels by token."""
    toks, idx, words = [], 0, []
    for i, item in enumerate(spec.split()):
        text, lemma, pos, dep, head = item.split("/")
        toks.append(Tok(i, text, lemma, pos, "", dep, int(head), (ents or {}).get(i, ""), "", idx))
        words.append(text)
        idx += len(text) + 1
    text = " ".join(words)
    return ParsedSentence(0, 0, len(text), text, 0, tuple(toks), ())


def resolve(sent: ParsedSentence, recent: list[Actor] | None = None, topics: list[Actor] | None = None):  # type: ignore[no-untyped-def]
    found = find_mentions(sent, default_kb(), on="2019-06-30", recent=recent or [], subjects=topics)
    return {sent.toks[i].text: f.mention.actor.actor_id for i, f in found.items()}


def test_a_capital_after_a_locative_preposition_is_a_place() -> None:
    s = sentence(
        "Kim/kim/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Trump/trump/PROPN/dobj/1 in/in/ADP/prep/1 Hanoi/hanoi/PROPN/pobj/3"
    )
    assert resolve(s) == {"Kim": "PRK:kim-jong-un", "Trump": "USA:donald-trump"}


def test_a_capital_as_subject_is_its_government() -> None:
    s = sentence("Pyongyang/pyongyang/PROPN/nsubj/1 rejected/reject/VERB/ROOT/1 talks/talk/NOUN/dobj/1")
    assert resolve(s) == {"Pyongyang": "PRK"}


def test_a_subject_pronoun_takes_the_topic_not_the_last_name() -> None:
    trump, kim = default_kb().person_actor("donald-trump", "2019"), default_kb().person_actor("kim-jong-un", "2019")
    s = sentence("He/he/PRON/nsubj/1 praised/praise/VERB/ROOT/1 Xi/xi/PROPN/dobj/1")
    assert resolve(s, recent=[trump, kim], topics=[trump])["He"] == "USA:donald-trump"
    assert resolve(s, recent=[trump, kim], topics=[])["He"] == "PRK:kim-jong-un"


def test_an_object_pronoun_takes_the_last_fitting_actor_but_not_its_own_subject() -> None:
    s = sentence("Kim/kim/PROPN/nsubj/1 mocked/mock/VERB/ROOT/1 him/him/PRON/dobj/1")
    trump, xi = default_kb().person_actor("donald-trump", "2019"), default_kb().person_actor("xi-jinping", "2019")
    assert resolve(s, recent=[trump], topics=[trump])["him"] == "USA:donald-trump"  # "him" is not Kim
    assert resolve(s, recent=[trump, xi], topics=[trump])["him"] == "CHN:xi-jinping"
    s = sentence(
        "Kim/kim/PROPN/nsubj/1 said/say/VERB/ROOT/1 Xi/xi/PROPN/nsubj/3 met/meet/VERB/ccomp/1 him/him/PRON/dobj/3"
    )
    assert resolve(s, recent=[trump], topics=[])["him"] == "PRK:kim-jong-un"  # another clause's subject may be


def test_the_two_leaders_are_the_last_two_people() -> None:
    kb = default_kb()
    trump, kim = kb.person_actor("donald-trump", "2019"), kb.person_actor("kim-jong-un", "2019")
    s = sentence("the/the/DET/det/2 two/two/NUM/nummod/2 leaders/leader/NOUN/nsubj/3 met/meet/VERB/ROOT/3")
    found = find_mentions(s, kb, on="2019", recent=[trump, kim])
    group = found[2]
    assert {group.mention.actor.actor_id, *(f.mention.actor.actor_id for f in group.also)} == {
        "USA:donald-trump", "PRK:kim-jong-un"}  # fmt: skip


def test_the_north_needs_a_korean_context() -> None:
    s = sentence("the/the/DET/det/1 North/north/PROPN/nsubj/2 fired/fire/VERB/ROOT/2")
    assert resolve(s) == {}
    assert resolve(s, recent=[default_kb().state("KOR")]) == {"North": "PRK"}


def test_a_state_named_as_a_modifier_is_an_actor_but_an_organisation_is_a_topic() -> None:
    s = sentence(
        "the/the/DET/det/2 US/us/PROPN/compound/2 proposals/proposal/NOUN/nsubj/3 "
        "angered/anger/VERB/ROOT/3 NATO/nato/PROPN/compound/5 ambitions/ambition/NOUN/dobj/3",
        ents={1: "GPE", 4: "ORG"},
    )
    assert resolve(s) == {"US": "USA"}


def test_a_bare_surname_needs_the_person_in_the_text_or_in_office() -> None:
    s = sentence("Mr/mr/PROPN/compound/1 Howard/howard/PROPN/nsubj/2 spoke/speak/VERB/ROOT/2", ents={1: "PERSON"})
    blair = default_kb().person_actor("tony-blair", "2005")
    assert resolve(s, recent=[blair]) == {}  # not Australia's former prime minister in 2019
    howard = default_kb().person_actor("john-howard", "2005")
    assert resolve(s, recent=[howard]) == {"Howard": "AUS:john-howard"}
