"""The JSON API with httpx: answers, validation (4xx with reasons), safety of ingest."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def test_events_filter_sort_and_page(server: str) -> None:
    r = httpx.get(f"{server}/api/events", params={"a": "Donald Trump", "b": "Kim Jong Un", "limit": 5})
    page = r.json()
    assert r.status_code == 200 and page["total"] > 5 and len(page["items"]) == 5
    dates = [e["date"] for e in page["items"] if e["date"]]
    assert dates == sorted(dates)
    more = httpx.get(f"{server}/api/events", params={"a": "Donald Trump", "b": "Kim Jong Un", "limit": 5, "offset": 5})
    assert {e["event_id"] for e in more.json()["items"]}.isdisjoint({e["event_id"] for e in page["items"]})
    consult = httpx.get(f"{server}/api/events", params={"category": "CONSULT", "since": "2019", "until": "2019-12"})
    assert all(e["category"] == "CONSULT" and e["date"].startswith("2019") for e in consult.json()["items"])


def test_one_event_with_marks_that_slice_the_paragraph(server: str) -> None:
    first = httpx.get(f"{server}/api/events", params={"category": "CONSULT", "limit": 1}).json()["items"][0]
    d = httpx.get(f"{server}/api/events/{first['event_id']}").json()
    for m in d["marks"]:
        text = d["paragraph"][m["start"] : m["end"]]
        assert text == {"trigger": first["trigger"], "source": first["source"]["text"],
                        "target": first["target"]["text"]}[m["role"]]  # fmt: skip
    assert d["sources"] and d["sources"][0]["doc_id"] == first["doc"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/events", {"since": "last year"}, 422),
        ("/api/events", {"limit": 0}, 422),
        ("/api/events", {"category": "HUG"}, 422),
        ("/api/events", {"a": "USA"}, 422),
        ("/api/events/not-hex", {}, 422),
        ("/api/events/abcdef123456", {}, 404),
        ("/api/dyad", {"a": "USA"}, 422),
        ("/api/actors", {"q": "x" * 500}, 422),
    ],
)
def test_bad_requests_get_clear_4xx(server: str, path: str, params: dict, status: int) -> None:
    r = httpx.get(f"{server}{path}", params=params)
    assert r.status_code == status and r.json()["detail"]


def test_sql_in_a_filter_is_just_text(server: str) -> None:
    r = httpx.get(f"{server}/api/events", params={"actor": "x' OR 1=1 --", "q": "'; DROP TABLE events; --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert httpx.get(f"{server}/api/events").json()["total"] > 0


def test_actor_page_and_autocomplete(server: str) -> None:
    names = [a["name"] for a in httpx.get(f"{server}/api/actors", params={"q": "kim"}).json()]
    assert "Kim Jong Un" in names
    trump = httpx.get(f"{server}/api/actors/USA:donald-trump").json()
    assert {r["start"] for r in trump["roles"]} >= {"2017-01-20", "2025-01-20"}
    assert any(p["name"] == "Kim Jong Un" for p in trump["partners"]) and trump["recent"]


def test_export_downloads_the_filtered_events(server: str) -> None:
    r = httpx.get(f"{server}/api/export", params={"category": "ASSAULT", "format": "csv"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("event_id,") and all(",ASSAULT," in line for line in lines[1:])


def test_ingest_is_off_unless_allowed_and_then_needs_the_token(web_db: Path, tmp_path: Path) -> None:
    import shutil

    from fastapi.testclient import TestClient

    from parley.api import create_app

    assert TestClient(create_app(web_db)).post("/api/ingest", data={"text": "x"}).status_code == 403
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    client = TestClient(create_app(db, allow_ingest=True, token="s3cret"))
    assert client.post("/api/ingest", data={"text": "x"}).status_code == 401
    assert client.post("/api/ingest", data={"text": "x"}, headers={"X-Parley-Token": "nope"}).status_code == 401
    r = client.post("/api/ingest", data={"text": "Arnor news. Russia attacked Ukraine on Monday."},
                    headers={"X-Parley-Token": "s3cret"})  # fmt: skip
    assert r.status_code == 200 and r.json()["documents"] == 1 and r.json()["events"] >= 1


def test_the_page_gets_the_category_facts_from_the_category_file(server: str) -> None:
    from parley.categories import FACTS

    rows = httpx.get(f"{server}/api/categories").json()
    assert [r["name"] for r in rows] == list(FACTS)
    assert {r["name"]: r["intensity"] for r in rows}["ASSAULT"] == FACTS["ASSAULT"].intensity < 0
