"""Show how parley reads sentences: the parse, the resolved mentions and the coded events.

    .venv/bin/python bench/trace.py "Kim demanded the lifting of sanctions, which Trump rejected." [--date 2019-03-01]
"""

from __future__ import annotations

import argparse

from parley.config import load_config
from parley.events import code_article
from parley.events.mentions import find_mentions
from parley.nlp import parse
from parley.pipeline import Engine
from parley.records import Actor, Article


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("--date")
    args = ap.parse_args()
    engine = Engine.build(load_config())
    art = Article("a", "trace", 0, None, args.date, args.text)
    (parsed,) = parse(engine.nlp, [art])
    recent: list[Actor] = []
    for s in parsed.sentences:
        print(" ".join(f"{t.i}:{t.text}/{t.pos}/{t.dep}/{t.head}" for t in s.toks))
        for i, f in find_mentions(s, engine.kb, on=args.date, recent=recent).items():
            print(f"   mention @{i} {f.mention.text!r} -> {f.mention.actor.actor_id} ({f.mention.how})")
    for e in code_article(parsed, kb=engine.kb, lexicon=engine.lexicon):
        print(f"=> {e.category} {e.source.actor.actor_id} -> {e.target.actor.actor_id} {e.status} "
              f"{e.date.value} conf {e.confidence} [{e.rule}] trigger {e.trigger!r}")


if __name__ == "__main__":
    main()
