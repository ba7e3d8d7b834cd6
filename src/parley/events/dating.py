"""Dating a coded event: attached time expressions, "his first term", then the time rules."""

from __future__ import annotations

import re

from parley.events.coder import Candidate
from parley.events.grammar import Tree, attached, finite_anchor, tense_inputs
from parley.events.mentions import Resolver
from parley.nlp import ParsedSentence
from parley.records import Actor, DateValue
from parley.time import Timeline, date_event, tense_from_tags

TENURE = re.compile(
    r"\b(?:his|her)\s+(first|second|third|fourth|previous|last|current)\s+"
    r"(?:term|tenure|presidency|mandate|premiership)\b",
    re.IGNORECASE,
)
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def tense_of(tree: Tree, cand: Candidate) -> str:
    """The tense of the verb that dates the event (see ``finite_anchor``)."""
    tag, aux = tense_inputs(tree, finite_anchor(tree, cand.anchor))
    return tense_from_tags(tag, aux)


def reference_of(date: DateValue, pub: str | None) -> str:
    """current (news of the publication's month), historical (earlier), or unknown."""
    if date.value is None or pub is None:
        return "unknown"
    last = date.value.split("/")[-1]
    if pub.startswith(last) or last.startswith(pub[:7]):
        return "current"
    return "historical" if last < pub[: len(last)] else "current"


def _tenure(m: re.Match[str], actor: Actor, kb: Resolver, pub: str | None) -> DateValue | None:
    """ "his first term" -> the years of the actor's first term in a leading office."""
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


def date_candidate(timeline: Timeline, sent: ParsedSentence, tree: Tree, cand: Candidate, kb: Resolver) -> DateValue:
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
