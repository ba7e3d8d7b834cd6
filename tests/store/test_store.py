"""Store: a real DuckDB file; migrations, idempotent writes, queries and export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from parley.errors import ParleyError
from parley.records import Actor, Article, DateValue, Document, Event, Mention, Sentence, content_hash
from parley.store import EventQuery, Store
from parley.store.export import to_format, write_csv, write_jsonl
from parley.store.schema import MIGRATIONS, migrate

ARNOR = Actor("ARN", "ARN", None, "GOV", "state")
KING = Actor("GON:elessar", "GON", "Elessar", "GOV", "person")


def _records(text: str = "Arnor criticised King Elessar on Monday.", date: str | None = "2020-03-02"):
    doc = Document("d1", "d1.txt", text, content_hash(text))
    art = Article(content_hash("d1", "0", text), "d1", 0, "Title", "2020-03-03", text)
    sent = Sentence(content_hash(art.article_id, "0"), art.article_id, 0, 0, len(text), text)
    ev = Event(
        event_id=content_hash(art.article_id, "ev"), doc_id="d1", article_id=art.article_id, part=0,
        sentence_id=sent.sentence_id, sentence_start=0, sentence_end=len(text), evidence=text,
        source=Mention(0, 5, "Arnor", ARNOR), target=Mention(21, 33, "King Elessar", KING, "honorific"),
        category="ACCUSE", status="occurred", trigger="criticised", trigger_start=6, trigger_end=16,
        date=DateValue(date, "day" if date else None, "test"), confidence=0.8, cameo="11",
    )  # fmt: skip
    return doc, [art], [sent], [ev]


def test_schema_is_migrated_once(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(con) == [name for name, _ in MIGRATIONS]
    assert migrate(con) == []


def test_write_is_idempotent_and_replaces_a_changed_document(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    with Store.open(db) as store:
        store.write(*_records())
        store.write(*_records())
        assert store.counts()["events"] == 1 and store.counts()["documents"] == 1
        store.write(*_records("Arnor criticised King Elessar on Tuesday."))
        assert store.counts() == {"documents": 1, "articles": 1, "sentences": 1, "events": 1, "actors": 2,
                                  "mentions": 2, "quotes": 0, "clusters": 0, "runs": 0}  # fmt: skip
        assert store.known() == {("d1", content_hash("Arnor criticised King Elessar on Tuesday."))}


def test_a_batch_commits_together_and_the_byline_is_kept(tmp_path: Path) -> None:
    from dataclasses import replace

    from parley.store import document_rows

    doc, arts, sents, evs = _records()
    second = replace(doc, doc_id="d2", author="A. Reporter")
    with Store.open(tmp_path / "b.duckdb") as store:
        store.write_many([document_rows(doc, arts, sents, evs), document_rows(second, [], [], [])])
        assert store.con.execute("SELECT doc_id, author FROM documents ORDER BY 1").fetchall() == [
            ("d1", None),
            ("d2", "A. Reporter"),
        ]
        bad = document_rows(replace(doc, doc_id="d3"), [], [], [])
        bad["articles"] = [("x",)]  # a row that does not fit: the whole batch is refused
        with pytest.raises(duckdb.Error):
            store.write_many([document_rows(replace(doc, doc_id="d4"), [], [], []), bad])
        assert store.counts()["documents"] == 2


def test_events_round_trip_and_queries(tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    with Store.open(db) as store:
        doc, arts, sents, evs = _records()
        store.write(doc, arts, sents, evs)
    with Store.open(db, read_only=True) as store:
        (ev,) = store.events()
        assert ev == evs[0]
        assert list(store.events(EventQuery(actor="elessar"))) == [ev]
        assert list(store.events(EventQuery(dyad=("GON", "ARN")))) == [ev]
        assert list(store.events(EventQuery(since="2021"))) == []
        assert list(store.events(EventQuery(category="consult"))) == []


def test_read_only_open_of_a_missing_file_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ParleyError) as err:
        Store.open(tmp_path / "none.duckdb", read_only=True)
    assert "parley run" in str(err.value) and "E021" in str(err.value)


def test_export_follows_the_scorer_format() -> None:
    *_, evs = _records()
    line = to_format(evs[0])
    assert line["doc"] == "d1" and line["category"] == "ACCUSE" and line["status"] == "occurred"
    assert line["source"]["country"] == "ARN" and line["source"]["name"] is None
    assert line["target"] == {**line["target"], "name": "Elessar", "country": "GON"}
    assert line["date"] == "2020-03-02" and line["evidence"].startswith("Arnor")
    out = io.StringIO()
    assert write_jsonl(evs, out) == 1
    assert json.loads(out.getvalue())["trigger"] == "criticised"
    out = io.StringIO()
    write_csv(evs, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["target_name"] == "Elessar" and rows[0]["cameo"] == "11"


def test_an_organisations_officer_is_exported_as_the_organisation() -> None:
    from dataclasses import replace

    *_, evs = _records()
    envoy = Actor("IGO:~ann-roe", "IGO", "Ann Roe", "IGO", "person", "UN")
    ev = replace(evs[0], source=Mention(0, 5, "UN envoy Ann Roe", envoy, "open world"))
    line = to_format(ev)
    assert line["source"]["name"] == "UN" and line["source"]["person"] == "Ann Roe"
    assert line["target"]["name"] == "Elessar" and line["target"]["person"] is None
    assert Event.from_dict(json.loads(json.dumps(ev.to_dict()))).source.actor.org == "UN"


def test_the_timeline_line_shows_sector_and_organisation() -> None:
    from parley.cli import _who

    assert _who(Actor("HKG-COP", "HKG", None, "COP", "state")) == "HKG COP"
    assert _who(ARNOR) == "ARN"
    assert _who(KING) == "Elessar (GON)"
    assert _who(Actor("IGO:~ann-roe", "IGO", "Ann Roe", "IGO", "person", "UN")) == "Ann Roe (UN, IGO)"
