"""Resolve a noun phrase ("the North Korean dictator", "Mr. Kim", "Russian sources") to an actor.

The phrase is tokenised and cut into pieces by longest match against the knowledge-base
index (names, aliases, surnames, roles, descriptors, demonyms, capitals and a few grammar
words). The head piece (the caller's ``head``, else the last content piece before any
"of") decides what the phrase is; the other pieces are modifiers that give its country.

Deliberate choices, documented for callers:
- capitals stand for their government, so "Hanoi" is Vietnam and "Berlin" is Germany;
  other cities ("Panmunjom") are not actors;
- a bare role or descriptor ("the president", "the dictator") resolves only through
  ``recent``; a role with a country but no known holder gives the state (score 0.5);
- a plural demonym on its own ("Americans", "the Chinese") gives the state, sector GOV;
- pronouns are not resolved here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parley.actors.kb import KnowledgeBase
from parley.actors.model import NEEDS_TITLE, Entry, Person, query_date
from parley.actors.text import Token, key, tokenize
from parley.records import Actor

NAMED = frozenset({"person", "surname", "country", "capital", "metonym", "demonym", "igo", "org"})
PRIORITY = ("person", "igo", "org", "country", "capital", "metonym", "demonym", "surname", "role",
            "descriptor", "word")  # fmt: skip
FILLER = frozenset({"det", "former", "ignore"})
HOMELY_OFFICES = frozenset({"foreign_minister", "secretary_of_state", "defence_minister", "secretary_of_defense"})
# Sector words that never stand for the article's own country unplaced: "the other side", "sources".
BACKED = frozenset({"backed", "sponsored", "funded", "financed", "supported", "armed", "trained", "allied",
                    "aligned", "installed", "brokered", "mediated"})  # fmt: skip
UNPLACED = frozenset({"side", "counterparts", "sources", "leaders", "leadership", "nationals", "tourists",
                      "delegation", "envoys", "negotiators", "diplomats", "embassy"})  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    """An actor for a phrase, with how it was found and a confidence in [0, 1]."""

    actor: Actor
    how: str  # name | alias | surname | honorific | role | descriptor | capital | metonym | demonym | recent
    score: float


@dataclass(frozen=True)
class Piece:
    """A run of tokens and what it can mean (no entries: an unknown word)."""

    tokens: tuple[Token, ...]
    entries: tuple[Entry, ...]

    @property
    def norm(self) -> str:
        return " ".join(t.norm for t in self.tokens)

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)

    def all(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def word(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "word" and e.target == kind), None)

    @property
    def filler(self) -> bool:
        return (not self.entries and self.norm == "of") or any(self.word(k) for k in FILLER)


@dataclass(frozen=True)
class _Ctx:
    kb: KnowledgeBase
    on: str | None
    recent: Sequence[Actor]
    former: bool
    mods: tuple[Piece, ...]
    home: str | None = None


def resolve(
    kb: KnowledgeBase,
    text: str,
    *,
    on: str | None = None,
    recent: Sequence[Actor] = (),
    head: str | None = None,
    home: str | None = None,
) -> Resolution | None:
    """Map a noun phrase to an actor, or None when it names none (see the module docstring).
    ``home`` is the article's main country: the country of a group or body the phrase does not
    place ("the police", "the opposition"), and of an office whose holder the text has not named."""
    pieces = scan_text(kb, text)
    at = _head_index(pieces, head)
    if at is None:
        return None
    former = any(p.word("former") for p in pieces)
    mods = tuple(p for i, p in enumerate(pieces) if i != at and not backer(pieces, i))
    ctx = _Ctx(kb, on, recent, former, mods, home)
    prev = pieces[at - 1] if at > 0 else None
    for kind in PRIORITY:
        entries = pieces[at].all(kind)
        if entries:
            found = _HANDLERS[kind](ctx, pieces[at], entries, prev)
            if found is not None:
                era = kb.in_era(found.actor, on)
                return found if era is found.actor else Resolution(era, found.how, found.score)
    return None


def backer(pieces: Sequence[Piece], i: int) -> bool:
    """Piece ``i`` names who backs the thing, not whose it is: "Iranian-backed militias"."""
    return i + 1 < len(pieces) and not pieces[i + 1].entries and pieces[i + 1].norm in BACKED


def scan_text(kb: KnowledgeBase, text: str) -> Sequence[Piece]:
    """``scan`` of a phrase's tokens, remembered per knowledge base (the index never changes)."""
    cache: dict[str, Sequence[Piece]] = kb.__dict__.setdefault("_scans", {})
    found = cache.get(text)
    if found is None:
        if len(cache) > 1 << 16:
            cache.clear()
        found = cache[text] = tuple(scan(kb, tokenize(text)))
    return found


