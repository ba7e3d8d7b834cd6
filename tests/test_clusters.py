"""Cross-article merging: one record per real-world event, syndicated copies counted once."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.analysis.clusters import cluster_events, minhash, near_duplicates
from parley.records import Actor, DateValue, Event, Mention

ARN = Actor("ARN", "ARN", None, "GOV", "state")
GON = Actor("GON", "GON", None, "GOV", "state")
KING = Actor("GON:elessar", "GON", "Elessar", "GOV", "person")
STEWARD = Actor("GON:denethor", "GON", "Denethor", "GOV", "person")


def ev(doc: str, date: str | None, *, cat: str = "CONSULT", src: Actor = ARN, tgt: Actor = KING,
       text: str = "Arnor met the king of Gondor at the river.") -> Event:  # fmt: skip
    return Event(
        event_id=f"{doc}-{cat}-{date}-{tgt.actor_id}", doc_id=doc, article_id=doc, part=0, sentence_id=doc,
        sentence_start=0, sentence_end=1, evidence=text, source=Mention(0, 1, "x", src),
        target=Mention(0, 1, "y", tgt), category=cat, status="occurred", trigger="met", trigger_start=0,
        trigger_end=1, date=DateValue(date, None, ""), confidence=0.8, cameo="04", publication_date=date,
    )  # fmt: skip


def test_the_same_meeting_from_three_articles_is_one_event() -> None:
    events = [ev("a", "2018-06-12"), ev("b", "2018-06"), ev("c", "2018-06-12", src=GON, tgt=ARN)]
    (cluster,) = cluster_events(events)
    assert cluster.sources == 3 and cluster.date == "2018-06-12" and cluster.first_reported == "2018-06"
    assert cluster.target == "GON:elessar"  # the most specific actors seen


def test_two_meetings_stay_apart_and_a_vague_year_does_not_bridge_them() -> None:
    events = [ev("a", "2019-02-28"), ev("b", "2019-06-30"), ev("c", "2019"), ev("d", "2019-02")]
    clusters = cluster_events(events)
    assert sorted(c.documents for c in clusters) == [("a", "d"), ("b",), ("c",)]


def test_different_people_on_one_side_are_different_events() -> None:
    clusters = cluster_events([ev("a", "2019-02-28"), ev("b", "2019-02-28", tgt=STEWARD)])
    assert len(clusters) == 2


def test_an_undated_report_joins_only_when_its_words_agree() -> None:
    events = [ev("a", "2018-06-12"), ev("b", None), ev("c", None, text="Completely other words here.")]
    docs = sorted(c.documents for c in cluster_events(events))
    assert docs == [("a", "b"), ("c",)]


def test_categories_and_directions_are_kept_apart() -> None:
    clusters = cluster_events([ev("a", "2022-02-24", cat="ASSAULT"), ev("b", "2022-02-24", cat="ASSAULT",
                                                                          src=GON, tgt=ARN)])  # fmt: skip
    assert len(clusters) == 2


def test_a_syndicated_copy_counts_once() -> None:
    story = " ".join(f"word{i}" for i in range(120)) + " Arnor met the king of Gondor at the river."
    sigs = {"a": minhash(story), "b": minhash(story.replace("word7 ", "")), "c": minhash("other " * 50 + "news")}
    dups = near_duplicates(sigs)
    assert dups == {"b": "a"}
    (cluster,) = cluster_events([ev("a", "2018-06-12"), ev("b", "2018-06-12")], dups)
    assert cluster.documents == ("a", "b") and cluster.sources == 1


@pytest.mark.slow
def test_ingesting_twice_changes_no_count_and_the_api_answers(tmp_path: Path) -> None:
    import parley
    from parley.cli import main

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    db = tmp_path / "x.duckdb"
    assert main(["run", str(corpus), "--db", str(db), "--no-progress"]) == 0
    with parley.open(db) as first:
        counts = {k: v for k, v in first.store.counts().items() if k != "runs"}
        clusters = [(c.cluster_id, c.sources) for c in first.clusters()]
    assert main(["run", str(corpus), "--db", str(db), "--no-progress"]) == 0
    with parley.open(db) as again:
        assert {k: v for k, v in again.store.counts().items() if k != "runs"} == counts
        assert again.store.counts()["runs"] == 2
        assert [(c.cluster_id, c.sources) for c in again.clusters()] == clusters
        met, last = again.first_and_last("Donald Trump", "Kim Jong Un")
        assert met is not None and last is not None and met.date.value == "2018-06-12"
        assert last.date.value is not None and last.date.value >= "2019-06-30"
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM events WHERE status = 'hypothetical'").fetchone()
    hypothetical = row[0] if row else 0
    assert hypothetical > 0  # the seeds hold conditional events ("if the dictator had accepted ...")
    for flags, want in (([], counts["events"] - hypothetical), (["--hypothetical"], counts["events"])):
        out = tmp_path / f"e{len(flags)}.parquet"
        assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(out), *flags]) == 0
        (rows,) = duckdb.sql(f"SELECT count(*), count(cluster_id) FROM '{out}'").fetchall()
        assert rows[0] == want == rows[1]


@pytest.mark.slow
def test_tables_export_with_their_sources(tmp_path: Path) -> None:
    import csv

    from parley.cli import main

    corpus = Path(__file__).resolve().parents[1] / "bench" / "merge_corpus" / "articles.jsonl"
    db = tmp_path / "m.duckdb"
    assert main(["run", str(corpus), "--db", str(db), "--no-progress"]) == 0
    out = tmp_path / "sources.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--table", "sources", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["doc_id"] for r in rows} >= {"m01", "m02"}
    assert next(r for r in rows if r["doc_id"] == "m02")["copy_of"] == "m01"  # the syndicated copy
    assert main(["export", "--db", str(db), "--format", "jsonl", "--table", "sources"]) == 2


def test_the_store_clusters_by_streaming_like_clustering_in_memory(tmp_path: Path) -> None:
    """The store groups events by merge key in SQL and finds copies with a band join in DuckDB;
    both must give what the in-memory functions give on the same data."""
    from parley.records import Document
    from parley.store import Store

    story = " ".join(f"word{i}" for i in range(60))
    texts = {"a": story, "b": story + " extra", "c": "other words entirely " * 10, "d": story}
    events = [
        ev("a", "2018-06-12"),
        ev("b", "2018-06", src=KING, tgt=ARN),
        ev("c", "2018-06-12", cat="ACCUSE"),
        ev("d", None),
        ev("a", "2019-02", tgt=STEWARD),
        ev("c", None, cat="DEMAND", src=GON, tgt=ARN),
    ]
    events[3] = Event.from_dict({**events[3].to_dict(), "status": "intended"})
    sigs = {d: minhash(t) for d, t in texts.items()}
    with Store.open(tmp_path / "s.duckdb") as store:
        for d, text in texts.items():
            doc = Document(doc_id=d, source=d, text=text, content_hash=d)
            store.write(doc, [], [], [e for e in events if e.doc_id == d], signature=sigs[d])
        assert store.near_duplicates() == near_duplicates(sigs) == {"b": "a", "d": "a"}
        assert store.rebuild_clusters() == len(cluster_events(events, near_duplicates(sigs)))
        stored = sorted((c.cluster_id, c.events, c.sources) for c in store.clusters())
    assert stored == sorted((c.cluster_id, c.events, c.sources) for c in cluster_events(events, near_duplicates(sigs)))


def test_copies_found_in_duckdb_equal_those_found_in_memory(tmp_path: Path) -> None:
    """Stories with many near copies (one to four places of 64 changed) among unrelated texts: the
    store's SQL and the in-memory rule agree, and every copy maps to its story's first document."""
    import json
    import random

    from parley.store import Store

    rng = random.Random(7)
    stories = [[rng.randrange(1 << 31) for _ in range(64)] for _ in range(30)]
    sigs: dict[str, list[int]] = {}
    for i in range(400):
        sig = list(stories[i % 30]) if i % 4 else [rng.randrange(1 << 31) for _ in range(64)]
        for j in rng.sample(range(64), rng.randint(1, 4)):
            sig[j] = rng.randrange(1 << 31)
        sigs[f"d{i:04d}"] = sig
    with Store.open(tmp_path / "n.duckdb") as store:
        rows = [(d, "h", d, "txt", None, None, None, None, None, "", json.dumps(s), None) for d, s in sigs.items()]
        store.con.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?)", rows)
        found = store.near_duplicates()
    assert found == near_duplicates(sigs)
    first = {i % 30: f"d{i:04d}" for i in reversed(range(400)) if i % 4}
    assert all(found.get(f"d{i:04d}", f"d{i:04d}") == first[i % 30] for i in range(400) if i % 4)
