"""Dependency-parse helpers for the event coder: arguments, status and tense of a trigger.

All functions work on a sentence's plain ``Tok`` tuples (see ``parley.nlp``), so they
can be tested on hand-built parses (words, heads, deps) without loading a model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from parley.events.lexicon import Lexicon
from parley.nlp import Tok

TARGET_PREPS = {
    "with", "to", "toward", "towards", "against", "on", "at", "for", "from", "about", "over",
    "into", "upon", "of", "between", "onto",
}  # fmt: skip
NOUN_PREPS = {"of", "on", "against", "with", "to", "between", "toward", "towards", "into", "upon", "from"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "pcomp", "acl"}
RELATIVE = {"who", "whom", "which", "that", "whose"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}


class Tree:
    """A sentence's tokens with child lists, for walking the parse."""

    def __init__(self, toks: Sequence[Tok]) -> None:
        self.toks = toks
        self.kids: list[list[int]] = [[] for _ in toks]
        for t in toks:
            if t.head != t.i:
                self.kids[t.head].append(t.i)

    def children(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.kids[i] if not deps or self.toks[c].dep in deps]

    def with_conj(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("Britain, France and Germany")."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children(j, "conj"))
        return sorted(out)

    def subtree(self, i: int) -> Iterator[int]:
        """Breadth-first: nearer descendants first."""
        queue = [i]
        while queue:
            j = queue.pop(0)
            yield j
            queue.extend(self.kids[j])

    def phrase(self, i: int) -> Iterator[int]:
        """Like ``subtree`` but not into clauses of their own (relative, adverbial...)."""
        queue = [i]
        while queue:
            j = queue.pop(0)
            yield j
            queue.extend(c for c in self.kids[j] if self.toks[c].dep not in CLAUSE_DEPS)

    def left_edge(self, i: int) -> int:
        """The first token of the phrase headed by ``i`` (its left modifiers, not clauses of their own)."""
        return min(j for j in self.phrase(i) if j <= i)

    def ancestors(self, i: int) -> Iterator[int]:
        while self.toks[i].head != i:
            i = self.toks[i].head
            yield i

    def is_passive(self, i: int) -> bool:
        return bool(self.children(i, "nsubjpass", "auxpass"))

    def lemmas(self, i: int, *deps: str) -> set[str]:
        return {self.toks[c].lemma for c in self.children(i, *deps)}


def subjects(tree: Tree, v: int) -> list[int]:
    """The tokens that act: the subject, the passive agent, a relative clause's antecedent."""
    agent = [p for a in tree.children(v, "agent") for p in tree.children(a, "pobj")]
    if agent:
        return tree.with_conj(agent[0])
    subj = tree.children(v, "nsubj", "csubj", "expl")
    if subj:
        s = subj[0]
        if tree.toks[s].lemma in RELATIVE and tree.toks[v].dep == "relcl":
            return [_antecedent(tree, v)]
        return tree.with_conj(s)
    return []


def inherited_subjects(tree: Tree, v: int) -> list[int]:
    """A subject borrowed from the governing verb ("hoped to meet", "responded by calling")."""
    i = v
    # "is ready to negotiate", "is due to meet": through the adjective to the verb it completes
    while tree.toks[i].dep in CLIMB_DEPS | {"acomp"} or tree.toks[tree.toks[i].head].pos == "ADP":
        parent = tree.toks[i].head
        if parent == i:
            break
        if tree.toks[parent].pos == "ADP":
            parent = tree.toks[parent].head
        subj = subjects(tree, parent) or _raised(tree, parent)
        if subj:
            return subj
        i = parent
        if tree.toks[i].head == i:
            break
    return []


def _raised(tree: Tree, parent: int) -> list[int]:
    """ "Trump is said to have offered ...", "Kim, emboldened, sent ...": the surface subject of a
    passive governing verb controls its complements and participles."""
    return [t for s in tree.children(parent, "nsubjpass") for t in tree.with_conj(s)]


def objects(tree: Tree, v: int, *, passive_target: bool) -> tuple[list[int], list[int]]:
    """(core, oblique) tokens acted upon: direct objects, datives and a passive subject (whose
    whole phrase may name the target), and prepositional objects (which must name it)."""
    core: list[int] = []
    if passive_target:
        for s in tree.children(v, "nsubjpass"):
            core.extend(tree.with_conj(s))
    for o in tree.children(v, "dobj", "dative", "iobj", "obj"):
        if tree.toks[o].lemma in RELATIVE and tree.toks[v].dep == "relcl":
            core.append(_antecedent(tree, v))
        else:
            core.extend(tree.with_conj(o))
    oblique = [o for p in _preps(tree, v) for c in tree.children(p, "pobj") for o in tree.with_conj(c)]
    return core, oblique


def object_lemmas(tree: Tree, v: int) -> set[str]:
    """Head lemmas of the direct object or passive subject, through a relative pronoun."""
    core, _ = objects(tree, v, passive_target=True)
    return {tree.toks[o].lemma for o in core}


def noun_arguments(tree: Tree, n: int) -> tuple[list[int], list[int]]:
    """(sources, targets) of an event noun: "Russia's invasion of Ukraine", "talks with Kim"."""
    src = tree.children(n, "poss") + [
        c for c in tree.children(n, "amod", "compound", "nmod") if tree.toks[c].ent in {"NORP", "GPE", "ORG"}
    ]
    tgt: list[int] = []
    for a in tree.children(n, "acl"):  # "tariffs imposed by China on Japanese goods"
        if not src:
            src = [o for g in tree.children(a, "agent") for c in tree.children(g, "pobj") for o in tree.with_conj(c)]
        tgt += [o for p in tree.children(a, "prep") if tree.toks[p].lemma in {"on", "against", "upon"}
                for c in tree.children(p, "pobj") for o in tree.with_conj(c)]  # fmt: skip
    for p in tree.children(n, "prep"):
        if tree.toks[p].lemma == "by" and not src:  # "a strike by 40,000 dockers", "the arrest of X by police"
            src = [o for c in tree.children(p, "pobj") for o in tree.with_conj(c)]
            continue
        if tree.toks[p].lemma not in NOUN_PREPS:
            continue
        objs = [o for c in tree.children(p, "pobj") for o in tree.with_conj(c)]
        if tree.toks[p].lemma == "between" and not src and len(objs) > 1:
            src, objs = objs[:1], objs[1:]
        tgt.extend(objs)
    return src, tgt


ADJUNCT_PREPS = {"after", "following", "since", "during", "at", "before", "ahead"}


def adjunct_participants(tree: Tree, n: int) -> list[int]:
    """The acting and acted-upon tokens of the clause that a noun is a time adjunct of:
    "Trump offered Kim a ride home after the summit" gives Trump and Kim."""
    prep = tree.toks[n].head
    if tree.toks[n].dep != "pobj" or tree.toks[prep].lemma not in ADJUNCT_PREPS:
        return []
    out: list[int] = []
    for a in tree.ancestors(n):
        if tree.toks[a].pos not in {"VERB", "AUX"}:
            continue
        out.extend(subjects(tree, a) or _raised(tree, a))
        out.extend(objects(tree, a, passive_target=False)[0])
    return out


def governing_subjects(tree: Tree, i: int) -> list[int]:
    """Subjects of the verbs above ``i``, nearest first (for implicit arguments)."""
    out: list[int] = []
    for a in tree.ancestors(i):
        if tree.toks[a].pos in {"VERB", "AUX"}:
            out.extend(subjects(tree, a))
    return out


def _preps(tree: Tree, v: int) -> Iterator[int]:
    for c in tree.children(v, "prep", "prt"):
        tok = tree.toks[c]
        if tok.dep == "prep" and tok.lemma in TARGET_PREPS:
            yield c
        elif tok.dep == "prt":  # "reach out to Kim"
            yield from (p for p in tree.children(c, "prep") if tree.toks[p].lemma in TARGET_PREPS)


def _antecedent(tree: Tree, v: int) -> int:
    a = tree.toks[v].head
    while tree.toks[a].dep == "appos" and tree.toks[a].head != a:
        a = tree.toks[a].head
    return a


def status_of(tree: Tree, v: int, lex: Lexicon) -> tuple[str, int]:
    """(status, anchor): the event's status and the token whose tense dates it."""
    st = lex.status
    toks = tree.toks
    if _negated(tree, v) or any(toks[a].lemma in st["negation"] for a in _chain(tree, v)):
        return "negated", v
    if _conditional(tree, v, lex):
        return "hypothetical", v
    for a in _chain(tree, v):
        if toks[a].lemma in st["intention"]:
            return "intended", _top(tree, a)
    if tree.lemmas(v, "aux") & st["future"]:
        return "intended", v
    return "occurred", v


SPEECH_VERBS = {"say", "tell", "add", "announce", "state", "claim", "report", "confirm", "note", "declare", "insist"}
NONFINITE_TAGS = {"VB", "VBG", "VBN"}


def finite_anchor(tree: Tree, v: int) -> int:
    """The verb whose tense dates ``v``: a participle or infinitive borrows its governor's tense
    ("spent hours meeting Xi"), and reported speech its reporting verb's ("said he had invited Kim")."""
    i = v
    for _ in range(6):
        tok = tree.toks[i]
        head = tok.head
        if head == i:
            break
        if tree.toks[head].pos == "ADP":
            head = tree.toks[head].head
        nonfinite = tok.tag in NONFINITE_TAGS and not (tree.lemmas(i, "aux", "auxpass") - {"to"})
        reported = tok.dep == "ccomp" and tree.toks[head].lemma in SPEECH_VERBS
        pluperfect = "had" in {tree.toks[c].text.lower() for c in tree.children(i, "aux")}
        if not (nonfinite and tok.dep in CLIMB_DEPS | {"xcomp", "pobj"}) and not (reported and pluperfect):
            break
        i = head
    return i


def attached(tree: Tree, v: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the character spans (time expressions) attached to ``v`` or the verbs and
    nouns above it, nearest attachment first."""
    chain = [v, *tree.ancestors(v)]
    below = {j: depth for depth, j in enumerate(tree.subtree(v))}  # then below the trigger
    ranked: list[tuple[int, int]] = []
    for k, (start, end) in enumerate(spans):
        inside = [t.i for t in tree.toks if start <= t.idx < end]
        if not inside:
            continue
        gov = _governor(tree, inside)
        if gov in chain:
            ranked.append((chain.index(gov), k))
        elif gov in below:
            ranked.append((len(chain) + below[gov], k))
    return [k for _, k in sorted(ranked)]


def _governor(tree: Tree, inside: list[int]) -> int:
    """The content word a phrase hangs from: out of the phrase, then past prepositions."""
    members = set(inside)
    top = next(i for i in inside if tree.toks[i].head not in members or tree.toks[i].head == i)
    g = tree.toks[top].head
    while tree.toks[g].pos == "ADP" and tree.toks[g].head != g:
        g = tree.toks[g].head
    return g


def tense_inputs(tree: Tree, v: int) -> tuple[str, list[str]]:
    """The tag and auxiliary lemmas that ``parley.time.tense_from_tags`` needs."""
    return tree.toks[v].tag, [tree.toks[c].text.lower() for c in tree.children(v, "aux", "auxpass")]


def _chain(tree: Tree, v: int) -> list[int]:
    """Verbs that govern ``v`` through infinitive complements ("wants to hope to meet")."""
    out, i = [], v
    while tree.toks[i].dep in {"xcomp", "ccomp", "pcomp", "prep", "pobj"} and tree.toks[i].head != i:
        i = tree.toks[i].head
        if tree.toks[i].pos in {"VERB", "AUX", "ADJ"}:
            out.append(i)
        if tree.toks[i].dep == "ccomp":
            out.append(tree.toks[i].head)
            break
    return out


def _top(tree: Tree, a: int) -> int:
    """The clause's reporting verb, if any ("said Monday he hoped to meet" -> said)."""
    while tree.toks[a].dep in {"ccomp", "xcomp"} and tree.toks[a].head != a:
        a = tree.toks[a].head
    return a


def _negated(tree: Tree, v: int) -> bool:
    """ "did not meet", "never met", "left without meeting"."""
    if tree.children(v, "neg") or any(tree.toks[c].lemma == "never" for c in tree.kids[v]):
        return True
    head = tree.toks[v].head
    return tree.toks[v].dep == "pcomp" and tree.toks[head].lemma == "without"


UNTIL = frozenset({"until", "till"})


def _conditional(tree: Tree, v: int, lex: Lexicon) -> bool:
    st = lex.status
    for a in [v, *tree.ancestors(v)]:
        if tree.toks[a].dep == "advcl" and tree.lemmas(a, "mark") & st["condition"]:
            return True
        if tree.toks[a].dep == "advcl" and tree.lemmas(a, "mark") & UNTIL and tree.toks[a].tag in {"VBZ", "VBP"}:
            return True  # "will not negotiate until Turkey withdraws": a condition, not a withdrawal
        if a == v and tree.lemmas(a, "mark") & st["condition"]:
            return True
    aux = tree.lemmas(v, "aux")
    if aux & st["modals"]:
        words = {t.lemma for t in tree.toks}
        return bool(words & (st["hedge_modal"] | st["condition"])) or "have" in aux
    return False