def scan(kb: KnowledgeBase, tokens: Sequence[Token]) -> list[Piece]:
    """Cut tokens into pieces, longest index match first, left to right."""
    pieces: list[Piece] = []
    i = 0
    while i < len(tokens):
        for size in range(min(kb.max_key, len(tokens) - i), 0, -1):
            span = tuple(tokens[i : i + size])
            entries = tuple(e for e in kb.index.get(tuple(t.norm for t in span), ()) if _case_ok(e, span))
            if entries or size == 1:
                pieces.append(Piece(span, entries))
                i += size
                break
    return pieces


def _case_ok(entry: Entry, span: tuple[Token, ...]) -> bool:
    if entry.upper:  # "G-7": the digits have no case
        return all(t.surface.isupper() or not any(c.isalpha() for c in t.surface) for t in span) and any(
            t.surface.isupper() for t in span
        )
    if entry.kind in NAMED and len(span) == 1:
        return span[0].surface[:1].isupper()
    return True


def _head_index(pieces: Sequence[Piece], head: str | None) -> int | None:
    if head and key(head):
        last = key(head)[-1]
        for i in range(len(pieces) - 1, -1, -1):
            if any(t.norm == last for t in pieces[i].tokens):
                return i
    content = [i for i, p in enumerate(pieces) if not p.filler]
    of = next((i for i, p in enumerate(pieces) if not p.entries and p.norm == "of"), None)
    if of is not None and any(i < of for i in content):
        content = [i for i in content if i < of]
    return content[-1] if content else None


# ---------------------------------------------------------------- handlers


