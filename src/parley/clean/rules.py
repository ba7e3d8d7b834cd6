"""Boilerplate rules: named, grouped heuristics loaded from TOML and validated when loaded.

    rules = load_rules()                        # the shipped data/boilerplate.toml
    rules = load_rules(Path("my-outlets.toml"))  # shipped rules plus the user's additions

A malformed file raises ``ParleyError(E.E040, ...)`` naming the group and key at fault.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from parley.errors import E, ParleyError

DEFAULT_RULES = "boilerplate.toml"

# group -> key -> kind of value. "lines": list of strings, "regexes": list of regexes,
# "dated": list of regexes with a (?P<date>...) group, "regex": one regex, "int": a number.
SCHEMA: Mapping[str, Mapping[str, str]] = {
    "meta": {"version": "int"},
    "paywall": {"lines": "lines", "patterns": "regexes"},
    "furniture": {"lines": "lines", "patterns": "regexes"},
    "sidebar": {"lines": "lines", "patterns": "regexes", "start_lines": "lines", "start_patterns": "regexes"},
    "comments": {
        "lines": "lines",
        "patterns": "regexes",
        "start_lines": "lines",
        "start_patterns": "regexes",
        "username": "regex",
        "marker_lines": "lines",
        "marker_patterns": "regexes",
        "window": "int",
    },
    "caption": {"lines": "lines", "patterns": "regexes"},
    "dateline": {"prefix": "dated", "line": "dated", "lead": "regexes"},
    "summary": {"bullet": "regex"},
    "headline": {"min_words": "int", "max_words": "int", "max_chars": "int"},
}

_BULLET_OR_SPACE = re.compile(r"^[\s•·▪▫◦‣►▶■□●○∙*]+")
_SPACES = re.compile(r"\s+")


def normalise_line(line: str) -> str:
    """The form exact ``lines`` are compared in: trimmed, no leading bullet, spaces collapsed, folded."""
    return _SPACES.sub(" ", _BULLET_OR_SPACE.sub("", line)).strip().casefold()


@dataclass(frozen=True)
class Group:
    """Exact lines plus regexes; a line belongs to the group when either matches."""

    name: str
    lines: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        if normalise_line(stripped) in self.lines:
            return True
        return any(p.search(stripped) for p in self.patterns)


@dataclass(frozen=True)
class Rules:
    """All cleaning heuristics, compiled. Build it with :func:`load_rules`."""

    paywall: Group
    furniture: Group
    sidebar: Group
    sidebar_start: Group
    comments: Group
    comments_start: Group
    comment_marker: Group
    username: re.Pattern[str]
    comment_window: int
    caption: Group
    date_prefix: tuple[re.Pattern[str], ...]
    date_line: tuple[re.Pattern[str], ...]
    lead_dateline: tuple[re.Pattern[str], ...]
    bullet: re.Pattern[str]
    headline_min_words: int
    headline_max_words: int
    headline_max_chars: int
    source: str = DEFAULT_RULES


def load_rules(path: Path | None = None) -> Rules:
    """The shipped rules, plus those in ``path`` (lists extend the shipped ones, numbers replace)."""
    if path is None:
        return default_rules()
    data = _merge(_default_data(), _read(path))
    return _build(validate(data, source=str(path)), source=str(path))


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The shipped rules, compiled once per process."""
    return _build(validate(_default_data(), source=DEFAULT_RULES), source=DEFAULT_RULES)


def validate(data: Mapping[str, Any], *, source: str) -> dict[str, dict[str, Any]]:
    """Check every group and key against :data:`SCHEMA`; return the data with regexes compiled."""
    out: dict[str, dict[str, Any]] = {}
    for group, table in data.items():
        if group not in SCHEMA:
            _fail(source, f"unknown group [{group}]; known groups: {', '.join(SCHEMA)}")
        if not isinstance(table, Mapping):
            _fail(source, f"[{group}] must be a table")
        out[group] = {key: _check(source, group, key, value) for key, value in table.items()}
    missing = [g for g in SCHEMA if g not in out or set(SCHEMA[g]) - set(out[g])]
    if missing:
        _fail(source, f"groups with missing keys: {missing}")
    return out


def _check(source: str, group: str, key: str, value: Any) -> Any:
    kind = SCHEMA[group].get(key)
    where = f"[{group}] {key}"
    if kind is None:
        _fail(source, f"unknown key {where}; known keys: {', '.join(SCHEMA[group])}")
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            _fail(source, f"{where} must be a whole number >= 0")
        return value
    if kind == "regex":
        return _compile(source, where, value)
    if not isinstance(value, list):
        _fail(source, f"{where} must be a list of strings")
    if kind == "lines":
        return frozenset(normalise_line(_text(source, where, v)) for v in value)
    compiled = tuple(_compile(source, where, v) for v in value)
    if kind == "dated":
        for pattern in compiled:
            if "date" not in pattern.groupindex:
                _fail(source, f"{where}: pattern {pattern.pattern!r} has no (?P<date>...) group")
    return compiled


def _compile(source: str, where: str, value: Any) -> re.Pattern[str]:
    text = _text(source, where, value)
    try:
        return re.compile(text)
    except re.error as err:
        _fail(source, f"{where}: pattern {text!r} does not compile ({err})")


def _text(source: str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(source, f"{where}: entries must be non-empty strings, got {value!r}")
    return str(value)


def _fail(source: str, detail: str) -> NoReturn:
    raise ParleyError(E.E040, path=source, detail=detail)


def _default_data() -> dict[str, Any]:
    text = resources.files("parley.clean").joinpath("data", DEFAULT_RULES).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ParleyError(E.E040, path=path, detail=str(err)) from err


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``extra`` laid over it: lists are extended, other values replaced."""
    merged = {group: dict(table) for group, table in base.items()}
    for group, table in extra.items():
        if not isinstance(table, Mapping):
            merged[group] = table  # validate() reports it
            continue
        into = merged.setdefault(group, {})
        for key, value in table.items():
            old = into.get(key)
            into[key] = [*old, *value] if isinstance(old, list) and isinstance(value, list) else value
    return merged


def _group(name: str, table: Mapping[str, Any], prefix: str = "") -> Group:
    return Group(name, table[f"{prefix}lines"], table[f"{prefix}patterns"])


def _build(data: Mapping[str, Mapping[str, Any]], *, source: str) -> Rules:
    comments, sidebar, head = data["comments"], data["sidebar"], data["headline"]
    return Rules(
        paywall=_group("paywall", data["paywall"]),
        furniture=_group("furniture", data["furniture"]),
        sidebar=_group("sidebar", sidebar),
        sidebar_start=_group("sidebar", sidebar, "start_"),
        comments=_group("comments", comments),
        comments_start=_group("comments", comments, "start_"),
        comment_marker=_group("comments", comments, "marker_"),
        username=comments["username"],
        comment_window=comments["window"],
        caption=_group("caption", data["caption"]),
        date_prefix=data["dateline"]["prefix"],
        date_line=data["dateline"]["line"],
        lead_dateline=data["dateline"]["lead"],
        bullet=data["summary"]["bullet"],
        headline_min_words=head["min_words"],
        headline_max_words=head["max_words"],
        headline_max_chars=head["max_chars"],
        source=source,
    )
