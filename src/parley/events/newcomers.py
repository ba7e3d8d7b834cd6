"""People and organisations the knowledge base does not list: the open world.

A proper-noun phrase that the statistical NER calls a person or an organisation, and that the
knowledge base cannot resolve, becomes an actor of its own. Its country comes from the words that
present it, nearest first: its title and modifiers ("Ghanaian Foreign Minister Kofi Mensah",
"U.S. ambassador Jane Roe"), an apposition ("Liu Wen, China's top negotiator"), else the article's
main country (``home``). Its sector comes from the same words (a minister is GOV, a judge JUD),
from an organisation's own name ("... Party" is PTY), or is CVL for a person with no title.
Later mentions by surname ("Mensah said") resolve to the same actor. Their ids carry a ``~``
after the country (``GHA:~kofi-mensah``), so they never pass for knowledge-base entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from parley.nlp import Tok, span_text
from parley.records import Actor

OPEN = "~"
HYPHENS = {"-", "‐", "‑"}
ENT_KINDS = {"PERSON": "person", "ORG": "org"}
PLACE_KINDS = {"country", "capital", "metonym", "demonym"}
# Words in an organisation's own name that give its sector, checked last word first.
ORG_SECTORS = {
    "party": "PTY", "front": "PTY", "congress": "PTY", "league": "PTY", "movement": "OPP",
    "police": "COP", "constabulary": "COP", "gendarmerie": "COP",
    "army": "MIL", "forces": "MIL", "navy": "MIL", "guard": "MIL", "command": "MIL", "brigade": "REB",
    "court": "JUD", "tribunal": "JUD", "prosecutor": "JUD",
    "parliament": "LEG", "senate": "LEG", "assembly": "LEG", "house": "LEG", "committee": "LEG",
    "ministry": "GOV", "department": "GOV", "agency": "GOV", "office": "GOV", "commission": "GOV",
    "council": "GOV", "government": "GOV", "administration": "GOV", "service": "GOV", "bureau": "GOV",
    "bank": "BUS", "inc": "BUS", "corp": "BUS", "corporation": "BUS", "company": "BUS", "co": "BUS",
    "ltd": "BUS", "plc": "BUS", "group": "BUS", "airlines": "BUS", "motors": "BUS", "holdings": "BUS",
    "university": "EDU", "college": "EDU", "school": "EDU", "institute": "EDU",
    "union": "CVL", "federation": "CVL", "association": "CVL",
    "times": "MED", "news": "MED", "post": "MED", "tv": "MED", "radio": "MED", "television": "MED",
    "herald": "MED", "journal": "MED", "tribune": "MED", "press": "MED",
    "church": "REL", "international": "NGO", "watch": "NGO", "foundation": "NGO", "fund": "NGO",
}  # fmt: skip
OFFICE_OBJECT_PREPS = {"for", "to", "in", "on", "against"}  # "an official at/with/from X" works for X
SPELLING_RATIO = 0.75  # how alike two spellings of a given name are ("Aleksander", "Alexander": 0.84)
NOT_NAMES = {"god", "allah", "twitter", "facebook", "youtube", "instagram", "google"}
_SLUG = re.compile(r"[^a-z0-9]+")


def open_world(
    tok: Tok, first: int, toks: Sequence[Tok], children: list[list[int]], kb: Any, *,
    on: str | None, recent: Sequence[Actor], home: str | None, ents: Sequence[tuple[int, int, str, str]],
    shadowed: frozenset[str] = frozenset(),
) -> tuple[int, Actor] | None:  # fmt: skip
    """(first token of the presenting phrase, actor) for an unknown name headed at ``tok``, or None."""
    if tok.pos != "PROPN":
        return None
    span = next(((s, e, label, kb_id) for s, e, label, kb_id in ents if s <= tok.i < e), None)
    if span is not None and span[1] - 1 != tok.i:
        return None  # the name goes on past this token: its head is further right
    namesake = span is not None and bool(span[3]) and _namesake(kb, tok.text, shadowed)
    start = _name_start(toks, tok.i, tok.i if span is None else 0 if namesake else span[0])
    while start < tok.i and (_place(kb, toks[start].text) or _title(kb, toks[start].text)):
        start += 1  # "envoy for Ukraine Jim Roe", "Lt Col Jim Roe": the name is Jim Roe
    name = span_text(toks, start, tok.i)
    if not name or name.lower() in NOT_NAMES or not name[:1].isupper():
        return None
    earlier = _earlier(name, recent)
    if earlier is not None:
        return start, earlier
    if span is None or span[2] not in ENT_KINDS:
        return None
    kind = ENT_KINDS[span[2]]
    if kind == "person" and start == tok.i and kb.is_person_name(name) and not namesake:
        return None  # a known person's surname that the resolver turned down here
    cues = []
    if first < start:
        lead = first - 1 if first > 0 and toks[first - 1].dep == "prep" else first  # "for Ukraine ..."
        cues.append(" ".join(t.text for t in toks[lead:start]))
    cues += [_phrase_text(toks, children, a) for a in children[tok.i] if toks[a].dep == "appos"]
    if tok.dep == "appos" and tok.head != tok.i:
        cues.append(_phrase_text(toks, children, appos_anchor(toks, tok.i)))
    country, sector = None, None
    for cue in cues:
        c, sec = _cue(kb, cue)
        country, sector = country or c, sector or sec
    country = country or home
    if country is None:
        return None
    org = kb.orgs.get(country) if ":" in country else None  # "EU trade commissioner ...": acts for the EU
    if ":" in country and (org is None or kind == "org"):
        return None
    if kind == "org":
        own = _org_sector(name)
        if own is None and not (name.isupper() and 2 <= len(name) <= 8):
            return None  # the NER's organisations without a telling word are often places or products
        sector = own or sector or "NGO"
    if org is not None:
        country, sector = org.country, "IGO"
    actor = Actor(f"{country}:{OPEN}{slug(name)}", country, name, sector or "CVL", kind, org.name if org else None)
    return min(first, start), actor


def appos_anchor(toks: Sequence[Tok], i: int) -> int:
    """What an apposition describes. The parser often hangs it on the last noun before it: in "the
    envoy for Venezuela, Jane Roe," Jane Roe is the envoy, not Venezuela."""
    head = toks[i].head
    while toks[head].dep == "pobj" and toks[toks[head].head].dep == "prep" and toks[toks[head].head].head != head:
        head = toks[toks[head].head].head
    return head


