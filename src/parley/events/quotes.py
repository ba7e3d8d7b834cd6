"""Direct quotes and their speakers.

A quote is text between quotation marks of at least three words (shorter quoted words,
like “dotard”, are names for things, not speech). Its speaker is the subject of the
nearest reporting verb outside the marks in the sentences the quote touches ("...,"
Trump told reporters; Mr Ri says: "..."), resolved to an actor when the subject is a
mention (pronouns included).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parley.events.attribution import SPEECH
from parley.events.grammar import Tree
from parley.events.mentions import Found
from parley.nlp import ParsedSentence
from parley.records import Article, Quote, content_hash

QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
MIN_WORDS = 3


def find_quotes(
    article: Article, sentences: Sequence[ParsedSentence], found: Sequence[dict[int, Found]]
) -> list[Quote]:
    """Every direct quote of the article, in order, with its speaker where the text names one."""
    quotes = []
    for m in QUOTED.finditer(article.text):
        group = 1 if m.group(1) is not None else 2
        text = m.group(group)
        if len(text.split()) < MIN_WORDS:
            continue
        quotes.append(_quote(article, m.start(group), m.end(group), sentences, found))
    return quotes


def quote_at(quotes: Sequence[Quote], offset: int) -> Quote | None:
    """The quote whose words contain the character ``offset``."""
    return next((q for q in quotes if q.start <= offset < q.end), None)


def _quote(
    article: Article, start: int, end: int, sentences: Sequence[ParsedSentence], found: Sequence[dict[int, Found]]
) -> Quote:
    qid = content_hash(article.article_id, str(start), str(end))
    base = Quote(qid, article.doc_id, article.article_id, start, end, article.text[start:end])
    near = [k for k, s in enumerate(sentences) if s.start <= end + 1 and s.end >= start - 1]
    best: tuple[int, Found | None, str, str] | None = None
    for k in near:
        tree = Tree(sentences[k].toks)
        for t in sentences[k].toks:
            if t.lemma in SPEECH and t.pos == "VERB" and not start <= t.idx < end:
                distance = min(abs(t.idx - start), abs(t.idx - end))
                subj = tree.children(t.i, "nsubj")
                if subj and (best is None or distance < best[0]):
                    f = found[k].get(subj[0])
                    words = " ".join(w.text for w in tree.toks[tree.left_edge(subj[0]) : subj[0] + 1])
                    best = (distance, f, words, t.text)
    if best is None:
        return base
    _, f, words, verb = best
    speaker = f.mention.actor if f is not None else None
    return Quote(qid, base.doc_id, base.article_id, start, end, base.text, speaker, words, verb)
