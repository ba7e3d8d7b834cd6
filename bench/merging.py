"""Precision and recall of cross-article merging on a corpus written for it.

    .venv/bin/python bench/merging.py

Runs parley on bench/merge_corpus/articles.jsonl (15 articles reporting 5 real-world events in
different words, one a syndicated copy) and compares its clusters with clusters.jsonl. Each
predicted event that reports a gold event (same document, category and states) is labelled with it;
over all pairs of labelled events, precision is the share of pairs parley put together that belong
together, recall the share of pairs that belong together that parley put together. It also prints,
per gold event, the source count of the cluster holding most of its reports.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

from parley.config import load_config
from parley.pipeline import run
from parley.records import SYMMETRIC
from parley.store import Store

HERE = Path(__file__).resolve().parent / "merge_corpus"


def label(event, gold: list[dict]) -> str | None:  # type: ignore[no-untyped-def]
    pair = [event.source.actor.country, event.target.actor.country]
    for g in gold:
        want = g["countries"]
        same = sorted(pair) == sorted(want) if g["category"] in SYMMETRIC else pair == want
        if event.doc_id in g["docs"] and event.category == g["category"] and same:
            return str(g["cluster"])
    return None


def main() -> int:
    gold = [json.loads(line) for line in (HERE / "clusters.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "m.duckdb"
        run([HERE / "articles.jsonl"], db=db, config=load_config(overrides={"progress": False}))
        with Store.open(db, read_only=True) as store:
            member = {e: c.cluster_id for c in store.clusters() for e in c.events}
            sources = {c.cluster_id: c.sources for c in store.clusters()}
            labelled = [(e, label(e, gold)) for e in store.events()]
    pairs = [(member[a.event_id] == member[b.event_id], la == lb)
             for (a, la), (b, lb) in combinations([x for x in labelled if x[1]], 2)]  # fmt: skip
    together = [same_gold for same_pred, same_gold in pairs if same_pred]
    belong = [same_pred for same_pred, same_gold in pairs if same_gold]
    precision = sum(together) / len(together) if together else 0.0
    recall = sum(belong) / len(belong) if belong else 0.0
    found = sum(1 for _, lab in labelled if lab)
    print(f"events {len(labelled)}, reporting a gold event {found}; pairs {len(pairs)}")
    print(f"merging precision {precision:.3f}  recall {recall:.3f}")
    for g in gold:
        mine = Counter(member[e.event_id] for e, lab in labelled if lab == g["cluster"])
        if not mine:
            print(f"  {g['cluster']}: not found")
            continue
        cid, n = mine.most_common(1)[0]
        print(f"  {g['cluster']} {g['category']} {'-'.join(g['countries'])}: {len(g['docs'])} articles, "
              f"largest cluster holds {n} reports, {sources[cid]} sources (syndicated copies once)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
