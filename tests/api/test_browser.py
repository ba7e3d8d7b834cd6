"""The page as a person uses it, in headless Chromium: search, chart, click, highlighted evidence,
and an article full of HTML payloads that must never run."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Screenshots go to docs/ (committed) only when asked: PARLEY_SCREENSHOTS=1 make test
DOCS = Path(__file__).resolve().parents[2] / "docs"
if not os.environ.get("PARLEY_SCREENSHOTS"):
    DOCS = Path(tempfile.gettempdir())
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def page(server: str) -> Iterator:  # type: ignore[type-arg]
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
        pg.errors = errors  # type: ignore[attr-defined]
        pg.goto(server + "/#/dyad")
        yield pg
        browser.close()


def _settled(page, selector: str, ok, timeout: float = 10.0) -> list[str]:  # type: ignore[no-untyped-def]
    """Poll from Python (the page's CSP forbids the eval that string predicates need)."""
    import time

    deadline = time.time() + timeout
    while True:
        texts = page.locator(selector).all_text_contents()
        if ok(texts) or time.time() > deadline:
            return texts
        page.wait_for_timeout(100)


def test_dyad_search_chart_and_highlighted_evidence(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#dyad-a", "Trump")
    page.wait_for_selector("#actor-list option", state="attached")
    page.fill("#dyad-a", "Donald Trump")
    page.fill("#dyad-b", "Kim Jong Un")
    page.select_option("#dyad-by", "month")
    page.click("#dyad-go")
    page.wait_for_selector("#dyad-chart svg rect")
    assert "events between Donald Trump and Kim Jong Un" in page.text_content("#dyad-summary")
    item = page.locator("#dyad-events li", has_text="Singapore").first
    item.click()
    page.wait_for_selector("#detail mark.trigger")
    assert page.text_content("#detail mark.source") and page.text_content("#detail mark.target")
    assert "Sentosa" in page.text_content("#detail .paragraph")
    assert "Reported by" in page.text_content("#detail")
    page.screenshot(path=str(DOCS / "web-dyad.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def test_events_table_filters_and_pages(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/#/events")
    page.wait_for_selector("#events-table tbody tr")
    page.select_option("#f-category", "CONSULT")
    with page.expect_response(lambda r: "category=CONSULT" in r.url):
        page.click("#filter-form button")
    cats = _settled(page, "#events-table tbody tr td:nth-child(4)", lambda c: c and set(c) == {"CONSULT"})
    assert cats and set(cats) == {"CONSULT"}
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_selector("#table-detail mark.trigger")
    page.screenshot(path=str(DOCS / "web-events.png"), full_page=True)


def test_actor_page(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/#/actor/USA:donald-trump")
    page.wait_for_selector("#actor-roles li")
    assert "2017-01-20" in page.text_content("#actor-roles")
    assert "Kim Jong Un" in page.text_content("#actor-partners")
    page.screenshot(path=str(DOCS / "web-actor.png"), full_page=True)


def test_article_payloads_are_shown_as_text_and_never_run(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/#/events")
    page.select_option("#f-category", "")
    page.fill("#f-text", "onerror")
    with page.expect_response(lambda r: "q=onerror" in r.url):
        page.click("#filter-form button")
    page.locator("#page-info", has_text="of 1").wait_for()
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_selector("#table-detail .paragraph")
    assert "<img src=x onerror=" in page.text_content("#table-detail .paragraph")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#table-detail img, #table-detail script, #table-detail svg").count() == 0
    assert page.errors == []  # type: ignore[attr-defined]
