"""Events: from a parsed article to dated, deduplicated ``Event`` records.

    events = code_article(parsed, kb=kb, lexicon=lexicon)

Per sentence: find and resolve actor mentions (``mentions``), code the triggers
(``coder``), date each event (``parley.time``); per article: report one real-world
event once, however often the article repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from parley.events.coder import Candidate, code_sentence
from parley.events.grammar import Tree, attached, finite_anchor, tense_inputs
from parley.events.lexicon import CAMEO_ROOT, Lexicon, load_lexicon, repair_lemmas
from parley.events.mentions import Resolver, find_mentions
from parley.nlp import ParsedArticle, ParsedSentence
from parley.records import Actor, DateValue, Event, content_hash
from parley.time import Timeline, build_timeline, date_event, tense_from_tags

__all__ = ["Lexicon", "code_article", "load_lexicon"]
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
TENURE = re.compile(
    r"\b(?:his|her)\s+(first|second|third|fourth|previous|last|current)\s+"
    r"(?:term|tenure|presidency|mandate|premiership)\b",
    re.IGNORECASE,
)
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
CONTEXT_SENTENCES = 2  # an implicit target (the owner of "the offer") is a subject this many sentences back


def code_article(parsed: ParsedArticle, *, kb: Resolver, lexicon: Lexicon) -> list[Event]:
    """All events of one article, dated and merged."""
    article = parsed.article
    sents = parsed.sentences
    timeline = build_timeline(
        [s.text for s in sents], pub_date=article.date, paragraphs=[s.paragraph for s in sents]
    )
    words = lexicon.words
    recent: list[Actor] = []
    topics: list[Actor] = []
    events: list[Event] = []
    window: list[int] = []  # how many topics each recent sentence added
    for sent in sents:
        context = topics[len(topics) - sum(window[-CONTEXT_SENTENCES:]) :]  # the recent subjects
        before = len(topics)
        found = find_mentions(sent, kb, on=article.date, recent=recent, subjects=topics)
        window.append(len(topics) - before)
        sent = replace(sent, toks=repair_lemmas(sent.toks, words))
        tree = Tree(sent.toks)
        for cand in code_sentence(tree, found, lexicon, context=context):
            date = _date(timeline, sent, tree, cand, kb)
            events.append(_event(parsed, sent, cand, date))
    return merge_repeats(events)


def _tenure(m: re.Match[str], actor: Actor, kb: Resolver, pub: str | None) -> DateValue | None:
    """"his first term" -> the years of the actor's first term in a leading office."""
    terms = kb.tenures(actor.actor_id) if actor.kind == "person" else []
    if not terms:
        return None
    word = m.group(1).lower()
    if word in ORDINALS:
        if ORDINALS[word] >= len(terms):
            return None
        start, end = terms[ORDINALS[word]]
    else:
        ended = [t for t in terms if t[1] and (pub is None or t[1] <= pub)]
        if not ended:
            return None
        start, end = ended[-1] if word in {"previous", "last"} else terms[-1]
    first, last = start[:4], (end or pub or start)[:4]
    value = first if first == last else f"{first}/{last}"
    return DateValue(value, "year" if first == last else "range", f"'{m.group(0)}' of {actor.name} -> {value}")


def _date(timeline: Timeline, sent: ParsedSentence, tree: Tree, cand: Candidate, kb: Resolver) -> DateValue:
    """Date a candidate: the time expression (or "his first term") attached nearest to its clause
    chain, else the time rules (narrative time, news day)."""
    verb = finite_anchor(tree, cand.anchor)
    tag, aux = tense_inputs(tree, verb)
    exprs = timeline.sentences[sent.index].expressions
    spans = [(sent.start + e.start, sent.start + e.end) for e in exprs]
    tenure = TENURE.search(sent.text)
    if tenure is not None:
        spans.append((sent.start + tenure.start(), sent.start + tenure.end()))
    # an intention is dated when it was expressed ("said Monday he hoped to meet ... this year")
    allowed = attached(tree, cand.anchor if cand.status == "intended" else cand.trigger, spans)
    if tenure is not None and allowed and allowed[0] == len(exprs):
        dated = _tenure(tenure, cand.source.mention.actor, kb, timeline.pub_date)
        if dated is not None:
            return dated
    allowed = [k for k in allowed if k < len(exprs)]
    return date_event(
        timeline, sentence=sent.index, trigger=sent.toks[verb].idx - sent.start,
        tense=tense_from_tags(tag, aux), allowed=allowed,
    )  # fmt: skip


def _event(parsed: ParsedArticle, sent: ParsedSentence, c: Candidate, date: DateValue) -> Event:
    art = parsed.article
    first, last = sent.toks[c.trigger], sent.toks[c.trigger_last]
    src, tgt = c.source.mention, c.target.mention
    eid = content_hash(art.article_id, str(sent.index), str(c.trigger), c.category, src.actor.actor_id,
                       tgt.actor.actor_id)  # fmt: skip
    return Event(
        event_id=eid, doc_id=art.doc_id, article_id=art.article_id, part=art.part,
        sentence_id=content_hash(art.article_id, str(sent.index)), sentence_start=sent.start,
        sentence_end=sent.end, evidence=sent.text.strip(), source=src, target=tgt,
        category=c.category, status=c.status, trigger=art.text[first.idx : last.idx + len(last.text)],
        trigger_start=first.idx, trigger_end=last.idx + len(last.text), date=date,
        confidence=c.confidence, cameo=CAMEO_ROOT[c.category], rule=c.rule, publication_date=art.date,
    )  # fmt: skip


def merge_repeats(events: Sequence[Event]) -> list[Event]:
    """Keep one event per real-world event: same actors, category and status, and dates
    that agree (equal, or one unknown, or one more precise than the other)."""
    kept: list[Event] = []
    for ev in sorted(events, key=_specificity, reverse=True):
        twin = next((i for i, k in enumerate(kept) if _same_event(k, ev)), None)
        if twin is None:
            kept.append(ev)
        elif kept[twin].date.value is None and ev.date.value is not None:
            kept[twin] = _with_date(kept[twin], ev.date)
    return sorted(kept, key=lambda e: (e.part, e.sentence_start, e.trigger_start))


def _same_event(a: Event, b: Event) -> bool:
    if (a.category, a.status) != (b.category, b.status):
        return False
    if a.sentence_id == b.sentence_id and _countries(a) == _countries(b):
        return True  # "travelled to Russia to meet Putin": one meeting, told twice
    pa, pb = _pair(a), _pair(b)
    if pa != pb:
        return False
    da, db = a.date.value, b.date.value
    return da is None or db is None or da.startswith(db) or db.startswith(da)


def _countries(e: Event) -> tuple[str, ...]:
    pair = (e.source.actor.country, e.target.actor.country)
    return tuple(sorted(pair)) if e.category in SYMMETRIC else pair


def _specificity(e: Event) -> tuple[int, float]:
    return (e.source.actor.name is not None) + (e.target.actor.name is not None), e.confidence


def _pair(e: Event) -> tuple[str, ...]:
    ids = (e.source.actor.actor_id, e.target.actor.actor_id)
    return tuple(sorted(ids)) if e.category in SYMMETRIC else ids


def _with_date(e: Event, date: DateValue) -> Event:
    return replace(e, date=date)
