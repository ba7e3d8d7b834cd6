"""How time and memory grow with the corpus: 1k, 5k, 10k ... articles.

    .venv/bin/python bench/scaling.py [--sizes 1000 5000 10000] [--workers N]

The corpora are built from the real BBC texts (../shared/corpus/bbc), each copy varied by a
sentence naming its copy number so that the content hashes differ and nothing is skipped as
already stored. Each size runs in a fresh process, which reports its wall time and the peak RSS
of itself (the parent: pipeline, knowledge base, DuckDB), the parent's highest RSS sampled while
documents stream (before the cluster rebuild at the end), that of its largest worker, and the size
of the database file.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BBC = HERE.parent.parent / "shared" / "corpus" / "bbc"


def build(n: int, out: Path, shard: int = 1000) -> int:
    """``n`` articles as JSONL files of ``shard`` lines each (as news-API dumps come) under ``out``."""
    files = [p for p in sorted(BBC.rglob("*.txt")) if p.name != "README.TXT"]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    words = 0
    out.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, shard):
        with (out / f"part-{start // shard:05d}.jsonl").open("w", encoding="utf-8") as f:
            for i in range(start, min(start + shard, n)):
                text = texts[i % len(texts)] + f"\n\nThis is copy {i // len(texts)} of the story."
                words += len(text.split())
                f.write(json.dumps({"id": f"doc{i:07d}", "text": text}) + "\n")
    return words


def one(n: int, workers: int) -> None:
    from parley.config import load_config
    from parley.pipeline import run

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        words = build(n, corpus)
        t0 = time.perf_counter()
        config = load_config(overrides={"progress": False, "workers": workers})
        seen = [0, 0]  # items, highest RSS sampled while documents stream (before the cluster rebuild)

        def sample(_: object) -> None:
            seen[0] += 1
            if seen[0] % 250 == 0:
                seen[1] = max(seen[1], _rss_mb())

        summary = run([corpus], db=Path(tmp) / "s.duckdb", config=config, on_item=sample)
        elapsed = time.perf_counter() - t0
        db_mb = (Path(tmp) / "s.duckdb").stat().st_size / 2**20
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"articles": n, "words": words, "seconds": round(elapsed, 1), "events": summary.events,
                      "articles_per_s": round(n / elapsed, 1), "parent_mb": round(own), "worker_mb": round(kids),
                      "streaming_mb": seen[1], "db_mb": round(db_mb)}))


def _rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--workers", type=int, default=0, help="0 = one per core")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one(args.one, args.workers)
        return 0
    if not BBC.exists():
        print(f"skipped: {BBC} is absent")
        return 0
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>11} {'parent MB':>10} {'streaming MB':>13}"
          f" {'worker MB':>10} {'database MB':>12}")
    for n in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            print(f"{n:>9} failed:\n{done.stderr[-3000:]}")
            return 1
        line = done.stdout.strip().splitlines()[-1]
        r = json.loads(line)
        row = (r["articles"], r["seconds"], r["articles_per_s"], r["parent_mb"], r["streaming_mb"], r["worker_mb"],
               r["db_mb"])
        print("{:>9} {:>8} {:>11} {:>10} {:>13} {:>10} {:>12}".format(*row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
