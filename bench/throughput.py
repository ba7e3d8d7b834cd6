"""Throughput of `parley run` against bare spaCy parsing of the same texts, in one process.

    .venv/bin/python bench/throughput.py [--corpus ../shared/corpus/bbc] [--limit N] [--workers 1 2] [--spark 1 2]
        [--warmup 20]

Prints articles/s and words/s for both, their ratio, and the peak memory (RSS) of
the process. parley's figure covers the whole path: reading files, cleaning, the
parse, actors, events, dates and the DuckDB writes.
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from parley.config import load_config
from parley.ingest import list_files
from parley.parallel import cpu_count
from parley.pipeline import Engine, run

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "bbc")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files (0 = all)")
    ap.add_argument("--workers", type=int, nargs="*", default=[cpu_count()], help="worker counts to time (1 always)")
    ap.add_argument("--warmup", type=int, default=20,
                    help="process the first N files once, untimed, before timing parley and bare spaCy alike")
    ap.add_argument("--learned", action="store_true", help="with the learned sentence classifier on")
    ap.add_argument("--spark", type=int, nargs="*", default=[], metavar="CORES",
                    help="also time `parley spark` in local mode with these core counts (needs pyspark and Java)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent (the shared corpora are not here)")
        return 0
    files = [p for p in list_files([args.corpus]) if isinstance(p, Path)]
    files = files[: args.limit] if args.limit else files
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    words = sum(len(t.split()) for t in texts)
    config = load_config(overrides={"progress": False, "learned": True if args.learned else None})

    engine = Engine.build(config)
    # Both sides get the same untimed warm-up: the first pass of a process fills spaCy's vocabulary,
    # the lemmatizer's tables and the CPU caches, and would otherwise be charged to whichever runs first.
    warm = files[: args.warmup]
    if warm:
        with tempfile.TemporaryDirectory() as tmp:
            run(warm, db=Path(tmp) / "warm.duckdb", config=replace(config, workers=1), engine=engine)
        if engine.learned is not None:  # its model loads on first use, like spaCy's before the clock
            engine.learned[1].encode(["warm-up"])
    timings = {}
    for workers in sorted({1, *args.workers}):
        cfg = replace(config, workers=workers)
        engine.config = cfg
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            summary = run(files, db=Path(tmp) / "bench.duckdb", config=cfg, engine=engine)
            timings[workers] = (time.perf_counter() - t0, summary)

    spark_timings = {}
    for cores in args.spark:
        from parley.spark import run_spark

        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = run_spark([str(p) for p in files], Path(tmp) / "out", config=config, master=f"local[{cores}]")
            spark_timings[cores] = (time.perf_counter() - t0, result)

    nlp = importlib.import_module(config.model).load()  # the whole shipped pipeline, as a user would run it
    for _ in nlp.pipe(texts[: args.warmup], batch_size=config.batch_size):
        pass
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=config.batch_size):
        pass
    t_spacy = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(texts)
    print(f"corpus        {args.corpus} ({n} files, {words} words)")
    print(f"bare spaCy    {t_spacy:7.1f} s  {n / t_spacy:7.1f} articles/s  {words / t_spacy:9.0f} words/s  (1 process)")
    for workers, (t, summary) in timings.items():
        print(f"parley run    {t:7.1f} s  {n / t:7.1f} articles/s  {words / t:9.0f} words/s  {workers} worker(s),"
              f" {t_spacy / t:.2f} x bare spaCy, {timings[1][0] / t:.2f} x 1 worker"
              f"  ({summary.events} events, {len(summary.rejected)} rejected)")
    for cores, (t, result) in spark_timings.items():
        print(f"parley spark  {t:7.1f} s  {n / t:7.1f} articles/s  {words / t:9.0f} words/s  local[{cores}],"
              f" {t_spacy / t:.2f} x bare spaCy, {timings[1][0] / t:.2f} x 1 worker"
              f"  ({result.events} events, {result.clusters} clusters; includes Spark's start-up)")
    print(f"peak memory   {peak_mb:.0f} MB (this process), {child_mb:.0f} MB (largest worker process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
