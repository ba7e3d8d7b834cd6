"""End to end through the CLI on real files: the seeds (scored, with a quality gate) and the examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parley.cli import main
from tests.conftest import ROOT

# The quality gate: the seeds' scores may not fall below these floors (raise them as parley improves).
FLOORS = {"events_f1": 0.645, "person_f1": 0.60, "date_accuracy": 0.88}
# The same gate on the bundled examples and their own gold (written for parley, not the seeds).
EXAMPLE_FLOORS = {"events_f1": 0.60, "person_f1": 0.55, "date_accuracy": 0.88}


def _run_and_export(paths: list[Path], db: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["run", *map(str, paths), "--db", str(db), "--no-progress"]) == 0
    summary = capsys.readouterr().out
    assert main(["export", "--db", str(db), "--format", "jsonl", "-o", str(out)]) == 0
    return summary


def _score(shared: Path, gold: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


@pytest.mark.slow
def test_seeds_meet_the_quality_floor(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seeds.jsonl"
    _run_and_export([shared / "seeds"], tmp_path / "s.duckdb", out, capsys)
    result = _score(shared, shared / "eval" / "gold" / "seeds.jsonl", out)
    got = {
        "events_f1": result["events"]["f1"],
        "person_f1": result["events_person_level"]["f1"],
        "date_accuracy": result["date_accuracy"] or 0.0,
    }
    print(got)
    assert all(got[k] >= floor for k, floor in FLOORS.items()), got


@pytest.mark.slow
def test_examples_meet_their_quality_floor(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ex.jsonl"
    _run_and_export([ROOT / "examples" / "corpus"], tmp_path / "ex.duckdb", out, capsys)
    result = _score(shared, ROOT / "examples" / "gold.jsonl", out)
    got = {
        "events_f1": result["events"]["f1"],
        "person_f1": result["events_person_level"]["f1"],
        "date_accuracy": result["date_accuracy"] or 0.0,
    }
    assert all(got[k] >= floor for k, floor in EXAMPLE_FLOORS.items()), got


@pytest.mark.slow
def test_examples_run_is_idempotent_and_comments_yield_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "ex.duckdb", tmp_path / "ex.jsonl"
    first = _run_and_export([ROOT / "examples" / "corpus"], db, out, capsys)
    assert first.startswith("14 documents")
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) > 20
    assert not [e for e in events if "never have met" in e["evidence"] or "ought to slap" in e["evidence"]]
    assert all(e["evidence"] and e["category"] and e["source"]["country"] for e in events)
    again = _run_and_export([ROOT / "examples" / "corpus"], db, tmp_path / "ex2.jsonl", capsys)
    assert again.startswith("0 documents") and "14 already stored" in again
    assert (tmp_path / "ex2.jsonl").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_evidence_offsets_point_into_the_article_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    db = tmp_path / "ex.duckdb"
    _run_and_export([ROOT / "examples" / "corpus"], db, tmp_path / "e.jsonl", capsys)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT a.text, e.record FROM events e JOIN articles a USING (article_id)").fetchall()
    assert rows
    for text, record in rows:
        ev = json.loads(record)
        assert text[ev["sentence_start"] : ev["sentence_end"]] == ev["evidence"]
        assert text[ev["trigger_start"] : ev["trigger_end"]] == ev["trigger"]
        for role in ("source", "target"):
            m = ev[role]
            if m["how"] != "context":
                assert text[m["start"] : m["end"]] == m["text"]


def test_bad_input_gets_a_clear_error_and_the_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text("Arnor and Gondor held talks on Monday.\n", encoding="utf-8")
    code = main(["run", str(tmp_path / "in"), "--db", str(tmp_path / "x.duckdb"), "--no-progress"])
    captured = capsys.readouterr()
    assert code == 0
    assert "bad.jsonl:1" in captured.err and "E005" in captured.err
    assert captured.out.startswith("1 documents")
    assert main(["status", "--db", str(tmp_path / "x.duckdb")]) == 0
    status = capsys.readouterr().out
    assert "ingested 1 documents" in status and "1 x E005" in status and "bad.jsonl:1" in status


@pytest.mark.parametrize("command", ["run", "events", "export"])
def test_every_subcommand_explains_itself_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert "example:" in text and "--db" in text and f"parley {command}" in text


def test_reading_a_missing_database_says_how_to_fix_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "parley run" in capsys.readouterr().err


@pytest.mark.slow
def test_non_english_articles_are_stored_and_reported_as_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fr.txt").write_text(
        "Le président de la République a rencontré hier le chancelier allemand à Berlin pour discuter de la "
        "guerre en Ukraine et des sanctions contre la Russie, selon un communiqué publié dans la soirée.",
        encoding="utf-8",
    )
    (tmp_path / "in" / "en.txt").write_text("Russia attacked Ukraine on Monday, officials said.\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert main(["run", str(tmp_path / "in"), "--db", str(db), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "fr.txt" in captured.err and "E008" in captured.err and "not in English" in captured.err
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2  # type: ignore[index]
    assert con.execute("SELECT count(*) FROM events WHERE doc_id = 'fr'").fetchone()[0] == 0  # type: ignore[index]
    assert con.execute("SELECT count(*) FROM events WHERE doc_id = 'en'").fetchone()[0] >= 1  # type: ignore[index]
