"""Shared fixtures: one real spaCy pipeline and knowledge base per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    from parley.config import load_config
    from parley.pipeline import Engine

    return Engine.build(load_config(overrides={"progress": False}))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared seeds and scorer are not on this machine")
    return SHARED
