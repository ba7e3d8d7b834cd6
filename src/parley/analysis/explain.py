"""Explain an event: the paragraph with its trigger and actors marked, and why parley coded it."""

from __future__ import annotations

from parley.records import Event, Mention


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line-separated paragraph of ``text`` around the character span."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def marked(text: str, event: Event) -> str:
    """The event's paragraph with ``[source: ...]``, ``[target: ...]`` and ``*trigger*`` marked."""
    lo, hi = paragraph_span(text, event.sentence_start, event.sentence_end)
    marks = [(event.trigger_start, event.trigger_end, "*", "*")]
    marks += [_mark(m, role) for role, m in (("source", event.source), ("target", event.target)) if _inside(m, lo, hi)]
    out = text[lo:hi]
    for start, end, left, right in sorted(marks, key=lambda m: -m[0]):
        if lo <= start <= end <= hi:
            out = out[: start - lo] + left + out[start - lo : end - lo] + right + out[end - lo :]
    return out


def explain(event: Event, text: str, date_source: str | None = None) -> str:
    """A readable account of one event (``parley explain EVENT_ID``)."""
    s, t = event.source, event.target
    chain = " < ".join(["the article", *event.attribution])
    lines = [
        f"event {event.event_id}  [{event.doc_id}, part {event.part}]",
        "",
        marked(text, event),
        "",
        f"category     {event.category} (CAMEO root {event.cameo}), status {event.status}",
        f"source       {_actor(s)}  from {s.text or '(implicit)'!r} ({s.how})",
        f"target       {_actor(t)}  from {t.text or '(implicit)'!r} ({t.how})",
        f"trigger      {event.trigger!r} at {event.trigger_start}-{event.trigger_end}; rule {event.rule}",
        f"date         {event.date.value or 'unknown'} ({event.date.precision or '-'}): {event.date.reason}",
        f"time         {event.tense or '-'} tense, {event.reference} reference; published "
        f"{event.publication_date or 'unknown'}" + (f" (from the {date_source})" if date_source else ""),
        f"reported by  {chain}",
        f"certainty    {event.certainty}" + (f" ({event.certainty_cue!r})" if event.certainty_cue else ""),
        f"confidence   {event.confidence:.2f}",
    ]
    if event.quote_id:
        lines.append(f"quote        {event.quote_id}")
    return "\n".join(lines)


def _mark(m: Mention, role: str) -> tuple[int, int, str, str]:
    return m.start, m.end, f"[{role}: ", "]"


def _inside(m: Mention, lo: int, hi: int) -> bool:
    return m.how != "context" and lo <= m.start < m.end <= hi


def _actor(m: Mention) -> str:
    a = m.actor
    return f"{a.name} ({a.country}, {a.sector})" if a.name else f"{a.country} ({a.sector})"
