"""A real database (examples + an article full of HTML payloads) and a real server for the web tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "Russia attacked Ukraine on Monday <img src=x onerror=\"window.__xss='img'\"> near Kharkiv, "
    "officials said <script>window.__xss='script'</script>.\n\n"
    "Ukraine accused Russia of war crimes <svg onload=\"window.__xss='svg'\"></svg> on Tuesday."
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from parley.cli import main

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.jsonl"
    record = {"id": "hostile", "title": "<b>Payloads</b>", "date": "2022-03-02", "outlet": "Test", "text": HOSTILE}
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp / "web.duckdb"
    assert main(["run", str(ROOT / "examples" / "corpus"), str(hostile), "--db", str(db), "--no-progress"]) == 0
    return db


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[str]:
    import uvicorn

    from parley.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)
