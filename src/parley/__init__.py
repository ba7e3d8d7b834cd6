"""parley: political event data from news articles.

import parley
db = parley.open("parley.duckdb")      # after `parley run FILES`
db.first_and_last("Donald Trump", "Kim Jong Un")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from parley.analysis.queries import Database


def open(path: Any) -> Database:
    """Open a parley database read-only for queries (see ``parley.analysis.queries``)."""
    from parley.analysis.queries import open_database

    return open_database(path)
