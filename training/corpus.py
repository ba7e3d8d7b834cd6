"""Sentences of the shared corpora for labelling, by reference: the corpus texts are never copied.

A labelled corpus sentence is stored as ``ref`` (corpus file, character start and end) and ``sha`` (a
hash of its text), and `make train` reads the text back from ``../shared/corpus``. Documents that share
text with the dev-news or news-sample sets are never offered (they are measured on, not trained on).

    .venv/bin/python training/corpus.py pool --out /tmp/pool.jsonl [--per-source 400] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
HELD_OUT = ("dev-news/docs.jsonl", "news-sample/docs.jsonl")
SHINGLE = 8
_REUTERS = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def sha(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:16]


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(" ".join(words[i : i + SHINGLE])) for i in range(max(len(words) - SHINGLE + 1, 0))}


def held_out(corpus: Path = CORPUS) -> set[int]:
    """Word 8-grams of every held-out article (dev-news and news-sample)."""
    out: set[int] = set()
    for name in HELD_OUT:
        path = corpus / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out |= _shingles(json.loads(line)["text"])
    return out


def documents(corpus: Path = CORPUS) -> Iterator[tuple[str, int, str]]:
    """(file relative to the corpus, offset of the text in the file, text) of each candidate article."""
    for path in sorted((corpus / "bbc").glob("*/*.txt")):
        yield str(path.relative_to(corpus)), 0, path.read_text(encoding="latin-1")
    for path in sorted((corpus / "reuters21578").glob("*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for m in _REUTERS.finditer(raw):
            body = _BODY.search(m.group(2))
            if body:
                yield str(path.relative_to(corpus)), m.start(2) + body.start(1), body.group(1)


def text_at(ref: str, corpus: Path = CORPUS) -> str:
    """The text a ``file:start-end`` reference names."""
    name, _, span = ref.rpartition(":")
    start, _, end = span.partition("-")
    raw = (corpus / name).read_text(encoding="latin-1")
    return raw[int(start) : int(end)]


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    for m in re.finditer(r"[^\n.!?]*[A-Za-z][^\n]*?(?:[.!?](?=\s|$)|\n\s*\n|$)", text):
        s = m.group(0)
        lead = len(s) - len(s.lstrip())
        if len(s.split()) >= 6:
            yield m.start() + lead, m.end()


def pool(per_source: int, seed: int) -> list[dict[str, str]]:
    from parley.config import load_config
    from parley.nlp.prefilter import Prefilter
    from parley.pipeline import Engine

    engine = Engine.build(load_config(overrides={"progress": False}))
    pre = engine.prefilter or Prefilter(engine.kb.entity_patterns())
    banned = held_out()
    rng = random.Random(seed)
    by_source: dict[str, list[dict[str, str]]] = {}
    for name, offset, text in documents():
        if len(_shingles(text) & banned) > 3:
            continue
        source = name.split("/")[0] if not name.startswith("bbc") else "/".join(name.split("/")[:2])
        for start, end, keep in pre.sentences(text):
            sent = text[start:end]
            if keep and 6 <= len(sent.split()) <= 60:
                ref = f"{name}:{offset + start}-{offset + end}"
                by_source.setdefault(source, []).append({"ref": ref, "sha": sha(sent), "text": " ".join(sent.split())})
    out = []
    for source, rows in sorted(by_source.items()):
        if source in {"bbc/sport", "bbc/entertainment", "bbc/tech"}:
            continue
        rng.shuffle(rows)
        out += rows[:per_source]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pool", help="sentences to label (with their text: keep the file outside the repository)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--per-source", type=int, default=400)
    p.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    rows = pool(args.per_source, args.seed)
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
