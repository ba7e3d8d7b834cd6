"""The learned sentence classifier: events that the rules cannot see.

A sentence that names two different actors and in which the rules code nothing may still report an
event: a speech act with no signal word ("told the minister the plan was 'a worrying issue'"), a verb
the lexicon lacks. Such sentences are embedded with all-MiniLM-L6-v2 (``parley.nlp.embed``) and a
softmax regression, trained by ``make train`` on sentences we wrote and on shared-corpus sentences we
labelled (``training/``), gives each of PLOVER's categories (and NONE) a probability. Above the
threshold chosen on held-out folds (``threshold`` in the weights file), the sentence gets one event:
the acting subject (or the first actor named) towards the next different actor, dated and given a
status like any other event. Rules always win: a sentence they code is never classified.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from parley.events.coder import Candidate, _distinct
from parley.events.grammar import Tree, status_of, subjects
from parley.events.lexicon import Lexicon
from parley.events.mentions import Found

WEIGHTS = Path(str(resources.files("parley.events") / "data" / "classifier.npz"))
RULE = "learned"


@dataclass(frozen=True)
class SentenceClassifier:
    labels: tuple[str, ...]  # "NONE" and the categories, in the weights' column order
    weight: np.ndarray  # (384, labels)
    bias: np.ndarray  # (labels,)
    threshold: float  # the least probability of a category that makes an event

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        z = vectors @ self.weight + self.bias
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict(self, vectors: np.ndarray) -> list[tuple[str, float]]:
        """(category, probability) per vector: the likeliest category, or NONE."""
        out = []
        for p in self.probabilities(vectors):
            best = max((k for k, lab in enumerate(self.labels) if lab != "NONE"), key=lambda k: p[k])
            out.append((self.labels[best], float(p[best])) if p[best] >= self.threshold else ("NONE", float(p[best])))
        return out

    def save(self, path: Path, **meta: Any) -> None:
        np.savez(path, labels=np.array(self.labels), weight=self.weight.astype(np.float32),
                 bias=self.bias.astype(np.float32), threshold=np.float32(self.threshold),
                 meta=np.array(repr(meta)))  # fmt: skip


def load_classifier(path: Path = WEIGHTS) -> SentenceClassifier:
    with np.load(path, allow_pickle=False) as data:
        return SentenceClassifier(tuple(str(x) for x in data["labels"]), data["weight"], data["bias"],
                                  float(data["threshold"]))  # fmt: skip


@lru_cache(maxsize=1)
def default_classifier() -> SentenceClassifier | None:
    """The shipped classifier, or None when no weights ship (before the first `make train`)."""
    return load_classifier() if WEIGHTS.exists() else None


def eligible(tree: Tree, found: dict[int, Found]) -> bool:
    """A sentence worth classifying: a verb at its root and two different actors named. (The encoder
    costs about 20 ms a sentence on one core, as much as parsing four; docs/performance.md.)"""
    if not found or not any(t.pos in {"VERB", "AUX"} and t.dep == "ROOT" for t in tree.toks):
        return False
    actors = [f.mention.actor for f in found.values()]
    return any(_distinct(a, b) for k, a in enumerate(actors) for b in actors[k + 1 :])


def candidate(tree: Tree, found: dict[int, Found], lex: Lexicon, category: str, p: float) -> Candidate | None:
    """The sentence's one event: its root's subject (or the first actor) towards the next other actor.
    In a passive sentence the grammatical subject is the target ("the party was accused ... by X"); one
    with no agent is left alone.
    The press that reports ("told Reuters", "the news agency said") is neither side."""
    root = next(t.i for t in tree.toks if t.dep == "ROOT")
    order = [f for f in sorted(found.values(), key=lambda f: f.first) if f.mention.actor.sector != "MED"]
    if not order:
        return None
    if tree.is_passive(root):
        patients = [found[s] for s in tree.children(root, "nsubjpass") if s in found]
        agents = [found[s] for s in subjects(tree, root) if s in found]
        if not agents:  # "Trump was accused of ...": by whom, the sentence does not say
            return None
        target, source = (patients[0] if patients else None), agents[0]
    else:
        own = [found[s] for s in subjects(tree, root) if s in found]
        source = own[0] if own and own[0] in order else order[0]
        target = None
    if source.mention.actor.sector == "MED":
        return None
    if target is None or not _distinct(source.mention.actor, target.mention.actor):
        target = next((f for f in order if f is not source and _distinct(source.mention.actor, f.mention.actor)), None)
    if target is None:
        return None
    status, anchor = status_of(tree, root, lex)
    return Candidate(root, root, category, source, target, status, anchor, RULE, round(p, 3))


def classify(
    sentences: Sequence[tuple[str, Tree, dict[int, Found]]], lex: Lexicon, clf: SentenceClassifier, encoder: Any
) -> list[list[Candidate]]:
    """Candidates for each (text, tree, mentions), one batch through the encoder."""
    if not sentences:
        return []
    labels = clf.predict(encoder.encode([text for text, _, _ in sentences]))
    out: list[list[Candidate]] = []
    for (_, tree, found), (category, p) in zip(sentences, labels, strict=True):
        cand = candidate(tree, found, lex, category, p) if category != "NONE" else None
        out.append([cand] if cand is not None else [])
    return out
