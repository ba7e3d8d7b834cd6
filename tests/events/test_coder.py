"""The event coder on hand-built parses (words, heads, deps) with fictional actors."""

from __future__ import annotations

import pytest

from parley.events.coder import code_sentence
from parley.events.grammar import Tree
from parley.events.lexicon import load_lexicon
from tests.events.parses import build, mentions

LEX = load_lexicon()


def code(spec: str) -> list[tuple[str, str, str, str]]:
    sent = build(spec)
    cands = code_sentence(Tree(sent.toks), mentions(sent), LEX)
    return [(c.category, c.source.mention.text, c.target.mention.text, c.status) for c in cands]


def test_subject_verb_object() -> None:
    assert code(
        "Arnor/arnor/PROPN/NNP/nsubj/1 criticised/criticise/VERB/VBD/ROOT/1 "
        "Gondor/gondor/PROPN/NNP/dobj/1 ././PUNCT/./punct/1"
    ) == [("ACCUSE", "Arnor", "Gondor", "occurred")]


def test_passive_with_agent() -> None:
    spec = (
        "Gondor/gondor/PROPN/NNP/nsubjpass/2 was/be/AUX/VBD/auxpass/2 criticised/criticise/VERB/VBN/ROOT/2 "
        "by/by/ADP/IN/agent/2 Arnor/arnor/PROPN/NNP/pobj/3 ././PUNCT/./punct/2"
    )
    assert code(spec) == [("ACCUSE", "Arnor", "Gondor", "occurred")]


def test_relative_clause_takes_the_governing_subject_as_target() -> None:
    spec = (
        "Rohan/rohan/PROPN/NNP/nsubj/1 demanded/demand/VERB/VBD/ROOT/1 talks/talk/NOUN/NNS/dobj/1 "
        ",/,/PUNCT/,/punct/2 which/which/PRON/WDT/dobj/6 Arnor/arnor/PROPN/NNP/nsubj/6 "
        "rejected/reject/VERB/VBD/relcl/2 ././PUNCT/./punct/1"
    )
    assert ("REJECT", "Arnor", "Rohan", "occurred") in code(spec)


def test_prepositional_target_and_intention() -> None:
    spec = (
        "Arnor/arnor/PROPN/NNP/nsubj/1 hopes/hope/VERB/VBZ/ROOT/1 to/to/PART/TO/aux/3 "
        "meet/meet/VERB/VB/xcomp/1 with/with/ADP/IN/prep/3 Gondor/gondor/PROPN/NNP/pobj/4 ././PUNCT/./punct/1"
    )
    assert code(spec) == [("CONSULT", "Arnor", "Gondor", "intended")]


def test_negation() -> None:
    spec = (
        "Arnor/arnor/PROPN/NNP/nsubj/3 did/do/AUX/VBD/aux/3 not/not/PART/RB/neg/3 meet/meet/VERB/VB/ROOT/3 "
        "Gondor/gondor/PROPN/NNP/dobj/3 ././PUNCT/./punct/3"
    )
    assert code(spec) == [("CONSULT", "Arnor", "Gondor", "negated")]


def test_condition_makes_it_hypothetical() -> None:
    spec = (
        "If/if/SCONJ/IN/mark/2 Arnor/arnor/PROPN/NNP/nsubj/2 attacked/attack/VERB/VBD/advcl/6 "
        "Gondor/gondor/PROPN/NNP/dobj/2 ,/,/PUNCT/,/punct/6 Rohan/rohan/PROPN/NNP/nsubj/6 "
        "would/would/AUX/MD/aux/6 object/object/VERB/VB/ROOT/6 ././PUNCT/./punct/6"
    )
    assert code(spec) == [("ASSAULT", "Arnor", "Gondor", "hypothetical")]


def test_noun_trigger_with_possessor_and_of_phrase() -> None:
    spec = (
        "Arnor/arnor/PROPN/NNP/poss/2 's/'s/PART/POS/case/0 invasion/invasion/NOUN/NN/nsubj/5 "
        "of/of/ADP/IN/prep/2 Gondor/gondor/PROPN/NNP/pobj/3 failed/fail/VERB/VBD/ROOT/5 ././PUNCT/./punct/5"
    )
    assert code(spec) == [("ASSAULT", "Arnor", "Gondor", "occurred")]


def test_a_trigger_inside_another_is_its_content() -> None:
    spec = (
        "Arnor/arnor/PROPN/NNP/nsubj/1 refused/refuse/VERB/VBD/ROOT/1 to/to/PART/TO/aux/3 "
        "meet/meet/VERB/VB/xcomp/1 Gondor/gondor/PROPN/NNP/dobj/3 ././PUNCT/./punct/1"
    )
    assert code(spec) == [("REJECT", "Arnor", "Gondor", "occurred")]


@pytest.mark.parametrize(("word", "category"), [("fool", "ACCUSE"), ("friend", "SUPPORT")])
def test_appraisal_verbs_take_their_category_from_the_words(word: str, category: str) -> None:
    spec = (
        f"Arnor/arnor/PROPN/NNP/nsubj/1 called/call/VERB/VBD/ROOT/1 Gondor/gondor/PROPN/NNP/dobj/1 "
        f"a/a/DET/DT/det/4 {word}/{word}/NOUN/NN/oprd/1 ././PUNCT/./punct/1"
    )
    assert code(spec) == [(category, "Arnor", "Gondor", "occurred")]


def test_conjoined_subjects_each_act() -> None:
    spec = (
        "Arnor/arnor/PROPN/NNP/nsubj/3 and/and/CCONJ/CC/cc/0 Rohan/rohan/PROPN/NNP/conj/0 "
        "condemned/condemn/VERB/VBD/ROOT/3 Gondor/gondor/PROPN/NNP/dobj/3 ././PUNCT/./punct/3"
    )
    assert code(spec) == [("ACCUSE", "Arnor", "Gondor", "occurred"), ("ACCUSE", "Rohan", "Gondor", "occurred")]


def test_a_state_and_its_own_leader_are_not_two_actors() -> None:
    spec = (
        "Gondor/gondor/PROPN/NNP/nsubj/1 praised/praise/VERB/VBD/ROOT/1 Elessar/elessar/PROPN/NNP/dobj/1 "
        "././PUNCT/./punct/1"
    )
    assert code(spec) == []


def test_calibration_is_monotone_and_bounded() -> None:
    rows = LEX.calibration
    assert rows and all(0 <= c <= 1 for _, c in rows)
    assert [c for _, c in rows] == sorted(c for _, c in rows)
    assert LEX.calibrate(0.75) >= LEX.calibrate(0.5) >= LEX.calibrate(0.1)


def test_a_malformed_calibration_file_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from parley.errors import ParleyError
    from parley.events.lexicon import load_calibration

    bad = tmp_path / "calibration.toml"
    bad.write_text('[calibration]\n"0.5" = 1.7\n', encoding="utf-8")
    with pytest.raises(ParleyError, match=r"calibration\.toml"):
        load_calibration(bad)
    assert load_calibration(tmp_path / "absent.toml") == ()
