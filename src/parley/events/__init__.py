"""Events: from a parsed article to dated, deduplicated ``Event`` records.

    events = code_article(parsed, kb=kb, lexicon=lexicon)

Per sentence: find and resolve actor mentions (``mentions``), code the triggers
(``coder``), date each event (``parley.time``); per article: report one real-world
event once, however often the article repeats it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from parley.actors.model import SUPRA
from parley.categories import CAMEO_ROOT
from parley.clean import headline_end
from parley.events.attribution import attribute, certainty
from parley.events.coder import Candidate, code_sentence
from parley.events.dating import date_candidate, reference_of, tense_of
from parley.events.grammar import Tree
from parley.events.learned import RULE as LEARNED
from parley.events.learned import SentenceClassifier, classify, eligible
from parley.events.lexicon import Lexicon, load_lexicon, repair_lemmas
from parley.events.mentions import Found, Resolver, find_mentions
from parley.events.newcomers import shadowed_surnames
from parley.events.placing import Gazetteer, dateline_place, place_in_sentence
from parley.events.quotes import find_quotes, quote_at
from parley.nlp import ParsedArticle, ParsedSentence
from parley.records import SYMMETRIC, Actor, DateValue, Event, Mention, Place, Quote, content_hash
from parley.time import build_timeline

__all__ = ["Lexicon", "Reading", "code_article", "load_lexicon", "read_article"]
Learned = tuple[SentenceClassifier, Any]  # the classifier and its sentence encoder
FIRST_PERSON = {"i", "me", "my", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ourselves"}
CONTEXT_SENTENCES = 2
LEAD_SENTENCES = 2  # an implicit target (the owner of "the offer") is a subject this many sentences back


@dataclass(frozen=True)
class Reading:
    """What the coder reads in one article: its events and its direct quotes."""

    events: list[Event]
    quotes: list[Quote]


@dataclass(frozen=True)
class _Sentence:
    sent: ParsedSentence
    tree: Tree
    found: dict[int, Found]
    context: list[Actor]  # the recent subjects, for implicit targets


def code_article(parsed: ParsedArticle, *, kb: Resolver, lexicon: Lexicon) -> list[Event]:
    """All events of one article, dated and merged."""
    return read_article(parsed, kb=kb, lexicon=lexicon).events


def read_article(
    parsed: ParsedArticle, *, kb: Resolver, lexicon: Lexicon, gazetteer: Gazetteer | None = None,
    learned: Learned | None = None,
) -> Reading:  # fmt: skip
    """Events (dated, attributed, merged) and quotes of one article. With ``learned`` (a classifier and
    its sentence encoder), sentences the rules code nothing in are classified (``events.learned``)."""
    article = parsed.article
    sents = parsed.sentences
    timeline = build_timeline([s.text for s in sents], pub_date=article.date, paragraphs=[s.paragraph for s in sents])
    shadowed = shadowed_surnames(article.text, kb)
    home = home_country(parsed, kb, shadowed)
    read = _mentions(parsed, kb, lexicon, home=home, shadowed=shadowed)
    dateline = dateline_place(article, gazetteer) if gazetteer else None
    quotes = find_quotes(article, sents, [r.found for r in read])
    for r in read:
        _first_person(r, quotes, kb)
    events: list[Event] = []
    authorities = kb.state(home) if home else None
    coded: list[tuple[_Sentence, list[Candidate]]] = []
    unseen: list[_Sentence] = []
    for r in read:
        cands = code_sentence(r.tree, r.found, lexicon, context=r.context, home=authorities)
        coded.append((r, cands))
        if not cands and learned is not None and eligible(r.tree, r.found):
            unseen.append(r)
    if unseen and learned is not None:
        guesses = classify([(r.sent.text, r.tree, r.found) for r in unseen], lexicon, *learned)
        coded += list(zip(unseen, guesses, strict=True))
    for r, cands in coded:
        for cand in cands:
            date = date_candidate(timeline, r.sent, r.tree, cand, kb)
            event = _event(parsed, r, cand, date, quotes, lexicon)
            events.append(_placed(event, r, cand, gazetteer, dateline) if gazetteer else event)
    return Reading(merge_repeats(events, headline=headline_end(article)), quotes)


def _confidence(c: Candidate, lexicon: Lexicon) -> float:
    """A rule's raw score through the calibration table; a learned event keeps its class probability."""
    return c.confidence if c.rule == LEARNED else lexicon.calibrate(c.confidence)


