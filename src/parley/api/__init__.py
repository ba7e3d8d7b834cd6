"""The web app: a JSON API (FastAPI, OpenAPI at /docs) and the page that uses it.

    app = create_app(Path("parley.duckdb"))            # read-only
    app = create_app(db, allow_ingest=True, token="s3cret")

The page is static HTML/JS shipped in ``static/`` (no CDN, no build step) and renders every piece
of article text with ``textContent``: nothing from an article is ever interpreted as HTML.
Every query goes through the store's parameterised SQL; inputs are validated (422 with the
reason); one lock serialises access to the DuckDB connection.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import tempfile
import threading
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from parley.actors import default_kb
from parley.analysis.dyads import dyad_series_from_store
from parley.analysis.explain import paragraph_span
from parley.categories import facts
from parley.records import CATEGORIES, STATUSES, Event
from parley.store import EventQuery, Store
from parley.store.export import CSV_FIELDS, _csv_row, to_format

STATIC = Path(str(resources.files("parley.api") / "static"))
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
Certainty = Literal["asserted", "hedged", "contested", "opinion"]
DateText = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="2019, 2019-02 or 2019-02-28")]
Actor = Annotated[str | None, Query(max_length=120, description="a name, ISO code or actor id")]
Name = Annotated[str, Query(min_length=1, max_length=120, description="a name, ISO code or actor id")]


class Service:
    """The store, the lock around it, and (for ingest) the pipeline engine, built on first use."""

    def __init__(self, db: Path, *, writable: bool) -> None:
        self.db = db
        self.store = Store.open(db, read_only=not writable)
        self.lock = threading.Lock()
        self.engine: Any = None


def events_query(
    actor: Actor = None, a: Actor = None, b: Actor = None, category: Category | None = None,
    status: Status | None = None, certainty: Certainty | None = None, since: DateText = None,
    until: DateText = None, q: Annotated[str | None, Query(max_length=200)] = None,
    sort: Literal["date", "category", "confidence", "doc"] = "date", desc: bool = False,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> EventQuery:  # fmt: skip
    if (a is None) != (b is None):
        raise HTTPException(422, "a dyad needs both a and b")
    return EventQuery(actor=actor, dyad=(a, b) if a and b else None, since=since, category=category,
                      status=status, certainty=certainty, until=until, text=q, sort=sort, descending=desc,
                      offset=offset, limit=limit)  # fmt: skip


def create_app(db: Path, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The app over one database; ingest only with ``allow_ingest`` and then behind ``token``."""
    if allow_ingest and not token:
        token = secrets.token_urlsafe(16)
    service = Service(db, writable=allow_ingest)
    app = FastAPI(title="parley", version="0.1.0", description="Political event data: who did what to whom, when.")
    app.state.service, app.state.token = service, token

    @app.get("/api/categories", summary="PLOVER's categories: CAMEO root, quad class, symmetry, intensity, meaning")
    def categories() -> list[dict[str, Any]]:
        return facts()

    @app.get("/api/events", summary="Events matching the filters, one page at a time")
    def events(query: Annotated[EventQuery, Depends(events_query)]) -> dict[str, Any]:
        with service.lock:
            total = service.store.count(query)
            items = [to_format(e) for e in service.store.events(query)]
        return {"total": total, "offset": query.offset, "limit": query.limit, "items": items}

    @app.get("/api/events/{event_id}", summary="One event with its paragraph, marks and sources")
    def event(event_id: str) -> dict[str, Any]:
        if not _hex(event_id):
            raise HTTPException(422, "an event id is 6 to 32 hexadecimal characters")
        with service.lock:
            found = service.store.event(event_id)
            if found is None:
                raise HTTPException(404, f"no event {event_id}")
            text = service.store.article_text(found.article_id)
            cluster = service.store.cluster_of(found.event_id)
            sources = service.store.sources(cluster.cluster_id) if cluster else []
        return {"event": to_format(found), **_paragraph(found, text), "sources": sources}

    @app.get("/api/actors", summary="Actors seen in events, for search and autocomplete")
    def actors(
        q: Annotated[str, Query(max_length=120)] = "", limit: Annotated[int, Query(ge=1, le=100)] = 20
    ) -> list[dict[str, Any]]:
        with service.lock:
            rows = service.store.actors(q, limit)
        return [{"actor_id": i, "name": n, "country": c, "events": k} for i, n, c, k in rows]

    @app.get("/api/actors/{actor_id}", summary="An actor: roles over time, aliases, top partners, recent events")
    def actor(actor_id: str) -> dict[str, Any]:
        if len(actor_id) > 120:
            raise HTTPException(422, "actor id too long")
        with service.lock:
            partners = service.store.partners(actor_id)
            recent = [
                to_format(e)
                for e in service.store.events(EventQuery(actor=actor_id, sort="date", descending=True, limit=20))
            ]
        return {
            "actor_id": actor_id,
            **_knowledge(actor_id),
            "partners": [{"actor_id": i, "name": n, "events": k} for i, n, k in partners],
            "recent": recent,
        }

    @app.get("/api/dyad", summary="A relationship over time: counts per category and net score per period")
    def dyad(a: Name, b: Name, by: Literal["month", "year"] = "year") -> dict[str, Any]:
        with service.lock:
            series = dyad_series_from_store(service.store, a, b, by=by)
        periods = [{"period": p.period, "counts": p.counts, "net": p.net,
                    "top": to_format(p.top) if p.top else None} for p in series.periods]  # fmt: skip
        return {
            "a": a,
            "b": b,
            "by": by,
            "periods": periods,
            "undated": series.undated,
            "imprecise": series.imprecise,
            "changes": [{"period": p, "jump": j} for p, j in series.changes],
        }

    @app.get("/api/export", summary="The filtered events as a CSV or JSON download")
    def export(query: Annotated[EventQuery, Depends(events_query)], format: Literal["csv", "json"] = "csv") -> Response:
        query = EventQuery(**{**query.__dict__, "limit": 100_000, "offset": 0})
        with service.lock:
            items = list(service.store.events(query))
        if format == "json":
            body = json.dumps([to_format(e) for e in items], ensure_ascii=False)
            return Response(body, media_type="application/json", headers=_download("events.json"))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(_csv_row(e) for e in items)
        return Response(out.getvalue(), media_type="text/csv", headers=_download("events.csv"))

    @app.post("/api/ingest", summary="Add articles (files or pasted text); needs --allow-ingest and the token")
    def ingest(
        files: Annotated[list[UploadFile] | None, File()] = None,
        text: Annotated[str | None, Form(max_length=2_000_000)] = None,
        title: Annotated[str | None, Form(max_length=300)] = None,
        x_parley_token: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        if not allow_ingest:
            raise HTTPException(403, "ingest is off: start the server with --allow-ingest")
        if not x_parley_token or not secrets.compare_digest(x_parley_token, token or ""):
            raise HTTPException(401, "a valid X-Parley-Token header is needed")
        if not files and not text:
            raise HTTPException(422, "send files or text")
        return _ingest(service, files or [], text, title)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app


def _hex(text: str) -> bool:
    return 6 <= len(text) <= 32 and all(c in "0123456789abcdef" for c in text)


def _paragraph(e: Event, text: str) -> dict[str, Any]:
    """The event's paragraph and the spans to highlight in it (offsets relative to the paragraph)."""
    lo, hi = paragraph_span(text, e.sentence_start, e.sentence_end)
    marks = [{"role": "trigger", "start": e.trigger_start - lo, "end": e.trigger_end - lo}]
    for role, m in (("source", e.source), ("target", e.target)):
        if m.how != "context" and lo <= m.start < m.end <= hi:
            marks.append({"role": role, "start": m.start - lo, "end": m.end - lo})
    return {"paragraph": text[lo:hi], "marks": sorted(marks, key=lambda m: m["start"])}


def _knowledge(actor_id: str) -> dict[str, Any]:
    """What the knowledge base knows: a person's offices over time and aliases, a state's names."""
    kb = default_kb()
    pid = actor_id.split(":", 1)[-1]
    person = kb.people.get(pid) if ":" in actor_id else None
    if person is not None:
        roles = [{"office": t.office, "country": t.country, "start": t.start or None,
                  "end": None if t.end.startswith("9999") else t.end} for t in person.terms]  # fmt: skip
        return {"name": person.name, "kind": "person", "aliases": list(person.aliases), "roles": roles}
    country = kb.countries.get(actor_id)
    if country is not None:
        return {"name": country.name, "kind": "state", "aliases": list(country.aliases), "roles": [],
                "capitals": list(country.capitals)}  # fmt: skip
    return {"name": actor_id, "kind": "other", "aliases": [], "roles": []}


def _download(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _ingest(service: Service, files: list[UploadFile], text: str | None, title: str | None) -> dict[str, Any]:
    from parley.actors.stored import knowledge_base
    from parley.config import load_config
    from parley.pipeline import Engine, run

    with tempfile.TemporaryDirectory() as tmp, service.lock:
        paths = []
        for k, f in enumerate(files):
            name = Path(f.filename or f"upload{k}.txt").name  # never a path from the client
            target = Path(tmp) / f"{k}_{name}"
            target.write_bytes(f.file.read(50_000_001)[:50_000_000])
            paths.append(target)
        if text:
            record = {"id": f"pasted-{abs(hash(text)) % 10**10}", "text": text, "title": title}
            (Path(tmp) / "pasted.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
            paths.append(Path(tmp) / "pasted.jsonl")
        config = load_config(overrides={"progress": False})
        service.engine = service.engine or Engine.build(config, kb=knowledge_base(service.store))
        service.store.close()
        try:
            summary = run(paths, db=service.db, config=config, engine=service.engine)
        finally:
            service.store = Store.open(service.db)
    return {"documents": summary.documents, "events": summary.events, "skipped": summary.skipped,
            "rejected": [r.message for r in summary.rejected]}  # fmt: skip