def named_before(tok: Tok, toks: Sequence[Tok], recent: Sequence[Actor]) -> tuple[int, Actor] | None:
    """An open-world actor this proper noun names again ("Mensah" after "Kofi Mensah"), which wins
    over a known person who shares the surname."""
    if tok.pos != "PROPN" or not any(is_open(a) for a in recent):
        return None
    start = _name_start(toks, tok.i, 0)
    earlier = _earlier(span_text(toks, start, tok.i), recent)
    return (start, earlier) if earlier is not None else None


def _name_start(toks: Sequence[Tok], head: int, floor: int) -> int:
    """The first token of the proper-noun run ending at ``head``, through hyphens ("Mensah-Boateng")."""
    start = head
    while start > floor:
        prev = toks[start - 1]
        if prev.pos == "PROPN":
            start -= 1
        elif prev.text in HYPHENS and start - 2 >= 0 and toks[start - 2].pos == "PROPN" and _tight(toks, start - 2):
            start -= 2
        else:
            break
    return start


def _tight(toks: Sequence[Tok], i: int) -> bool:
    """Token ``i``, a hyphen and the next token are written without spaces."""
    a, h, b = toks[i], toks[i + 1], toks[i + 2]
    return a.idx + len(a.text) == h.idx and h.idx + len(h.text) == b.idx


_FULL_NAME = re.compile(r"(?<![\w.’'])([A-Z][a-z]+\.?)\s+([A-Z][\w’'-]+)")


def shadowed_surnames(text: str, kb: Any) -> frozenset[str]:
    """Known people whose surname the article gives to someone else: "Tim Morrison" names another
    Morrison than the Australian prime minister, so a bare "Morrison" there is not him, unless the
    article also names him in full. Returns their person ids."""
    out: set[str] = set()
    for m in _FULL_NAME.finditer(text):
        given, surname = m.group(1).rstrip("."), m.group(2)
        if given.lower() in STOP_WORDS or given.lower() in _NOT_GIVEN:
            continue  # "Then Morrison said", "Mr Morrison"
        owners = [e.target for e in kb.lookup(surname) if e.kind == "surname"]
        if not owners or any(e.kind == "person" for e in kb.lookup(f"{given} {surname}")):
            continue
        if any(e.kind != "surname" for e in kb.lookup(given)):
            continue  # a title, a place or a demonym before the surname ("President Morrison")
        out.update(o for o in owners if not _named_in_full(text, kb.people[o]) and not _own_given(given, kb.people[o]))
    return frozenset(out)