def _placed(event: Event, r: _Sentence, cand: Candidate, gazetteer: Gazetteer, dateline: Place | None) -> Event:
    place = place_in_sentence(r.tree, cand.trigger, gazetteer)
    if place is None and event.reference == "current" and r.sent.index < LEAD_SENTENCES:
        place = dateline  # the dateline places the lead's news, not everything the article mentions
    return replace(event, place=place) if place else event


OUTLET_VOTES = 3


def home_country(parsed: ParsedArticle, kb: Resolver, shadowed: frozenset[str] = frozenset()) -> str | None:
    """The article's main country: its dateline's, else the one its sentences name most (the lead
    counts double; people named count double, but not ``shadowed`` ones), with a few votes for the
    outlet's country when the knowledge base knows the outlet; None when nothing names one."""
    votes: Counter[str] = Counter()
    outlet = kb.resolve(parsed.article.outlet) if parsed.article.outlet else None
    if outlet is not None and outlet.actor.sector == "MED" and outlet.actor.country not in SUPRA:
        votes[outlet.actor.country] += OUTLET_VOTES  # a national paper writes mostly about its own country
    for span in parsed.article.dropped:
        if span.kind == "dateline":
            for part in re.split(r"[,/(:]", span.text)[:3]:
                places = [e.target for e in kb.lookup(part.strip()) if e.kind in {"country", "capital"}]
                if places:
                    votes[places[0]] += 5
                    break
    for sent in parsed.sentences:
        for _, _, label, kb_id in sent.ents:
            owner, _, pid = kb_id.partition(":")
            country = owner if label in {"GPE", "NORP", "PERSON"} and pid not in shadowed else ""
            if re.fullmatch(r"[A-Z]{3}", country) and country not in SUPRA:
                votes[country] += (2 if sent.index < LEAD_SENTENCES else 1) * (2 if label == "PERSON" else 1)
    return votes.most_common(1)[0][0] if votes else None


def _mentions(
    parsed: ParsedArticle, kb: Resolver, lexicon: Lexicon, *, home: str | None = None,
    shadowed: frozenset[str] = frozenset(),
) -> list[_Sentence]:  # fmt: skip
    """Resolve every sentence's mentions in reading order (pronouns need what came before)."""
    words = lexicon.words
    recent: list[Actor] = []
    topics: list[Actor] = []
    window: list[int] = []  # how many topics each sentence added
    lists: list[tuple[Actor, ...]] = []  # the coordinated lists named last, for "they"
    out = []
    for sent in parsed.sentences:
        lists = lists[-2:]
        context = topics[len(topics) - sum(window[-CONTEXT_SENTENCES:]) :]
        before = len(topics)
        found = find_mentions(
            sent,
            kb,
            on=parsed.article.date,
            recent=recent,
            subjects=topics,
            home=home,
            shadowed=shadowed,
            lists=lists,
        )
        window.append(len(topics) - before)
        sent = replace(sent, toks=repair_lemmas(sent.toks, words))
        out.append(_Sentence(sent, Tree(sent.toks), found, context))
    return out


def _first_person(r: _Sentence, quotes: list[Quote], kb: Resolver) -> None:
    """Inside a quote, "I" is its speaker and "we" the speaker's state."""
    for t in r.sent.toks:
        word = t.text.lower()
        quote = quote_at(quotes, t.idx) if word in FIRST_PERSON | FIRST_PLURAL else None
        if quote is None or quote.speaker is None or t.i in r.found:
            continue
        actor = quote.speaker if word in FIRST_PERSON else kb.state(quote.speaker.country)
        mention = Mention(t.idx, t.idx + len(t.text), t.text, actor, "quote speaker")
        r.found[t.i] = Found(t.i, t.i, t.i, mention, 0.8)


