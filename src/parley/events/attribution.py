"""Who reports an event, and how firmly: attribution chains and certainty.

Attribution follows the parse upwards from the trigger: every reporting verb above it
("X said ...", "Mr Ri says", "X told the BBC ...") adds its speaker, "according to X" and
"as reported by X and Y" add theirs, and a direct quote adds its speaker. The chain runs
from the outermost reporter inwards: ("BBC", "Matthew Pottinger").

Certainty: ``hedged`` when the text distances itself ("is said to have", "reportedly",
"apparently", "allegedly"), ``contested`` when it says the claim is disputed, ``opinion``
in an opinion column's own voice, else ``asserted``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parley.events.grammar import Tree
from parley.events.mentions import Found

SPEECH = {
    "say", "tell", "report", "claim", "add", "state", "announce", "confirm", "write", "insist", "note",
    "allege", "argue", "contend", "tweet", "post", "explain", "assert", "warn", "reveal", "disclose",
}  # fmt: skip
MEDIA_HEADS = {"broadcaster", "newspaper", "agency", "channel", "outlet", "network", "magazine"}
HEDGES = re.compile(
    r"\b(?:is|are|was|were)\s+(?:said|reported|believed|thought|alleged|rumou?red|understood)\s+to\b"
    r"|\b(?:reportedly|apparently|allegedly|purportedly|seemingly|supposedly|ostensibly)\b"
    r"|\b(?:appears?|appeared|seems?|seemed)\s+to\b|\bunconfirmed\b",
    re.IGNORECASE,
)
CONTESTED = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:contested|disputed|denied|unverified|unsubstantiated)\b"
    r"|\ba\s+claim\s+(?:that\s+)?(?:is\s+|was\s+)?(?:contested|disputed|denied)\b"
    r"|\bwithout\s+(?:providing\s+)?evidence\b|\bfalsely\b|\bdenie[sd]\b",
    re.IGNORECASE,
)


def attribute(tree: Tree, v: int, found: dict[int, Found], *, speaker: str | None = None) -> tuple[str, ...]:
    """The reporting chain of the event triggered at ``v``, outermost first."""
    inner: list[str] = [speaker] if speaker else []
    for a in tree.ancestors(v):
        if tree.toks[a].lemma in SPEECH and tree.toks[a].pos == "VERB":
            inner.extend(_speaker_chain(tree, a, found))
    outer = _according_to(tree, found) + _reported_by(tree, found)
    chain = [*outer, *reversed(inner)]
    return tuple(dict.fromkeys(x for x in chain if x))


def certainty(tree: Tree, v: int, text: str, start: int, *, genre: str, attributed: bool) -> tuple[str, str]:
    """(certainty, cue) of the event triggered at ``v`` in a sentence ``text`` that begins at
    character ``start`` of the article. A hedge counts only where it governs the trigger's
    clause ("is said to have rejected"; not "..., apparently over raids")."""
    m = CONTESTED.search(text)
    if m:
        return "contested", m.group(0)
    chain = _clause_chain(tree, v)
    for m in HEDGES.finditer(text):
        cue = [t.i for t in tree.toks if start + m.start() <= t.idx < start + m.end()]
        if any(i in chain or tree.toks[i].head in chain for i in cue):
            return "hedged", m.group(0)
    if genre == "opinion" and not attributed:
        return "opinion", "opinion column"
    return "asserted", ""


def _clause_chain(tree: Tree, v: int) -> set[int]:
    """``v`` and the verbs governing it, up to a relative clause's edge (its own assertion)."""
    chain, i = {v}, v
    while tree.toks[i].head != i and tree.toks[i].dep not in {"relcl", "acl", "appos"}:
        i = tree.toks[i].head
        chain.add(i)
    return chain


def _speaker_chain(tree: Tree, verb: int, found: dict[int, Found]) -> list[str]:
    """Inner first: "Pottinger told the BBC" -> ["Matthew Pottinger", "BBC"]."""
    out = [_phrase_name(tree, s, found) for s in tree.children(verb, "nsubj")]
    if tree.toks[verb].lemma == "tell":
        for d in tree.children(verb, "dobj", "dative"):
            if _is_media(tree, d, found):
                out.append(_phrase_name(tree, d, found))
    return [x for x in out if x and x.lower() not in {"it", "this", "that", "which", "who"}]


def _according_to(tree: Tree, found: dict[int, Found]) -> list[str]:
    out = []
    for t in tree.toks:
        if t.lemma == "accord" or t.text.lower() == "according":
            for p in tree.children(t.i, "prep"):
                out.append(_group(tree, tree.children(p, "pobj"), found))
    return out


def _reported_by(tree: Tree, found: dict[int, Found]) -> list[str]:
    """ "As reported by the BBC and CNN" (an adverbial clause with an agent)."""
    out = []
    for t in tree.toks:
        if t.lemma == "report" and t.dep == "advcl" and tree.children(t.i, "agent"):
            for a in tree.children(t.i, "agent"):
                out.append(_group(tree, tree.children(a, "pobj"), found))
    return out


def _group(tree: Tree, toks: Sequence[int], found: dict[int, Found]) -> str:
    """Sources reporting side by side ("the BBC and CNN") make one link of the chain: "BBC, CNN"."""
    names = [_phrase_name(tree, c, found) for t in toks for c in tree.with_conj(t)]
    return ", ".join(dict.fromkeys(n for n in names if n))


def _is_media(tree: Tree, i: int, found: dict[int, Found]) -> bool:
    f = found.get(i)
    return (f is not None and f.mention.actor.sector == "MED") or tree.toks[i].lemma in MEDIA_HEADS


def _phrase_name(tree: Tree, i: int, found: dict[int, Found]) -> str:
    """An actor's canonical name, else the words of the phrase ("a senior official")."""
    f = found.get(i)
    if f is not None and f.mention.how != "pronoun":
        actor = f.mention.actor
        return actor.name or f.mention.text
    if f is not None:
        return f.mention.actor.name or f.mention.actor.country
    return " ".join(t.text for t in tree.toks[tree.left_edge(i) : i + 1] if t.dep != "punct")
