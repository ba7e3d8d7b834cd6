from __future__ import annotations

import pytest

from parley.actors import KnowledgeBase, default_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_kb()
