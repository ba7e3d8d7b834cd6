"""The Spark runner (PySpark in local mode, two cores) gives the same events as a local run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from parley.cli import main
from parley.errors import ParleyError

pytestmark = pytest.mark.slow
pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime (make test installs one)", allow_module_level=True)

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("spark")
    local, out, loaded = tmp / "local.duckdb", tmp / "out", tmp / "loaded.duckdb"
    assert main(["run", str(CORPUS), "--db", str(local), "--no-progress", "--workers", "1"]) == 0
    assert main(["spark", str(CORPUS), str(out), "--master", "local[2]", "--partitions", "3"]) == 0
    assert main(["load", str(out), "--db", str(loaded)]) == 0
    return local, out, loaded


def _events(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, dict]:
    rows = con.execute(f"SELECT event_id, record FROM {source}").fetchall()
    return {eid: json.loads(record) for eid, record in rows}


def test_spark_and_local_runs_give_identical_events(runs: tuple[Path, Path, Path]) -> None:
    local, out, _ = runs
    con = duckdb.connect(str(local), read_only=True)
    mine = _events(con, "events")
    theirs = _events(duckdb.connect(), f"read_parquet('{out}/events/**/*.parquet')")
    assert len(mine) > 50
    assert theirs == mine


def test_events_are_partitioned_by_year_and_queryable_with_duckdb(runs: tuple[Path, Path, Path]) -> None:
    _, out, _ = runs
    years = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert "year=undated" in years or any(y.startswith("year=20") for y in years)
    con = duckdb.connect()
    (n,) = con.execute(f"SELECT count(*) FROM read_parquet('{out}/mentions/**/*.parquet')").fetchone()  # type: ignore[misc]
    (e,) = con.execute(f"SELECT count(*) FROM read_parquet('{out}/events/**/*.parquet')").fetchone()  # type: ignore[misc]
    assert n == 2 * e


def test_spark_merging_stage_gives_the_local_clusters(runs: tuple[Path, Path, Path]) -> None:
    local, out, _ = runs
    query = "SELECT cluster_id, category, date, events, sources, documents FROM {}"
    mine = sorted(duckdb.connect(str(local), read_only=True).execute(query.format("clusters")).fetchall())
    theirs = sorted(duckdb.connect().execute(query.format(f"read_parquet('{out}/clusters/*.parquet')")).fetchall())
    assert theirs == mine and len(mine) > 20


def test_loaded_output_answers_like_the_local_database(runs: tuple[Path, Path, Path]) -> None:
    local, _, loaded = runs
    for table in ("documents", "articles", "sentences", "events", "mentions", "quotes", "actors", "clusters"):
        a = duckdb.connect(str(local), read_only=True).execute(f"SELECT count(*) FROM {table}").fetchone()
        b = duckdb.connect(str(loaded), read_only=True).execute(f"SELECT count(*) FROM {table}").fetchone()
        assert a == b, table
    assert main(["events", "--db", str(loaded), "--dyad", "USA", "PRK", "--limit", "3"]) == 0


def test_an_output_folder_in_use_is_refused(runs: tuple[Path, Path, Path]) -> None:
    from parley.config import Config
    from parley.spark import run_spark

    _, out, _ = runs
    with pytest.raises(ParleyError, match="--overwrite"):
        run_spark([str(CORPUS)], out, config=Config())


def test_spark_executors_use_the_actors_imported_into_the_database(tmp_path: Path) -> None:
    from tests.actors.test_import import ACTORS, AGENTS, ARTICLES

    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db, out = tmp_path / "x.duckdb", tmp_path / "out"
    assert main(["actors", "import", "--db", str(db), str(ACTORS), str(AGENTS)]) == 0
    assert main(["spark", str(news), str(out), "--db", str(db), "--master", "local[2]"]) == 0
    rows = (
        duckdb.connect()
        .execute(f"SELECT category, source_id, target_id FROM read_parquet('{out}/events/**/*.parquet') ORDER BY ALL")
        .fetchall()
    )
    assert ("CONSULT", "FRD:rufus-t-firefly", "SYL:luigi-trentino") in rows


def test_a_parquet_table_of_documents_with_its_own_column_names(tmp_path: Path) -> None:
    """A documents table read by Spark itself (as from HDFS or S3), its columns mapped with --field,
    gives the events a local run of the same records gives."""
    jsonl = CORPUS / "dispatches.jsonl"
    table, out, local = tmp_path / "docs.parquet", tmp_path / "out", tmp_path / "local.duckdb"
    duckdb.connect().execute(
        f"COPY (SELECT id AS uuid, text AS body, title, CAST(date AS VARCHAR) AS date, outlet "
        f"FROM read_json_auto('{jsonl}')) TO '{table}' (FORMAT PARQUET)"
    )
    mapped = ["--field", "id=uuid", "--field", "text=body"]
    assert main(["spark", str(table), str(out), "--master", "local[2]", *mapped]) == 0
    assert main(["run", str(jsonl), "--db", str(local), "--no-progress", "--workers", "1"]) == 0
    theirs = _events(duckdb.connect(), f"read_parquet('{out}/events/**/*.parquet')")
    mine = _events(duckdb.connect(str(local), read_only=True), "events")
    assert len(mine) > 30 and set(theirs) == set(mine)
