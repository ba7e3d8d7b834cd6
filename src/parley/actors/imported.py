"""Turning a parsed PETRARCH/TABARI dictionary into parley's own knowledge-base rows.

Each entry becomes rows of the data files it extends (``ImportedRow``), so imported actors are
validated by the same loader and resolved by the same code as the built-in ones:

- an entry whose only code is a bare three-letter code (``FREEDONIA_ [FRD]``) names a state: a new
  one (its first name is the state's name; names ending in -ian, -ese, -ish, ... are demonyms), or
  more names for a state parley knows;
- an entry with a sector code (``[FRDGOV]``) is an organisation when its code is IGO/NGO/MNC or its
  name holds an organisation word (ARMY, PARTY, MINISTRY, ...) or is one word, else a person;
- a person's undated code is who they are (office ``person``); each date-bounded code is a term in an
  office: the one its names give (``+PRESIDENT_FIREFLY_`` -> president) for a GOV code when they
  name exactly one, else the generic office ``official``;
- agents (``HALBERDIER_ [~MIL]``) become sector words, so "Freedonian halberdiers" is FRD/MIL.

Built-in knowledge wins: names parley already knows are not imported again (reported as known),
and names that mean something else to parley are dropped with a problem naming their line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from parley.actors.dictionary import ActorEntry, AgentEntry, Code, Dictionary, Problem
from parley.actors.kb import KnowledgeBase
from parley.actors.model import SECTORS, SUPRA, ImportedRow
from parley.actors.text import key
from parley.records import content_hash

# CAMEO sector codes parley has no sector for, and the sector they become.
SECTOR_CODES = {
    **{s: s for s in SECTORS}, "COP": "GOV", "SPY": "GOV", "ELI": "GOV", "PTY": "GOV", "DIP": "GOV",
    "INS": "REB", "SEP": "REB", "UAF": "REB", "CRM": "CVL", "LAB": "CVL", "AGR": "CVL", "REF": "CVL",
    "HLH": "CVL", "ENV": "NGO", "HRI": "NGO", "MNC": "BUS",
}  # fmt: skip
SUPRA_SECTOR = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}
ORG_WORDS = frozenset({
    "army", "navy", "forces", "force", "ministry", "department", "party", "front", "movement", "organization",
    "organisation", "council", "committee", "union", "agency", "bank", "group", "brigade", "brigades", "league",
    "association", "commission", "court", "parliament", "assembly", "government", "police", "guard", "corps",
    "company", "corporation", "alliance", "federation", "institute", "fund", "network", "news", "times", "post",
    "radio", "television", "tv", "press", "service", "services", "authority", "office",
})  # fmt: skip
OFFICIAL = {"office": "official", "phrases": "", "sector": "GOV", "leading": "no"}
_DEMONYM = re.compile(r"(?:ians?|eans?|ans?|ese|ish|is?|ers?)$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass
class Conversion:
    """The rows made from one dictionary, what was already known, and the problems found."""

    rows: list[ImportedRow] = field(default_factory=list)
    known: int = 0
    problems: list[Problem] = field(default_factory=list)


class _Converter:
    def __init__(self, kb: KnowledgeBase, source: str) -> None:
        self.kb = kb
        self.source = source
        self.out = Conversion()
        self.new_states: dict[str, int] = {}  # code of a state named by no entry -> first line using it
        self.pids: set[str] = set()

    def row(self, stem: str, line: int, **cells: str) -> None:
        self.out.rows.append(ImportedRow(stem, {k: v for k, v in cells.items() if v}, self.source, line))

    def problem(self, line: int, detail: str) -> None:
        self.out.problems.append(Problem(line, detail))

    def free(self, name: str, line: int, *, own: set[tuple[str, str]]) -> bool:
        """True when ``name`` means nothing to parley yet; False (counted or reported) otherwise.
        ``own`` holds the (kind, target) entries that mean this same actor."""
        entries = self.kb.lookup(name)
        if not entries:
            return True
        if any((e.kind, e.target) in own for e in entries):
            self.out.known += 1
        else:
            what = ", ".join(sorted({f"{e.kind} {e.target}" for e in entries}))
            self.problem(line, f"'{name}' already means {what} to parley; the name is not imported")
        return False


def convert(dictionary: Dictionary, kb: KnowledgeBase, *, source: str) -> Conversion:
    """parley rows for a parsed dictionary, checked against ``kb`` (built-in plus earlier imports)."""
    conv = _Converter(kb, source)
    states = [e for e in dictionary.actors if _is_state(e)]
    _states(conv, states)
    for entry in dictionary.actors:
        if not _is_state(entry):
            _actor(conv, entry)
    for agent in dictionary.agents:
        _agent(conv, agent)
    named = {r.cells.get("iso3") for r in conv.out.rows if r.stem == "countries"}
    for code, line in conv.new_states.items():
        if code not in named:
            conv.problem(line, f"state code '{code}' is new and has no entry such as 'NAME_ [{code}]'; named {code}")
            conv.row("countries", line, iso3=code, name=code)
    official = [r.line for r in conv.out.rows if r.stem == "people" and r.cells.get("office") == "official"]
    if official:  # identical rows from several files are read once (see parley.actors.stored)
        conv.row("offices", official[0], **OFFICIAL)
    return conv.out


# ---------------------------------------------------------------- states


def _is_state(entry: ActorEntry) -> bool:
    return all(len(c.code) == 3 and not c.dated and c.code not in SUPRA for c in entry.codes)


def _states(conv: _Converter, entries: Sequence[ActorEntry]) -> None:
    by_code: dict[str, list[tuple[str, int]]] = {}
    for e in entries:
        if not re.fullmatch(r"[A-Z]{3}", e.codes[0].code):
            conv.problem(e.line, f"'{e.codes[0].code}' is not a state code (three letters); skipped")
            continue
        for c in dict.fromkeys(c.code for c in e.codes):
            by_code.setdefault(c, []).extend((_title(n), e.line) for n in (e.name, *e.synonyms))
    for code, names in by_code.items():
        own = {(k, code) for k in ("country", "capital", "metonym", "demonym")}
        fresh = [(n, line) for n, line in dict(names).items() if conv.free(n, line, own=own)]
        if not fresh:
            continue
        known = conv.kb.countries.get(code)
        first = known.name if known else fresh[0][0]
        rest = [n for n, _ in fresh if n != first]
        demonyms = [n for n in rest if _is_demonym(n, first)]
        aliases = [n for n in rest if n not in demonyms]
        conv.row("countries", fresh[0][1], iso3=code, name=first, aliases="|".join(aliases),
                 demonyms="|".join(demonyms))  # fmt: skip


def _is_demonym(name: str, state: str) -> bool:
    """'Freedonian' for 'Freedonia': the state's stem and a demonym ending; or -ian/-ese anyway."""
    low = name.lower()
    return bool(_DEMONYM.search(low)) and (low[:4] == state.lower()[:4] or low.endswith(("ian", "ians", "ese")))


