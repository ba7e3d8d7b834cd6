"""All cores on one machine: the pipeline's ``process`` in worker processes.

Workers are forked after the engine (spaCy pipeline, knowledge base, lexicon) is built, so each
starts with it already in memory; chunks of documents go out, processed records come back in input
order, and only the parent writes to the database. At most ``2 x workers`` chunks are in flight, so
memory stays flat however large the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from parley.records import Document, Rejected

_ENGINE: Any = None  # set once in each worker process by _init (a worker-local service, not shared state)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_parallel(docs: Iterable[Document], engine: Any, workers: int) -> Iterator[Any]:
    """Like ``parley.pipeline.process``, spread over ``workers`` processes."""
    from parley.pipeline import process

    if workers <= 1:
        yield from process(docs, engine)
        return
    ctx = multiprocessing.get_context("fork")
    size = max(engine.config.batch_size, 1)
    it = iter(docs)
    with ctx.Pool(workers, initializer=_init, initargs=(engine,)) as pool:
        pending: deque[Any] = deque()
        while True:
            while len(pending) < 2 * workers and (chunk := list(islice(it, size))):
                pending.append(pool.apply_async(_work, (chunk,)))
            if not pending:
                break
            yield from pending.popleft().get()


def _init(engine: Any) -> None:
    global _ENGINE
    _ENGINE = engine


def _work(chunk: list[Document]) -> list[Any]:
    from parley.pipeline import process

    try:
        return list(process(chunk, _ENGINE))
    except Exception as err:  # a worker must answer for every document it was given
        return [Rejected(d.source, "E030", f"[E030] could not process {d.source}: {err!r}") for d in chunk]
