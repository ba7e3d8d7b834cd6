"""Train the sentence classifier of ``parley.events.learned`` (run by `make train`).

    .venv/bin/python training/train.py [--out src/parley/events/data/classifier.npz] [--precision 0.7]

Data: ``training/written.jsonl`` (sentences we wrote, fictional people of real countries) and
``training/labels/*.jsonl`` (shared-corpus sentences we labelled, stored as references; their text
is read back from ../shared/corpus, and a reference whose text no longer hashes the same is skipped).
No dev-news or news-sample sentence is ever used (``training/corpus.py`` leaves those articles out).

Method: each sentence is embedded with all-MiniLM-L6-v2 (``parley.nlp.embed``); a softmax regression
over NONE and the 16 categories is fitted by full-batch gradient descent with L2 regularisation. Five
folds over the labelled corpus sentences (the written ones always train) choose the probability
threshold: the lowest at which the events predicted on held-out corpus sentences reach ``--precision``
(right category). The figures are printed; the weights are then fitted on everything and written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import CORPUS, sha  # noqa: E402

from parley.categories import CATEGORIES  # noqa: E402
from parley.events.learned import WEIGHTS, SentenceClassifier  # noqa: E402
from parley.nlp.embed import Encoder  # noqa: E402

LABELS = ("NONE", *CATEGORIES)
SEED = 13


def load_rows() -> list[tuple[str, str, str]]:
    """(text, label, origin) of every training sentence; origin is "written" or "corpus"."""
    rows = []
    for line in (HERE / "written.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append((r["text"], r["label"], "written"))
    skipped = 0
    if CORPUS.exists():
        cache: dict[str, str] = {}
        for path in sorted((HERE / "labels").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                r = json.loads(line)
                name = r["ref"].rpartition(":")[0]
                if name not in cache:
                    cache[name] = (CORPUS / name).read_text(encoding="latin-1")
                start, _, end = r["ref"].rpartition(":")[2].partition("-")
                text = cache[name][int(start) : int(end)]
                if sha(text) != r["sha"]:
                    skipped += 1
                    continue
                rows.append((" ".join(text.split()), r["label"], "corpus"))
    else:
        print(f"note: {CORPUS} is absent; training on the written sentences only", file=sys.stderr)
    if skipped:
        print(f"note: {skipped} corpus references no longer match their text; skipped", file=sys.stderr)
    bad = sorted({label for _, label, _ in rows} - set(LABELS))
    if bad:
        raise SystemExit(f"training data: unknown labels {bad}")
    return rows


def fit(
    x: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, steps: int = 1500, lr: float = 0.01
) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent (Adam), deterministic."""
    n, d = x.shape
    k = len(LABELS)
    w = np.zeros((d, k))
    b = np.zeros(k)
    onehot = np.eye(k)[y]
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        z = x @ w + b
        z = np.exp(z - z.max(1, keepdims=True))
        p = z / z.sum(1, keepdims=True)
        g = (p - onehot) / n
        grads = [x.T @ g + l2 * w, g.sum(0)]
        for i, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * grad
            v[i] = 0.999 * v[i] + 0.001 * grad**2
            param -= lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    return w, b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--precision", type=float, default=0.75, help="held-out precision the threshold must reach")
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="where embeddings are kept between runs")
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--steps", type=int, default=1500)
    args = ap.parse_args()
    rows = load_rows()
    t0 = time.perf_counter()
    texts = [r[0] for r in rows]
    key = sha("\n".join(texts))
    cached = args.cache / f"embeddings-{key}.npy" if args.cache else None
    if cached is not None and cached.exists():
        x = np.load(cached)
    else:
        x = Encoder().encode(texts).astype(np.float64)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.save(cached, x)
    y = np.array([LABELS.index(r[1]) for r in rows])
    corpus = np.array([r[2] == "corpus" for r in rows])
    print(f"{len(rows)} sentences ({int(corpus.sum())} labelled corpus, {int((~corpus).sum())} written), "
          f"embedded in {time.perf_counter() - t0:.0f} s")  # fmt: skip
    rng = np.random.default_rng(SEED)
    folds = rng.integers(0, 5, len(rows))
    held = np.zeros((len(rows), len(LABELS)))
    for f in range(5):
        test = corpus & (folds == f)
        w, b = fit(x[~test], y[~test], l2=args.l2, steps=args.steps)
        held[test] = SentenceClassifier(LABELS, w, b, 1.0).probabilities(x[test])
    probs, gold = held[corpus], y[corpus]
    best = probs[:, 1:].argmax(1) + 1
    top = probs[np.arange(len(best)), best]
    events = gold != 0
    threshold = 1.0
    print("threshold  predicted  right  precision  recall (of corpus events)")
    for th in np.arange(0.30, 0.95, 0.05):
        pred = top >= th
        right = int((pred & (best == gold)).sum())
        prec = right / max(int(pred.sum()), 1)
        recall = right / max(int(events.sum()), 1)
        print(f"  {th:.2f}      {int(pred.sum()):5d}  {right:5d}    {prec:.3f}     {recall:.3f}")
        if prec >= args.precision and th < threshold:
            threshold = float(round(th, 2))
    print(f"threshold {threshold:.2f} (held-out precision >= {args.precision})")
    w, b = fit(x, y, l2=args.l2, steps=args.steps)
    clf = SentenceClassifier(LABELS, w.astype(np.float32), b.astype(np.float32), threshold)
    clf.save(args.out, sentences=len(rows), corpus=int(corpus.sum()), seed=SEED)
    print(f"weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
