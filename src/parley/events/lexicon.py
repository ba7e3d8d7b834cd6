"""Load and validate the event lexicon (``data/lexicon.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from parley.categories import CATEGORIES
from parley.errors import E, ParleyError
from parley.nlp import Tok

STATUS_KEYS = ("intention", "negation", "condition", "hedge_modal", "modals", "future")


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables built from the data file; immutable."""

    verbs: dict[str, str]  # lemma -> category
    phrases: dict[tuple[str, str], str]  # (verb lemma, child lemma) -> category
    nouns: dict[str, str]  # noun lemma -> category
    appraisal: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    status: dict[str, frozenset[str]]
    phrase_verbs: frozenset[str]
    speech: frozenset[str] = frozenset()  # verbs of saying whose content can criticise
    critical: frozenset[str] = frozenset()  # words that make what was said a criticism
    calibration: tuple[tuple[float, float], ...] = ()  # (raw score, confidence), ascending

    def calibrate(self, raw: float) -> float:
        """The confidence of a raw coder score: the calibrated row at or below it."""
        if not self.calibration:
            return raw
        below = [conf for score, conf in self.calibration if score <= raw + 1e-9]
        return below[-1] if below else self.calibration[0][1] * raw / self.calibration[0][0]

    def category_of_phrase(self, verb: str, child: str) -> str | None:
        return self.phrases.get((verb, child))

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lemma the lexicon knows (triggers, phrase words, status words)."""
        parts = [*self.verbs, *self.nouns, *self.appraisal, *self.speech, *(w for pair in self.phrases for w in pair)]
        return frozenset(parts).union(*self.status.values())


def repair_lemmas(toks: tuple[Tok, ...], words: frozenset[str]) -> tuple[Tok, ...]:
    """Undo the small model's lemma slips on words the lexicon knows ("hoped" -> "hop" -> "hope")."""
    out = list(toks)
    for t in toks:
        if t.lemma not in words and t.lemma + "e" in words and t.text.lower().startswith(t.lemma):
            out[t.i] = t._replace(lemma=t.lemma + "e")
    return tuple(out)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the lexicon; a malformed entry raises ``ParleyError`` naming the file and entry."""
    where = path or Path(str(resources.files("parley.events") / "data" / "lexicon.toml"))
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E010, path=where, where="file", detail=str(err)) from err
    verbs: dict[str, str] = {}
    phrases: dict[tuple[str, str], str] = {}
    nouns: dict[str, str] = {}
    for cat in CATEGORIES:
        table = _table(data, cat, where)
        _add(verbs, _words(table, "verbs", where, cat), cat, where)
        _add(nouns, _words(table, "nouns", where, cat), cat, where)
        for phrase in _words(table, "phrases", where, cat):
            for key in _phrase_keys(phrase, where, cat):
                _add(phrases, [key], cat, where)
    extra = set(data) - set(CATEGORIES) - {"appraisal", "status", "version"}
    if extra:
        raise ParleyError(E.E010, path=where, where=sorted(extra)[0], detail="unknown table")
    appraisal = _table(data, "appraisal", where)
    status = _table(data, "status", where)
    return Lexicon(
        verbs=verbs, phrases=phrases, nouns=nouns,
        appraisal=frozenset(_words(appraisal, "verbs", where, "appraisal")),
        positive=frozenset(_words(appraisal, "positive", where, "appraisal")),
        negative=frozenset(_words(appraisal, "negative", where, "appraisal")),
        status={k: frozenset(_words(status, k, where, "status")) for k in STATUS_KEYS},
        phrase_verbs=frozenset(v for v, _ in phrases),
        speech=frozenset(_words(appraisal, "speech", where, "appraisal")),
        critical=frozenset(_words(appraisal, "critical", where, "appraisal")),
        calibration=load_calibration(where.with_name("calibration.toml")),
    )  # fmt: skip


def load_calibration(path: Path) -> tuple[tuple[float, float], ...]:
    """(raw score, confidence) rows from ``calibration.toml``; none when the file is absent."""
    if not path.exists():
        return ()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["calibration"]
        rows = sorted((float(k), float(v)) for k, v in table.items())
    except (KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E010, path=path, where="[calibration]", detail=str(err)) from err
    if any(not 0 <= c <= 1 for _, c in rows):
        raise ParleyError(E.E010, path=path, where="[calibration]", detail="confidences must lie in [0, 1]")
    return tuple(rows)


def _table(data: dict[str, Any], name: str, where: Path) -> dict[str, Any]:
    table = data.get(name)
    if not isinstance(table, dict):
        raise ParleyError(E.E010, path=where, where=f"[{name}]", detail="missing table")
    return table


def _words(table: dict[str, Any], key: str, where: Path, cat: str) -> list[str]:
    words = table.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ParleyError(E.E010, path=where, where=f"[{cat}].{key}", detail="must be a list of words")
    return [w.strip().lower() for w in words]


def _phrase_keys(phrase: str, where: Path, cat: str) -> list[tuple[str, str]]:
    parts = phrase.split()
    if len(parts) != 2:
        raise ParleyError(E.E010, path=where, where=f"[{cat}] '{phrase}'", detail="want 'VERB WORD|WORD'")
    return [(parts[0], alt) for alt in parts[1].split("|") if alt]


def _add(table: dict[Any, str], keys: list[Any], cat: str, where: Path) -> None:
    for key in keys:
        if table.get(key, cat) != cat:
            detail = f"also listed under {table[key]}"
            raise ParleyError(E.E010, path=where, where=f"[{cat}] {key!r}", detail=detail)
        table[key] = cat
