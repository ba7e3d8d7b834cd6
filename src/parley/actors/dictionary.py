"""Reading PETRARCH/TABARI actor and agent dictionaries into plain entries.

Actor dictionary::

    FREEDONIA_ [FRD]                 # a name line: words joined by "_", then an optional code
    RUFUS_T_FIREFLY_                 # an entry without a code on its name line ...
    +RUFUS_FIREFLY_                  # ... its synonyms
    +PRESIDENT_FIREFLY_
    [FRDGOV 330101-351231]           # ... and its codes, bounded by dates (YYMMDD or YYYYMMDD)
    [FRDELI >360101]                 # from a date on; "<360101": until the day before

Agents dictionary: ``SOLDIER_ {SOLDIERS_} [~MIL]`` (plurals in braces are optional).

Two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999 (write eight digits for other years).
Parsing is lenient: a line it cannot read becomes a :class:`Problem` with its line number and
the rest of the file goes on; only an unreadable file raises ``ParleyError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from parley.errors import E, ParleyError

KINDS = ("auto", "actors", "agents")
PIVOT = 50  # two-digit years below this are 20xx, the others 19xx

_CHAR = r"(?:[^\W_]|['.&-])"  # letters, digits and ' . & - (not the underscore that joins words)
_NAME = re.compile(rf"[^\W_]{_CHAR}*(?:[_ ]+{_CHAR}+)*[_ ]*")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{([^{}]*)\}")
_CODE = re.compile(r"[A-Z0-9]{3,}")
_AGENT = re.compile(r"~[A-Z]{3,}")
_DAY = re.compile(r"\d{6}|\d{8}")


@dataclass(frozen=True)
class Code:
    """A code with the days it applies on (ISO dates, inclusive; "" for an open side)."""

    code: str
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


@dataclass(frozen=True)
class ActorEntry:
    name: str  # the name line's words, space-separated, as written ("RUFUS T FIREFLY")
    synonyms: tuple[str, ...]
    codes: tuple[Code, ...]
    line: int


@dataclass(frozen=True)
class AgentEntry:
    name: str  # "SOLDIER"
    plurals: tuple[str, ...]
    code: str  # the agent code without its tilde: "MIL"
    line: int


@dataclass(frozen=True)
class Problem:
    line: int
    detail: str


@dataclass(frozen=True)
class Dictionary:
    path: str
    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    problems: tuple[Problem, ...]


@dataclass
class _Open:
    """The actor entry being read: its name line, then ``+`` and ``[...]`` lines."""

    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)


class _Reader:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.actors: list[ActorEntry] = []
        self.agents: list[AgentEntry] = []
        self.problems: list[Problem] = []
        self.open: _Open | None = None

    def problem(self, line: int, detail: str) -> None:
        self.problems.append(Problem(line, detail))

    def close(self) -> None:
        entry, self.open = self.open, None
        if entry is None:
            return
        if not entry.codes:
            self.problem(entry.line, f"'{entry.name}' has no code (add [CODE] to its line); skipped")
            return
        self.actors.append(ActorEntry(entry.name, tuple(entry.synonyms), tuple(entry.codes), entry.line))

    def feed(self, n: int, raw: str) -> None:
        text = raw.split("#", 1)[0].strip()
        if not text:
            return
        if text.startswith("+"):
            self.synonym(n, text[1:])
        elif text.startswith("["):
            self.code_line(n, text)
        else:
            self.name_line(n, text)

    def synonym(self, n: int, text: str) -> None:
        if self.open is None:
            self.problem(n, "a synonym ('+' line) outside an actor entry; skipped")
            return
        if "[" in text:
            self.problem(n, "a synonym takes its entry's codes; the code on this line is ignored")
            text = text.split("[", 1)[0]
        name = _name(text)
        if name is None:
            self.problem(n, f"'+{text.strip()}' is not a name (WORDS_JOINED_BY_UNDERSCORES_); skipped")
        else:
            self.open.synonyms.append(name)

    def code_line(self, n: int, text: str) -> None:
        if self.open is None:
            self.problem(n, "a code line outside an actor entry (put it under a name line); skipped")
            return
        codes, rest = _codes(text, n, self.problems)
        if rest:
            self.problem(n, f"unexpected text '{rest}' after the codes; ignored")
        self.open.codes += [c for c in codes if not c.code.startswith("~")]

    def name_line(self, n: int, text: str) -> None:
        head = re.split(r"[\[{]", text, maxsplit=1)[0]
        name = _name(head)
        if name is None:
            self.problem(n, f"'{text}' is neither a name line (NAME_ [CODE]), a '+' synonym nor a [CODE] line")
            return
        self.close()
        plurals = [p for g in _BRACES.findall(text) for p in (_name(w) for w in g.split()) if p]
        codes, rest = _codes(_BRACES.sub(" ", text[len(head) :]), n, self.problems)
        if rest:
            self.problem(n, f"unexpected text '{rest}' on the name line; ignored")
        agent = [c.code[1:] for c in codes if c.code.startswith("~")]
        if agent:
            self.agent(n, name, tuple(plurals), agent[0])
        elif self.kind == "agents":
            self.problem(n, f"'{name}' has no agent code such as [~GOV]; skipped")
        else:
            self.open = _Open(name, n, codes=list(codes))

    def agent(self, n: int, name: str, plurals: tuple[str, ...], code: str) -> None:
        if self.kind == "actors":
            self.problem(n, f"'{name}' has an agent code [~{code}] in an actors dictionary; skipped")
        else:
            self.agents.append(AgentEntry(name, plurals, code, n))


def _name(text: str) -> str | None:
    """'RUFUS_T_FIREFLY_' -> 'RUFUS T FIREFLY'; None for text that is not a name."""
    text = text.strip()
    if not _NAME.fullmatch(text):
        return None
    return " ".join(w for w in re.split(r"[_ ]+", text) if w)


def _codes(text: str, n: int, problems: list[Problem]) -> tuple[list[Code], str]:
    """The codes of every [...] group in ``text``, and whatever text is left outside them."""
    out: list[Code] = []
    for group in _BRACKET.findall(text):
        parts = group.split()
        code = parts[0].upper() if parts else ""
        if not (_CODE.fullmatch(code) or _AGENT.fullmatch(code)):
            problems.append(Problem(n, f"'[{group}]' is not a code such as [FRDGOV] or [~MIL]; skipped"))
            continue
        bounds = _bounds(" ".join(parts[1:]))
        if isinstance(bounds, str):
            problems.append(Problem(n, f"'[{group}]': {bounds}; skipped"))
            continue
        out.append(Code(code, *bounds))
    return out, _BRACKET.sub(" ", text).strip()


def _bounds(text: str) -> tuple[str, str] | str:
    """(start, end) ISO days for '', '>D', '<D' or 'D-D'; a reason string when malformed."""
    text = text.replace(" ", "")
    if not text:
        return "", ""
    try:
        if text[0] == ">":
            return _day(text[1:]).isoformat(), ""
        if text[0] == "<":
            return "", (_day(text[1:]) - timedelta(days=1)).isoformat()
        first, dash, last = text.partition("-")
        if dash:
            start, end = _day(first), _day(last)
            if start > end:
                return f"the range starts after it ends ({first} > {last})"
            return start.isoformat(), end.isoformat()
    except ValueError as err:
        return str(err)
    return f"dates must be >YYMMDD, <YYMMDD or YYMMDD-YYMMDD, found '{text}'"


def _day(text: str) -> date:
    if not _DAY.fullmatch(text):
        raise ValueError(f"'{text}' is not a date (YYMMDD or YYYYMMDD)")
    full = text
    if len(text) == 6:
        yy = int(text[:2])
        full = f"{2000 + yy if yy < PIVOT else 1900 + yy}{text[2:]}"
    try:
        return date(int(full[:4]), int(full[4:6]), int(full[6:]))
    except ValueError:
        raise ValueError(f"'{text}' is not a valid day") from None


def parse_dictionary(text: str, *, path: str = "<text>", kind: str = "auto") -> Dictionary:
    """Entries of a dictionary's text; ``kind`` actors|agents rejects lines of the other kind."""
    if kind not in KINDS:
        raise ParleyError(E.E082, path=path, detail=f"kind '{kind}' is not one of {', '.join(KINDS)}")
    reader = _Reader(kind)
    for n, raw in enumerate(text.splitlines(), start=1):
        reader.feed(n, raw)
    reader.close()
    return Dictionary(path, tuple(reader.actors), tuple(reader.agents), tuple(reader.problems))


def read_dictionary(path: Path, *, kind: str = "auto") -> Dictionary:
    """Read and parse a dictionary file (UTF-8, or Latin-1 when it is not valid UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParleyError(E.E080, path=path, detail=err.strerror or str(err)) from err
    if b"\x00" in data:
        raise ParleyError(E.E080, path=path, detail="it holds NUL bytes: a binary file?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_dictionary(text, path=str(path), kind=kind)
