"""Is an article news reporting or an opinion column?

An opinion piece argues in the author's own voice: verdicts on actors ("X is right to",
"is wrong to", "makes a grave error"), first-person plural commentary ("we make", "our
own"), prescriptions ("must persuade", "is the way to go") and few reporting verbs. News
attributes what it says ("said", "told reporters", "according to"). The score weighs
the first against the second per sentence, so length does not decide it.
"""

from __future__ import annotations

import re

OPINION_CUES = re.compile(
    r"\b(?:is|are|was|were)\s+(?:right|wrong|correct|mistaken)\s+to\b"
    r"|\b(?:grievous|grave|huge|big|terrible)\s+(?:error|mistake|win|blunder)\b"
    r"|\bwe\s+(?:make|have|need|must|should|cannot|can't|ought)\b"
    r"|\bour\s+own\b|\bin\s+my\s+view\b|\bI\s+(?:think|believe|argue)\b"
    r"|\bis\s+the\s+way\s+to\s+go\b|\bthe\s+irony\b|\bmake\s+no\s+mistake\b",
    re.IGNORECASE,
)
REPORTING_CUES = re.compile(
    r"\b(?:said|says|told|according\s+to|reported|announced|stated|added|confirmed|reporters)\b",
    re.IGNORECASE,
)
QUOTE_MARKS = re.compile(r"[“\"]([^”\"]{12,})[”\"]")


def genre_of(text: str) -> str:
    """``"opinion"`` when the author's verdicts outweigh attributed reporting, else ``"news"``."""
    plain = QUOTE_MARKS.sub(" ", text)  # what others are quoted saying is not the author's voice
    opinion = len(OPINION_CUES.findall(plain))
    reporting = len(REPORTING_CUES.findall(plain))
    return "opinion" if opinion >= 2 and opinion > reporting else "news"
