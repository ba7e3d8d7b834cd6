"""A run killed part-way (kill -9) loses nothing committed, and the next run finishes the job
without duplicates: the result equals a clean run's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
PARLEY = [sys.executable, "-m", "parley.cli"]


def corpus(path: Path, copies: int = 8) -> int:
    lines = (ROOT / "examples" / "corpus" / "dispatches.jsonl").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for line in lines:
                d = json.loads(line)
                d["id"], d["text"] = f"{d['id']}_{k}", d["text"] + f"\n\nCopy {k}."
                out.write(json.dumps(d) + "\n")
    return copies * len(lines)


def rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT event_id, doc_id, category, date_value FROM events ORDER BY event_id").fetchall()
    finally:
        con.close()


def count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_and_resume_equals_a_clean_run(tmp_path: Path, workers: str) -> None:
    src = tmp_path / "many.jsonl"
    n = corpus(src)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run([*PARLEY, "run", str(src), "--db", str(clean), "--no-progress", "--workers", workers],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    env = {**os.environ, "PARLEY_KILL_AFTER": "7"}
    crashed = subprocess.run([*PARLEY, "run", str(src), "--db", str(killed), "--no-progress", "--workers", workers],
                             capture_output=True, cwd=ROOT, env=env)  # fmt: skip
    assert crashed.returncode == -9
    done = count(killed, "documents")
    assert 0 < done < n, f"the kill should land mid-run ({done} of {n} documents)"
    subprocess.run([*PARLEY, "run", str(src), "--db", str(killed), "--no-progress", "--workers", workers],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    assert count(killed, "documents") == n
    assert rows(killed) == rows(clean)