def _person(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution:
    e = entries[0]
    return Resolution(ctx.kb.person_actor(e.target, ctx.on), e.how, 1.0 if e.how == "name" else 0.95)


def _org(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution:
    return Resolution(ctx.kb.orgs[entries[0].target], entries[0].how, 0.95)


def _place(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution:
    e = entries[0]
    scores = {"name": 0.95, "alias": 0.9, "capital": 0.85, "metonym": 0.85, "demonym": 0.6}
    return Resolution(ctx.kb.state(e.target, e.value or "GOV"), e.how, scores.get(e.how, 0.8))


def _surname(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution | None:
    title = prev if prev is not None and _is_title(prev) else None
    if title is None and piece.word(NEEDS_TITLE):
        return None
    found = _pick_surname(ctx, [e.target for e in entries], title)
    if found is None:
        return None
    pid, score = found
    return Resolution(ctx.kb.person_actor(pid, ctx.on), "honorific" if title else "surname", score)


def _role(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution | None:
    office = entries[0].target
    anchor = _anchor(ctx)
    if anchor is None:
        offices = set(ctx.kb.expand("", office))
        found = _from_recent(ctx, lambda p: any(t.office in offices for t in p.terms), "role")
        if found is not None or ctx.home is None or not _homely(ctx.kb, office):
            return found
        anchor = ctx.kb.state(ctx.home), "home"
    actor = anchor[0]
    holder = actor.actor_id if actor.kind in {"igo", "org"} else actor.country
    term = ctx.kb.holder_term(holder, ctx.kb.expand(holder, office), ctx.on, former=ctx.former)
    if term is not None:
        return Resolution(ctx.kb.person_actor(term.person, ctx.on), "role", 0.85)
    if actor.kind in {"igo", "org"}:
        return Resolution(actor, "role", 0.5)
    sector = ctx.kb.offices[office].sector if office in ctx.kb.offices else "GOV"
    return Resolution(ctx.kb.state(actor.country, sector), "role", 0.5)


def _descriptor(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution | None:
    word = piece.norm
    anchor = _anchor(ctx)
    if anchor is None:
        return _from_recent(ctx, lambda p: any(_describes(t.descriptors, word) for t in p.terms), "descriptor")
    day = query_date(ctx.on)
    terms = [
        t for e in entries for t in ctx.kb.people[e.target].terms
        if _describes(t.descriptors, word) and t.country == anchor[0].country and t.covers(day)
    ]  # fmt: skip
    if not terms:
        return None
    best = min(terms, key=lambda t: (t.acting, ctx.kb.people[t.person].rank))
    return Resolution(ctx.kb.person_actor(best.person, ctx.on), "descriptor", 0.8)


def _word(ctx: _Ctx, piece: Piece, entries: list[Entry], prev: Piece | None) -> Resolution | None:
    sector = next((e.value for e in entries if e.target == "sector"), None)
    anchor = _anchor(ctx)
    if sector is None and anchor is not None and anchor[0].kind == "state":  # "China's ambassador"
        sector = next((e.value for e in entries if e.target == "honorific" and e.value), None)
    if anchor is None and ctx.home is not None and piece.norm not in UNPLACED:
        anchor = ctx.kb.state(ctx.home), "home"
    if sector is None or anchor is None:
        return None
    actor, how = anchor
    if actor.kind in {"igo", "org"}:
        return Resolution(actor, how, 0.8)
    return Resolution(ctx.kb.state(actor.country, sector), how, 0.8)


_Handler = Callable[[_Ctx, Piece, list[Entry], "Piece | None"], "Resolution | None"]
_HANDLERS: dict[str, _Handler] = {
    "person": _person, "igo": _org, "org": _org, "country": _place, "capital": _place,
    "metonym": _place, "demonym": _place, "surname": _surname, "role": _role,
    "descriptor": _descriptor, "word": _word,
}  # fmt: skip


# ---------------------------------------------------------------- helpers


def _homely(kb: KnowledgeBase, office: str) -> bool:
    """An office that, unplaced, means the article's own country's holder ("the prime minister")."""
    own = kb.offices.get(office)
    return own is not None and own.sector != "IGO" and (own.leading or office in HOMELY_OFFICES)


def _describes(descriptors: Sequence[str], word: str) -> bool:
    return any(" ".join(key(d)) == word for d in descriptors)


def _is_title(piece: Piece) -> bool:
    return bool(piece.word("honorific") or piece.first("role") or piece.first("descriptor"))


def _anchor(ctx: _Ctx) -> tuple[Actor, str] | None:
    """The actor a modifier points to (last one wins): a state, an organisation or a person."""
    for piece in reversed(ctx.mods):
        for kind in PRIORITY[:8]:
            entries = piece.all(kind)
            if not entries:
                continue
            e = entries[0]
            if kind in {"igo", "org"}:
                return ctx.kb.orgs[e.target], e.how
            if kind == "person":
                return ctx.kb.person_actor(e.target, ctx.on), e.how
            if kind == "surname":
                found = _pick_surname(ctx, [x.target for x in entries], None)
                if found is not None:
                    return ctx.kb.person_actor(found[0], ctx.on), "surname"
                continue
            return ctx.kb.state(e.target), e.how
    return None


def _country_hint(ctx: _Ctx) -> str | None:
    """The country named by a place or demonym modifier ("South Korean President Lee")."""
    for piece in reversed(ctx.mods):
        for e in piece.entries:
            if e.kind in {"country", "capital", "metonym", "demonym"}:
                return e.target
    return None


def _from_recent(ctx: _Ctx, fits: Callable[[Person], bool], how: str) -> Resolution | None:
    for actor in reversed(ctx.recent):
        person = ctx.kb.people.get(actor.actor_id.partition(":")[2]) if actor.kind == "person" else None
        if person is not None and fits(person):
            return Resolution(ctx.kb.person_actor(person.pid, ctx.on), how, 0.6)
    return None


def _pick_surname(ctx: _Ctx, pids: Sequence[str], title: Piece | None) -> tuple[str, float] | None:
    """Choose among people sharing a surname: title filter, then recent, then office on date, then rank."""
    pids = list(dict.fromkeys(pids))
    if title is not None:
        pids = _filter(pids, lambda p: _title_fits(ctx, title, p)) or pids
    country = _country_hint(ctx)
    if country is not None:
        pids = _filter(pids, lambda p: any(t.country == country for t in ctx.kb.people[p].terms)) or pids
    if len(pids) == 1:
        return pids[0], 0.9
    for actor in reversed(ctx.recent):
        if actor.kind == "person" and actor.actor_id.partition(":")[2] in pids:
            return actor.actor_id.partition(":")[2], 0.85
    ranked = sorted(pids, key=lambda pid: (_office_rank(ctx, pid), ctx.kb.people[pid].rank))
    return (ranked[0], 0.75 if _office_rank(ctx, ranked[0]) < 3 else 0.6) if ranked else None


def _filter(pids: list[str], keep: Callable[[str], bool]) -> list[str]:
    return [p for p in pids if keep(p)]


def _title_fits(ctx: _Ctx, title: Piece, pid: str) -> bool:
    person = ctx.kb.people[pid]
    role = title.first("role")
    if role is not None:
        offices = set(ctx.kb.expand("", role.target))
        if any(t.office in offices for t in person.terms):
            return True
    word = title.norm
    return bool(title.first("descriptor")) and any(_describes(t.descriptors, word) for t in person.terms)


def _office_rank(ctx: _Ctx, pid: str) -> int:
    """0: holds their country's leading office on the date; 1: another leading office; 2: any; 3: none."""
    day = query_date(ctx.on)
    best = 3
    for term in ctx.kb.people[pid].terms:
        if not term.covers(day) or term.office == "person":
            continue
        leads = ctx.kb.leader_offices(term.country)
        rank = 0 if leads and term.office == leads[0] else 1 if ctx.kb.offices[term.office].leading else 2
        best = min(best, rank)
    return best