def _state_of(conv: _Converter, code: Code, line: int) -> tuple[str, str] | None:
    """(country, sector) for a code such as FRDGOV or IGOUNO; None (reported) when unusable."""
    country, rest = code.code[:3], code.code[3:]
    triples = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    sector = next((SECTOR_CODES[t] for t in triples if t in SECTOR_CODES), SUPRA_SECTOR.get(country))
    if not re.fullmatch(r"[A-Z]{3}", country):
        conv.problem(line, f"code '{code.code}' does not start with a three-letter state or IGO/NGO/MNC; skipped")
        return None
    if sector is None:
        known = ", ".join(sorted(SECTOR_CODES))
        conv.problem(line, f"code '{code.code}' has no sector parley knows ({known}); skipped")
        return None
    if country not in SUPRA and country not in conv.kb.countries:
        conv.new_states.setdefault(country, line)
    return country, sector


# ---------------------------------------------------------------- people and organisations


def _actor(conv: _Converter, entry: ActorEntry) -> None:
    coded = [(c, s) for c in entry.codes if (s := _state_of(conv, c, entry.line)) is not None]
    if not coded:
        return
    name = _title(entry.name)
    if _is_org(entry):
        _org(conv, entry, name, coded)
    else:
        _person(conv, entry, name, coded)


def _is_org(entry: ActorEntry) -> bool:
    words = {w.lower() for w in entry.name.split()}
    return len(words) == 1 or bool(words & ORG_WORDS) or any(c.code[:3] in SUPRA for c in entry.codes)


def _org(conv: _Converter, entry: ActorEntry, name: str, coded: list[tuple[Code, tuple[str, str]]]) -> None:
    country, sector = next((s for c, s in coded if not c.dated), coded[0][1])
    if any(c.dated for c, _ in coded):
        conv.problem(entry.line, f"'{name}' is an organisation: its dates are ignored ({country}/{sector} kept)")
    oid = _slug(name)
    own = {(kind, f"{country}:{oid}") for kind in ("igo", "org")}
    if f"{country}:{oid}" in conv.kb.orgs:
        conv.out.known += 1
        return
    if not conv.free(name, entry.line, own=own):
        return
    aliases = [a for a in _names(entry.synonyms) if conv.free(a, entry.line, own=own)]
    conv.row("organisations", entry.line, id=oid, name=name, country=country, sector=sector,
             aliases="|".join(aliases))  # fmt: skip


