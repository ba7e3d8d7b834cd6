"""Code a parsed sentence's actions between actors into PLOVER categories.

For every trigger (a lexicon verb, verb phrase or event noun) the coder finds the
acting and the acted-upon actors in the dependency parse, then the status. Triggers
embedded under another trigger ("agreed to give up", "refused to meet") are the
content of that trigger, not events of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from parley.actors.model import STATE_SIDE, SUPRA, state_actor
from parley.events.grammar import (
    Tree,
    adjunct_participants,
    governing_subjects,
    inherited_subjects,
    noun_arguments,
    object_lemmas,
    objects,
    status_of,
    subjects,
)
from parley.events.lexicon import Lexicon
from parley.events.mentions import Found
from parley.records import SYMMETRIC, Actor, Mention

# Things that belong to whoever spoke or acted last: "rejected the offer", "called the remark wrong".
OFFER_NOUNS = {
    "offer", "proposal", "demand", "invitation", "overture", "plan", "request", "deal", "idea", "remark",
    "comment", "statement", "claim", "accusation", "charge", "move", "decision", "allegation", "suggestion",
    "deployment", "test", "launch", "programme", "program", "policy", "action", "behaviour", "behavior",
    "stance", "conduct", "crackdown", "attack", "invasion", "strike", "report", "threat", "provocation",
}  # fmt: skip
RECIPROCAL = {"meet", "agree", "talk", "negotiate", "cooperate", "collaborate", "hold", "speak", "consult",
              "exchange", "shake", "sign", "reconcile", "trade"}  # fmt: skip
MENACING_SPEECH = {"say", "tell", "reply", "add", "declare", "state", "announce", "respond"}
MENACE_MODALS = {"would", "will", "might", "could", "may", "shall", "'ll", "’ll", "wo"}
MENACE_VERBS = {"retaliate", "respond", "destroy", "strike", "attack", "punish", "hit", "annihilate", "obliterate",
                "crush", "retaliation", "fire", "invade", "bomb"}  # fmt: skip
MENACE_OBJECTS = {"measure", "countermeasure", "action", "step", "revenge", "retaliation"}
VERBAL_ATTACKS = {"attack", "strike", "hit", "slam", "assault", "savage"}
VIEWS = {"policy", "plan", "remark", "comment", "statement", "record", "leadership", "decision", "proposal", "stance",
         "position", "view", "idea", "speech", "handling", "approach", "claim", "government",
         "administration"}  # fmt: skip
SAYING = {"say", "call", "accuse", "describe", "claim", "argue", "warn", "tell"}
# Verbs whose refusal is a rejection: "could not accept", "will not negotiate", "refused to back".
REFUSABLE = {"accept", "agree", "consent", "support", "back", "endorse", "negotiate", "meet", "talk", "recognise",
             "recognize", "cooperate", "approve"}  # fmt: skip
REFUSING_MODALS = {"will", "would", "can", "could", "shall", "'ll", "’ll", "wo", "ca"}
REFUSING_VERBS = {"refuse", "decline"}
SPEECH_ACTS = {"THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE"}
PHRASE_DEPS = {"dobj", "prt", "prep", "nsubjpass", "attr", "obj", "ccomp", "xcomp"}
APPRAISAL_DEPS = ("dobj", "oprd", "attr", "xcomp", "ccomp", "acomp", "prep", "obj", "dative")
DIRECTIVE_VERBS = {"tell", "instruct", "advise"}
DIRECTIVE_MODALS = {"should", "must", "ought", "need"}
PROTEST_VERBS = {"protest", "demonstrate", "march", "riot", "strike", "rally", "fast", "picket", "boycott", "stage",
                 "hold", "go", "join", "take", "call"}  # fmt: skip
QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "group",
              "number", "crowd", "scores", "tens", "some", "many", "most", "several", "members"}  # fmt: skip
CIVIL = {"CVL", "OPP", "PTY", "NGO", "EDU", "BUS", "REL"}
AT_AUTHORITIES = {"REQUEST", "ACCUSE"}  # a demand that names no one is made of the home government
CUSTODY = {"arrest", "detain", "jail", "imprison", "deport", "intern", "expel", "convict", "sentence", "hold"}
VISITS = {"visit", "trip", "tour"}
VISIT_PREPS = frozenset({"to", "in"})
ORDERING = {"order", "authorise", "authorize", "command", "approve", "sanction"}
TRYING = {"seek"}  # "seek to": to try, not to ask
# Verbs of fending off an attack: "repelled a rebel offensive" codes the offensive, aimed at the subject.
REPELLING = {"repel", "repulse", "crush", "foil", "thwart", "halt", "stop", "counter", "withstand", "defeat", "rebuff"}
ON_THE_GROUND = {"ASSAULT", "COERCE", "MOBILIZE"}  # categories whose place is their target
CUSTODY_PLACES = frozenset({"in", "at"})


@dataclass(frozen=True)
class Candidate:
    """An event found in one sentence, before dating and merging."""

    trigger: int  # token index of the trigger
    trigger_last: int  # last token of the trigger phrase (inclusive)
    category: str
    source: Found
    target: Found
    status: str
    anchor: int  # the token whose tense and position date the event
    rule: str
    confidence: float


def code_sentence(
    tree: Tree, found: dict[int, Found], lex: Lexicon, *, context: Sequence[Actor] = (), home: Actor | None = None
) -> list[Candidate]:
    """Every candidate event of a sentence, in trigger order. ``home`` (the article's main country)
    is the target of a protest or strike that names none: the authorities."""
    out: list[Candidate] = []
    for t in tree.toks:
        hit = _trigger(tree, t.i, lex)
        if hit is None or _embedded(tree, t.i, lex):
            continue
        category, last, rule = hit
        if t.pos == "NOUN":
            found_here = list(_noun_events(tree, t.i, category, rule, found, lex, home))
        else:
            found_here = list(_verb_events(tree, t.i, last, category, rule, found, lex, context, home))
        out.extend(_civil_strike(c) for c in found_here)
    return out


def _civil_strike(c: Candidate) -> Candidate:
    """A strike by workers, students or parties is a protest, not an air strike."""
    if c.category == "ASSAULT" and c.rule.endswith("strike") and c.source.mention.actor.sector in CIVIL:
        return replace(c, category="PROTEST", rule=c.rule + " (civil)")
    return c


def _protest_target(srcs: Sequence[Found], home: Actor | None, tree: Tree, at: int) -> list[Found]:
    """Whom a protest or demand that names no one is aimed at: the protesters' own government."""
    if home is None or not srcs or all(_side(s.mention.actor.sector) == "GOV" for s in srcs):
        return []
    countries = {s.mention.actor.country for s in srcs}
    if len(countries) != 1 or countries & SUPRA:
        return []
    own = home if home.country in countries else state_actor(countries.pop())
    return [_from_context(own, tree, at)]


def _trigger(tree: Tree, i: int, lex: Lexicon) -> tuple[str, int, str] | None:
    """(category, last token, rule) when token ``i`` triggers an event."""
    tok = tree.toks[i]
    if tok.pos == "VERB" or (tok.pos == "AUX" and tok.dep != "aux" and tok.lemma not in {"be", "have"}):
        return _verb_trigger(tree, i, lex)
    if tok.pos == "NOUN" and tok.lemma in lex.nouns and not _object_of_trigger(tree, i, lex):
        return lex.nouns[tok.lemma], i, f"noun:{tok.lemma}"
    return None


def _verb_trigger(tree: Tree, i: int, lex: Lexicon) -> tuple[str, int, str] | None:
    lemma = tree.toks[i].lemma
    if lemma == "ask" and _question(tree, i):  # "asked whether he would close the bases": a question
        return None
    if _repelled(tree, i, lex):  # "crushed an Iranian attack": the attack is the event
        return None
    if lemma in TRYING and _to_infinitive(tree, i):
        return None  # "is seeking to destabilise": an attempt, whose verb is the event
    if lemma in ORDERING:  # "ordered the destruction of the air force": the ordered act
        for o in tree.children(i, "dobj"):
            if tree.toks[o].lemma in lex.nouns:
                return lex.nouns[tree.toks[o].lemma], i, f"order:{tree.toks[o].lemma}"
    if lemma in lex.phrase_verbs:
        asked = lex.category_of_phrase(lemma, "for") if _for_to(tree, i) is not None else None
        if asked:  # "called for Togo to act"
            return asked, i, f"phrase:{lemma} for (clause)"
        if _to_infinitive(tree, i):  # "committed to provide"
            cat = lex.category_of_phrase(lemma, "to")
            if cat:
                return cat, i, f"phrase:{lemma} to"
        for c in tree.kids[i]:
            for w in [c, *tree.children(c, "pobj"), *_quantified(tree, c)]:
                cat = lex.category_of_phrase(lemma, tree.toks[w].lemma)
                if cat and tree.toks[c].dep in PHRASE_DEPS:
                    return cat, max(i, w), f"phrase:{lemma} {tree.toks[w].lemma}"
    if (lemma in DIRECTIVE_VERBS or lemma in lex.speech) and _directive(tree, i):  # "told Biden the US should stop"
        return "REQUEST", i, f"directive:{lemma}"
    if lemma in MENACING_SPEECH and _menace(tree, i):  # "said it would take all necessary measures"
        return "THREATEN", i, f"menace:{lemma}"
    if lemma in lex.speech and _critical(tree, i, lex):  # "said the ruling was unjustified"
        return "ACCUSE", i, f"critical:{lemma}"
    if lemma in lex.appraisal:
        cat = _appraisal(tree, i, lex)
        if cat:
            return cat, i, f"appraisal:{lemma}"
    if lemma in lex.verbs:
        return lex.verbs[lemma], i, f"verb:{lemma}"
    return None


def _for_to(tree: Tree, v: int) -> int | None:
    """The "for X to V" clause of a verb ("called for Togo to crack down"): its verb, or None."""
    for c in tree.children(v, "advcl", "ccomp"):
        if "for" in tree.lemmas(c, "mark") and "to" in tree.lemmas(c, "aux") and tree.children(c, "nsubj"):
            return c
    return None


def _to_infinitive(tree: Tree, v: int) -> bool:
    """Verb ``v`` governs a to-infinitive: "is seeking to leave", "committed to provide"."""
    return any("to" in tree.lemmas(c, "aux") for c in tree.children(v, "xcomp"))


def _refused(tree: Tree, v: int) -> bool:
    """ "will not negotiate", "cannot support", "refused to meet": a refusal, not a plain negation."""
    if tree.children(v, "neg") and tree.lemmas(v, "aux") & REFUSING_MODALS:
        return True
    head = tree.toks[v].head
    return tree.toks[v].dep == "xcomp" and head != v and tree.toks[head].lemma in REFUSING_VERBS


def _repelled(tree: Tree, v: int, lex: Lexicon) -> bool:
    """Verb ``v`` fends off an attack named as its object."""
    if tree.toks[v].lemma not in REPELLING:
        return False
    return any(lex.nouns.get(tree.toks[o].lemma) == "ASSAULT" for o in tree.children(v, "dobj"))


def _question(tree: Tree, i: int) -> bool:
    """ "asked if/whether/how ...", "asked about ...", "Asked by reporters, he said ..."."""
    if any(tree.lemmas(c, "mark") & {"if", "whether"} or tree.toks[c].tag in {"WDT", "WP", "WRB"}
           or any(tree.toks[w].tag in {"WDT", "WP", "WRB"} for w in tree.children(c))
           for c in tree.children(i, "ccomp", "advcl")):  # fmt: skip
        return True
    if any(tree.toks[p].lemma == "about" for p in tree.children(i, "prep")):
        return True
    return tree.toks[i].tag == "VBN" and tree.toks[i].dep == "advcl"


def _menace(tree: Tree, i: int) -> bool:
    """A statement that the speaker's side would (or might) hit back, retaliate, destroy ..."""
    for c in tree.children(i, "ccomp"):
        for v in [c, *tree.children(c, "xcomp", "conj")]:
            aux = {tree.toks[a].text.lower() for a in tree.children(v, "aux")} | tree.lemmas(c, "aux")
            measures = tree.lemmas(v, "dobj") & MENACE_OBJECTS
            if aux & MENACE_MODALS and (tree.toks[v].lemma in MENACE_VERBS or measures):
                return True
    return False


def _menaced(tree: Tree, v: int, found: dict[int, Found], srcs: list[Found]) -> list[Found]:
    """Whom a threat in the said clause is aimed at: its objects, or who is named in its
    against/on phrases."""
    for c in tree.children(v, "ccomp"):
        tgts = _targets(tree, c, found, srcs, passive=False)
        if not tgts:
            pobjs = [o for p in tree.children(c, "prep") if tree.toks[p].lemma in {"against", "on", "at"}
                     for o in tree.children(p, "pobj")]  # fmt: skip
            tgts = _others(_actors(tree, pobjs, found, deep=True, besides=srcs), srcs)
        if tgts:
            return tgts
    return []


def _quantified(tree: Tree, c: int) -> list[int]:
    """ "thousands of troops": the noun behind a quantity."""
    if tree.toks[c].dep not in {"dobj", "nsubjpass"}:
        return []
    return [o for p in tree.children(c, "prep") if tree.toks[p].lemma == "of" for o in tree.children(p, "pobj")]


def _directive(tree: Tree, i: int) -> bool:
    return any(tree.lemmas(c, "aux") & DIRECTIVE_MODALS and not _hindsight(tree, c) for c in tree.children(i, "ccomp"))


def _hindsight(tree: Tree, c: int) -> bool:
    """ "should have acted sooner": a reproach for the past, not a demand."""
    return "have" in tree.lemmas(c, "aux") and tree.toks[c].tag == "VBN"


def _critical(tree: Tree, i: int, lex: Lexicon) -> bool:
    """What was said judges someone harshly: a critical or negative word in the said clause, not negated."""
    for c in tree.children(i, "ccomp"):
        if tree.lemmas(c, "aux") & DIRECTIVE_MODALS and _hindsight(tree, c):
            return True  # "said the government should have acted sooner"
        if tree.children(c, "neg"):
            continue
        said = [j for x in [c, *tree.children(c, "xcomp")] for j in tree.phrase(x)]  # "is seeking to destabilise"
        words = {tree.toks[j].lemma for j in said} | {tree.toks[j].text.lower() for j in said}
        if words & lex.critical:
            return True
    return False


def _content_targets(tree: Tree, v: int, found: dict[int, Found], srcs: list[Found]) -> list[Found]:
    """Whom a critical statement is about: the said clause's subject, else the actors it names."""
    for c in tree.children(v, "ccomp"):
        subj = _others(_actors(tree, subjects(tree, c), found), srcs)
        if subj:
            return subj
        inner = [j for j in tree.phrase(c) if j in found]
        named = _others([found[j] for j in sorted(inner)], srcs)
        if named:
            return named[:2]
    return []


def _appraisal(tree: Tree, i: int, lex: Lexicon) -> str | None:
    """ "called him a smart guy" -> SUPPORT; "called him fat" -> ACCUSE."""
    said = [j for c in tree.children(i, *APPRAISAL_DEPS) for j in tree.phrase(c)]
    words = {tree.toks[j].lemma for j in said} | {tree.toks[j].text.lower() for j in said}
    if words & (lex.negative | lex.critical):
        return "ACCUSE"
    if words & lex.positive:
        return "SUPPORT"
    return None


def _embedded(tree: Tree, i: int, lex: Lexicon) -> bool:
    """A trigger inside another trigger's complement is that trigger's content."""
    tok = tree.toks[i]
    if tok.dep == "conj" and tok.head != i:  # "demanded Ukraine renounce ... and withdraw troops"
        return _embedded(tree, tok.head, lex)
    if tok.dep == "advcl" and _for_to(tree, tok.head) == i:  # "called for Togo to crack down": the demand's content
        return tree.toks[tok.head].pos == "VERB" and _verb_trigger(tree, tok.head, lex) is not None
    if tok.dep not in {"xcomp", "ccomp", "pcomp", "pobj", "dobj"} or tok.head == i:
        return False
    head = tok.head
    if tree.toks[head].pos == "ADP":
        head = tree.toks[head].head
    if tok.dep == "pcomp" and tree.toks[tok.head].lemma == "by":
        return False  # "responded by calling him ..." : the participle is the act
    hit = _verb_trigger(tree, head, lex) if tree.toks[head].pos == "VERB" else None
    if hit is not None and hit[2].startswith("critical:"):
        return False  # "said the attack was illegal": the attack is an event too
    return hit is not None and (tok.dep != "ccomp" or hit[0] in SPEECH_ACTS)


def _object_of_trigger(tree: Tree, i: int, lex: Lexicon) -> bool:
    """ "held talks", "imposed sanctions": the verb phrase carries the event, not the noun."""
    head = tree.toks[i].head
    if head == i or tree.toks[i].dep not in {"dobj", "nsubjpass", "pobj"}:
        return False
    if tree.toks[i].dep == "pobj":
        head = tree.toks[head].head
    return tree.toks[head].pos == "VERB" and _verb_trigger(tree, head, lex) is not None


def _verb_events(
    tree: Tree, v: int, last: int, category: str, rule: str, found: dict[int, Found],
    lex: Lexicon, context: Sequence[Actor], home: Actor | None = None,
) -> Iterator[Candidate]:  # fmt: skip
    conf = 0.75
    relative = tree.toks[v].dep == "relcl"  # "propaganda from North Korea that denounced ..."
    own = subjects(tree, v)
    srcs = _actors(tree, own, found, deep=relative)
    if not own:  # "hoped to meet", "responded by calling": the governing verb's subject acts
        srcs = _actors(tree, inherited_subjects(tree, v), found)
        conf -= 0.15
    custody = not own and tree.toks[v].lemma in CUSTODY and tree.is_passive(v)
    if custody:  # "80 people were detained": by the authorities
        srcs, conf = _custodians(tree, v, found), 0.5
    if not srcs:
        return
    if len(srcs) > 1 and tree.toks[v].lemma in RECIPROCAL and subjects(tree, v):  # "Trump and Kim met"
        yield from _among(srcs, v, last, category, rule, tree, lex, conf)
        return
    passive = tree.is_passive(v) and (bool(tree.children(v, "agent")) or custody)
    if rule.startswith("critical:"):
        tgts = _content_targets(tree, v, found, srcs)
        if not tgts:
            tgts = _protest_target(srcs, home, tree, v)
        yield from _pairs(v, last, category, rule, srcs, tgts, conf - 0.1, *status_of(tree, v, lex))
        return
    tgts = _targets(tree, v, found, srcs, passive=passive)
    clause = _for_to(tree, v) if rule.endswith("(clause)") else None
    if not tgts and clause is not None:  # "called for Togo to crack down": of Togo
        tgts = _others(_actors(tree, subjects(tree, clause), found), srcs)
    if not tgts and category == "REQUEST" and rule.startswith("phrase:"):  # "called for talks with Togo"
        pobjs = [o for p in tree.children(v, "prep") for o in tree.children(p, "pobj")]
        asked = [o for o in pobjs if tree.toks[o].lemma in lex.nouns]
        tgts = _others(_actors(tree, [t for o in asked for t in noun_arguments(tree, o)[1]], found, deep=True), srcs)
    if not tgts and rule.startswith("menace:"):  # "said it would retaliate against EU sanctions"
        tgts = _menaced(tree, v, found, srcs)
    if not tgts and _reduced_passive(tree, v):  # "500 workers sacked by the company": the noun is the target
        tgts = _others(_actors(tree, tree.with_conj(tree.toks[v].head), found, deep=True, besides=srcs), srcs)
    for comp in _complements(tree, v):  # "refused to meet Kim", "demanded Ukraine renounce", "sent troops to support"
        if tree.toks[comp].dep == "ccomp" and category in SPEECH_ACTS:
            tgts = tgts or _others(_actors(tree, subjects(tree, comp), found), srcs)
        tgts = tgts or _others(_actors(tree, [comp], found), srcs)  # a misparse: "calling [Trump] a dotard"
        tgts = tgts or _targets(tree, comp, found, srcs, passive=False)
    if not tgts and category in {"PROTEST", "ASSAULT"} and tree.toks[v].lemma in PROTEST_VERBS:
        tgts, conf = _protest_target(srcs, home, tree, v), conf - 0.2
    if not tgts and tree.toks[v].lemma in VISITS:  # "King Faisal visited in 1967": the article's country
        tgts, conf = (
            _others(_located(tree, [v], found, preps=VISIT_PREPS), srcs) or _host(srcs, home, v, tree),
            conf - 0.2,
        )
    if not tgts:
        tgts, conf = _implicit_targets(tree, v, srcs, found, context, threat=category == "THREATEN"), conf - 0.25
    if not tgts and category in AT_AUTHORITIES:  # "the union demanded talks": of the government
        tgts, conf = _protest_target(srcs, home, tree, v), conf + 0.05
    status, anchor = status_of(tree, v, lex)
    if category == "THREATEN" and status == "intended":  # "vowed to make him pay": the vow threatens
        status = "occurred"
    if status == "negated" and tree.toks[v].lemma in REFUSABLE and _refused(tree, v):
        category, status, rule = "REJECT", "occurred", rule + " (negated)"  # "could not accept" rejects
    if category == "ASSAULT" and tree.toks[v].lemma in VERBAL_ATTACKS and _verbal(tree, v, tgts):
        category, rule = "ACCUSE", rule + " (verbal)"  # "attacked the prime minister, saying ..."
    if (category == "REQUEST" and rule.startswith("directive")) or category == "CONSULT":
        tgts = [t for t in tgts if t.mention.actor.sector != "MED"]  # telling the BBC is not asking it,
        # and "speaking to reporters" is not talks with them
    yield from _pairs(v, last, category, rule, srcs, tgts, conf, status, anchor)


def _pairs(
    v: int, last: int, category: str, rule: str, srcs: Sequence[Found], tgts: Sequence[Found], conf: float,
    status: str, anchor: int,
) -> Iterator[Candidate]:  # fmt: skip
    for s in srcs:
        for t in tgts:
            if _distinct(s.mention.actor, t.mention.actor):
                c = conf - 0.1 * (s.mention.how == "pronoun") - 0.1 * (t.mention.how == "pronoun")
                yield Candidate(v, last, category, s, t, status, anchor, rule, round(max(c, 0.05), 2))


def _reduced_passive(tree: Tree, v: int) -> bool:
    tok = tree.toks[v]
    return tok.dep == "acl" and tok.tag == "VBN" and bool(tree.children(v, "agent")) and tok.head != v


def _complements(tree: Tree, v: int) -> list[int]:
    comps = tree.children(v, "xcomp", "ccomp")
    purpose = [c for c in tree.children(v, "advcl") if "to" in tree.lemmas(c, "aux")]
    return comps + purpose


def _targets(tree: Tree, v: int, found: dict[int, Found], srcs: list[Found], *, passive: bool) -> list[Found]:
    core, oblique = objects(tree, v, passive_target=passive)
    oblique = [_through_of(tree, o, found) for o in oblique]
    tgts = _others(_actors(tree, core, found, deep=True, besides=srcs) + _actors(tree, oblique, found), srcs)
    if not tgts:  # "blocked the declaration the president is using": whoever the object's clause is about
        makers = [s for o in core for c in tree.children(o, "relcl", "acl") for s in subjects(tree, c)]
        tgts = _others(_actors(tree, makers, found), srcs)
    return tgts


def _through_of(tree: Tree, o: int, found: dict[int, Found]) -> int:
    """ "tariffs on $200 billion worth of Chinese goods": past quantities to what they measure; "tariffs on
    Togolese goods": the goods' owner."""
    for _ in range(3):
        o = next((c for c in [o, *tree.children(o, "amod", "compound")] if c in found), o)
        if o in found:
            return o
        inner = [p for c in tree.children(o, "prep") if tree.toks[c].lemma == "of" for p in tree.children(c, "pobj")]
        if not inner:
            return o
        o = inner[0]
        o = next((c for c in [o, *tree.children(o, "amod", "compound")] if c in found), o)
    return o


def _verbal(tree: Tree, v: int, tgts: Sequence[Found]) -> bool:
    """An attack with words: on a person, or told in the same breath as a saying verb."""
    if any(t.mention.actor.kind == "person" for t in tgts):
        return True
    if object_lemmas(tree, v) & VIEWS:  # "attacked each other's policies"
        return True
    return any(tree.toks[c].lemma in SAYING for c in tree.children(v, "advcl", "xcomp", "conj", "ccomp"))


def _among(
    srcs: list[Found], v: int, last: int, category: str, rule: str, tree: Tree, lex: Lexicon, conf: float
) -> Iterator[Candidate]:
    status, anchor = status_of(tree, v, lex)
    for k, s in enumerate(srcs):
        for t in srcs[k + 1 :]:
            if _distinct(s.mention.actor, t.mention.actor):
                yield Candidate(v, last, category, s, t, status, anchor, rule + " (together)", conf)


def _noun_events(
    tree: Tree, n: int, category: str, rule: str, found: dict[int, Found], lex: Lexicon, home: Actor | None = None
) -> Iterator[Candidate]:
    src_toks, tgt_toks = noun_arguments(tree, n)
    srcs = _actors(tree, src_toks, found)
    tgts = _actors(tree, tgt_toks, found) or _actors(
        tree, tgt_toks, found, deep=True, besides=srcs
    )  # "against the rule of X"
    conf = 0.6
    head = tree.toks[n].head
    if not srcs and tree.toks[n].dep == "dobj" and tree.toks[head].pos == "VERB":  # "France launched airstrikes"
        srcs, conf = _actors(tree, subjects(tree, head), found), 0.55
        if not tgts and category in ON_THE_GROUND:  # "... airstrikes in Syria": the state it happens in
            tgts = _others(_located(tree, [n, head], found), srcs)
    if srcs and not tgts and tree.toks[n].dep == "dobj" and _repelled(tree, head, lex):  # "Iraq crushed an attack"
        tgts = _others(_actors(tree, subjects(tree, head), found), srcs)
    if srcs and not tgts and tree.toks[n].lemma in VISITS:  # "the king begins a state visit": to the host
        tgts = _others(_located(tree, [n, head], found, preps=VISIT_PREPS), srcs) or _host(srcs, home, n, tree)
    if category == "PROTEST":  # "Hong Kong protests": by its people
        srcs = [_civilians(f) for f in srcs]
    if srcs and not tgts and (category == "PROTEST" or tree.toks[n].lemma == "strike"):
        tgts = _protest_target(srcs, home, tree, n)
    if category in SYMMETRIC and len(tgts) > 1 and not tree.children(n, "poss"):
        # "the Hanoi summit of Trump and Kim": the participants; a place name in front is the venue
        yield from _among(tgts, n, n, category, rule, tree, lex, conf)
        return
    if not srcs and not tgts and category in SYMMETRIC:  # "Biden and Xi agreed after four hours of talks"
        group = _actors(tree, governing_subjects(tree, n), found)
        srcs, tgts, conf = group[:1], group[1:], 0.5
        if not tgts:  # "Trump offered Kim a ride home after the summit": the two people who met
            toks = sorted(adjunct_participants(tree, n), key=lambda i: i in found and found[i].mention.how == "pronoun")
            people = [f for f in _actors(tree, toks, found) if f.mention.actor.kind == "person"]
            if len(people) == 2:
                status = "occurred" if tree.toks[tree.toks[n].head].lemma in {"after", "following", "since"} else ""
                yield from _met(people, n, category, rule, tree, lex, status)
                return
    if not srcs and tgts and not tree.children(n, "poss"):  # "your meeting with Kim": not the speaker's
        srcs = _actors(tree, governing_subjects(tree, n)[:1], found)
        conf = 0.55
    status, anchor = status_of(tree, _clause_verb(tree, n), lex)
    for s in srcs:
        for t in tgts:
            if _distinct(s.mention.actor, t.mention.actor):
                yield Candidate(n, n, category, s, t, status, anchor, rule, conf)


def _custodians(tree: Tree, v: int, found: dict[int, Found]) -> list[Found]:
    """Who holds people arrested or jailed with no agent named: the authorities of the state it
    happens in ("in Basra"), else of the people held, when those are not themselves officials."""
    held = [f for f in _actors(tree, tree.children(v, "nsubjpass"), found) if f.mention.actor.kind != "igo"]
    if not held or any(_side(f.mention.actor.sector) == "GOV" for f in held):
        return []
    place = _located(tree, [v], found, preps=CUSTODY_PLACES)
    country = place[0].mention.actor.country if place else held[0].mention.actor.country
    if country in SUPRA:
        return []
    return [_from_context(state_actor(country), tree, v)]


def _host(srcs: Sequence[Found], home: Actor | None, n: int, tree: Tree) -> list[Found]:
    """A visitor from abroad with no destination named visits the article's country."""
    if home is None or any(s.mention.actor.country == home.country for s in srcs):
        return []
    return [_from_context(home, tree, n)]


def _located(
    tree: Tree, heads: list[int], found: dict[int, Found], preps: frozenset[str] = frozenset({"in", "inside", "across"})
) -> list[Found]:
    """States named as where something happens: "in Syria"."""
    out = []
    for h in heads:
        for p in tree.children(h, "prep"):
            if tree.toks[p].lemma in preps:
                out += [f for f in _actors(tree, tree.children(p, "pobj"), found) if f.mention.actor.kind == "state"]
    return out


def _civilians(f: Found) -> Found:
    """A country named as who protests ("Hong Kong protests") means its people."""
    a = f.mention.actor
    if a.kind != "state" or a.sector not in STATE_SIDE:
        return f
    return replace(f, mention=replace(f.mention, actor=state_actor(a.country, "CVL")))


def _met(
    people: list[Found], n: int, category: str, rule: str, tree: Tree, lex: Lexicon, status: str
) -> Iterator[Candidate]:
    """A meeting whose participants are the clause's subject and object; one the clause
    looks back on ("after the summit") took place whatever the clause's own status."""
    own, anchor = status_of(tree, _clause_verb(tree, n), lex)
    for c in _among(people, n, n, category, rule + " (clause participants)", tree, lex, 0.45):
        yield replace(c, status=status or own, anchor=anchor)


def _clause_verb(tree: Tree, n: int) -> int:
    for a in tree.ancestors(n):
        if tree.toks[a].pos in {"VERB", "AUX"}:
            return a
    return n


def _implicit_targets(
    tree: Tree, v: int, srcs: list[Found], found: dict[int, Found], context: Sequence[Actor], *, threat: bool = False
) -> list[Found]:
    """Targets left unsaid: the subject of the governing clause ("Kim demanded X, which
    Trump rejected"), or for a rejected/accepted offer the last other actor of the text."""
    src_ids = {s.mention.actor.actor_id for s in srcs}
    gov = [f for f in _actors(tree, governing_subjects(tree, v), found) if f.mention.actor.actor_id not in src_ids]
    if gov:
        return gov[:1]
    if threat or object_lemmas(tree, v) & OFFER_NOUNS:  # a threat is aimed at whoever the story is about
        for actor in reversed(context):
            if all(_distinct(s.mention.actor, actor) for s in srcs):
                return [_from_context(actor, tree, v)]
    return []


def _from_context(actor: Actor, tree: Tree, at: int) -> Found:
    """An actor the sentence leaves unsaid, anchored at token ``at`` (no text of its own)."""
    idx = tree.toks[at].idx
    return Found(at, at, at, Mention(idx, idx, "", actor, "context"), 0.4)


def _actors(
    tree: Tree, toks: list[int], found: dict[int, Found], *, deep: bool = False, besides: Sequence[Found] = ()
) -> list[Found]:
    """Mentions at the given tokens; with ``deep``, the nearest mention inside each phrase
    (not inside a clause of its own: "talks, which Arnor rejected")."""
    out: list[Found] = []
    for i in toks:
        if i not in found and tree.toks[i].lemma in QUANTITIES:  # "thousands of teachers"
            of = [o for p in tree.children(i, "prep") if tree.toks[p].lemma == "of" for o in tree.children(p, "pobj")]
            i = of[0] if of else i
        if i in found:
            out.append(found[i])
            out.extend(found[i].also)
        elif deep:
            inner = [j for j in tree.phrase(i) if j in found and j != i and _apart(found[j], besides)]
            inner.sort(key=lambda j: tree.toks[j].dep == "poss")  # "Trump's predecessor Joe Biden"
            if inner:  # with its coordinated members: "talks with both Iraq and Afghanistan"
                out.extend(found[j] for j in tree.with_conj(inner[0]) if j in found)
    unique: dict[str, Found] = {}
    for f in out:
        unique.setdefault(f.mention.actor.actor_id, f)
    return list(unique.values())


def _apart(f: Found, srcs: Sequence[Found]) -> bool:
    return all(_distinct(s.mention.actor, f.mention.actor) for s in srcs)


def _others(tgts: list[Found], srcs: list[Found]) -> list[Found]:
    return [t for t in tgts if any(_distinct(s.mention.actor, t.mention.actor) for s in srcs)]


def _distinct(a: Actor, b: Actor) -> bool:
    """Two different actors. A person and the state they act for are one side, and so are a
    government and its forces; within one country, different sectors ("the police" and "protesters"),
    people and named organisations are different actors (domestic events)."""
    if a.actor_id == b.actor_id:
        return False
    if a.country != b.country or a.country in SUPRA:
        return True
    if a.kind == "state" or b.kind == "state":
        return _side(a.sector) != _side(b.sector)
    return True


def _side(sector: str) -> str:
    return "GOV" if sector in STATE_SIDE else sector
