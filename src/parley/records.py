"""The plain records that flow between parley's stages.

Every stage takes and yields these frozen dataclasses; each serialises to a plain
dict (``to_dict``) and back (``from_dict``), so the same records travel through the
CLI, multiprocessing, a web API or Spark. spaCy objects never leave ``parley.nlp``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

# The category facts live in parley.categories (one data file); records re-exports the two most used.
from parley.categories import CATEGORIES as CATEGORIES
from parley.categories import STATUS_NAMES
from parley.categories import SYMMETRIC as SYMMETRIC

T = TypeVar("T", bound="Record")

STATUSES: tuple[str, ...] = STATUS_NAMES
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "range")


def content_hash(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from text parts (ids are content hashes: re-runs are no-ops)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


class Record:
    """Mixin: dict round-trip for frozen dataclasses (nested records included)."""

    nested: ClassVar[dict[str, type[Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if isinstance(v, Record):
                v = v.to_dict()
            elif isinstance(v, tuple):
                v = [x.to_dict() if isinstance(x, Record) else x for x in v]
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        for k, v in data.items():
            if k not in names:
                continue
            sub = cls.nested.get(k)
            if sub is not None and isinstance(v, dict):
                v = sub.from_dict(v)
            elif sub is not None and isinstance(v, list):
                v = tuple(sub.from_dict(x) if isinstance(x, dict) else x for x in v)
            elif isinstance(v, list):
                v = tuple(v)
            kwargs[k] = v
        return cls(**kwargs)


@dataclass(frozen=True)
class Document(Record):
    """One input unit as read from disk: a file, or one line of a JSONL file."""

    doc_id: str
    source: str  # path (and line number for JSONL), for error messages
    text: str
    content_hash: str
    title: str | None = None
    date: str | None = None  # publication date from metadata, ISO
    url: str | None = None
    outlet: str | None = None
    encoding: str = "utf-8"
    fmt: str = "txt"  # txt | html | jsonl | csv | rss
    author: str | None = None  # byline from metadata


@dataclass(frozen=True)
class Span(Record):
    """A piece of a document's text dropped by cleaning, with the reason."""

    start: int
    end: int
    kind: str  # paywall | furniture | comments | sidebar | caption | dateline ...
    text: str = ""


@dataclass(frozen=True)
class Article(Record):
    """One article's own reporting, cut out of a document. Offsets index ``text``."""

    article_id: str
    doc_id: str
    part: int  # 0 for the first article of a document, 1 for the second ...
    title: str | None
    date: str | None  # publication date, ISO yyyy-mm-dd (or coarser), None when unknown
    text: str  # the cleaned body: what the NLP stage reads
    url: str | None = None
    outlet: str | None = None
    dropped: tuple[Span, ...] = ()  # non-article text kept for inspection, never coded
    date_source: str | None = None  # where the date came from: metadata | 'Updated ...' line | prefix
    genre: str = "news"  # news | opinion (a column arguing a view in the author's voice)
    nested: ClassVar[dict[str, type[Record]]] = {"dropped": Span}


@dataclass(frozen=True)
class Actor(Record):
    """A canonical actor: a state, a person acting for one, or an organisation."""

    actor_id: str  # e.g. "PRK", "PRK:kim-jong-un", "IGO:nato"
    country: str  # ISO 3166-1 alpha-3, or IGO / NGO / MNC
    name: str | None = None  # person or organisation; None for a state or an unnamed part of it
    sector: str = "GOV"  # GOV, MIL, LEG, JUD, MED, BUS, CVL, OPP, REB, IGO ...
    kind: str = "state"  # state | person | org | igo | group
    org: str | None = None  # for a person acting for an organisation (country IGO/NGO): its short name


@dataclass(frozen=True)
class Mention(Record):
    """A stretch of sentence text that refers to an actor. Offsets index the article text."""

    start: int
    end: int
    text: str
    actor: Actor
    how: str = "name"  # name | alias | surname | honorific | role | capital | demonym | pronoun ...
    nested: ClassVar[dict[str, type[Record]]] = {"actor": Actor}


@dataclass(frozen=True)
class DateValue(Record):
    """When something happened, at the precision the text allows."""

    value: str | None  # 2019-02-28 | 2019-02 | 2019 | 2018/2019 | None
    precision: str | None = None  # day | month | year | range | None
    reason: str = ""  # human-readable: "'Monday' relative to 2025-08-26 -> 2025-08-25"


@dataclass(frozen=True)
class Place(Record):
    """A gazetteer entry: where an event happened."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    precision: str = "city"  # site | city | region | country
    how: str = ""  # in the sentence | dateline
    text: str = ""  # the words that named it


@dataclass(frozen=True)
class Sentence(Record):
    sentence_id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event(Record):
    """One coded action of a source actor towards a different target actor."""

    event_id: str
    doc_id: str
    article_id: str
    part: int
    sentence_id: str
    sentence_start: int  # offsets of the sentence in the article text
    sentence_end: int
    evidence: str  # the sentence
    source: Mention
    target: Mention
    category: str
    status: str
    trigger: str  # the words that fired the rule
    trigger_start: int
    trigger_end: int
    date: DateValue
    confidence: float
    cameo: str  # CAMEO root code ("04" for CONSULT ...)
    rule: str = ""  # which lexicon entry / parse pattern fired
    publication_date: str | None = None
    tense: str = ""  # past | present | perfect | future | infinitive | unknown (of the dating verb)
    reference: str = "unknown"  # current (news of the day) | historical (an earlier event) | unknown
    attribution: tuple[str, ...] = ()  # who reports it, outermost first: ("CNN", "a senior official")
    certainty: str = "asserted"  # asserted | hedged | contested | opinion
    certainty_cue: str = ""  # the words that set the certainty ("is said to", "reportedly")
    quote_id: str | None = None  # the direct quote that carries the event, if any
    raw_confidence: float = 0.0  # the coder's evidence score before calibration
    place: Place | None = None  # where it happened, when the text says
    nested: ClassVar[dict[str, type[Record]]] = {
        "source": Mention, "target": Mention, "date": DateValue, "place": Place,
    }  # fmt: skip


@dataclass(frozen=True)
class Quote(Record):
    """A direct quote in an article, with its speaker resolved where the text names one."""

    quote_id: str
    doc_id: str
    article_id: str
    start: int  # offsets of the quoted words (inside the marks) in the article text
    end: int
    text: str
    speaker: Actor | None = None
    speaker_text: str = ""  # the words naming the speaker ("Mr Ri", "he")
    verb: str = ""  # the reporting verb ("said", "told")
    nested: ClassVar[dict[str, type[Record]]] = {"speaker": Actor}


@dataclass(frozen=True)
class Rejected(Record):
    """Input that could not be used, with a coded, user-facing reason."""

    source: str
    code: str
    message: str


@dataclass(frozen=True)
class RunSummary(Record):
    documents: int = 0
    articles: int = 0
    sentences: int = 0
    events: int = 0
    skipped: int = 0  # already in the database
    rejected: tuple[Rejected, ...] = field(default_factory=tuple)
    nested: ClassVar[dict[str, type[Record]]] = {"rejected": Rejected}
