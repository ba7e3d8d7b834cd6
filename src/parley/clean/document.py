"""``clean_document``: from a scraped document to the articles' own reporting.

For each article glued into the document: the title, the publication date, and the body as
paragraphs separated by blank lines. Everything else (paywall notices, page furniture, sidebars,
captions, comment threads, date lines, the bullet summary, the dateline prefix) is kept as a
:class:`~parley.records.Span` in ``Article.dropped``, with offsets into ``Document.text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from parley.clean import boilerplate as bp
from parley.clean.boilerplate import Line
from parley.clean.dates import parse_iso
from parley.clean.genre import genre_of
from parley.clean.rules import Rules, default_rules
from parley.clean.split import split_pieces
from parley.records import Article, Document, Span, content_hash

LEAD_PARAGRAPHS = 3  # a city dateline is looked for in the first paragraphs only
_SPACES = re.compile(r"\s+")


@dataclass
class _Piece:
    """What one article's lines turn into while it is being cleaned."""

    lo: int
    hi: int
    title: str | None = None
    date: tuple[str, str] | None = None  # (ISO date, source)
    paragraphs: list[list[Line]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the kept paragraphs, assembled
    dropped: list[tuple[int, int, str]] = field(default_factory=list)

    def drop(self, line: Line, kind: str) -> None:
        if line.end > line.start:
            self.dropped.append((line.start, line.end, kind))


def clean_document(doc: Document, *, rules: Rules | None = None) -> list[Article]:
    """The articles in ``doc`` (``[]`` when no article text is left)."""
    rules = rules or default_rules()
    lines = bp.split_lines(doc.text)
    prefixes: dict[int, tuple[str, Line]] = {}
    _cut_prefix(lines, 0, prefixes, rules)
    kinds = [bp.line_kind(line.text, rules) for line in lines]
    pieces: list[_Piece] = []
    for lo, hi in split_pieces(lines, kinds, rules):
        if lo > 0 and _cut_prefix(lines, lo, prefixes, rules):
            kinds = [*kinds[:lo], *(bp.line_kind(line.text, rules) for line in lines[lo:])]
        pieces.append(_clean_piece(lines, kinds, _Piece(lo, hi), prefixes, doc, rules))
    return _articles(doc, [p for p in pieces if p.texts or (p.title or "").strip()])


def _cut_prefix(lines: list[Line], lo: int, found: dict[int, tuple[str, Line]], rules: Rules) -> bool:
    """Cut a date glued to the start of the first non-blank line at or after ``lo``."""
    first = next((line for line in lines[lo:] if not line.blank), None)
    hit = bp.date_prefix(first.text, rules) if first else None
    if first is None or hit is None or not first.text[hit[1] :].strip():
        return False
    iso, length = hit
    cut = len(first.text[:length].rstrip())
    rest = bp.trimmed(first.index, first.start + length, first.text[length:])
    found[first.index] = (iso, Line(first.index, first.start, first.start + cut, first.text[:cut]))
    lines[first.index] = rest
    return True


def _clean_piece(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    piece: _Piece,
    prefixes: dict[int, tuple[str, Line]],
    doc: Document,
    rules: Rules,
) -> _Piece:
    for index, (iso, cut) in prefixes.items():
        if piece.lo <= index < piece.hi:
            piece.drop(cut, "date")
            piece.date = piece.date or (iso, "prefix")
    title_line = _find_title(lines, kinds, piece, doc, rules)
    body_start = _body_start(lines, kinds, piece, title_line, rules)
    tail = bp.tail_start(lines, kinds, (body_start + 1, piece.hi), rules) if body_start < piece.hi else None
    _sort_lines(lines, kinds, piece, body_start, tail if tail is not None else piece.hi, rules)
    if tail is not None:
        _drop_tail(lines[tail : piece.hi], piece, rules)
    _strip_dateline(piece, rules)
    _final_check(piece, rules)
    if doc.date:
        piece.date = (parse_iso(doc.date) or doc.date, "metadata")
    return piece


def _find_title(
    lines: Sequence[Line], kinds: Sequence[str | None], piece: _Piece, doc: Document, rules: Rules
) -> Line | None:
    """The headline line of the piece (``doc.title`` wins for the first piece)."""
    first = next((ln for ln in lines[piece.lo : piece.hi] if not ln.blank and kinds[ln.index] is None), None)
    if doc.title and piece.lo == 0:
        piece.title = doc.title.strip()
        return first if first is not None and bp.same_text(first.text, piece.title) else None
    if first is None or not bp.looks_like_headline(first.text, rules):
        return None
    after = lines[first.index + 1] if first.index + 1 < piece.hi else None
    if after is not None and kinds[after.index] is None and _continues(first.text, after.text):
        return None  # a hard-wrapped first sentence, not a headline
    piece.title = first.text
    return first


def _body_start(
    lines: Sequence[Line], kinds: Sequence[str | None], piece: _Piece, title: Line | None, rules: Rules
) -> int:
    """Index of the first line of reporting: not furniture, not the title, not a bullet summary."""
    for line in lines[piece.lo : piece.hi]:
        if line.blank or kinds[line.index] is not None or line is title:
            continue
        if piece.title and bp.same_text(line.text, piece.title):
            continue
        if not bp.is_bullet(line.text, rules):
            return line.index
    return piece.hi


def _sort_lines(
    lines: Sequence[Line], kinds: Sequence[str | None], piece: _Piece, body: int, tail: int, rules: Rules
) -> None:
    """Put each line before the tail into the body, or into ``dropped`` with its reason."""
    current: list[Line] = []
    wrapped = _looks_wrapped([ln for ln in lines[body:tail] if not ln.blank and kinds[ln.index] is None])
    for line in lines[piece.lo : tail]:
        kind = _line_reason(line, kinds[line.index], piece, body, rules)
        if line.blank or kind is not None:
            _flush(piece, current)
            current = []
            if kind is not None:
                piece.drop(line, kind)
                _note_date(piece, line, kind, rules)
            continue
        if current and not (wrapped or _continues(current[-1].text, line.text)):
            _flush(piece, current)
            current = []
        current.append(line)
    _flush(piece, current)


def _line_reason(line: Line, kind: str | None, piece: _Piece, body: int, rules: Rules) -> str | None:
    if line.blank or kind is not None:
        return kind
    if piece.title and bp.same_text(line.text, piece.title):
        return "title"
    if line.index < body:
        return "summary" if bp.is_bullet(line.text, rules) else "title"
    return None


def _note_date(piece: _Piece, line: Line, kind: str, rules: Rules) -> None:
    if kind == "date" and piece.date is None:
        piece.date = bp.date_of_line(line.text, rules)


def _continues(previous: str, text: str) -> bool:
    """A line that carries on the previous one's sentence (hard-wrapped text)."""
    return not bp.is_paragraph_end(previous) and text[:1].islower()


def _looks_wrapped(body: Sequence[Line]) -> bool:
    """Whether the body is hard-wrapped at a fixed width (paragraphs then end at blank lines)."""
    if len(body) < 4:
        return False
    lengths = [len(ln.text) for ln in body]
    typical = sum(1 for n in lengths if 30 <= n <= 100)
    return max(lengths) <= 110 and typical >= 0.7 * len(lengths)


def _flush(piece: _Piece, current: list[Line]) -> None:
    if current:
        piece.paragraphs.append(list(current))


def _drop_tail(tail: Sequence[Line], piece: _Piece, rules: Rules) -> None:
    kind = "comments"
    for line in tail:
        if not line.blank:
            kind = bp.tail_kind(line.text, kind, rules)
            piece.drop(line, kind)


def _strip_dateline(piece: _Piece, rules: Rules) -> None:
    """Cut "WASHINGTON: " / "Hanoi – " / "SEOUL, June 12 (Reuters) - " off the lead paragraph."""
    for paragraph in piece.paragraphs[:LEAD_PARAGRAPHS]:
        first = paragraph[0]
        for pattern in rules.lead_dateline:
            m = pattern.match(first.text)
            if m and first.text[m.end() :].strip():
                cut = len(m.group().rstrip())
                piece.drop(Line(first.index, first.start, first.start + cut, first.text[:cut]), "dateline")
                paragraph[0] = bp.trimmed(first.index, first.start + m.end(), first.text[m.end() :])
                return


def _final_check(piece: _Piece, rules: Rules) -> None:
    """Drop a paragraph that, once assembled, still reads as a paywall notice or furniture."""
    for paragraph in piece.paragraphs:
        text = _paragraph_text(paragraph, rules)
        kind = next((g.name for g in (rules.paywall, rules.furniture) if g.matches(text)), None)
        if text and kind is None:
            piece.texts.append(text)
            continue
        for line in paragraph:
            piece.drop(line, kind or "empty")


def _paragraph_text(paragraph: Sequence[Line], rules: Rules) -> str:
    return _SPACES.sub(" ", " ".join(bp.strip_bullet(line.text, rules) for line in paragraph)).strip()


def _articles(doc: Document, pieces: Sequence[_Piece]) -> list[Article]:
    articles: list[Article] = []
    for part, piece in enumerate(pieces):
        text = "\n\n".join(piece.texts) or " ".join((piece.title or "").split())  # a headline alone is the text
        date, source = piece.date or (None, None)
        articles.append(
            Article(
                article_id=content_hash(doc.doc_id, str(part), text),
                doc_id=doc.doc_id,
                part=part,
                title=piece.title,
                date=date,
                text=text,
                url=doc.url,
                outlet=doc.outlet,
                dropped=_spans(doc.text, piece.dropped),
                date_source=source,
                genre=genre_of(text),
            )
        )
    return articles


def _spans(text: str, dropped: Sequence[tuple[int, int, str]]) -> tuple[Span, ...]:
    """Dropped pieces in document order, neighbours of the same kind merged into one span."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(dropped):
        if merged and merged[-1][2] == kind and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    return tuple(Span(start, end, kind, text[start:end]) for start, end, kind in merged)


def headline_end(article: Article) -> int:
    """Where the headline that ``with_headline`` put in front of the text ends (0 when it has none)."""
    title = " ".join((article.title or "").split())
    return len(title) if title and article.text.startswith(title) else 0


def without_headline(article: Article) -> str:
    """The article's text without the headline that ``with_headline`` put in front (for finding
    syndicated copies, which share the body but often not the title)."""
    return article.text[headline_end(article) :].lstrip()


def with_headline(article: Article) -> Article:
    """The article with its headline as the first paragraph of the text that is coded: a headline
    reports the news too ("Ghana expels Togo's envoys"). The body's own telling of the same event wins
    when they are merged (``events.merge_repeats``). Unchanged when there is no title, or the text
    already opens with it."""
    title = " ".join((article.title or "").split())
    if not title or bp.same_text(article.text.split("\n", 1)[0], title):
        return article
    text = f"{title}\n\n{article.text}" if article.text else title
    return replace(article, text=text, article_id=content_hash(article.doc_id, str(article.part), text))
