"""The seeds' events, read back from a real run: offsets, attribution, certainty, quotes, explain."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import parley
from parley.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("seeds")
    db, out = tmp / "s.duckdb", tmp / "s.jsonl"
    assert main(["run", str(shared / "seeds"), "--db", str(db), "--no-progress"]) == 0
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    return db, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def events_with(events: list[dict], doc: str, words: str) -> list[dict]:
    found = [e for e in events if e["doc"].startswith(doc) and words in e["evidence"]]
    assert found, f"no event of {doc} with {words!r}"
    return found


def test_every_event_slices_to_its_trigger_and_mentions(run: tuple[Path, list[dict]]) -> None:
    db, events = run
    con = duckdb.connect(str(db), read_only=True)
    texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    assert len(events) > 30
    for e in events:
        text = texts[e["article_id"]]
        assert text[e["sentence_start"] : e["sentence_end"]] == e["evidence"]
        assert text[e["trigger_start"] : e["trigger_end"]] == e["trigger"]
        for role in ("source", "target"):
            m = e[role]
            assert m["how"] == "context" or text[m["start"] : m["end"]] == m["text"]


def test_the_hanoi_offer_is_hedged_and_reported_by_the_bbc_and_cnn(run: tuple[Path, list[dict]]) -> None:
    (e,) = [e for e in events_with(run[1], "000", "offered Kim Jong-un to join him") if e["category"] == "AGREE"]
    assert e["certainty"] == "hedged" and e["certainty_cue"] == "is said to"
    assert e["attribution"] == ["BBC, CNN"]


def test_the_rejection_is_said_to_have_happened(run: tuple[Path, list[dict]]) -> None:
    (e,) = events_with(run[1], "000", "is said to have rejected the offer")
    assert e["certainty"] == "hedged"


def test_the_opinion_column_is_marked(run: tuple[Path, list[dict]]) -> None:
    events = [e for e in run[1] if e["doc"].startswith("002")]
    assert events and {e["certainty"] for e in events} == {"opinion"}
    con = duckdb.connect(str(run[0]), read_only=True)
    assert con.execute("SELECT genre FROM articles WHERE doc_id LIKE '002%'").fetchall() == [("opinion",)]


def test_trump_reports_his_own_wish_to_meet_kim(run: tuple[Path, list[dict]]) -> None:
    (e,) = [x for x in events_with(run[1], "003", "he hoped to meet again") if x["status"] == "intended"]
    assert e["attribution"] == ["Donald Trump"] and e["date"] == "2025-08-25"


def test_plain_reporting_is_asserted(run: tuple[Path, list[dict]]) -> None:
    (e,) = [x for x in events_with(run[1], "000", "demanded the lifting") if x["category"] == "REQUEST"]
    assert e["certainty"] == "asserted" and e["attribution"] == []


def test_quotes_by_speaker(run: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", str(run[0]), "--speaker", "Trump"]) == 0
    out = capsys.readouterr().out
    assert "Donald Trump: “I think he misses me, if you want to know the truth.”" in out
    assert main(["quotes", "--db", str(run[0]), "--speaker", "Ri Il Kyu"]) == 0
    assert "would be a ploy, 100% deception" in capsys.readouterr().out


def test_explain_marks_the_paragraph_and_gives_the_reasons(
    run: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]
) -> None:
    (e,) = [x for x in events_with(run[1], "000", "demanded the lifting") if x["category"] == "REQUEST"]
    assert main(["explain", "--db", str(run[0]), e["event_id"][:8]]) == 0
    out = capsys.readouterr().out
    assert "[source: Kim Jong-un] *demanded*" in out and "[target: US]" in out
    assert "rule verb:demand" in out and "'in February 2019' -> 2019-02" in out


def test_the_summits_are_one_real_world_event_each_with_all_their_sources(run: tuple[Path, list[dict]]) -> None:
    db, _ = run
    with parley.open(db) as data:
        consults = {c.date: c for c in data.clusters(dyad=("Donald Trump", "Kim Jong Un"), category="CONSULT")}
    hanoi = consults["2019-02"]  # 000's "nuclear summit in Hanoi", 001's "talks breaking down in 2019"
    assert hanoi.sources == 2 and {d[:3] for d in hanoi.documents} == {"000", "001"}
    series = consults["2018/2019"]  # 004's "summits between 2018 and 2019", 003's "three times in his first term"
    assert series.sources == 2 and {d[:3] for d in series.documents} == {"003", "004"}
    dmz = consults[None]  # 002's step across the line at the DMZ, the only report of it
    assert dmz.sources == 1 and dmz.documents[0].startswith("002")
