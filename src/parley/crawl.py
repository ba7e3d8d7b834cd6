"""`parley fetch`: download a list of URLs into the database, then code the stored pages.

    summary = fetch_and_run(Path("urls.txt"), db=Path("parley.duckdb"), config=load_config(),
                            options=FetchOptions(delay=1.0))

Pages go into the ``fetched`` table as soon as they arrive (raw bytes and headers' facts), before
any processing, so an interrupted run keeps them and a rerun downloads nothing twice: it skips
URLs stored or failed for good (4xx, robots.txt, too large, wrong type) and tries transient
failures (5xx, timeouts) again unless told not to. The stored pages then go through the normal
pipeline as HTML documents; pages already coded are skipped by the content-hash check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from parley.config import Config
from parley.ingest.fetch import Fetcher, FetchOptions, Page, by_turns, page_documents, read_url_list
from parley.records import Document, Rejected, RunSummary
from parley.store import Store
from parley.store import fetched as table

if TYPE_CHECKING:
    from parley.pipeline import Engine


@dataclass(frozen=True)
class FetchSummary:
    """What one `parley fetch` did: downloads, URLs left alone, failures, and the processing run."""

    fetched: int = 0  # pages downloaded and stored by this run
    skipped: int = 0  # already stored, or failed for good, in an earlier run
    failed: tuple[Rejected, ...] = ()  # bad lines of the list, and URLs that failed this time
    run: RunSummary | None = None  # None with process=False


def fetch_urls(
    urls: Iterable[str], store: Store, fetcher: Fetcher, *, retry_failed: bool = True,
    on_page: Callable[[str, Page | None], None] | None = None,
) -> FetchSummary:  # fmt: skip
    """Fetch and store each URL not yet stored, taking hosts in turn; ``on_page(url, page)`` after
    each (page None: skipped)."""
    done = table.states(store.con)
    fetched, skipped, failed = 0, 0, []
    for url in by_turns(urls):
        state = done.get(url)
        if state == "ok" or state == "failed" or (state == "transient" and not retry_failed):
            skipped += 1
            if on_page:
                on_page(url, None)
            continue
        page = fetcher.fetch(url)
        table.save(store.con, page)
        if page.ok:
            fetched += 1
        else:
            failed.append(Rejected(url, page.error_code or "E073", page.error or url))
        if on_page:
            on_page(url, page)
    return FetchSummary(fetched, skipped, tuple(failed))


def stored_documents(store: Store, urls: Iterable[str]) -> Iterator[Document | Rejected]:
    """The stored pages of ``urls`` as documents, read one at a time (URLs without a page are left out)."""
    for url in urls:
        page = table.load(store.con, url)
        if page is not None and page.ok:
            yield from page_documents(page)


def fetch_and_run(
    url_file: Path, *, db: Path, config: Config, options: FetchOptions | None = None, retry_failed: bool = True,
    process: bool = True, engine: Engine | None = None, on_page: Callable[[str, Page | None], None] | None = None,
    on_item: Callable[[object], None] | None = None,
) -> FetchSummary:  # fmt: skip
    """Fetch the URLs listed in ``url_file`` into ``db``, then (unless ``process`` is False) code
    every stored page of the list; bad lines and failed URLs are reported in the summary."""
    from parley.pipeline import run_into  # spaCy is loaded only when there is something to process

    items = list(read_url_list(url_file))
    urls = [u for u in items if isinstance(u, str)]
    bad = tuple(r for r in items if isinstance(r, Rejected))
    with Store.open(db, memory_limit=config.db_memory_limit) as store:
        got = fetch_urls(urls, store, Fetcher(options), retry_failed=retry_failed, on_page=on_page)
        failed = bad + got.failed
        if not process:
            return FetchSummary(got.fetched, got.skipped, failed)
        docs = chain(failed, stored_documents(store, urls))
        run = run_into(store, docs, label=[str(url_file)], config=config, engine=engine, on_item=on_item)
    return FetchSummary(got.fetched, got.skipped, failed, run)