def _event(
    parsed: ParsedArticle, r: _Sentence, c: Candidate, date: DateValue, quotes: list[Quote], lexicon: Lexicon
) -> Event:
    art, sent = parsed.article, r.sent
    first, last = sent.toks[c.trigger], sent.toks[c.trigger_last]
    src, tgt = c.source.mention, c.target.mention
    quote = quote_at(quotes, first.idx)
    speaker = quote.speaker.name or quote.speaker.country if quote and quote.speaker else None
    chain = attribute(r.tree, c.trigger, r.found, speaker=speaker or (quote.speaker_text if quote else None))
    sure, cue = certainty(r.tree, c.trigger, sent.text, sent.start, genre=art.genre, attributed=bool(chain))
    eid = content_hash(art.article_id, str(sent.index), str(c.trigger), c.category, src.actor.actor_id,
                       tgt.actor.actor_id)  # fmt: skip
    return Event(
        event_id=eid, doc_id=art.doc_id, article_id=art.article_id, part=art.part,
        sentence_id=content_hash(art.article_id, str(sent.index)), sentence_start=sent.start,
        sentence_end=sent.end, evidence=sent.text.strip(), source=src, target=tgt,
        category=c.category, status=c.status, trigger=art.text[first.idx : last.idx + len(last.text)],
        trigger_start=first.idx, trigger_end=last.idx + len(last.text), date=date,
        confidence=_confidence(c, lexicon), raw_confidence=c.confidence, cameo=CAMEO_ROOT[c.category],
        rule=c.rule, publication_date=art.date,
        tense=tense_of(r.tree, c), reference=reference_of(date, art.date), attribution=chain,
        certainty=sure, certainty_cue=cue, quote_id=quote.quote_id if quote else None,
    )  # fmt: skip


def merge_repeats(events: Sequence[Event], *, headline: int = 0) -> list[Event]:
    """Keep one event per real-world event: same actors, category and status, and dates
    that agree (equal, or one unknown, or one more precise than the other). The body's telling wins
    over the headline's (the first ``headline`` characters): it has the date and the fuller sentence."""
    kept: list[Event] = []
    for ev in sorted(events, key=lambda e: _specificity(e, headline), reverse=True):
        twin = next((i for i, k in enumerate(kept) if _same_event(k, ev)), None)
        if twin is None:
            kept.append(ev)
        elif _finer(ev.date.value, kept[twin].date.value):  # "on Sunday" beats the month of publication
            kept[twin] = replace(kept[twin], date=ev.date)
    return sorted(kept, key=lambda e: (e.part, e.sentence_start, e.trigger_start))


def _finer(new: str | None, old: str | None) -> bool:
    """``new`` says more than ``old`` and agrees with it (None, or the same date less precisely)."""
    return new is not None and (old is None or (len(new) > len(old) and new.startswith(old)))


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
    pair = (_body(e.source.actor), _body(e.target.actor))
    return tuple(sorted(pair)) if e.category in SYMMETRIC else pair


def _body(a: Actor) -> str:
    """The state an actor belongs to, or for an organisation's people the organisation."""
    return (a.org or a.name or a.actor_id) if a.country in SUPRA else a.country


def _specificity(e: Event, headline: int = 0) -> tuple[int, bool, float]:
    named = (e.source.actor.name is not None) + (e.target.actor.name is not None)
    return named, e.sentence_start >= headline, e.confidence


def _pair(e: Event) -> tuple[str, ...]:
    ids = (e.source.actor.actor_id, e.target.actor.actor_id)
    return tuple(sorted(ids)) if e.category in SYMMETRIC else ids
