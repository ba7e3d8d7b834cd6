"""HTML to main text, with the standard library only (``html.parser``).

    text, meta = html_to_text(page)
    meta -> {"title": ..., "date": "2019-11-20", "url": ..., "outlet": ...} (keys present when found)

The page is cut into text blocks while it is parsed (a block ends at every block-level tag). Blocks
inside page furniture (script, style, nav, header, footer, aside, form, figure, hidden elements,
and elements whose class or id names a share bar, a comment list, an advert ...) are dropped,
unless that element holds most of the page's prose (some sites wrap the whole page in a form).
The main content is the element whose prose outweighs its other text the most: an element marked
``itemprop="articleBody"`` when there is one, else the densest block of paragraph text, which is
usually the ``<article>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from parley.clean.dates import parse_iso

# tags whose text is never article text
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "svg", "button", "select", "textarea", "template",
    "object", "embed", "canvas", "video", "audio", "picture", "label", "input", "head", "title",
})  # fmt: skip
# tags of page furniture (kept only when they hold most of the page's prose)
REMOVE_TAGS = frozenset({
    "nav", "header", "footer", "aside", "form", "figure", "figcaption", "menu", "dialog", *SKIP_TAGS,
})  # fmt: skip
# tags that start and end a text block
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "br", "hr", "body", "center",
    "address", "details", "summary", *REMOVE_TAGS,
})  # fmt: skip
VOID_TAGS = frozenset({
    "br", "hr", "img", "meta", "link", "input", "source", "area", "base", "col", "embed", "param",
    "track", "wbr",
})  # fmt: skip
# a start tag of the key closes an open element of the values first (HTML's implied end tags)
IMPLIED_END: dict[str, frozenset[str]] = {
    "p": frozenset({"p"}), "li": frozenset({"li"}), "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}), "tr": frozenset({"tr", "td", "th"}), "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}), "option": frozenset({"option"}),
}  # fmt: skip
# a class or id token naming page furniture
BOILERPLATE_CLASS = re.compile(
    r"(?i)(?:^|[-_])(?:comments?|share|sharing|social|related|newsletter|promo|advert\w*|ads?|adslot"
    r"|sidebar|breadcrumbs?|cookies?|subscribe|subscription|recommend\w*|popular|outbrain|taboola"
    r"|footer|nav|navbar|navigation|menu|masthead|byline|author|tags|paywall|modal|popup|signup"
    r"|disclaimer|caption|credits?|toolbar|widget|most-?read|read-?more|more-?stories|trending"
    r"|hidden|sr-only|visually-hidden|print-only|skip|teaser|newsletter-signup)(?:$|[-_])"
)
ARTICLE_BODY_CLASS = re.compile(
    r"(?i)^(?:article[-_]?body|story[-_]?body|entry[-_]?content|post[-_]?content|article[-_]?content"
    r"|articlebody|article[-_]?text|story[-_]?content|body[-_]?text|content[-_]?body)$"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PROSE_MIN_CHARS = 40  # a block this long with few links counts as prose
MAX_LINK_DENSITY = 0.5  # more of a block's text in links than this: a link list, not prose
OTHER_TEXT_WEIGHT = 0.6  # how much non-prose text counts against an element
GUARD_SHARE = 0.5  # a furniture element holding this share of the page's prose is kept
MAX_DEPTH = 256  # deeper elements (unclosed tags piling up) are read as inline text
_SPACES = re.compile(r"\s+")


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None = None
    furniture: bool = False
    body_hint: bool = False
    prose: float = 0.0  # prose characters below this node
    other: float = 0.0  # other characters below this node


@dataclass(eq=False)
class _Block:
    path: tuple[_Node, ...]
    tag: str
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(self.parts)).strip()


class _PageParser(HTMLParser):
    """Builds the block list and gathers page metadata in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Node] = [_Node("#root", {})]
        self.blocks: list[_Block] = []
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.block = _Block((self.stack[0],), "#root")
        self.in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        self._note_meta(tag, values)
        if tag in IMPLIED_END and self.stack[-1].tag in IMPLIED_END[tag]:
            self._pop_to(self.stack[-1].tag)
        if tag in BLOCK_TAGS:
            self._new_block(tag)
        if tag in VOID_TAGS or len(self.stack) >= MAX_DEPTH:
            return
        node = _Node(tag, values, self.stack[-1], _is_furniture(tag, values), _is_body(values))
        self.stack.append(node)
        self.in_link += tag == "a"
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note_meta(tag, {k.lower(): (v or "") for k, v in attrs})
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    def handle_endtag(self, tag: str) -> None:
        if any(node.tag == tag for node in self.stack[1:]):
            self._pop_to(tag)

    def handle_data(self, data: str) -> None:
        top = self.stack[-1]
        if top.tag == "script" and "ld+json" in top.attrs.get("type", ""):
            self.jsonld.append(data)
        elif top.tag == "title":
            self.meta["page_title"] = self.meta.get("page_title", "") + data
        self.block.parts.append(data)
        if self.in_link:
            self.block.link_chars += len(data.strip())

    def close(self) -> None:
        super().close()
        self._new_block("#end")

    def _pop_to(self, tag: str) -> None:
        while len(self.stack) > 1:
            node = self.stack.pop()
            self.in_link -= node.tag == "a"
            if node.tag == tag:
                break
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    def _new_block(self, tag: str) -> None:
        if self.block.parts and not any(n.tag in SKIP_TAGS for n in self.block.path):
            self.blocks.append(self.block)
        self.block = _Block(tuple(self.stack), self.stack[-1].tag)

    def _note_meta(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"]
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attrs.get("href", ""))
        elif tag == "time" and attrs.get("datetime"):
            self.meta.setdefault("time", attrs["datetime"])


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The page's main text (paragraphs separated by blank lines) and the metadata found in it."""
    parser = _PageParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        parser._new_block("#end")
    meta = _metadata(parser)
    blocks = [b for b in parser.blocks if b.text]
    _score(blocks)
    main = _main_element(blocks)
    paragraphs = list(_paragraphs(blocks, main, meta.get("title")))
    return "\n\n".join(paragraphs), meta


