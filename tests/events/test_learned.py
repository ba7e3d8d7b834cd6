"""The learned sentence classifier: shipped weights, and events only where the rules code nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.categories import CATEGORIES
from parley.config import Config
from parley.events.learned import RULE, default_classifier
from parley.pipeline import Engine, Processed, process
from parley.records import Document

pytestmark = pytest.mark.slow
TRAINING = Path(__file__).resolve().parents[2] / "training"
# Fictional: no verb of the lexicon, an aid shipment the rules do not see.
SHIPPED = "Norway shipped 20,000 tonnes of grain and medical supplies to famine-hit Somalia last month."
HAILED = "Foreign Minister Ivana Horvat of Croatia hailed Slovenia as a 'trusted partner' during her visit."


def _events(engine: Engine, text: str) -> list[tuple[str, str, str, str]]:
    doc = Document(doc_id="t", text=text, date="2019-06-01", source="t.txt", content_hash="t")
    (done,) = process([doc], engine)
    assert isinstance(done, Processed)
    return [(e.category, e.source.actor.actor_id, e.target.actor.actor_id, e.rule) for e in done.events]


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    on = Engine.build(Config(workers=1, learned=True, learned_threshold=0.5))
    off = Engine(**{**on.__dict__, "config": Config(workers=1, learned=False)})
    return on, off


def test_the_shipped_classifier_knows_none_and_every_category() -> None:
    clf = default_classifier()
    assert clf is not None and clf.labels == ("NONE", *CATEGORIES)
    assert clf.weight.shape == (384, 17) and 0.3 <= clf.threshold < 1


def test_a_sentence_the_rules_miss_gets_a_learned_event_only_when_it_is_on(engines: tuple[Engine, Engine]) -> None:
    on, off = engines
    assert _events(on, SHIPPED) == [("AID", "NOR", "SOM", RULE)]
    assert _events(off, SHIPPED) == []


def test_the_rules_win_where_they_code_something(engines: tuple[Engine, Engine]) -> None:
    on, off = engines
    assert _events(on, HAILED) == _events(off, HAILED)
    assert [e[3] for e in _events(on, HAILED)] == ["verb:hail"]


def test_training_data_is_valid_and_keeps_corpus_text_out_of_the_repository() -> None:
    labels = {"NONE", *CATEGORIES}
    written = [json.loads(line) for line in (TRAINING / "written.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(written) > 500 and {r["label"] for r in written} == labels
    assert len({r["text"].lower() for r in written}) == len(written)
    for path in sorted((TRAINING / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert set(row) == {"ref", "sha", "label", "status"}, path  # a reference and a label, no text
            assert row["label"] in labels and row["status"] in {"occurred", "intended", "hypothetical", "negated"}
