"""Where a coded event happened: a place phrase attached to its clause, else the dateline.

"met ... in Hanoi", "talks ... at the DMZ in Panmunjom", "the Hanoi summit": a locative phrase on
the trigger or a verb above it (or a place name in front of an event noun) is looked up in the
gazetteer. A report of the day's news with no place in its sentence takes its dateline's city
("WASHINGTON:", "SEOUL, June 12 (Wire) -").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from parley.events.grammar import Tree
from parley.records import Article, Place

PLACE_PREPS = {"in", "at", "near", "inside", "outside", "on"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}  # the parser must see a place, not just a word a town is named after
GENERIC = {
    "the", "north", "south", "east", "west", "centre", "center", "capital", "country", "region",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
NOT_PLACES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]+?)(?:/[A-Z][A-Za-z .'-]+)?\s*(?:[,:(–—-]|$)")


class Gazetteer(Protocol):
    def lookup(self, name: str) -> Place | None: ...


def place_in_sentence(tree: Tree, v: int, gazetteer: Gazetteer) -> Place | None:
    """The most specific place named by a locative phrase on ``v`` or the verbs above it."""
    found: list[Place] = []
    for node in [v, *tree.ancestors(v)]:
        # the trigger's whole phrase ("talks with US envoys in Berlin"), the verbs above only on themselves
        for h in tree.phrase(node) if node == v else tree.children(node, "prep"):
            prep = tree.toks[h]
            if prep.dep == "prep" and prep.lemma in PLACE_PREPS:
                places = [pl for o in tree.children(h, "pobj") if (pl := _named(tree, o, gazetteer))]
                # "on" names islands and sites ("on Sentosa"), not the targets of acts ("sanctions on Iran")
                found += [pl for pl in places if prep.lemma != "on" or pl.precision in {"site", "region"}]
        if tree.toks[node].pos == "NOUN":
            found += [pl for c in tree.children(node, "compound") if (pl := _named(tree, c, gazetteer))]
        if found:
            break
    return min(found, key=lambda pl: ("site", "city", "region", "country").index(pl.precision), default=None)


def dateline_place(article: Article, gazetteer: Gazetteer) -> Place | None:
    """The city of the article's dateline, if cleaning found one."""
    for span in article.dropped:
        if span.kind == "dateline":
            m = _DATELINE.match(span.text)
            place = gazetteer.lookup(m.group(1).strip().title()) if m else None
            if place is not None:
                return replace(place, how="dateline", text=m.group(1).strip() if m else "")
    return None


def _named(tree: Tree, i: int, gazetteer: Gazetteer) -> Place | None:
    """The place a phrase names: the whole phrase, its proper-noun core, or what it is "of"/beside."""
    tok = tree.toks[i]
    if tok.ent in NOT_PLACES:
        return None
    left = tree.left_edge(i)
    core = i
    while core > left and tree.toks[core - 1].pos == "PROPN":
        core -= 1
    candidates = [(left, i), (core, i)]
    of = [o for p in tree.children(i, "prep") if tree.toks[p].lemma == "of" for o in tree.children(p, "pobj")]
    candidates += [(o, o) for o in of]
    candidates += [(a, a) for a in tree.children(i, "appos")]
    for first, last in candidates:
        text = " ".join(t.text for t in tree.toks[first : last + 1])
        toks = tree.toks[first : last + 1]
        generic = all(t.lower() in GENERIC for t in text.split())
        named = any(t.ent in PLACE_ENTS or (t.pos == "PROPN" and not t.ent) for t in toks)
        place = gazetteer.lookup(text) if named and not generic else None
        if place is not None:
            return replace(place, how="in the sentence", text=text)
    return None