def _is_furniture(tag: str, attrs: dict[str, str]) -> bool:
    if tag in REMOVE_TAGS or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrs.get("style", ""), re.I):
        return True
    if attrs.get("role") in {"navigation", "banner", "contentinfo", "complementary", "dialog"}:
        return True
    return any(BOILERPLATE_CLASS.search(token) for token in _tokens(attrs))


def _is_body(attrs: dict[str, str]) -> bool:
    if attrs.get("itemprop", "").lower() == "articlebody":
        return True
    return any(ARTICLE_BODY_CLASS.match(token) for token in _tokens(attrs))


def _tokens(attrs: dict[str, str]) -> list[str]:
    return [*attrs.get("class", "").split(), *attrs.get("id", "").split()]


def _is_prose(block: _Block) -> bool:
    text = block.text
    return len(text) >= PROSE_MIN_CHARS and block.link_chars <= MAX_LINK_DENSITY * len(text)


def _score(blocks: Sequence[_Block]) -> None:
    """Add each block's prose and other characters to all the elements that hold it."""
    for block in blocks:
        prose = _is_prose(block)
        size = len(block.text)
        for node in block.path:
            if prose:
                node.prose += size
            else:
                node.other += size


def _dropped(block: _Block, total_prose: float) -> bool:
    """Whether the block sits inside furniture (not counting furniture that holds most prose)."""
    return any(n.furniture and n.prose < GUARD_SHARE * total_prose for n in block.path)


def _main_element(blocks: Sequence[_Block]) -> _Node | None:
    """The element whose prose outweighs its other text the most (an articleBody wins)."""
    if not blocks:
        return None
    total = blocks[0].path[0].prose
    nodes = {id(n): n for b in blocks if not _dropped(b, total) for n in b.path}
    marked = [n for n in nodes.values() if n.body_hint and n.prose >= 0.3 * total and n.prose > 0]
    pool = marked or list(nodes.values())
    return max(pool, key=lambda n: n.prose - OTHER_TEXT_WEIGHT * n.other, default=None)


def _paragraphs(blocks: Sequence[_Block], main: _Node | None, title: str | None) -> Iterator[str]:
    total = blocks[0].path[0].prose if blocks else 0.0
    for block in blocks:
        if main is not None and main not in block.path:
            continue
        if _dropped(block, total):
            continue
        text = block.text
        if block.link_chars > MAX_LINK_DENSITY * len(text) and len(text) < 300:
            continue
        if block.tag == "h1" and title and _similar(text, title):
            continue
        yield text


def _similar(a: str, b: str) -> bool:
    x, y = a.casefold().strip(), b.casefold().strip()
    return bool(x) and (x == y or x in y or y in x)


def _metadata(parser: _PageParser) -> dict[str, str]:
    found = parser.meta
    ld = _jsonld(parser.jsonld)
    h1 = next((b.text for b in parser.blocks if b.tag == "h1" and b.text), "")
    candidates = {
        "title": [found.get("og:title"), found.get("twitter:title"), ld.get("headline"),
                  found.get("page_title"), h1],
        "date": [found.get("article:published_time"), found.get("datepublished"), ld.get("datePublished"),
                 found.get("date"), found.get("pubdate"), found.get("time")],
        "url": [found.get("canonical"), found.get("og:url"), ld.get("url")],
        "outlet": [found.get("og:site_name"), ld.get("publisher")],
    }  # fmt: skip
    meta: dict[str, str] = {}
    for key, values in candidates.items():
        value = next((_SPACES.sub(" ", v).strip() for v in values if v and v.strip()), None)
        if key == "date" and value:
            value = parse_iso(value)
        if value:
            meta[key] = value
    return meta


def _jsonld(scripts: Sequence[str]) -> dict[str, str]:
    """headline, datePublished, url and publisher name from the page's JSON-LD, when present."""
    out: dict[str, str] = {}
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in _walk(data):
            for key in ("headline", "datePublished", "url"):
                if isinstance(item.get(key), str):
                    out.setdefault(key, item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                out.setdefault("publisher", publisher["name"])
    return out


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _walk(data.get("@graph"), depth + 1)
