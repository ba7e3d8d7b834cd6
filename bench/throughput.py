"""Throughput of `parley run` against bare spaCy parsing of the same texts, in one process.

    .venv/bin/python bench/throughput.py [--corpus ../shared/corpus/bbc] [--limit N]

Prints articles/s and words/s for both, their ratio, and the peak memory (RSS) of
the process. parley's figure covers the whole path: reading files, cleaning, the
parse, actors, events, dates and the DuckDB writes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from parley.config import load_config
from parley.ingest import list_files
from parley.nlp import load_pipeline
from parley.pipeline import Engine, run

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "bbc")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files (0 = all)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent (the shared corpora are not here)")
        return 0
    files = [p for p in list_files([args.corpus]) if isinstance(p, Path)]
    files = files[: args.limit] if args.limit else files
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    words = sum(len(t.split()) for t in texts)
    config = load_config(overrides={"progress": False})

    engine = Engine.build(config)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        summary = run(files, db=Path(tmp) / "bench.duckdb", config=config, engine=engine)
        t_parley = time.perf_counter() - t0

    nlp = load_pipeline(config.model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config.batch_size):
        pass
    t_spacy = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    print(f"corpus        {args.corpus} ({n} files, {words} words)")
    print(f"parley run    {t_parley:7.1f} s  {n / t_parley:7.1f} articles/s  {words / t_parley:9.0f} words/s"
          f"  ({summary.events} events, {summary.sentences} sentences, {len(summary.rejected)} rejected)")
    print(f"bare spaCy    {t_spacy:7.1f} s  {n / t_spacy:7.1f} articles/s  {words / t_spacy:9.0f} words/s")
    print(f"ratio         {t_spacy / t_parley:.2f} x bare spaCy's throughput")
    print(f"peak memory   {peak_mb:.0f} MB (RSS of this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
