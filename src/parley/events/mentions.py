"""Find the actor mentions of a parsed sentence and resolve them with the knowledge base.

A mention is anchored at a noun phrase's head token. The phrase (determiners,
adjectives, compounds and possessors to the left of the head) is resolved as a
whole first ("South Korea's new leader"), then by its entity alone ("South Korea").
Pronouns take the last fitting actor of the discourse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from parley.actors.model import SUPRA
from parley.events.newcomers import appos_anchor, named_before, open_world, same_spelling
from parley.nlp import ParsedSentence, Tok, span_text
from parley.records import Actor, Mention

NP_DEPS = {"det", "amod", "compound", "poss", "nmod", "case", "nummod", "flat", "punct", "advmod", "quantmod"}
HEAD_POS = {"NOUN", "PROPN"}
MODIFIER_ENTS = {"GPE", "NORP"}  # "the US proposals" name an actor; "NATO ambitions" name a topic
GROUP_ENTS = MODIFIER_ENTS | {"ORG"}  # coordinated, organisations too: "EU and NATO officials"
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "herself"}
GROUP_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "themselves"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "dative", "iobj", "obj"}
PAIR_PHRASES = {
    "the two leaders", "both leaders", "the two men", "the two sides", "both sides", "the two countries",
    "both countries", "the two governments", "both governments", "the two presidents", "the pair",
}  # fmt: skip
RECENT_YEARS = 8  # a former leader is still called by surname alone this long after leaving office
WEAK_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mister"}
SHORT_FORMS = {"North": ("PRK", "KOR"), "South": ("KOR", "PRK")}
ORG_TOPICS = {"membership", "member", "members", "ambition", "accession", "bid", "rule", "law", "treaty", "charter",
              "resolution", "report", "regulation", "convention", "deadline", "vote", "session", "data",
              "budget", "summit", "meeting", "headquarters", "standard", "level", "country", "state",
              "nation"}  # fmt: skip
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within", "via", "through"}


class Resolver(Protocol):
    def state(self, iso3: str, sector: str = "GOV") -> Actor: ...

    def tenures(self, actor_id: str) -> list[tuple[str, str]]: ...

    def offices_of(self, actor_id: str, on: str | None = None) -> list[str]: ...

    def resolve(
        self,
        text: str,
        *,
        on: str | None = None,
        recent: Sequence[Actor] = (),
        head: str | None = None,
        home: str | None = None,
    ) -> Any: ...

    def lookup(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Found:
    """A mention in a sentence: the token it is anchored at and its resolution. ``also`` holds
    the other members of a group mention ("the two leaders")."""

    head: int
    first: int
    last: int  # inclusive
    mention: Mention
    score: float
    also: tuple[Found, ...] = ()


def find_mentions(
    sent: ParsedSentence,
    kb: Resolver,
    *,
    on: str | None,
    recent: list[Actor],
    subjects: list[Actor] | None = None,
    home: str | None = None,
    shadowed: frozenset[str] = frozenset(),
    lists: list[tuple[Actor, ...]] | None = None,
) -> dict[int, Found]:
    """Mentions of the sentence keyed by head token; ``recent`` (every actor) and ``subjects``
    (actors named as subjects: the topic, for pronouns) are extended in reading order. ``home``
    (the article's main country) places unplaced groups and people the knowledge base lacks;
    ``shadowed`` known people are not meant by their bare surname (the article names a namesake).
    ``lists`` (coordinated lists named so far, last last) lets "they" mean every member of one."""
    found: dict[int, Found] = {}
    toks = sent.toks
    children = _children(toks)
    topics = subjects if subjects is not None else []
    before, topics_before = len(recent), len(topics)
    for tok in toks:
        # the topic for a subject pronoun: this sentence's last subject, else the last sentence's,
        # unless a person was named in this sentence before any subject was
        named = any(a.kind == "person" for a in recent[before:])
        topical = topics if len(topics) > topics_before or not named else []
        if tok.text.lower() in GROUP_PRONOUNS:  # "it", "they": this sentence's topic at most
            topical = topics[topics_before:]
        hit = _resolve_token(
            tok,
            toks,
            children,
            kb,
            on=on,
            recent=recent,
            subjects=topical,
            local=before,
            home=home,
            ents=sent.ents,
            shadowed=shadowed,
        )
        if hit is None and (_modifier_entity(tok, toks) or _organisation_modifier(tok, toks, kb)):
            hit = _resolve_modifier(tok, toks, kb, on=on, recent=recent)
        if hit is not None and hit.mention.how == "pronoun" and tok.dep in OBJECT_DEPS:
            hit = _not_own_subject(hit, tok, toks, children, found, recent, before)
        if hit is not None and hit.mention.how == "home":  # "their troops": the owner's, not the home country's
            hit = _owned(hit, tok, children, found, kb)
        if tok.text.lower() in PLURAL_PRONOUNS and tok.pos == "PRON":
            if hit is None and not found and lists:  # "Britain and France met. They agreed ...": the list
                hit = _found(tok, tok.i, toks, lists[-1][-1], "pronoun", 0.6)
            if hit is not None and hit.mention.how == "pronoun":
                hit = _for_list(hit, [*(lists or []), *_lists(found, toks, children)])
        if hit is not None:
            found[tok.i] = hit
            recent.append(hit.mention.actor)
            if tok.dep in SUBJECT_DEPS:
                topics.append(hit.mention.actor)
    _named_in_apposition(found, toks)
    _rebels_where_they_fight(found, kb, home)
    _of_someone(found, toks, children, kb)
    if lists is not None:
        lists.extend(_lists(found, toks, children))
    return found


def _of_someone(found: dict[int, Found], toks: Sequence[Tok], children: list[list[int]], kb: Resolver) -> None:
    """A group placed only by the paper's country, with a person after "of", is that person's:
    "the government of President Jane Roe"."""
    for head, f in list(found.items()):
        if f.mention.how != "home":
            continue
        for p in children[head]:
            owners = [found[o] for o in children[p] if o in found] if toks[p].lemma == "of" else []
            people = [o.mention.actor for o in owners if o.mention.actor.kind == "person"]
            if people and people[0].country not in SUPRA:
                found[head] = _moved(f, kb.state(people[0].country, f.mention.actor.sector), "placed")


def _moved(f: Found, actor: Actor, how: str) -> Found:
    """The mention ``f`` standing for another actor, placed by ``how``."""
    return replace(f, mention=replace(f.mention, actor=actor, how=how))


def _rebels_where_they_fight(found: dict[int, Found], kb: Resolver, home: str | None) -> None:
    """Rebels the text does not place belong to the one foreign country the sentence names ("the
    militants stormed Kabul" in a British paper), not to the paper's country."""
    places = {f.mention.actor.country for f in found.values() if f.mention.actor.kind == "state"} - {home}
    if len(places) != 1 or places & SUPRA:
        return
    (country,) = places
    for head, f in list(found.items()):
        if f.mention.how == "home" and f.mention.actor.sector == "REB":
            found[head] = _moved(f, kb.state(country, "REB"), "placed")


def _owned(hit: Found, tok: Tok, children: list[list[int]], found: dict[int, Found], kb: Resolver) -> Found:
    """A group word whose possessor is a pronoun for states: "their troops" are those states'."""
    owner = next((found[c] for c in children[tok.i] if c in found and found[c].mention.how == "pronoun"), None)
    if owner is None or owner.mention.actor.kind != "state":
        return hit
    sector = hit.mention.actor.sector
    members = [_moved(hit, kb.state(o.mention.actor.country, sector), "owner")
               for o in (owner, *owner.also) if o.mention.actor.kind == "state"]  # fmt: skip
    return replace(members[0], also=tuple(members[1:]))


def _lists(found: dict[int, Found], toks: Sequence[Tok], children: list[list[int]]) -> list[tuple[Actor, ...]]:
    """The coordinated lists of actors in a sentence ("Britain, Germany and France"), in order."""
    out: list[tuple[Actor, ...]] = []
    for head, f in sorted(found.items()):
        if toks[head].dep == "conj" or f.mention.how == "pronoun":
            continue
        members, stack = [f], [c for c in children[head] if toks[c].dep == "conj"]
        while stack:
            c = stack.pop(0)
            if c in found:
                members.append(found[c])
            stack.extend(g for g in children[c] if toks[g].dep == "conj")
        actors = tuple(dict.fromkeys(m.mention.actor for m in members))
        if len(actors) > 1:
            out.append(actors)
    return out


def _for_list(hit: Found, lists: Sequence[tuple[Actor, ...]]) -> Found:
    """ "They" for the last member of a list means the whole list."""
    actor = hit.mention.actor
    for members in reversed(lists):
        if actor in members:
            others = [a for a in members if a != actor]
            also = tuple(replace(hit, mention=replace(hit.mention, actor=a), score=hit.score * 0.9) for a in others)
            return replace(hit, also=also)
    return hit


def _not_own_subject(
    hit: Found, tok: Tok, toks: Sequence[Tok], children: list[list[int]], found: dict[int, Found],
    recent: list[Actor], local: int,
) -> Found | None:  # fmt: skip
    """ "the minister will meet him": an object pronoun is not its own clause's subject."""
    own = {found[c].mention.actor.actor_id for c in children[tok.head] if c in found and toks[c].dep in SUBJECT_DEPS}
    if hit.mention.actor.actor_id not in own:
        return hit
    return _pronoun(tok, [a for a in recent if a.actor_id not in own], [], local)


def _named_in_apposition(found: dict[int, Found], toks: Sequence[Tok]) -> None:
    """ "The U.S. special envoy, Jim Roe, said": the name in apposition says who holds the office,
    over the knowledge base's guess for the title."""
    for head, f in list(found.items()):
        if f.mention.actor.kind != "person" or not f.mention.how.startswith(("role", "descriptor")):
            continue
        named = [found[c] for c in found if c != head and toks[c].dep == "appos" and appos_anchor(toks, c) == head]
        named = [n for n in named if n.mention.actor.kind == "person" and n.mention.how not in {"role", "pronoun"}]
        if named:
            found[head] = replace(f, mention=replace(f.mention, actor=named[0].mention.actor))


def _modifier_entity(tok: Tok, toks: Sequence[Tok]) -> bool:
    """The last token of a named entity that modifies a noun: "the US proposals", "Chinese goods"."""
    if tok.dep not in {"compound", "amod", "nmod"} or tok.ent not in MODIFIER_ENTS or tok.head == tok.i:
        return False
    nxt = toks[tok.i + 1] if tok.i + 1 < len(toks) else None
    if nxt is not None and nxt.i == tok.head and nxt.ent == tok.ent and nxt.pos == "PROPN":
        return False  # "Hong" in "Hong Kong": the name goes on
    return nxt is None or nxt.ent != tok.ent or nxt.i == tok.head


def _organisation_modifier(tok: Tok, toks: Sequence[Tok], kb: Resolver) -> bool:
    """An intergovernmental body named in front of what it does or has: "EU sanctions", "UN troops"
    (not what concerns it: "NATO membership")."""
    if tok.dep not in {"compound", "nmod"} or tok.ent != "ORG" or tok.head == tok.i or tok.i + 1 != tok.head:
        return False
    if toks[tok.head].pos != "NOUN" or toks[tok.head].lemma in ORG_TOPICS:
        return False
    return any(e.kind == "igo" for e in kb.lookup(tok.text))


def _resolve_modifier(
    tok: Tok, toks: Sequence[Tok], kb: Resolver, *, on: str | None, recent: list[Actor]
) -> Found | None:
    first = tok.i
    while first > 0 and toks[first - 1].ent == tok.ent and toks[first - 1].head in {tok.i, tok.head}:
        first -= 1
    res = kb.resolve(span_text(toks, first, tok.i), on=on, recent=tuple(recent))
    if res is None:
        return None
    return _found(tok, first, toks, res.actor, res.how, res.score * 0.9)


def _resolve_token(
    tok: Tok, toks: Sequence[Tok], children: list[list[int]], kb: Resolver, *,
    on: str | None, recent: list[Actor], subjects: list[Actor], local: int = 0, home: str | None = None,
    ents: Sequence[tuple[int, int, str, str]] = (), shadowed: frozenset[str] = frozenset(),
) -> Found | None:  # fmt: skip
    low = tok.text.lower()
    if tok.pos == "PRON" and (low in PERSON_PRONOUNS or low in GROUP_PRONOUNS):
        return _pronoun(tok, recent, subjects, local)
    if tok.pos not in HEAD_POS or not _is_phrase_head(tok, toks):
        return None
    first = _left_edge(tok.i, toks, children)
    if span_text(toks, first, tok.i).lower() in PAIR_PHRASES:
        return _pair(tok, first, toks, recent)
    group = _modifier_group(tok, toks, children, kb, on=on, recent=recent)
    if group is not None:
        return group
    if tok.text in SHORT_FORMS and first < tok.i and toks[first].text.lower() == "the":
        return _short_form(tok, first, toks, kb, recent)
    whole = _whole_entity(tok, toks, ents, kb, on=on, recent=recent)
    if whole is not None:
        return whole
    again = named_before(tok, toks, recent)
    if again is not None:
        return _found(tok, again[0], toks, again[1], "open world", 0.5)
    for start in _starts(first, tok.i, toks):
        text = span_text(toks, start, tok.i)
        res = kb.resolve(text, on=on, recent=tuple(recent), head=tok.lemma, home=home)
        if res is not None:
            if res.actor.kind == "state" and _is_location(tok, toks, capital=res.how == "capital"):
                return None
            if res.how in {"surname", "honorific"} and _other_given_name(res.actor, tok, toks):
                break  # "Timothy Morrison" is not Scott Morrison: someone the knowledge base lacks
            if not _plausible_surname(res.actor, res.how, text, recent, kb, on):
                return None
            if _weak(res.how, text) and res.actor.actor_id.partition(":")[2] in shadowed:
                break  # "Morrison" in an article about Tim Morrison
            if res.how == "home" and res.actor.kind == "state":  # "police in Hong Kong": placed after all
                res = _placed_after(tok, toks, children, kb, res, on)
            if on is None and res.how in {"role", "descriptor"} and res.actor.kind == "person":
                # "the German foreign minister" in an undated text: who held the office is unknown
                res = replace(res, actor=kb.state(res.actor.country), how=res.how + " (undated: the state)")
            return _found(tok, start, toks, res.actor, res.how, res.score)
    new = open_world(tok, first, toks, children, kb, on=on, recent=recent, home=home, ents=ents, shadowed=shadowed)
    return _found(tok, new[0], toks, new[1], "open world", 0.5) if new is not None else None


def _placed_after(
    tok: Tok, toks: Sequence[Tok], children: list[list[int]], kb: Resolver, res: Any, on: str | None
) -> Any:
    """A group word placed by a prepositional phrase after it: "police in Hong Kong", "students from Iran"."""
    for p in children[tok.i]:
        if toks[p].dep != "prep" or toks[p].lemma not in {"in", "from", "of"}:
            continue
        for o in children[p]:
            if toks[o].dep == "pobj" and toks[o].pos == "PROPN":
                place = kb.resolve(span_text(toks, _left_edge(o, toks, children), o), on=on)
                if place is not None and place.actor.kind == "state":
                    return replace(res, actor=kb.state(place.actor.country, res.actor.sector), how="placed")
    return res


def _whole_entity(
    tok: Tok, toks: Sequence[Tok], ents: Sequence[tuple[int, int, str, str]], kb: Resolver, *,
    on: str | None, recent: list[Actor],
) -> Found | None:  # fmt: skip
    """A known name that goes on right of its head ("the Group of Seven", "Bank of Japan")."""
    span = next(((s, e) for s, e, _, kb_id in ents if kb_id and s <= tok.i < e - 1), None)
    if span is None:
        return None
    if any(toks[j].head != j and not span[0] <= toks[j].head < span[1] for j in range(*span) if j != tok.i):
        return None
    res = kb.resolve(span_text(toks, span[0], span[1] - 1), on=on, recent=tuple(recent))
    if res is None:
        return None
    found = _found(toks[span[1] - 1], span[0], toks, res.actor, res.how, res.score)
    return replace(found, head=tok.i)


def _plausible_surname(
    actor: Actor, how: str, text: str, recent: Sequence[Actor], kb: Resolver, on: str | None
) -> bool:
    """ "Mr Howard" in a report on British politics is not Australia's former prime minister: a bare
    surname (or one after Mr, Mrs, Ms, Dr) is taken for a known person only when the text has named that
    person already, or when the person holds an office on the article's date or led a country in the
    years just before it."""
    if not _weak(how, text) or actor.kind != "person":
        return True
    if any(a.actor_id == actor.actor_id for a in recent):
        return True
    if any(o != "person" for o in kb.offices_of(actor.actor_id, on)):
        return True
    since = str(int((on or date.today().isoformat())[:4]) - RECENT_YEARS)  # an undated text is read as of today
    return any(not end or end[:4] >= since for _, end in kb.tenures(actor.actor_id))


def _weak(how: str, text: str) -> bool:
    """A bare surname, or one after Mr, Mrs, Ms, Dr."""
    return how == "surname" or (how == "honorific" and text.split()[0].rstrip(".") in WEAK_TITLES)


def _other_given_name(actor: Actor, tok: Tok, toks: Sequence[Tok]) -> bool:
    """A capitalised given name right before the surname that is not the known person's."""
    before = toks[tok.i - 1] if tok.i > 0 else None
    if before is None or before.pos != "PROPN" or not before.text[:1].isupper() or actor.name is None:
        return False
    known = {w.lower().strip(".") for w in actor.name.replace("-", " ").split()}
    given = before.text.lower().strip(".")
    return before.text.rstrip(".") not in WEAK_TITLES and not any(same_spelling(given, k) for k in known)


def _is_location(tok: Tok, toks: Sequence[Tok], *, capital: bool) -> bool:
    """ "the summit in Hanoi, Vietnam": a city after a locative preposition, and the country named
    beside it, are places, not actors ("a purge in South Korea" still names the state)."""
    beside = False
    while tok.dep in {"appos", "conj"} and tok.head != tok.i:
        tok, beside = toks[tok.head], True
    return (capital or beside) and tok.dep == "pobj" and toks[tok.head].lemma in LOCATIVE


def _pair(tok: Tok, first: int, toks: Sequence[Tok], recent: list[Actor]) -> Found | None:
    """ "the two leaders", "both sides": the last two different actors of the text."""
    people = tok.lemma in {"leader", "man", "woman", "president"}
    two: list[Actor] = []
    for actor in reversed(recent):
        if (actor.kind == "person" or not people) and all(a.country != actor.country for a in two):
            two.append(actor)
        if len(two) == 2:
            break
    if len(two) < 2:
        return None
    a, b = (_found(tok, first, toks, actor, "group", 0.6) for actor in reversed(two))
    return Found(a.head, a.first, a.last, a.mention, a.score, (b,))


def _modifier_group(
    tok: Tok, toks: Sequence[Tok], children: list[list[int]], kb: Resolver, *, on: str | None, recent: list[Actor]
) -> Found | None:
    """ "Russian and Ukrainian delegations", "U.S. and South Korean officials": one actor per adjective."""
    mods = [c for c in children[tok.i] if toks[c].dep in {"amod", "compound", "nmod"} and toks[c].ent in GROUP_ENTS]
    joined = [j for m in mods for j in children[m] if toks[j].dep == "conj" and toks[j].pos in {"ADJ", "PROPN"}]
    if not joined:  # organisations only when coordinated: "EU and NATO officials", not "U.N. Security Council"
        mods = [c for c in mods if toks[c].ent in MODIFIER_ENTS]
    mods += joined
    if len(mods) < 2:
        return None
    members: list[Found] = []
    for m in sorted(set(mods)):
        name = _entity_text(toks, m)
        res = kb.resolve(f"{name} {tok.text}", on=on, recent=tuple(recent), head=tok.lemma) or kb.resolve(
            name, on=on, recent=tuple(recent)
        )
        if res is not None and all(f.mention.actor.actor_id != res.actor.actor_id for f in members):
            members.append(_found(tok, m, toks, res.actor, "group", res.score * 0.9))
    if len(members) < 2:
        return None
    return replace(members[0], also=tuple(members[1:]))


def _entity_text(toks: Sequence[Tok], last: int) -> str:
    first = last
    while first > 0 and toks[first - 1].ent == toks[last].ent and toks[first - 1].dep in {"compound", "amod"}:
        first -= 1
    return span_text(toks, first, last)


def _short_form(tok: Tok, first: int, toks: Sequence[Tok], kb: Resolver, recent: list[Actor]) -> Found | None:
    """ "the North" / "the South": a divided country's half, when the text is about that country."""
    country, partner = SHORT_FORMS[tok.text]
    if not any(a.country in {country, partner} for a in recent):
        return None
    return _found(tok, first, toks, kb.state(country), "short form", 0.7)


def _starts(first: int, head: int, toks: Sequence[Tok]) -> list[int]:
    """Candidate phrase starts: the whole phrase, after a possessor, then the name alone."""
    starts = [first]
    for i in range(first, head):
        if toks[i].dep == "case" or toks[i].text in {"’s", "'s"}:
            starts.append(i + 1)
    name_start = head
    while name_start > first and toks[name_start - 1].pos == "PROPN":
        name_start -= 1
    starts.append(name_start)
    return list(dict.fromkeys(starts))


def _found(tok: Tok, start: int, toks: Sequence[Tok], actor: Actor, how: str, score: float) -> Found:
    begin, end = toks[start].idx, tok.idx + len(tok.text)
    text = span_text(toks, start, tok.i)
    return Found(tok.i, start, tok.i, Mention(begin, end, text, actor, how), score)


def _pronoun(tok: Tok, recent: list[Actor], subjects: list[Actor], local: int = 0) -> Found | None:
    """The last fitting actor, preferring the last one that was a subject (the topic). "it" and
    "they" reach no further than this sentence and the last topic: states and groups are named
    again far more often than people, so a distant one is seldom meant."""
    want_person = tok.text.lower() in PERSON_PRONOUNS
    topical = subjects[-1:] if tok.dep in SUBJECT_DEPS else []
    pool = recent if want_person else recent[local:]
    for actor in [*topical, *reversed(pool)]:
        if (actor.kind == "person") == want_person:
            m = Mention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "pronoun")
            return Found(tok.i, tok.i, tok.i, m, 0.7)
    return None


def _is_phrase_head(tok: Tok, toks: Sequence[Tok]) -> bool:
    """A noun is a phrase head unless it modifies another noun (compound, flat...)."""
    if tok.dep in {"compound", "flat"} and tok.head != tok.i:
        return toks[tok.head].pos not in HEAD_POS
    return True


def _left_edge(head: int, toks: Sequence[Tok], children: list[list[int]]) -> int:
    first = head
    stack = [c for c in children[head] if c < head and toks[c].dep in NP_DEPS]
    while stack:
        c = stack.pop()
        first = min(first, c)
        stack.extend(g for g in children[c] if g < c)
    return first


def _children(toks: Sequence[Tok]) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in toks]
    for t in toks:
        if t.head != t.i:
            kids[t.head].append(t.i)
    return kids
