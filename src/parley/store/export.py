"""Export events as JSON Lines (the scorer's format plus parley's own fields) or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from parley.records import Event, Mention, Quote

CSV_FIELDS = (
    "event_id", "doc", "part", "date", "date_precision", "category", "cameo", "status",
    "source_name", "source_country", "source_sector", "target_name", "target_country", "target_sector",
    "confidence", "certainty", "attribution", "tense", "reference", "place", "place_country", "lat", "lon",
    "trigger", "trigger_start", "trigger_end",
    "sentence_start", "sentence_end", "evidence",
)  # fmt: skip


def to_format(e: Event) -> dict[str, Any]:
    """One event as ``../shared/eval/FORMAT.md`` describes it, plus parley's fields."""
    return {
        "doc": e.doc_id, "part": e.part,
        "source": _actor(e.source), "target": _actor(e.target),
        "category": e.category, "status": e.status, "date": e.date.value,
        "evidence": e.evidence,
        "event_id": e.event_id, "article_id": e.article_id, "sentence_id": e.sentence_id,
        "sentence_start": e.sentence_start, "sentence_end": e.sentence_end,
        "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
        "date_precision": e.date.precision, "date_reason": e.date.reason,
        "confidence": e.confidence, "raw_confidence": e.raw_confidence, "cameo": e.cameo, "rule": e.rule,
        "publication_date": e.publication_date, "tense": e.tense, "reference": e.reference,
        "attribution": list(e.attribution), "certainty": e.certainty, "certainty_cue": e.certainty_cue,
        "quote_id": e.quote_id, "place": e.place.to_dict() if e.place else None,
    }  # fmt: skip


def _actor(m: Mention) -> dict[str, Any]:
    a = m.actor
    return {
        "name": a.org or a.name, "person": a.name if a.org else None, "country": a.country, "sector": a.sector,
        "actor_id": a.actor_id,
        "text": m.text, "start": m.start, "end": m.end, "how": m.how,
    }  # fmt: skip


def quote_format(q: Quote) -> dict[str, Any]:
    sp = q.speaker
    return {
        "quote_id": q.quote_id, "doc": q.doc_id, "article_id": q.article_id, "start": q.start, "end": q.end,
        "text": q.text, "speaker": {"name": sp.name, "country": sp.country, "actor_id": sp.actor_id} if sp else None,
        "speaker_text": q.speaker_text, "verb": q.verb,
    }  # fmt: skip


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(to_format(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow(_csv_row(e))
        n += 1
    return n


def _csv_row(e: Event) -> dict[str, Any]:
    s, t = e.source.actor, e.target.actor
    return {
        "event_id": e.event_id, "doc": e.doc_id, "part": e.part, "date": e.date.value,
        "date_precision": e.date.precision, "category": e.category, "cameo": e.cameo, "status": e.status,
        "source_name": s.org or s.name, "source_country": s.country, "source_sector": s.sector,
        "target_name": t.org or t.name, "target_country": t.country, "target_sector": t.sector,
        "confidence": e.confidence, "certainty": e.certainty, "attribution": " < ".join(e.attribution),
        "tense": e.tense, "reference": e.reference, "trigger": e.trigger, "trigger_start": e.trigger_start,
        "place": e.place.name if e.place else None, "place_country": e.place.country if e.place else None,
        "lat": e.place.lat if e.place else None, "lon": e.place.lon if e.place else None,
        "trigger_end": e.trigger_end, "sentence_start": e.sentence_start, "sentence_end": e.sentence_end,
        "evidence": e.evidence,
    }  # fmt: skip
