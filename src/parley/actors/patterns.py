"""spaCy ``EntityRuler`` patterns built from the knowledge base (no spaCy import needed).

String patterns in their written case: the ruler's phrase matcher tokenises them with the
pipeline's own tokenizer. Earlier patterns win on identical text, so countries and
organisations come before surnames (a surname never turns "Jordan" into a PERSON).
Surnames marked in words.tsv as common words ("May", "Park") get no bare pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from parley.actors.model import NEEDS_TITLE, NO_PATTERN

if TYPE_CHECKING:
    from parley.actors.kb import KnowledgeBase


def entity_patterns(kb: KnowledgeBase) -> list[dict[str, object]]:
    """``{"label", "pattern", "id"}`` dicts for people, places, demonyms and organisations."""
    seen: set[str] = set()
    out: list[dict[str, object]] = []
    for label, pattern, actor_id in _all(kb):
        if pattern and pattern not in seen:
            seen.add(pattern)
            out.append({"label": label, "pattern": pattern, "id": actor_id})
    return out


def _all(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    yield from _people(kb)
    yield from _places(kb)
    yield from _orgs(kb)
    for c in kb.countries.values():
        for name in c.demonyms:
            yield "NORP", name, c.iso3
    yield from _surnames(kb)


def _people(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    for person in kb.people.values():
        actor_id = kb.person_actor(person.pid).actor_id
        for name in (person.name, *person.aliases):
            yield "PERSON", name, actor_id


def _places(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    for c in kb.countries.values():
        for name in (c.name, *c.aliases, *c.capitals):
            yield "GPE", name, c.iso3
        for name, _sector in c.metonyms:
            yield "ORG", name, c.iso3


def _orgs(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    for actor_id, actor in kb.orgs.items():
        for name in (actor.name or "", *kb.org_aliases.get(actor_id, ())):
            yield "ORG", name, actor_id


MODERN = "2000"  # a bare-surname pattern only for people in office since then (the rest resolve by parse)


def _surnames(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    for person in sorted(kb.people.values(), key=lambda p: p.rank):
        if not any(t.end >= MODERN or not t.start for t in person.terms):
            continue  # thousands of historical surnames as patterns would tag common words as people
        words = {e.target for e in kb.lookup(person.surname) if e.kind == "word"} if person.surname else {NO_PATTERN}
        if not words & {NEEDS_TITLE, NO_PATTERN}:
            yield "PERSON", person.surname, kb.person_actor(person.pid).actor_id
