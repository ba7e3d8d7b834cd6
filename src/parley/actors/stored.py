"""Imported dictionaries in a database: import, remove, list, and the knowledge base a run uses.

    with Store.open(Path("x.duckdb")) as store:
        report = import_dictionary(Path("freedonia.actors"), store)
        kb = knowledge_base(store)      # built-in knowledge plus every imported file

Imported rows live in the database's ``user_actors`` table, so ``parley run --db x.duckdb`` codes
with them and another database is untouched. Importing a file again replaces what came from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parley.actors.dictionary import Problem, read_dictionary
from parley.actors.imported import convert
from parley.actors.kb import KnowledgeBase, default_kb, load_kb
from parley.actors.model import ImportedRow
from parley.errors import E, ParleyError
from parley.store import Store
from parley.store import user_actors as table


@dataclass(frozen=True)
class ImportReport:
    source: str
    counts: dict[str, int]  # rows per data-file stem (countries, people, organisations, words, offices)
    known: int  # entries or names parley already knew
    added: int  # rows new to the database
    removed: int  # rows an earlier import of the file had that this one has not
    problems: tuple[Problem, ...]

    def lines(self) -> list[str]:
        """The problems as catalogue messages naming the file and line."""
        return [E.E081.format(path=self.source, line=p.line, detail=p.detail) for p in self.problems]


def knowledge_base(store: Store) -> KnowledgeBase:
    """The built-in knowledge base, extended by the rows imported into ``store``."""
    return kb_with(table.read_rows(store.con))


def kb_with(rows: Sequence[ImportedRow]) -> KnowledgeBase:
    """The built-in knowledge base plus ``rows`` (identical rows from several files count once)."""
    if not rows:
        return default_kb()
    unique: dict[tuple[str, tuple[tuple[str, str], ...]], ImportedRow] = {}
    for row in rows:
        unique.setdefault((row.stem, tuple(sorted(row.cells.items()))), row)
    return load_kb(extra=list(unique.values()))


def import_dictionary(path: Path, store: Store, *, kind: str = "auto", strict: bool = False) -> ImportReport:
    """Parse, convert and validate a dictionary file, then store its rows in place of the file's
    earlier ones. Nothing is stored when the rows do not load (``ParleyError`` E010 names the line),
    nor, with ``strict``, when any line has a problem (E081 names the first)."""
    dictionary = read_dictionary(path, kind=kind)
    if not dictionary.actors and not dictionary.agents:
        first = f"line {dictionary.problems[0].line}: {dictionary.problems[0].detail}" if dictionary.problems else ""
        raise ParleyError(E.E082, path=path, detail=first or "no entries")
    source = str(path.resolve())
    others = [r for r in table.read_rows(store.con) if r.source != source]
    conversion = convert(dictionary, kb_with(others), source=source)
    kb_with([*others, *conversion.rows])  # validates; raises E010 naming the file and line
    counts: dict[str, int] = {}
    for row in conversion.rows:
        counts[row.stem] = counts.get(row.stem, 0) + 1
    problems = tuple(sorted((*dictionary.problems, *conversion.problems), key=lambda p: p.line))
    if strict and problems:
        raise ParleyError(E.E081, path=path, line=problems[0].line, detail=problems[0].detail)
    added, removed = table.replace_source(store.con, source, conversion.rows)
    return ImportReport(source, counts, conversion.known, added, removed, problems)


def remove_dictionary(path: Path, store: Store) -> int:
    """Forget what was imported from ``path``; returns how many rows went."""
    removed = sum(table.replace_source(store.con, s, [])[1] for s in dict.fromkeys((str(path.resolve()), str(path))))
    if not removed:
        raise ParleyError(E.E083, path=path, db=store.path)
    return removed


def describe(row: ImportedRow) -> str:
    """One line for `parley actors list --imported`."""
    c = row.cells
    if row.stem == "people":
        when = f" {c.get('start', '')}..{c.get('end', '')}" if c.get("start") else ""
        return f"person  {c['country']}:{c['id']}  {c['name']}  {c['office']} {c.get('sector', '')}{when}"
    if row.stem == "countries":
        names = "|".join(n for n in (c.get("aliases"), c.get("demonyms")) if n)
        return f"state   {c['iso3']}  {c['name']}" + (f"  ({names})" if names else "")
    if row.stem == "organisations":
        return f"org     {c['country']}:{c['id']}  {c['name']}  {c['sector']}"
    if row.stem == "words":
        return f"agent   {c['word']}  {c.get('value', '')}"
    return f"{row.stem}  " + "  ".join(f"{k}={v}" for k, v in c.items())
