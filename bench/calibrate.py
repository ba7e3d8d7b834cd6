"""Calibrate event confidence on gold data: how often are events of each score right?

    .venv/bin/python bench/calibrate.py [--write]

Runs parley on the seeds (../shared/seeds, gold ../shared/eval/gold/seeds.jsonl) and on the
bundled examples (examples/corpus, gold examples/gold.jsonl), matches predictions to gold with
the shared scorer's own matching, and prints
  1. precision per raw coder score (the evidence weights of ``parley.events.coder``), and
  2. the reliability table of the calibrated confidence: of events with confidence >= x,
     what share is right.
With ``--write`` it stores the smoothed precision per raw score in
``src/parley/events/data/calibration.toml``, which the coder uses as the confidence.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from parley.config import load_config
from parley.pipeline import Engine, run
from parley.store import Store
from parley.store.export import to_format

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TABLE = ROOT / "src" / "parley" / "events" / "data" / "calibration.toml"
SETS = [
    (SHARED / "seeds", SHARED / "eval" / "gold" / "seeds.jsonl"),
    (ROOT / "examples" / "corpus", ROOT / "examples" / "gold.jsonl"),
]


def scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(engine: Engine, corpus: Path, gold_path: Path, score) -> list[tuple[dict, bool]]:  # type: ignore[no-untyped-def]
    """Every prediction on the corpus with whether it matches a gold event."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.duckdb"
        run([corpus], db=db, config=engine.config, engine=engine)
        with Store.open(db, read_only=True) as store:
            preds = [to_format(e) for e in store.events()]
    gold = score.load(str(gold_path))
    out = []
    for doc in {g["doc"] for g in gold}:
        golds = [g for g in gold if g["doc"] == doc]
        mine = [p for p in preds if p["doc"] == doc]
        hit = {j for _, j, _ in score.match_doc(golds, mine)}
        out += [(p, j in hit) for j, p in enumerate(mine)]
    return out


def table(rows: list[tuple[float, bool]]) -> dict[float, tuple[int, int]]:
    counts: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for value, ok in rows:
        counts[round(value, 2)][0] += ok
        counts[round(value, 2)][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


def isotonic(raw: dict[float, tuple[int, int]]) -> dict[float, float]:
    """Smoothed precision per score ((right + 1) / (events + 2)), made non-decreasing in the score
    by pooling adjacent levels that violate the order (pool adjacent violators)."""
    pools: list[list] = []  # [levels, right, events]
    for k, (ok, n) in raw.items():
        pools.append([[k], ok, n])
        while len(pools) > 1 and _rate(pools[-2]) > _rate(pools[-1]):
            last = pools.pop()
            pools[-1] = [pools[-1][0] + last[0], pools[-1][1] + last[1], pools[-1][2] + last[2]]
    return {k: round(_rate(p), 2) for p in pools for k in p[0]}


def _rate(pool: list) -> float:
    return (pool[1] + 1) / (pool[2] + 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="store the calibration table in the package")
    args = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    score = scorer()
    engine = Engine.build(load_config(overrides={"progress": False}))
    results = [r for corpus, gold in SETS for r in judged(engine, corpus, gold, score)]
    print("raw score   right / events   precision")
    raw = table([(p["raw_confidence"], ok) for p, ok in results])
    for k, (ok, n) in raw.items():
        print(f"  {k:4.2f}      {ok:3d} / {n:3d}       {ok / n:.2f}")
    print("\nreliability of the calibrated confidence (events with confidence >= x)")
    for x in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.0):
        sel = [ok for p, ok in results if p["confidence"] >= x]
        if sel:
            print(f"  >= {x:.1f}   {sum(sel):3d} / {len(sel):3d} right   precision {sum(sel) / len(sel):.2f}")
    if args.write:
        lines = ["# Confidence per raw coder score: smoothed precision (right + 1) / (events + 2) on the seeds",
                 "# and the bundled examples, made non-decreasing (pool adjacent violators). Written by",
                 "# bench/calibrate.py --write; a score between rows takes the nearest row below.", "[calibration]"]
        fitted = isotonic(raw)
        lines += [f'"{k:.2f}" = {fitted[k]:.2f}  # {ok} of {n} right' for k, (ok, n) in raw.items()]
        TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