_NOT_GIVEN = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "rev", "saint",
              "st", "mister", "madam", "general", "gen", "col", "sen", "rep", "gov", "justice", "judge", "chief",
              "yesterday", "today", "tonight", "later", "earlier", "meanwhile", "instead", "still", "now", "so",
              "asked", "said", "says", "told", "like", "with", "under", "by", "on", "in", "at", "for",
              "from"}  # fmt: skip


def same_spelling(a: str, b: str) -> bool:
    """Two spellings of one name ("Aleksander", "Alexander"), or an initial ("J" for "John")."""
    if a == b or (len(a) == 1 and b.startswith(a)):
        return True
    return len(a) > 3 and a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= SPELLING_RATIO


def _namesake(kb: Any, surname: str, shadowed: frozenset[str]) -> bool:
    return any(e.kind == "surname" and e.target in shadowed for e in kb.lookup(surname))


def _own_given(given: str, person: Any) -> bool:
    """ "Aleksander Lukashenko" is Alexander Lukashenko spelt another way."""
    return any(same_spelling(given.lower(), w.lower()) for w in (person.name or "").split()[:-1])


def _named_in_full(text: str, person: Any) -> bool:
    return any(n and n in text for n in (person.name, *person.aliases) if " " in n)


def is_open(actor: Actor) -> bool:
    return f":{OPEN}" in actor.actor_id


def slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-")


def _earlier(name: str, recent: Sequence[Actor]) -> Actor | None:
    """An open-world actor named before whose name ends with (or is) this one: "Mensah" after
    "Kofi Mensah"."""
    words = name.lower().split()
    for actor in reversed(recent):
        if not is_open(actor) or not actor.name:
            continue
        theirs = actor.name.lower().split()
        if theirs == words or (len(words) == 1 and theirs[-1] == words[0]):
            return actor
    return None


def _cue(kb: Any, text: str) -> tuple[str | None, str | None]:
    """The country and sector that a title or description gives ("U.S. Ambassador", "China's top
    negotiator", "a Labour MP", "EU trade commissioner": IGO). A place after a preposition is what
    the office deals with, not whose it is ("special envoy for Ukraine", "ambassador to Iraq")."""
    from parley.actors.resolve import backer, scan_text

    country = sector = None
    after_prep = False
    pieces = scan_text(kb, text)
    for n, piece in enumerate(pieces):
        if not piece.entries and piece.norm in OFFICE_OBJECT_PREPS:
            after_prep = True
            continue
        if backer(pieces, n):  # "a U.S.-backed militia leader": not American
            continue
        nxt = pieces[n + 1] if n + 1 < len(pieces) else None
        topic = nxt is not None and not nxt.entries and nxt.norm not in {"'s", "’s", "s"}  # "a Ukraine expert"
        for entry in piece.entries:
            if entry.kind in PLACE_KINDS and country is None and not after_prep:
                if topic and entry.kind == "country":
                    continue
                country = entry.target
            elif entry.kind == "igo" and country is None and not after_prep:
                country, sector = entry.target, "IGO"
            elif entry.kind == "word" and entry.target == "sector" and sector is None:
                sector = entry.value
            elif entry.kind == "role" and sector is None:
                office = kb.offices.get(entry.target)
                sector = office.sector if office is not None and office.sector != "IGO" else "GOV"
            elif entry.kind == "word" and entry.target == "honorific" and sector is None:
                sector = entry.value or None
    return country, sector


def _place(kb: Any, word: str) -> bool:
    from parley.actors.resolve import scan_text

    return any(e.kind in PLACE_KINDS or e.kind == "igo" for p in scan_text(kb, word) for e in p.entries)


def _title(kb: Any, word: str) -> bool:
    return any(e.kind == "role" or (e.kind == "word" and e.target == "honorific") for e in kb.lookup(word))


def _org_sector(name: str) -> str | None:
    for word in reversed(re.findall(r"\w+", name.lower())):
        if word in ORG_SECTORS:
            return ORG_SECTORS[word]
    return None


def _phrase_text(toks: Sequence[Tok], children: list[list[int]], head: int) -> str:
    """The words of the phrase headed at ``head`` (not into clauses or further appositions)."""
    keep, stack = [], [head]
    while stack:
        j = stack.pop()
        keep.append(j)
        stack.extend(c for c in children[j] if toks[c].dep not in {"relcl", "acl", "appos", "advcl", "punct"})
    return " ".join(toks[j].text for j in sorted(keep))