def _person(conv: _Converter, entry: ActorEntry, name: str, coded: list[tuple[Code, tuple[str, str]]]) -> None:
    pid = _slug(name)
    own = {("person", pid), ("surname", pid)}
    if pid in conv.kb.people or pid in conv.pids or any(e.kind == "person" for e in conv.kb.lookup(name)):
        conv.out.known += 1
        return
    if not conv.free(name, entry.line, own=own):
        return
    conv.pids.add(pid)
    aliases = [a for a in _names(entry.synonyms) if a != name and conv.free(a, entry.line, own=own)]
    aliases += [d for d in (_dotted(n) for n in (name, *aliases)) if d and not conv.kb.lookup(d)]
    office = _office(conv.kb, (entry.name, *entry.synonyms))
    first = True
    for code, (country, sector) in sorted(coded, key=lambda cs: cs[0].dated):
        cells = {"id": pid, "name": name, "country": country, "sector": sector, "office": "person"}
        if code.dated:
            cells |= {"office": office if office and code.code[3:6] == "GOV" else "official",
                      "start": code.start or "0001-01-01", "end": code.end}  # fmt: skip
        if first:
            cells |= {"aliases": "|".join(dict.fromkeys(aliases)), "surname": _surname(name)}
            first = False
        conv.row("people", entry.line, **cells)


def _office(kb: KnowledgeBase, names: Sequence[str]) -> str | None:
    """The one office the names start or end with ("PRESIDENT FIREFLY"), if exactly one."""
    found: set[str] = set()
    for name in names:
        words = key(name)
        for size in range(1, len(words)):
            for part in (words[:size], words[-size:]):
                found |= {e.target for e in kb.index.get(part, ()) if e.kind == "role" and e.target != "leader"}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------- agents


def _agent(conv: _Converter, agent: AgentEntry) -> None:
    sector = next((SECTOR_CODES[agent.code[i : i + 3]] for i in range(0, len(agent.code), 3)
                   if agent.code[i : i + 3] in SECTOR_CODES), None)  # fmt: skip
    if sector is None:
        conv.problem(agent.line, f"agent code '~{agent.code}' has no sector parley knows; skipped")
        return
    word = agent.name.lower()
    known = not conv.free(word, agent.line, own={("word", "sector")})
    plurals = agent.plurals or (() if known else (_plural(agent.name),))  # a known word keeps its own plural
    forms = [p.lower() for p in plurals if conv.free(p.lower(), agent.line, own={("word", "sector")})]
    for form in dict.fromkeys(([] if known else [word]) + forms):
        conv.row("words", agent.line, word=form, kind="sector", value=sector)


def _plural(word: str) -> str:
    low = word.lower()
    if re.search(r"[^aeiou]y$", low):
        return word[:-1] + "ies"
    return word + ("es" if re.search(r"(?:s|x|z|ch|sh)$", low) else "s")


# ---------------------------------------------------------------- names


def _title(name: str) -> str:
    """'RUFUS T FIREFLY' -> 'Rufus T Firefly'; a name in mixed case, or one short word (an acronym such
    as 'SLF'), is kept as written."""
    if name != name.upper() or (" " not in name and len(name) <= 4):
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)


def _names(names: Sequence[str]) -> Iterator[str]:
    return iter(dict.fromkeys(_title(n) for n in names))


def _dotted(name: str) -> str | None:
    """'Rufus T Firefly' -> 'Rufus T. Firefly' (texts write initials with a period)."""
    words = name.split()
    dotted = [w + "." if len(w) == 1 and w.isalpha() else w for w in words]
    return " ".join(dotted) if dotted != words else None


def _surname(name: str) -> str:
    words = [w for w in name.split() if len(w) > 1 and w.lower().strip(".") not in _SUFFIXES]
    return words[-1] if len(words) > 1 else ""


def _slug(name: str) -> str:
    """A lower-case id such as 'rufus-t-firefly' (a content hash for names without Latin letters)."""
    return re.sub(r"[^a-z0-9]+", "-", " ".join(key(name))).strip("-") or f"actor-{content_hash(name, length=8)}"
