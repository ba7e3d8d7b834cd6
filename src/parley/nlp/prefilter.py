"""A fast first pass: which sentences can hold an event between two actors?

The dependency parse is most of the cost, and most sentences of a news corpus hold no interaction
between two actors. This pass only tokenizes, splits sentences by rule and looks the tokens up in
a phrase matcher built from the actor knowledge base (names, surnames, countries, capitals,
demonyms, organisations). A sentence goes on to the full parse when it names two actors, or one
plus a word that may refer to another (a pronoun, a role such as "the president", "the two sides"),
one inside a quotation (its speaker may be named next to it), or one with an event word of the
lexicon ("Then Kim is said to have rejected the offer": the other side comes from the context); a
sentence with no known name goes on when it has an event word and a group, body or role word that
resolves by the article's country ("Police arrested dozens of protesters"); a pronoun is not enough there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

REFERRING = frozenset(
    {
        "he",
        "she",
        "they",
        "him",
        "her",
        "his",
        "their",
        "them",
        "we",
        "our",
        "president",
        "leader",
        "minister",
        "chancellor",
        "premier",
        "dictator",
        "king",
        "queen",
        "prime",
        "secretary",
        "envoy",
        "official",
        "officials",
        "government",
        "regime",
        "administration",
        "troops",
        "army",
        "military",
        "forces",
        "side",
        "sides",
        "delegation",
        "delegations",
        "counterpart",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "ministry",
        "chairman",
        "both",
        "two",
    }
)
QUOTES = frozenset('“”"')
# Pronouns refer only back to a name: with no name in the sentence, they do not make it worth parsing
# (the sentences before it that named someone were kept on their own).
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "his", "their", "them", "we", "our"})


class Prefilter:
    """Built once (like the spaCy pipeline) from the entity patterns of the knowledge base."""

    def __init__(
        self, patterns: Sequence[dict[str, Any]], triggers: Iterable[str] = (), groups: Iterable[str] = ()
    ) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.matcher = PhraseMatcher(self.nlp.vocab)
        texts = sorted({p["pattern"] for p in patterns if isinstance(p.get("pattern"), str)})
        self.matcher.add("ACTOR", [self.nlp.make_doc(t) for t in texts])
        # Names as the knowledge base writes them, for reading all-capitals headlines (nlp.truecase).
        # A name that is also a common word ("May", "Will") stays a word there, unless it is an acronym.
        from spacy.lang.en.stop_words import STOP_WORDS

        self.cased = {
            w.lower(): w for t in texts for w in t.split()
            if w[:1].isupper() and w.isalpha() and (w.lower() not in STOP_WORDS or (w.isupper() and len(w) <= 4))
        }  # fmt: skip
        self.triggers = frozenset(f for lemma in triggers for f in inflections(lemma))
        self.referring = REFERRING | {g.lower() for g in groups if " " not in g}  # "police", "protesters"

    def sentences(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, keep) for each sentence of ``text``: character offsets and the verdict."""
        doc = self.nlp(text)
        starts = sorted({doc[s:e].start for _, s, e in self.matcher(doc)})
        out = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            actors = sum(1 for s in starts if sent.start <= s < sent.end)
            refs = sum(1 for t in sent if t.lower_ in self.referring)
            named = any(t.lower_ in self.referring and t.lower_ not in PRONOUNS for t in sent)
            trigger = any(t.lower_ in self.triggers for t in sent)
            quoted = any(t.text in QUOTES for t in sent)
            keep = actors >= 2 or (actors == 1 and bool(refs or trigger or quoted)) or (named and trigger)
            out.append((sent.start_char, sent.end_char, keep))
        return out


IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "send": ("sent",), "give": ("gave", "given"), "take": ("took", "taken"),
    "strike": ("struck",), "fight": ("fought",), "seek": ("sought",), "shoot": ("shot",), "lend": ("lent",),
    "speak": ("spoke", "spoken"), "withdraw": ("withdrew", "withdrawn"), "break": ("broke", "broken"),
    "forbid": ("forbade", "forbidden"), "sell": ("sold",), "freeze": ("froze", "frozen"), "win": ("won",),
}  # fmt: skip


def inflections(lemma: str) -> set[str]:
    """Surface forms of a lexicon word, without a lemmatizer: "reject" -> rejects, rejected, rejecting."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", *IRREGULAR.get(w, ())}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms
