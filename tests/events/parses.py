"""Hand-built parses with fictional actors, so the coder is tested on grammar, not facts."""

from __future__ import annotations

from parley.events.mentions import Found
from parley.nlp import ParsedSentence, Tok
from parley.records import Actor, Mention

ACTORS = {
    "Arnor": Actor("ARN", "ARN", None, "GOV", "state"),
    "Gondor": Actor("GON", "GON", None, "GOV", "state"),
    "Rohan": Actor("ROH", "ROH", None, "GOV", "state"),
    "Elessar": Actor("GON:elessar", "GON", "Elessar", "GOV", "person"),
    "Theoden": Actor("ROH:theoden", "ROH", "Theoden", "GOV", "person"),
}


def build(spec: str) -> ParsedSentence:
    """``"Arnor/arnor/PROPN/NNP/nsubj/1 criticised/criticise/VERB/VBD/ROOT/1 ..."``: heads are indices."""
    toks, idx, texts = [], 0, []
    for i, item in enumerate(spec.split()):
        text, lemma, pos, tag, dep, head = item.split("/")
        ent = "GPE" if text in ACTORS else ""
        toks.append(Tok(i, text, lemma, pos, tag, dep, int(head), ent, "", idx))
        texts.append(text)
        idx += len(text) + 1
    text = " ".join(texts)
    return ParsedSentence(0, 0, len(text), text, 0, tuple(toks), ())


def mentions(sent: ParsedSentence) -> dict[int, Found]:
    """Every token naming a fictional actor is a mention of it."""
    out = {}
    for t in sent.toks:
        if t.text in ACTORS:
            m = Mention(t.idx, t.idx + len(t.text), t.text, ACTORS[t.text], "name")
            out[t.i] = Found(t.i, t.i, t.i, m, 1.0)
    return out
