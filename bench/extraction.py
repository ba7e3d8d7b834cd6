"""Main-text extraction quality of ``parley.clean.html_to_text`` on a real peer benchmark.

    .venv/bin/python bench/extraction.py [BENCHMARK_DIR] [--show N] [--extractor trafilatura]

Reads ``html/<id>.html.gz`` and ``ground-truth.json`` (id -> url, articleBody) from the
scrapinghub article-extraction-benchmark (default: ../shared/corpus/article-extraction-benchmark)
and prints the mean token-level precision, recall and F1 of the extracted text against
``articleBody``, and the time per page. The texts stay where they are: nothing is copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from parley.clean import html_to_text

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def _trafilatura(page: str) -> str:
    from trafilatura import extract

    return extract(page, include_comments=False, include_tables=False) or ""


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "parley": lambda page: html_to_text(page)[0],
    "trafilatura": _trafilatura,
}


def tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 (bags of words)."""
    got, want = tokens(predicted), tokens(expected)
    common = sum((got & want).values())
    if not got and not want:
        return 1.0, 1.0, 1.0
    p = common / sum(got.values()) if got else 0.0
    r = common / sum(want.values()) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    truth_path = args.folder / "ground-truth.json"
    if not truth_path.exists():
        print(f"benchmark not found at {args.folder}: nothing to measure", file=sys.stderr)
        return 1
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    extract = EXTRACTORS[args.extractor]
    scores: list[tuple[float, float, float, str]] = []
    elapsed = 0.0
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((args.folder / "html" / f"{page_id}.html.gz").read_bytes())
        page = html.decode("utf-8", errors="replace")
        start = time.perf_counter()
        text = extract(page)
        elapsed += time.perf_counter() - start
        scores.append((*prf(text, item["articleBody"]), page_id))
    _report(scores, elapsed, args.show)
    return 0


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--show", type=int, default=0, help="also list the N worst pages by F1")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="parley", help="what extracts the text")
    return parser.parse_args(argv)


def _report(scores: list[tuple[float, float, float, str]], elapsed: float, show: int) -> None:
    n = len(scores)
    mean = [sum(s[i] for s in scores) / n for i in range(3)]
    print(f"pages: {n}")
    print(f"precision: {mean[0]:.3f}  recall: {mean[1]:.3f}  F1: {mean[2]:.3f}")
    print(f"time per page: {1000 * elapsed / n:.1f} ms")
    for p, r, f, page_id in sorted(scores, key=lambda s: s[2])[:show]:
        print(f"  {f:.2f} (P {p:.2f} R {r:.2f}) {page_id}")


if __name__ == "__main__":
    sys.exit(main())
