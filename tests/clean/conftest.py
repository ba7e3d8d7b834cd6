"""Helpers for the clean-stage tests: build a Document from text written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.clean import clean_document
from parley.records import Article, Document, content_hash

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def make_doc(text: str, doc_id: str = "t1", **meta: str) -> Document:
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=content_hash(text), **meta)


def clean(text: str, **meta: str) -> list[Article]:
    return clean_document(make_doc(text, **meta))


def only(text: str, **meta: str) -> Article:
    articles = clean(text, **meta)
    assert len(articles) == 1, [a.text for a in articles]
    return articles[0]


def kinds(article: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for span in article.dropped:
        out.setdefault(span.kind, []).append(span.text)
    return out


@pytest.fixture
def seed_text():
    def read(prefix: str) -> Document:
        if not SEEDS.is_dir():
            pytest.skip(f"seed articles not found at {SEEDS} (they live in the shared folder)")
        path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
        if path is None:
            pytest.skip(f"seed {prefix} not found in {SEEDS}")
        text = path.read_text(encoding="utf-8")
        return make_doc(text, doc_id=path.stem)

    return read
